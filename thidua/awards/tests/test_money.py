"""Reward money: dated base salary, multiples, rounding up to 10,000 đồng."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.awards.money import NoRate, base_salary_on, reward_amount, reward_for, round_up


def test_it_picks_the_base_salary_in_force_on_the_decision_date():
    assert base_salary_on(date(2023, 6, 30)).amount == 1_490_000
    assert base_salary_on(date(2023, 7, 1)).amount == 1_800_000
    assert base_salary_on(date(2024, 6, 30)).amount == 1_800_000
    assert base_salary_on(date(2024, 7, 1)).amount == 2_340_000
    assert "73/2024" in base_salary_on(date(2026, 1, 5)).legal_basis


def test_it_refuses_a_date_before_any_known_base_salary():
    with pytest.raises(NoRate):
        base_salary_on(date(2010, 1, 1))


def test_it_rounds_up_to_ten_thousand():
    assert round_up(Decimal(702_000)) == 710_000
    assert round_up(Decimal(700_000)) == 700_000
    assert reward_amount(Decimal("0.3"), 2_340_000) == 710_000  # 702,000 -> 710,000
    assert reward_amount(Decimal("0.15"), 1_490_000) == 230_000  # 223,500 -> 230,000


def test_it_computes_decree_152_multiples():
    on = date(2026, 1, 15)
    assert reward_for("flag_province", "collective", on).amount == 18_720_000  # 8 × 2,340,000
    assert reward_for("merit_province_chairman", "collective", on).amount == 7_020_000
    assert reward_for("giay_khen_commune", "collective", on).amount == 1_410_000  # 1,404,000
    merit = reward_for("merit_province_chairman", "individual", on)
    assert merit.amount == 3_510_000
    assert "152/2025" in merit.basis and "73/2024" in merit.basis


def test_a_catalogue_factor_overrides_the_table():
    assert reward_for("anything", "individual", date(2024, 8, 1), factor=Decimal("1")).amount == 2_340_000


def test_it_says_when_no_multiple_is_known():
    with pytest.raises(NoRate, match="Chưa có mức tiền thưởng"):
        reward_for("flag_province", "collective", date(2024, 8, 1))
