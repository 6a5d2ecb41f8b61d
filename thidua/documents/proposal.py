"""The proposal letter ("Tờ trình đề nghị khen thưởng") that opens a commendation dossier."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .common import Letterhead, Nominee, count_text, official
from .layout import (
    Block,
    Bullet,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    build_docx,
)

__all__ = ["ProposalLetter", "proposal_docx", "proposal_document"]


@dataclass(frozen=True, kw_only=True)
class ProposalLetter:
    letterhead: Letterhead  # number like "15/TTr-SNV"
    subject: str  # "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho ..."
    addressees: Sequence[str]  # "Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang"
    requester: str  # who asks, as the sentence names it: "Sở Nội vụ"
    decider: str  # who is asked: "Chủ tịch Ủy ban nhân dân tỉnh"
    achievement: str  # "có thành tích xuất sắc trong phong trào thi đua cải cách hành chính ..."
    nominees: Sequence[Nominee]
    signature: Signature
    legal_bases: Sequence[str] = ()  # "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;" ...
    background: Sequence[str] = ()  # what was done and achieved, a few paragraphs
    council_meeting: str = ""  # "Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 05/12/2025"
    attachments: Sequence[str] = ()  # the dossier's other papers
    recipients: Sequence[str] = ("Như trên", "Lưu: VT")


def _forms_in_order(nominees: Sequence[Nominee]) -> list[str]:
    seen: list[str] = []
    for nominee in nominees:
        if nominee.award_form not in seen:
            seen.append(nominee.award_form)
    return seen


def proposal_document(letter: ProposalLetter) -> OfficialDocument:
    body: list[Block] = [Paragraph(t) for t in letter.legal_bases]
    body += [Paragraph(t) for t in letter.background]
    collectives = sum(1 for n in letter.nominees if n.kind == "collective")
    individuals = len(letter.nominees) - collectives
    grounds = (
        f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng ({letter.council_meeting}), "
        if letter.council_meeting else ""
    )
    forms = _forms_in_order(letter.nominees)
    body.append(Paragraph(
        f"{grounds}{letter.requester} kính đề nghị {letter.decider} xem xét, khen thưởng cho "
        f"{count_text(collectives, individuals)} {letter.achievement}, cụ thể như sau:"
    ))
    for number, form in enumerate(forms, 1):
        group = [n for n in letter.nominees if n.award_form == form]
        group_collectives = sum(1 for n in group if n.kind == "collective")
        label = form or "Hình thức khen thưởng"
        body.append(Heading(
            f"{label}: {count_text(group_collectives, len(group) - group_collectives)}",
            2, str(number)))
        body.append(Table(
            columns=[Column("STT", 0.6, "center"), Column("Tên tập thể, cá nhân", 2.6),
                     Column("Chức vụ, đơn vị", 2.4), Column("Tóm tắt thành tích", 3.4)],
            rows=[[str(i), n.name, n.position, n.summary] for i, n in enumerate(group, 1)],
            size=12,
        ))
    if letter.attachments:
        body.append(Paragraph("Hồ sơ kèm theo gồm:", keep_with_next=True))
        body += [Bullet(t) for t in letter.attachments]
    body.append(Paragraph(f"Kính trình {letter.decider} xem xét, quyết định./."))
    return official(
        letter.letterhead,
        doc_type="Tờ trình",
        subject=letter.subject,
        body=body,
        signature=letter.signature,
        recipients=letter.recipients,
        addressees=letter.addressees,
    )


def proposal_docx(letter: ProposalLetter) -> bytes:
    """The proposal letter as .docx bytes."""
    return build_docx(proposal_document(letter))
