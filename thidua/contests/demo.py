"""Demo contest "Tìm hiểu cải cách hành chính" of Kiên Giang: a 40-question bank loaded through the
Excel import, a closed round with attempts, ranking and prizes, and an open round in progress.
The demo staff member (canbo) has taken round 1 and can take round 2 in the browser.

Entry points: ``load(ctx)`` (registered in thidua.demo.registry) and ``load_demo_contests``.
Idempotent: nothing is added when the contest exists.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.contests import services
from thidua.contests.demo_bank import bank_rows
from thidua.contests.models import Contest, Option, Participant, ParticipantKind, Round
from thidua.core.spreadsheet import write_xlsx
from thidua.org.models import Person

CODE = "truc-tuyen-cchc"  # the contest code the Ban Dân tộc standard reads (BDT-A-IND)


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_contests(seed=ctx.seed, log=ctx.log)


def _take(round_: Round, person: Person, rng: random.Random, skill: float, started: datetime) -> None:
    participant, _ = Participant.objects.get_or_create(
        contest=round_.contest, person=person,
        defaults={"kind": ParticipantKind.STAFF, "unit": person.unit, "full_name": person.full_name})
    attempt = services.attempt_start(participant=participant, round_=round_, now=started)
    key = dict(Option.objects.filter(question_id__in=[q for q, _ in attempt.questions], correct=True)
               .values_list("question_id", "id"))
    answers = {}
    for qid, options in attempt.questions:
        answers[str(qid)] = [key[qid]] if rng.random() < skill else [rng.choice(options)]
    token = services.read_token(services.attempt_token(attempt))
    finished = started + timedelta(seconds=rng.randint(240, 1100))
    services.submission_record(token=token, client_token=f"demo-{attempt.pk:08d}", answers=answers,
                               prediction=rng.randint(0, 25), now=finished)


@transaction.atomic
def load_demo_contests(*, seed: int = 2025, log: Callable[[str], None] = lambda _m: None) -> Contest | None:
    if Contest.objects.filter(code=CODE).exists():
        return None
    owner = User.objects.filter(username="noivu").first()
    staff = User.objects.filter(username="canbo").select_related("person__unit").first()
    if owner is None or staff is None or staff.person is None or staff.person.unit is None:
        log("  bỏ qua cuộc thi: chưa có tài khoản mẫu noivu, canbo")
        return None
    province = owner.role_assignments.filter(role="owner").select_related("unit").first()
    if province is None or province.unit is None:
        return None
    rng = random.Random(seed)
    contest = services.contest_create(
        actor=owner, code=CODE, organiser=province.unit, public_allowed=True,
        title=f"Cuộc thi trực tuyến “Tìm hiểu cải cách hành chính” {province.unit.name}",
        description="Mỗi tuần một vòng; mỗi lượt 15 câu hỏi ngẫu nhiên trong 20 phút và một câu dự đoán "
                    "số bài trả lời đúng tất cả, dùng để phân định thứ hạng khi bằng điểm.",
        questions_per_attempt=15, time_limit_minutes=20, attempts_per_round=1)
    services.bank_import(actor=owner, contest=contest, filename="ngan-hang-tim-hieu-cchc.xlsx",
                         data=write_xlsx(services.BANK_COLUMNS, bank_rows()))
    now = timezone.now().replace(microsecond=0)
    first = services.round_create(actor=owner, contest=contest, title="Vòng 1 (tuần trước)",
                                  opens_at=now - timedelta(days=14), closes_at=now - timedelta(days=7))
    second = services.round_create(actor=owner, contest=contest, title="Vòng 2 (tuần này)",
                                   opens_at=now - timedelta(days=7), closes_at=now + timedelta(days=7))
    home = list(Person.objects.filter(unit=staff.person.unit).order_by("code"))
    elsewhere = list(Person.objects.filter(unit__path__startswith=province.unit.path)
                     .exclude(unit=staff.person.unit).order_by("code")[:3000])
    people_first = [staff.person, *rng.sample([p for p in home if p != staff.person], len(home) * 2 // 3),
                    *rng.sample(elsewhere, min(60, len(elsewhere)))]
    for person in dict.fromkeys(people_first):
        _take(first, person, rng, rng.uniform(0.5, 0.98),
              first.opens_at + timedelta(minutes=rng.randint(10, 9000)))
    services.grade_pending(round_id=first.pk)
    services.round_award_prizes(actor=owner, round_=first)
    people_second = [p for p in dict.fromkeys(
        [*rng.sample(home, len(home) // 3), *rng.sample(elsewhere, min(25, len(elsewhere)))])
        if p != staff.person]
    for person in people_second:
        _take(second, person, rng, rng.uniform(0.5, 0.98),
              second.opens_at + timedelta(minutes=rng.randint(10, 9000)))
    services.grade_pending(round_id=second.pk, now=now)
    log(f"  cuộc thi {CODE}: 40 câu hỏi, 2 vòng, {len(people_first) + len(people_second)} lượt thi")
    return contest
