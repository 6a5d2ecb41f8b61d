"""Minutes of the emulation council's meeting ("Biên bản họp Hội đồng Thi đua - Khen thưởng")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from fractions import Fraction

from .common import Letterhead, official
from .layout import (
    Block,
    Bullet,
    Column,
    OfficialDocument,
    Paragraph,
    Row,
    Run,
    Signature,
    SignatureRow,
    Table,
    build_docx,
)
from .text import date_text, percent_text, time_text

__all__ = [
    "CandidateVote",
    "CouncilMember",
    "CouncilMinutes",
    "council_minutes_docx",
    "council_minutes_document",
    "vote_passes",
]


@dataclass(frozen=True, kw_only=True)
class CouncilMember:
    name: str
    position: str = ""  # "Phó Giám đốc Sở Nội vụ"
    role: str = "Ủy viên"  # "Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên thường trực"
    present: bool = True
    written_vote: bool = False  # absent but voted in writing (Decree 98/2023 Art. 30.7)
    absence_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class CandidateVote:
    """The vote on one candidate. Percentages are of ALL council members, as the rules count."""

    nominee: str
    award_form: str = ""
    approve: int
    reject: int = 0
    abstain: int = 0  # did not vote, or blank ballot
    required_percent: float | None = None  # e.g. 80 for Chiến sĩ thi đua cơ sở; 90 above
    # The detailed record (all given by the caller's rules, printed as given):
    voters: int | None = None  # members who may vote on it (all minus the recused)
    room: tuple[int, int, int] | None = None  # in the room: approve, reject, abstain
    written: tuple[int, int, int] | None = None  # written ballots of absent members
    threshold: str = ""  # "≥ 80%"
    basis: str = ""  # where the threshold comes from
    passed: bool | None = None
    recused: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class CouncilMinutes:
    letterhead: Letterhead  # number like "03/BB-HĐTĐKT"
    council: str  # "Hội đồng Thi đua - Khen thưởng Sở Nội vụ"
    purpose: str  # "xét đề nghị khen thưởng phong trào thi đua cải cách hành chính năm 2025"
    held_on: date
    start: time
    venue: str
    chair: CouncilMember
    secretary: CouncilMember
    members: Sequence[CouncilMember]  # every member of the council, the chair included
    votes: Sequence[CandidateVote]
    end: time | None = None
    quorum: Fraction = Fraction(2, 3)  # share of members who must attend
    vote_method: str = "bỏ phiếu kín"
    proceedings: Sequence[str] = ()  # what was presented and discussed
    conclusion: Sequence[str] = ()
    guests: Sequence[str] = ()  # "Đại diện Phòng ..., Sở Nội vụ"
    recipients: Sequence[str] = ()
    rules: Sequence[str] = ()  # the rules the vote followed, in words with their source
    chair_title: str = "Chủ trì"  # the signature of the chair ("Chủ tịch Hội đồng")


def vote_passes(vote: CandidateVote, total_members: int) -> bool | None:
    """Whether the approvals reach the required share of all members (None if none is set)."""
    if vote.passed is not None:
        return vote.passed
    if vote.required_percent is None:
        return None
    return vote.approve * 100 >= vote.required_percent * total_members


def _with_percent(count: int, total: int) -> str:
    return f"{count} ({percent_text(count, total)})"


def council_minutes_document(minutes: CouncilMinutes) -> OfficialDocument:
    total = len(minutes.members)
    if total == 0:
        raise ValueError("a council has members")
    for vote in minutes.votes:
        if vote.approve + vote.reject + vote.abstain > total:
            raise ValueError(f"more votes than council members for {vote.nominee}")
    present = [m for m in minutes.members if m.present]
    absent = [m for m in minutes.members if not m.present]
    written = [m for m in absent if m.written_vote]
    quorate = Fraction(len(present), total) >= minutes.quorum

    def who(m: CouncilMember) -> str:
        return ", ".join(filter(None, (m.name, m.position, m.role)))

    body: list[Block] = [
        Paragraph([Run("Thời gian: ", bold=True),
                   Run(f"Vào lúc {time_text(minutes.start)}, {date_text(minutes.held_on)}.")]),
        Paragraph([Run("Địa điểm: ", bold=True), Run(f"{minutes.venue}.")]),
        Paragraph([Run("Chủ trì: ", bold=True), Run(f"{who(minutes.chair)}.")]),
        Paragraph([Run("Thư ký: ", bold=True), Run(f"{who(minutes.secretary)}.")]),
        Paragraph([Run("Thành phần: ", bold=True),
                   Run(f"Tổng số thành viên {minutes.council}: {total:02d} người; có mặt "
                       f"{len(present):02d} người, vắng mặt {len(absent):02d} người.")],
                  keep_with_next=True),
    ]
    body += [Bullet(f"{who(m)}.") for m in present]
    if absent:
        body.append(Paragraph("Vắng mặt:", keep_with_next=True))
        for m in absent:
            detail = m.absence_reason or "không có lý do"
            if m.written_vote:
                detail += "; có phiếu biểu quyết bằng văn bản"
            body.append(Bullet(f"{who(m)} ({detail})."))
    if minutes.guests:
        body.append(Paragraph("Khách mời:", keep_with_next=True))
        body += [Bullet(f"{g.rstrip('.;')}.") for g in minutes.guests]
    share = f"{minutes.quorum.numerator}/{minutes.quorum.denominator}"
    body.append(Paragraph(
        f"Số thành viên dự họp là {len(present)}/{total} "
        f"({percent_text(len(present), total)} tổng số thành viên Hội đồng), "
        + (f"đạt từ {share} tổng số thành viên trở lên; phiên họp đủ điều kiện tiến hành theo "
           "quy định." if quorate else
           f"chưa đạt {share} tổng số thành viên; phiên họp không đủ điều kiện biểu quyết.")
    ))
    body.append(Paragraph("NỘI DUNG CUỘC HỌP", bold=True, align="center", keep_with_next=True))
    body += [Paragraph(t) for t in minutes.proceedings]
    if minutes.rules:
        body.append(Paragraph("Hội đồng biểu quyết theo các quy định sau:", keep_with_next=True))
        body += [Bullet(f"{r.rstrip('.;')};" if i < len(minutes.rules) else f"{r.rstrip('.;')}.")
                 for i, r in enumerate(minutes.rules, 1)]
    if any(v.voters is not None for v in minutes.votes):
        body += _detailed_votes(minutes, total, present, written)
    else:
        body += _simple_votes(minutes, total, present, written)
    if minutes.conclusion:
        body.append(Paragraph("KẾT LUẬN", bold=True, align="center", keep_with_next=True))
        body += [Paragraph(t) for t in minutes.conclusion]
    ending = f"Cuộc họp kết thúc vào lúc {time_text(minutes.end)} cùng ngày. " if minutes.end \
        else ""
    body.append(Paragraph(
        f"{ending}Biên bản đã được thông qua trước các thành viên dự họp và được lập thành "
        "02 bản có giá trị như nhau./."
    ))
    body.append(SignatureRow(
        left=Signature(title="Thư ký", name=minutes.secretary.name),
        right=Signature(title=minutes.chair_title, name=minutes.chair.name,
                        capacity=None),
    ))
    return official(
        minutes.letterhead,
        doc_type="Biên bản",
        subject=f"Họp {minutes.council}\n{minutes.purpose}",
        body=body,
        recipients=minutes.recipients,
    )


def _simple_votes(minutes: CouncilMinutes, total: int, present: list[CouncilMember],
                  written: list[CouncilMember]) -> list[Block]:
    votes_cast = len(present) + len(written)
    body: list[Block] = [Paragraph(
        f"Hội đồng tiến hành biểu quyết bằng hình thức {minutes.vote_method}; số phiếu phát ra "
        f"{votes_cast:02d} phiếu"
        + (f" (trong đó {len(written):02d} phiếu của thành viên vắng mặt gửi bằng văn bản)"
           if written else "")
        + ". Tỷ lệ phần trăm tính trên tổng số thành viên Hội đồng "
        f"({total:02d} người). Kết quả như sau:",
        keep_with_next=True,
    )]
    rows: list[Row | Sequence[str]] = []
    for i, vote in enumerate(minutes.votes, 1):
        passed = vote_passes(vote, total)
        result = "" if passed is None else (
            f"Đạt (≥ {percent_text(vote.required_percent or 0, 100)})" if passed
            else f"Không đạt (< {percent_text(vote.required_percent or 0, 100)})"
        )
        rows.append([str(i), vote.nominee, vote.award_form, _with_percent(vote.approve, total),
                     _with_percent(vote.reject, total), _with_percent(vote.abstain, total),
                     result])
    body.append(Table(
        columns=[Column("STT", 0.6, "center"), Column("Tập thể, cá nhân", 2.4),
                 Column("Hình thức đề nghị", 2.0), Column("Đồng ý", 1.3, "center"),
                 Column("Không đồng ý", 1.3, "center"), Column("Không biểu quyết", 1.3, "center"),
                 Column("Kết quả", 1.5, "center")],
        rows=rows,
        size=11,
    ))
    return body


def _three(values: tuple[int, int, int] | None) -> str:
    return "-" if values is None else " / ".join(str(v) for v in values)


def _detailed_votes(minutes: CouncilMinutes, total: int, present: list[CouncilMember],
                    written: list[CouncilMember]) -> list[Block]:
    """Each candidate: the votes in the room and in writing, the share of the members who may
    vote on it, the threshold applied and its source, and who stood aside."""
    body: list[Block] = [Paragraph(
        f"Thành viên có mặt ({len(present):02d} người) biểu quyết bằng hình thức "
        f"{minutes.vote_method}"
        + (f"; {len(written):02d} thành viên vắng mặt gửi phiếu biểu quyết bằng văn bản"
           if written else "; không có phiếu biểu quyết bằng văn bản")
        + ". Số phiếu ghi theo thứ tự: đồng ý / không đồng ý / không biểu quyết. Tỷ lệ đồng ý "
        "tính trên số thành viên Hội đồng được biểu quyết đối với từng trường hợp "
        f"(tổng số {total:02d} thành viên, trừ thành viên không tham gia biểu quyết). "
        "Kết quả như sau:",
        keep_with_next=True,
    )]
    rows: list[Row | Sequence[str]] = []
    notes: list[str] = []
    for i, vote in enumerate(minutes.votes, 1):
        voters = vote.voters if vote.voters is not None else total
        passed = vote_passes(vote, voters)
        result = "" if passed is None else ("Đạt" if passed else "Không đạt")
        rows.append([str(i), vote.nominee, vote.award_form, _three(vote.room),
                     _three(vote.written),
                     f"{vote.approve}/{voters} ({percent_text(vote.approve, voters)})",
                     vote.threshold, result])
        if vote.basis:
            notes.append(f"{vote.nominee}: tỷ lệ yêu cầu {vote.threshold} theo {vote.basis}")
        if vote.recused:
            notes.append(f"{', '.join(vote.recused)} không tham gia biểu quyết đối với "
                         f"{vote.nominee} (thuộc đơn vị hoặc là người được đề nghị)")
    body.append(Table(
        columns=[Column("STT", 0.5, "center"), Column("Tập thể, cá nhân", 2.2),
                 Column("Hình thức đề nghị", 1.8), Column("Tại phòng họp", 1.3, "center"),
                 Column("Bằng văn bản", 1.3, "center"), Column("Đồng ý", 1.4, "center"),
                 Column("Yêu cầu", 1.0, "center"), Column("Kết quả", 1.0, "center")],
        rows=rows,
        size=11,
    ))
    body += [Paragraph(f"{n}.") for n in notes]
    return body


def council_minutes_docx(minutes: CouncilMinutes) -> bytes:
    """The council minutes as .docx bytes."""
    return build_docx(council_minutes_document(minutes))
