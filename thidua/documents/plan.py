"""The campaign plan ("Kế hoạch phát động phong trào thi đua"), laid out like the seed plans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .common import Letterhead, official
from .layout import (
    Block,
    Bullet,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Row,
    Signature,
    Table,
    build_docx,
)
from .text import roman, short_date

__all__ = [
    "CampaignPlan",
    "Deadline",
    "Duty",
    "PlanSection",
    "QuotaRow",
    "StandardGroup",
    "campaign_plan_docx",
    "campaign_plan_document",
]


@dataclass(frozen=True)
class StandardGroup:
    """Award standards for one group: "a) Đối với tập thể" followed by its conditions."""

    title: str
    items: Sequence[str]
    note: str | None = None  # the italic "Lưu ý: ..." under it


@dataclass(frozen=True)
class QuotaRow:
    """How many awards of a form a unit category may receive (002 §IV.2)."""

    category: str
    award_form: str
    count: int | str
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    task: str
    due: date | str
    responsible: str = ""


@dataclass(frozen=True)
class Duty:
    """What one party does in "Tổ chức thực hiện"."""

    party: str
    tasks: Sequence[str]


@dataclass(frozen=True)
class PlanSection:
    """A further numbered section the standard outline does not have."""

    title: str
    blocks: Sequence[Block]


@dataclass(frozen=True, kw_only=True)
class CampaignPlan:
    letterhead: Letterhead
    subject: str  # "Phát động phong trào thi đua cải cách hành chính giai đoạn 2021-2025 ..."
    signature: Signature
    doc_type: str = "Kế hoạch"  # or "Chương trình" (004)
    legal_bases: Sequence[str] = ()
    preamble: str = ""  # "Ủy ban nhân dân tỉnh ban hành Kế hoạch ... như sau:"
    purposes: Sequence[str] = ()
    requirements: Sequence[str] = ()
    theme: str | None = None  # "CHỦ ĐỀ THI ĐUA" (002)
    contents: Sequence[str] = ()  # numbered clauses of "Nội dung thi đua"
    collective_participants: str = ""
    individual_participants: str = ""
    period: str = ""  # "Từ ngày 01/01/2021 đến ngày 31/12/2025"
    registration_deadline: date | None = None
    standards: Sequence[StandardGroup] = ()
    award_forms: Sequence[str] = ()
    quotas: Sequence[QuotaRow] = ()
    quota_note: str | None = None
    dossier: Sequence[str] = ()  # "Thành phần hồ sơ"
    deadlines: Sequence[Deadline] = ()
    reviews: Sequence[str] = ()  # mid-term and final reviews
    extra_sections: Sequence[PlanSection] = ()
    duties: Sequence[Duty] = ()
    closing: str = ""
    recipients: Sequence[str] = ()


def _due(value: date | str) -> str:
    return short_date(value) if isinstance(value, date) else value


def _quota_table(rows: Sequence[QuotaRow]) -> Table:
    body: list[Row | Sequence[str]] = [
        [f"{i}", r.category, r.award_form, f"{r.count:02d}" if isinstance(r.count, int) else r.count,
         r.note]
        for i, r in enumerate(rows, 1)
    ]
    if rows and all(isinstance(r.count, int) for r in rows):
        total = sum(int(r.count) for r in rows)
        body.append(Row(["", "Tổng cộng", "", f"{total:02d}", ""], bold=True))
    return Table(
        columns=[Column("STT", 0.6, "center"), Column("Khối, đối tượng", 3),
                 Column("Hình thức khen thưởng", 3), Column("Số lượng", 1, "center"),
                 Column("Ghi chú", 1.4)],
        rows=body,
    )


def _deadline_table(rows: Sequence[Deadline]) -> Table:
    return Table(
        columns=[Column("STT", 0.6, "center"), Column("Nội dung", 4),
                 Column("Thời hạn", 1.4, "center"), Column("Đơn vị thực hiện", 2.2)],
        rows=[[str(i), d.task, _due(d.due), d.responsible] for i, d in enumerate(rows, 1)],
    )


def campaign_plan_document(plan: CampaignPlan) -> OfficialDocument:
    """The plan as an OfficialDocument; empty sections are left out and the rest renumbered."""
    sections: list[tuple[str, list[Block]]] = []

    part: list[Block] = []
    if plan.purposes:
        part += [Heading("Mục đích", 2, "1"), *(Paragraph(t) for t in plan.purposes)]
    if plan.requirements:
        number = "2" if plan.purposes else "1"
        part += [Heading("Yêu cầu", 2, number), *(Bullet(t) for t in plan.requirements)]
    if plan.theme:
        part += [Paragraph("CHỦ ĐỀ THI ĐUA", bold=True, align="center", keep_with_next=True),
                 Paragraph(plan.theme, italic=True)]
    if part:
        sections.append(("Mục đích, yêu cầu", part))

    if plan.contents:
        sections.append(("Nội dung thi đua",
                         [Paragraph(f"{i}. {text}") for i, text in enumerate(plan.contents, 1)]))

    part = []
    if plan.collective_participants or plan.individual_participants:
        part.append(Heading("Đối tượng thi đua, khen thưởng", 2, "1"))
        if plan.collective_participants:
            part.append(Paragraph(f"a) Tập thể: {plan.collective_participants}"))
        if plan.individual_participants:
            letter = "b" if plan.collective_participants else "a"
            part.append(Paragraph(f"{letter}) Cá nhân: {plan.individual_participants}"))
    if plan.period or plan.registration_deadline:
        part.append(Heading("Thời gian thi đua", 2, "2" if part else "1"))
        text = plan.period
        if plan.registration_deadline:
            text += (". " if text else "") + (
                "Các cơ quan, đơn vị đăng ký thi đua (theo mẫu đính kèm) chậm nhất ngày "
                f"{short_date(plan.registration_deadline)}."
            )
        part.append(Paragraph(text))
    if part:
        sections.append(("Đối tượng, thời gian thi đua", part))

    part = []
    clause = 0
    if plan.standards:
        clause += 1
        part.append(Heading("Tiêu chuẩn thi đua, khen thưởng", 2, str(clause)))
        for i, group in enumerate(plan.standards):
            part.append(Heading(group.title, 3, "abcdefghijklmnopqrstuvwxyz"[i % 26]))
            part += [Bullet(item) for item in group.items]
            if group.note:
                part.append(Paragraph(group.note, italic=True))
    if plan.award_forms:
        clause += 1
        part.append(Heading("Hình thức khen thưởng", 2, str(clause)))
        part += [Bullet(item) for item in plan.award_forms]
    if plan.quotas:
        clause += 1
        part += [Heading("Số lượng khen thưởng", 2, str(clause)), _quota_table(plan.quotas)]
        if plan.quota_note:
            part.append(Paragraph(plan.quota_note, italic=True))
    if part:
        sections.append(("Tiêu chuẩn, hình thức và số lượng khen thưởng", part))

    part = []
    clause = 0
    if plan.dossier:
        clause += 1
        part += [Heading("Thành phần hồ sơ", 2, str(clause)), *(Bullet(t) for t in plan.dossier)]
    if plan.deadlines:
        clause += 1
        part += [Heading("Thời hạn", 2, str(clause)), _deadline_table(plan.deadlines)]
    if plan.reviews:
        clause += 1
        part += [Heading("Sơ kết, tổng kết phong trào", 2, str(clause)),
                 *(Bullet(t) for t in plan.reviews)]
    if part:
        sections.append(("Hồ sơ, thủ tục, thời hạn và sơ kết, tổng kết", part))

    for extra in plan.extra_sections:
        sections.append((extra.title, list(extra.blocks)))

    if plan.duties:
        part = []
        for i, duty in enumerate(plan.duties, 1):
            part.append(Heading(duty.party, 2, str(i)))
            part += [Bullet(t) for t in duty.tasks]
        sections.append(("Tổ chức thực hiện", part))

    body: list[Block] = []
    if plan.preamble:
        body.append(Paragraph(plan.preamble))
    for index, (title, blocks) in enumerate(sections, 1):
        body.append(Heading(title, 1, roman(index)))
        body += blocks
    if plan.closing:
        body.append(Paragraph(plan.closing))
    return official(
        plan.letterhead,
        doc_type=plan.doc_type,
        subject=plan.subject,
        body=body,
        signature=plan.signature,
        recipients=plan.recipients,
        legal_bases=plan.legal_bases,
        bases_italic=False,
    )


def campaign_plan_docx(plan: CampaignPlan) -> bytes:
    """The campaign plan as .docx bytes."""
    return build_docx(campaign_plan_document(plan))
