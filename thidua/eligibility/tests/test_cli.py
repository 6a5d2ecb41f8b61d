"""thidua eligibility: table, JSON (docs/eligibility-json.md) and xlsx, with what-if options."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from thidua.results.tests.campaign import campaign_with_rules, register, seed_results


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("eligibility", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def campaign(world):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    return campaign


def test_it_prints_a_table_with_progress(campaign):
    out, err = _run("--campaign", "TEST-KQ", "--phase")
    assert "Cờ thi đua thử, giai đoạn (mã tiêu chuẩn T-FLAG; theo §IV.1)" in out
    assert "3 ứng viên, 2 đủ tiêu chuẩn, 1 trong chỉ tiêu." in out
    assert "Xếp hạng theo: điểm CCHC năm 2023 giảm dần." in out
    assert "P1-X3" in out and "trong chỉ tiêu" in out and "P1-X2" not in out
    assert "đánh giá" in err


def test_it_writes_the_documented_json(campaign, tmp_path):
    target = tmp_path / "ket-qua.json"
    _run("--campaign", "TEST-KQ", "--phase", "--format", "json", "--output", str(target),
         "--quiet")
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == "thidua-eligibility/1"
    assert data["mode"] == "phase" and data["evaluation_year"] == 2023
    assert [s["code"] for s in data["standards"]] == ["T-FLAG"]
    records = {r["candidate"]: r for r in data["records"]}
    assert set(records) == {"P1-X1", "P1-X2", "P1-X3"}
    x3 = records["P1-X3"]
    assert x3["standard"] == "T-FLAG" and x3["eligible"] and x3["selected"] and x3["rank"] == 1
    condition = next(c for c in records["P1-X2"]["conditions"] if not c["passed"])
    assert condition["clause"] == "§IV.1" and condition["values"]["2022"] == "khá"


def test_a_year_evaluates_the_annual_standards(campaign):
    out, _ = _run("--campaign", "TEST-KQ", "--year", "2021", "--quiet")
    assert "T-YEAR" in out and "P1-X2" in out


def test_a_what_if_quota_reports_the_difference(campaign):
    out, _ = _run("--campaign", "TEST-KQ", "--phase", "--what-if-quota", "T-FLAG:xa=2", "--quiet")
    assert "Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, thị trấn» 2" in out
    assert "So với khi chưa giả định: vào chỉ tiêu Xã Lũng Cú (P1-X1)" in out


def test_a_what_if_threshold_is_read_as_the_officer_wrote_it(campaign, tmp_path):
    target = tmp_path / "gia-dinh.json"
    _run("--campaign", "TEST-KQ", "--phase", "--what-if-threshold", "T-FLAG:2=khá",
         "--format", "json", "-o", str(target), "--quiet")
    data = json.loads(target.read_text("utf-8"))
    assert data["what_if"] == [
        "Giả định: Cờ thi đua thử, giai đoạn, điều kiện 2 «xếp loại CCHC >= tốt mỗi năm 2021..2023»: khá"]
    assert {r["candidate"] for r in data["records"] if r["eligible"]} == {
        "P1-X1", "P1-X2", "P1-X3"}


def test_a_what_if_on_a_missing_condition_is_refused(campaign):
    with pytest.raises(CommandError, match="Cờ thi đua thử, giai đoạn, điều kiện 9"):
        _run("--campaign", "TEST-KQ", "--phase", "--what-if-threshold", "T-FLAG:9=khá")


def test_it_writes_xlsx(campaign, tmp_path):
    target = tmp_path / "xet.xlsx"
    _run("--campaign", "TEST-KQ", "--phase", "--format", "xlsx", "-o", str(target), "--quiet")
    assert load_workbook(target)["Cờ thi đua thử, giai đoạn"]["B4"].value == "P1-X3"


def test_an_unknown_campaign_is_refused(world):
    with pytest.raises(CommandError, match="Không có phong trào"):
        _run("--campaign", "KHONG-CO", "--phase")


def test_a_year_outside_the_period_is_refused(campaign):
    with pytest.raises(CommandError, match="nằm ngoài thời gian thi đua"):
        _run("--campaign", "TEST-KQ", "--year", "2030")


def test_without_year_or_phase_it_evaluates_the_phase(campaign):
    out, _ = _run("--campaign", "TEST-KQ", "--quiet")
    assert "T-FLAG" in out and "T-YEAR" not in out
