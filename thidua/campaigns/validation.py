"""Problems in a plan, placed on the row and field they concern, so a form shows each one next to
its field.

The rules themselves are ``seedplans.validate_plan`` (the same checks the seed plans pass): this
module only finds out which row a message belongs to — by validating the plan with the rows of a
section added one at a time and keeping the messages each row brings in — and which field of the
row it speaks of. Checks the seed schema cannot make (a catalogue entry missing from the
database) are added here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from thidua.campaigns.plan import ITEM_SECTION_KEYS, ROW_SECTIONS
from thidua.campaigns.seedplans import CATALOGUE, validate_plan

ATTRIBUTED_SECTIONS = (*ROW_SECTIONS, *ITEM_SECTION_KEYS)


@dataclass(frozen=True)
class Problem:
    """A Vietnamese message; ``section``/``index``/``field`` say where it belongs (None: the plan)."""

    message: str
    section: str | None = None
    index: int | None = None
    field: str | None = None


# (words in the message, field) per section, first match wins; no match: the row as a whole.
_FIELD_HINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "criteria": (("điều khoản nguồn", "clause"), ("hai lần", "letter"), ("ký hiệu", "letter"),
                 ("nội dung", "text"), ("đối tượng", "subject")),
    "award_forms": (("điều khoản nguồn", "clause"), ("mã", "code"), ("danh mục", "catalogue"),
                    ("đối tượng", "subject"), ("phạm vi", "scope")),
    "standards": (("điều khoản nguồn", "clause"), ("trùng mã", "code"),
                  ("tham chiếu hình thức", "award_form"), ("nhưng hình thức", "subject"),
                  ("khối", "categories"), ("nội dung", "text"), ("cách kết hợp", "text"),
                  ("đối tượng", "subject")),
    "quotas": (("điều khoản nguồn", "clause"), ("khối", "category"),
               ("hình thức khen thưởng", "award_form"), ("cách tính", "basis"),
               ("số nguyên", "value"), ("Tỷ lệ", "value")),
    "milestones": (("điều khoản nguồn", "clause"), ("trùng mã", "code"), ("giới hạn", "bound"),
                   ("đúng một cách", "timing"), ("ngày", "date")),
    "dossier_components": (("điều khoản nguồn", "clause"),),
}
_PLAN_FIELD_HINTS: tuple[tuple[str, str], ...] = (
    ("Thời gian thi đua phải có ngày bắt đầu", "period_start"),
    ("Thời gian thi đua không hợp lệ", "period_end"),
    ("trích yếu", "title"),
    ("cơ quan ban hành", "issuing_body"),
    ("Loại văn bản", "doc_type"),
    ("Loại phong trào", "kind"),
    ("ngày ban hành", "issued_on"),
    ("số, ký hiệu", "number_symbol"),
    ("Đối tượng thi đua", "targets"),
)


def _field_for(section: str, message: str) -> str | None:
    for words, field in _FIELD_HINTS.get(section, (("điều khoản nguồn", "clause"),)):
        if words in message:
            return field
    return None


def _plan_field(message: str) -> str | None:
    for words, field in _PLAN_FIELD_HINTS:
        if words in message:
            return field
    return None


def _for_validation(plan: Mapping[str, Any], catalogue_codes: set[str] | None) -> dict[str, Any]:
    """The plan as validate_plan expects it from a plan typed on screen.

    A plan written in thidua has no source file and, as a draft, often no number or date yet;
    the catalogue in the database may hold entries the seed schema does not list.
    """
    shaped = dict(plan)
    shaped["source"] = plan.get("source") or "(soạn trên hệ thống)"
    if not plan.get("number_symbol") and not plan.get("number_symbol_note"):
        shaped["number_symbol_note"] = "Chưa cấp số."
    if not plan.get("issued_on") and not plan.get("issued_on_note"):
        shaped["issued_on_note"] = "Chưa ký ban hành."
    if catalogue_codes:
        substitute = next(iter(CATALOGUE))
        shaped["award_forms"] = [
            {**form, "catalogue": substitute}
            if form.get("catalogue") in catalogue_codes and form.get("catalogue") not in CATALOGUE
            else form
            for form in plan.get("award_forms") or []
        ]
    return shaped


def plan_problems(plan: Mapping[str, Any], *, catalogue_codes: set[str] | None = None
                  ) -> list[Problem]:
    """Every problem of ``plan``, each placed on its row and field when it has one."""
    shaped = _for_validation(plan, catalogue_codes)
    problems: list[Problem] = []
    if catalogue_codes is not None:
        for index, form in enumerate(plan.get("award_forms") or []):
            code = form.get("catalogue")
            # Codes the seed schema does not know are reported by validate_plan itself.
            if code and code in CATALOGUE and code not in catalogue_codes:
                problems.append(Problem(
                    f"Hình thức khen thưởng “{form.get('code')}”: loại “{code}” không có trong "
                    "danh mục hình thức khen thưởng.", "award_forms", index, "catalogue"))
    messages = validate_plan(shaped)
    if not messages:
        return problems
    remaining = Counter(messages)
    for section in ATTRIBUTED_SECTIONS:
        rows = list(shaped.get(section) or [])
        if not rows:
            continue
        before = Counter(validate_plan({**shaped, section: []}))
        for index in range(len(rows)):
            after = Counter(validate_plan({**shaped, section: rows[: index + 1]}))
            for message, count in (after - before).items():
                take = min(count, remaining[message])
                for _ in range(take):
                    problems.append(Problem(message, section, index, _field_for(section, message)))
                remaining[message] -= take
            before = after
    for message, count in remaining.items():
        for _ in range(count):
            problems.append(Problem(message, None, None, _plan_field(message)))
    return problems
