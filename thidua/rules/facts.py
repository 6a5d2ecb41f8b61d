"""Input facts as Polars frames, dated parameters, and their preparation (codes, lineage, years).

The Django side builds a Facts from the database (a "fetch" step); tests and benchmarks build
it in memory. `prepare` turns it into aligned, encoded tables the engine reads: every unit and
every person gets a dense index, ordinal codes become small integers, scores become integer
hundredths (so averages round the same way whatever the summation order), and units formed by
a merger inherit their predecessors' years (see docs/rules.md, "Lineage").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from thidua.rules.errors import FactsError
from thidua.rules.vocab import CLASSIFICATION, DISCIPLINE, INITIATIVE_LEVEL, RATING, TITLE, Scale, fold_words

# Frame name -> required columns with their dtypes, then optional columns.
SCHEMA: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "units": (
        {"unit_id": pl.Int64, "code": pl.Utf8, "category": pl.Utf8},
        {"name": pl.Utf8, "kind": pl.Utf8, "parent_id": pl.Int64, "female_share": pl.Float64,
         "active_from": pl.Int32, "active_to": pl.Int32},
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
    "registrations": ({"subject_kind": pl.Utf8, "subject_id": pl.Int64}, {}),
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
        return cls.from_yaml((Path(__file__).with_name("parameters.yaml")).read_text("utf-8"))

    def bands_for(self, year: int) -> BandVersion | None:
        """The bands in force for results of `year`: the last version valid on 31/12 of it."""
        chosen = None
        for v in self.bands:
            if v.valid_from <= dt.date(year, 12, 31):
                chosen = v
        return chosen


# --------------------------------------------------------------------------------- preparing


def _centi(col: str) -> pl.Expr:
    # Scores are given with one or two decimals; integer hundredths make sums exact.
    return (pl.col(col) * 100).round(0).cast(pl.Int64)


def _encode(frame: pl.DataFrame, name: str, column: str, scale: Scale) -> pl.Expr:
    values = frame.get_column(column).drop_nulls().unique().to_list()
    mapping: dict[str, int] = {}
    phrases = scale.phrases()
    bad = []
    for v in values:
        code = phrases.get(fold_words(str(v)).replace("_", " "))
        if code is None:
            bad.append(str(v))
        else:
            mapping[v] = scale.value(code)
    if bad:
        raise FactsError(
            f'bảng {name}, cột {column}: không biết giá trị {", ".join(sorted(bad)[:5])}; '
            f"dùng: {', '.join(scale.codes)}"
        )
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.Int8)


def _conform(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    required, optional = SCHEMA[name]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise FactsError(f"bảng {name} thiếu cột {', '.join(missing)}")
    exprs = []
    for col, dtype in {**required, **optional}.items():
        if col in frame.columns:
            exprs.append(pl.col(col).cast(dtype, strict=False))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(col))
    extra = [c for c in frame.columns if c not in required and c not in optional]
    # Extra boolean columns of person_years are attestations a standard may name.
    return frame.select(*exprs, *[pl.col(c) for c in extra])


@dataclass
class Prepared:
    """Encoded, aligned facts. `units` and `people` rows are in index order (uidx, pidx)."""

    units: pl.DataFrame  # uidx, unit_id, code, name, category, parent_idx, women, active_*
    people: pl.DataFrame  # pidx, person_id, code, name, women
    unit_years: dict[int, pl.DataFrame]  # year -> uidx, cls, score, rank, sipas, pci, papi
    members: dict[int, pl.DataFrame]  # year -> pidx, uidx, own (False when inherited)
    person_years: dict[int, pl.DataFrame]  # year -> pidx, rating, title, flags...
    discipline: dict[int, pl.DataFrame]  # year -> pidx, level (max that year)
    initiatives: pl.DataFrame  # owner_kind, idx, year, level, recognised, applied
    prizes: pl.DataFrame  # pidx, year, contest
    awards: pl.DataFrame  # subject_kind, idx, year, award
    registered_units: pl.Series  # bool by uidx
    registered_people: pl.Series  # bool by pidx
    successors: pl.DataFrame  # predecessor uidx, effective_year (units that ended by merger)
    parameters: Parameters
    n_units: int
    n_people: int
    unit_index: dict[str, int] = field(default_factory=dict)  # code -> uidx (lazy)

    def unit_code(self, uidx: int | None) -> str:
        if uidx is None:
            return "?"
        return str(self.units["code"][uidx])

    def unit_name(self, uidx: int | None) -> str:
        if uidx is None:
            return "?"
        name = self.units["name"][uidx]
        return str(name) if name is not None else str(self.units["code"][uidx])


def _partition(frame: pl.DataFrame) -> dict[int, pl.DataFrame]:
    if frame.height == 0:
        return {}
    parts = frame.partition_by("year", as_dict=True, include_key=False)
    return {int(k[0]): v for k, v in parts.items()}  # type: ignore[call-overload]


def _index(frame: pl.DataFrame, id_col: str, idx_col: str) -> pl.DataFrame:
    return frame.select(pl.col(id_col), pl.int_range(pl.len(), dtype=pl.Int32).alias(idx_col))


def _half_up_mean(col: str) -> pl.Expr:
    """Mean of integer hundredths, rounded half up to an integer (i.e. 2 decimals)."""
    s = pl.col(col).sum()
    n = pl.col(col).count()
    return pl.when(n > 0).then((2 * s + n) // (2 * n)).otherwise(None)


def _apply_lineage(
    unit_years: pl.DataFrame, members: pl.DataFrame, unit_inits: pl.DataFrame,
    registered: pl.DataFrame, lineage: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """A unit formed in year E answers for years before E with its predecessors' results.

    Rule (docs/rules.md): classification = the worst of the predecessors' classifications,
    score / SIPAS / PCI / PAPI = their mean rounded half up to 2 decimals, rank = none; a value
    is inherited only when every predecessor has it that year. Members and unit initiatives of
    the predecessors count for the successor; so does a predecessor's registration. Own rows
    of the successor always win. Mergers are applied in order of their year, so a chain
    (A+B -> C in 2020, C+D -> E in 2025) carries A and B through C into E.
    """
    for (year,), links in sorted(lineage.partition_by("effective_year", as_dict=True).items()):
        links = links.select("successor", "predecessor")
        n_pred = links.group_by("successor").agg(pl.len().alias("n_pred"))
        prev = unit_years.filter(pl.col("year") < year).join(
            links, left_on="uidx", right_on="predecessor"
        )
        agg = prev.group_by("successor", "year").agg(
            pl.len().alias("n_rows"),
            pl.col("cls").min().alias("cls"),
            pl.col("cls").count().alias("n_cls"),
            *[_half_up_mean(c).alias(c) for c in ("score", "sipas", "pci", "papi")],
            *[pl.col(c).count().alias(f"n_{c}") for c in ("score", "sipas", "pci", "papi")],
        ).join(n_pred, on="successor")
        inherited = agg.select(
            pl.col("successor").alias("uidx"),
            "year",
            pl.when(pl.col("n_cls") == pl.col("n_pred")).then(pl.col("cls")).alias("cls"),
            *[pl.when(pl.col(f"n_{c}") == pl.col("n_pred")).then(pl.col(c)).alias(c)
              for c in ("score", "sipas", "pci", "papi")],
            pl.lit(None, dtype=pl.Int64).alias("rank"),
        ).join(unit_years.select("uidx", "year"), on=["uidx", "year"], how="anti")
        unit_years = pl.concat([unit_years, inherited.select(unit_years.columns)], how="vertical")
        moved = members.filter(pl.col("year") < year).join(
            links, left_on="uidx", right_on="predecessor"
        ).select("pidx", pl.col("successor").alias("uidx"), "year", pl.lit(False).alias("own"))
        members = pl.concat([members, moved.select(members.columns)]).unique(
            ["pidx", "uidx", "year"], keep="first", maintain_order=True
        )
        inits = unit_inits.filter(pl.col("year") < year).join(
            links, left_on="idx", right_on="predecessor"
        ).with_columns(pl.col("successor").alias("idx")).select(unit_inits.columns)
        unit_inits = pl.concat([unit_inits, inits])
        regs = registered.join(links, left_on="idx", right_on="predecessor").select(
            pl.col("successor").alias("idx")
        )
        registered = pl.concat([registered, regs]).unique()
    return unit_years, members, unit_inits, registered


def prepare(facts: Facts, parameters: Parameters | None = None) -> Prepared:
    """Check and encode the facts once; evaluations and what-ifs reuse the result."""
    params = parameters or Parameters.default()
    f = {name: _conform(name, frame) for name, frame in facts.frames().items()}
    units = f["units"].sort("unit_id")
    if units["unit_id"].is_duplicated().any():
        raise FactsError("bảng units có unit_id trùng nhau")
    if units["code"].is_duplicated().any():
        dup = units.filter(pl.col("code").is_duplicated())["code"].unique().to_list()[:5]
        raise FactsError(f"bảng units có mã đơn vị trùng nhau: {', '.join(map(str, dup))}")
    uidx = _index(units, "unit_id", "uidx")
    units = units.with_columns(pl.int_range(pl.len(), dtype=pl.Int32).alias("uidx"))
    units = units.join(
        uidx.rename({"unit_id": "parent_id", "uidx": "parent_idx"}), on="parent_id", how="left"
    ).sort("uidx")
    units = units.with_columns(
        (pl.col("female_share").fill_null(0.0) * 100 >= params.women_share - 1e-9)
        .alias("women")
    )
    people = f["people"].sort("person_id")
    if people["person_id"].is_duplicated().any():
        raise FactsError("bảng people có person_id trùng nhau")
    people = people.with_columns(
        pl.int_range(pl.len(), dtype=pl.Int32).alias("pidx"),
        (pl.col("gender").fill_null("").str.to_uppercase().is_in(["F", "NU", "NỮ", "FEMALE"]))
        .alias("women"),
    )
    pidx = people.select("person_id", "pidx")

    uy = f["unit_years"].join(uidx, on="unit_id", how="inner")
    cls = _encode(uy, "unit_years", "classification", CLASSIFICATION)
    uy = uy.select(
        "uidx", "year", cls.alias("cls"), _centi("score").alias("score"), pl.col("rank"),
        _centi("sipas").alias("sipas"), _centi("pci").alias("pci"), _centi("papi").alias("papi"),
    )
    if uy.select(pl.struct("uidx", "year").is_duplicated().any()).item():
        raise FactsError("bảng unit_years có hai kết quả cho cùng một đơn vị trong cùng năm")
    uy = _derive_classification(uy, params)

    ms = f["memberships"].join(pidx, on="person_id").join(uidx, on="unit_id").select(
        "pidx", "uidx", "year", pl.lit(True).alias("own")
    )
    ini = f["initiatives"].with_columns(pl.col("owner_kind").str.to_lowercase())
    ini_level = _encode(ini, "initiatives", "level", INITIATIVE_LEVEL)
    ini = ini.with_columns(ini_level.alias("level_v"))
    unit_inits = ini.filter(pl.col("owner_kind") == "unit").join(
        uidx, left_on="owner_id", right_on="unit_id"
    ).select("year", pl.col("uidx").alias("idx"), "level_v", "recognised", "applied")
    person_inits = ini.filter(pl.col("owner_kind") == "person").join(
        pidx, left_on="owner_id", right_on="person_id"
    ).select("year", pl.col("pidx").alias("idx"), "level_v", "recognised", "applied")
    regs = f["registrations"].with_columns(pl.col("subject_kind").str.to_lowercase())
    reg_units = regs.filter(pl.col("subject_kind") == "unit").join(
        uidx, left_on="subject_id", right_on="unit_id"
    ).select(pl.col("uidx").alias("idx"))
    reg_people = regs.filter(pl.col("subject_kind") == "person").join(
        pidx, left_on="subject_id", right_on="person_id"
    ).select(pl.col("pidx").alias("idx"))

    lin = f["lineage"].join(uidx.rename({"unit_id": "successor_id", "uidx": "successor"}),
                            on="successor_id").join(
        uidx.rename({"unit_id": "predecessor_id", "uidx": "predecessor"}), on="predecessor_id"
    ).select("successor", "predecessor", "effective_year")
    if lin.height:
        uy, ms, unit_inits, reg_units = _apply_lineage(uy, ms, unit_inits, reg_units, lin)

    py = f["person_years"].join(pidx, on="person_id", how="inner")
    flag_cols = [c for c, t in py.schema.items() if t == pl.Boolean]
    py = py.select(
        "pidx", "year",
        _encode(py, "person_years", "rating", RATING).alias("rating"),
        _encode(py, "person_years", "title", TITLE).alias("title"),
        *[pl.col(c).fill_null(False) for c in flag_cols],
    )
    if py.select(pl.struct("pidx", "year").is_duplicated().any()).item():
        raise FactsError("bảng person_years có hai dòng cho cùng một người trong cùng năm")
    disc = f["discipline"].join(pidx, on="person_id")
    disc = disc.with_columns(_encode(disc, "discipline", "level", DISCIPLINE).fill_null(1)
                             .alias("level_v"))
    disc = disc.group_by("pidx", "year").agg(pl.col("level_v").max().alias("level"))

    prizes = f["prizes"].join(pidx, on="person_id").select(
        pl.col("pidx").alias("idx"), "year", pl.col("contest").map_elements(
            fold_words, return_dtype=pl.Utf8) if f["prizes"].height else pl.col("contest")
    )
    aw = f["prior_awards"].with_columns(pl.col("subject_kind").str.to_lowercase())
    awards = pl.concat([
        aw.filter(pl.col("subject_kind") == "unit").join(
            uidx, left_on="subject_id", right_on="unit_id"
        ).select(pl.lit("unit").alias("owner_kind"), pl.col("uidx").alias("idx"), "year",
                 pl.col("award").str.to_lowercase()),
        aw.filter(pl.col("subject_kind") == "person").join(
            pidx, left_on="subject_id", right_on="person_id"
        ).select(pl.lit("person").alias("owner_kind"), pl.col("pidx").alias("idx"), "year",
                 pl.col("award").str.to_lowercase()),
    ])
    initiatives = pl.concat([
        unit_inits.with_columns(pl.lit("unit").alias("owner_kind")),
        person_inits.with_columns(pl.lit("person").alias("owner_kind")),
    ]).with_columns(pl.col("recognised").fill_null(False), pl.col("applied").fill_null(False))

    n_units, n_people = units.height, people.height
    reg_u = pl.Series("registered", [False] * n_units, dtype=pl.Boolean)
    if reg_units.height:
        reg_u = reg_u.scatter(reg_units["idx"].unique(), True)
    reg_p = pl.Series("registered", [False] * n_people, dtype=pl.Boolean)
    if reg_people.height:
        reg_p = reg_p.scatter(reg_people["idx"].unique(), True)
    ended = lin.group_by("predecessor").agg(pl.col("effective_year").min())

    return Prepared(
        units=units.select(
            "uidx", "unit_id", "code", "name", "kind", "category", "parent_idx", "women",
            "active_from", "active_to", "female_share",
        ),
        people=people.select("pidx", "person_id", "code", "name", "gender", "women"),
        unit_years=_partition(uy),
        members=_partition(ms),
        person_years=_partition(py),
        discipline=_partition(disc),
        initiatives=initiatives,
        prizes=prizes,
        awards=awards,
        registered_units=reg_u,
        registered_people=reg_p,
        successors=ended,
        parameters=params,
        n_units=n_units,
        n_people=n_people,
    )


def _derive_classification(uy: pl.DataFrame, params: Parameters) -> pl.DataFrame:
    """Where a year has a score but no published classification, classify by that year's bands."""
    if uy.height == 0 or not params.bands:
        return uy
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
