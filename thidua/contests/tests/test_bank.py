"""Question bank import: all or nothing, the bad row named; re-import retires the old version."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.contests.models import Contest, Question
from thidua.contests.services import BANK_COLUMNS
from thidua.core.spreadsheet import write_xlsx

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    return SimpleUploadedFile("ngan-hang.xlsx", write_xlsx(BANK_COLUMNS, rows))


def _contest(world):
    return Contest.objects.create(code="thi", title="Tìm hiểu CCHC", organiser=world.units["X1"])


GOOD = [
    ["C1", "SIPAS đo điều gì?", "Một đáp án", "Năng lực cạnh tranh", "Sự hài lòng của người dân",
     "", "", "", "", "B", "Chỉ số"],
    ["C2", "Nội dung nào thuộc CCHC?", "Nhiều đáp án", "Cải cách thể chế", "Du lịch",
     "Cải cách tài chính công", "", "", "", "A, C", ""],
]


def test_it_imports_a_good_file(world, login):
    contest = _contest(world)
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:bank", args=[contest.pk]), {"file": _xlsx(GOOD)})
    second = Question.objects.get(code="C2")
    assert second.kind == "multiple"
    assert sorted(o.label for o in second.options.filter(correct=True)) == ["A", "C"]


def test_it_refuses_the_whole_file_and_names_the_row(world, login):
    contest = _contest(world)
    bad = [*GOOD, ["C3", "Câu lỗi", "Một đáp án", "X", "Y", "", "", "", "", "D", ""]]
    response = login(world.users["olga_officer"]).post(reverse("contests:bank", args=[contest.pk]),
                                                       {"file": _xlsx(bad)})
    page = response.content.decode()
    assert "Dòng 4" in page and "đáp án D không có" in page
    assert not Question.objects.exists()


def test_reimport_retires_the_old_version(world, login):
    contest = _contest(world)
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:bank", args=[contest.pk]), {"file": _xlsx(GOOD)})
    changed = [["C1", "SIPAS là chỉ số gì?", *GOOD[0][2:]]]
    client.post(reverse("contests:bank", args=[contest.pk]), {"file": _xlsx(changed)})
    assert Question.objects.filter(code="C1").count() == 2
    assert Question.objects.get(code="C1", active=True).text == "SIPAS là chỉ số gì?"


def test_it_rejects_other_unit(world, login):
    contest = Contest.objects.create(code="thi3", title="Thi", organiser=world.units["X3"])
    response = login(world.users["olga_officer"]).get(reverse("contests:bank", args=[contest.pk]))
    assert response.status_code == 403
