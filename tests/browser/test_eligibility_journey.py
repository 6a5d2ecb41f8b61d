"""Journey: the owner imports a year's PAR INDEX results, reads a unit's history, then opens the
campaign's eligibility list, reads an explanation, tries a what-if and exports the list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from thidua.results.tests.conftest import sheet

pytestmark = pytest.mark.browser


def _setup(world):
    from datetime import date
    from decimal import Decimal

    from thidua.results.models import ClassificationThresholds
    from thidua.results.tests.campaign import campaign_with_rules, register
    from thidua.results.tests.factories import result

    ClassificationThresholds.objects.create(valid_from=date(2021, 1, 1), excellent_min=Decimal(90),
                                            good_min=Decimal(80), fair_min=Decimal(70),
                                            average_min=Decimal(50))
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    for year, scores in {2021: {"X1": ("88", 2), "X2": ("91", 1), "X3": ("85", 3)},
                         2022: {"X1": ("90.5", 1), "X2": ("79.9", 3), "X3": ("86", 2)}}.items():
        for key, (score, rank) in scores.items():
            value = float(score)
            cls = "xuat_sac" if value >= 90 else "tot" if value >= 80 else "kha"
            result(world, key, year, score, rank, cls, published=True)
    return campaign


def test_owner_imports_results_and_reads_eligibility(page, world, browser_login, tmp_path):
    campaign = _setup(world)
    upload = tmp_path / "ket-qua-2023.csv"
    upload.write_bytes(sheet("chi-so-cchc", [["P1-X1", "", "93"], ["P1-X2", "", "95"],
                                             ["P1-X3", "", "94.5"], ["P1-H1", "", "91"],
                                             ["P1-H2", "", "84"]]).read())
    browser_login(page, world.users["alice_owner"])
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Kết quả CCHC").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả Chỉ số CCHC năm 2022")

    page.get_by_role("link", name="Nhập kết quả từ Excel").click()
    page.get_by_label("Cơ quan đánh giá / phạm vi").select_option(label="Tỉnh Hà Giang Thử")
    page.get_by_role("spinbutton", name="Năm", exact=True).last.fill("2023")
    page.get_by_label("Tệp Excel (.xlsx) hoặc CSV").set_input_files(str(upload))
    page.get_by_role("button", name="Nhập dữ liệu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhập 5 dòng kết quả Chỉ số CCHC năm 2023")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả Chỉ số CCHC năm 2023")
    row = page.get_by_role("row").filter(has_text="Xã Má Lé")
    expect(row).to_contain_text("Xuất sắc")
    expect(row).to_contain_text("▲ 2")  # 3rd of the communes in 2022, 1st in 2023

    row.get_by_role("link", name="Xã Má Lé").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xã Má Lé")
    expect(page.get_by_role("img", name="Điểm Chỉ số CCHC qua các năm")).to_be_visible()
    expect(page.get_by_role("cell", name="▲ tăng 2 bậc")).to_be_visible()

    page.goto("/ket-qua/xet-chon/")
    page.get_by_role("link", name=campaign.title).click()
    expect(page.get_by_text("Chưa có lượt xét nào cho lựa chọn này")).to_be_visible()
    page.get_by_role("button", name="Xét chọn", exact=True).click()  # a run is started by a POST
    section = page.get_by_role("region", name="Cờ thi đua thử, giai đoạn")
    expect(section).to_contain_text("3 ứng viên, 2 đủ tiêu chuẩn, 1 trong chỉ tiêu")
    winner = section.get_by_role("row").filter(has_text="P1-X3")
    expect(winner).to_contain_text("Trong chỉ tiêu")
    loser = section.get_by_role("row").filter(has_text="P1-X2")
    loser.get_by_text("Không đạt 1 điều kiện").click()
    expect(loser).to_contain_text("2022: khá")

    page.get_by_text("Giả định (what-if)").click()
    page.get_by_label("Giả định cho tiêu chuẩn").select_option(label="Cờ thi đua thử, giai đoạn")
    expect(page.get_by_role("group", name=re.compile("Chỉ tiêu của «Bằng khen thử"))).to_be_hidden()
    quotas = page.get_by_role("group", name=re.compile("Chỉ tiêu của «Cờ thi đua thử, giai đoạn»"))
    expect(quotas.get_by_label("Xã, phường, thị trấn")).to_have_value("1")  # the plan's quota
    quotas.get_by_label("Xã, phường, thị trấn").fill("2")
    page.get_by_role("button", name="Xét với giả định").click()
    expect(page.get_by_text("Kết quả giả định")).to_be_visible()
    expect(page.get_by_role("region", name="Cờ thi đua thử, giai đoạn")).to_contain_text(
        "vào chỉ tiêu: Xã Lũng Cú (P1-X1)")
    expect(page.get_by_text("Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, "
                            "thị trấn» 2")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất Excel").click()
    assert download.value.suggested_filename == f"xet-chon-{campaign.code}-giai-doan.xlsx"


def test_an_officer_sees_why_a_file_is_refused(page, world, browser_login, tmp_path):
    upload = tmp_path / "sai.csv"
    upload.write_bytes(sheet("xep-loai-can-bo", [["CB-X1", "", "", "Rất tốt"],
                                                 ["CB-X3", "", "", "Hoàn thành tốt nhiệm vụ"]])
                       .read())
    browser_login(page, world.users["olga_officer"])
    page.goto("/ket-qua/nhap/xep-loai-can-bo/")
    page.get_by_role("spinbutton", name="Năm", exact=True).last.fill("2024")
    page.get_by_label("Tệp Excel (.xlsx) hoặc CSV").set_input_files(str(upload))
    page.get_by_role("button", name="Nhập dữ liệu").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tệp bị từ chối, không có dữ liệu nào được lưu")
    expect(alert).to_contain_text("Dòng 2, cột D (Xếp loại chất lượng)")
    expect(alert).to_contain_text("Dòng 3, cột C (Mã đơn vị): đơn vị P1-X3 không thuộc phạm vi")
