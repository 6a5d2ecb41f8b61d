"""Scoring's exports re-import as updates (issue 11): a criteria set's export imported again
with the same decision is no new version and writes nothing, one edited cell of a draft is one
change and one history entry; the survey file (units, sub-criteria and the values entered)
imported unchanged writes nothing, one edited value is one entry. Templates carry an example
row and dropdowns."""

from __future__ import annotations

import html
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.results.tests.test_round_trip import dropdowns
from thidua.scoring.models import CriteriaSet, Score, SubCriterion
from thidua.scoring.testing import make_criteria_set
from thidua.scoring.tests.test_criteria_sets import GOOD, _xlsx

pytestmark = pytest.mark.django_db


def _post(client, world, data: bytes, name="tieu-chi.xlsx"):
    return client.post(reverse("scoring:import"), {
        "don_vi": world.units["P1"].pk, "nam": 2025, "khoi": world.categories["xa"].pk,
        "ten": "Bộ tiêu chí cấp xã năm 2025", "so_quyet_dinh": "12/QĐ-UBND",
        "ngay_ban_hanh": "2025-03-10", "tep": SimpleUploadedFile(name, data)}, follow=True)


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _subs():
    return sorted(SubCriterion.objects.values_list("pk", "code", "name", "max_points", "guidance",
                                                   "evidence_required", "source"))


def test_a_criteria_set_export_reimports_unchanged_then_one_cell_is_one_change(world, login):
    client = login(world.users["alice_owner"])
    _post(client, world, _xlsx(GOOD))
    criteria_set = CriteriaSet.objects.get()
    exported = client.get(reverse("scoring:set", args=[criteria_set.pk]) + "?xuat=tieu-chi")
    before, history = _subs(), LogEntry.objects.count()
    page = html.unescape(_post(client, world, exported.content, "xuat.xlsx").content.decode())
    assert "không tạo phiên bản mới, không ghi gì" in page
    assert (CriteriaSet.objects.count(), _subs(), LogEntry.objects.count()) == (1, before, history)

    workbook = load_workbook(io.BytesIO(exported.content))
    sheet = workbook.worksheets[0]
    assert [row[9].value for row in sheet.iter_rows(min_row=2)] == ["tự chấm", "thẩm định",
                                                                   "điều tra"]
    sheet["H3"] = "Đủ 4 lần kiểm tra: 3 điểm"
    page = html.unescape(_post(client, world, _save(workbook), "sua.xlsx").content.decode())
    assert "Đã cập nhật 1 tiêu chí thành phần" in page
    assert CriteriaSet.objects.count() == 1
    assert SubCriterion.objects.get(code="1.2").guidance == "Đủ 4 lần kiểm tra: 3 điểm"
    entries = list(LogEntry.objects.order_by("pk")[history:])
    assert [(e.action, list(e.changes)) for e in entries] == [(LogEntry.Action.UPDATE,
                                                               ["guidance"])]


def test_a_set_opened_for_scoring_is_never_changed_by_an_import(world, login):
    client = login(world.users["alice_owner"])
    _post(client, world, _xlsx(GOOD))
    CriteriaSet.objects.update(status=CriteriaSet.Status.OPEN)
    changed = [list(row) for row in GOOD]
    changed[1][7] = "Hướng dẫn mới"
    _post(client, world, _xlsx(changed))
    assert sorted(CriteriaSet.objects.values_list("version", "status")) == [
        (1, CriteriaSet.Status.OPEN), (2, CriteriaSet.Status.DRAFT)]
    assert SubCriterion.objects.get(code="1.2", criteria_set__version=1).guidance == ""


def test_the_criteria_template_has_an_example_row_and_dropdowns(world, login):
    client = login(world.users["alice_owner"])
    workbook = load_workbook(io.BytesIO(client.get(reverse("scoring:import") + "?mau=1").content))
    sheet = workbook.worksheets[0]
    assert sheet["E2"].value == "3.1.1" and "ví dụ" in sheet["A2"].comment.text
    assert dropdowns(workbook) == {"Phải có tài liệu kiểm chứng": ["có", "không"],
                                   "Nguồn điểm": ["tự chấm", "thẩm định", "điều tra"]}
    sheet.append(GOOD[0])
    page = html.unescape(_post(client, world, _save(workbook), "mau.xlsx").content.decode())
    assert "Đã nhập" in page
    assert list(SubCriterion.objects.values_list("code", flat=True)) == ["1.1"]


@pytest.fixture
def survey_set(world):
    return make_criteria_set(world.units["P1"], world.categories["xa"],
                             [world.units[k] for k in ("X1", "X2", "X3")])


def _values():
    return sorted(Score.objects.values_list("pk", "survey_value"))


def test_the_survey_file_reimports_unchanged_then_one_value_is_one_change(world, login,
                                                                          survey_set):
    client = login(world.users["alice_owner"])
    action = reverse("scoring:set_action", args=[survey_set.pk, "dieu-tra"])
    template = reverse("scoring:survey_template", args=[survey_set.pk])
    workbook = load_workbook(io.BytesIO(client.get(template).content))
    sheet = workbook.worksheets[0]
    assert sheet["A2"].value == "KG-S01" and "ví dụ" in sheet["A2"].comment.text
    lists = dropdowns(workbook)
    assert lists == {"Mã đơn vị": ["P1-X1", "P1-X2", "P1-X3"],
                     "Mã tiêu chí thành phần": ["3.1.1-sipas"]}
    for row, value in zip(sheet.iter_rows(min_row=3), (90, 75.5, 95), strict=True):
        row[2].value = value
    page = html.unescape(client.post(action, {"tep": SimpleUploadedFile(
        "sipas.xlsx", _save(workbook))}, follow=True).content.decode())
    assert "Đã nhập 3 kết quả điều tra: 3 cập nhật, 0 không thay đổi." in page

    exported = client.get(template).content
    before, history = _values(), LogEntry.objects.count()
    page = html.unescape(client.post(action, {"tep": SimpleUploadedFile("lai.xlsx", exported)},
                                     follow=True).content.decode())
    assert "Đã nhập 3 kết quả điều tra: 0 cập nhật, 3 không thay đổi." in page
    assert (_values(), LogEntry.objects.count()) == (before, history)

    workbook = load_workbook(io.BytesIO(exported))
    workbook.worksheets[0]["C4"] = 80
    client.post(action, {"tep": SimpleUploadedFile("sua.xlsx", _save(workbook))})
    assert str(Score.objects.get(assessment__unit__code="P1-X2",
                                 sub_criterion__code="3.1.1-sipas").survey_value) == "80.00"
    entries = list(LogEntry.objects.order_by("pk")[history:])
    assert [(e.action, list(e.changes)) for e in entries] == [(LogEntry.Action.UPDATE,
                                                               ["survey_value"])]
