"""Criteria sets through HTTP: the Excel import (all or nothing), copy and amend, opening."""

from __future__ import annotations

import html
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from thidua.scoring.models import Assessment, CriteriaSet, Score, SubCriterion
from thidua.scoring.testing import make_criteria_set

pytestmark = pytest.mark.django_db

HEADER = ["Mã lĩnh vực", "Tên lĩnh vực", "Mã tiêu chí", "Tên tiêu chí", "Mã tiêu chí thành phần",
          "Nội dung tiêu chí thành phần", "Điểm tối đa", "Hướng dẫn chấm",
          "Phải có tài liệu kiểm chứng", "Nguồn điểm"]
GOOD = [
    ["chi_dao", "Chỉ đạo, điều hành", "1", "Kế hoạch CCHC", "1.1", "Ban hành kế hoạch", 2,
     "Đúng hạn: 2 điểm", "có", "tự chấm"],
    ["chi_dao", "Chỉ đạo, điều hành", "1", "Kế hoạch CCHC", "1.2", "Kiểm tra CCHC", 3, "", "không",
     "thẩm định"],
    ["tac_dong", "Tác động", "8", "Hài lòng", "8.1", "SIPAS", 5, "", "không", "điều tra"],
]


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _post(client, world, rows, **extra):
    data = {"don_vi": world.units["P1"].pk, "nam": 2025, "khoi": world.categories["xa"].pk,
            "ten": "Bộ tiêu chí cấp xã năm 2025", "so_quyet_dinh": "12/QĐ-UBND",
            "ngay_ban_hanh": "2025-03-10",
            "tep": SimpleUploadedFile("tieu-chi.xlsx", _xlsx(rows)), **extra}
    return client.post(reverse("scoring:import"), data, follow=True)


def test_it_imports_a_criteria_set(world, login):
    client = login(world.users["alice_owner"])
    page = _post(client, world, GOOD)
    criteria_set = CriteriaSet.objects.get()
    assert page.redirect_chain[-1][0] == reverse("scoring:set", args=[criteria_set.pk])
    subs = {s.code: (s.max_points, s.source, s.evidence_required, s.criterion.field.code)
            for s in SubCriterion.objects.select_related("criterion__field")}
    assert subs == {"1.1": (2, "self", True, "chi_dao"), "1.2": (3, "appraisal", False, "chi_dao"),
                    "8.1": (5, "survey", False, "tac_dong")}
    # The same table again is no new version; another table of the same year and group is.
    _post(client, world, GOOD)
    assert list(CriteriaSet.objects.values_list("version", flat=True)) == [1]
    _post(client, world, [*GOOD, ["tthc", "TTHC", "3", "Công khai", "3.1", "Y", 1, "", "có",
                                  "tự chấm"]])
    assert sorted(CriteriaSet.objects.values_list("version", flat=True)) == [1, 2]


def test_one_bad_row_refuses_the_file_and_names_row_and_column(world, login):
    client = login(world.users["alice_owner"])
    bad = [*GOOD, ["chi_dao", "Tên khác", "1", "Kế hoạch CCHC", "1.3", "X", 2, "", "có", "tự chấm"],
           ["tthc", "TTHC", "3", "Công khai", "3.1", "Y", "nhiều", "", "có", "tự chấm"],
           ["tthc", "TTHC", "3", "Công khai", "1.1", "Z", 1, "", "có", "ai đó"]]
    page = html.unescape(_post(client, world, bad).content.decode())
    assert 'Dòng 5, cột B (Tên lĩnh vực): lĩnh vực "chi_dao" đã có tên khác ở dòng 2' in page
    assert "Dòng 6, cột G (Điểm tối đa)" in page
    assert "Dòng 7, cột E (Mã tiêu chí thành phần): trùng với dòng 2" in page
    assert "Dòng 7, cột J (Nguồn điểm)" in page
    assert not CriteriaSet.objects.exists() and not SubCriterion.objects.exists()


def test_it_refuses_an_officer(world, login):
    client = login(world.users["olga_officer"])
    assert _post(client, world, GOOD).status_code == 403
    assert not CriteriaSet.objects.exists()


def test_copy_open_and_amend(world, login):
    client = login(world.users["alice_owner"])
    _post(client, world, GOOD)
    source = CriteriaSet.objects.get()
    client.post(reverse("scoring:set_action", args=[source.pk, "sao-chep"]),
                {"nam": 2026, "ngay_ban_hanh": "2026-03-01", "so_quyet_dinh": "30/QĐ-UBND"})
    copy = CriteriaSet.objects.get(year=2026)
    assert copy.copied_from == source and copy.status == CriteriaSet.Status.DRAFT
    assert list(copy.sub_criteria.values_list("code", "max_points")) == list(
        source.sub_criteria.values_list("code", "max_points"))
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("scoring:set_action", args=[copy.pk, "mo"]), {"han_nop": deadline})
    copy.refresh_from_db()
    assert copy.status == CriteriaSet.Status.OPEN
    # X1, X2, X3 are the communes of P1 (communes of an abolished district still count in 2026).
    units = set(Assessment.objects.filter(criteria_set=copy).values_list("unit__code", flat=True))
    assert units == {"P1-X1", "P1-X2", "P1-X3"}
    assert Score.objects.filter(assessment__criteria_set=copy).count() == 9


def test_the_heat_map_and_the_assessment_page_read_in_few_queries(world, login,
                                                                   django_assert_max_num_queries):
    xa = world.categories["xa"]
    criteria_set = make_criteria_set(world.units["P1"], xa,
                                     [world.units[k] for k in ("X1", "X2", "X3")])
    client = login(world.users["alice_owner"])
    with django_assert_max_num_queries(25):
        page = client.get(reverse("scoring:heatmap", args=[criteria_set.pk]))
    assert page.status_code == 200 and "Xã Lũng Cú" in page.content.decode()
    assessment = criteria_set.assessments.get(unit=world.units["X1"])
    with django_assert_max_num_queries(30):
        page = client.get(reverse("scoring:assessment", args=[assessment.pk]))
    assert "1.1.1" in page.content.decode()
    with django_assert_max_num_queries(30):
        page = client.get(reverse("scoring:set", args=[criteria_set.pk]))
    assert page.status_code == 200
