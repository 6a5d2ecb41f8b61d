"""The fetch step: the rules engine's `Facts` (Polars frames) built straight from the database.

No model instances: every table is read with one SQL query. On PostgreSQL each query is streamed
with `COPY (SELECT …) TO STDOUT` as CSV and parsed by Polars (several queries in parallel on their
own connections when no transaction is open); on SQLite the rows come from one cursor. Periods
(memberships, discipline) are expanded to years in Polars, not in SQL. Frames other apps own
(initiatives, prizes, prior awards, registrations) come from the providers they register in
thidua.core.facts_registry; a failing provider stops the run.

    facts = build_facts(years=range(2021, 2026), root=province, campaign=campaign)
    result = thidua.rules.evaluate(rules, facts, evaluation_year=2025)
"""

# ruff: noqa: S608 - queries are assembled from constant fragments; values are parameters
from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
from django.db import connection

from thidua.core.facts_registry import FactProviderError, FactScope, fact_providers
from thidua.org.models import Unit
from thidua.org.selectors import continuation_paths, predecessor_paths
from thidua.results import snapshot
from thidua.rules import SCHEMA, Facts, RuleSet, ast
from thidua.rules.award_forms import title_forms
from thidua.rules.errors import FactsError
from thidua.rules.vocab import RATING, TITLE

Progress = Callable[[str, int, int], None]  # (step label, done, total)

# The scale is the engine's (one definition); the SQL below sends a rating as its value.
RATING_CODES = list(RATING.codes)
# Frames other apps supply through thidua.core.facts_registry (registered in their ready()).
PROVIDED = ("initiatives", "prizes", "prior_awards", "registrations")
# COPY through psql when it is installed (set THIDUA_FAST_COPY=0 to use psycopg only).
FAST_COPY = os.environ.get("THIDUA_FAST_COPY", "1") != "0"


def _quiet(step: str, done: int, total: int) -> None:
    del step, done, total


@dataclass
class FetchReport:
    """How long each table took and how many rows it had (for the benchmark and the page)."""

    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


# --- reading a query into a frame ---------------------------------------------------------------


def _read_sqlite(sql: str, params: Sequence[Any], schema: dict[str, Any]) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        rows = cursor.fetchall()
    if not rows:
        return pl.DataFrame(schema=schema)
    frame = pl.DataFrame(rows, schema=list(schema), orient="row", infer_schema_length=None)
    return frame.cast(schema, strict=False)  # type: ignore[arg-type]


def _parse_csv(data: bytes | io.BytesIO, schema: dict[str, Any]) -> pl.DataFrame:
    size = data.getbuffer().nbytes if isinstance(data, io.BytesIO) else len(data)
    if size == 0:
        return pl.DataFrame(schema=schema)
    return pl.read_csv(data, has_header=False, new_columns=list(schema),
                       schema_overrides=schema, infer_schema=False)


def _copy_csv(conn: Any, sql: str, params: Sequence[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """COPY (query) TO STDOUT as CSV through psycopg, parsed by Polars (nulls are empty)."""
    buffer = io.BytesIO()
    with conn.cursor() as cursor:
        with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
            for chunk in copy:  # one row per chunk: fine for small tables, slow for millions
                buffer.write(chunk)
    buffer.seek(0)
    return _parse_csv(buffer, schema)


# libpq connection keywords psql understands (the rest of Django's parameters are psycopg's).
_LIBPQ_KEYS = {"dbname", "user", "host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey",
               "connect_timeout", "options", "application_name", "target_session_attrs"}


class _Psql:
    """COPY through the `psql` client: it moves the rows in C, where psycopg hands Python one
    row at a time (about 2× faster in wall time for millions of rows, half the CPU). Used only
    outside a transaction, since psql has a connection of its own."""

    def __init__(self, executable: str, params: dict[str, Any]) -> None:
        from psycopg.conninfo import make_conninfo

        self.executable = executable
        self.conninfo = make_conninfo(**{k: str(v) for k, v in params.items()
                                         if k in _LIBPQ_KEYS and v not in (None, "")})
        self.env = {**os.environ, "PGCLIENTENCODING": "UTF8"}
        if params.get("password"):
            self.env["PGPASSWORD"] = str(params["password"])

    def copy(self, statement: str, schema: dict[str, Any]) -> pl.DataFrame:
        binary = all(t in _BINARY for t in schema.values())
        done = subprocess.run(  # noqa: S603 - fixed executable, statement built by this module
            [self.executable, self.conninfo, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
             f"COPY ({statement}) TO STDOUT WITH (FORMAT {'binary' if binary else 'csv'})"],
            capture_output=True, env=self.env, check=False)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode("utf-8", "replace").strip())
        return _parse_binary(done.stdout, schema) if binary else _parse_csv(done.stdout, schema)


# Polars type -> (big-endian numpy type, byte size): integer columns travel in COPY's binary
# format, which the server writes without formatting numbers and numpy reads in one pass. The
# queries cast such columns (BIGINT, INTEGER, SMALLINT) and never return NULL in them.
_BINARY = {pl.Int64: (">i8", 8), pl.Int32: (">i4", 4), pl.Int16: (">i2", 2)}


def _parse_binary(data: bytes, schema: dict[str, Any]) -> pl.DataFrame:
    """COPY ... (FORMAT binary) of NOT NULL integer columns: fixed-size rows -> numpy."""
    if not data.startswith(b"PGCOPY\n\xff\r\n\0"):
        raise RuntimeError("COPY binary: unexpected header")
    offset = 19 + int.from_bytes(data[15:19], "big")
    fields: list[tuple[str, str]] = [("count", ">i2")]
    for i, dtype in enumerate(schema.values()):
        code, _size = _BINARY[dtype]
        fields += [(f"len{i}", ">i4"), (f"v{i}", code)]
    row = np.dtype(fields)
    rows = (len(data) - offset - 2) // row.itemsize
    if offset + rows * row.itemsize + 2 != len(data):
        raise RuntimeError("COPY binary: rows of unexpected size (a NULL?)")
    array = np.frombuffer(data, dtype=row, count=rows, offset=offset)
    for i, dtype in enumerate(schema.values()):
        if rows and not (array[f"len{i}"] == _BINARY[dtype][1]).all():
            raise RuntimeError("COPY binary: a NULL or a value of another type")
    return pl.DataFrame({name: array[f"v{i}"].astype(_BINARY[dtype][0].replace(">", "<"))
                         for i, (name, dtype) in enumerate(schema.items())}, schema=schema)


class _Reader:
    """Runs the fetch queries: on PostgreSQL with COPY, in parallel when it is safe."""

    def __init__(self, parallel: bool) -> None:
        self.postgres = connection.vendor == "postgresql"
        # Other connections cannot see rows of an open transaction (tests, a request in atomic).
        self.outside = self.postgres and not connection.in_atomic_block
        self.parallel = parallel and self.outside
        self._params: dict[str, Any] | None = None
        self._psql: _Psql | None = None
        if self.outside and FAST_COPY:
            executable = shutil.which("psql")
            if executable:
                self._psql = _Psql(executable, self.params())

    def params(self) -> dict[str, Any]:
        if self._params is None:
            connection.ensure_connection()
            self._params = connection.get_connection_params()
        return self._params

    def _statement(self, sql: str, params: Sequence[Any]) -> str:
        """The query with its parameters bound client-side (quoted by psycopg)."""
        from psycopg import ClientCursor

        connection.ensure_connection()
        with ClientCursor(connection.connection) as cursor:
            return cursor.mogrify(sql, list(params))

    def one(self, sql: str, params: Sequence[Any], schema: dict[str, Any], *,
            big: bool = False) -> pl.DataFrame:
        """A query on Django's connection; `big` tables go through psql when it is there
        (starting psql costs a few hundredths of a second: not worth it for small tables)."""
        if not self.postgres:
            return _read_sqlite(sql, params, schema)
        if big and self._psql is not None:
            return self._psql.copy(self._statement(sql, params), schema)
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        return _copy_csv(raw, sql, params, schema)

    def _one_own(self, sql: str, params: Sequence[Any], schema: dict[str, Any],
                 statement: str | None) -> pl.DataFrame:
        """On a connection of its own (for parallel runs). Runs in a worker thread, so it must
        not touch Django's connection (one per thread, never closed): the statement is bound
        beforehand, in the caller's thread."""
        if self._psql is not None and statement is not None:
            return self._psql.copy(statement, schema)
        import psycopg

        with psycopg.connect(**self.params()) as conn:
            return _copy_csv(conn, sql, params, schema)

    def many(self, queries: dict[str, tuple[str, Sequence[Any], dict[str, Any]]],
             progress: Progress, report: FetchReport,
             big: Collection[str] = ()) -> dict[str, pl.DataFrame]:
        """Run the queries; in parallel mode the `big` ones go to worker threads (psql or a
        connection each) while the small ones run here, on Django's connection."""
        out: dict[str, pl.DataFrame] = {}
        total = len(queries)
        done = 0

        def record(name: str, frame: pl.DataFrame, seconds: float) -> None:
            nonlocal done
            out[name] = frame
            report.seconds[name] = seconds
            report.rows[name] = frame.height
            done += 1
            progress(name.split(":")[0], done, total)

        if not self.parallel:
            for name, (sql, params, schema) in queries.items():
                started = time.perf_counter()
                record(name, self.one(sql, params, schema, big=name.split(":")[0] in big),
                       time.perf_counter() - started)
            return out
        heavy = {k: q for k, q in queries.items() if k.split(":")[0] in big}
        statements = {name: self._statement(sql, params) if self._psql is not None else None
                      for name, (sql, params, _) in heavy.items()}
        self.params()

        def run(item: tuple[str, tuple[str, Sequence[Any], dict[str, Any]]]) -> tuple[str, Any]:
            name, (sql, params, schema) = item
            started = time.perf_counter()
            frame = self._one_own(sql, params, schema, statements[name])
            return name, (frame, time.perf_counter() - started)

        with ThreadPoolExecutor(max_workers=3) as pool:
            pending = [pool.submit(run, item) for item in heavy.items()]
            for name, (sql, params, schema) in queries.items():
                if name not in heavy:
                    started = time.perf_counter()
                    record(name, self.one(sql, params, schema), time.perf_counter() - started)
            for future in pending:
                name, (frame, seconds) = future.result()
                record(name, frame, seconds)
        return out


# --- scope --------------------------------------------------------------------------------------


def _scope_prefixes(root: Unit) -> list[str]:
    """LIKE patterns of the root's subtree, of its predecessors' subtrees and of the units that
    carry the root's own units on: after 1 July 2025 Kiên Giang's campaign is judged on Kiên
    Giang's units and on the new communes and merged departments that continue them under An
    Giang (their 2025 results) — never on the units An Giang had of its own; docs/lineage.md."""
    # A successor answers for its predecessors (An Giang's 2026 standards read Kiên Giang's
    # communes' 2023-2025 results), and a merged issuer's campaign reads what continues its units.
    paths = [root.path, *(p for p in predecessor_paths(root) if not p.startswith(root.path))]
    if root.active_to is not None:
        paths += continuation_paths(root)
    return [path + "%" for path in paths]


def _like_any(column: str, patterns: list[str]) -> str:
    return "(" + " OR ".join(f"{column} LIKE %s" for _ in patterns) + ")"


def _scope_sql(alias: str, root: Unit | None) -> tuple[str, list[Any]]:
    """A join and condition restricting rows of `alias`.unit_id to the root's subtree (and the
    subtrees of the units that carry the root on, see _scope_prefixes)."""
    if root is None:
        return "", []
    patterns = _scope_prefixes(root)
    return (f" JOIN org_unit su ON su.id = {alias}.unit_id AND {_like_any('su.path', patterns)}",
            patterns)


def _year_of(col: str) -> pl.Expr:
    return pl.col(col).str.slice(0, 4).cast(pl.Int32, strict=False)


def _year_sql(column: str) -> str:
    """The year of a date column as an integer, in this database's SQL."""
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def _as_year(frame: pl.DataFrame, col: str) -> pl.Expr:
    return _year_of(col) if frame.schema[col] == pl.Utf8 else pl.col(col).cast(pl.Int32)


def _spans(frame: pl.DataFrame, start: str, end: str, last: int) -> pl.DataFrame:
    """The rows with their period as years (__from, __to; an open end runs to `last`)."""
    return frame.with_columns(
        _as_year(frame, start).alias("__from"),
        _as_year(frame, end).fill_null(last).alias("__to"),
    ).drop(start, end)


def _in_year(year: int) -> pl.Expr:
    return (pl.col("__from") <= year) & (pl.col("__to") >= year)


def _expand_years(frame: pl.DataFrame, start: str, end: str, first: int, last: int) -> pl.DataFrame:
    """Rows with a [start, end] date period -> one row per year of the period within [first, last].

    The rows come out grouped by year, oldest first: one filter per year (a few passes over a
    column) instead of a list per row exploded, and the engine then slices each year without a
    partition pass (thidua.rules.facts._partition)."""
    spans = _spans(frame, start, end, last)
    return pl.concat([
        spans.filter(_in_year(year)).drop("__from", "__to")
        .with_columns(pl.lit(year, dtype=pl.Int32).alias("year"))
        for year in range(first, last + 1)
    ])


def _repeated(raw: pl.DataFrame) -> pl.Series:
    """By membership: does its person have another period at the same unit? Hashing 5 million
    keys is the costly part of expanding memberships, so a fetch from the database keeps the
    answer with the rows it stores in the snapshot."""
    # One integer key instead of a struct: hashing it is several times faster (unit ids stay
    # below 2**24, person ids below 2**39).
    key = pl.col("person_id") * (1 << 24) + pl.col("unit_id")
    return raw.select(key.is_duplicated().alias("repeated")).to_series()


def _memberships_by_year(raw: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """(person, unit, year) for every year a membership covers, grouped by year. Two periods of
    one person at one unit (a change of position) could give a year twice: only those people
    are deduplicated, the millions of others need no unique() pass."""
    twice = raw["repeated"] if "repeated" in raw.columns else _repeated(raw)
    spans = _spans(raw.select("person_id", "unit_id", "start", "end"), "start", "end", last)
    single, repeated = spans.filter(~twice), spans.filter(twice)
    parts = []
    for year in range(first, last + 1):
        parts.append(single.filter(_in_year(year)).select("person_id", "unit_id"))
        parts.append(repeated.filter(_in_year(year)).select("person_id", "unit_id")
                     .unique(maintain_order=True))
        parts[-2:] = [part.with_columns(pl.lit(year, dtype=pl.Int32).alias("year"))
                      for part in parts[-2:]]
    return pl.concat(parts).select("person_id", "unit_id", "year")


# --- the facts ----------------------------------------------------------------------------------


PERSON_YEARS = {"person_id": pl.Int64, "year": pl.Int16, "rating_v": pl.Int16, "flags": pl.Int16}
MEMBERSHIPS = {"person_id": pl.Int64, "unit_id": pl.Int64, "start": pl.Int32, "end": pl.Int32}
UNIT_YEARS = {"unit_id": pl.Int64, "year": pl.Int32, "score": pl.Float64, "rank": pl.Int64,
              "classification": pl.Utf8, "sipas": pl.Float64, "pci": pl.Float64,
              "papi": pl.Float64}
# A decision's first and last year, as Discipline.years(): with no end date it counts for the
# year of its decision only (one definition, checked against the model by a test).
DISCIPLINE = {"person_id": pl.Int64, "from_year": pl.Int32, "to_year": pl.Int32,
              "level": pl.Utf8}
# A rating code -> its value on the RATING scale (1 = worst), in SQL; an unknown code is NULL,
# which the binary COPY refuses, so it can never pass as "không hoàn thành".
_RATING_VALUE = ("CASE x.rating " + " ".join(
    f"WHEN '{code}' THEN {RATING.value(code)}" for code in RATING.codes) + " END")


def build_facts(*, years: Iterable[int], root: Unit | None = None, campaign: Any = None,
                registered: str = "campaign", with_names: bool | None = None,
                frames: Collection[str] | None = None, parallel: bool = True,
                progress: Progress = _quiet, report: FetchReport | None = None,
                use_snapshot: bool = True) -> Facts:
    """The facts of `years` for the units under `root` (all units when None).

    registered: "campaign" reads the campaign's registrations (units and people); "all" counts
    everyone as registered (what-if before registration); "none" leaves them empty.
    with_names: include people's names (for explanations); by default only below 200,000 people.
    frames: the frames to read (frames_needed tells which a set of standards reads); the others
    stay empty. None reads them all.
    use_snapshot: a whole-tree fetch reads the large frames from the columnar snapshot when it
    matches the database (thidua.results.snapshot), and writes it when it does not; False
    always reads the database (and still writes the snapshot).
    """
    report = report if report is not None else FetchReport()
    if root is not None and root.parent_id is None and \
            not Unit.objects.exclude(path__startswith=root.path).exists():
        root = None  # the whole tree: the same rows, and the snapshot can serve them
    wanted = set(SCHEMA) if frames is None else {"units", "lineage", *frames}
    span = sorted(set(years))
    first, last = span[0], span[-1]
    reader = _Reader(parallel)
    started = time.perf_counter()
    # The whole tree of a national installation: its units, initiatives and prizes are tens or
    # hundreds of thousands of rows, worth psql (psycopg hands COPY over a row at a time);
    # for a province, starting psql would cost more than it saves.
    large = root is None and _large_installation()
    units = _units(reader, root, large=large)
    report.seconds["units"] = time.perf_counter() - started
    report.rows["units"] = units.height

    scope_u, scope_p = _scope_sql("x", root)
    # A person's ratings and discipline follow the person, not the unit: someone who worked in
    # the subtree keeps their 2025 rating made by the unit that absorbed theirs on 1 July 2025
    # (a campaign of Kiên Giang judged after the merger into An Giang, docs/lineage.md).
    person_cond, person_p = ("", []) if root is None else (
        " AND x.person_id IN (SELECT m3.person_id FROM org_membership m3 JOIN org_unit u3 "
        f"ON u3.id = m3.unit_id AND {_like_any('u3.path', scope_p)})", scope_p)
    end_column = 'x."end"'
    end_of_last, start_of_first = f"{last}-12-31", f"{first}-01-01"
    if with_names is None and "people" in wanted:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM org_person")
            with_names = cursor.fetchone()[0] < 200_000
    people_schema: dict[str, Any] = {"person_id": pl.Int64, "code": pl.Utf8, "gender": pl.Utf8,
                                     "current_unit": pl.Int64}
    if with_names:
        people_schema["name"] = pl.Utf8
    people_where = "" if root is None else (
        " WHERE x.id IN (SELECT m2.person_id FROM org_membership m2 JOIN org_unit u2 "
        f"ON u2.id = m2.unit_id AND {_like_any('u2.path', scope_p)})")
    queries: dict[str, tuple[str, Sequence[Any], dict[str, Any]]] = {
        "person_years": (
            # One digit per rating and one number for the three attestations: short CSV rows.
            "SELECT CAST(x.person_id AS BIGINT), CAST(x.year AS SMALLINT), "
            f"CAST({_RATING_VALUE} AS SMALLINT), "
            "CAST(CASE WHEN x.outstanding_cchc THEN 1 ELSE 0 END + CASE WHEN x.direct_cchc "
            "THEN 2 ELSE 0 END + CASE WHEN x.duties_well THEN 4 ELSE 0 END AS SMALLINT) "
            f"FROM results_personrating x WHERE x.year BETWEEN %s AND %s{person_cond}",
            [first, last, *person_p], PERSON_YEARS),
        "memberships": (
            "SELECT CAST(x.person_id AS BIGINT), CAST(x.unit_id AS BIGINT), "
            f"{_year_sql('x.start')}, COALESCE({_year_sql(end_column)}, 9999) "
            f"FROM org_membership x{scope_u} WHERE x.start <= %s "
            "AND (x.\"end\" IS NULL OR x.\"end\" >= %s)",
            [*scope_p, end_of_last, start_of_first], MEMBERSHIPS),
        "people": (
            f"SELECT x.id, x.code, x.gender, x.unit_id{', x.full_name' if with_names else ''} "
            f"FROM org_person x{people_where}",
            [] if root is None else scope_p, people_schema),
        "unit_years": (
            "SELECT x.unit_id, x.year, x.score, x.rank, x.classification, x.sipas, x.pci, x.papi "
            f"FROM results_annualresult x{scope_u} WHERE x.year BETWEEN %s AND %s",
            [*scope_p, first, last], UNIT_YEARS),
        "discipline": (
            f"SELECT x.person_id, {_year_sql('x.decided_on')}, "
            f"{_year_sql('COALESCE(x.ends_on, x.decided_on)')}, x.level "
            f"FROM results_discipline x WHERE x.decided_on <= %s "
            f"AND COALESCE(x.ends_on, x.decided_on) >= %s{person_cond}",
            [end_of_last, start_of_first, *person_p], DISCIPLINE),
    }
    if "people" not in wanted:  # the women tie-break still needs each unit's share of women
        queries["female_share"] = (
            "SELECT x.unit_id, COUNT(*) FILTER (WHERE x.gender = 'F'), COUNT(*) "
            f"FROM org_person x{scope_u} WHERE x.unit_id IS NOT NULL GROUP BY x.unit_id",
            scope_p, {"unit_id": pl.Int64, "women": pl.Int64, "n": pl.Int64})
    queries = {k: q for k, q in queries.items() if k in wanted or k == "female_share"}
    if reader.parallel and "person_years" in queries:
        # The largest table in two halves of its heap (a TID range scan each, PostgreSQL 14+),
        # so two connections share it without both reading every page.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size('results_personrating') / "
                           "current_setting('block_size')::int")
            middle = max(1, int(cursor.fetchone()[0]) // 2)
        sql, params, schema = queries.pop("person_years")
        queries = {"person_years:1": (sql + " AND x.ctid < %s::tid", [*params, f"({middle},0)"],
                                      schema),
                   "person_years:2": (sql + " AND x.ctid >= %s::tid",
                                      [*params, f"({middle},0)"], schema), **queries}
    stamp = snapshot.facts_stamp() if root is None and snapshot.snapshot_enabled() else None
    cached: dict[str, pl.DataFrame] = {}
    if stamp is not None and use_snapshot:
        started = time.perf_counter()
        cached = snapshot.snapshot_load(
            stamp=stamp, first=first, last=last, names=bool(with_names),
            wanted={k.split(":")[0] for k in queries}) or {}
        if cached:
            report.seconds["snapshot"] = time.perf_counter() - started
            queries = {k: q for k, q in queries.items() if k.split(":")[0] not in cached}
    fetched = reader.many(queries, progress, report,
                          big={"person_years", "memberships", "people"})
    if "person_years:1" in fetched:
        fetched["person_years"] = pl.concat([fetched.pop("person_years:1"),
                                             fetched.pop("person_years:2")])
    if "memberships" in fetched:
        fetched["memberships"] = fetched["memberships"].with_columns(
            _repeated(fetched["memberships"]))
    if stamp is not None and any(name in fetched for name in snapshot.FRAMES):
        started = time.perf_counter()
        snapshot.snapshot_store(stamp=stamp, first=first, last=last, names=bool(with_names),
                                frames={k: v for k, v in fetched.items()
                                        if k in snapshot.FRAMES})
        report.seconds["snapshot_write"] = time.perf_counter() - started
    fetched.update(cached)

    def frame(name: str) -> pl.DataFrame:
        if name in fetched:
            return fetched[name]
        schemas: dict[str, dict[str, Any]] = {
            "person_years": PERSON_YEARS, "memberships": MEMBERSHIPS, "people": people_schema,
            "unit_years": UNIT_YEARS, "discipline": DISCIPLINE}
        return pl.DataFrame(schema=schemas[name])

    started = time.perf_counter()
    if frame("person_years")["rating_v"].null_count():
        raise FactsError("có xếp loại chất lượng cán bộ không thuộc thang "
                         f"{', '.join(RATING.labels)}: hãy sửa dữ liệu xếp loại")
    # An Enum of the scale's codes: four bytes a row where 12 million strings would take
    # hundreds of megabytes, and the engine maps it to its values without comparing text.
    rating = pl.col("rating_v").replace_strict(
        {i + 1: code for i, code in enumerate(RATING_CODES)}, return_dtype=pl.Enum(RATING_CODES))
    person_years = frame("person_years").select(
        "person_id", "year", rating.alias("rating"),
        (pl.col("flags") & 1).cast(pl.Boolean).alias("outstanding_cchc"),
        (pl.col("flags") & 2).cast(pl.Boolean).alias("direct_cchc"),
        (pl.col("flags") & 4).cast(pl.Boolean).alias("duties_well"))
    memberships = _memberships_by_year(frame("memberships"), first, last)
    discipline = _expand_years(frame("discipline"), "from_year", "to_year", first, last).select(
        "person_id", "year", "level")
    people = frame("people")
    # A fraction 0..1, as the engine reads it (docs/rules.md §5: female_share * 100 >= 70).
    if "female_share" in fetched:
        share = fetched["female_share"].select(
            "unit_id", (pl.col("women") / pl.col("n")).alias("female_share"))
    else:
        share = people.filter(pl.col("current_unit").is_not_null()).group_by("current_unit").agg(
            (pl.col("gender") == "F").mean().alias("female_share")
        ).rename({"current_unit": "unit_id"})
    units = units.join(share, on="unit_id", how="left")
    people = people.drop("current_unit")
    if root is not None:
        memberships = memberships.filter(pl.col("unit_id").is_in(units["unit_id"].implode()))

    lineage = _lineage(reader, units)
    scope = FactScope(first=first, last=last, root=root, campaign=campaign,
                      read=lambda sql, params, schema: reader.one(sql, params, schema,
                                                                  big=large))
    provided = {name: _provided(name, scope, units, people if "people" in wanted else None)
                for name in PROVIDED
                if name in wanted and (name != "registrations"
                                       or (registered == "campaign" and campaign is not None))}
    if "registrations" in wanted and registered == "all":
        provided["registrations"] = _everyone(units, people)
    if "prior_awards" in provided and "person_years" in wanted:
        person_years = _with_titles(person_years, provided["prior_awards"])
    report.seconds["shape"] = time.perf_counter() - started
    return Facts(
        units=units, unit_years=frame("unit_years"), people=people, memberships=memberships,
        person_years=person_years, discipline=discipline, lineage=lineage, **provided,
    )


def _with_titles(person_years: pl.DataFrame, awards: pl.DataFrame) -> pl.DataFrame:
    """A person's emulation title of a year («danh hiệu»: Lao động tiên tiến, Chiến sĩ thi đua
    cơ sở …) is the best title awarded to them for that year (the award forms of
    award_forms.yaml that confer one); a year with a title and no rating still gets a row."""
    forms = title_forms()
    given = awards.filter((pl.col("subject_kind") == "person")
                          & pl.col("award").is_in(list(forms)))
    if given.height == 0:
        return person_years.with_columns(pl.lit(None, dtype=pl.Utf8).alias("title"))
    titles = given.select(
        pl.col("subject_id").alias("person_id"), pl.col("year").cast(pl.Int16),
        pl.col("award").replace_strict({c: TITLE.value(t) for c, t in forms.items()},
                                       return_dtype=pl.Int8).alias("title_v"),
    ).group_by("person_id", "year").agg(pl.col("title_v").max()).with_columns(
        pl.col("title_v").replace_strict({TITLE.value(c): c for c in TITLE.codes},
                                         return_dtype=pl.Utf8).alias("title")).drop("title_v")
    joined = person_years.with_columns(pl.col("year").cast(pl.Int16)).join(
        titles, on=["person_id", "year"], how="full", coalesce=True)
    return joined.with_columns(*[pl.col(c).fill_null(False) for c in
                                 ("outstanding_cchc", "direct_cchc", "duties_well")
                                 if c in joined.columns])


def _large_installation() -> bool:
    """Over 200,000 people (the largest id: instant on the primary key, an upper bound)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM org_person")
        top = cursor.fetchone()[0]
    return bool(top) and int(top) >= 200_000


def _units(reader: _Reader, root: Unit | None, *, large: bool = False) -> pl.DataFrame:
    schema = {"unit_id": pl.Int64, "code": pl.Utf8, "category": pl.Utf8, "name": pl.Utf8,
              "kind": pl.Utf8, "parent_id": pl.Int64, "active_from": pl.Utf8,
              "active_to": pl.Utf8}
    base = ("SELECT u.id, u.code, c.code, u.name, u.kind, u.parent_id, u.active_from, "
            "u.active_to FROM org_unit u JOIN org_unitcategory c ON c.id = u.category_id")
    if root is None:
        frame = reader.one(base, [], schema, big=large)
    else:
        # The subtree, the units above it (for "đơn vị cấp trên") and units linked by lineage.
        ancestors = [c for c in root.path.strip("/").split("/")[:-1] if c]
        patterns = _scope_prefixes(root)
        frame = reader.one(base + " WHERE " + _like_any("u.path", patterns), patterns, schema)
        if ancestors:
            above = reader.one(base + " WHERE u.code IN (" + ",".join(["%s"] * len(ancestors))
                               + ")", ancestors, schema)
            frame = pl.concat([above, frame])
        linked = _linked_outside(reader, frame)
        if linked:
            extra = reader.one(base + " WHERE u.id IN (" + ",".join(["%s"] * len(linked)) + ")",
                               linked, schema)
            frame = pl.concat([frame, extra]).unique("unit_id", keep="first")
    return frame.with_columns(_year_of("active_from").alias("active_from"),
                              _year_of("active_to").alias("active_to"))


def _linked_outside(reader: _Reader, frame: pl.DataFrame) -> list[int]:
    links = reader.one("SELECT l.predecessor_id, l.successor_id FROM org_lineagelink l "
                       "WHERE l.successor_id IS NOT NULL", [],
                       {"predecessor_id": pl.Int64, "successor_id": pl.Int64})
    known = set(frame["unit_id"].to_list())
    found: set[int] = set()
    frontier = set(known)
    for _ in range(10):  # chains of reorganisations are short
        hits = links.filter(pl.col("predecessor_id").is_in(list(frontier))
                            | pl.col("successor_id").is_in(list(frontier)))
        new = (set(hits["predecessor_id"].to_list()) | set(hits["successor_id"].to_list())) \
            - known - found
        if not new:
            break
        found |= new
        frontier = new
    return sorted(found)


def _lineage(reader: _Reader, units: pl.DataFrame) -> pl.DataFrame:
    links = reader.one(
        "SELECT l.successor_id, l.predecessor_id, e.effective_date FROM org_lineagelink l "
        "JOIN org_lineageevent e ON e.id = l.event_id WHERE l.successor_id IS NOT NULL", [],
        {"successor_id": pl.Int64, "predecessor_id": pl.Int64, "effective_date": pl.Utf8})
    ids = units["unit_id"].implode()
    return links.filter(pl.col("successor_id").is_in(ids) & pl.col("predecessor_id").is_in(ids)) \
        .select("successor_id", "predecessor_id",
                _year_of("effective_date").alias("effective_year"))


def _provided(name: str, scope: FactScope, units: pl.DataFrame,
              people: pl.DataFrame | None) -> pl.DataFrame:
    """The frame `name` from every provider registered for it (thidua.core.facts_registry).

    A provider's failure stops the run with its name and reason: no frame is ever guessed
    empty. A frame nobody provides is an error too (an app missing from the installation
    would otherwise read as "no prior award").
    """
    providers = fact_providers(name)
    if not providers:
        raise FactProviderError(f"không có nguồn dữ kiện nào cho bảng «{name}»: ứng dụng cung "
                                "cấp bảng này chưa được cài đặt")
    required, optional = SCHEMA[name]
    parts = []
    for provider_name, provider in providers:
        try:
            part = provider(scope)
        except FactProviderError:
            raise
        except Exception as error:  # re-raised with the provider named, never swallowed
            raise FactProviderError(f"nguồn dữ kiện «{provider_name}» của bảng «{name}» bị "
                                    f"lỗi: {error}") from error
        missing = [c for c in required if c not in part.columns]
        if missing:
            raise FactProviderError(f"nguồn dữ kiện «{provider_name}» của bảng «{name}» thiếu "
                                    f"cột {', '.join(missing)}")
        known = {**required, **optional}
        parts.append(part.select([pl.col(c).cast(known[c]) if c in known else pl.col(c)
                                  for c in part.columns]))
    frame = pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]
    if scope.root is None:
        return frame
    # A scoped run keeps rows of its units and people (the engine would drop the others).
    if name == "prizes":  # people only
        return frame if people is None else frame.filter(
            pl.col("person_id").is_in(people["person_id"].implode()))
    kind_col, id_col = (("owner_kind", "owner_id") if name == "initiatives"
                        else ("subject_kind", "subject_id"))
    unit_ids = units["unit_id"].implode()
    keep = (pl.col(kind_col) == "unit") & pl.col(id_col).is_in(unit_ids)
    keep = keep | ((pl.col(kind_col) == "person") & (
        pl.lit(True) if people is None else pl.col(id_col).is_in(people["person_id"].implode())))
    return frame.filter(keep)


def _everyone(units: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """registered="all": every unit and person, for the whole campaign (year null)."""
    return pl.concat([
        units.select(pl.lit("unit").alias("subject_kind"), pl.col("unit_id").alias("subject_id")),
        people.select(pl.lit("person").alias("subject_kind"),
                      pl.col("person_id").alias("subject_id")),
    ]).with_columns(pl.lit(None, dtype=pl.Int32).alias("year"))


# --- this app's providers (registered in ResultsConfig.ready) -----------------------------------


def own_initiatives(scope: FactScope) -> pl.DataFrame:
    """Recognised initiatives recorded with the results (the minimal records of this app)."""
    assert scope.read is not None
    like = [scope.subtree()] if scope.root is not None else []
    unit_join = " JOIN org_unit su ON su.id = x.unit_id AND su.path LIKE %s" if like else ""
    person_join = (" JOIN org_person sp ON sp.id = x.person_id JOIN org_unit su ON "
                   "su.id = sp.unit_id AND su.path LIKE %s") if like else ""
    schema = {"owner_kind": pl.Utf8, "owner_id": pl.Int64, "year": pl.Int32, "level": pl.Utf8,
              "recognised": pl.Int8, "applied": pl.Int8}
    frame = scope.read(
        "SELECT 'unit', x.unit_id, x.year, x.level, 1, CASE WHEN x.applied THEN 1 ELSE 0 END "
        f"FROM results_recognisedinitiative x{unit_join} WHERE x.unit_id IS NOT NULL "
        "AND x.year BETWEEN %s AND %s "
        "UNION ALL SELECT 'person', x.person_id, x.year, x.level, 1, "
        "CASE WHEN x.applied THEN 1 ELSE 0 END "
        f"FROM results_recognisedinitiative x{person_join} WHERE x.person_id IS NOT NULL "
        "AND x.year BETWEEN %s AND %s",
        [*like, scope.first, scope.last, *like, scope.first, scope.last], schema)
    return frame.with_columns(pl.col("recognised").cast(pl.Boolean),
                              pl.col("applied").cast(pl.Boolean))


def own_prizes(scope: FactScope) -> pl.DataFrame:
    """Contest prizes recorded with the results."""
    assert scope.read is not None
    like = [scope.subtree()] if scope.root is not None else []
    join = (" JOIN org_person sp ON sp.id = x.person_id JOIN org_unit su ON su.id = sp.unit_id "
            "AND su.path LIKE %s") if like else ""
    return scope.read(f"SELECT x.person_id, x.year, x.contest, x.prize FROM results_contestprize "
                      f"x{join} WHERE x.year BETWEEN %s AND %s", [*like, scope.first, scope.last],
                      {"person_id": pl.Int64, "year": pl.Int32, "contest": pl.Utf8,
                       "prize": pl.Utf8})

# --- which frames a set of standards reads -------------------------------------------------------

_UNIT_MEASURES = {"cls", "score", "rank", "sipas", "pci", "papi"}
_PERSON_MEASURES = {"rating", "title"}


def frames_needed(rules: RuleSet, codes: Iterable[str]) -> set[str]:
    """The frames the standards `codes` (and those they refer to) read, so a run fetches no
    more than it needs: KG-P-FLAG reads units, unit_years, registrations and lineage only.
    Anything not recognised reads everything (safe)."""
    needed: set[str] = {"units", "lineage"}
    seen: set[str] = set()
    todo = list(codes)

    def atom(node: Any, person_side: bool) -> None:
        if isinstance(node, ast.Compare | ast.Known):
            needed.add("person_years" if node.measure in _PERSON_MEASURES else "unit_years")
            if node.measure == "title":  # titles are awards: read from the decisions
                needed.add("prior_awards")
            if node.measure not in _UNIT_MEASURES | _PERSON_MEASURES:
                needed.update(SCHEMA)
        elif isinstance(node, ast.RankImproved):
            needed.add("unit_years")
        elif isinstance(node, ast.Flag):
            needed.add("person_years")
        elif isinstance(node, ast.Disciplined):
            needed.update({"discipline", "memberships"})
        elif isinstance(node, ast.Counted):
            needed.add({"initiative": "initiatives", "prize": "prizes",
                        "award": "prior_awards"}.get(node.kind, "initiatives"))
            needed.update({"people"} if person_side else set())
        elif node is not None:
            needed.update(SCHEMA)

    def walk(node: Any, person_side: bool) -> None:
        if isinstance(node, ast.PerYear):
            atom(node.atom, person_side)
        elif isinstance(node, ast.MemberShare):
            needed.update({"memberships", "people"})
            atom(node.atom, True)
        elif isinstance(node, ast.CountOver):
            atom(node.atom, person_side)
        elif isinstance(node, ast.Registered):
            needed.add("registrations")
        elif isinstance(node, ast.StandardRef):
            todo.extend(node.codes)
        elif isinstance(node, ast.Scoped):
            if node.scope == "workunit":
                needed.add("memberships")
            walk(node.child, False)
        elif isinstance(node, ast.AllOf | ast.AnyOf | ast.Not | ast.IfThen):
            for child in ast.children(node):
                walk(child, person_side)
        elif isinstance(node, ast.InCategory) or node is None:
            pass
        else:
            needed.update(SCHEMA)

    while todo:
        code = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        std = rules[code]
        individual = std.subject == "individual"
        if individual:
            needed.update({"people", "memberships"})
        walk(std.condition, individual)
        todo.extend(std.higher)  # «hình thức cao hơn»: evaluated first, with its own frames
        for key in std.order:
            if key.atom is not None:
                atom(key.atom, individual and key.scope != "workunit")
            elif key.measure in _PERSON_MEASURES:
                needed.add("person_years")
                if key.measure == "title":
                    needed.add("prior_awards")
            elif key.measure:
                needed.add("unit_years")
    return needed & set(SCHEMA)
