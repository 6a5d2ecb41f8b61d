"""The .docx themselves: Decree 30 section settings, and what each document says."""

import io
from dataclasses import replace

import pytest
from docx import Document
from docx.oxml.ns import qn

from thidua.documents import CandidateVote, council_minutes_docx, vote_passes
from thidua.documents.checks import docx_layout, docx_problems
from thidua.documents.samples import sample_minutes


def all_text(docx: bytes) -> str:
    root = Document(io.BytesIO(docx)).element
    return "".join(t.text or "" for t in root.iter(qn("w:t")))


OFFICIAL = ["plan", "registration", "proposal", "minutes", "report_2022", "report_2024",
            "report_2025", "decision", "decision_long", "nominees"]


@pytest.mark.parametrize("name", OFFICIAL)
def test_official_documents_follow_decree_30_section_settings(built_docx, name):
    assert docx_problems(built_docx[name]) == []


def test_settings_are_read_back(built_docx):
    info = docx_layout(built_docx["plan"])
    assert (info.page_width_mm, info.page_height_mm) == (210.0, 297.0)
    assert (info.top_mm, info.bottom_mm, info.left_mm, info.right_mm) == (20, 20, 30, 15)
    assert info.default_font == "Times New Roman" and info.default_size_pt == 14
    assert info.different_first_page and info.first_header_empty and info.header_has_page_field


def test_certificate_is_landscape_without_page_numbers(built_docx):
    info = docx_layout(built_docx["certificates"])
    assert info.landscape
    assert (info.page_width_mm, info.page_height_mm) == (297.0, 210.0)
    assert not info.header_has_page_field
    text = all_text(built_docx["certificates"])
    assert "BẰNG KHEN" in text and "{{" not in text and "{%" not in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan", ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "CHỦ ĐỀ THI ĐUA", "Tổng cộng",
                  "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT."]),
        ("registration", ["ĐĂNG KÝ", "1. Tập thể: ", "Đăng ký thi đua: ", "Số lượng: 02",
                          "Nội dung đăng ký: ", "GIÁM ĐỐC"]),
        ("proposal", ["TỜ TRÌNH", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang.",
                      "kính đề nghị", "01 tập thể và 03 cá nhân", "Kính trình"]),
        ("minutes", ["BIÊN BẢN", "Thời gian: ", "Chủ trì: ", "Thư ký: ", "7/9 (77,8%",
                     "8 (88,9%)", "Đạt (≥ 80%)", "Không đạt (< 90%)", "THƯ KÝ", "CHỦ TRÌ"]),
        ("report_2022", ["Mẫu số 07 - Nghị định số 91/2017/NĐ-CP", "BÁO CÁO THÀNH TÍCH",
                         "I. THÔNG TIN CHUNG", "II. THÀNH TÍCH ĐẠT ĐƯỢC", "Năm 2021",
                         "Năm 2025", "Ghi chú:"]),
        ("report_2025", ["Nghị định số 152/2025/NĐ-CP", "Kết quả thực hiện các tiêu chí"]),
        ("decision", ["QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "QUYẾT ĐỊNH:",
                      "Điều 1. ", "Điều 2. ", "Điều 3. ", "9.360.000",
                      "Chín triệu ba trăm sáu mươi nghìn đồng", "TM. ỦY BAN NHÂN DÂN"]),
        ("decision_long", ["(có danh sách kèm theo)", "DANH SÁCH", "Kèm theo Quyết định số "
                           "2815/QĐ-UBND ngày 20/12/2025"]),
        ("nominees", ["DANH SÁCH TẬP THỂ, CÁ NHÂN", "Kính gửi: Hội đồng Thi đua - Khen thưởng",
                      "Tập thể", "Cá nhân", "TRƯỞNG PHÒNG"]),
    ],
)
def test_documents_say_what_their_form_says(built_docx, name, expected):
    text = all_text(built_docx[name])
    for phrase in expected:
        assert phrase in text, phrase


def test_percentages_are_of_all_members_not_of_those_present():
    assert vote_passes(CandidateVote(nominee="A", approve=7, required_percent=80), 9) is False
    assert vote_passes(CandidateVote(nominee="A", approve=8, required_percent=80), 9) is True
    assert vote_passes(CandidateVote(nominee="A", approve=8), 9) is None


def test_minutes_refuse_more_votes_than_members():
    minutes = sample_minutes()
    bad = replace(minutes, votes=[CandidateVote(nominee="A", approve=9, reject=1)])
    with pytest.raises(ValueError):
        council_minutes_docx(bad)


def test_minutes_say_when_the_meeting_is_not_quorate():
    minutes = sample_minutes()
    members = [replace(m, present=i < 5) for i, m in enumerate(minutes.members)]
    text = all_text(council_minutes_docx(replace(minutes, members=members)))
    assert "không đủ điều kiện biểu quyết" in text


def test_registration_is_signed_by_the_head_by_default():
    from thidua.documents import RegistrationForm, registration_docx
    from thidua.documents.common import Letterhead

    form = RegistrationForm(
        letterhead=Letterhead(issuing_body="Cơ quan, đơn vị", place="Kiên Giang", draft_year=2022),
        subject="Thi đua thực hiện nhiệm vụ CCHC hằng năm\nvà giai đoạn 2021-2025",
        unit_name="...",
        collective_targets=["Hoàn thành xuất sắc nhiệm vụ CCHC giai đoạn 2021 - 2025."],
    )
    text = all_text(registration_docx(form))
    assert "THỦ TRƯỞNG CƠ QUAN" in text and "- Sở Nội vụ;" in text and "Số lượng: 00" in text
