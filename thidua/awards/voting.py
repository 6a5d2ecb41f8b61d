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
* An absent member may vote in writing; that ballot counts like any other.
* Tie-break (Decree 152/2025 Art. 4.6): among candidates with equal approvals, a woman, or a
  collective with at least 70 % women, comes first; the preference is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

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
STRICT_MAJORITY = Threshold(Fraction(1, 2), True, "Quy chế hoạt động của Hội đồng (quá bán)")
EIGHTY = Threshold(Fraction(80, 100), False, _D98)
NINETY = Threshold(Fraction(90, 100), False, _D98)

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
    return THRESHOLDS.get(form, STRICT_MAJORITY)


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


def may_vote(member: Member, candidate: Candidate) -> bool:
    return (member.present or member.written) and not recused(member, candidate)


@dataclass
class Tally:
    candidate: Candidate
    threshold: Threshold
    members: int  # members who may vote on this candidate (all members minus the recused)
    approve: int = 0
    reject: int = 0
    abstain: int = 0  # did not vote, or abstained
    written: int = 0  # ballots sent in writing by absent members
    recused: tuple[str, ...] = ()
    passed: bool = False
    rank: int | None = None
    preferred: bool = False  # moved ahead by the Art. 4.6 preference
    note: str = ""

    @property
    def share(self) -> Fraction:
        return Fraction(self.approve, self.members) if self.members else Fraction(0)

    def percent(self) -> str:
        value = float(self.share * 100)
        return f"{value:.1f}".replace(".", ",") + "%"


def tally(candidate: Candidate, members: Sequence[Member], ballots: Mapping[int, str],
          threshold: Threshold) -> Tally:
    """Count one candidate's ballots (member id -> choice) against the share of members."""
    eligible = [m for m in members if not recused(m, candidate)]
    out = Tally(candidate, threshold, members=len(eligible),
                recused=tuple(m.name for m in members if recused(m, candidate)))
    for member in eligible:
        choice = ballots.get(member.id) if (member.present or member.written) else None
        if choice == APPROVE:
            out.approve += 1
        elif choice == REJECT:
            out.reject += 1
        else:
            out.abstain += 1
        if choice is not None and member.written and not member.present:
            out.written += 1
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
