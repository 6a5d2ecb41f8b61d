"""What-if on the N of «ít nhất N năm» (002 §IV.1.1.a: "what if only 2 years of xuất sắc were
required"), through the page and the CLI, on a small campaign shaped like KG-P-FLAG."""

from __future__ import annotations

import html
import io

import pytest
from django.core.management import CommandError, call_command

from thidua.eligibility.models import EligibilityJob
from thidua.results.tests.campaign import campaign_with_rules, seed_results

# X1: tốt, xuất sắc, xuất sắc; X2: xuất sắc, khá, xuất sắc; X3: tốt, tốt, xuất sắc.
FLAG = """tiêu chuẩn T-FLAG "Cờ thi đua thử, giai đoạn" theo "§IV.1"
  áp dụng cho tập thể thuộc khối xa
  xếp loại CCHC >= tốt mỗi năm 2021..2023
  xếp loại CCHC = xuất sắc ít nhất 3 năm trong 2021..2023
  xếp loại CCHC = xuất sắc năm 2023
  chỉ tiêu: khối xa 2
  xếp hạng theo điểm CCHC trung bình 2021..2023 giảm dần"""
WORDS = ("Giả định: Cờ thi đua thử, giai đoạn, điều kiện 2 «xếp loại CCHC = xuất sắc ít nhất "
         "3 năm trong 2021..2023»: ít nhất 2 năm")


@pytest.fixture
def campaign(world):
    campaign = campaign_with_rules(world, flag=FLAG)
    seed_results(world)
    return campaign


def _url(campaign, query=""):
    return f"/ket-qua/xet-chon/{campaign.pk}/" + (f"?{query}" if query else "")


def _eligible(response):
    return sorted(r["code"] for r in response.context["sections"][0]["rows"] if r["eligible"])


def test_the_page_asks_the_number_of_years_and_two_years_change_the_list(campaign, world, login):
    client = login(world.users["alice_owner"])
    page = client.get(_url(campaign))
    text = html.unescape(page.content.decode())
    assert ("Cờ thi đua thử, giai đoạn, điều kiện 2 «xếp loại CCHC = xuất sắc ít nhất 3 năm "
            "trong 2021..2023»: số năm (ít nhất), hiện 3") in text
    three = client.get(client.post(_url(campaign), {"hanh_dong": "xet"})["Location"])
    assert _eligible(three) == []
    two = client.post(_url(campaign), {"hanh_dong": "xet", "so_nam_T-FLAG_2": "2"})
    assert two.status_code == 303
    response = client.get(two["Location"])
    assert _eligible(response) == ["P1-X1"]
    assert response.context["sections"][0]["diff"]["entered_eligible"] == ["P1-X1"]
    text = html.unescape(response.content.decode())
    assert WORDS in text and "Xếp hạng theo: điểm CCHC trung bình 2021..2023 giảm dần." in text
    assert "cls" not in text.split("<main", 1)[-1]
    assert EligibilityJob.objects.count() == 2  # each question is its own stored run
    # The explanation is the what-if's: condition 2 passes with 2 years, and says so.
    x1 = next(r for r in response.context["sections"][0]["rows"] if r["code"] == "P1-X1")
    condition = next(c for c in x1["conditions"] if c["id"] == "2")
    assert condition["passed"] and "≥ 2" in condition["explanation"]


def test_a_what_if_quota_shows_the_quota_assumed(campaign, world, login):
    client = login(world.users["alice_owner"])
    response = client.post(_url(campaign), {"hanh_dong": "xet", "gd_tieu_chuan": "T-FLAG",
                                            "chi_tieu_T-FLAG_xa": "5"})
    std = client.get(response["Location"]).context["sections"][0]["std"]
    assert std["quota"] == "khối «Xã, phường, thị trấn» 5"


def test_the_threshold_field_reads_years_too(campaign, world, login):
    client = login(world.users["alice_owner"])
    response = client.post(_url(campaign), {"hanh_dong": "xet", "gd_tieu_chuan": "T-FLAG",
                                            "gd_dieu_kien": "2", "gd_gia_tri": "2 năm"})
    assert _eligible(client.get(response["Location"])) == ["P1-X1"]


def test_a_bare_number_on_a_level_with_years_is_refused_with_a_hint(campaign, world, login):
    response = login(world.users["alice_owner"]).post(_url(campaign), {
        "hanh_dong": "xet", "gd_tieu_chuan": "T-FLAG", "gd_dieu_kien": "2", "gd_gia_tri": "2"})
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "2 năm" in text and 'không biết giá trị "2" cho cls' not in text
    assert EligibilityJob.objects.count() == 0


def test_the_cli_reads_years_and_records_the_what_if(campaign, tmp_path):
    out = io.StringIO()
    call_command("eligibility", "--campaign", "TEST-KQ", "--phase", "--quiet",
                 "--what-if-threshold", "T-FLAG:2=2 năm", stdout=out)
    text = out.getvalue()
    assert WORDS in text and "thêm đủ tiêu chuẩn Xã Lũng Cú (P1-X1)" in text
    target = tmp_path / "xet.xlsx"
    call_command("eligibility", "--campaign", "TEST-KQ", "--phase", "--quiet", "--format",
                 "xlsx", "-o", str(target), "--what-if-threshold", "T-FLAG:2=2 năm",
                 stdout=io.StringIO())
    from openpyxl import load_workbook

    notes = [r[0].value for r in load_workbook(target)["Thông tin"].iter_rows()]
    assert WORDS in notes


def test_the_cli_refuses_a_bare_number_on_a_level_with_years(campaign):
    with pytest.raises(CommandError, match="Cờ thi đua thử, giai đoạn, điều kiện 2"):
        call_command("eligibility", "--campaign", "TEST-KQ", "--phase", "--quiet",
                     "--what-if-threshold", "T-FLAG:2=2", stdout=io.StringIO())
