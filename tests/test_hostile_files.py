"""Hostile files (issue 12): a zip bomb, an enormous cell, a 20000×20000 PNG and an executable
named .pdf get a Vietnamese refusal, with bounded memory, through the pages that take them."""

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.hostile import (
    EXECUTABLE,
    billion_laughs_xlsx,
    huge_png,
    long_cell_xlsx,
    rich_text_xlsx,
    workbook,
    zip_bomb_xlsx,
)
from thidua.core.uploads import MAX_CELL_CHARS
from thidua.initiatives.models import Attachment
from thidua.initiatives.testing import make_initiative
from thidua.org.models import Unit
from thidua.org.services import UNIT_COLUMNS
from thidua.public.models import Story

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in UNIT_COLUMNS]


def _upload(data: bytes, name: str = "don-vi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _import_units(client, data: bytes, name: str = "don-vi.xlsx"):  # noqa: ANN001, ANN202
    return client.post("/to-chuc/nhap/don-vi/", {"file": _upload(data, name)})


def test_the_zip_bomb_of_the_issue_is_refused_with_bounded_memory(world, login):
    bomb = zip_bomb_xlsx(HEADER)  # 300 MB of text in one cell, about 310 KB on disk
    assert len(bomb) < 400_000
    client = login(world.users["olga_officer"])
    before = Unit.objects.count()
    tracemalloc.start()
    try:
        response = _import_units(client, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    page = response.content.decode()
    assert response.status_code == 200
    assert "giải nén ra 300 MB" in page and "có thể làm treo máy chủ" in page
    assert Unit.objects.count() == before
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB while refusing a 310 KB file"


def test_a_bomb_under_the_size_limit_is_stopped_at_the_cell(world, login, tmp_path):
    # 50 MB in one cell passes the member-size limit; the streaming scan stops it at 32 767
    # characters, before openpyxl would build the string. Same through the command line.
    bomb = zip_bomb_xlsx(HEADER, cell_bytes=50 * 1024 * 1024)
    client = login(world.users["olga_officer"])
    tracemalloc.start()
    try:
        response = _import_units(client, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"một ô dài hơn {MAX_CELL_CHARS} ký tự" in response.content.decode()
    assert peak < 40 * 1024 * 1024
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(bomb)
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Tệp bị từ chối"):
        call_command("import_units", str(path), "--user", "ada_admin", stderr=errors)
    assert "một ô dài hơn" in errors.getvalue()


def test_a_long_cell_in_csv_names_its_row_and_column(world, login):
    rows = [",".join(HEADER), f"X-LONG,{'a' * (MAX_CELL_CHARS + 1)},commune,xa,P1-X1,,"]
    response = _import_units(login(world.users["olga_officer"]),
                             "\n".join(rows).encode(), "don-vi.csv")
    page = response.content.decode()
    assert f"Dòng 2, cột B (Tên đơn vị): ô dài hơn {MAX_CELL_CHARS} ký tự" in page
    assert not Unit.objects.filter(code="X-LONG").exists()


def test_a_long_cell_in_xlsx_is_refused_and_nothing_saved(world, login):
    before = Unit.objects.count()
    response = _import_units(login(world.users["olga_officer"]),
                             long_cell_xlsx(HEADER, MAX_CELL_CHARS + 10))
    assert f"một ô dài hơn {MAX_CELL_CHARS} ký tự" in response.content.decode()
    assert Unit.objects.count() == before


def test_a_csv_in_another_encoding_gets_a_message_not_an_error_page(world, login):
    data = (",".join(HEADER) + "\n").encode() + "X-ENC,Café,commune,xa,P1-X1,,".encode("latin-1")
    response = _import_units(login(world.users["olga_officer"]), data, "don-vi.csv")
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()


def test_a_normal_workbook_still_imports(world, login):
    data = workbook([HEADER, ["P1-X1-T1", "Thôn Một", "commune", "xa", "P1-X1", "", ""]])
    response = _import_units(login(world.users["olga_officer"]), data)
    assert response.status_code == 302
    assert Unit.objects.get(code="P1-X1-T1").parent == world.units["X1"]


# --- uploads checked by content -----------------------------------------------------------

def test_an_executable_named_pdf_is_refused(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    client = login(world.users["stan_staff"])
    response = client.post(reverse("initiatives:attach", args=[initiative.pk]),
                           {"file": SimpleUploadedFile("thuyet-minh.pdf", EXECUTABLE)},
                           follow=True)
    assert not Attachment.objects.exists()
    assert "Nội dung tệp “thuyet-minh.pdf” không phải PDF" in response.content.decode()


def test_an_executable_named_xlsx_is_refused_at_the_import(world, login):
    response = _import_units(login(world.users["olga_officer"]), EXECUTABLE)
    assert "không phải tệp Word/Excel (.docx, .xlsx)" in response.content.decode()


def test_a_real_pdf_is_still_accepted(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    login(world.users["stan_staff"]).post(reverse("initiatives:attach", args=[initiative.pk]),
                                          {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%")})
    assert Attachment.objects.count() == 1


# --- images -------------------------------------------------------------------------------

def _story_form(world, **extra):  # noqa: ANN001, ANN003, ANN202
    return {"title": "Xã Lũng Cú: một cửa không giấy", "kind": "collective",
            "unit": world.units["X1"].pk, "year": 2024, "summary": "Tập thể tiêu biểu.",
            "body": "Đoạn một.", "photo_alt": "Cán bộ xã", **extra}


def test_a_20000_by_20000_png_gets_a_message_not_a_500(world, login):
    response = login(world.users["olga_officer"]).post("/vinh-danh/quan-ly/moi/", _story_form(
        world, photo=SimpleUploadedFile("anh.png", huge_png(), content_type="image/png")))
    assert response.status_code == 200
    assert "Ảnh quá lớn" in response.content.decode()
    assert not Story.objects.exists()


def test_an_image_above_the_pixel_limit_but_under_pillows_is_refused(world, login):
    response = login(world.users["olga_officer"]).post("/vinh-danh/quan-ly/moi/", _story_form(
        world, photo=SimpleUploadedFile("anh.png", huge_png(8_000, 8_000))))
    assert "Ảnh quá lớn (8000×8000 điểm ảnh)" in response.content.decode()
    assert not Story.objects.exists()



def test_a_workbook_declaring_entities_is_refused(world, login):
    response = _import_units(login(world.users["olga_officer"]), billion_laughs_xlsx(HEADER))
    assert "Tệp Excel chứa khai báo DTD; tệp bị từ chối." in response.content.decode()


def test_a_cell_split_into_short_rich_text_runs_is_counted_whole(world, login):
    response = _import_units(login(world.users["olga_officer"]),
                             rich_text_xlsx(HEADER, runs=40, run_length=1_000))
    assert f"một ô dài hơn {MAX_CELL_CHARS} ký tự" in response.content.decode()
