"""Submitting and editing an entry: confirmation, co-authors, files, the server-side deadline."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thidua.writing.models import CoAuthor, Entry, WritingContest
from thidua.writing.testing import PDF, TEXT, make_contest, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(world):
    return make_contest(world.units["P1"])


def _form(contest, **extra):
    data = {"topic": contest.topics.all()[0].pk, "title": "Một cửa không giấy", "text": TEXT,
            "dong_tac_gia-TOTAL_FORMS": "2", "dong_tac_gia-INITIAL_FORMS": "0",
            "dong_tac_gia-MIN_NUM_FORMS": "0", "dong_tac_gia-MAX_NUM_FORMS": "5"}
    data.update(extra)
    return data


def test_staff_submit_with_a_coauthor_and_a_file_and_see_the_confirmation(world, login, contest):
    client = login(world.users["stan_staff"])
    response = client.post(reverse("writing:submit", args=[contest.pk]), _form(
        contest, **{"dong_tac_gia-0-person": world.people["p_x1"].pk, "dong_tac_gia-0-share": "40",
                    "attachments": SimpleUploadedFile("de-an.pdf", PDF)}))
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("writing:entry", args=[entry.pk])
    shares = {c.person.code: c.share for c in CoAuthor.objects.all()}
    assert shares == {"CB-ST": 60, "CB-X1": 40}
    assert entry.files.count() == 1 and entry.judging_entry.code
    page = client.get(response["Location"]).content.decode()
    assert "Bài dự thi đã được nhận lúc" in page and "Một cửa không giấy" in page


def test_shares_above_100_are_refused_and_nothing_is_saved(world, login, contest):
    response = login(world.users["stan_staff"]).post(reverse("writing:submit", args=[contest.pk]), _form(
        contest, **{"dong_tac_gia-0-person": world.people["p_x1"].pk, "dong_tac_gia-0-share": "99",
                    "dong_tac_gia-1-person": world.people["p_x1"].pk, "dong_tac_gia-1-share": "50"}))
    assert response.status_code == 400
    assert "Một người chỉ được ghi một lần" in response.content.decode()
    assert not Entry.objects.exists()


def test_a_file_whose_content_is_not_its_type_is_refused(world, login, contest):
    fake = SimpleUploadedFile("de-an.pdf", b"MZ\x90\x00 not a pdf")
    response = login(world.users["stan_staff"]).post(reverse("writing:submit", args=[contest.pk]),
                                                      _form(contest, attachments=fake))
    assert response.status_code == 400
    assert "de-an.pdf" in response.content.decode()
    assert not Entry.objects.exists()


def test_the_author_edits_before_the_deadline(world, login, contest):
    entry = make_entry(contest, world.people["p_staff"])
    client = login(world.users["stan_staff"])
    assert client.get(reverse("writing:submit", args=[contest.pk]))["Location"] == \
        reverse("writing:edit", args=[entry.pk])  # one entry per author: the form opens the entry
    response = client.post(reverse("writing:edit", args=[entry.pk]),
                           _form(contest, title="Một cửa số", version=str(entry.version),
                                 remove_file=str(entry.files.get().pk)))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Một cửa số" and entry.version == 2 and not entry.files.exists()
    stale = client.post(reverse("writing:edit", args=[entry.pk]), _form(contest, version="1"))
    assert stale.status_code == 400 and "sửa ở nơi khác" in stale.content.decode()


def test_after_the_deadline_the_server_refuses_a_new_entry_and_an_edit(world, login, contest):
    entry = make_entry(contest, world.people["p_staff"])
    WritingContest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    client = login(world.users["stan_staff"])
    response = client.post(reverse("writing:edit", args=[entry.pk]),
                           _form(contest, title="Sửa muộn", version=str(entry.version)))
    assert response.status_code == 400
    assert "Đã hết hạn nộp bài lúc" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Một cửa không giấy"
    late = login(world.users["stan_staff"])
    Entry.objects.all().delete()
    response = late.post(reverse("writing:submit", args=[contest.pk]), _form(contest))
    assert response.status_code == 400 and "Đã hết hạn nộp bài" in response.content.decode()
    assert not Entry.objects.exists()


def test_staff_outside_the_scope_cannot_enter(world, login):
    contest = make_contest(world.units["X3"])
    response = login(world.users["stan_staff"]).get(reverse("writing:submit", args=[contest.pk]))
    assert response.status_code == 403
