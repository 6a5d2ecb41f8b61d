"""Test objects for contests (used by tests/samples.py, this app's tests and the benchmark)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from thidua.contests.models import Contest, Option, Question, Round


def make_contest(organiser: Any, *, code: str | None = None, questions: int = 6, per_attempt: int = 4,
                 **extra: Any) -> Contest:
    contest = Contest.objects.create(
        code=code or f"thi-{organiser.code.lower()}", title=f"Tìm hiểu CCHC – {organiser.name}",
        organiser=organiser, questions_per_attempt=per_attempt, **extra)
    for n in range(1, questions + 1):
        question = Question.objects.create(contest=contest, code=f"C{n:03d}", kind="single",
                                           text=f"Câu hỏi số {n} về cải cách hành chính?")
        Option.objects.bulk_create([
            Option(question=question, label=label, text=f"Phương án {label} của câu {n}",
                   correct=label == "B") for label in "ABCD"])
    return contest


def make_round(contest: Contest, *, open_now: bool = True, number: int = 1) -> Round:
    now = timezone.now()
    if open_now:
        opens, closes = now - timedelta(hours=1), now + timedelta(days=7)
    else:
        opens, closes = now - timedelta(days=8), now - timedelta(days=1)
    return Round.objects.create(contest=contest, number=number, title=f"Vòng {number}",
                                opens_at=opens, closes_at=closes)
