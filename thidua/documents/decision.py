"""The award decision ("Quyết định khen thưởng"): bases, Điều 1 awards with money, Điều 2-3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .common import Awardee, Letterhead, count_text, official
from .layout import (
    Block,
    Column,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Signature,
    Table,
    build_docx,
)
from .text import money_in_words, money_text, roman, short_date

__all__ = ["AwardDecision", "award_decision_docx", "award_decision_document"]


@dataclass(frozen=True, kw_only=True)
class AwardDecision:
    letterhead: Letterhead  # number like "123/QĐ-UBND"
    subject: str  # "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    authority: str  # "Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang" (printed in capitals)
    legal_bases: Sequence[str]  # "Căn cứ ...;" lines, the last "Theo đề nghị của ...,"
    achievement: str  # "đã có thành tích xuất sắc trong phong trào thi đua ... 2021-2025"
    awardees: Sequence[Awardee]
    signature: Signature
    funding_source: str = "Quỹ Thi đua, khen thưởng của tỉnh"
    payer: str = ""  # who pays: "Sở Tài chính"; blank leaves the sentence out
    executors: Sequence[str] = ()  # Điều 3: "Chánh Văn phòng Ủy ban nhân dân tỉnh", ...
    effective: str = "Quyết định này có hiệu lực kể từ ngày ký."
    recipients: Sequence[str] = ("Như Điều 3", "Lưu: VT")
    inline_limit: int = 10  # longer lists go to an attached list after the signature


def _awardee_rows(awardees: Sequence[Awardee], forms: Sequence[str]) -> list[Row | Sequence[str]]:
    rows: list[Row | Sequence[str]] = []
    for number, form in enumerate(forms, 1):
        group = [a for a in awardees if a.award_form == form]
        if len(forms) > 1:
            rows.append(Row([roman(number), form], bold=True, merge_rest=True))
        for i, a in enumerate(group, 1):
            name = f"{a.name}, {a.position}" if a.position else a.name
            rows.append([str(i), name, money_text(a.reward) if a.reward else ""])
    total = sum(a.reward for a in awardees)
    rows.append(Row(["", "Tổng cộng", money_text(total)], bold=True))
    return rows


def award_decision_document(decision: AwardDecision) -> OfficialDocument:
    awardees = list(decision.awardees)
    forms: list[str] = []
    for a in awardees:
        if a.award_form not in forms:
            forms.append(a.award_form)
    collectives = sum(1 for a in awardees if a.kind == "collective")
    individuals = len(awardees) - collectives
    total = sum(a.reward for a in awardees)
    attached = len(awardees) > decision.inline_limit
    what = forms[0] if len(forms) == 1 else "các hình thức khen thưởng"

    table = Table(
        columns=[Column("STT", 0.7, "center"), Column("Tên tập thể, cá nhân", 5.3),
                 Column("Tiền thưởng (đồng)", 1.8, "right")],
        rows=_awardee_rows(awardees, forms),
        size=13,
    )
    body: list[Block] = [
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", keep_with_next=True),
        Paragraph([
            Run("Điều 1. ", bold=True),
            Run(f"Tặng {what} cho {count_text(collectives, individuals)} "
                f"{decision.achievement}" + (" (có danh sách kèm theo)." if attached else ":")),
        ], keep_with_next=not attached),
    ]
    if not attached:
        body.append(table)
    if total:
        body.append(Paragraph(
            f"Tổng số tiền thưởng: {money_text(total)} đồng "
            f"(Bằng chữ: {money_in_words(total)})."
        ))
    article2 = f"Kinh phí khen thưởng được trích từ {decision.funding_source}"
    if decision.payer:
        article2 += f"; giao {decision.payer} chi trả tiền thưởng cho các tập thể, cá nhân có tên " \
                    "tại Điều 1 theo quy định"
    body.append(Paragraph([Run("Điều 2. ", bold=True), Run(article2 + ".")]))
    executors = ", ".join(decision.executors)
    body.append(Paragraph([
        Run("Điều 3. ", bold=True),
        Run(f"{decision.effective} "
            + (f"{executors} và " if executors else "")
            + ("các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
               "này./.")),
    ]))

    annex: list[Block] = []
    if attached:
        head = decision.letterhead
        issued = f" ngày {short_date(head.issued_on)}" if head.issued_on else ""
        number = head.number_symbol or ""
        annex = [
            PageBreak(),
            Paragraph("DANH SÁCH", bold=True, align="center", keep_with_next=True),
            Paragraph(f"Tập thể, cá nhân được tặng {what}", bold=True, align="center",
                      keep_with_next=True),
            Paragraph(f"(Kèm theo Quyết định số {number}{issued} của {decision.authority})",
                      italic=True, align="center", keep_with_next=True),
            table,
        ]
    return official(
        decision.letterhead,
        doc_type="Quyết định",
        subject=decision.subject,
        body=body,
        signature=decision.signature,
        recipients=decision.recipients,
        authority=decision.authority,
        legal_bases=decision.legal_bases,
        annex=annex,
    )


def award_decision_docx(decision: AwardDecision) -> bytes:
    """The award decision as .docx bytes."""
    return build_docx(award_decision_document(decision))
