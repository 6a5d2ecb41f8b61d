"""Test helpers: a writing contest with a two-round panel, entries, sheets, a published result."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment
from thidua.judging import services as judging
from thidua.writing import services
from thidua.writing.models import Entry, WritingContest

TEXT = " ".join(["Giải pháp số hóa hồ sơ một cửa giúp người dân nộp thủ tục trực tuyến."] * 8)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def officer_of(unit: Any) -> Any:
    """A user holding the officer role over `unit` (made once)."""
    user, made = get_user_model().objects.get_or_create(username=f"officer-{unit.code.lower()}")
    if made:
        RoleAssignment.objects.create(user=user, role=Role.OFFICER, unit=unit)
    return user


def judge_user(username: str, person: Any = None) -> Any:
    """A plain login (password: the test world's) seated as a judge; optionally a staff member."""
    from thidua.core.testing import PASSWORD

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD,
                                                    first_name=username)
    if person is not None and user.person_id != person.pk:
        user.person = person
        user.save()
    return user


def make_contest(organiser: Any, *, scope: Any = None, judges: list[Any] = (), min_scores: int = 1,  # type: ignore[assignment]
                 code: str = "viet-sang-kien", title: str = "Cuộc thi viết tìm kiếm sáng kiến CCHC",
                 method: str = "mean", advance_count: int = 1) -> WritingContest:
    now = timezone.now()
    return services.contest_create(
        actor=officer_of(organiser), code=code, title=title, organiser=organiser, scope=scope or organiser,
        rules="Mỗi tác giả gửi một bài viết về giải pháp cải cách hành chính.",
        opens_at=now - timedelta(days=10), closes_at=now + timedelta(days=10),
        topics=["Cải cách thủ tục hành chính", "Chuyển đổi số"], judges=judges, min_scores=min_scores,
        method=method, stages=[judging.StageSpec("Sơ khảo", advance_count=advance_count),
                               judging.StageSpec("Chung khảo")])


def author_user(person: Any) -> Any:
    user = get_user_model().objects.filter(person=person).first()
    return user or judge_user(f"tac-gia-{person.pk}", person)


def make_entry(contest: WritingContest, person: Any, *, title: str = "Một cửa không giấy",
               with_file: bool = True) -> Entry:
    uploads = [SimpleUploadedFile("de-an.pdf", PDF, content_type="application/pdf")] if with_file else []
    return services.entry_submit(actor=author_user(person), contest=contest, topic=contest.topics.all()[0],
                                 title=title, text=TEXT, uploads=uploads)


def close_submissions(contest: WritingContest) -> None:
    WritingContest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()


def score_all(contest: WritingContest, stage_number: int, points: dict[int, Decimal]) -> None:
    """Every judge gives each entry of the stage the same points on every criterion
    (`points` by writing entry id; a criterion's share of the points, capped to its range)."""
    stage = contest.panel.stages.get(number=stage_number)
    criteria = list(contest.panel.criteria.all())
    for judge in contest.panel.judges.filter(active=True):
        for entry in Entry.objects.filter(contest=contest, judging_entry__stage_reached__gte=stage_number):
            if entry.judging_entry.declarations.filter(judge=judge, conflict=True).exists():
                continue
            share = points[entry.pk] / Decimal(100)
            judging.sheet_save(judge=judge, stage=stage, entry=entry.judging_entry, no_conflict=True,
                               values={c.pk: (c.high * share).quantize(Decimal("0.01")) for c in criteria})


def make_published(organiser: Any, people: list[Any], *, judges: list[Any]) -> WritingContest:
    """A contest whose two rounds are judged and whose results are published."""
    contest = make_contest(organiser, judges=judges, advance_count=len(people))
    entries = [make_entry(contest, p, title=f"Bài viết {i}") for i, p in enumerate(people, start=1)]
    close_submissions(contest)
    points = {e.pk: Decimal(90 - 10 * i) for i, e in enumerate(entries)}
    for number in (1, 2):
        score_all(contest, number, points)
        judging.stage_close(stage=contest.panel.stages.get(number=number))
    services.contest_publish(actor=officer_of(organiser), contest=contest, decision_number="15/QĐ-SNV",
                             decision_date=timezone.localdate(), signer_title="Giám đốc",
                             signer_name="Nguyễn Văn Bình")
    contest.refresh_from_db()
    return contest
