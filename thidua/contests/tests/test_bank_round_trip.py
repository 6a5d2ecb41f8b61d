"""The question bank's export re-imports as an update (issue 11): unchanged questions stay as
they are (no new version, no history), one edited cell gives exactly one new version; the
template carries an example row and a dropdown for the question kind, and a filled template
imports."""

import html
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.contests.models import Contest, Option, Question
from thidua.contests.tests.test_bank import GOOD, _xlsx
from thidua.results.tests.test_round_trip import dropdowns

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(world, login):
    contest = Contest.objects.create(code="thi", title="Tìm hiểu CCHC", organiser=world.units["X1"])
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:bank", args=[contest.pk]), {"file": _xlsx(GOOD)})
    return client, reverse("contests:bank", args=[contest.pk])


def _state():
    return (sorted(Question.objects.values_list("pk", "code", "text", "kind", "topic", "active")),
            sorted(Option.objects.values_list("pk", "question_id", "label", "text", "correct")))


def test_the_export_reimports_unchanged(bank):
    client, url = bank
    exported = client.get(url + "?xuat=xlsx")
    assert exported.status_code == 200
    before, history = _state(), LogEntry.objects.count()
    response = client.post(url, {"file": SimpleUploadedFile("xuat.xlsx", exported.content)},
                           follow=True)
    assert "Đã nhập 2 câu hỏi: 0 câu mới, 0 câu sửa" in html.unescape(response.content.decode())
    assert "2 câu không thay đổi" in html.unescape(response.content.decode())
    assert (_state(), LogEntry.objects.count()) == (before, history)


def test_one_edited_cell_is_one_new_version(bank):
    client, url = bank
    workbook = load_workbook(io.BytesIO(client.get(url + "?xuat=xlsx").content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[2]][:3] == ["C1", GOOD[0][1], "Một đáp án"]
    assert sheet["J3"].value == "A, C"  # the correct letters as the import reads them
    sheet["B2"] = "SIPAS là chỉ số gì?"
    buffer = io.BytesIO()
    workbook.save(buffer)
    history = LogEntry.objects.count()
    response = client.post(url, {"file": SimpleUploadedFile("sua.xlsx", buffer.getvalue())},
                           follow=True)
    assert "0 câu mới, 1 câu sửa" in html.unescape(response.content.decode())
    active = Question.objects.filter(active=True)
    assert active.count() == 2 and active.get(code="C1").text == "SIPAS là chỉ số gì?"
    assert Question.objects.filter(code="C2").count() == 1  # untouched, no new version
    # The change is one new version: the old one retired (kept for past attempts) and the new one.
    entries = LogEntry.objects.order_by("pk")[history:]
    old, new = Question.objects.filter(code="C1").order_by("pk")
    assert [(e.action, e.object_pk) for e in entries] == [
        (LogEntry.Action.UPDATE, str(old.pk)), (LogEntry.Action.CREATE, str(new.pk))]


def test_the_template_has_an_example_row_and_a_kind_dropdown(bank):
    client, url = bank
    data = client.get(url + "?mau=1").content
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert sheet["A2"].value == "CCHC-001" and "ví dụ" in sheet["A2"].comment.text
    assert dropdowns(workbook) == {"Loại": ["Một đáp án", "Nhiều đáp án"]}
    sheet.append(["C9", "Câu mới?", "Nhiều đáp án", "Một", "Hai", "Ba", None, None, None, "A, B"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(url, {"file": SimpleUploadedFile("mau.xlsx", buffer.getvalue())},
                           follow=True)
    assert "Đã nhập 1 câu hỏi: 1 câu mới" in html.unescape(response.content.decode())
    assert not Question.objects.filter(code="CCHC-001").exists()  # the example was skipped
    assert Question.objects.get(code="C9").kind == "multiple"
