"""The plan laid out as its document: headings from the outline, each part of the plan under the
heading its clause belongs to, in clause order. The screen (compare with the original) and the
.docx writer both read this, so what the owner checks on screen is what gets printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from thidua.campaigns.plan import clause_key, clause_under
from thidua.core.text import vn_number

KIND_LABELS = {
    "legal_bases": "Căn cứ",
    "enacting_clause": "Câu ban hành",
    "purposes": "Mục đích",
    "requirements": "Yêu cầu",
    "theme": "Chủ đề thi đua",
    "contents": "Nội dung thi đua",
    "contests": "Cuộc thi",
    "targets": "Đối tượng thi đua",
    "period": "Thời gian thi đua",
    "criteria": "Tiêu chí thi đua",
    "award_forms": "Hình thức khen thưởng",
    "standards": "Tiêu chuẩn khen thưởng",
    "quotas": "Số lượng khen thưởng",
    "quota_provisos": "Lưu ý về số lượng",
    "milestones": "Mốc thời gian",
    "dossier_components": "Thành phần hồ sơ",
    "dossier_rules": "Quy định về hồ sơ",
    "responsibilities": "Tổ chức thực hiện",
    "deferred": "Quy định sau",
    "closing": "Phần kết",
}


@dataclass
class Entry:
    """One printed paragraph of the plan, with the clause and the part it comes from."""

    clause: str
    kind: str  # a key of KIND_LABELS
    text: str
    label: str = ""  # "a)", a standard's code, a party …
    title: str = ""  # a content's own heading
    facts: list[tuple[str, str]] = field(default_factory=list)  # shown on screen only
    order: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class Heading:
    clause: str
    title: str
    level: int
    number: str  # "IV.", "1.", "1.1.", "a)" or "" (unnumbered: "CHỦ ĐỀ THI ĐUA")
    entries: list[Entry] = field(default_factory=list)

    @property
    def printed(self) -> str:
        return f"{self.number} {self.title}".strip()


_ROMAN = re.compile(r"^[IVX]+$")


def heading_number(clause: str) -> tuple[int, str]:
    """(level, printed number) of an outline clause: '§IV' -> (1, 'IV.'), '§IV.1.1' -> (3, '1.1.'),
    '§IV.1.1.a' -> (4, 'a)'), '§Chủ đề' -> (1, '')."""
    body = clause.lstrip("§")
    if "¶" in body:
        return 9, ""
    parts = body.split(".")
    level = len(parts)
    if not _ROMAN.match(parts[0]):
        return level, ""
    last = parts[-1]
    if level == 1:
        return 1, f"{last}."
    if last.isdigit():
        digits = [p for p in parts[1:] if p.isdigit()]
        return level, ".".join(digits) + "."
    return level, f"{last})"


SCOPE_LABELS = {"annual": "Hằng năm", "phase": "Giai đoạn", "mid_term": "Sơ kết",
                "final": "Tổng kết"}


def _amount(row: Mapping[str, Any]) -> str:
    """A quota's number in words: '2', 'tối đa 15', '20 %', '2 mỗi tập thể'."""
    if "count" in row:
        return vn_number(row["count"])
    if "total" in row:
        return f"tối đa {vn_number(row['total'])}"
    if "percent" in row:
        return f"{vn_number(row['percent'])} % số đơn vị của khối"
    if "per_collective" in row:
        return f"{vn_number(row['per_collective'])} mỗi tập thể"
    if "all_qualifying" in row:
        return "mọi tập thể, cá nhân đạt tiêu chuẩn"
    if "determined_by" in row:
        return f"do {row['determined_by']} quy định"
    return ""


def _walk(plan: Mapping[str, Any], names: Mapping[str, str] | None = None) -> Iterator[Entry]:
    # Codes shown by name: the plan's own award forms, then `names` (categories, catalogue).
    known = {**(names or {}), **{str(r.get("code")): str(r.get("name") or r.get("code"))
                                 for r in plan.get("award_forms") or [] if r.get("code")}}

    def name(code: Any) -> str:
        return known.get(str(code), str(code)) if code else ""

    order = 0

    def entry(clause: Any, kind: str, text: Any, **extra: Any) -> Iterator[Entry]:
        nonlocal order
        if not clause or not (text or extra.get("title")):
            return
        order += 1
        yield Entry(str(clause), kind, str(text or ""), order=order, **extra)

    for row in plan.get("legal_bases") or []:
        yield from entry(row.get("clause"), "legal_bases", row.get("text"))
    enacting = plan.get("enacting_clause") or {}
    yield from entry(enacting.get("clause"), "enacting_clause", enacting.get("text"))
    for key in ("purposes", "requirements"):
        for row in plan.get(key) or []:
            yield from entry(row.get("clause"), key, row.get("text"))
    if plan.get("theme"):
        yield from entry(plan.get("theme_clause") or "§Chủ đề", "theme", plan["theme"])

    def nested(rows: list[Mapping[str, Any]], kind: str) -> Iterator[Entry]:
        for row in rows or []:
            yield from entry(row.get("clause"), kind, row.get("text"), title=row.get("title") or "")
            yield from nested(row.get("items") or [], kind)

    yield from nested(plan.get("contents") or [], "contents")
    for row in plan.get("contests") or []:
        yield from entry(row.get("clause"), "contests", row.get("text"))
    targets = plan.get("targets") or {}
    for subject in ("collective", "individual"):
        part = targets.get(subject) or {}
        yield from entry(part.get("clause"), "targets", part.get("text"),
                         title=part.get("title") or "")
        yield from nested(part.get("items") or [], "targets")
    period = plan.get("period") or {}
    yield from entry(period.get("clause"), "period", period.get("text"),
                     facts=[("Từ ngày", _d(period.get("start"))), ("Đến ngày", _d(period.get("end")))])
    for row in plan.get("criteria") or []:
        yield from entry(row.get("clause"), "criteria", row.get("text"),
                         label=f"{row.get('letter')})",
                         facts=[("Đối tượng", "Tập thể" if row.get("subject") == "collective"
                                 else "Cá nhân")])
    for row in plan.get("award_forms") or []:
        yield from entry(row.get("clause"), "award_forms", row.get("text") or row.get("name"),
                         label=str(row.get("code") or ""),
                         facts=[("Danh mục", name(row.get("catalogue")) or "—"),
                                ("Phạm vi", SCOPE_LABELS.get(str(row.get("scope")), "—"))])
    for row in plan.get("standards") or []:
        code = str(row.get("code") or "")
        facts = [("Hình thức", name(row.get("award_form"))),
                 ("Khối", "; ".join(name(c) for c in row.get("categories") or []) or "—")]
        preamble = row.get("preamble") or {}
        yield from entry(preamble.get("clause"), "standards", preamble.get("text"), label="")
        yield from entry(row.get("text_clause") or row.get("clause"), "standards", row.get("text"),
                         label=code, title=row.get("title") or "", facts=facts)
        for part in row.get("parts") or []:
            yield from entry(part.get("clause"), "standards", part.get("text"), label=code)
        for proviso in row.get("provisos") or []:
            yield from entry(proviso.get("clause"), "standards", proviso.get("text"), label=code)
    for row in plan.get("quotas") or []:
        yield from entry(row.get("clause"), "quotas", row.get("text"),
                         facts=[("Hình thức", name(row.get("award_form"))),
                                ("Khối", name(row.get("category")) or "tất cả"),
                                ("Số lượng", _amount(row))])
    for key in ("quota_provisos", "dossier_rules", "deferred", "closing"):
        for row in plan.get(key) or []:
            yield from entry(row.get("clause"), key, row.get("text"))
    for row in plan.get("milestones") or []:
        yield from entry(row.get("clause"), "milestones", row.get("text"),
                         label=str(row.get("label") or ""))
    for row in plan.get("dossier_components") or []:
        yield from entry(row.get("clause"), "dossier_components", row.get("text"),
                         label=str(row.get("label") or ""))
    for row in plan.get("responsibilities") or []:
        yield from entry(row.get("clause"), "responsibilities", row.get("text"),
                         label=str(row.get("party") or ""))


def _d(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value or "")


PREAMBLE = "§Mở đầu"
CLOSING = "§Phần kết"


def plan_layout(plan: Mapping[str, Any], *, names: Mapping[str, str] | None = None
                ) -> tuple[list[Entry], list[Heading], list[Entry]]:
    """(opening entries, headings with their entries, closing entries) in document order.

    Each entry goes under the deepest outline heading its clause falls in; the same paragraph
    quoted by two parts (a preamble shared by three standards) is printed once. `names` maps the
    codes a plan refers to (unit categories, catalogue forms) to their names, for the facts
    shown on screen (selectors.plan_names).
    """
    headings = []
    for row in plan.get("outline") or []:
        level, number = heading_number(str(row.get("clause")))
        headings.append(Heading(str(row.get("clause")), str(row.get("title") or ""), level, number))
    opening: list[Entry] = []
    closing: list[Entry] = []
    loose: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for item in _walk(plan, names):
        key = (item.clause, " ".join(item.text.split()))
        if key in seen and item.kind not in {"criteria"}:
            continue
        seen.add(key)
        if item.clause.startswith(PREAMBLE):
            opening.append(item)
            continue
        if item.clause.startswith(CLOSING):
            closing.append(item)
            continue
        home = None
        for heading in headings:
            if clause_under(item.clause, heading.clause) and (
                    home is None or len(heading.clause) > len(home.clause)):
                home = heading
        if home is None:
            loose.append(item)
        else:
            if item.title and item.clause == home.clause and item.title == home.title:
                item.title = ""
            home.entries.append(item)
    for heading in headings:
        heading.entries.sort(key=lambda e: (clause_key(e.clause), e.order))
    if loose:
        extra = Heading("§", "Nội dung khác", 1, "")
        extra.entries = sorted(loose, key=lambda e: (clause_key(e.clause), e.order))
        headings.append(extra)
    opening.sort(key=lambda e: (clause_key(e.clause), e.order))
    closing.sort(key=lambda e: (clause_key(e.clause), e.order))
    return opening, headings, closing


_ITALIC = re.compile(r"\*([^*]+)\*")


def runs(text: str) -> list[tuple[str, bool]]:
    """Split '*…*' italic spans of a transcription: [(text, italic), …]."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _ITALIC.finditer(text):
        if match.start() > position:
            out.append((text[position:match.start()], False))
        out.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out
