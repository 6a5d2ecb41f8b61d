"""The list of nominees ("Danh sách tập thể, cá nhân đề nghị khen thưởng"), after seed 003's end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .common import Letterhead, Nominee, official
from .layout import (
    Block,
    Column,
    OfficialDocument,
    Paragraph,
    Row,
    Signature,
    Table,
    build_docx,
)

__all__ = ["NomineeList", "nominee_list_docx", "nominee_list_document"]


@dataclass(frozen=True, kw_only=True)
class NomineeList:
    letterhead: Letterhead
    subject: str  # "Có thành tích tiêu biểu, xuất sắc trong thực hiện phong trào thi đua ..."
    nominees: Sequence[Nominee]
    signature: Signature
    addressee: str | None = None  # "Hội đồng Thi đua - Khen thưởng Ban Dân tộc"
    attached_to: str | None = None  # "Kèm theo Tờ trình số 15/TTr-BDT ngày 05/12/2023"
    intro: str = ""
    recipients: Sequence[str] = ("Như trên",)
    landscape: bool = False


def nominee_list_document(listing: NomineeList) -> OfficialDocument:
    rows: list[Row | Sequence[str]] = []
    groups = (("I", "Tập thể", "collective"), ("II", "Cá nhân", "individual"))
    for number, label, kind in groups:
        group = [n for n in listing.nominees if n.kind == kind]
        if not group:
            continue
        rows.append(Row([number, label], bold=True, merge_rest=True))
        for i, n in enumerate(group, 1):
            rows.append([str(i), n.name, n.position, n.award_form, n.summary, n.note])
    body: list[Block] = []
    if listing.attached_to:
        body.append(Paragraph(f"({listing.attached_to.strip('()')})", italic=True,
                              align="center"))
    if listing.intro:
        body.append(Paragraph(listing.intro))
    body.append(Table(
        columns=[Column("Số TT", 0.6, "center"), Column("Tập thể/cá nhân", 2.2),
                 Column("Chức vụ, đơn vị", 2.0), Column("Hình thức đề nghị", 1.8),
                 Column("Tóm tắt thành tích", 2.8), Column("Ghi chú", 1.0)],
        rows=rows,
        size=12,
    ))
    return official(
        listing.letterhead,
        doc_type="Danh sách tập thể, cá nhân",
        subject=listing.subject,
        body=body,
        signature=listing.signature,
        recipients=listing.recipients,
        addressees=[listing.addressee] if listing.addressee else (),
        landscape=listing.landscape,
    )


def nominee_list_docx(listing: NomineeList) -> bytes:
    """The list of nominees as .docx bytes."""
    return build_docx(nominee_list_document(listing))
