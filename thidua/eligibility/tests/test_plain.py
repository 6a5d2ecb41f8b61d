"""No code where a person reads the eligibility (issue 11): the what-if asks one number per quota
group by its name, prefilled with the plan's; the result, the explanations (a contest by its name,
a standard by its title, a category by its label) and the CLI lines read as plain Vietnamese, the
standard's code kept in the CLI only where it is labelled «mã tiêu chuẩn»."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.plain import assert_plain, contest_codes, database_codes, html_text
from thidua.contests.models import Contest
from thidua.results.tests.campaign import ANNUAL, FLAG, campaign_with_rules, register, seed_results

CONTEST = "Cuộc thi trực tuyến tìm hiểu cải cách hành chính"
# An individual standard naming a contest by its code and another standard by its code.
INDIVIDUAL = """tiêu chuẩn T-IND "Giấy khen cá nhân thử, hằng năm" theo "§IV.3"
  áp dụng cho cá nhân
  đạt giải cuộc thi truc-tuyen-cchc năm xét
  đơn vị công tác được chọn T-YEAR
  chỉ tiêu: mỗi đơn vị 2"""
MERIT = """tiêu chuẩn T-MERIT "Bằng khen thử, giai đoạn" theo "§IV.1.b"
  áp dụng cho tập thể thuộc khối xa
  xếp loại CCHC >= tốt mỗi năm 2021..2023
  hình thức cao hơn: T-FLAG
  chỉ tiêu: khối xa 2"""


@pytest.fixture
def campaign(world):
    Contest.objects.create(code="truc-tuyen-cchc", title=CONTEST, organiser=world.units["P1"])
    campaign = campaign_with_rules(world, flag=f"{FLAG}\n\n{MERIT}",
                                   annual=f"{ANNUAL}\n\n{INDIVIDUAL}")
    register(campaign, world, "X1", "X2", "X3")
    seed_results(world)
    return campaign


def _url(campaign, query=""):
    return f"/ket-qua/xet-chon/{campaign.pk}/" + (f"?{query}" if query else "")


def _plain_page(response, where):
    assert response.status_code == 200, where
    assert_plain(html_text(response.content.decode()), where=where,
                 codes=database_codes() | contest_codes())


def test_the_what_if_asks_one_named_number_per_quota_group(campaign, world, login):
    page = login(world.users["alice_owner"]).get(_url(campaign))
    text = html.unescape(page.content.decode())
    assert 'name="chi_tieu_T-FLAG_xa"' in text
    field = re.search(r'<input[^>]*name="chi_tieu_T-FLAG_xa"[^>]*>', text).group(0)
    assert 'value="1"' in field and 'type="number"' in field  # the plan's quota, as a number
    form = page.context["form"]
    sets = {title: fields for _, title, fields in form.quota_fieldsets()}
    labels = [f.label for f in sets["Cờ thi đua thử, giai đoạn"]]
    assert labels == ["Xã, phường, thị trấn", "Tổng"]
    assert "khối=số" not in text and "gd_chi_tieu" not in text
    _plain_page(page, "trang xét chọn")


def test_the_what_if_result_and_explanations_name_groups_contests_and_standards(
        campaign, world, login):
    client = login(world.users["alice_owner"])
    posted = client.post(_url(campaign), {"hanh_dong": "xet", "che_do": "giai-doan",
                                          "chi_tieu_T-FLAG_xa": "2", "chi_tieu_T-FLAG_total": "5"})
    assert posted.status_code == 303
    assert "chi_tieu_T-MERIT_xa" not in posted["Location"]  # unchanged numbers stay out of the URL
    page = client.get(posted["Location"])
    assert page.context["data"]["what_if"] == [
        "Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, thị trấn» 2, "
        "tổng không quá 5"]
    assert page.context["sections"][0]["diff"]["entered_selected"] == ["P1-X1"]
    text = html.unescape(page.content.decode())
    assert "nhận hình thức cao hơn («Cờ thi đua thử, giai đoạn»)" in text
    assert "vào chỉ tiêu: Xã Lũng Cú (P1-X1)" in text  # who moved, by name
    _plain_page(page, "kết quả giả định")
    explained = client.get(f"{posted['Location']}&giai_thich=P1-X3&tieu_chuan_gt=T-MERIT")
    assert "tiêu chuẩn «Bằng khen thử, giai đoạn»" in html.unescape(explained.content.decode())
    _plain_page(explained, "giải thích")


def test_an_individual_explanation_names_the_contest_and_the_standard(campaign, world, login):
    client = login(world.users["alice_owner"])
    posted = client.post(_url(campaign), {"hanh_dong": "xet", "che_do": "nam-2022"})
    query = posted["Location"].split("?", 1)[1]
    client.post(_url(campaign), {"hanh_dong": "giai_thich", "che_do": "nam-2022",
                                 "giai_thich": "CB-X1", "tieu_chuan_gt": "T-IND"})
    page = client.get(_url(campaign, f"{query}&giai_thich=CB-X1&tieu_chuan_gt=T-IND"))
    conditions = page.context["explanation"]["conditions"]
    words = " ".join(f"{c['text']} {c['explanation']}" for c in conditions)
    assert f"giải cuộc thi «{CONTEST}»" in words
    assert "được chọn «Bằng khen thử, hằng năm»" in words
    assert "truc-tuyen-cchc" not in words and "T-YEAR" not in words
    _plain_page(page, "giải thích cá nhân")


def _cli(*args):
    out = io.StringIO()
    call_command("eligibility", "--campaign", "TEST-KQ", "--quiet", *args, stdout=out)
    return out.getvalue()


def _assert_cli_plain(out):
    # A standard's code may stay in the CLI as a labelled secondary identifier only.
    assert re.findall(r"T-(?:FLAG|MERIT|YEAR|IND)", re.sub(r"mã tiêu chuẩn T-[A-Z]+", "", out)) \
        == []
    assert_plain(re.sub(r"mã tiêu chuẩn T-[A-Z]+", "", out), where="dòng lệnh",
                 codes=database_codes() | contest_codes())


def test_the_cli_reads_groups_by_their_vietnamese_names(campaign):
    by_name = _cli("--phase", "--what-if-quota", "T-FLAG:Xã, phường=2; tong=5")
    without_accents = _cli("--phase", "--what-if-quota",
                           "co thi dua thu, giai doan:xa phuong thi tran=2,Tổng=5")
    by_code = _cli("--phase", "--what-if-quota", "T-FLAG:xa=2,tong=5")
    words = ("Giả định: Cờ thi đua thử, giai đoạn, chỉ tiêu khối «Xã, phường, thị trấn» 2, "
             "tổng không quá 5")
    for out in (by_name, without_accents, by_code):
        assert words in out and "vào chỉ tiêu Xã Lũng Cú (P1-X1)" in out
        assert "Cờ thi đua thử, giai đoạn (mã tiêu chuẩn T-FLAG; theo §IV.1)" in out
        _assert_cli_plain(out)


def test_the_cli_prints_names_in_explained_lines(campaign):
    _assert_cli_plain(_cli("--year", "2022", "--only", "selected"))
    _assert_cli_plain(_cli("--phase"))


@pytest.mark.parametrize(("quota", "message"), [
    ("T-FLAG:huyện=2", "Không có khối chỉ tiêu «huyện» của tiêu chuẩn «Cờ thi đua thử, giai "
                       "đoạn». Các khối: «Xã, phường, thị trấn»; «Tổng»."),
    ("T-FLAG:xa=hai", 'Không đọc được "xa=hai"'),
    ("T-KHAC:xa=2", "Phong trào không có tiêu chuẩn «T-KHAC»"),
    ("xa=2", "phải có dạng TIÊU_CHUẨN:khối=số"),
])
def test_the_cli_refuses_a_bad_quota_naming_the_bad_part(campaign, quota, message):
    with pytest.raises(CommandError) as error:
        _cli("--phase", "--what-if-quota", quota)
    assert message in str(error.value)
    assert_plain(str(error.value).split("Các tiêu chuẩn:")[0].replace("T-KHAC", ""))


def test_the_page_refuses_a_bad_number_naming_the_group(campaign, world, login):
    response = login(world.users["alice_owner"]).post(
        _url(campaign), {"hanh_dong": "xet", "chi_tieu_T-FLAG_xa": "hai"})
    assert response.status_code == 400
    assert ("Chỉ tiêu «Xã, phường, thị trấn» của «Cờ thi đua thử, giai đoạn» phải là một số "
            "nguyên không âm.") in html.unescape(response.content.decode())


def test_a_group_is_found_by_words_of_its_name_and_two_groups_are_refused():
    from thidua.eligibility.services import EligibilityError, QuotaGroup, quota_group

    groups = [QuotaGroup("so_nganh", "Sở, ban, ngành tỉnh", 2, code="so-nganh"),
              QuotaGroup("huyen", "UBND huyện, thị xã, thành phố thuộc tỉnh", 1, code="huyen"),
              QuotaGroup("xa", "UBND xã, phường, thị trấn, đặc khu", 3, code="xa"),
              QuotaGroup("total", "Tổng", 6)]
    assert quota_group(groups, "Xã, phường").key == "xa"
    assert quota_group(groups, "so ban nganh").key == "so_nganh"
    assert quota_group(groups, "so-nganh").key == "so_nganh"
    assert quota_group(groups, "TỔNG").key == "total"
    with pytest.raises(EligibilityError, match="«ubnd» trùng với nhiều khối chỉ tiêu"):
        quota_group(groups, "ubnd")
