"""The plan as a plain dict (the schema of docs/seed-plans.md) and its mapping onto the models.

One shape everywhere: the seed YAML files, what the edit page builds, version snapshots, the
validator and the document writer all use it. Keys that have a column are copied to it; every
other key of a row is kept verbatim in the row's ``data``, so nothing of a plan is ever lost
(``prune(export(load(plan))) == prune(plan)``; see tests/test_plan_roundtrip.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from thidua.campaigns.seedplans import KINDS, SUBJECTS  # noqa: F401 - re-exported labels

# --- sections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str  # the plan dict's key
    label: str  # Vietnamese, for screens and messages
    columns: tuple[str, ...]  # keys with a column of their own on the row model


ITEM_SECTIONS: tuple[Section, ...] = (
    Section("legal_bases", "Căn cứ", ("clause", "text")),
    Section("purposes", "Mục đích", ("clause", "text")),
    Section("requirements", "Yêu cầu", ("clause", "text")),
    Section("contents", "Nội dung thi đua", ("clause", "title", "text")),
    Section("responsibilities", "Tổ chức thực hiện", ("clause", "party", "text")),
    Section("dossier_rules", "Quy định về hồ sơ", ("clause", "text")),
    Section("quota_provisos", "Lưu ý về số lượng khen thưởng", ("clause", "text")),
    Section("deferred", "Nội dung quy định sau", ("clause", "title", "text")),
)
ITEM_SECTION_KEYS = tuple(s.key for s in ITEM_SECTIONS)
# PlanItem.title holds "title" (contents, deferred) or "party" (responsibilities).
TITLE_KEY = {"responsibilities": "party"}

ROW_SECTIONS: dict[str, Section] = {
    "criteria": Section("criteria", "Tiêu chí thi đua", ("clause", "subject", "letter", "text")),
    "award_forms": Section("award_forms", "Hình thức khen thưởng",
                           ("clause", "code", "catalogue", "name", "subject", "scope")),
    "standards": Section("standards", "Tiêu chuẩn khen thưởng",
                         ("clause", "code", "award_form", "subject", "scope", "text",
                          "text_clause", "categories")),
    "quotas": Section("quotas", "Số lượng khen thưởng",
                      ("clause", "award_form", "category", "text", "count", "total", "percent",
                       "per_collective", "all_qualifying", "determined_by")),
    "milestones": Section("milestones", "Mốc thời gian",
                          ("clause", "code", "label", "bound", "text", "date", "window",
                           "relative", "recurring")),
    "dossier_components": Section("dossier_components", "Thành phần hồ sơ",
                                  ("clause", "code", "label", "copies", "form", "applies_to",
                                   "text")),
}
SECTION_LABELS: dict[str, str] = {
    **{s.key: s.label for s in ITEM_SECTIONS},
    **{k: s.label for k, s in ROW_SECTIONS.items()},
}

# Top-level keys with a column on Campaign (the rest go to Campaign.extra).
HEADER_KEYS = (
    "code", "source", "issuer_unit_code", "parent_body", "issuing_body", "header_note",
    "number_symbol", "number_symbol_note", "place", "place_date_line", "issued_on",
    "issued_on_note", "doc_type", "title", "theme", "theme_clause", "kind",
)
JSON_KEYS = ("enacting_clause", "targets", "signature", "recipients", "outline", "notes",
             "annexes")
PERIOD_COLUMNS = ("start", "end", "clause", "text", "note")
KNOWN_TOP = {*HEADER_KEYS, *JSON_KEYS, "period", *ITEM_SECTION_KEYS, *ROW_SECTIONS}
QUOTA_BASES = ("count", "total", "percent", "per_collective", "all_qualifying", "determined_by")


def split_row(row: Mapping[str, Any], columns: Iterable[str]) -> tuple[dict[str, Any], dict]:
    """(values of the keys that have columns, everything else verbatim)."""
    cols = set(columns)
    mapped = {k: v for k, v in row.items() if k in cols}
    rest = {k: v for k, v in row.items() if k not in cols and not k.startswith("_")}
    return mapped, rest


def prune(value: Any) -> Any:
    """Drop empty values (None, "", [], {}) recursively; the comparison form of a plan."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            item = prune(item)
            if item in (None, "", [], {}):
                continue
            out[key] = item
        return out
    if isinstance(value, list | tuple):
        return [prune(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def number(value: Decimal | int | float | None) -> int | float | None:
    """A stored Decimal back to the int or float a plan writes."""
    if value is None:
        return None
    dec = Decimal(str(value))
    return int(dec) if dec == dec.to_integral_value() else float(dec)


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, Decimals to numbers, recursively (for JSONField snapshots)."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    return value


_DATE_KEYS = {"issued_on", "start", "end", "date"}


def from_json(value: Any, key: str = "") -> Any:
    """Inverse of ``jsonable`` for the keys a plan stores dates in."""
    if isinstance(value, Mapping):
        return {k: from_json(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v, key) for v in value]
    if key in _DATE_KEYS and isinstance(value, str):
        return as_date(value) or value
    return value


# --- clauses: numbering rows of a plan written on screen ----------------------------------------

# The structure of a plan written in thidua: heading clause -> heading text. Clauses of rows are
# their place in the generated document, so a clause always points at what the reader sees.
DEFAULT_OUTLINE: tuple[tuple[str, str, str | None], ...] = (
    # (clause, title, section that makes it appear; None = always)
    ("§I", "MỤC ĐÍCH, YÊU CẦU", None),
    ("§I.1", "Mục đích", "purposes"),
    ("§I.2", "Yêu cầu", "requirements"),
    ("§Chủ đề", "CHỦ ĐỀ THI ĐUA", "theme"),
    ("§II", "NỘI DUNG THI ĐUA", None),
    ("§III", "ĐỐI TƯỢNG, THỜI GIAN THI ĐUA", None),
    ("§III.1", "Đối tượng thi đua", None),
    ("§III.2", "Thời gian thi đua", None),
    ("§IV", "TIÊU CHÍ THI ĐUA", "criteria"),
    ("§IV.1", "Đối với tập thể", "criteria:collective"),
    ("§IV.2", "Đối với cá nhân", "criteria:individual"),
    ("§V", "HÌNH THỨC, TIÊU CHUẨN, SỐ LƯỢNG KHEN THƯỞNG", None),
    ("§V.1", "Hình thức khen thưởng", "award_forms"),
    ("§V.2", "Tiêu chuẩn khen thưởng", "standards"),
    ("§V.3", "Số lượng khen thưởng", "quotas"),
    ("§VI", "HỒ SƠ, THỜI HẠN", None),
    ("§VI.1", "Thành phần hồ sơ", "dossier_components"),
    ("§VI.2", "Thời hạn", "milestones"),
    ("§VII", "TỔ CHỨC THỰC HIỆN", None),
)
DEFAULT_CLAUSE = {
    "legal_bases": "§Mở đầu¶{n}",
    "purposes": "§I.1¶{n}",
    "requirements": "§I.2¶{n}",
    "contents": "§II.{n}",
    "award_forms": "§V.1¶{n}",
    "standards": "§V.2¶{n}",
    "quotas": "§V.3¶{n}",
    "dossier_components": "§VI.1¶{n}",
    "milestones": "§VI.2¶{n}",
    "responsibilities": "§VII.{n}",
    "dossier_rules": "§VI.1¶r{n}",
    "quota_provisos": "§V.3¶l{n}",
    "deferred": "§VII¶d{n}",
}


def uses_default_outline(plan: Mapping[str, Any]) -> bool:
    """A plan written in thidua numbers itself; a transcribed one keeps its own outline."""
    return not plan.get("outline") or bool(plan.get("outline_auto"))


def default_outline(plan: Mapping[str, Any]) -> list[dict[str, str]]:
    """The headings a plan written in thidua shows, given what it contains."""
    present = {key for key in (*ITEM_SECTION_KEYS, *ROW_SECTIONS) if plan.get(key)}
    if plan.get("theme"):
        present.add("theme")
    for c in plan.get("criteria") or []:
        present.add(f"criteria:{c.get('subject')}")
    return [{"clause": clause, "title": title} for clause, title, needs in DEFAULT_OUTLINE
            if needs is None or needs in present]


_LAST_INT = re.compile(r"(\d+)(?!.*\d)")


def _next_clause(previous: str, used: set[str]) -> str:
    """'§II.5' -> '§II.6'; a clause without a number gets '¶bs1', '¶bs2' … (bổ sung)."""
    match = _LAST_INT.search(previous)
    candidate = previous
    n = 1
    while candidate in used or candidate == previous:
        if match:
            base = int(match.group(1))
            candidate = previous[: match.start()] + str(base + n) + previous[match.end():]
        else:
            candidate = f"{previous}¶bs{n}"
        n += 1
    return candidate


def assign_clauses(plan: dict[str, Any]) -> dict[str, Any]:
    """Give rows the clause of their place in the document (in place).

    A plan written in thidua (default outline) is renumbered on every save, so its clauses always
    match the generated document; a transcribed plan keeps its clauses and only rows added on
    screen get one, next to their neighbour ('§II.5' -> '§II.6').
    """
    auto = uses_default_outline(plan)
    for key in (*ITEM_SECTION_KEYS, *ROW_SECTIONS):
        rows = plan.get(key) or []
        used = {str(r.get("clause")) for r in rows if r.get("clause")}
        previous = ""
        for index, row in enumerate(rows, start=1):
            if row.get("clause") and not auto:
                previous = str(row["clause"])
                continue
            if key == "criteria":
                head = "§IV.1" if row.get("subject") == "collective" else "§IV.2"
                letter = str(row.get("letter") or "").strip()
                clause = f"{head}.{letter}" if letter else f"{head}¶{index}"
            elif auto or not previous:
                clause = DEFAULT_CLAUSE[key].format(n=index)
            else:
                clause = _next_clause(previous, used)
            row["clause"] = clause
            used.add(clause)
            previous = clause
    period = plan.get("period")
    if isinstance(period, dict) and (auto or not period.get("clause")):
        period["clause"] = "§III.2"
    targets = plan.get("targets")
    if isinstance(targets, dict):
        if auto or not targets.get("clause"):
            targets["clause"] = "§III.1"
        for subject, clause in (("collective", "§III.1.a"), ("individual", "§III.1.b")):
            part = targets.get(subject)
            if isinstance(part, dict) and (auto or not part.get("clause")):
                part["clause"] = clause
    enacting = plan.get("enacting_clause")
    if isinstance(enacting, dict) and enacting.get("text") and (auto or not enacting.get("clause")):
        enacting["clause"] = f"§Mở đầu¶{len(plan.get('legal_bases') or []) + 1}"
    if plan.get("theme") and (auto or not plan.get("theme_clause")):
        plan["theme_clause"] = "§Chủ đề"
    if auto:
        plan["outline"] = default_outline(plan)
        plan["outline_auto"] = True
    return plan


# --- clause order: where a row sits in the document ----------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}
_VN_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TOKEN = re.compile(r"([.¶]?)([^.¶]+)")


def clause_key(clause: str) -> tuple:
    """Sort key of a clause: '§IV.1.1.a¶2' -> ((0,4),(0,1),(0,1),(1,0),(2,2)).

    Roman numerals, numbers and Vietnamese letters (a, b, c, d, đ, e …) each sort naturally;
    paragraphs (¶n) of a level come before its numbered parts (an intro, then the points).
    """
    body = clause.lstrip("§")
    parts: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(body):
        sep, piece = match.group(1), match.group(2)
        if sep == "¶":
            digits = re.match(r"(\d+)", piece)
            parts.append((-1, int(digits.group(1)) if digits else 0, piece))
        elif piece in _ROMAN:
            parts.append((0, _ROMAN[piece], piece))
        elif piece.isdigit():
            parts.append((0, int(piece), piece))
        elif len(piece) == 1 and piece.lower() in _VN_LETTERS:
            parts.append((1, _VN_LETTERS.index(piece.lower()), piece))
        else:
            parts.append((2, 0, piece))
    return tuple(parts)


def clause_under(clause: str, heading: str) -> bool:
    """True when ``clause`` is ``heading`` or inside it ('§IV.1.1.a¶2' is under '§IV.1')."""
    if clause == heading:
        return True
    return clause.startswith(heading) and clause[len(heading)] in ".¶"
