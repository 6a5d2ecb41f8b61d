"""The thidua import/export commands, run as a user would."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from thidua.org.models import Person
from thidua.org.services import PERSON_COLUMNS

pytestmark = pytest.mark.django_db


def write(path, rows):
    workbook = Workbook()
    workbook.active.append([c.header for c in PERSON_COLUMNS])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)


def test_import_people_command(world, tmp_path):
    path = tmp_path / "cb.xlsx"
    write(path, [["CB-C1", "Đinh Thị Hoa", "Nữ", "", "", "", "P1-X1", ""]])
    out = io.StringIO()
    call_command("import_people", str(path), user="olga_officer", stdout=out)
    assert "1 mới" in out.getvalue()
    assert Person.objects.get(code="CB-C1").full_name == "Đinh Thị Hoa"


def test_import_people_command_refuses_bad_file(world, tmp_path):
    path = tmp_path / "cb.xlsx"
    write(path, [["CB-C1", "Đinh Thị Hoa", "Nữ", "", "", "", "P1-X1", ""],
                 ["CB-C2", "", "X", "", "", "", "P1-X1", ""]])
    err = io.StringIO()
    with pytest.raises(CommandError, match="không có dữ liệu nào được lưu"):
        call_command("import_people", str(path), user="olga_officer", stderr=err)
    assert "Dòng 3, cột B (Họ và tên): không được để trống" in err.getvalue()
    assert "Dòng 3, cột C (Giới tính)" in err.getvalue()
    assert not Person.objects.filter(code="CB-C1").exists()


def test_export_people_is_scoped(world, tmp_path):
    out = tmp_path / "out.xlsx"
    call_command("export_org", str(out), what="people", user="oscar_officer", stdout=io.StringIO())
    codes = {r[0] for r in load_workbook(out).active.iter_rows(min_row=2, values_only=True)}
    assert codes == {"CB-X3"}


def test_cli_help_lists_commands():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "thidua.cli", "--help"], capture_output=True,
                            text=True, check=True)
    assert "import-people" in result.stdout and "Các lệnh" in result.stdout
