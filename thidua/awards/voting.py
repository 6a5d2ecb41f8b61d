"""Council voting: quorum, thresholds by award form, recusal, tallies and the tie-break.

Pure Python over plain values (no Django), so the rules read like the decree and test fast.

* Quorum: a share of ALL members must attend (two thirds by default, as provincial councils'
  rules set it, e.g. Bắc Ninh Decision 86/2025); members voting in writing do not count as
  present.
* Thresholds (Decree 98/2023/NĐ-CP Art. 30.7, carried forward by Decree 152/2025): approvals
  from at least 80 % of all members for Chiến sĩ thi đua cơ sở and the emulation flags, 90 %
  for Chiến sĩ thi đua cấp tỉnh and above; other forms need more than half of all members
  (the council's own rules) unless the meeting sets another share.
* Recusal: a member from the nominated unit (or its subtree), or the nominee in person, does
  not vote on that candidate; the denominator is then the members who may vote on it.
* An absent member may vote in writing; that ballot counts like any other (it is one of the
  approvals counted against all members) but the member does not count towards the quorum.
* How the members in the room vote: online in the system (one ballot per member), or by show of
  hands / paper ballot, when the secretary records the counts per candidate (a paper ballot is
  secret, so no member's choice is stored). Written ballots of absent members are always one per
  member. Which rule each part follows is cited by `rules_cited(on)` for the page and the minutes.
* Tie-break (Decree 152/2025 Art. 4.6): among candidates with equal approvals, a woman, or a
  collective with at least 70 % women, comes first; the preference is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from thidua.documents.text import percent_text

APPROVE, REJECT, ABSTAIN = "approve", "reject", "abstain"
CHOICES = (APPROVE, REJECT, ABSTAIN)
CHOICE_LABELS = {APPROVE: "Đồng ý", REJECT: "Không đồng ý", ABSTAIN: "Không biểu quyết"}

DEFAULT_QUORUM = Fraction(2, 3)
WOMEN_SHARE = Fraction(70, 100)  # Decree 152/2025 Art. 4.6


@dataclass(frozen=True)
class Threshold:
    share: Fraction  # of the members who may vote on the candidate
    strict: bool  # True: more than `share` (a majority); False: at least `share`
    legal_basis: str

    def label(self) -> str:
        percent = float(self.share * 100)
        shown = f"{percent:.0f}" if percent == int(percent) else f"{percent:.1f}".replace(".", ",")
        return f"{'>' if self.strict else '≥'} {shown}%"

    def met(self, approve: int, voters: int) -> bool:
        if voters <= 0:
            return False
        got = Fraction(approve, voters)
        return got > self.share if self.strict else got >= self.share


_D98 = "Nghị định số 98/2023/NĐ-CP, Điều 30 khoản 7"
_D152 = "Nghị định số 152/2025/NĐ-CP (tỷ lệ như Điều 30 khoản 7 Nghị định số 98/2023/NĐ-CP)"
_D91 = "Nghị định số 91/2017/NĐ-CP và Quy chế hoạt động của Hội đồng"
D152_FROM = date(2025, 7, 1)
D98_FROM = date(2024, 1, 1)
STRICT_MAJORITY = Threshold(Fraction(1, 2), True, "Quy chế hoạt động của Hội đồng (quá bán)")
EIGHTY = Threshold(Fraction(80, 100), False, _D98)
NINETY = Threshold(Fraction(90, 100), False, _D98)


def decree_basis(on: date | None) -> str:
    """The text the thresholds come from on a meeting's date (None: the Decree 98/2023 wording)."""
    if on is None or D98_FROM <= on < D152_FROM:
        return _D98
    return _D152 if on >= D152_FROM else _D91

# Award forms (catalogue codes) and their vote thresholds; forms not named need a majority.
THRESHOLDS: Mapping[str, Threshold] = {
    "title_chien_si_thi_dua_co_so": EIGHTY,
    "flag_province": EIGHTY,
    "flag_government": NINETY,
    "title_chien_si_thi_dua_tinh": NINETY,
}


def threshold_for(form: str, on: date | None = None,
                  override: Fraction | None = None) -> Threshold:
    """The approval share a candidate for `form` needs (`override`: the meeting's own share)."""
    if override is not None:
        return Threshold(override, False, "Mức do Hội đồng quy định cho phiên họp")
    found = THRESHOLDS.get(form)
    if found is None:
        return STRICT_MAJORITY
    return Threshold(found.share, found.strict, decree_basis(on))


# How the members present cast their votes.
ONLINE, SHOW_OF_HANDS, PAPER_BALLOT = "online", "show_of_hands", "paper_ballot"
METHOD_LABELS = {
    ONLINE: "biểu quyết trực tuyến trên hệ thống",
    SHOW_OF_HANDS: "giơ tay biểu quyết tại phòng họp",
    PAPER_BALLOT: "bỏ phiếu kín tại phòng họp",
}
IN_ROOM = (SHOW_OF_HANDS, PAPER_BALLOT)


@dataclass(frozen=True)
class RuleCited:
    topic: str  # "Điều kiện họp"
    text: str  # the rule in words, with its source


def rules_cited(on: date | None, quorum: Fraction, method: str) -> list[RuleCited]:
    """The rules a session follows, in words, for the session page and the minutes alike."""
    basis = decree_basis(on)
    share = f"{quorum.numerator}/{quorum.denominator}"
    room = {
        ONLINE: "mỗi thành viên có mặt biểu quyết trên hệ thống, từng phiếu được lưu",
        SHOW_OF_HANDS: "thành viên có mặt giơ tay biểu quyết, thư ký ghi số phiếu đồng ý, "
                       "không đồng ý, không biểu quyết của từng trường hợp",
        PAPER_BALLOT: "thành viên có mặt bỏ phiếu kín, Ban kiểm phiếu kiểm và thư ký ghi số "
                      "phiếu của từng trường hợp",
    }[method]
    return [
        RuleCited("Điều kiện họp",
                  f"phiên họp hợp lệ khi có từ {share} tổng số thành viên Hội đồng có mặt "
                  "(Quy chế hoạt động của Hội đồng); thành viên vắng mặt gửi phiếu bằng văn "
                  "bản không tính là có mặt"),
        RuleCited("Tại phòng họp", f"{room}"),
        RuleCited("Phiếu bằng văn bản",
                  f"thành viên vắng mặt gửi phiếu biểu quyết bằng văn bản, được tính như phiếu "
                  f"của thành viên dự họp ({basis})"),
        RuleCited("Tỷ lệ đồng ý",
                  "tính trên tổng số thành viên Hội đồng (trừ thành viên không tham gia biểu "
                  "quyết vì thuộc đơn vị hoặc là người được đề nghị): từ 80% trở lên đối với "
                  "danh hiệu Chiến sĩ thi đua cơ sở và Cờ thi đua, từ 90% trở lên đối với "
                  f"Chiến sĩ thi đua cấp tỉnh trở lên ({basis}); hình thức khác quá bán "
                  "(Quy chế hoạt động của Hội đồng) hoặc theo tỷ lệ phiên họp quy định"),
    ]


@dataclass(frozen=True)
class RoomCount:
    """The secretary's count of the votes cast in the room on one candidate."""

    approve: int
    reject: int
    abstain: int = 0

    @property
    def total(self) -> int:
        return self.approve + self.reject + self.abstain


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    unit_path: str = ""  # the unit the member comes from (recusal); "" if none
    person_id: int | None = None
    present: bool = True
    written: bool = False  # absent, voted in writing


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    form: str
    kind: str  # "collective" | "individual"
    unit_path: str  # the collective itself, or the individual's unit
    person_id: int | None = None
    women: bool = False  # a woman, or a collective with at least 70 % women


def quorum_met(total: int, present: int, quorum: Fraction = DEFAULT_QUORUM) -> bool:
    return total > 0 and Fraction(present, total) >= quorum


def recused(member: Member, candidate: Candidate) -> bool:
    """A member from the nominated unit (its subtree) or the nominee in person stands aside."""
    if candidate.person_id is not None and member.person_id == candidate.person_id:
        return True
    return bool(member.unit_path and candidate.unit_path
                and member.unit_path.startswith(candidate.unit_path))


@dataclass
class Tally:
    candidate: Candidate
    threshold: Threshold
    members: int  # members who may vote on this candidate (all members minus the recused)
    approve: int = 0
    reject: int = 0
    abstain: int = 0  # did not vote, or abstained
    written: int = 0  # ballots sent in writing by absent members
    method: str = ONLINE
    present_voters: int = 0  # members in the room who may vote on this candidate
    written_voters: int = 0  # absent members with a written ballot who may vote on it
    room_approve: int = 0
    room_reject: int = 0
    room_abstain: int = 0
    room_recorded: bool = True  # False: an in-room count not yet entered by the secretary
    written_approve: int = 0
    written_reject: int = 0
    written_abstain: int = 0
    recused: tuple[str, ...] = ()
    passed: bool = False
    rank: int | None = None
    preferred: bool = False  # moved ahead by the Art. 4.6 preference
    note: str = ""

    @property
    def share(self) -> Fraction:
        return Fraction(self.approve, self.members) if self.members else Fraction(0)

    def percent(self) -> str:
        """The share as the papers print it ("85,7%", "100%"): one formatter for both."""
        return percent_text(self.approve, self.members)


class CountError(ValueError):
    """A count that cannot be right (more votes than members who may vote)."""


def check_room_count(count: RoomCount, present_voters: int) -> None:
    if min(count.approve, count.reject, count.abstain) < 0:
        raise CountError("Số phiếu không được âm.")
    if count.total > present_voters:
        raise CountError(f"Tổng số phiếu tại phòng họp ({count.total}) nhiều hơn số thành viên "
                         f"có mặt được biểu quyết ({present_voters}).")


def tally(candidate: Candidate, members: Sequence[Member], ballots: Mapping[int, str],
          threshold: Threshold, *, method: str = ONLINE, room: RoomCount | None = None) -> Tally:
    """Count one candidate's votes against the share of the members who may vote on it.

    `ballots` (member id -> choice) are the online ballots of members present (method ONLINE)
    and the written ballots of absent members; with an in-room method the present members'
    votes are the secretary's `room` count and their ballots, if any, are not counted.
    """
    eligible = [m for m in members if not recused(m, candidate)]
    present = [m for m in eligible if m.present]
    written = [m for m in eligible if not m.present and m.written]
    out = Tally(candidate, threshold, members=len(eligible),
                recused=tuple(m.name for m in members if recused(m, candidate)),
                method=method, present_voters=len(present), written_voters=len(written))
    if method in IN_ROOM:
        out.room_recorded = room is not None
        if room is not None:
            check_room_count(room, len(present))
            out.room_approve, out.room_reject = room.approve, room.reject
            out.room_abstain = len(present) - room.approve - room.reject
    else:
        for member in present:
            choice = ballots.get(member.id)
            if choice == APPROVE:
                out.room_approve += 1
            elif choice == REJECT:
                out.room_reject += 1
            else:
                out.room_abstain += 1
    for member in written:
        choice = ballots.get(member.id)
        if choice is None:
            continue
        out.written += 1
        if choice == APPROVE:
            out.written_approve += 1
        elif choice == REJECT:
            out.written_reject += 1
        else:
            out.written_abstain += 1
    out.approve = out.room_approve + out.written_approve
    out.reject = out.room_reject + out.written_reject
    out.abstain = out.members - out.approve - out.reject
    out.passed = threshold.met(out.approve, out.members)
    return out


def rank(tallies: Iterable[Tally]) -> list[Tally]:
    """Order by approval share, high to low; equal shares put the Art. 4.6 preference first.

    Sets `rank` (1-based, equal share and preference share a rank) and notes the candidates
    moved ahead by the preference.
    """
    items = list(tallies)
    ordered = sorted(items, key=lambda t: (-t.share, not t.candidate.women, t.candidate.name))
    previous: Tally | None = None
    for position, item in enumerate(ordered, 1):
        tied = [o for o in ordered if o.share == item.share]
        if len(tied) > 1 and item.candidate.women and any(not o.candidate.women for o in tied):
            item.preferred = True
            who = "nữ" if item.candidate.kind == "individual" else "tập thể có từ 70% nữ trở lên"
            item.note = (f"Bằng số phiếu; được ưu tiên ({who}) theo Điều 4 khoản 6 "
                         "Nghị định số 152/2025/NĐ-CP")
        if previous is not None and previous.share == item.share and \
                previous.candidate.women == item.candidate.women:
            item.rank = previous.rank
        else:
            item.rank = position
        previous = item
    return ordered


@dataclass
class Selection:
    selected: list[Tally] = field(default_factory=list)
    not_selected: list[Tally] = field(default_factory=list)
    tie_at_cut: list[Tally] = field(default_factory=list)  # still tied after the preference


def select(tallies: Iterable[Tally], quota: int | None) -> Selection:
    """Those who passed, best first, up to `quota` (None: all who passed)."""
    ordered = [t for t in rank(tallies) if t.passed]
    out = Selection()
    if quota is None or len(ordered) <= quota:
        out.selected = ordered
        return out
    out.selected, out.not_selected = ordered[:quota], ordered[quota:]
    last, first_out = out.selected[-1], out.not_selected[0]
    if last.rank == first_out.rank:
        out.tie_at_cut = [t for t in ordered if t.rank == last.rank]
    return out


def women_collective(women: int, total: int, share: Fraction = WOMEN_SHARE) -> bool:
    return total > 0 and Fraction(women, total) >= share
