"""Reward money: multiples of the base salary in force on the decision's date (pure Python).

Money is computed on the base salary in force when the award decision is issued and rounded
up to the next 10,000 đồng (Decree 152/2025/NĐ-CP, Art. 49-54; the same rule as before).
Base salaries are dated parameters (the `BaseSalary` table starts from BASE_SALARIES); the
multiples come from the campaign's award-form catalogue when it carries them, else from
MULTIPLES below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

ROUND_TO = 10_000  # đồng


@dataclass(frozen=True)
class BaseSalaryRate:
    valid_from: date
    amount: int  # đồng per month
    legal_basis: str


# The base salary ("mức lương cơ sở"), each row citing the decree that set it.
BASE_SALARIES: tuple[BaseSalaryRate, ...] = (
    BaseSalaryRate(date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP, Điều 3"),
    BaseSalaryRate(date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP, Điều 3"),
    BaseSalaryRate(date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP, Điều 3"),
)


@dataclass(frozen=True)
class Multiple:
    """A reward multiple of the base salary for one award form and kind of subject."""

    form: str  # catalogue code (thidua.awards.authority.FORMS)
    kind: str  # "collective" | "individual"
    factor: Decimal
    valid_from: date
    valid_until: date | None
    legal_basis: str

    def applies(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


_D152 = "Nghị định số 152/2025/NĐ-CP, Điều 49-54"
_D152_FROM = date(2025, 7, 1)


def _m(form: str, kind: str, factor: str) -> Multiple:
    return Multiple(form, kind, Decimal(factor), _D152_FROM, None, _D152)


# Decree 152/2025 (DOMAIN.md §7). A collective's certificate is twice an individual's, as in
# every decree since 2017; the individual figures below follow from that rule.
MULTIPLES: tuple[Multiple, ...] = (
    _m("flag_province", "collective", "8.0"),
    _m("merit_province_chairman", "collective", "3.0"),
    _m("merit_province_chairman", "individual", "1.5"),
    _m("giay_khen_department", "collective", "0.6"),
    _m("giay_khen_department", "individual", "0.3"),
    _m("giay_khen_unit_head", "collective", "0.6"),
    _m("giay_khen_unit_head", "individual", "0.3"),
    _m("giay_khen_district", "collective", "0.6"),
    _m("giay_khen_district", "individual", "0.3"),
    _m("giay_khen_commune", "collective", "0.6"),
    _m("giay_khen_commune", "individual", "0.3"),
    _m("title_tap_the_lao_dong_xuat_sac", "collective", "1.5"),
    _m("title_tap_the_lao_dong_tien_tien", "collective", "0.8"),
    _m("title_chien_si_thi_dua_tinh", "individual", "3.0"),
    _m("title_chien_si_thi_dua_co_so", "individual", "1.0"),
    _m("title_lao_dong_tien_tien", "individual", "0.3"),
)


class NoRate(LookupError):
    """No base salary or multiple is known for the date: the message is for users."""


def base_salary_on(on: date, rates: Sequence[BaseSalaryRate] = BASE_SALARIES) -> BaseSalaryRate:
    chosen = None
    for rate in sorted(rates, key=lambda r: r.valid_from):
        if rate.valid_from <= on:
            chosen = rate
    if chosen is None:
        raise NoRate(f"Chưa có mức lương cơ sở áp dụng cho ngày {on:%d/%m/%Y}.")
    return chosen


def multiple_for(form: str, kind: str, on: date,
                 table: Sequence[Multiple] = MULTIPLES) -> Multiple:
    for row in table:
        if row.form == form and row.kind == kind and row.applies(on):
            return row
    raise NoRate(f"Chưa có mức tiền thưởng (hệ số lương cơ sở) cho hình thức “{form}” "
                 f"áp dụng ngày {on:%d/%m/%Y}.")


def round_up(amount: Decimal, step: int = ROUND_TO) -> int:
    """Round up to the next multiple of `step` đồng (an exact multiple stays as it is)."""
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


def reward_amount(factor: Decimal, base_salary: int) -> int:
    """factor × base salary, rounded up to 10,000 đồng."""
    if factor < 0:
        raise ValueError("a reward multiple is never negative")
    return round_up(Decimal(factor) * base_salary)


@dataclass(frozen=True)
class Reward:
    amount: int
    factor: Decimal
    base_salary: int
    basis: str  # "3,0 × 2.340.000 đ (Nghị định 152/2025…; Nghị định 73/2024…)"


def reward_for(form: str, kind: str, on: date, *,
               rates: Sequence[BaseSalaryRate] = BASE_SALARIES,
               multiples: Sequence[Multiple] = MULTIPLES,
               factor: Decimal | None = None) -> Reward:
    """The reward money for one awardee of a decision issued on `on`.

    `factor` overrides the table (the campaign's catalogue carries its own dated multiples).
    """
    rate = base_salary_on(on, rates)
    if factor is None:
        row = multiple_for(form, kind, on, multiples)
        factor, law = row.factor, row.legal_basis
    else:
        law = "hệ số theo danh mục hình thức khen thưởng"
    amount = reward_amount(factor, rate.amount)
    shown = f"{factor.normalize():f}".replace(".", ",")
    salary = f"{rate.amount:,}".replace(",", ".")
    return Reward(amount, factor, rate.amount,
                  f"{shown} × {salary} đồng ({law}; {rate.legal_basis})")
