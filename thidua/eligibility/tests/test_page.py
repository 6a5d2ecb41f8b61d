"""The eligibility page: a POST starts a stored run, a GET shows it; lists per standard,
explanations from the stored run, what-if, export, stale runs recovered, access."""

from __future__ import annotations

import html
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from thidua.eligibility import jobs
from thidua.eligibility.models import EligibilityCandidate, EligibilityJob
from thidua.results.tests.campaign import campaign_with_rules, register, seed_results
from thidua.results.tests.factories import result


def _url(campaign, query=""):
    return f"/ket-qua/xet-chon/{campaign.pk}/" + (f"?{query}" if query else "")


def _start(client, campaign, **question):
    """Press "Xét chọn" with the question's fields; returns the page the redirect leads to."""
    response = client.post(_url(campaign), {"hanh_dong": "xet", **question})
    assert response.status_code == 303, response.content.decode()[:500]
    return client.get(response["Location"])


def _rows(response, index=0):
    return response.context["sections"][index]["rows"]


def _text(response):
    return html.unescape(response.content.decode())


def _ready(world, *registered):
    campaign = campaign_with_rules(world)
    register(campaign, world, *registered)
    seed_results(world)
    return campaign


def test_a_get_never_starts_a_run(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    response = login(world.users["alice_owner"]).get(_url(campaign))
    assert response.status_code == 200
    assert EligibilityJob.objects.count() == 0
    text = _text(response)
    assert "Chưa có lượt xét nào cho lựa chọn này" in text
    assert 'method="post"' in text and "csrfmiddlewaretoken" in text and "Xét chọn" in text


def test_starting_a_run_needs_the_csrf_token(world):
    campaign = _ready(world, "X1")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["alice_owner"])
    assert client.post(_url(campaign), {"hanh_dong": "xet"}).status_code == 403
    assert EligibilityJob.objects.count() == 0


def test_a_post_runs_and_the_page_lists_the_phase_standard(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    response = _start(login(world.users["alice_owner"]), campaign)
    job = EligibilityJob.objects.get()
    assert job.status == "done" and job.started_at and job.heartbeat_at and job.finished_at
    sections = {s["std"]["code"]: s for s in response.context["sections"]}
    assert list(sections) == ["T-FLAG"]
    rows = {r["code"]: r for r in sections["T-FLAG"]["rows"]}
    assert rows["P1-X3"]["selected"] and rows["P1-X1"]["eligible"] and not rows["P1-X1"]["selected"]
    assert not rows["P1-X2"]["eligible"] and rows["P1-X2"]["fails"] == 1
    text = _text(response)
    assert "Trong chỉ tiêu" in text and "Không đạt" in text and "2022: khá" in text
    assert "Xếp hạng theo: điểm CCHC năm 2023 giảm dần." in text
    # Every shown candidate's record is stored with the run.
    stored = set(EligibilityCandidate.objects.filter(job=job).values_list("code", flat=True))
    assert stored == {"P1-X1", "P1-X2", "P1-X3"}


def test_the_page_shows_the_latest_finished_run_of_the_same_question(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    again = client.get(_url(campaign, "loc=du"))
    assert [r["code"] for r in _rows(again)] == ["P1-X3", "P1-X1"]
    year = client.get(_url(campaign, "che_do=nam-2022"))  # another question: not run yet
    assert "sections" not in year.context
    assert EligibilityJob.objects.count() == 1


def test_unregistered_units_fail_unless_the_what_if_assumes_registration(world, login):
    campaign = _ready(world, "X1")
    client = login(world.users["alice_owner"])
    rows = _rows(_start(client, campaign))
    assert [r["code"] for r in rows if r["selected"]] == ["P1-X1"]
    assumed = _start(client, campaign, che_do="giai-doan", dang_ky="tat-ca")
    assert [r["code"] for r in _rows(assumed) if r["selected"]] == ["P1-X3"]


def test_an_annual_year_lists_the_annual_standard(world, login):
    campaign = _ready(world)
    response = _start(login(world.users["alice_owner"]), campaign, che_do="nam-2022")
    section = response.context["sections"][0]
    assert section["std"]["code"] == "T-YEAR"
    assert [r["code"] for r in section["rows"] if r["selected"]] == ["P1-X1"]


def test_a_what_if_on_the_quota_shows_who_enters_in_words(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    response = _start(login(world.users["alice_owner"]), campaign, che_do="giai-doan",
                      **{"chi_tieu_T-FLAG_xa": "2"})
    assert response.context["sections"][0]["diff"]["entered_selected"] == ["P1-X1"]
    text = _text(response)
    assert "Kết quả giả định" in text
    assert "Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, thị trấn» 2" in text


def test_a_what_if_on_a_level_threshold(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    response = _start(login(world.users["alice_owner"]), campaign, gd_tieu_chuan="T-FLAG",
                      gd_dieu_kien="2", gd_gia_tri="khá")
    assert response.context["sections"][0]["diff"]["entered_eligible"] == ["P1-X2"]
    text = _text(response)
    assert ("Giả định: Cờ thi đua thử, giai đoạn, điều kiện 2 «xếp loại CCHC >= tốt mỗi năm "
            "2021..2023»") in text
    assert "cls" not in response.context["data"]["what_if"][0]


def test_the_same_question_on_the_same_data_reuses_the_run(world, login):
    campaign = _ready(world)
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    _start(client, campaign)
    assert EligibilityJob.objects.count() == 1


def test_new_data_makes_the_run_stale_and_a_new_run_reads_it(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    result(world, "X1", 2020, "97", 1, "xuat_sac")
    stale = client.get(_url(campaign))
    assert "Dữ liệu đã thay đổi sau lượt xét này" in _text(stale)
    _start(client, campaign)
    assert EligibilityJob.objects.count() == 2


def test_an_explanation_is_served_from_the_stored_run(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    # What the page explains is what the run stored, not a new evaluation.
    stored = EligibilityCandidate.objects.get(standard="T-FLAG", code="P1-X2")
    stored.row["conditions"][0]["explanation"] = "ĐÃ LƯU CÙNG LƯỢT XÉT"
    stored.save()
    response = client.get(_url(campaign, "giai_thich=P1-X2&tieu_chuan_gt=T-FLAG"))
    assert response.context["explanation"]["code"] == "P1-X2"
    text = _text(response)
    assert "ĐÃ LƯU CÙNG LƯỢT XÉT" in text and "Kết luận: không đủ tiêu chuẩn" in text


def test_a_candidate_not_stored_is_explained_again_on_unchanged_data(world, login):
    campaign = _ready(world, "X1")  # X2 misses registration and 2022: not stored
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    job = EligibilityJob.objects.get()
    assert not EligibilityCandidate.objects.filter(job=job, code="P1-X2").exists()
    asked = client.get(_url(campaign, "giai_thich=P1-X2&tieu_chuan_gt=T-FLAG"))
    assert asked.context["explain_again"] and EligibilityJob.objects.count() == 1
    response = client.post(_url(campaign), {"hanh_dong": "giai_thich", "giai_thich": "P1-X2",
                                            "tieu_chuan_gt": "T-FLAG"})
    assert response.status_code == 303
    shown = client.get(response["Location"])
    assert shown.context["explanation"]["fails"] == 2
    assert "Kết luận: không đủ tiêu chuẩn" in _text(shown)
    assert EligibilityCandidate.objects.get(job=job, code="P1-X2").position is None


def test_on_changed_data_an_unstored_candidate_is_not_explained(world, login):
    campaign = _ready(world, "X1")
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    result(world, "X1", 2020, "97", 1, "xuat_sac")
    asked = client.get(_url(campaign, "giai_thich=P1-X2&tieu_chuan_gt=T-FLAG"))
    assert "Dữ liệu đã thay đổi sau lượt xét này" in asked.context["explain_error"]
    response = client.post(_url(campaign), {"hanh_dong": "giai_thich", "giai_thich": "P1-X2",
                                            "tieu_chuan_gt": "T-FLAG"}, follow=True)
    assert "Dữ liệu đã thay đổi" in _text(response)
    assert not EligibilityCandidate.objects.filter(code="P1-X2").exists()


def test_a_run_left_running_by_a_dead_worker_is_recovered(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    options = {"registered": "campaign"}
    old = timezone.now() - timedelta(minutes=16)
    stuck = EligibilityJob.objects.create(
        campaign=campaign, phase=True, year=2023, options=options, status="running",
        key=jobs.fingerprint(campaign, True, 2023, options),
        params=jobs.params_key(campaign, True, 2023, options), started_at=old, heartbeat_at=old)
    client = login(world.users["alice_owner"])
    page = client.get(_url(campaign))
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "Lượt xét bị gián đoạn" in stuck.message
    assert "Lượt xét bị gián đoạn" in _text(page)
    # It can be started again: a new run answers the same question.
    rows = _rows(_start(client, campaign))
    assert [r["code"] for r in rows if r["selected"]] == ["P1-X3"]
    assert EligibilityJob.objects.filter(status="done").count() == 1


def test_a_run_with_a_recent_heartbeat_is_left_running(world, login):
    campaign = _ready(world)
    options = {"registered": "campaign"}
    recent = timezone.now() - timedelta(minutes=3)
    running = EligibilityJob.objects.create(
        campaign=campaign, phase=True, year=2023, options=options, status="running",
        key=jobs.fingerprint(campaign, True, 2023, options), step="đọc xếp loại cán bộ",
        done=40, total=100, params=jobs.params_key(campaign, True, 2023, options),
        started_at=timezone.now() - timedelta(minutes=30), heartbeat_at=recent)
    client = login(world.users["alice_owner"])
    response = client.get(_url(campaign, "tien_do=1"), HTTP_HX_REQUEST="true")
    running.refresh_from_db()
    assert running.status == "running"
    text = response.content.decode()
    assert 'value="40"' in text and "đọc xếp loại cán bộ" in text
    assert 'hx-trigger="every 1s"' in text and "HX-Refresh" not in response
    EligibilityJob.objects.filter(pk=running.pk).update(status="done", summary={})
    done = client.get(_url(campaign, "tien_do=1"), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_a_failed_run_is_stored_and_shown(world, login, monkeypatch):
    from thidua.eligibility import services

    def refuse(**kwargs):
        raise services.EligibilityError("Năm 2023 chưa có kết quả nào được công bố.")

    monkeypatch.setattr(jobs, "eligibility_run", refuse)
    campaign = _ready(world)
    response = _start(login(world.users["alice_owner"]), campaign)
    job = EligibilityJob.objects.get()
    assert job.status == "failed" and job.message == "Năm 2023 chưa có kết quả nào được công bố."
    assert "Năm 2023 chưa có kết quả nào được công bố." in _text(response)
    assert "Xét chọn" in _text(response)  # and it can be started again


def test_an_unexpected_fault_is_stored_and_raised(world, login, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("mất kết nối cơ sở dữ liệu")

    monkeypatch.setattr(jobs, "eligibility_run", broken)
    campaign = _ready(world)
    client = login(world.users["alice_owner"])
    with pytest.raises(RuntimeError):
        client.post(_url(campaign), {"hanh_dong": "xet"})
    job = EligibilityJob.objects.get()
    assert job.status == "failed" and "mất kết nối cơ sở dữ liệu" in job.message
    assert "Không xét được do lỗi của hệ thống" in _text(client.get(_url(campaign)))


def test_a_what_if_on_a_missing_condition_is_refused_before_running(world, login):
    campaign = _ready(world)
    response = login(world.users["alice_owner"]).post(_url(campaign), {
        "hanh_dong": "xet", "gd_tieu_chuan": "T-FLAG", "gd_dieu_kien": "9", "gd_gia_tri": "khá"})
    assert response.status_code == 400
    assert "không có điều kiện 9" in _text(response)
    assert EligibilityJob.objects.count() == 0


def test_it_exports_xlsx_with_the_what_if_in_words(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    client = login(world.users["alice_owner"])
    _start(client, campaign, **{"chi_tieu_T-FLAG_xa": "2"})
    response = client.get(_url(campaign, "chi_tieu_T-FLAG_xa=2&xuat=xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = [[c.value for c in r] for r in book["Cờ thi đua thử, giai đoạn"].iter_rows(min_row=4)]
    assert rows[0][1] == "P1-X3" and rows[0][6] == "có"
    notes = [r[0].value for r in book["Thông tin"].iter_rows()]
    assert "Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, thị trấn» 2" in notes


def test_a_rule_error_names_its_standard(world, login):
    broken = 'tiêu chuẩn T-YEAR "x" theo "§1"\n  áp dụng cho tập thể\n  bay lên'
    campaign = campaign_with_rules(world, annual=broken)
    response = login(world.users["alice_owner"]).get(_url(campaign))
    assert response.status_code == 200
    assert "Lỗi ở tiêu chuẩn T-YEAR, dòng 3" in _text(response)


def test_it_rejects_another_province(world, login):
    campaign = campaign_with_rules(world)
    client = login(world.users["pete_owner"])
    assert client.get(_url(campaign)).status_code == 403
    assert client.post(_url(campaign), {"hanh_dong": "xet"}).status_code == 403
    assert EligibilityJob.objects.count() == 0


def test_it_rejects_staff(world, login):
    campaign = campaign_with_rules(world)
    assert login(world.users["stan_staff"]).get(_url(campaign)).status_code == 403


def test_the_index_lists_campaigns_with_rules(world, login):
    campaign = campaign_with_rules(world)
    text = login(world.users["alice_owner"]).get("/ket-qua/xet-chon/").content.decode()
    assert campaign.title in text


MERIT = """tiêu chuẩn T-MERIT "Bằng khen thử, giai đoạn" theo "§IV.2"
  áp dụng cho tập thể thuộc khối xa
  xếp loại CCHC >= tốt mỗi năm 2021..2023
  hình thức cao hơn: T-FLAG theo "Luật 06/2022/QH15, Điều 5.2.c"
  chỉ tiêu: khối xa 2
  xếp hạng theo điểm CCHC năm 2023 giảm dần"""


def test_a_candidate_given_the_higher_form_says_so_in_the_lower_one(world, login):
    from thidua.results.tests.campaign import FLAG

    campaign = campaign_with_rules(world, flag=f"{FLAG}\n\n{MERIT}")
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    response = _start(login(world.users["alice_owner"]), campaign)
    sections = {s["std"]["code"]: s for s in response.context["sections"]}
    merit = {r["code"]: r for r in sections["T-MERIT"]["rows"]}
    assert "nhận hình thức cao hơn («Cờ thi đua thử, giai đoạn»)" in merit["P1-X3"]["quota_note"]
    assert not merit["P1-X3"]["selected"] and merit["P1-X1"]["selected"]
    assert "nhận hình thức cao hơn («Cờ thi đua thử, giai đoạn»)" in _text(response)


def test_explaining_again_refuses_a_code_too_long(world, login):
    campaign = _ready(world, "X1")
    client = login(world.users["alice_owner"])
    _start(client, campaign)
    response = client.post(_url(campaign), {"hanh_dong": "giai_thich", "giai_thich": "X" * 61,
                                            "tieu_chuan_gt": "T-FLAG"}, follow=True)
    assert "tối đa 60 ký tự" in _text(response)
    assert not EligibilityCandidate.objects.filter(position__isnull=True).exists()


def test_the_khoi_filter_is_a_list_of_groups_checked_by_the_server(world, login):
    campaign = _ready(world, "X1", "X2", "X3")
    client = login(world.users["alice_owner"])
    shown = _start(client, campaign)
    select = _text(shown).split('name="khoi"')[1].split("</select>")[0]
    # The standard's quota group first, by its name; then the other categories.
    options = [part.split(">", 1)[1].split("<", 1)[0] for part in select.split("<option")[1:]]
    assert options[:2] == ["Tất cả", "Xã, phường, thị trấn"]
    assert set(options[2:]) == {"Tỉnh", "Sở, ban, ngành", "Huyện, thành phố"}

    communes = client.get(_url(campaign, "khoi=Xã, phường, thị trấn"))
    assert {r["code"] for r in _rows(communes)} == {"P1-X1", "P1-X2", "P1-X3"}
    assert _rows(client.get(_url(campaign, "khoi=Sở, ban, ngành"))) == []

    # A group not in the list (a hand-made link, a typo) is refused in words; the run stays.
    odd = client.get(_url(campaign, "khoi=xa phuong"))
    assert odd.status_code == 200
    assert "Khối «xa phuong» không có trong danh sách; hãy chọn một khối." in _text(odd)
    assert {r["code"] for r in _rows(odd)} == {"P1-X1", "P1-X2", "P1-X3"}
    assert EligibilityJob.objects.count() == 1
