"""Input facts as Polars frames, dated parameters, and their preparation (codes, lineage, years).

The Django side builds a Facts from the database (a "fetch" step); tests and benchmarks build
it in memory. `prepare` turns it into aligned, encoded tables the engine reads: every unit and
every person gets a dense index, ordinal codes become small integers, scores become integer
hundredths (so averages round the same way whatever the summation order), and units formed by
a merger inherit their predecessors' years (see docs/rules.md, "Lineage").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import yaml

from thidua.rules.errors import FactsError
from thidua.rules.vocab import CLASSIFICATION, DISCIPLINE, INITIATIVE_LEVEL, RATING, TITLE, Scale, fold_words

# Frame name -> required columns with their dtypes, then optional columns.
SCHEMA: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "units": (
        {"unit_id": pl.Int64, "code": pl.Utf8, "category": pl.Utf8},
        {"name": pl.Utf8, "kind": pl.Utf8, "parent_id": pl.Int64, "female_share": pl.Float64,
         "active_from": pl.Int32, "active_to": pl.Int32, "collective": pl.Boolean},
    ),
    "unit_years": (
        {"unit_id": pl.Int64, "year": pl.Int32},
        {"score": pl.Float64, "rank": pl.Int64, "classification": pl.Utf8,
         "sipas": pl.Float64, "pci": pl.Float64, "papi": pl.Float64},
    ),
    "people": (
        {"person_id": pl.Int64, "code": pl.Utf8},
        {"name": pl.Utf8, "gender": pl.Utf8},
    ),
    "memberships": ({"person_id": pl.Int64, "unit_id": pl.Int64, "year": pl.Int32}, {}),
    "person_years": (
        {"person_id": pl.Int64, "year": pl.Int32},
        {"rating": pl.Utf8, "title": pl.Utf8, "outstanding_cchc": pl.Boolean,
         "direct_cchc": pl.Boolean},
    ),
    "discipline": ({"person_id": pl.Int64, "year": pl.Int32, "level": pl.Utf8}, {}),
    "initiatives": (
        {"owner_kind": pl.Utf8, "owner_id": pl.Int64, "year": pl.Int32},
        {"level": pl.Utf8, "recognised": pl.Boolean, "applied": pl.Boolean},
    ),
    "prizes": ({"person_id": pl.Int64, "year": pl.Int32, "contest": pl.Utf8},
               {"prize": pl.Utf8}),
    "registrations": ({"subject_kind": pl.Utf8, "subject_id": pl.Int64}, {"year": pl.Int32}),
    "prior_awards": (
        {"subject_kind": pl.Utf8, "subject_id": pl.Int64, "award": pl.Utf8, "year": pl.Int32}, {}
    ),
    "lineage": (
        {"successor_id": pl.Int64, "predecessor_id": pl.Int64, "effective_year": pl.Int32}, {}
    ),
}


def empty_frame(name: str) -> pl.DataFrame:
    required, _ = SCHEMA[name]
    return pl.DataFrame(schema=required)


@dataclass
class Facts:
    """Everything the standards read, as Polars frames (columns in SCHEMA, documented in
    docs/rules.md). Frames not given are empty. Ordinal columns accept codes ("xuat_sac")
    or Vietnamese labels ("xuất sắc")."""

    units: pl.DataFrame
    unit_years: pl.DataFrame = field(default_factory=lambda: empty_frame("unit_years"))
    people: pl.DataFrame = field(default_factory=lambda: empty_frame("people"))
    memberships: pl.DataFrame = field(default_factory=lambda: empty_frame("memberships"))
    person_years: pl.DataFrame = field(default_factory=lambda: empty_frame("person_years"))
    discipline: pl.DataFrame = field(default_factory=lambda: empty_frame("discipline"))
    initiatives: pl.DataFrame = field(default_factory=lambda: empty_frame("initiatives"))
    prizes: pl.DataFrame = field(default_factory=lambda: empty_frame("prizes"))
    registrations: pl.DataFrame = field(default_factory=lambda: empty_frame("registrations"))
    prior_awards: pl.DataFrame = field(default_factory=lambda: empty_frame("prior_awards"))
    lineage: pl.DataFrame = field(default_factory=lambda: empty_frame("lineage"))

    def frames(self) -> dict[str, pl.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_rows(cls, **tables: tuple[Sequence[str], Iterable[Sequence[Any]]]) -> Facts:
        """Facts from (column names, row tuples) per frame — e.g. a Django `values_list`:
        `Facts.from_rows(units=(["unit_id", "code", "category"], qs.values_list(...)))`."""
        frames: dict[str, pl.DataFrame] = {}
        for name, (columns, rows) in tables.items():
            if name not in SCHEMA:
                raise FactsError(f"không có bảng dữ kiện {name!r}; các bảng: {', '.join(SCHEMA)}")
            known = {**SCHEMA[name][0], **SCHEMA[name][1]}
            frames[name] = pl.DataFrame(
                list(rows), schema=list(columns), orient="row",
                schema_overrides={c: known[c] for c in columns if c in known},
            )
        if "units" not in frames:
            raise FactsError("thiếu bảng units")
        return cls(**frames)


# --------------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class BandVersion:
    valid_from: dt.date
    thresholds: tuple[tuple[int, float], ...]  # (classification value, minimum score), best first


@dataclass(frozen=True)
class Parameters:
    """Dated parameters: classification bands of the PAR INDEX, the women-share tie-break."""

    bands: tuple[BandVersion, ...]
    women_share: float = 70.0  # Decree 152/2025 Art. 4.6: collectives with >= 70 % women

    @classmethod
    def from_yaml(cls, text: str) -> Parameters:
        data = yaml.safe_load(text) or {}
        versions = []
        for item in data.get("classification_bands", []):
            raw_date = item.get("valid_from")
            valid_from = (
                raw_date if isinstance(raw_date, dt.date) else dt.date.fromisoformat(str(raw_date))
            )
            pairs = []
            for code in reversed(CLASSIFICATION.codes):
                if code in item:
                    pairs.append((CLASSIFICATION.value(code), float(item[code])))
            if not pairs:
                raise FactsError(f"mức phân loại ngày {valid_from} không có ngưỡng nào")
            versions.append(BandVersion(valid_from, tuple(pairs)))
        versions.sort(key=lambda v: v.valid_from)
        return cls(tuple(versions), float(data.get("women_share", 70.0)))

    @classmethod
    def default(cls) -> Parameters:
        return _default_parameters()

    def bands_for(self, year: int) -> BandVersion | None:
        """The bands in force for results of `year`: the last version valid on 31/12 of it."""
        chosen = None
        for v in self.bands:
            if v.valid_from <= dt.date(year, 12, 31):
                chosen = v
        return chosen


@lru_cache(maxsize=1)
def _default_parameters() -> Parameters:
    return Parameters.from_yaml((Path(__file__).with_name("parameters.yaml")).read_text("utf-8"))


# --------------------------------------------------------------------------------- preparing


def _centi(col: str) -> pl.Expr:
    # Scores are given with one or two decimals; integer hundredths make sums exact.
    return (pl.col(col) * 100).round(0).cast(pl.Int64)


def _encode(frame: pl.DataFrame, name: str, column: str, scale: Scale) -> pl.Expr:
    """Ordinal codes or labels -> 1..n (Int8). Integer columns are taken as already encoded."""
    dtype = frame.schema[column]
    if dtype.is_integer():
        return pl.col(column).cast(pl.Int8)
    phrases = scale.phrases()
    if isinstance(dtype, pl.Enum):
        values = list(dtype.categories.to_list())
    else:
        values = frame.get_column(column).drop_nulls().unique().to_list()
    mapping: dict[str, int] = {}
    bad = []
    for v in values:
        code = phrases.get(fold_words(str(v)).replace("_", " "))
        if code is None:
            bad.append(str(v))
        else:
            mapping[v] = scale.value(code)
    if isinstance(dtype, pl.Enum):
        # Only values actually used matter; categories can be a superset.
        used = set(frame.get_column(column).drop_nulls().unique().cast(pl.Utf8).to_list())
        bad = [b for b in bad if b in used]
    if bad:
        raise FactsError(
            f'bảng {name}, cột {column}: không biết giá trị {", ".join(sorted(bad)[:5])}; '
            f"dùng: {', '.join(scale.codes)}"
        )
    if not isinstance(dtype, pl.Enum) and set(values) <= set(scale.codes):
        # Plain codes (the usual fetch output): an Enum cast is the cheapest mapping.
        return pl.col(column).cast(pl.Enum(list(scale.codes))).to_physical().cast(pl.Int8) + 1
    if isinstance(dtype, pl.Enum):
        lut = [mapping.get(v) for v in values]
        return pl.col(column).to_physical().replace_strict(
            list(range(len(lut))), lut, default=None, return_dtype=pl.Int8)
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.Int8)


def _conform(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    required, optional = SCHEMA[name]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise FactsError(f"bảng {name} thiếu cột {', '.join(missing)}")
    exprs = []
    for col, dtype in {**required, **optional}.items():
        if col not in frame.columns:
            exprs.append(pl.lit(None, dtype=dtype).alias(col))
            continue
        have = frame.schema[col]
        keep = have == dtype or (
            dtype == pl.Utf8 and (isinstance(have, pl.Enum) or have.is_integer())
            and col in ("classification", "rating", "title", "level")
        )
        exprs.append(pl.col(col) if keep else pl.col(col).cast(dtype, strict=False))
    extra = [c for c in frame.columns if c not in required and c not in optional]
    # Extra boolean columns of person_years are attestations a standard may name.
    return frame.select(*exprs, *[pl.col(c) for c in extra])


def _map_ids(values: pl.Series, ids: np.ndarray, name: str) -> pl.Series:
    """Database ids -> dense index (Int32, null when unknown), vectorised.

    `ids` are sorted and unique. Consecutive ids (the usual primary keys) are an offset;
    otherwise a look-up table when ids are dense enough, else a binary search.
    """
    if values.len() == 0 or ids.size == 0:
        return pl.Series(name, [None] * values.len(), dtype=pl.Int32)
    lo, hi = int(ids[0]), int(ids[-1])
    if hi - lo == ids.size - 1:
        # An offset, in one multithreaded pass (millions of memberships and ratings).
        if not values.null_count() and lo <= values.min() and values.max() <= hi:  # type: ignore[operator]
            return (values - lo).cast(pl.Int32).alias(name)  # every id known: no mask
        shifted = values.cast(pl.Int64).fill_null(-1) - lo
        return pl.select(pl.when((shifted >= 0) & (shifted < ids.size)).then(shifted)
                         .cast(pl.Int32).alias(name)).to_series()
    v = values.fill_null(-1).to_numpy()
    if lo >= 0 and hi <= 4 * ids.size + 1_000_000:
        lut = np.full(hi + 2, -1, dtype=np.int64)
        lut[ids] = np.arange(ids.size)
        out = lut[np.clip(v, -1, hi + 1)]
        bad = out < 0
    else:
        pos = np.clip(np.searchsorted(ids, v), 0, ids.size - 1)
        out = pos.astype(np.int64)
        bad = ids[pos] != v
    s = pl.Series(name, out.astype(np.int32))
    return s.scatter(np.flatnonzero(bad), None) if bad.any() else s


def filled(name: str, value: Any, n: int, dtype: Any) -> pl.Series:
    """A series of n equal values, built natively (a Python list of millions is slow)."""
    return pl.repeat(value, n, dtype=dtype, eager=True).alias(name)


def _partition(frame: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """year -> rows of that year. Frames already sorted by year are sliced without copying."""
    if frame.height == 0:
        return {}
    years = frame["year"]
    if years.is_sorted():
        out: dict[int, pl.DataFrame] = {}
        bounds = frame.select(pl.col("year").unique(maintain_order=True)).to_series().to_list()
        for y in bounds:
            a = int(years.search_sorted(y, side="left"))
            b = int(years.search_sorted(y, side="right"))
            out[int(y)] = frame.slice(a, b - a).drop("year")
        return out
    parts = frame.partition_by("year", as_dict=True, include_key=False)
    return {int(k[0]): v for k, v in parts.items()}  # type: ignore[call-overload]


def _half_up_mean(col: str) -> pl.Expr:
    """Mean of integer hundredths, rounded half up to an integer (i.e. 2 decimals)."""
    s = pl.col(col).sum()
    n = pl.col(col).count()
    return pl.when(n > 0).then((2 * s + n) // (2 * n)).otherwise(None)


def _no_duplicates(parts: dict[int, pl.DataFrame], key: str, what: str) -> None:
    for year, part in parts.items():
        if part.height and part[key].n_unique() != part.height:
            raise FactsError(f"{what} có hai dòng cho cùng một đối tượng trong năm {year}")


class Prepared:
    """Encoded, aligned facts. `units` and `people` rows are in index order (uidx, pidx).

    Tables are prepared on first use, so a run that only needs units never touches the
    person tables. Lineage (docs/rules.md) is applied to every table it concerns.
    """

    def __init__(self, facts: Facts, parameters: Parameters | None = None) -> None:
        self.parameters = parameters or Parameters.default()
        self._raw = facts.frames()
        self._codes: dict[str, dict[str, int]] = {}
        units = _conform("units", self._raw["units"])
        if not units["unit_id"].is_sorted():
            units = units.sort("unit_id")
        if units["unit_id"].n_unique() != units.height:
            raise FactsError("bảng units có unit_id trùng nhau")
        if units["code"].n_unique() != units.height:
            dup = units.filter(pl.col("code").is_duplicated())["code"].unique().to_list()[:5]
            raise FactsError(f"bảng units có mã đơn vị trùng nhau: {', '.join(map(str, dup))}")
        self.unit_ids = units["unit_id"].to_numpy()
        women = pl.col("female_share").fill_null(0.0) * 100 >= self.parameters.women_share - 1e-9
        self.units = units.with_columns(
            pl.int_range(pl.len(), dtype=pl.Int32).alias("uidx"),
            _map_ids(units["parent_id"].fill_null(-1), self.unit_ids, "parent_idx"),
            women.alias("women"),
        ).select("uidx", "unit_id", "code", "name", "kind", "category", "parent_idx", "women",
                 "active_from", "active_to", "female_share", "collective")
        self.n_units = self.units.height
        lin = _conform("lineage", self._raw["lineage"])
        self.lineage = pl.DataFrame({
            "successor": _map_ids(lin["successor_id"], self.unit_ids, "successor"),
            "predecessor": _map_ids(lin["predecessor_id"], self.unit_ids, "predecessor"),
            "effective_year": lin["effective_year"],
        }).drop_nulls()
        self.successors = self.lineage.group_by("predecessor").agg(pl.col("effective_year").min())

    def _release(self, name: str) -> None:
        """Drop a raw frame once its prepared table is built: at national scale the raw
        memberships and ratings are hundreds of megabytes the evaluation never reads again
        (the caller's Facts keeps them only if the caller keeps it)."""
        self._raw[name] = empty_frame(name)

    # -- look-ups --------------------------------------------------------------------------
    def index_of(self, entity: str, code: str) -> int | None:
        """uidx or pidx of a code (a dict built once per entity, on first use)."""
        if entity not in self._codes:
            table = self.units if entity == "unit" else self.people
            self._codes[entity] = dict(zip(table["code"].to_list(), range(table.height),
                                           strict=True))
        return self._codes[entity].get(code)

    def unit_value(self, column: str, uidx: int) -> Any:
        """One unit's value of a column, from a list built once per column: explanations read
        thousands of them, and indexing a frame costs far more than indexing a list."""
        lists = self.__dict__.setdefault("_unit_lists", {})
        if column not in lists:
            lists[column] = self.units[column].to_list()
        return lists[column][uidx]

    def unit_code(self, uidx: int | None) -> str:
        return "?" if uidx is None else str(self.unit_value("code", uidx))

    def unit_name(self, uidx: int | None) -> str:
        if uidx is None:
            return "?"
        name = self.unit_value("name", uidx)
        return str(name) if name is not None else str(self.unit_value("code", uidx))

    def _links(self) -> list[tuple[int, pl.DataFrame]]:
        if self.lineage.height == 0:
            return []
        parts = self.lineage.partition_by("effective_year", as_dict=True)
        return sorted((int(k[0]), v.select("successor", "predecessor"))  # type: ignore[index]
                      for k, v in parts.items())

    # -- people ----------------------------------------------------------------------------
    @cached_property
    def people(self) -> pl.DataFrame:
        people = _conform("people", self._raw["people"])
        if not people["person_id"].is_sorted():
            people = people.sort("person_id")
        if people["person_id"].n_unique() != people.height:
            raise FactsError("bảng people có person_id trùng nhau")
        return people.with_columns(
            pl.int_range(pl.len(), dtype=pl.Int32).alias("pidx"),
            pl.col("gender").is_in(["F", "f", "NU", "nu", "Nu", "NỮ", "nữ", "Nữ", "female",
                                    "Female", "FEMALE"]).fill_null(False).alias("women"),
        ).select("pidx", "person_id", "code", "name", "gender", "women")

    @cached_property
    def person_ids(self) -> np.ndarray:
        return self.people["person_id"].to_numpy()

    @property
    def n_people(self) -> int:
        return self.people.height

    # -- unit years ------------------------------------------------------------------------
    @cached_property
    def unit_years(self) -> dict[int, pl.DataFrame]:
        """year -> uidx, cls, score, rank, sipas, pci, papi (scores in integer hundredths)."""
        raw = _conform("unit_years", self._raw["unit_years"])
        uy = raw.with_columns(_map_ids(raw["unit_id"], self.unit_ids, "uidx"))
        if uy["uidx"].null_count():
            uy = uy.filter(pl.col("uidx").is_not_null())  # results of unknown units
        uy = uy.select(
            "uidx", "year", _encode(uy, "unit_years", "classification", CLASSIFICATION)
            .alias("cls"), _centi("score").alias("score"), pl.col("rank"),
            _centi("sipas").alias("sipas"), _centi("pci").alias("pci"),
            _centi("papi").alias("papi"),
        )
        uy = _derive_classification(uy, self.parameters)
        extra = uy.clear()  # rows inherited through mergers, kept apart so `uy` slices cheaply
        for year, links in self._links():
            extra = pl.concat([extra, _inherit_years(uy, extra, links, year)])
        parts = _partition(uy)
        _no_duplicates(parts, "uidx", "bảng unit_years")
        for y, rows in _partition(extra).items():
            parts[y] = pl.concat([parts[y], rows]) if y in parts else rows
        return parts

    # -- memberships -----------------------------------------------------------------------
    @cached_property
    def members(self) -> dict[int, pl.DataFrame]:
        """year -> pidx, uidx: the memberships as given (one person's unit that year)."""
        raw = _conform("memberships", self._raw["memberships"])
        ms = pl.DataFrame({
            "pidx": _map_ids(raw["person_id"], self.person_ids, "pidx"),
            "uidx": _map_ids(raw["unit_id"], self.unit_ids, "uidx"),
            "year": raw["year"],
        })
        if ms["pidx"].null_count() or ms["uidx"].null_count():
            ms = ms.drop_nulls()
        parts = _partition(ms)
        self._release("memberships")
        return parts

    @property
    def inherited_members(self) -> dict[int, pl.DataFrame]:
        """year -> pidx, uidx: members of predecessors counted for the successor (lineage).

        Kept apart from `members` (no copy of millions of rows): member counts add both,
        while a person's own unit comes from `members` only. Built per year on first use
        (inherited_in): a run reads the years of its conditions, not every year fetched.
        """
        out = {}
        for y in sorted(self.members):
            part = self.inherited_in(y)
            if part is not None:
                out[y] = part
        return out

    @cached_property
    def _merger_steps(self) -> list[tuple[int, pl.DataFrame, np.ndarray | None]]:
        """(effective year, links, look-up predecessor -> successor or None) per lineage year.
        A merger (every predecessor has one successor) is a look-up by index; a split (a
        predecessor with several successors) needs the join."""
        steps = []
        for year, links in self._links():
            pred = links["predecessor"].to_numpy()
            lookup: np.ndarray | None = None
            if np.unique(pred).size == pred.size:
                lookup = np.full(self.n_units, -1, dtype=np.int32)
                lookup[pred] = links["successor"].to_numpy()
            steps.append((year, links, lookup))
        return steps

    def inherited_in(self, y: int) -> pl.DataFrame | None:
        """pidx, uidx of year `y`: the members of predecessors counted for their successors,
        through every later merger (chains carry through); None when there are none."""
        cache = self.__dict__.setdefault("_inherited", {})
        if y in cache:
            return cache[y]
        part = self.members.get(y)
        out: list[pl.DataFrame] = []
        if part is not None:
            for year, links, lookup in self._merger_steps:
                if y >= year:
                    continue
                if lookup is not None:
                    moved = pl.concat([part, *out]) if out else part
                    succ = lookup[moved["uidx"].to_numpy()]
                    moved = moved.select("pidx").with_columns(
                        pl.Series("uidx", succ)).filter(pl.Series(succ >= 0))
                else:
                    preds = links["predecessor"].implode()
                    rows = [r.filter(pl.col("uidx").is_in(preds)) for r in [part, *out]]
                    moved = pl.concat(rows).join(links, left_on="uidx", right_on="predecessor")
                    moved = moved.select("pidx", pl.col("successor").alias("uidx"))
                # Once per (person, successor): one integer key hashes several times faster
                # than the pair of columns.
                key = moved["pidx"].cast(pl.Int64) * (1 << 32) + moved["uidx"].cast(pl.Int64)
                out.append(moved.filter(key.is_first_distinct()))
        cache[y] = pl.concat(out) if out else None
        return cache[y]

    # -- person years ----------------------------------------------------------------------
    @cached_property
    def person_years(self) -> dict[int, pl.DataFrame]:
        raw = _conform("person_years", self._raw["person_years"])
        flag_cols = [c for c, t in raw.schema.items() if t == pl.Boolean]
        py = raw.with_columns(_map_ids(raw["person_id"], self.person_ids, "pidx")).filter(
            pl.col("pidx").is_not_null())
        py = py.select(
            "pidx", "year",
            _encode(py, "person_years", "rating", RATING).alias("rating"),
            _encode(py, "person_years", "title", TITLE).alias("title"),
            *[pl.col(c).fill_null(False) for c in flag_cols],
        )
        parts = _partition(py)
        _no_duplicates(parts, "pidx", "bảng person_years")
        self._release("person_years")
        return parts

    @cached_property
    def discipline(self) -> dict[int, pl.DataFrame]:
        raw = _conform("discipline", self._raw["discipline"])
        disc = raw.with_columns(_map_ids(raw["person_id"], self.person_ids, "pidx")).filter(
            pl.col("pidx").is_not_null())
        disc = disc.with_columns(_encode(disc, "discipline", "level", DISCIPLINE).fill_null(1)
                                 .alias("level_v"))
        disc = disc.group_by("pidx", "year").agg(pl.col("level_v").max().alias("level"))
        return _partition(disc)

    # -- initiatives, prizes, awards, registrations ----------------------------------------
    def _owned(self, frame: pl.DataFrame, kind_col: str, id_col: str) -> pl.DataFrame:
        """Rows owned by a unit or a person -> owner_kind ('unit'/'person') and idx."""
        f = frame.with_columns(pl.col(kind_col).str.to_lowercase().alias("owner_kind"))
        units = f.filter(pl.col("owner_kind") == "unit")
        people = f.filter(pl.col("owner_kind") == "person")
        return pl.concat([
            units.with_columns(_map_ids(units[id_col], self.unit_ids, "idx")),
            people.with_columns(_map_ids(people[id_col], self.person_ids, "idx")),
        ]).filter(pl.col("idx").is_not_null())

    @cached_property
    def initiatives(self) -> pl.DataFrame:
        """owner_kind, idx, year, level_v, recognised, applied (unit ones with lineage)."""
        raw = _conform("initiatives", self._raw["initiatives"])
        ini = self._owned(raw, "owner_kind", "owner_id")
        ini = ini.select(
            "owner_kind", "idx", "year",
            _encode(ini, "initiatives", "level", INITIATIVE_LEVEL).alias("level_v"),
            pl.col("recognised").fill_null(False), pl.col("applied").fill_null(False),
        )
        for year, links in self._links():
            moved = ini.filter((pl.col("owner_kind") == "unit") & (pl.col("year") < year)).join(
                links, left_on="idx", right_on="predecessor"
            ).with_columns(pl.col("successor").alias("idx")).select(ini.columns)
            ini = pl.concat([ini, moved])
        return ini

    @cached_property
    def prizes(self) -> pl.DataFrame:
        raw = _conform("prizes", self._raw["prizes"])
        contests = {c: fold_words(c).replace(" ", "-") for c in raw["contest"].unique().to_list()
                    if c is not None}
        return pl.DataFrame({
            "idx": _map_ids(raw["person_id"], self.person_ids, "idx"), "year": raw["year"],
            "contest": raw["contest"].replace_strict(contests, default=None,
                                                     return_dtype=pl.Utf8),
        }).drop_nulls()

    @cached_property
    def awards(self) -> pl.DataFrame:
        raw = _conform("prior_awards", self._raw["prior_awards"])
        aw = self._owned(raw, "subject_kind", "subject_id")
        return aw.select("owner_kind", "idx", "year", pl.col("award").str.to_lowercase())

    def _registrations(self, kind: str) -> pl.DataFrame:
        """idx, year (null: registered for the whole campaign)."""
        raw = _conform("registrations", self._raw["registrations"])
        rows = raw.filter(pl.col("subject_kind").is_in([kind, kind.upper(), kind.title()]))
        ids = self.unit_ids if kind == "unit" else self.person_ids
        return pl.DataFrame({"idx": _map_ids(rows["subject_id"], ids, "idx"),
                             "year": rows["year"]}).filter(pl.col("idx").is_not_null())

    @cached_property
    def _unit_registrations(self) -> pl.DataFrame:
        """A successor counts as registered when a predecessor registered (same year rule)."""
        regs = self._registrations("unit")
        for _, links in self._links():
            inherited = regs.join(links, left_on="idx", right_on="predecessor").select(
                pl.col("successor").alias("idx"), "year")
            regs = pl.concat([regs, inherited])
        return regs

    @staticmethod
    def _registered_in(regs: pl.DataFrame, year: int, n: int) -> pl.Series:
        # A registration for the whole campaign (no year) or for this very year (002's
        # «đăng ký thi đua chuyên đề hằng năm», Hà Giang's yearly registration).
        hit = regs.filter(pl.col("year").is_null() | (pl.col("year") == year))["idx"].unique()
        out = filled("registered", False, n, pl.Boolean)
        return out.scatter(hit, True) if hit.len() else out

    def registered_units(self, year: int) -> pl.Series:
        """By uidx: registered for the campaign or for `year`."""
        return self._registered_in(self._unit_registrations, year, self.n_units)

    def registered_people(self, year: int) -> pl.Series:
        return self._registered_in(self._registrations("person"), year, self.n_people)

    # -- collectives (docs/rules.md, "Readings" 1 and 2) ------------------------------------
    @cached_property
    def kind_collective(self) -> pl.Series:
        """By uidx: a collective of its own by nature — any unit but a division (phòng, chi cục,
        trung tâm…), or as the optional `collective` column says. A unit of unknown kind is
        taken as a collective (facts without kinds keep their meaning)."""
        units = self.units
        by_kind = units["kind"].is_null() | (units["kind"] != "division")
        return units["collective"].fill_null(by_kind).alias("collective")

    @cached_property
    def member_links(self) -> pl.DataFrame:
        """uidx -> cidx for every unit below a collective that is not a collective itself:
        its staff are also members of the units above it, up to and including the first
        collective (a department's divisions are part of the department; a commune is not
        part of its district)."""
        parent = self.units["parent_idx"].fill_null(-1).to_numpy().astype(np.int64)
        coll = self.kind_collective.to_numpy()
        start = np.flatnonzero(~coll)
        src: list[np.ndarray] = []
        dst: list[np.ndarray] = []
        cur_src, cur = start, start
        for _ in range(64):  # the tree is shallow; a cycle would be a data fault
            up = parent[cur] if cur.size else cur
            ok = up >= 0
            cur_src, up = cur_src[ok], up[ok]
            if not up.size:
                break
            src.append(cur_src)
            dst.append(up)
            climb = ~coll[up]
            cur_src, cur = cur_src[climb], up[climb]
        else:
            raise FactsError("cây đơn vị có vòng lặp (đơn vị là cấp trên của chính nó)")
        if not src:
            return pl.DataFrame(schema={"uidx": pl.Int32, "cidx": pl.Int32})
        return pl.DataFrame({"uidx": np.concatenate(src).astype(np.int32),
                             "cidx": np.concatenate(dst).astype(np.int32)})

    def collective_of(self, collective: np.ndarray) -> np.ndarray:
        """By uidx: the nearest unit at or above it that is a collective (`collective` by
        uidx); a division's staff work for their department (Reading 2). A division with no
        collective above it (a tree cut at the division) stands for itself at its top."""
        parent = self.units["parent_idx"].fill_null(-1).to_numpy().astype(np.int64)
        out = np.arange(self.n_units, dtype=np.int64)
        todo = np.flatnonzero(~collective)
        for _ in range(64):
            if not todo.size:
                return out
            up = parent[out[todo]]
            has = up >= 0
            todo, up = todo[has], up[has]
            out[todo] = up
            todo = todo[~collective[up]]
        raise FactsError("cây đơn vị có vòng lặp (đơn vị là cấp trên của chính nó)")

    @cached_property
    def merged_parents(self) -> pl.DataFrame:
        """uidx -> its former parents, for a unit formed by a merger after the level of its
        predecessors' parents was abolished (a commune of 1/7/2025, whose parent is the
        province while its predecessors' were districts): "its district" reads those
        districts (Reading 6). Columns uidx, k (1..), parent; empty when there is none."""
        empty = pl.DataFrame(schema={"uidx": pl.Int32, "k": pl.Int32, "parent": pl.Int32})
        if self.lineage.height == 0:
            return empty
        parent = self.units["parent_idx"].fill_null(-1).to_numpy().astype(np.int64)
        rows: list[tuple[int, int, int]] = []
        by_successor: dict[int, set[int]] = {}
        for succ, pred in self.lineage.select("successor", "predecessor").iter_rows():
            by_successor.setdefault(int(succ), set()).add(int(pred))
        for succ, preds in sorted(by_successor.items()):
            own = int(parent[succ])
            former = sorted({int(parent[p]) for p in preds} - {-1})
            if own < 0 or not former or own in former:
                continue
            # The parent stands for itself and for the bodies it carries on: a province formed
            # by the 2025 merger (An Giang) is above the districts of the province it took in
            # (Kiên Giang's), as Resolution 202/2025/QH15 made it their successor.
            above = self._carried_on(own, by_successor)
            if all(self._is_ancestor_of_any(above, f, parent) for f in former):
                rows += [(succ, k, f) for k, f in enumerate(former, start=1)]
        if not rows:
            return empty
        return pl.DataFrame(rows, schema={"uidx": pl.Int32, "k": pl.Int32, "parent": pl.Int32},
                            orient="row")

    @cached_property
    def has_ended_units(self) -> bool:
        return bool(self.units["active_to"].is_not_null().any())

    def live_in(self, year: int) -> pl.Series:
        """By uidx: does `year` apply to the unit? Not after the year it ended, nor in that
        year when it has no result for it (a district abolished on 1/7/2025 is judged on
        2021–2024: Reading 6). Missing results of a living unit still fail."""
        end = self.units["active_to"]
        rows = self.unit_years.get(year)
        has_row = filled("v", False, self.n_units, pl.Boolean)
        if rows is not None and rows.height:
            has_row = has_row.scatter(rows["uidx"], True)
        live = end.is_null() | (end > year) | ((end == year) & has_row)
        return live.alias("live")

    @cached_property
    def merged_unit_set(self) -> frozenset[int]:
        """Units whose «đơn vị cấp trên» is read through their predecessors (Reading 6)."""
        return frozenset(self.merged_parents["uidx"].to_list())

    @staticmethod
    def _carried_on(unit: int, by_successor: dict[int, set[int]]) -> frozenset[int]:
        """The unit and every body it carries on through lineage, transitively."""
        seen, todo = {unit}, [unit]
        while todo:
            for pred in by_successor.get(todo.pop(), ()):
                if pred not in seen:
                    seen.add(pred)
                    todo.append(pred)
        return frozenset(seen)

    @staticmethod
    def _is_ancestor_of_any(above: frozenset[int], unit: int, parent: np.ndarray) -> bool:
        """Is one of `above` an ancestor of `unit`?"""
        cur = int(parent[unit])
        for _ in range(64):
            if cur < 0:
                return False
            if cur in above:
                return True
            cur = int(parent[cur])
        return False

    def parent_column(self, k: int) -> pl.Series:
        """By uidx: the k-th parent (k = 1: the parent, or for a unit of Reading 6 its first
        former parent; k >= 2: its other former parents, null elsewhere)."""
        cache = self.__dict__.setdefault("_parent_columns", {})
        if k not in cache:
            mp = self.merged_parents.filter(pl.col("k") == k)
            if k == 1:
                base = self.units["parent_idx"]
            else:
                base = filled("parent_idx", None, self.n_units, pl.Int32)
            cache[k] = base.scatter(mp["uidx"], mp["parent"]) if mp.height else base
        return cache[k]

    @cached_property
    def max_parents(self) -> int:
        mp = self.merged_parents
        return int(mp["k"].max()) if mp.height else 1  # type: ignore[arg-type]


def _inherit_years(uy: pl.DataFrame, extra: pl.DataFrame, links: pl.DataFrame,
                   year: int) -> pl.DataFrame:
    """Rows a unit formed in `year` inherits for earlier years from its predecessors.

    Rule (docs/rules.md, "Lineage"): classification = the worst of the predecessors', score /
    SIPAS / PCI / PAPI = their mean rounded half up to 2 decimals, rank = none; a value is
    inherited only when every predecessor has it that year; own rows of the successor win.
    `extra` holds rows inherited by earlier mergers, so chains carry through.
    """
    preds = links["predecessor"].implode()
    succs = links["successor"].unique().implode()
    wanted = pl.col("uidx").is_in(preds) & (pl.col("year") < year)
    both = pl.concat([uy.lazy(), extra.lazy()])
    n_pred = links.lazy().group_by("successor").agg(pl.len().alias("n_pred"))
    agg = both.filter(wanted).join(links.lazy(), left_on="uidx", right_on="predecessor").group_by(
        "successor", "year"
    ).agg(
        pl.col("cls").min().alias("cls"),
        pl.col("cls").count().alias("n_cls"),
        *[_half_up_mean(c).alias(c) for c in ("score", "sipas", "pci", "papi")],
        *[pl.col(c).count().alias(f"n_{c}") for c in ("score", "sipas", "pci", "papi")],
    ).join(n_pred, on="successor")
    own = both.filter(pl.col("uidx").is_in(succs)).select("uidx", "year")
    inherited = agg.select(
        pl.col("successor").alias("uidx"),
        "year",
        pl.when(pl.col("n_cls") == pl.col("n_pred")).then(pl.col("cls")).alias("cls"),
        *[pl.when(pl.col(f"n_{c}") == pl.col("n_pred")).then(pl.col(c)).alias(c)
          for c in ("score", "sipas", "pci", "papi")],
        pl.lit(None, dtype=pl.Int64).alias("rank"),
    ).join(own, on=["uidx", "year"], how="anti")
    return inherited.select(uy.columns).cast(dict(uy.schema)).collect()  # type: ignore[arg-type]


def prepare(facts: Facts, parameters: Parameters | None = None) -> Prepared:
    """Check the units and get ready to encode the rest on first use; evaluations and
    what-ifs reuse the result."""
    return Prepared(facts, parameters)


def _derive_classification(uy: pl.DataFrame, params: Parameters) -> pl.DataFrame:
    """Where a year has a score but no published classification, classify by that year's bands."""
    if uy.height == 0 or not params.bands:
        return uy
    if not uy.select((pl.col("cls").is_null() & pl.col("score").is_not_null()).any()).item():
        return uy  # every scored year has its published classification
    exprs: list[pl.Expr] = []
    years = uy["year"].unique().to_list()
    out = pl.lit(None, dtype=pl.Int8)
    for year in sorted(years):
        version = params.bands_for(year)
        if version is None:
            continue
        by_score: pl.Expr = pl.lit(CLASSIFICATION.value("yeu"), dtype=pl.Int8)
        for value, minimum in reversed(version.thresholds):  # worst first, best wins last
            by_score = pl.when(pl.col("score") >= round(minimum * 100)).then(
                pl.lit(value, dtype=pl.Int8)).otherwise(by_score)
        out = pl.when(pl.col("year") == year).then(by_score).otherwise(out)
    exprs.append(
        pl.when(pl.col("cls").is_null() & pl.col("score").is_not_null()).then(out)
        .otherwise(pl.col("cls")).alias("cls")
    )
    return uy.with_columns(exprs)
