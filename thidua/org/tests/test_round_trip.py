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


def _edited(data: bytes, code: str, column: int, value) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for row in workbook.active.iter_rows(min_row=2):
        if row[0].value == code:
            row[column].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_people_export_page_reimports_unchanged_then_one_cell_is_one_change(world, login):
    client = login(world.users["alice_owner"])
    exported = client.get("/to-chuc/can-bo/?xuat=xlsx")
    assert exported.status_code == 200
    people = sorted(Person.objects.values_list("pk", "code", "full_name", "gender", "birth_date",
                                               "position", "email", "unit_id"))
    history = LogEntry.objects.count()
    page = client.post("/to-chuc/nhap/can-bo/", {"file": _upload(exported.content, "can-bo.xlsx")},
                       follow=True).content.decode()
    assert "Đã nhập: 0 mới, 0 cập nhật, 3 không thay đổi." in page  # her province's 3
    assert LogEntry.objects.count() == history
    assert sorted(Person.objects.values_list("pk", "code", "full_name", "gender", "birth_date",
                                             "position", "email", "unit_id")) == people

    edited = _edited(exported.content, "CB-X3", 4, "Phó Chủ tịch UBND xã")
    page = client.post("/to-chuc/nhap/can-bo/", {"file": _upload(edited, "can-bo.xlsx")},
                       follow=True).content.decode()
    assert "Đã nhập: 0 mới, 1 cập nhật, 2 không thay đổi." in page
    assert Person.objects.get(code="CB-X3").position == "Phó Chủ tịch UBND xã"
    entries = list(LogEntry.objects.order_by("pk")[history:])
    assert [(e.action, list(e.changes)) for e in entries] == [(LogEntry.Action.UPDATE,
                                                               ["position"])]


def test_the_units_cli_export_reimports_unchanged(world, tmp_path):
    out = tmp_path / "don-vi.xlsx"
    call_command("export_org", str(out), "--what", "units", "--user", "ada_admin",
                 stdout=StringIO())
    units, history = Unit.objects.count(), LogEntry.objects.count()
    printed = StringIO()
    call_command("import_units", str(out), "--user", "ada_admin", stdout=printed)
    assert f"0 mới, 0 cập nhật, {units} không thay đổi" in printed.getvalue()
    assert (Unit.objects.count(), LogEntry.objects.count()) == (units, history)


def test_the_people_template_offers_genders_and_a_filled_one_imports(world, login):
    client = login(world.users["olga_officer"])
    workbook = load_workbook(io.BytesIO(client.get("/to-chuc/nhap/can-bo/?mau=1").content))
    sheet = workbook.worksheets[0]
    assert sheet["A2"].value == "CB000123" and "ví dụ" in sheet["A2"].comment.text
    rules = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(rules) == {"C2"}
    assert [c.value for c in workbook["Danh mục"]["C"][1:]] == ["Nam", "Nữ"]
    sheet.append(["CB-N9", "Đinh Thị Hoa", "Nữ", None, "Chuyên viên", None, "P1-X1", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = client.post("/to-chuc/nhap/can-bo/", {"file": _upload(buffer.getvalue(), "mau.xlsx")},
                       follow=True).content.decode()
    assert "Đã nhập: 1 mới, 0 cập nhật." in page
    assert not Person.objects.filter(code="CB000123").exists()


def test_one_bad_unit_row_imports_nothing_and_names_the_row_and_column(world, login):
    from thidua.org.services import UNIT_COLUMNS
    from thidua.org.tests.test_import import xlsx

    client = login(world.users["alice_owner"])
    units = Unit.objects.count()
    upload = xlsx(UNIT_COLUMNS, [
        ["P1-X9", "Xã Mới", "Xã, phường, thị trấn, đặc khu", "Xã, phường, thị trấn", "P1-H1"],
        ["P1-X8", "Xã Khác", "Xã, phường, thị trấn, đặc khu", "Khối không có", "P1-H1"],
    ])
    page = client.post("/to-chuc/nhap/don-vi/", {"file": upload}).content.decode()
    assert "không có dữ liệu nào được lưu" in page
    assert "Dòng 3, cột D (Khối)" in page
    assert Unit.objects.count() == units
