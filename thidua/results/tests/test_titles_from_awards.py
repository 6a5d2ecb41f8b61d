"""A person's emulation title («danh hiệu») is read from the awards recorded for them: the
law-2022 standards that need «danh hiệu ≥ lao động tiên tiến» can pass (they never could while
the fetch left the title empty)."""

from datetime import date

import polars as pl

from thidua.awards.services import award_record
from thidua.results.facts import build_facts, frames_needed
from thidua.rules import Period, catalogue, evaluate
from thidua.rules.facts import prepare


def test_titles_come_from_the_recorded_awards(world):
    person, unit = world.people["p_x1"], world.units["X1"]
    for year, form in ((2023, "title_lao_dong_tien_tien"), (2024, "title_lao_dong_tien_tien"),
                       (2024, "title_chien_si_thi_dua_co_so")):
        award_record(actor=world.users["ada_admin"], kind="individual", unit=unit,
                     form_code=form, form_name="danh hiệu", year=year,
                     decided_on=date(year + 1, 1, 15), decision_text="Quyết định số 1/QĐ",
                     person=person)
    rules = catalogue.load("law-2022", period=Period(2022, 2025))
    needed = frames_needed(rules, ["CSTD-CS"])
    assert {"person_years", "prior_awards"} <= needed
    facts = build_facts(years=range(2022, 2026), root=world.units["P1"], registered="none",
                        frames=needed)
    titles = facts.person_years.filter(pl.col("person_id") == person.pk).sort("year")
    assert titles.select("year", "title").rows() == [
        (2023, "lao_dong_tien_tien"), (2024, "chien_si_thi_dua_co_so")]
    # The best title of the year counts; another person has none.
    result = evaluate(rules, prepare(facts), evaluation_year=2024, standards=["CSTD-CS"])
    record = result["CSTD-CS"].record(person.code)
    title = next(c for c in record["conditions"] if c["text"].startswith("danh hiệu"))
    assert title["passed"], title
    other = result["CSTD-CS"].record(world.people["p_x3"].code)
    assert not next(c for c in other["conditions"] if c["text"].startswith("danh hiệu"))["passed"]
