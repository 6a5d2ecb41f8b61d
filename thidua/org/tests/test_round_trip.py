"""Exports re-import unchanged as an update (issue 11): the units and people an owner exports
go back in with nothing created, nothing changed and no history written — the province row
included; the import template carries an example row and dropdowns for coded columns."""

import io
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from openpyxl import load_workbook

from thidua.org.models import Person, Unit

pytestmark = pytest.mark.django_db


def _upload(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def test_the_units_export_reimports_unchanged(world, login):
    client = login(world.users["alice_owner"])
    exported = client.get("/to-chuc/don-vi/xuat/")
    assert exported.status_code == 200
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert any(row[4] in (None, "") for row in rows[1:])  # the province row is in the file
    units, history = Unit.objects.count(), LogEntry.objects.count()
    response = client.post("/to-chuc/nhap/don-vi/", {"file": _upload(exported.content, "don-vi.xlsx")},
                           follow=True)
    assert response.status_code == 200
    assert f"Đã nhập: 0 mới, 0 cập nhật, {len(rows) - 1} không thay đổi." in response.content.decode()
    assert (Unit.objects.count(), LogEntry.objects.count()) == (units, history)


def test_a_changed_row_is_the_only_update(world, login):
    client = login(world.users["alice_owner"])
    exported = client.get("/to-chuc/don-vi/xuat/").content
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.active
    code = world.units["X1"].code
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == code:
            row[1].value = "Xã Lũng Cú mới"
    buffer = io.BytesIO()
    workbook.save(buffer)
    history = LogEntry.objects.count()
    client.post("/to-chuc/nhap/don-vi/", {"file": _upload(buffer.getvalue(), "don-vi.xlsx")})
    assert Unit.objects.get(code=code).name == "Xã Lũng Cú mới"
    assert LogEntry.objects.count() == history + 1


def test_the_people_export_reimports_unchanged(world, tmp_path):
    out = tmp_path / "can-bo.xlsx"
    call_command("export_org", str(out), "--what", "people", "--user", "alice_owner",
                 stdout=StringIO())
    people, history = Person.objects.count(), LogEntry.objects.count()
    printed = StringIO()
    call_command("import_people", str(out), "--user", "alice_owner",
                 stdout=printed)
    assert "0 mới, 0 cập nhật" in printed.getvalue()
    assert (Person.objects.count(), LogEntry.objects.count()) == (people, history)


def test_the_template_has_an_example_row_and_dropdowns(world, login):
    client = login(world.users["alice_owner"])
    data = client.get("/to-chuc/nhap/don-vi/?mau=1").content
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    header, example = (list(r) for r in sheet.iter_rows(max_row=2, values_only=True))
    assert example[0] and example[1]  # a filled example row
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(ranges) == {"C2", "D2"}  # the unit kind and the category
    lists = workbook["Danh mục"]
    assert lists.sheet_state == "hidden"
    kinds = [c.value for c in lists["C"][1:] if c.value]
    assert "Xã, phường, đặc khu" in kinds or any("xã" in k.lower() for k in kinds)
    categories = [c.value for c in lists["D"][1:] if c.value]
    assert world.categories["xa"].name in categories
    # The untouched template imports nothing (the example row is skipped), and says so.
    units = Unit.objects.count()
    response = client.post("/to-chuc/nhap/don-vi/", {"file": _upload(data, "mau.xlsx")}, follow=True)
    assert response.status_code == 200 and Unit.objects.count() == units
