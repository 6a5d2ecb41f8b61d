"""Unit imports keep the tree a tree (issue 12): no unit becomes its own ancestor, none leaves
the importer's subtree, and a moved unit takes its descendants along."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.org.models import Unit
from thidua.org.services import UNIT_COLUMNS

pytestmark = pytest.mark.django_db

HEADER = ",".join(c.header for c in UNIT_COLUMNS)


def _post(client, *rows: str):  # noqa: ANN001, ANN002, ANN202
    data = "\n".join([HEADER, *rows]).encode()
    return client.post("/to-chuc/nhap/don-vi/", {"file": SimpleUploadedFile("don-vi.csv", data)})


def test_a_commune_officer_cannot_make_a_unit_its_own_ancestor_in_two_imports(world, login):
    officer = login(world.users["olga_officer"])
    assert _post(officer, "X1-A,Thôn A,commune,xa,P1-X1,,",
                 "X1-B,Tổ B,commune,xa,X1-A,,").status_code == 302
    response = _post(officer, "X1-A,Thôn A,commune,xa,X1-B,,")
    page = response.content.decode()
    assert response.status_code == 200
    assert ("Dòng 2, cột E (Mã đơn vị cấp trên): đơn vị cấp trên &quot;X1-B&quot; đang là đơn vị "
            "cấp dưới của chính đơn vị này") in page
    a, b = Unit.objects.get(code="X1-A"), Unit.objects.get(code="X1-B")
    assert a.parent == world.units["X1"] and b.parent == a
    assert a.path == "/P1/P1-H1/P1-X1/X1-A/" and b.path == "/P1/P1-H1/P1-X1/X1-A/X1-B/"


def test_a_cycle_through_a_deeper_descendant_is_caught(world, login):
    officer = login(world.users["olga_officer"])
    _post(officer, "X1-A,Thôn A,commune,xa,P1-X1,,", "X1-B,Tổ B,commune,xa,X1-A,,",
          "X1-C,Nhóm C,commune,xa,X1-B,,")
    response = _post(officer, "X1-A,Thôn A,commune,xa,X1-C,,")
    assert "không thể tạo vòng lặp" in response.content.decode()
    assert Unit.objects.get(code="X1-A").parent == world.units["X1"]


def test_a_cycle_made_inside_one_file_is_caught(world, login):
    officer = login(world.users["olga_officer"])
    _post(officer, "X1-A,Thôn A,commune,xa,P1-X1,,", "X1-B,Tổ B,commune,xa,X1-A,,")
    # B goes back under the commune, and A under B — fine; then A under B and B under A: not.
    response = _post(officer, "X1-B,Tổ B,commune,xa,X1-A,,", "X1-A,Thôn A,commune,xa,X1-B,,")
    assert "không thể tạo vòng lặp" in response.content.decode()


def test_a_unit_cannot_move_outside_the_importers_subtree(world, login):
    officer = login(world.users["olga_officer"])
    _post(officer, "X1-A,Thôn A,commune,xa,P1-X1,,")
    response = _post(officer, "X1-A,Thôn A,commune,xa,P1-X2,,")
    assert "ngoài phạm vi quản lý của bạn" in response.content.decode()
    assert Unit.objects.get(code="X1-A").parent == world.units["X1"]


def test_a_moved_unit_takes_its_descendants_paths_along(world, login):
    officer = login(world.users["olga_officer"])
    _post(officer, "X1-A,Thôn A,commune,xa,P1-X1,,", "X1-B,Tổ B,commune,xa,X1-A,,",
          "X1-C,Nhóm C,commune,xa,X1-B,,")
    assert _post(officer, "X1-B,Tổ B,commune,xa,P1-X1,,").status_code == 302
    c = Unit.objects.get(code="X1-C")
    assert c.path == "/P1/P1-H1/P1-X1/X1-B/X1-C/" and c.depth == 4
    # The subtree query the scope rules use finds C under B, and no longer under A.
    assert Unit.objects.filter(path__startswith="/P1/P1-H1/P1-X1/X1-A/").count() == 1
