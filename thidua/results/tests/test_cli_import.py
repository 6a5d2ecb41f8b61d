"""thidua import-results / export-results: the same templates as the web."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from thidua.results.models import AnnualResult, PersonRating
from thidua.results.tests.conftest import sheet


def _file(tmp_path, kind, rows):
    path = tmp_path / "tep.csv"
    path.write_bytes(sheet(kind, rows).read())
    return path


def test_a_second_import_is_an_update_and_a_missing_unit_needs_replace(world, bands, tmp_path):
    path = _file(tmp_path, "chi-so-cchc", [["P1-H1", "", "91"], ["P1-H2", "", "82"]])
    out = io.StringIO()
    call_command("import_results", "chi-so-cchc", str(path), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", stdout=out)
    assert "Đã nhập 2 dòng kết quả Chỉ số CCHC năm 2024: 2 mới" in out.getvalue()
    out = io.StringIO()
    call_command("import_results", "chi-so-cchc", str(path), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", stdout=out)
    assert "0 mới, 0 cập nhật, 2 không thay đổi" in out.getvalue()
    shorter = _file(tmp_path, "chi-so-cchc", [["P1-H1", "", "91"]])
    err = io.StringIO()
    with pytest.raises(CommandError, match="không có dữ liệu nào được lưu"):
        call_command("import_results", "chi-so-cchc", str(shorter), "--scope", "P1", "--year",
                     "2024", "--user", "alice_owner", stdout=io.StringIO(), stderr=err)
    assert "tệp thiếu 1 đơn vị đã có kết quả (P1-H2)" in err.getvalue()
    out = io.StringIO()
    call_command("import_results", "chi-so-cchc", str(shorter), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", "--replace", stdout=out)
    assert "xoá 1 dòng cũ không có trong tệp" in out.getvalue()
    assert AnnualResult.objects.count() == 1


def test_it_lists_problems_on_stderr(world, bands, tmp_path):
    path = _file(tmp_path, "xep-loai-can-bo", [["CB-X1", "", "", "Xuất sắc lắm"]])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_results", "xep-loai-can-bo", str(path), "--scope", "P1-X1", "--year",
                     "2024", "--user", "olga_officer", stdout=io.StringIO(), stderr=err)
    assert "Dòng 2, cột D (Xếp loại chất lượng)" in err.getvalue()
    assert PersonRating.objects.count() == 0


def test_an_officer_cannot_import_for_the_province(world, bands, tmp_path):
    path = _file(tmp_path, "chi-so-cchc", [["P1-H1", "", "91"]])
    with pytest.raises(CommandError, match="phạm vi"):
        call_command("import_results", "chi-so-cchc", str(path), "--scope", "P1", "--year",
                     "2024", "--user", "olga_officer", stdout=io.StringIO())


def test_it_exports_the_template_of_a_year(world, bands, tmp_path):
    target = tmp_path / "mau.xlsx"
    call_command("export_results", "chi-so-cchc", str(target), "--scope", "P1", "--year", "2024",
                 "--user", "alice_owner", "--template", stdout=io.StringIO())
    sheet_ = load_workbook(target).worksheets[0]
    assert sheet_["A1"].value == "Mã đơn vị"
    assert {r[0].value for r in sheet_.iter_rows(min_row=2)} >= {"P1-H1", "P1-X1"}
