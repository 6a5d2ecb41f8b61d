"""Vietnamese wording for documents: dates, money, percentages, numerals and rough text widths."""

from __future__ import annotations

import unicodedata
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "blank_date_text",
    "date_line",
    "date_text",
    "money_in_words",
    "money_text",
    "percent_text",
    "roman",
    "short_date",
    "text_width_pt",
    "time_text",
]


def date_text(on: date, *, pad: bool = True) -> str:
    """'ngày 09 tháng 10 năm 2021'.

    Decree 30/2020 (Appendix I, "Địa danh và thời gian ban hành văn bản") writes a day below 10
    and the months 1 and 2 with a leading zero, so nobody can turn "1" into "11" by hand.
    ``pad=False`` gives the plain form "ngày 9 tháng 10 năm 2021" used in running text.
    """
    if pad:
        day = f"{on.day:02d}"
        month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    else:
        day, month = str(on.day), str(on.month)
    return f"ngày {day} tháng {month} năm {on.year}"


def blank_date_text(year: int | None = None) -> str:
    """The date of a draft, left blank for the signer: 'ngày     tháng     năm 2023'."""
    return f"ngày      tháng      năm {year if year else '      '}"


def date_line(place: str, on: date | None, *, year: int | None = None, pad: bool = True) -> str:
    """'Hà Giang, ngày 09 tháng 10 năm 2021' or, with no date, the blank draft form."""
    when = date_text(on, pad=pad) if on else blank_date_text(year)
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


def short_date(on: date) -> str:
    """'09/10/2021' as written inside running text and tables."""
    return f"{on.day:02d}/{on.month:02d}/{on.year}"


def time_text(at: time) -> str:
    """'14 giờ 00 phút', as minutes record the opening and closing of a meeting."""
    return f"{at.hour:02d} giờ {at.minute:02d} phút"


def money_text(amount: int) -> str:
    """Thousands separated by dots, as Vietnamese documents write money: 1490000 -> '1.490.000'."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def percent_text(part: float | int | Decimal, whole: float | int | Decimal, digits: int = 1) -> str:
    """part/whole as a Vietnamese percentage with a decimal comma: 6 of 7 -> '85,7%'."""
    if not whole:
        return "0%"
    value = (Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
    )
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _three_digits(n: int, full: bool) -> list[str]:
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words += ["linh", _DIGITS[ones]]
        elif ones:
            words.append(_DIGITS[ones])
    elif tens == 1:
        words.append("mười")
        if ones:
            words.append("lăm" if ones == 5 else _DIGITS[ones])
    else:
        words += [_DIGITS[tens], "mươi"]
        if ones:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(ones, _DIGITS[ones]))
    return words


def _number_words(n: int, full: bool = False) -> list[str]:
    if n >= 1_000_000_000:
        high, low = divmod(n, 1_000_000_000)
        return _number_words(high, full) + ["tỷ"] + (_number_words(low, True) if low else [])
    words: list[str] = []
    groups = [(n // 1_000_000, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")]
    for value, scale in groups:
        if value == 0:
            continue
        words += _three_digits(value, full or bool(words))
        if scale:
            words.append(scale)
    return words


def money_in_words(amount: int, currency: str = "đồng") -> str:
    """The amount in words for "Bằng chữ": 1490000 -> 'Một triệu bốn trăm chín mươi nghìn đồng'."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    words = _number_words(amount) if amount else ["không"]
    text = " ".join(words + ([currency] if currency else []))
    return text[0].upper() + text[1:]


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Roman numeral for section numbers: 4 -> 'IV'."""
    if n <= 0:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# Advance widths (1/1000 em) of Times New Roman for printable ASCII, taken from the metric-
# compatible Liberation Serif. Vietnamese letters are measured by their base letter: accents do
# not change the advance. Used only to size the short rules under headings, so rough is enough.
_ASCII = "".join(chr(c) for c in range(32, 127))
_REGULAR = (
    "250 333 408 500 500 833 777 180 333 333 500 563 250 333 250 277 500 500 500 500 500 500 500 "
    "500 500 500 277 277 563 563 563 443 920 722 666 666 722 610 556 722 722 333 389 722 610 889 "
    "722 722 556 722 666 556 610 722 722 943 722 722 610 333 277 333 469 500 333 443 500 443 500 "
    "443 333 500 500 277 277 500 277 777 500 500 500 500 333 389 277 500 500 722 500 500 443 479 "
    "200 479 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 277 333 333 500 569 250 333 250 277 500 500 500 500 500 500 500 "
    "500 500 500 333 333 569 569 569 500 930 722 666 722 722 666 610 777 777 389 500 777 666 943 "
    "722 777 610 777 722 556 666 722 722 1000 722 722 666 333 277 333 581 500 333 500 556 443 556 "
    "443 333 500 556 277 333 556 277 833 556 500 556 556 443 389 333 556 500 722 500 500 443 394 "
    "220 394 520"
)
_WIDTHS = {
    False: dict(zip(_ASCII, map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(_ASCII, map(int, _BOLD.split()), strict=True)),
}


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Approximate printed width of one line of Times New Roman text, in points."""
    table = _WIDTHS[bold]
    total = 0
    for ch in text:
        base = "D" if ch == "Đ" else "d" if ch == "đ" else unicodedata.normalize("NFD", ch)[0]
        total += table.get(base, 500)
    return total * size_pt / 1000


# Words naming a level of local government; the proper name follows them.
_LEVELS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "xã", "phường", "quận")
# Bodies whose own name follows the first word(s): "Sở Nội vụ", "Ban Dân tộc", "Văn phòng ...".
_AGENCIES = ("văn phòng", "sở", "ban", "phòng", "cục", "chi cục", "trung tâm", "hội đồng")


def body_in_text(name: str) -> str:
    """A body's name as running text writes it, in sentence case, from any case:
    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" -> "Ủy ban nhân dân tỉnh Kiên Giang",
    "BAN DÂN TỘC" -> "Ban Dân tộc", "Tỉnh Kiên Giang" -> "tỉnh Kiên Giang" (a place after a
    level word keeps its capitals; an agency's name capitalises its first word only)."""
    words = name.split()
    if not words:
        return name
    lower = [w.lower() for w in words]
    text = " ".join(lower)
    for level in _LEVELS:
        marker = f"{level} "
        at = f" {text} ".find(f" {marker}")
        if at >= 0:
            head = text[:at] + marker
            place = name[len(head):].split()
            place_text = " ".join(w[:1].upper() + w[1:].lower() for w in place)
            head = head[:1].upper() + head[1:] if at > 0 else head
            return head + place_text
    for agency in _AGENCIES:
        if text.startswith(agency + " "):
            rest = text[len(agency) + 1:]
            return agency[:1].upper() + agency[1:] + " " + rest[:1].upper() + rest[1:]
    return text[:1].upper() + text[1:]


def place_name(name: str) -> str:
    """The place of a date line from a unit's name: "Tỉnh Kiên Giang" -> "Kiên Giang"."""
    lowered = name.lower()
    for level in _LEVELS:
        if lowered.startswith(level + " "):
            return name[len(level) + 1:]
    return name
