"""Quota allocation: rank the eligible, apply category, per-unit and overall limits, say who is cut.

Order (docs/rules.md, "Quotas"): the eligible are sorted by the standard's ranking keys (a
missing value ranks last), then by the tie-break of Decree 152/2025 Art. 4.6 (women first:
a woman, or a collective with at least `women_share` % women), then by code, so the order is
total and reproducible. Limits apply in turn: the category limit (a count, or a percentage of
the category's candidates rounded half up and at least 1 when the category has a candidate),
then "N per unit" among those still in, then the overall cap among those still in.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import polars as pl

from thidua.rules.ast import Amount, Standard

if TYPE_CHECKING:
    from thidua.rules.engine import Compiled, Features


def percent_limit(size: int, percent: float) -> int:
    """round_half_up(size × percent / 100), at least 1 if size > 0 (exact arithmetic)."""
    if size <= 0:
        return 0
    raw = Fraction(str(percent)) * size / 100
    return max(1, int(raw + Fraction(1, 2)))


def limit_of(amount: Amount | None, size: int) -> int | None:
    if amount is None:
        return None
    if amount.percent is not None:
        return percent_limit(size, amount.percent)
    return amount.count


def group_column(std: Standard) -> str:
    return "category" if std.subject == "collective" else "w.category"


def allocate(frame: pl.DataFrame, std: Standard, comp: Compiled, features: Features,
             year: int | None = None) -> pl.DataFrame:
    p = features.prep
    quota = std.quota
    group = group_column(std)
    entity_table = p.units if std.subject == "collective" else p.people
    keys = [name for name, _, _ in comp.order]
    desc = [d for _, _, d in comp.order]
    cols = ["__idx", group, *keys]
    if "w.__idx" in frame.columns:
        cols.append("w.__idx")
    frame = frame.with_columns(_higher_form(frame, std, features),
                               _ended(frame, std, features, year))
    el = frame.filter(pl.col("eligible") & pl.col("q_higher").is_null()
                      & ~pl.col("q_ended")).select(cols)
    el = el.with_columns(
        pl.col(group).cast(pl.Utf8),
        entity_table["women"].gather(el["__idx"]).alias("q_women"),
        entity_table["code"].gather(el["__idx"]).alias("q_code"),
    )
    sort_cols = [*keys]
    sort_desc = [*desc]
    for tb in std.tiebreak:
        if tb == "women":
            sort_cols.append("q_women")
            sort_desc.append(True)
        else:
            sort_cols.append("q_code")
            sort_desc.append(False)

    named = dict(quota.per_category)
    amounts = [*named.values(), quota.every_category]
    if any(a is not None and a.percent is not None for a in amounts):
        # A percentage is of the category's candidates, so count them (millions for people).
        sizes = {str(k): int(n) for k, n in frame.group_by(group).len().iter_rows()}
    else:
        sizes = {str(k): 0 for k in el[group].unique().to_list()}
    limits = {cat: limit_of(named.get(cat, quota.every_category), size)
              for cat, size in sizes.items()}

    one = pl.int_range(1, pl.len() + 1, dtype=pl.Int32)
    plan = el.lazy().sort(sort_cols, descending=sort_desc, nulls_last=True, maintain_order=True)
    plan = plan.with_columns(
        one.alias("q_rank"),
        pl.col(group).replace_strict(limits, default=None, return_dtype=pl.Int64)
        .alias("q_group_limit"),
        one.over(group).alias("q_group_rank"),
    ).with_columns(
        (pl.col("q_group_limit").is_null() | (pl.col("q_group_rank") <= pl.col("q_group_limit")))
        .alias("q_pass_cat")
    )
    if quota.per_unit is not None and "w.__idx" in el.columns:
        plan = plan.with_columns(
            pl.col("q_pass_cat").cast(pl.Int32).cum_sum().over("w.__idx").alias("q_unit_rank")
        ).with_columns(
            (pl.col("q_pass_cat") & (pl.col("q_unit_rank") <= quota.per_unit)).alias("q_pass_unit")
        )
    else:
        plan = plan.with_columns(pl.lit(None, dtype=pl.Int32).alias("q_unit_rank"),
                                 pl.col("q_pass_cat").alias("q_pass_unit"))
    plan = plan.with_columns(
        pl.col("q_pass_unit").cast(pl.Int32).cum_sum().alias("q_total_rank")
    ).with_columns(
        (pl.col("q_pass_unit") & (
            pl.lit(quota.total is None) | (pl.col("q_total_rank") <= (quota.total or 0))
        )).alias("selected")
    ).with_columns(
        pl.when(~pl.col("q_pass_cat")).then(pl.lit("category"))
        .when(~pl.col("q_pass_unit")).then(pl.lit("unit"))
        .when(~pl.col("selected")).then(pl.lit("total"))
        .otherwise(None).alias("q_cut")
    )
    el = plan.select("__idx", "q_rank", "q_group_rank", "q_group_limit", "q_unit_rank",
                     "q_total_rank", "q_cut", "selected").collect()
    # The frame is in index order: place the few eligible rows by binary search rather than
    # joining millions of rows.
    pos = frame["__idx"].search_sorted(el["__idx"])
    columns = []
    for name in el.columns[1:]:
        fill = False if name == "selected" else None
        full = pl.repeat(fill, frame.height, dtype=el.schema[name], eager=True).alias(name)
        columns.append(full.scatter(pos, el[name]) if el.height else full)
    frame = frame.with_columns(columns)
    return frame.with_columns(
        pl.when(pl.col("eligible") & pl.col("q_higher").is_not_null()).then(pl.lit("higher"))
        .when(pl.col("eligible") & pl.col("q_ended")).then(pl.lit("ended"))
        .otherwise(pl.col("q_cut")).alias("q_cut"))


def _ended(frame: pl.DataFrame, std: Standard, features: Features,
           year: int | None) -> pl.Series:
    """A unit that ended before the year's results (a district abolished on 1/7/2025) can be
    read as "được xét" by the units that succeeded it, but no award goes to it."""
    if std.subject != "collective" or year is None or not features.prep.has_ended_units:
        return pl.repeat(False, frame.height, dtype=pl.Boolean, eager=True).alias("q_ended")
    return (~features.prep.live_in(year).gather(frame["__idx"])).alias("q_ended")


def _higher_form(frame: pl.DataFrame, std: Standard, features: Features) -> pl.Series:
    """The first higher form (of «hình thức cao hơn: …») the candidate was selected for, or
    null. One achievement, one form (Law 06/2022/QH15): such a candidate takes no place here."""
    out = pl.repeat(None, frame.height, dtype=pl.Utf8, eager=True).alias("q_higher")
    if not std.higher:
        return out
    target = features.unit if std.subject == "collective" else features.person
    for code in reversed(std.higher):  # the first listed wins
        got = target[f"std[{code}].selected"].gather(frame["__idx"]).fill_null(False)
        out = pl.select(pl.when(got).then(pl.lit(code)).otherwise(out)).to_series()
    return out.alias("q_higher")
