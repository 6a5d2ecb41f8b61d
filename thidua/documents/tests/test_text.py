"""Vietnamese wording helpers: dates, money in words, percentages, numbers, recipients."""

from datetime import date, time

import pytest

from thidua.documents import count_text, date_line, date_text, money_in_words, money_text
from thidua.documents.layout import number_line, recipient_lines
from thidua.documents.text import percent_text, roman, short_date, time_text


def test_date_text_pads_day_and_early_months_as_decree_30_asks():
    assert date_text(date(2021, 10, 9)) == "ngày 09 tháng 10 năm 2021"
    assert date_text(date(2022, 2, 23)) == "ngày 23 tháng 02 năm 2022"
    assert date_text(date(2021, 10, 9), pad=False) == "ngày 9 tháng 10 năm 2021"


def test_date_line_with_and_without_a_date():
    assert date_line("Hà Giang", date(2021, 10, 9), pad=False) == "Hà Giang, ngày 9 tháng 10 năm 2021"
    blank = date_line("Kiên Giang", None, year=2023)
    assert blank.startswith("Kiên Giang, ngày ")
    assert blank.endswith("tháng      năm 2023")


def test_money_in_words():
    assert money_in_words(1_490_000) == "Một triệu bốn trăm chín mươi nghìn đồng"
    assert money_in_words(9_360_000) == "Chín triệu ba trăm sáu mươi nghìn đồng"
    assert money_in_words(1_000_050) == "Một triệu không trăm năm mươi đồng"
    assert money_in_words(2_015_000_000) == "Hai tỷ không trăm mười lăm triệu đồng"
    assert money_in_words(21) == "Hai mươi mốt đồng"
    assert money_in_words(105) == "Một trăm linh năm đồng"
    assert money_in_words(0) == "Không đồng"
    with pytest.raises(ValueError):
        money_in_words(-1)


def test_small_formatters():
    assert money_text(9_360_000) == "9.360.000"
    assert percent_text(7, 9) == "77,8%"
    assert percent_text(9, 9) == "100%"
    assert roman(4) == "IV" and roman(9) == "IX"
    assert short_date(date(2022, 3, 30)) == "30/03/2022"
    assert time_text(time(14, 5)) == "14 giờ 05 phút"
    assert count_text(2, 5) == "02 tập thể và 05 cá nhân"
    assert count_text(0, 12) == "12 cá nhân"


def test_number_line():
    assert number_line("39/KH-UBND") == "Số: 39/KH-UBND"
    assert number_line("5/KH-UBND") == "Số: 05/KH-UBND"
    assert number_line("/KH-UBND").startswith("Số: ") and number_line("/KH-UBND").endswith(
        " /KH-UBND")


def test_recipient_lines_get_dashes_and_punctuation():
    assert recipient_lines(["Bộ Nội vụ", "- TT. Tỉnh ủy;", "Lưu: VT, ckbich."]) == [
        "- Bộ Nội vụ;", "- TT. Tỉnh ủy;", "- Lưu: VT, ckbich."]
