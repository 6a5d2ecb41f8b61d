"""The seed rules (validate_plan) placed on the row and field each problem concerns."""

from datetime import date

from thidua.campaigns.plan import assign_clauses
from thidua.campaigns.testing import small_plan
from thidua.campaigns.validation import plan_problems


def _problems(**overrides):
    return plan_problems(assign_clauses(small_plan("T", "P1", **overrides)))


def test_it_accepts_a_sound_plan():
    assert _problems() == []


def test_it_puts_a_deadline_outside_the_period_on_that_milestone_date():
    plan = small_plan("T", "P1")
    plan["milestones"][0]["date"] = date(2027, 2, 1)
    problems = plan_problems(assign_clauses(plan))
    assert [(p.section, p.index, p.field) for p in problems] == [("milestones", 0, "date")]
    assert "nằm ngoài thời gian thi đua" in problems[0].message


def test_it_puts_a_quota_for_a_category_not_targeted_on_its_category():
    problems = _problems(quotas=[{"award_form": "FLAG", "category": "xa", "count": 1},
                                 {"award_form": "FLAG", "category": "huyen", "count": 1}])
    assert [(p.section, p.index, p.field) for p in problems] == [("quotas", 1, "category")]
    assert "không thuộc đối tượng thi đua" in problems[0].message


def test_it_puts_a_letter_used_twice_on_the_second_criterion():
    problems = _problems(criteria=[
        {"subject": "collective", "letter": "a", "text": "Một."},
        {"subject": "collective", "letter": "b", "text": "Hai."},
        {"subject": "collective", "letter": "a", "text": "Ba."}])
    assert [(p.section, p.index, p.field) for p in problems] == [("criteria", 2, "letter")]
    assert "bị dùng hai lần" in problems[0].message


def test_it_allows_the_same_letter_for_collectives_and_individuals():
    assert _problems(criteria=[{"subject": "collective", "letter": "a", "text": "Một."},
                               {"subject": "individual", "letter": "a", "text": "Hai."}]) == []


def test_it_reports_a_backwards_period_on_the_plan():
    problems = _problems(period={"start": date(2026, 12, 31), "end": date(2026, 1, 1)})
    assert any(p.section is None and p.field == "period_end" for p in problems)


def test_it_knows_the_database_catalogue_beyond_the_seed_schema():
    plan = assign_clauses(small_plan("T", "P1"))
    plan["award_forms"][0]["catalogue"] = "title_lao_dong_tien_tien"
    assert plan_problems(plan, catalogue_codes={"title_lao_dong_tien_tien", "flag_province"}) == []
    problems = plan_problems(plan, catalogue_codes={"flag_province"})
    assert [(p.section, p.field) for p in problems] == [("award_forms", "catalogue")]
