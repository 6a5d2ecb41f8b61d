"""Excel import of units and people through the web page: all or nothing, row/column errors."""

import io

import pytest
from openpyxl import Workbook

from thidua.org.models import Membership, Person, Unit
from thidua.org.services import PERSON_COLUMNS, UNIT_COLUMNS

pytestmark = pytest.mark.django_db


def xlsx(columns, rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in columns])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def test_it_imports_people_and_records_audit(world, login):
    client = login(world.users["olga_officer"])
    upload = xlsx(PERSON_COLUMNS, [
        ["CB-N1", "Hoàng Thị Mai", "Nữ", "01/02/1990", "Chuyên viên", "mai@x.gov.vn", "P1-X1", "01/01/2024"],
        ["CB-N2", "Vũ Văn Nam", "Nam", "", "Công chức", "", "P1-X1", ""],
    ])
    response = client.post("/to-chuc/nhap/can-bo/", {"file": upload})
    assert response.status_code == 302
    mai = Person.objects.get(code="CB-N1")
    assert mai.unit == world.units["X1"] and mai.search_name.startswith("hoang thi mai")
    assert Membership.objects.filter(person=mai, unit=world.units["X1"]).exists()
    page = client.get(f"/to-chuc/can-bo/{mai.pk}/")
    assert "Nhập từ tệp danh-sach.xlsx" in page.content.decode()
    assert "olga_officer" in page.content.decode()


def test_one_bad_row_imports_nothing_and_names_row_and_column(world, login):
    client = login(world.users["olga_officer"])
    upload = xlsx(PERSON_COLUMNS, [
        ["CB-N1", "Hoàng Thị Mai", "Nữ", "01/02/1990", "", "", "P1-X1", ""],
        ["CB-N2", "Vũ Văn Nam", "Nam", "31/02/1990", "", "", "P1-X1", ""],
        ["CB-N3", "Đỗ Văn Hùng", "Nam", "", "", "", "P9-KHONG", ""],
    ])
    response = client.post("/to-chuc/nhap/can-bo/", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "không có dữ liệu nào được lưu" in body
    assert "Dòng 3, cột D (Ngày sinh)" in body
    assert "Dòng 4, cột G (Mã đơn vị)" in body and "P9-KHONG" in body
    assert not Person.objects.filter(code__in=["CB-N1", "CB-N2", "CB-N3"]).exists()


def test_it_refuses_people_of_another_unit(world, login):
    client = login(world.users["olga_officer"])
    upload = xlsx(PERSON_COLUMNS, [["CB-Z", "Ngô Văn Tài", "Nam", "", "", "", "P1-X3", ""]])
    body = client.post("/to-chuc/nhap/can-bo/", {"file": upload}).content.decode()
    assert "Dòng 2, cột G (Mã đơn vị): đơn vị này nằm ngoài phạm vi quản lý của bạn" in body
    assert not Person.objects.filter(code="CB-Z").exists()


def test_duplicate_rows_are_named(world, login):
    client = login(world.users["alice_owner"])
    upload = xlsx(UNIT_COLUMNS, [
        ["P1-X9", "Xã Sủng Là", "commune", "xa", "P1-H1", "", ""],
        ["P1-X9", "Xã Sủng Là", "commune", "xa", "P1-H1", "", ""],
    ])
    body = client.post("/to-chuc/nhap/don-vi/", {"file": upload}).content.decode()
    assert "Dòng 3, cột A (Mã đơn vị): trùng với dòng 2" in body
    assert not Unit.objects.filter(code="P1-X9").exists()


def test_units_import_builds_the_tree(world, login):
    client = login(world.users["alice_owner"])
    upload = xlsx(UNIT_COLUMNS, [
        ["P1-H3", "Huyện Yên Minh", "Huyện, thị xã, thành phố thuộc tỉnh", "huyen", "P1", "", "30/06/2025"],
        ["P1-X10", "Xã Lao Và Chải", "commune", "xa", "P1-H3", "", "30/06/2025"],
    ])
    assert client.post("/to-chuc/nhap/don-vi/", {"file": upload}).status_code == 302
    commune = Unit.objects.get(code="P1-X10")
    assert commune.path == "/P1/P1-H3/P1-X10/"
    assert commune.parent.code == "P1-H3"


def test_wrong_header_is_refused(world, login):
    client = login(world.users["alice_owner"])
    upload = xlsx(UNIT_COLUMNS[:2], [["P1-X9", "Xã A"]])
    body = client.post("/to-chuc/nhap/don-vi/", {"file": upload}).content.decode()
    assert "Dòng 1, cột C (Loại đơn vị): tiêu đề phải là" in body


def test_template_downloads(world, login):
    client = login(world.users["alice_owner"])
    response = client.get("/to-chuc/nhap/don-vi/?mau=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_cannot_import(world, login):
    client = login(world.users["stan_staff"])
    assert client.get("/to-chuc/nhap/can-bo/").status_code == 403


def test_a_membership_cannot_start_before_its_unit_exists_or_after_it_ended(world, login):
    """Issue 10: people imported into a commune before its merger, or into an ended district."""
    from datetime import date

    from thidua.org.models import Unit, UnitKind

    Unit.objects.create(code="P1-XM", name="Xã Mới", kind=UnitKind.COMMUNE,
                        category=world.categories["xa"], parent=world.units["P1"],
                        active_from=date(2025, 7, 1))
    client = login(world.users["alice_owner"])
    upload = xlsx(PERSON_COLUMNS, [
        ["CB-N1", "Hoàng Thị Mai", "Nữ", "", "", "", "P1-XM", "01/01/2025"],
        ["CB-N2", "Vũ Văn Nam", "Nam", "", "", "", "P1-H1", "01/07/2025"],
        ["CB-N3", "Đỗ Văn Hùng", "Nam", "", "", "", "P1-XM", "01/07/2025"],
    ])
    body = client.post("/to-chuc/nhap/can-bo/", {"file": upload}).content.decode()
    assert ("Dòng 2, cột H (Công tác từ ngày): Xã Mới (P1-XM) hoạt động từ ngày 01/07/2025; "
            "không thể bắt đầu công tác ở đó ngày 01/01/2025") in body
    assert ("Dòng 3, cột H (Công tác từ ngày): Huyện Đồng Văn (P1-H1) đã ngừng hoạt động từ "
            "sau ngày 30/06/2025") in body
    assert "Dòng 4" not in body
    assert not Person.objects.filter(code__startswith="CB-N").exists()


def test_the_model_refuses_such_a_membership_too(world):
    from datetime import date

    from django.core.exceptions import ValidationError

    membership = Membership(person=world.people["p_x1"], unit=world.units["H1"],
                            start=date(2025, 8, 1))
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "Huyện Đồng Văn (P1-H1) đã ngừng hoạt động" in str(error.value.message_dict["start"])
