"""Ranking (score, then prediction, then time), prizes after closing, export, prize facts."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.contests import services
from thidua.contests.models import Attempt, Option, Prize, Round
from thidua.contests.selectors import prize_facts, round_ranking
from thidua.contests.testing import make_contest, make_round
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


def _take(contest, round_, person, correct, prediction, seconds):
    participant = contest.participants.create(kind="staff", person=person, unit=person.unit,
                                              full_name=person.full_name)
    attempt = services.attempt_start(participant=participant, round_=round_)
    answers = {}
    for i, (qid, _) in enumerate(attempt.questions):
        right = Option.objects.get(question_id=qid, correct=True).pk
        answers[str(qid)] = [right] if i < correct else []
    token = services.read_token(services.attempt_token(attempt))
    services.submission_record(token=token, client_token=f"tok-{person.pk:06d}", answers=answers,
                               prediction=prediction, now=attempt.started_at + timedelta(seconds=seconds))
    return attempt


@pytest.fixture
def played(world):
    contest = make_contest(world.units["P1"], code="truc-tuyen-cchc", per_attempt=4)
    round_ = make_round(contest)
    people = {k: world.people[k] for k in ("p_x1", "p_staff", "p_x3")}
    extra = Person.objects.create(code="CB-X2", full_name="Đỗ Văn Bình", gender="M", unit=world.units["X2"])
    _take(contest, round_, people["p_x1"], 4, 5, 100)      # all right, prediction off by 3
    _take(contest, round_, people["p_staff"], 4, 2, 200)   # all right, prediction exact (2 all-correct)
    _take(contest, round_, people["p_x3"], 3, 2, 50)       # one wrong
    _take(contest, round_, extra, 3, 2, 40)                # one wrong, faster
    return contest, round_


def test_it_ranks_by_score_then_prediction_then_time(played):
    _, round_ = played
    services.grade_pending(round_id=round_.pk)  # the ranking only reads; grading is a write
    names = [row.name for row in round_ranking(round_)]
    assert names == ["Phạm Minh Ánh", "Nguyễn Thị Lan", "Đỗ Văn Bình", "Trần Văn Đức"]


def test_it_awards_prizes_after_closing_and_they_become_facts(played, world, login):
    contest, round_ = played
    client = login(world.users["alice_owner"])
    client.post(reverse("contests:award", args=[round_.pk]))
    assert not Prize.objects.exists()  # still open
    client.post(reverse("contests:close", args=[round_.pk]))
    client.post(reverse("contests:award", args=[round_.pk]))
    levels = list(Prize.objects.order_by("rank").values_list("participant__full_name", "level"))
    assert levels[:2] == [("Phạm Minh Ánh", "nhat"), ("Nguyễn Thị Lan", "nhi")]
    year = timezone.localtime(Round.objects.get().closes_at).year
    facts = prize_facts(year, year)
    assert {"person_id": world.people["p_staff"].pk, "year": year, "contest": "truc-tuyen-cchc",
            "prize": "nhat"} in facts and len(facts) == 4


def test_it_exports_the_ranking(played, world, login):
    _, round_ = played
    response = login(world.users["alice_owner"]).get(reverse("contests:round", args=[round_.pk]),
                                                     {"xuat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows][0] == "Phạm Minh Ánh" and len(rows) == 4


def test_staff_see_the_ranking_of_their_contest(played, world, login):
    _, round_ = played
    page = login(world.users["stan_staff"]).get(reverse("contests:round", args=[round_.pk])).content.decode()
    assert "Phạm Minh Ánh" in page and Attempt.objects.filter(status="submitted").count() == 4


def test_times_are_shown_in_minutes_and_seconds(played, world, login):
    """Issue 11: "3 phút 20 giây", never milliseconds or a decimal point."""
    _, round_ = played
    page = login(world.users["alice_owner"]).get(reverse("contests:round", args=[round_.pk]))
    text = page.content.decode()
    assert "3 phút 20 giây" in text and "1 phút 40 giây" in text and "40 giây" in text
    attempt = Attempt.objects.get(participant__person=world.people["p_staff"])
    result = login(world.users["stan_staff"]).get(reverse("contests:attempt_result",
                                                          args=[attempt.pk])).content.decode()
    assert "3 phút 20 giây" in result and " ms" not in result
