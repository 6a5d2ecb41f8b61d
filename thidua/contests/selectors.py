"""Reads of contests: the paper of an attempt (without the key), rankings, participation per unit
against the 100 % target (003 §I.2), and the prize facts the award standards read (003 §III.2.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from thidua.contests.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Contest,
    Option,
    Participant,
    ParticipantKind,
    Prize,
    Question,
    Round,
)
from thidua.core.text import vn_duration
from thidua.org.models import Person, Unit

FINISHED = (AttemptStatus.SUBMITTED, AttemptStatus.TIMED_OUT)


@dataclass(frozen=True)
class PaperOption:
    id: int
    text: str


@dataclass(frozen=True)
class PaperQuestion:
    id: int
    number: int
    text: str
    multiple: bool
    options: list[PaperOption]
    chosen: list[int]


def attempt_paper(attempt: Attempt) -> list[PaperQuestion]:
    """The questions in the drawn order with options shuffled, and the saved answers.
    Nothing here says which option is correct: this is what the browser receives."""
    qids = [qid for qid, _ in attempt.questions]
    questions = {q.pk: q for q in Question.objects.filter(pk__in=qids)}
    options = {o.pk: o for o in Option.objects.filter(question_id__in=qids).only("id", "text")}
    saved = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "choices"))
    paper = []
    for number, (qid, option_ids) in enumerate(attempt.questions, start=1):
        question = questions[qid]
        paper.append(PaperQuestion(
            id=qid, number=number, text=question.text, multiple=question.kind == "multiple",
            options=[PaperOption(oid, options[oid].text) for oid in option_ids if oid in options],
            chosen=list(saved.get(qid, []))))
    return paper


@dataclass(frozen=True)
class RankRow:
    rank: int
    participant_id: int
    name: str
    unit: str
    correct_count: int
    total: int
    prediction: int | None
    prediction_gap: int | None
    elapsed_ms: int
    attempt_id: int
    person_id: int | None

    @property
    def elapsed_text(self) -> str:
        return vn_duration(Decimal(self.elapsed_ms) / 1000)


def round_all_correct(round_: Round) -> int:
    """The answer to the prediction question: entries in the round with every answer right."""
    return Attempt.objects.filter(round=round_, status__in=FINISHED, all_correct=True).count()


def round_ranking(round_: Round) -> list[RankRow]:
    """Each participant's best attempt, ranked by score, then |prediction − actual|, then time.

    Reads only: the caller grades pending attempts first (services.grade_pending)."""
    actual = round_all_correct(round_)
    attempts = (Attempt.objects.filter(round=round_, status__in=FINISHED)
                .select_related("participant", "participant__unit")
                .only("id", "correct_count", "total", "prediction", "elapsed_ms", "finished_at",
                      "participant__id", "participant__full_name", "participant__person_id",
                      "participant__commune", "participant__unit__name"))
    big = 10**12

    def key(a: Attempt) -> tuple:
        gap = abs(a.prediction - actual) if a.prediction is not None else big
        return (-(a.correct_count or 0), gap, a.elapsed_ms or big, a.pk)

    best: dict[int, Attempt] = {}
    for attempt in attempts:
        current = best.get(attempt.participant_id)
        if current is None or key(attempt) < key(current):
            best[attempt.participant_id] = attempt
    rows = []
    for rank, attempt in enumerate(sorted(best.values(), key=key), start=1):
        participant = attempt.participant
        unit = participant.unit.name if participant.unit else (participant.commune or "Người dân")
        rows.append(RankRow(
            rank=rank, participant_id=participant.pk, name=participant.full_name, unit=unit,
            correct_count=attempt.correct_count or 0, total=attempt.total, prediction=attempt.prediction,
            prediction_gap=abs(attempt.prediction - actual) if attempt.prediction is not None else None,
            elapsed_ms=attempt.elapsed_ms or 0, attempt_id=attempt.pk, person_id=participant.person_id))
    return rows


@dataclass(frozen=True)
class UnitParticipation:
    unit: Unit
    depth: int
    staff: int
    took_part: int

    @property
    def percent(self) -> float:
        return 0.0 if self.staff == 0 else round(100 * self.took_part / self.staff, 1)

    @property
    def reached(self) -> bool:
        return self.staff > 0 and self.took_part >= self.staff


@dataclass(frozen=True)
class Participation:
    units: list[UnitParticipation]
    staff: int
    took_part: int
    public: int

    @property
    def percent(self) -> float:
        return 0.0 if self.staff == 0 else round(100 * self.took_part / self.staff, 1)


def participation(contest: Contest, round_: Round | None = None) -> Participation:
    """Staff per unit (current members) who finished at least one attempt, against 100 %."""
    base_path = contest.organiser.path
    finished = Q(contest_entries__contest=contest, contest_entries__attempts__status__in=FINISHED)
    if round_ is not None:
        finished &= Q(contest_entries__attempts__round=round_)
    people = Person.objects.filter(unit__path__startswith=base_path)
    staff = dict(people.values_list("unit_id").annotate(n=Count("id")))
    took = dict(people.filter(finished).values_list("unit_id").annotate(n=Count("id", distinct=True)))
    units = Unit.objects.filter(pk__in=staff.keys()).order_by("path")
    base_depth = contest.organiser.depth
    rows = [UnitParticipation(unit=u, depth=u.depth - base_depth, staff=staff.get(u.pk, 0),
                              took_part=took.get(u.pk, 0)) for u in units]
    public_q = Participant.objects.filter(contest=contest, kind=ParticipantKind.PUBLIC,
                                          attempts__status__in=FINISHED)
    if round_ is not None:
        public_q = public_q.filter(attempts__round=round_)
    return Participation(units=rows, staff=sum(staff.values()), took_part=sum(took.values()),
                         public=public_q.distinct().count())


def prize_facts(year_from: int, year_to: int, *,
                person_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Rows of the rules engine's `prizes` frame: {person_id, year, contest, prize} for staff
    who won a prize in a round that closed in year_from..year_to. `contest` is the contest code,
    `prize` the PrizeLevel code ("nhat", "nhi", "ba", "khuyen_khich")."""
    qs = Prize.objects.filter(participant__person__isnull=False, round__closes_at__year__gte=year_from,
                              round__closes_at__year__lte=year_to)
    if person_ids is not None:
        qs = qs.filter(participant__person_id__in=list(person_ids))
    from django.utils import timezone

    rows = []
    for person_id, closes_at, code, level in qs.values_list(
            "participant__person_id", "round__closes_at", "round__contest__code", "level"):
        rows.append({"person_id": person_id, "year": timezone.localtime(closes_at).year,
                     "contest": code, "prize": level})
    return rows
