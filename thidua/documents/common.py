"""Plain values shared by the specific documents: the letterhead, nominees, awardees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .layout import Block, OfficialDocument, Signature

__all__ = ["Awardee", "Kind", "Letterhead", "Nominee", "count_text", "official"]

Kind = Literal["collective", "individual"]


@dataclass(frozen=True, kw_only=True)
class Letterhead:
    """Who issues the document, its number and when: the header of Appendix I."""

    issuing_body: str  # "Sở Nội vụ", "Ủy ban nhân dân tỉnh Kiên Giang"
    parent_body: str | None = None  # "Ủy ban nhân dân tỉnh Kiên Giang" above "Sở Nội vụ"
    place: str = ""  # "Kiên Giang"
    number_symbol: str | None = None  # "39/KH-UBND"; "/KH-UBND" for a draft; None: no line
    issued_on: date | None = None  # None prints "ngày    tháng    năm ..."
    draft_year: int | None = None


@dataclass(frozen=True, kw_only=True)
class Nominee:
    """A collective or an individual proposed for an award."""

    name: str  # "Phòng Cải cách hành chính" or "Bà Nguyễn Thị Lan"
    kind: Kind = "individual"
    position: str = ""  # "Chuyên viên Phòng CCHC, Sở Nội vụ"
    award_form: str = ""  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    summary: str = ""  # one-line achievement summary for lists
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Awardee:
    """A collective or an individual awarded by a decision, with the reward money in đồng."""

    name: str
    kind: Kind = "individual"
    position: str = ""
    award_form: str = ""
    reward: int = 0


def count_text(collectives: int, individuals: int) -> str:
    """ "02 tập thể và 05 cá nhân", as decisions and letters count (two digits under ten)."""
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    return " và ".join(parts) or "00 tập thể, cá nhân"


def official(
    head: Letterhead,
    *,
    doc_type: str,
    subject: str = "",
    body: Sequence[Block] = (),
    signature: Signature | None = None,
    recipients: Sequence[str] = (),
    **extra: object,
) -> OfficialDocument:
    """An OfficialDocument from a letterhead plus the document's own parts."""
    return OfficialDocument(
        issuing_body=head.issuing_body,
        parent_body=head.parent_body,
        number_symbol=head.number_symbol,
        place=head.place,
        issued_on=head.issued_on,
        draft_year=head.draft_year,
        doc_type=doc_type,
        subject=subject,
        body=body,
        signature=signature,
        recipients=recipients,
        **extra,  # type: ignore[arg-type]
    )
