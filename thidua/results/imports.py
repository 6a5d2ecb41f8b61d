"""Spreadsheet shapes of the results: one template per kind, shared by the web, the CLI and exports.

Each kind names its columns (Vietnamese headers, the same for import, export and the template),
how a year of it is replaced, and where its rows live. The writes are in services.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thidua.core.spreadsheet import (
    CellError,
    Column,
    choice,
    decimal_between,
    parse_date,
    text,
)
from thidua.core.text import fold
from thidua.results.models import (
    COMPONENTS,
    Classification,
    DisciplineLevel,
    InitiativeLevel,
    Rating,
)


def yes_no(value: Any) -> bool | None:
    """'có', 'x', '1', 'đúng' -> True; 'không', '0', '' -> False."""
    raw = fold(text(value))
    if raw == "":
        return None
    if raw in {"co", "x", "1", "dung", "true", "yes", "dat"}:
        return True
    if raw in {"khong", "0", "sai", "false", "no", "-"}:
        return False
    raise CellError(f'"{text(value)}" không hợp lệ (ghi "có" hoặc "không")')


yes_no.options = ("có", "không")  # type: ignore[attr-defined]  # the template's dropdown


def _options(choices: Any) -> dict[str, str]:
    out = {label: value for value, label in choices.choices}
    out.update({value: value for value, _ in choices.choices})
    return out


_CLASSIFICATION = _options(Classification)
_RATING = _options(Rating) | {
    "Hoàn thành xuất sắc": Rating.EXCELLENT.value, "Hoàn thành tốt": Rating.GOOD.value,
    "Hoàn thành": Rating.DONE.value, "Không hoàn thành": Rating.FAILED.value,
    "HTXSNV": Rating.EXCELLENT.value, "HTTNV": Rating.GOOD.value, "HTNV": Rating.DONE.value,
    "KHTNV": Rating.FAILED.value,
}
_DISCIPLINE = _options(DisciplineLevel)
_LEVEL = _options(InitiativeLevel) | {"cơ sở": InitiativeLevel.AGENCY.value,
                                      "cơ quan, đơn vị": InitiativeLevel.AGENCY.value,
                                      "huyện": InitiativeLevel.DISTRICT.value,
                                      "tỉnh": InitiativeLevel.PROVINCE.value}

score = decimal_between(0, 100)


def official_rank(value: Any) -> int | None:
    """A published rank: a whole number from 1 (ties and gaps are the publisher's to decide)."""
    raw = text(value)
    if raw == "":
        return None
    if not raw.isascii() or not raw.isdigit():
        raise CellError(f'"{raw}" không phải là thứ hạng (ghi số nguyên từ 1 trở lên)')
    number = int(raw)
    if number < 1:
        raise CellError(f"thứ hạng {number} không hợp lệ (ghi số nguyên từ 1 trở lên)")
    return number


RESULT_COLUMNS = [
    Column("unit", "Mã đơn vị", text, example="KGI-H01", width=14),
    Column("name", "Tên đơn vị", text, required=False, example="UBND huyện Châu Thành", width=36),
    Column("score", "Điểm Chỉ số CCHC", score, required=False, example="91.25", width=12),
    Column("rank", "Xếp hạng trong khối", official_rank, required=False, example="1", width=12),
    Column("classification", "Xếp loại", choice(_CLASSIFICATION, "xếp loại"), required=False,
           example="Xuất sắc", width=12),
    Column("sipas", "SIPAS (%)", score, required=False, example="88.5", width=10),
    Column("pci", "PCI", score, required=False, example="", width=8),
    Column("papi", "PAPI", decimal_between(0, 80), required=False, example="", width=8),
    *[Column(f"c_{key}", label, score, required=False, example="", width=14)
      for key, label in COMPONENTS],
]

RATING_COLUMNS = [
    Column("person", "Mã cán bộ", text, example="CB000123", width=14),
    Column("name", "Họ và tên", text, required=False, example="Nguyễn Thị Lan", width=26),
    Column("unit", "Mã đơn vị", text, required=False, example="KGI-X001", width=14),
    Column("rating", "Xếp loại chất lượng", choice(_RATING, "xếp loại chất lượng",
                                                   shown=[label for _, label in Rating.choices]),
           example="Hoàn thành tốt nhiệm vụ", width=28),
    Column("score", "Điểm đánh giá (từ 2026)", score, required=False, example="", width=12),
    Column("duties_well", "Hoàn thành tốt nhiệm vụ (xác nhận)", yes_no, required=False,
           example="có", width=14),
    Column("outstanding_cchc", "Thành tích CCHC xuất sắc", yes_no, required=False,
           example="không", width=14),
    Column("direct_cchc", "Trực tiếp làm CCHC", yes_no, required=False, example="không",
           width=12),
]

DISCIPLINE_COLUMNS = [
    Column("person", "Mã cán bộ", text, example="CB000123", width=14),
    Column("name", "Họ và tên", text, required=False, example="Trần Văn Đức", width=26),
    Column("level", "Hình thức kỷ luật", choice(_DISCIPLINE, "hình thức kỷ luật"),
           example="Khiển trách", width=16),
    Column("decided_on", "Ngày quyết định", parse_date, example="15/06/2023", width=14),
    Column("ends_on", "Hết hiệu lực ngày", parse_date, required=False, example="14/06/2024",
           width=14),
    Column("decision_number", "Số quyết định", text, required=False, example="123/QĐ-UBND",
           width=16),
    Column("reason", "Lý do", text, required=False, example="", width=30),
]

INITIATIVE_COLUMNS = [
    Column("unit", "Mã đơn vị (tập thể)", text, required=False, example="KGI-X001", width=14),
    Column("person", "Mã cán bộ (cá nhân)", text, required=False, example="", width=14),
    Column("title", "Tên sáng kiến, mô hình, giải pháp", text, example="Bộ phận một cửa số",
           width=40),
    Column("level", "Cấp công nhận", choice(_LEVEL, "cấp công nhận",
                                            shown=[label for _, label in InitiativeLevel.choices]),
           example=InitiativeLevel.PROVINCE.label, width=14),
    Column("recognised_on", "Ngày công nhận", parse_date, example="20/11/2023", width=14),
    Column("decision_number", "Số quyết định", text, required=False, example="", width=16),
    Column("applied", "Đã áp dụng", yes_no, required=False, example="có", width=10),
]

PRIZE_COLUMNS = [
    Column("person", "Mã cán bộ", text, example="CB000123", width=14),
    Column("name", "Họ và tên", text, required=False, example="", width=26),
    Column("contest", "Cuộc thi", text, example="Tìm hiểu CCHC trực tuyến", width=36),
    Column("prize", "Giải", text, example="Giải Nhất", width=14),
    Column("awarded_on", "Ngày trao giải", parse_date, required=False, example="", width=14),
]


@dataclass(frozen=True)
class Kind:
    slug: str  # in URLs and on the command line
    label: str  # Vietnamese, "kết quả Chỉ số CCHC"
    columns: list[Column]
    unique: tuple[str, ...]
    note: str
    prefill: str = ""  # "units" or "people": the template lists them for the chosen scope


KINDS: dict[str, Kind] = {
    k.slug: k
    for k in (
        Kind("chi-so-cchc", "kết quả Chỉ số CCHC", RESULT_COLUMNS, ("unit",),
             "Mỗi dòng một đơn vị. Điểm từ 0 đến 100; để trống Xếp hạng thì hệ thống tự xếp "
             "theo điểm trong từng khối; Xếp hạng ghi vào được nhập đúng như đã công bố (có "
             "thể đồng hạng hoặc cách hạng). Để trống Xếp loại thì tự xếp theo ngưỡng của năm. "
             "Xếp loại ghi vào phải khớp với ngưỡng. Điểm thành phần (nếu có) phải cộng lại "
             "bằng Điểm Chỉ số.", prefill="units"),
        Kind("xep-loai-can-bo", "xếp loại chất lượng cán bộ", RATING_COLUMNS, ("person",),
             "Mỗi dòng một cán bộ. Để trống Mã đơn vị thì lấy đơn vị công tác của cán bộ trong "
             "năm. Từ năm 2026 có thể ghi điểm (thang 100, Nghị định 335/2025): xếp loại không "
             "được cao hơn mức của điểm.", prefill="people"),
        Kind("ky-luat", "kỷ luật", DISCIPLINE_COLUMNS, ("person", "decided_on", "level"),
             "Mỗi dòng một quyết định kỷ luật có ngày quyết định trong năm đã chọn."),
        Kind("sang-kien", "sáng kiến được công nhận", INITIATIVE_COLUMNS, (),
             "Mỗi dòng một sáng kiến của một tập thể (ghi Mã đơn vị) hoặc một cá nhân (ghi Mã "
             "cán bộ), không ghi cả hai. Năm của sáng kiến là năm đã chọn."),
        Kind("giai-thuong", "giải thưởng cuộc thi", PRIZE_COLUMNS, ("person", "contest"),
             "Mỗi dòng một giải của một cá nhân trong năm đã chọn."),
    )
}


def kind_or_none(slug: str) -> Kind | None:
    return KINDS.get(slug)

