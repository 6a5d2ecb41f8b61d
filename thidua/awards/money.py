"""Reward money: multiples of the base salary in force on the decision's date (pure Python).

Money is computed on the base salary in force when the award decision is issued and rounded
up to the next 10,000 đồng (Decree 152/2025/NĐ-CP, Art. 49-54; the same rule as before).
Base salaries and the multiples of each award form are dated parameters declared once, in
thidua/rules/award_forms.yaml (the `BaseSalary` table starts from BASE_SALARIES).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from thidua.rules.award_forms import AwardFormError, catalogue

ROUND_TO = 10_000  # đồng


@dataclass(frozen=True)
class BaseSalaryRate:
    valid_from: date
    amount: int  # đồng per month
    legal_basis: str


# The base salary ("mức lương cơ sở"), each row citing the decree that set it.
BASE_SALARIES: tuple[BaseSalaryRate, ...] = tuple(
    BaseSalaryRate(r.valid_from, r.amount, r.legal_basis) for r in catalogue().base_salaries)


@dataclass(frozen=True)
class Multiple:
    """A reward multiple of the base salary for one award form and kind of subject."""

    form: str  # catalogue code (thidua/rules/award_forms.yaml)
    kind: str  # "collective" | "individual"
    factor: Decimal
    valid_from: date
    valid_until: date | None
    legal_basis: str

    def applies(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


# Every multiple the catalogue records, form by form, in the catalogue's order.
MULTIPLES: tuple[Multiple, ...] = tuple(
    Multiple(form.code, kind, factor, version.valid_from, version.valid_to,
             version.reward_reference)
    for form in catalogue().forms.values()
    for version in form.versions
    for kind in ("collective", "individual")
    if (factor := version.multiple(kind)) is not None
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
    """The multiple in force on `on`; NoRate when the catalogue records none, and
    AwardFormError for a form the catalogue does not know (never a default)."""
    name = catalogue().name_of(form)
    for row in table:
        if row.form == form and row.kind == kind and row.applies(on):
            return row
    who = {"collective": "tập thể", "individual": "cá nhân"}.get(kind)
    if who is None:
        raise AwardFormError(f"Đối tượng khen thưởng “{kind}” không hợp lệ (tập thể hoặc cá nhân).")
    raise NoRate(f"Chưa có mức tiền thưởng (hệ số lương cơ sở) cho hình thức “{name}” ({who}) "
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
