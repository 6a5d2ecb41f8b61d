"""Reads of the awards part: deadlines, required papers, completeness, worklists, award history.

`award_facts()` is what the rules engine reads as its `prior_awards` frame ("belongs to a
collective awarded …"); `award_history()` is what a unit's or a person's page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.accounts.access import capability_paths, is_admin
from thidua.accounts.capabilities import Capability
from thidua.awards import voting
from thidua.awards.access import dossiers_visible_to
from thidua.awards.authority import Level, receiving_level
from thidua.awards.models import (
    Award,
    BaseSalary,
    CouncilMeeting,
    CouncilMember,
    DeadlineException,
    Dossier,
    DossierFile,
    FileSource,
    Kind,
    MeetingStatus,
    Nomination,
    State,
)
from thidua.awards.money import BASE_SALARIES, BaseSalaryRate
from thidua.campaigns.models import Campaign
from thidua.campaigns.selectors import campaign_due_dates
from thidua.core.text import fold
from thidua.org.models import Gender, Person, Unit
from thidua.org.selectors import successors_on
from thidua.signing import selectors as signing

# --- routing ---------------------------------------------------------------------------------


def receiver_for(unit: Unit, on: date) -> Unit | None:
    """The unit whose Home Affairs office receives `unit`'s dossier on `on` (authority.py)."""
    chain: list[Unit] = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    levels = [Level(u.pk, u.kind, u.active_from, u.active_to) for u in chain]
    found = receiving_level(levels, on)
    receiver = next((u for u in chain if found and u.pk == found.id), None)
    if receiver is None:
        # The unit's province merged (1 July 2025): its dossiers for the old province's
        # campaigns go to the province that carries it on (docs/lineage.md).
        for ancestor in chain:
            for successor in successors_on(ancestor, on):
                if receiving_level([Level(successor.pk, successor.kind, successor.active_from,
                                          successor.active_to)], on):
                    return successor
    return receiver


def today() -> date:
    return timezone.localdate()


# --- deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    due: date | None
    label: str
    clause: str = ""
    waiting_for: str = ""  # a relative deadline whose event has not happened yet

    def days_left(self, on: date | None = None) -> int | None:
        if self.due is None:
            return None
        return (self.due - (on or today())).days


def dossier_deadline(*, campaign: Campaign, scope: str, year: int) -> Deadline | None:
    """The campaign's dossier deadline for an award round: fixed ("by 30/11/2023", 001 §III.3)
    or relative ("15 days after the province recognises the year's results", 002 §V.2)."""
    dues = [d for d in campaign_due_dates(campaign) if d.milestone.code.startswith("dossier")]
    if not dues:
        return None
    scoped = [d for d in dues if d.milestone.code.endswith(f"_{scope}")] or dues
    chosen = (next((d for d in scoped if d.year == year), None)
              or next((d for d in scoped if d.year is None), None))
    if chosen is None:
        return None
    return Deadline(chosen.due, chosen.label, chosen.milestone.clause, chosen.waiting_for)


def open_exception(*, campaign: Campaign, unit: Unit, scope: str, year: int,
                   on: date) -> DeadlineException | None:
    return (DeadlineException.objects
            .filter(campaign=campaign, unit=unit, scope=scope, year=year, valid_until__gte=on)
            .order_by("-valid_until").first())


def days_left_map(dossiers: Iterable[Dossier]) -> dict[int, Deadline | None]:
    """Deadlines of many dossiers, computed once per (campaign, scope, year)."""
    cache: dict[tuple[int, str, int], Deadline | None] = {}
    out: dict[int, Deadline | None] = {}
    for d in dossiers:
        key = (d.campaign_id, d.scope, d.year)
        if key not in cache:
            cache[key] = dossier_deadline(campaign=d.campaign, scope=d.scope, year=d.year)
        out[d.pk] = cache[key]
    return out


# --- required papers and completeness ----------------------------------------------------------


@dataclass(frozen=True)
class ComponentSpec:
    code: str
    label: str
    per_nomination: bool = False  # one per nominee (the achievement report)
    generated: bool = False  # the system can write it from the data
    clause: str = ""
    form: str = ""
    optional: bool = False  # "(nếu có)": attached when it exists, never missing


# Decree 98/2023 Art. 34 (carried forward): when a campaign lists no papers, these are needed.
DEFAULT_COMPONENTS = (
    ComponentSpec("proposal_letter", "Tờ trình đề nghị khen thưởng", generated=True),
    ComponentSpec("council_minutes", "Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    ComponentSpec("achievement_report", "Báo cáo thành tích", per_nomination=True, generated=True),
)
GENERATED = {"proposal_letter", "achievement_report", "nominee_list"}
PER_NOMINATION = {"achievement_report", "initiative_decision"}


def required_components(dossier: Dossier) -> list[ComponentSpec]:
    """The papers this dossier needs: the campaign's list (with the parts that apply to the
    categories of its nominees, e.g. a commune's classification decision, 002 §V.1)."""
    rows = list(dossier.campaign.dossier_components.all().order_by("position", "id"))
    if not rows:
        return list(DEFAULT_COMPONENTS)
    categories = {dossier.unit.category.code}
    categories |= {n.unit.category.code for n in dossier.nominations.select_related(
        "unit__category") if n.kind == Kind.COLLECTIVE}
    out = []
    for row in rows:
        if row.applies_to and not categories & set(row.applies_to):
            continue
        out.append(ComponentSpec(row.code, row.label, per_nomination=row.code in PER_NOMINATION,
                                 generated=row.code in GENERATED, clause=row.clause,
                                 form=row.form, optional=bool((row.data or {}).get("optional"))))
    return out


@dataclass
class ComponentStatus:
    spec: ComponentSpec
    files: list[DossierFile] = field(default_factory=list)
    missing_for: list[Nomination] = field(default_factory=list)  # per-nominee papers

    @property
    def complete(self) -> bool:
        return self.spec.optional or (bool(self.files) and not self.missing_for)


def component_status(dossier: Dossier) -> list[ComponentStatus]:
    files = list(dossier.files.all())
    nominations = list(dossier.nominations.select_related("person", "unit"))
    out = []
    for spec in required_components(dossier):
        mine = [f for f in files if f.component == spec.code]
        status = ComponentStatus(spec, mine)
        if spec.per_nomination:
            covered = {f.nomination_id for f in mine}
            status.missing_for = [n for n in nominations if n.pk not in covered]
            if not mine and not nominations:
                status.missing_for = []
        out.append(status)
    return out


def completeness_problems(dossier: Dossier) -> list[str]:
    """What is missing before the dossier can be sent (empty: complete)."""
    problems: list[str] = []
    nominations = list(dossier.nominations.all())
    if not nominations:
        problems.append("Hồ sơ chưa có tập thể, cá nhân nào được đề nghị.")
    for n in nominations:
        if n.unmet and not n.justification.strip():
            problems.append(f"“{n.subject_name}” chưa đạt tiêu chuẩn: cần ghi lý do đề nghị.")
    for status in component_status(dossier):
        if status.spec.optional:
            continue
        if status.spec.per_nomination and status.missing_for:
            names = ", ".join(n.subject_name for n in status.missing_for[:5])
            problems.append(f"Thiếu {status.spec.label.lower()} của: {names}.")
        elif not status.files and not status.spec.per_nomination:
            problems.append(f"Thiếu thành phần hồ sơ: {status.spec.label}.")
    if settings.SIGNING_REQUIRE_SIGNED_UPLOADS:  # the operator requires signed papers
        problems.extend(signed_paper_problems(dossier))
    return problems


def signed_paper_problems(dossier: Dossier) -> list[str]:
    """Each uploaded paper a PDF with valid signatures, the tờ trình signed (thidua.signing)."""
    files = list(dossier.files.all())
    problems = signing.unsigned_problems(
        (f"awards.file:{f.pk}", f.label) for f in files if f.source == FileSource.UPLOADED)
    letters = [f for f in files if f.component == "proposal_letter"]
    signed = signing.latest_signed("to-trinh", [f.pk for f in letters])
    problems.extend(f"“{f.label}” chưa được ký số." for f in letters if f.pk not in signed)
    return problems


# --- lists -------------------------------------------------------------------------------------


def dossier_list(user: Any, *, state: str = "", campaign_id: int | None = None,
                 query: str = "") -> QuerySet[Dossier]:

    qs = dossiers_visible_to(user).select_related("campaign", "unit", "receiver", "appraiser")
    if state:
        qs = qs.filter(state=state)
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    if query:
        qs = qs.filter(unit__search_name__contains=fold(query))
    return qs.annotate(n_nominations=Count("nominations")).order_by("-updated_at", "-id")


WORKLIST_STATES = (State.SUBMITTED, State.RECEIVED, State.UNDER_APPRAISAL, State.APPRAISED,
                   State.RETURNED)


def appraisal_worklist(user: Any, *, state: str = "", campaign_id: int | None = None,
                       category: str = "", mine: bool = False, query: str = ""
                       ) -> QuerySet[Dossier]:
    """Dossiers the Home Affairs office of the user's levels has to handle."""
    qs = Dossier.objects.filter(state__in=WORKLIST_STATES)
    if not is_admin(user):
        q = Q(pk__in=[])
        for prefix in capability_paths(user, Capability.APPRAISE):
            q |= Q(receiver__path__startswith=prefix)
        qs = qs.filter(q)
    if state:
        qs = qs.filter(state=state)
    if campaign_id:
        qs = qs.filter(campaign_id=campaign_id)
    if category:
        qs = qs.filter(unit__category__code=category)
    if mine:
        qs = qs.filter(appraiser=user)
    if query:
        qs = qs.filter(unit__search_name__contains=fold(query))
    return (qs.select_related("campaign", "unit", "unit__category", "receiver", "appraiser")
            .prefetch_related("nominations")
            .annotate(n_nominations=Count("nominations", distinct=True))
            .order_by("submitted_at", "id"))




# --- award history, the facts the standards read --------------------------------------------


@dataclass(frozen=True)
class AwardFact:
    subject_kind: str  # "unit" | "person"
    subject_id: int
    award: str  # catalogue code of the award form
    year: int
    decided_on: date
    campaign_id: int | None = None
    scope: str = ""


def award_facts(*, units: Sequence[int] | None = None, people: Sequence[int] | None = None,
                years: Sequence[int] | None = None) -> list[AwardFact]:
    """Rows for the rules engine's `prior_awards` frame (subject_kind, subject_id, award, year),
    with the decision date. Collective awards are facts about the unit; individual ones about
    the person."""
    qs = Award.objects.all()
    if units is not None or people is not None:
        q = Q(pk__in=[])
        if units is not None:
            q |= Q(kind=Kind.COLLECTIVE, unit_id__in=list(units))
        if people is not None:
            q |= Q(kind=Kind.INDIVIDUAL, person_id__in=list(people))
        qs = qs.filter(q)
    if years is not None:
        qs = qs.filter(year__in=list(years))
    rows = qs.values_list("kind", "unit_id", "person_id", "form_code", "year", "decided_on",
                          "campaign_id", "scope").order_by("id")
    return [
        AwardFact("unit" if kind == Kind.COLLECTIVE else "person",
                  unit_id if kind == Kind.COLLECTIVE else person_id,
                  form, year, decided_on, campaign_id, scope or "")
        for kind, unit_id, person_id, form, year, decided_on, campaign_id, scope in rows
    ]


def award_facts_frame(**filters: Any) -> Any:
    """award_facts() as the Polars frame thidua.rules.facts.Facts.prior_awards expects."""
    import polars as pl

    facts = award_facts(**filters)
    return pl.DataFrame(
        {"subject_kind": [f.subject_kind for f in facts],
         "subject_id": [f.subject_id for f in facts],
         "award": [f.award for f in facts],
         "year": [f.year for f in facts]},
        schema={"subject_kind": pl.Utf8, "subject_id": pl.Int64, "award": pl.Utf8,
                "year": pl.Int32},
    )


def award_history(subject: Unit | Person) -> QuerySet[Award]:
    """A unit's collective awards, or a person's awards, newest first."""
    qs = Award.objects.select_related("decision", "unit", "person")
    if isinstance(subject, Person):
        return qs.filter(kind=Kind.INDIVIDUAL, person=subject)
    return qs.filter(kind=Kind.COLLECTIVE, unit=subject)


def base_salaries() -> list[BaseSalaryRate]:
    """The dated base salaries (the table, or the built-in list before it is filled)."""
    rows = [BaseSalaryRate(r.valid_from, r.amount, r.legal_basis)
            for r in BaseSalary.objects.order_by("valid_from")]
    return rows or list(BASE_SALARIES)


# --- council sessions: one record for the session page and the minutes -----------------------


def meeting_candidates(meeting: CouncilMeeting) -> list[Nomination]:
    """The nominations before a session: those still waiting while it is open, those it counted
    once it is closed."""
    if meeting.status == MeetingStatus.CLOSED:
        qs = Nomination.objects.filter(vote_results__meeting=meeting)
    else:
        qs = Nomination.objects.filter(dossier__meeting=meeting,
                                       dossier__state=State.BEFORE_COUNCIL)
    return list(qs.select_related("unit", "person", "award_form", "dossier__unit")
                .order_by("dossier__unit__path", "kind", "order", "id"))


def voting_member(m: CouncilMember, present: bool = True, written: bool = False
                  ) -> voting.Member:
    unit = m.home_unit or (m.person.unit if m.person_id and m.person else None)
    return voting.Member(m.pk, m.name, unit.path if unit else "", m.person_id,
                         present=present, written=written)


def voting_candidate(n: Nomination) -> voting.Candidate:
    return voting.Candidate(n.pk, n.subject_name, n.award_form.catalogue_id, n.kind,
                            n.unit.path, n.person_id, women=women_preferred(n))


def women_preferred(n: Nomination) -> bool:
    """Decree 152/2025 Art. 4.6: a woman, or a collective with at least 70 % women."""
    if n.kind == Kind.INDIVIDUAL:
        return bool(n.person and n.person.gender == Gender.FEMALE)
    people = Person.objects.filter(unit=n.unit)
    total = people.count()
    return voting.women_collective(people.filter(gender=Gender.FEMALE).count(), total)


@dataclass(frozen=True)
class SeatRecord:
    """One member at one session: attended, absent (with or without a written ballot)."""

    member: CouncilMember
    present: bool
    written: bool
    reason: str

    @property
    def status(self) -> str:
        if self.present:
            return "Có mặt"
        return "Vắng, có phiếu biểu quyết bằng văn bản" if self.written else "Vắng"


@dataclass
class MeetingRecord:
    """What happened at a session, computed once for the page and the minutes."""

    meeting: CouncilMeeting
    seats: list[SeatRecord]
    quorum: Fraction
    method: str
    method_label: str
    tallies: list[voting.Tally]  # ranked
    nominations: dict[int, Nomination]
    rules: list[voting.RuleCited]

    @property
    def total(self) -> int:
        return len(self.seats)

    @property
    def present(self) -> list[SeatRecord]:
        return [s for s in self.seats if s.present]

    @property
    def absent(self) -> list[SeatRecord]:
        return [s for s in self.seats if not s.present]

    @property
    def written(self) -> list[SeatRecord]:
        return [s for s in self.seats if not s.present and s.written]

    @property
    def quorate(self) -> bool:
        return voting.quorum_met(self.total, len(self.present), self.quorum)

    @property
    def in_room(self) -> bool:
        return self.method in voting.IN_ROOM

    @property
    def missing_counts(self) -> list[voting.Tally]:
        return [t for t in self.tallies if not t.room_recorded]

    def rows(self) -> list[tuple[Nomination, voting.Tally]]:
        return [(self.nominations[t.candidate.id], t) for t in self.tallies]


def meeting_record(meeting: CouncilMeeting) -> MeetingRecord:
    council = meeting.council
    attendance = {a.member_id: a for a in meeting.attendance.all()}
    seats: list[SeatRecord] = []
    members: list[voting.Member] = []
    for m in council.members.filter(active=True).select_related("home_unit", "person__unit"):
        a = attendance.get(m.pk)
        present, written = (a.present, a.written_vote) if a else (False, False)
        seats.append(SeatRecord(m, present, written and not present,
                                a.absence_reason if a else ""))
        members.append(voting_member(m, present=present, written=written and not present))
    ballots: dict[int, dict[int, str]] = {}
    for b in meeting.ballots.all():
        ballots.setdefault(b.nomination_id, {})[b.member_id] = b.choice
    room = {r.nomination_id: voting.RoomCount(r.approve, r.reject, r.abstain)
            for r in meeting.room_tallies.all()}
    override = Fraction(meeting.threshold_percent, 100) if meeting.threshold_percent else None
    nominations = {n.pk: n for n in meeting_candidates(meeting)}
    tallies = []
    for n in nominations.values():
        form = n.award_form.catalogue_id
        threshold = voting.threshold_for(form, meeting.held_on,
                                         override if form not in voting.THRESHOLDS else None)
        tallies.append(voting.tally(voting_candidate(n), members, ballots.get(n.pk, {}),
                                    threshold, method=meeting.vote_method,
                                    room=room.get(n.pk)))
    quorum = Fraction(council.quorum_numerator, council.quorum_denominator)
    return MeetingRecord(
        meeting=meeting, seats=seats, quorum=quorum, method=meeting.vote_method,
        method_label=voting.METHOD_LABELS.get(meeting.vote_method, meeting.vote_method),
        tallies=voting.rank(tallies), nominations=nominations,
        rules=voting.rules_cited(meeting.held_on, quorum, meeting.vote_method))
