"""Evaluate a catalogue standard for a few people from the facts of this app and of contests,
with the rules engine (thidua.rules): a thin "fetch" step that builds the Polars frames."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from thidua.contests.selectors import prize_facts as online_prize_facts
from thidua.eligibility.selectors import category_names, code_names, plain
from thidua.initiatives.selectors import initiative_facts
from thidua.org.models import Person
from thidua.rules import Facts, RuleError, evaluate
from thidua.rules.catalogue import load
from thidua.writing.selectors import prize_facts as writing_prize_facts

logger = logging.getLogger(__name__)
PLAN = "003"  # Ban Dân tộc, 2021-2025: BDT-A-IND reads contest prizes and initiatives
STANDARD = "BDT-A-IND"


def prize_facts(first: int, last: int, *, person_ids: Sequence[int]) -> list[dict]:
    """Prizes of the online contest and of the writing contest ("viet-sang-kien") for these
    people: the two contests BDT-A-IND names."""
    wanted = set(person_ids)
    return online_prize_facts(first, last, person_ids=list(person_ids)) + [
        r for r in writing_prize_facts(first, last) if r["person_id"] in wanted]


def _fact_level(people: Sequence[Person], year: int, note: str) -> dict[int, tuple[bool, str]]:
    """Without the engine: the same two facts, read directly (said in the explanation)."""
    ids = [p.pk for p in people]
    initiatives = initiative_facts(year, year, person_ids=ids)
    prizes = prize_facts(year, year, person_ids=ids)
    out: dict[int, tuple[bool, str]] = {}
    for person in people:
        recognised = [r for r in initiatives if r["owner_id"] == person.pk and r["recognised"]
                      and r["level"] == "tinh"]
        won = [r for r in prizes if r["person_id"] == person.pk]
        passed = bool(recognised or won)
        out[person.pk] = (passed, f"{note} {len(won)} giải cuộc thi, {len(recognised)} sáng kiến được "
                                  f"công nhận từ cấp tỉnh năm {year}.")
    return out


def evaluate_bdt_a_ind(people: Sequence[Person], year: int) -> dict[int, tuple[bool, str]]:
    """person id -> (eligible, Vietnamese explanation) for BDT-A-IND in `year`."""
    import polars as pl

    rules = load(PLAN)
    period = rules.period
    if period is not None and not period.start <= year <= period.end:
        return _fact_level(people, year, f"Năm {year} nằm ngoài giai đoạn {period.start}–{period.end} "
                                         "của kế hoạch; kiểm tra trực tiếp dữ liệu:")
    ids = [p.pk for p in people]
    people_rows = [p for p in people if p.unit is not None]
    units = {p.unit.pk: p.unit for p in people_rows if p.unit is not None}
    initiatives = initiative_facts(year, year, person_ids=ids)
    prizes = prize_facts(year, year, person_ids=ids)
    facts = Facts(
        units=pl.DataFrame({"unit_id": list(units), "code": [u.code for u in units.values()],
                            "category": [u.category.code for u in units.values()]},
                           schema={"unit_id": pl.Int64, "code": pl.Utf8, "category": pl.Utf8}),
        people=pl.DataFrame({"person_id": [p.pk for p in people_rows], "code": [p.code for p in people_rows],
                             "name": [p.full_name for p in people_rows]},
                            schema={"person_id": pl.Int64, "code": pl.Utf8, "name": pl.Utf8}),
        memberships=pl.DataFrame({"person_id": [p.pk for p in people_rows],
                                  "unit_id": [p.unit_id for p in people_rows],
                                  "year": [year] * len(people_rows)},
                                 schema={"person_id": pl.Int64, "unit_id": pl.Int64, "year": pl.Int32}),
        initiatives=pl.DataFrame(initiatives, schema={
            "owner_kind": pl.Utf8, "owner_id": pl.Int64, "year": pl.Int32, "level": pl.Utf8,
            "recognised": pl.Boolean, "applied": pl.Boolean}),
        prizes=pl.DataFrame(prizes, schema={"person_id": pl.Int64, "year": pl.Int32, "contest": pl.Utf8,
                                            "prize": pl.Utf8}),
    )
    try:
        result = evaluate(rules, facts, evaluation_year=year, standards=[STANDARD])[STANDARD]
        eligible = set(result.eligible())
        # The explanation names the contests and the standard, not their codes (issue 11).
        names, codes = category_names(), code_names(rules)
        return {p.pk: (p.code in eligible, plain(result.explain(p.code), names, codes))
                for p in people_rows}
    except RuleError as exc:  # the engine refused the facts: show the direct reading, say why
        logger.warning("rules engine: %s", exc)
        return _fact_level(people, year, f"Không đánh giá được bằng bộ luật ({exc}); kiểm tra trực tiếp:")
