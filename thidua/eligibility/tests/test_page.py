"""The eligibility page: lists per standard, explanations, what-if, export, access."""

from __future__ import annotations

import html
import io

from openpyxl import load_workbook

from thidua.eligibility.models import EligibilityJob
from thidua.results.tests.campaign import campaign_with_rules, register, seed_results


def _url(campaign, query=""):
    return f"/ket-qua/xet-chon/{campaign.pk}/" + (f"?{query}" if query else "")


def test_it_lists_the_phase_standard_with_quota_and_explanations(world, login):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    response = login(world.users["alice_owner"]).get(_url(campaign))
    assert response.status_code == 200
    sections = {s["std"]["code"]: s for s in response.context["sections"]}
    assert list(sections) == ["T-FLAG"]
    rows = {r["code"]: r for r in sections["T-FLAG"]["page"].object_list}
    assert rows["P1-X3"]["selected"] and rows["P1-X1"]["eligible"] and not rows["P1-X1"]["selected"]
    assert not rows["P1-X2"]["eligible"] and rows["P1-X2"]["fails"] == 1
    text = response.content.decode()
    assert "Trong chỉ tiêu" in text and "Không đạt" in text and "2022: khá" in text


def test_unregistered_units_fail_unless_the_what_if_assumes_registration(world, login):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1")
    seed_results(world)
    client = login(world.users["alice_owner"])
    rows = client.get(_url(campaign)).context["sections"][0]["page"].object_list
    assert [r["code"] for r in rows if r["selected"]] == ["P1-X1"]
    assumed = client.get(_url(campaign, "che_do=giai-doan&dang_ky=tat-ca"))
    rows = assumed.context["sections"][0]["page"].object_list
    assert [r["code"] for r in rows if r["selected"]] == ["P1-X3"]


def test_an_annual_year_lists_the_annual_standard(world, login):
    campaign = campaign_with_rules(world)
    seed_results(world)
    response = login(world.users["alice_owner"]).get(_url(campaign, "che_do=nam-2022"))
    section = response.context["sections"][0]
    assert section["std"]["code"] == "T-YEAR"
    assert [r["code"] for r in section["page"].object_list if r["selected"]] == ["P1-X1"]


def test_a_what_if_on_the_quota_shows_who_enters(world, login):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    response = login(world.users["alice_owner"]).get(
        _url(campaign, "che_do=giai-doan&gd_tieu_chuan=T-FLAG&gd_chi_tieu=xa%3D2"))
    section = response.context["sections"][0]
    assert section["diff"]["entered_selected"] == ["P1-X1"]
    assert "Kết quả giả định" in response.content.decode()


def test_a_what_if_on_a_threshold(world, login):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    response = login(world.users["alice_owner"]).get(
        _url(campaign, "gd_tieu_chuan=T-FLAG&gd_dieu_kien=2&gd_gia_tri=khá"))
    diff = response.context["sections"][0]["diff"]
    assert diff["entered_eligible"] == ["P1-X2"]


def test_the_same_question_on_the_same_data_reuses_the_job(world, login):
    campaign = campaign_with_rules(world)
    seed_results(world)
    client = login(world.users["alice_owner"])
    client.get(_url(campaign))
    client.get(_url(campaign, "loc=du"))
    assert EligibilityJob.objects.count() == 1


def test_it_explains_any_candidate(world, login):
    campaign = campaign_with_rules(world)
    seed_results(world)
    response = login(world.users["alice_owner"]).get(
        _url(campaign, "giai_thich=P1-X2&tieu_chuan_gt=T-FLAG"))
    assert "không đủ tiêu chuẩn" in response.context["explanation"]


def test_it_exports_xlsx(world, login):
    campaign = campaign_with_rules(world)
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    response = login(world.users["alice_owner"]).get(_url(campaign, "xuat=xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["T-FLAG"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert rows[0][1] == "P1-X3" and rows[0][6] == "có"
    assert "Thông tin" in book.sheetnames


def test_a_rule_error_names_its_standard(world, login):
    broken = 'tiêu chuẩn T-YEAR "x" theo "§1"\n  áp dụng cho tập thể\n  bay lên'
    campaign = campaign_with_rules(world, annual=broken)
    response = login(world.users["alice_owner"]).get(_url(campaign))
    assert response.status_code == 200
    assert "Lỗi ở tiêu chuẩn T-YEAR, dòng 3" in html.unescape(response.content.decode())


def test_it_rejects_another_province(world, login):
    campaign = campaign_with_rules(world)
    assert login(world.users["pete_owner"]).get(_url(campaign)).status_code == 403


def test_it_rejects_staff(world, login):
    campaign = campaign_with_rules(world)
    assert login(world.users["stan_staff"]).get(_url(campaign)).status_code == 403


def test_the_index_lists_campaigns_with_rules(world, login):
    campaign = campaign_with_rules(world)
    text = login(world.users["alice_owner"]).get("/ket-qua/xet-chon/").content.decode()
    assert campaign.title in text


def test_a_background_job_reports_progress(world, login):
    from thidua.eligibility import jobs

    campaign = campaign_with_rules(world)
    seed_results(world)
    key = jobs.job_key(campaign, True, 2023, {"registered": "campaign"})
    EligibilityJob.objects.create(campaign=campaign, phase=True, year=2023,
                                  options={"registered": "campaign"}, key=key, status="running",
                                  step="đọc xếp loại cán bộ", done=40, total=100)
    client = login(world.users["alice_owner"])
    response = client.get(_url(campaign, "tien_do=1"), HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'value="40"' in text and "đọc xếp loại cán bộ" in text
    assert 'hx-trigger="every 1s"' in text and "HX-Refresh" not in response
    EligibilityJob.objects.filter(key=key).update(status="done", summary=None)
    done = client.get(_url(campaign, "tien_do=1"), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
