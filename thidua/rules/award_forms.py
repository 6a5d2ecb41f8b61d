"""The award-form catalogue and reward money: one dated definition (award_forms.yaml), pure Python.

Read by the engine's callers and by the Django apps (the campaigns catalogue table is loaded
from it, the awards app takes its reward multiples and names from it). An unknown code is an
error with a Vietnamese message; nothing falls back to a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from thidua.rules.errors import RuleError
from thidua.rules.vocab import TITLE

PATH = Path(__file__).with_name("award_forms.yaml")

# The values the campaigns app's choices accept (tests/test_one_definition.py holds that).
KINDS = ("flag", "merit", "giay_khen", "title", "proposal")
SUBJECTS = ("collective", "individual", "both")
AUTHORITY_LEVELS = ("central", "province", "department", "district", "commune", "unit_head", "higher")
NO_MONEY = "Mức tiền thưởng của thời kỳ này chưa được nhập vào danh mục."
NO_INDIVIDUAL_MONEY = "Mức thưởng cá nhân chưa được nhập vào danh mục."


class AwardFormError(RuleError, LookupError):
    """An award form or a parameter of it that the catalogue does not know (message for users)."""


@dataclass(frozen=True)
class BaseSalary:
    valid_from: date
    amount: int  # đồng per month
    legal_basis: str


@dataclass(frozen=True)
class FormVersion:
    """What the law in force between two dates says about one award form."""

    valid_from: date
    valid_to: date | None  # last day in force; None while current
    authority: str
    legal_reference: str
    collective: Decimal | None  # reward, multiple of the base salary
    individual: Decimal | None
    reward_reference: str
    note: str

    def applies(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def multiple(self, kind: str) -> Decimal | None:
        if kind == "collective":
            return self.collective
        if kind == "individual":
            return self.individual
        raise AwardFormError(f"Đối tượng khen thưởng “{kind}” không hợp lệ (tập thể hoặc cá nhân).")


@dataclass(frozen=True)
class AwardForm:
    code: str
    name: str
    kind: str  # KINDS
    subject: str  # SUBJECTS
    authority_level: str  # AUTHORITY_LEVELS
    certificate: bool  # printed as a Bằng khen / Giấy khen
    title: str | None  # the TITLE code it confers, for emulation titles of a person
    versions: tuple[FormVersion, ...]  # by date, not overlapping

    def version_on(self, on: date) -> FormVersion | None:
        """The version in force on a day (None: the form is not awarded on that day)."""
        return next((v for v in self.versions if v.applies(on)), None)

    def subjects(self) -> tuple[str, ...]:
        return ("collective", "individual") if self.subject == "both" else (self.subject,)

    def shown_note(self, version: FormVersion) -> str:
        """The version's note as the catalogue page shows it, saying which money is not known."""
        missing = [k for k in self.subjects() if version.multiple(k) is None]
        if self.kind == "proposal" or not missing:
            extra = ""
        elif len(missing) == len(self.subjects()):
            extra = NO_MONEY
        else:
            extra = NO_INDIVIDUAL_MONEY if missing == ["individual"] else NO_MONEY
        return " ".join(part for part in (version.note, extra) if part)


@dataclass(frozen=True)
class Catalogue:
    forms: Mapping[str, AwardForm]  # in the catalogue's order
    base_salaries: tuple[BaseSalary, ...]  # by date

    def form(self, code: str) -> AwardForm:
        try:
            return self.forms[code]
        except KeyError:
            raise AwardFormError(
                f"Hình thức khen thưởng “{code}” không có trong danh mục hình thức khen thưởng."
            ) from None

    def name_of(self, code: str) -> str:
        return self.form(code).name

    def codes(self) -> tuple[str, ...]:
        return tuple(self.forms)


def _fail(where: str, what: str) -> AwardFormError:
    return AwardFormError(f"{PATH.name}, {where}: {what}")


def _multiple(raw: Any, where: str) -> Decimal | None:
    if raw is None:
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise _fail(where, f"hệ số “{raw}” không phải là số") from None
    if value < 0:
        raise _fail(where, "hệ số tiền thưởng không được âm")
    return value


def _day(raw: Any, where: str) -> date:
    if not isinstance(raw, date):
        raise _fail(where, f"ngày “{raw}” phải viết YYYY-MM-DD")
    return raw


def _versions(entry: Mapping[str, Any], periods: Mapping[str, Any], where: str
              ) -> tuple[FormVersion, ...]:
    out = []
    for raw in entry.get("versions") or []:
        period = periods.get(raw.get("period"))
        if period is None:
            raise _fail(where, f"thời kỳ “{raw.get('period')}” không có trong periods")
        valid_to = period.get("valid_to")
        out.append(FormVersion(
            valid_from=_day(period.get("valid_from"), where),
            valid_to=None if valid_to is None else _day(valid_to, where),
            authority=str(raw.get("authority") or ""),
            legal_reference=str(raw.get("legal_reference") or period.get("law") or ""),
            collective=_multiple(raw.get("collective"), where),
            individual=_multiple(raw.get("individual"), where),
            reward_reference=str(period.get("reward_reference") or ""),
            note=" ".join(str(raw.get("note") or "").split()),
        ))
    out.sort(key=lambda v: v.valid_from)
    for before, after in zip(out, out[1:], strict=False):
        if before.valid_to is None or before.valid_to >= after.valid_from:
            raise _fail(where, "các thời kỳ chồng lên nhau")
    if any(v.valid_to is not None and v.valid_to < v.valid_from for v in out):
        raise _fail(where, "thời kỳ kết thúc trước khi bắt đầu")
    return tuple(out)


def parse(text: str) -> Catalogue:
    """The catalogue from the YAML text, checked: a fault is an error naming the entry."""
    data = yaml.safe_load(text) or {}
    periods = data.get("periods") or {}
    forms: dict[str, AwardForm] = {}
    for entry in data.get("forms") or []:
        code = str(entry.get("code") or "")
        where = f"hình thức “{code or '?'}”"
        if not code or code in forms:
            raise _fail(where, "mã trống hoặc bị trùng")
        for key, allowed in (("kind", KINDS), ("subject", SUBJECTS),
                             ("authority_level", AUTHORITY_LEVELS)):
            if entry.get(key) not in allowed:
                raise _fail(where, f"{key} “{entry.get(key)}” không hợp lệ ({', '.join(allowed)})")
        title = entry.get("title")
        if title is not None and title not in TITLE.codes:
            raise _fail(where, f"danh hiệu “{title}” không có trong thang {TITLE.name}")
        form = AwardForm(code, str(entry.get("name") or ""), entry["kind"], entry["subject"],
                         entry["authority_level"], bool(entry.get("certificate")), title,
                         _versions(entry, periods, where))
        if not form.name or not form.versions:
            raise _fail(where, "thiếu tên hoặc thời kỳ áp dụng")
        for version in form.versions:
            for kind in ("collective", "individual"):
                if version.multiple(kind) is not None and kind not in form.subjects():
                    raise _fail(where, f"có hệ số tiền thưởng cho đối tượng {kind} không được tặng")
        forms[code] = form
    salaries = tuple(sorted(
        (BaseSalary(_day(r.get("valid_from"), "base_salaries"), int(r["amount"]),
                    str(r.get("legal_basis") or ""))
         for r in data.get("base_salaries") or []),
        key=lambda r: r.valid_from))
    return Catalogue(forms, salaries)


@cache
def catalogue() -> Catalogue:
    """The catalogue of this installation (award_forms.yaml beside this module), read once."""
    return parse(PATH.read_text("utf-8"))


def title_forms() -> dict[str, str]:
    """Award-form code -> the TITLE code it confers ("title_lao_dong_tien_tien" ->
    "lao_dong_tien_tien"): how a person's awarded titles become the `title` a standard reads."""
    return {code: form.title for code, form in catalogue().forms.items() if form.title}


def award_form(code: str) -> AwardForm:
    """One form by code; an unknown code is an error (AwardFormError), never a default."""
    return catalogue().form(code)
