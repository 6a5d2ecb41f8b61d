"""The organiser's round page: progress per judge, reminders, the minimum, closing and advancing."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from thidua.judging.models import Reminder
from thidua.writing.testing import close_submissions, judge_user, make_contest, make_entry, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(world):
    judges = [judge_user("gk-a"), judge_user("gk-b")]
    judges[1].email = "gkb@example.vn"
    judges[1].save()
    c = make_contest(world.units["X1"], judges=judges, min_scores=2, advance_count=1)
    for key, title in (("p_staff", "Bài một"), ("p_x1", "Bài hai")):
        make_entry(c, world.people[key], title=title)
    close_submissions(c)
    return c


def test_the_organiser_sees_who_is_behind_and_reminds_them(world, login, contest,
                                                         django_capture_on_commit_callbacks):
    stage = contest.panel.stages.get(number=1)
    first = contest.entries.order_by("pk").first()
    a = contest.panel.judges.get(user__username="gk-a")
    from thidua.judging import services

    services.sheet_save(judge=a, stage=stage, entry=first.judging_entry, no_conflict=True,
                        values={c.pk: c.high for c in contest.panel.criteria.all()})
    client = login(world.users["olga_officer"])
    body = client.get(reverse("judging:stage", args=[stage.pk])).content.decode()
    assert "đã chấm 1/2" in body and "đã chấm 0/2" in body
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("judging:remind", args=[stage.pk])).status_code == 302
    assert Reminder.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["gkb@example.vn"]]
    assert "đã chấm 0/2" in mail.outbox[0].body
    # ... and in the one inbox, with the stage's page, where the judge sees their own list
    from thidua.notices.models import Notice

    told = {n.user.username: n for n in Notice.objects.filter(event="judge_reminded")}
    assert set(told) == {"gk-a", "gk-b"}  # both behind; gk-b alone has an e-mail address
    notice = told["gk-b"]
    assert "đã chấm 0/2" in notice.message and "còn 2 bài chưa chấm" in notice.message
    assert notice.url == reverse("judging:stage", args=[stage.pk])
    assert client.get(notice.url).status_code == 200
    client.force_login(notice.user)
    assert client.get(notice.url).status_code == 200


def test_closing_is_refused_below_the_minimum_then_the_best_advance(world, login, contest):
    stage = contest.panel.stages.get(number=1)
    client = login(world.users["olga_officer"])
    response = client.post(reverse("judging:close", args=[stage.pk]), follow=True)
    assert "2 bài chưa đủ 2 giám khảo chấm" in response.content.decode()
    entries = list(contest.entries.order_by("pk"))
    score_all(contest, 1, {entries[0].pk: Decimal(60), entries[1].pk: Decimal(80)})
    response = client.post(reverse("judging:close", args=[stage.pk]), follow=True)
    assert "1 bài vào vòng «Chung khảo»" in response.content.decode()
    for e in entries:
        e.judging_entry.refresh_from_db()
    assert [e.judging_entry.stage_reached for e in entries] == [1, 2]
    final = contest.panel.stages.get(number=2)
    assert final.is_open
    stage.refresh_from_db()
    assert stage.closed_at is not None


def test_the_score_sheet_export_is_an_xlsx_of_codes_only(world, login, contest):
    stage = contest.panel.stages.get(number=1)
    url = reverse("judging:stage", args=[stage.pk]) + "?xuat=xlsx"
    response = login(world.users["olga_officer"]).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert contest.entries.first().judging_entry.code in text
    assert world.people["p_staff"].full_name not in text


def test_the_organiser_sets_the_minimum_and_the_method_until_a_round_closes(world, login, contest):
    client = login(world.users["olga_officer"])
    url = reverse("judging:panel", args=[contest.panel_id])
    assert client.post(url, {"min_scores": "1", "method": "trim"}).status_code == 302
    contest.panel.refresh_from_db()
    assert (contest.panel.min_scores, contest.panel.method) == (1, "trim")
    bad = client.post(url, {"min_scores": "0", "method": "trim"})
    assert bad.status_code == 400
    entries = list(contest.entries.order_by("pk"))
    score_all(contest, 1, {entries[0].pk: Decimal(60), entries[1].pk: Decimal(80)})
    from thidua.judging import services

    services.stage_close(stage=contest.panel.stages.get(number=1))
    late = client.post(url, {"min_scores": "2", "method": "mean"})
    assert "Đã có vòng chấm kết thúc" in late.content.decode()
    assert login(world.users["carl_council"]).get(url).status_code == 403
