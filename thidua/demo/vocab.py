"""Word lists for the demo: Vietnamese names with rough frequencies, places, titles, departments.

Frequencies are approximate shares from published surname and given-name surveys, rounded;
they only need to make the demo look like a real staff list (Nguyễn about a third, Thị the most
common middle name of women, Văn of men). Khmer surnames (Danh, Thạch, Sơn) reflect Kiên Giang.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _weights(pairs: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], np.ndarray]:
    words = tuple(word for word, _ in pairs)
    weights = np.array([weight for _, weight in pairs], dtype=np.float64)
    return words, weights / weights.sum()


def _zipf(words: tuple[str, ...], offset: float = 4.0) -> np.ndarray:
    """Weights for a list already ordered from most to least common."""
    weights = 1.0 / (np.arange(len(words), dtype=np.float64) + offset)
    return weights / weights.sum()


FAMILY_NAMES, FAMILY_WEIGHTS = _weights((
    ("Nguyễn", 31.5), ("Trần", 10.9), ("Lê", 9.5), ("Phạm", 6.5), ("Huỳnh", 4.2),
    ("Phan", 4.5), ("Võ", 3.5), ("Hoàng", 2.4), ("Vũ", 1.5), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Trương", 1.0), ("Đinh", 0.8),
    ("Lâm", 0.7), ("Lý", 0.6), ("Đoàn", 0.6), ("Danh", 0.6), ("Mai", 0.5), ("Cao", 0.5),
    ("Trịnh", 0.5), ("Thạch", 0.5), ("Lưu", 0.4), ("Châu", 0.4), ("Hà", 0.4), ("Lương", 0.4),
    ("Tô", 0.3), ("Thái", 0.3), ("Tạ", 0.3), ("Sơn", 0.3), ("Kim", 0.3), ("Quách", 0.2),
    ("La", 0.2), ("Triệu", 0.2), ("Nông", 0.2), ("Lò", 0.1), ("Giàng", 0.1),
))

_MIDDLE_MALE = (
    ("Văn", 40), ("Minh", 8), ("Hữu", 6), ("Quốc", 6), ("Thanh", 6), ("Đức", 5), ("Công", 4),
    ("Tấn", 4), ("Ngọc", 3), ("Xuân", 3), ("Hoàng", 3), ("Trọng", 3), ("Thành", 3), ("Đình", 3),
    ("Quang", 3), ("Duy", 2), ("Anh", 2), ("Chí", 2), ("Trung", 2), ("Gia", 1), ("Bá", 1),
    ("Hoài", 1), ("Phước", 1),
)
_MIDDLE_FEMALE = (
    ("Thị", 45), ("Ngọc", 8), ("Thanh", 6), ("Thu", 5), ("Kim", 4), ("Minh", 3), ("Hồng", 3),
    ("Mỹ", 3), ("Thị Ngọc", 3), ("Thị Thu", 3), ("Thúy", 2), ("Phương", 2), ("Bích", 2),
    ("Như", 2), ("Xuân", 2), ("Thị Kim", 2), ("Thị Mỹ", 2), ("Thị Thanh", 2), ("Diệu", 1),
    ("Hoài", 1), ("Khánh", 1), ("Tuyết", 1), ("Quỳnh", 1), ("Hải", 1), ("Cẩm", 1),
)
_GIVEN_MALE = (
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Long", "Nam", "Thắng", "Quang", "Sơn", "Phong",
    "Trung", "Hiếu", "Khoa", "Bình", "Cường", "Đức", "Thành", "Huy", "Khánh", "Phúc", "Tâm",
    "Tài", "Thịnh", "Toàn", "Trí", "Vinh", "Việt", "An", "Bảo", "Đạt", "Hào", "Hậu", "Hòa",
    "Kiên", "Lộc", "Lợi", "Luân", "Nghĩa", "Nhân", "Phát", "Quân", "Tân", "Thái", "Thiện",
    "Tín", "Tùng", "Vũ", "Hoàng", "Lâm", "Định", "Công", "Danh", "Khải", "Sang", "Triều",
)
_GIVEN_FEMALE = (
    "Lan", "Hương", "Hà", "Linh", "Trang", "Thảo", "Ngọc", "Hằng", "Mai", "Nhung", "Phương",
    "Thủy", "Anh", "Hoa", "Huyền", "Yến", "Dung", "Nga", "Hạnh", "Oanh", "Loan", "Trinh",
    "Vân", "Thư", "Diễm", "Nhi", "Quyên", "Tuyết", "Hiền", "Liên", "Giang", "Châu", "Xuân",
    "Thúy", "Kiều", "My", "Ly", "Uyên", "Vy", "Ánh", "Bích", "Duyên", "Hồng", "Lệ", "Nhàn",
    "Phượng", "Tâm", "Thanh", "Trâm", "Hạnh Nguyên", "Khánh Linh", "Ngân", "Thắm", "Hậu",
)

# One table per part of the name; a person holds indices into them (int16 arrays).
MIDDLE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(w for w, _ in _MIDDLE_MALE + _MIDDLE_FEMALE))
GIVEN_NAMES: tuple[str, ...] = tuple(dict.fromkeys(_GIVEN_MALE + _GIVEN_FEMALE))


def _indexed(table: tuple[str, ...], words: tuple[str, ...]) -> np.ndarray:
    return np.array([table.index(word) for word in words], dtype=np.int16)


MIDDLE_MALE_IDX = _indexed(MIDDLE_NAMES, tuple(w for w, _ in _MIDDLE_MALE))
MIDDLE_MALE_WEIGHTS = _weights(_MIDDLE_MALE)[1]
MIDDLE_FEMALE_IDX = _indexed(MIDDLE_NAMES, tuple(w for w, _ in _MIDDLE_FEMALE))
MIDDLE_FEMALE_WEIGHTS = _weights(_MIDDLE_FEMALE)[1]
GIVEN_MALE_IDX = _indexed(GIVEN_NAMES, _GIVEN_MALE)
GIVEN_MALE_WEIGHTS = _zipf(_GIVEN_MALE)
GIVEN_FEMALE_IDX = _indexed(GIVEN_NAMES, _GIVEN_FEMALE)
GIVEN_FEMALE_WEIGHTS = _zipf(_GIVEN_FEMALE)

# Syllables of Sino-Vietnamese place names; two of them make a plausible commune or district.
PLACE_SYLLABLES: tuple[str, ...] = (
    "An", "Bình", "Hòa", "Long", "Phú", "Tân", "Thạnh", "Mỹ", "Vĩnh", "Phước", "Thuận", "Hưng",
    "Xuân", "Lộc", "Quang", "Đức", "Trung", "Thanh", "Hải", "Sơn", "Lâm", "Kim", "Ngọc", "Minh",
    "Đông", "Tây", "Nam", "Bắc", "Hiệp", "Lợi", "Thới", "Định", "Hội", "Khánh", "Phong",
    "Thắng", "Tiến", "Yên", "Cát", "Hà", "Châu", "Điền", "Giang", "Lạc", "Lương", "Nghĩa",
    "Nhơn", "Quới", "Tường", "Hậu", "Thọ", "Trường", "Thủy", "Đạt",
)


@dataclass(frozen=True)
class ProvinceSeed:
    """A province the generator knows by name: its code, and real district and commune names."""

    code: str
    name: str
    # (name, code suffix or None for the next Hnn number), in the order they are created.
    districts: tuple[tuple[str, str | None], ...] = ()
    # District code suffix -> real commune names, used before generated ones.
    communes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fixed_departments: tuple[str, ...] = ("SNV", "VP", "STTTT")
    # The province it merged into on 1 July 2025 (Resolution 202/2025/QH15): (code, name).
    successor: tuple[str, str] | None = None


KIEN_GIANG = ProvinceSeed(
    "KGI", "Tỉnh Kiên Giang",
    districts=tuple((name, None) for name in (
        "Thành phố Rạch Giá", "Huyện Kiên Lương", "Huyện Hòn Đất", "Huyện Tân Hiệp",
        "Huyện Châu Thành", "Huyện Giồng Riềng", "Huyện Gò Quao", "Huyện An Biên",
        "Huyện An Minh", "Huyện Vĩnh Thuận", "Huyện U Minh Thượng", "Huyện Giang Thành",
        "Thành phố Hà Tiên", "Thành phố Phú Quốc", "Huyện Kiên Hải",
    )),
    communes=(
        ("H01", (
            "Phường Vĩnh Thanh Vân", "Phường Vĩnh Thanh", "Phường Vĩnh Lạc", "Phường An Hòa",
            "Phường An Bình", "Phường Rạch Sỏi", "Phường Vĩnh Bảo", "Phường Vĩnh Hiệp",
            "Phường Vĩnh Lợi", "Phường Vĩnh Quang", "Phường Vĩnh Thông", "Xã Phi Thông",
        )),
        ("H05", (
            "Thị trấn Minh Lương", "Xã Mong Thọ A", "Xã Mong Thọ B", "Xã Mong Thọ",
            "Xã Giục Tượng", "Xã Vĩnh Hòa Hiệp", "Xã Vĩnh Hòa Phú", "Xã Minh Hòa", "Xã Bình An",
            "Xã Thạnh Lộc",
        )),
    ),
    fixed_departments=("SNV", "VP", "STTTT", "BDT"),
    successor=("AGG", "Tỉnh An Giang"),
)
HA_GIANG = ProvinceSeed(
    "HGI", "Tỉnh Hà Giang",
    successor=("TQU", "Tỉnh Tuyên Quang"),
    districts=tuple((name, None) for name in (
        "Thành phố Hà Giang", "Huyện Bắc Quang", "Huyện Vị Xuyên", "Huyện Đồng Văn",
        "Huyện Mèo Vạc", "Huyện Yên Minh", "Huyện Quản Bạ", "Huyện Bắc Mê",
        "Huyện Hoàng Su Phì", "Huyện Xín Mần", "Huyện Quang Bình",
    )),
)
DAK_NONG = ProvinceSeed(
    "DNO", "Tỉnh Đăk Nông",
    successor=("LDG", "Tỉnh Lâm Đồng"),
    districts=tuple((name, None) for name in (
        "Thành phố Gia Nghĩa", "Huyện Đắk Mil", "Huyện Cư Jút", "Huyện Đắk Song",
        "Huyện Đắk R'Lấp", "Huyện Krông Nô", "Huyện Đắk Glong", "Huyện Tuy Đức",
    )),
)
NINH_THUAN = ProvinceSeed(
    "NTH", "Tỉnh Ninh Thuận",
    successor=("KHA", "Tỉnh Khánh Hòa"),
    # Thuận Nam first: the seed 001 issuer must exist at every size.
    districts=(
        ("Huyện Thuận Nam", "TNA"), ("Thành phố Phan Rang - Tháp Chàm", None),
        ("Huyện Ninh Phước", None), ("Huyện Ninh Hải", None), ("Huyện Ninh Sơn", None),
        ("Huyện Bác Ái", None), ("Huyện Thuận Bắc", None),
    ),
    communes=(
        ("TNA", (
            "Xã Phước Nam", "Xã Phước Ninh", "Xã Phước Minh", "Xã Phước Diêm", "Xã Cà Ná",
            "Xã Nhị Hà", "Xã Phước Hà", "Xã Phước Dinh",
        )),
    ),
)
SEED_PROVINCES: tuple[ProvinceSeed, ...] = (KIEN_GIANG, HA_GIANG, DAK_NONG, NINH_THUAN)

# The 34 provinces of 1 July 2025 minus the four that absorbed the seed provinces
# (Tuyên Quang, Lâm Đồng, An Giang, Khánh Hòa): with the four seeds that makes 34 again.
OTHER_PROVINCES: tuple[ProvinceSeed, ...] = tuple(ProvinceSeed(code, name) for code, name in (
    ("HNI", "Thành phố Hà Nội"), ("HCM", "Thành phố Hồ Chí Minh"), ("HPG", "Thành phố Hải Phòng"),
    ("DNG", "Thành phố Đà Nẵng"), ("CTO", "Thành phố Cần Thơ"), ("HUE", "Thành phố Huế"),
    ("LCU", "Tỉnh Lai Châu"), ("DBN", "Tỉnh Điện Biên"), ("SLA", "Tỉnh Sơn La"),
    ("LSN", "Tỉnh Lạng Sơn"), ("QNH", "Tỉnh Quảng Ninh"), ("THA", "Tỉnh Thanh Hóa"),
    ("NAN", "Tỉnh Nghệ An"), ("HTH", "Tỉnh Hà Tĩnh"), ("CBG", "Tỉnh Cao Bằng"),
    ("LCI", "Tỉnh Lào Cai"), ("TNG", "Tỉnh Thái Nguyên"), ("PTO", "Tỉnh Phú Thọ"),
    ("BNH", "Tỉnh Bắc Ninh"), ("HYN", "Tỉnh Hưng Yên"), ("NBH", "Tỉnh Ninh Bình"),
    ("QTR", "Tỉnh Quảng Trị"), ("QNG", "Tỉnh Quảng Ngãi"), ("GLA", "Tỉnh Gia Lai"),
    ("DLK", "Tỉnh Đắk Lắk"), ("DNA", "Tỉnh Đồng Nai"), ("TNH", "Tỉnh Tây Ninh"),
    ("VLG", "Tỉnh Vĩnh Long"), ("DTP", "Tỉnh Đồng Tháp"), ("CMU", "Tỉnh Cà Mau"),
))

# Departments: fixed codes first, then numbered ones (Snn) from this list in order.
FIXED_DEPARTMENTS: dict[str, str] = {
    "SNV": "Sở Nội vụ",
    "VP": "Văn phòng UBND tỉnh",
    "STTTT": "Sở Thông tin và Truyền thông",
    "BDT": "Ban Dân tộc tỉnh",
}
NUMBERED_DEPARTMENTS: tuple[str, ...] = (
    "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh", "Ban Quản lý Khu kinh tế",
    "Ban Dân tộc", "Sở Ngoại vụ",
)
# The provincial departments after the 2025 mergers (the Government's restructuring plan of
# early 2025, then the province mergers of 1 July 2025): old name -> (new name, code suffix).
# A name not listed keeps its name and its suffix in the successor province.
DEPARTMENTS_2025: dict[str, tuple[str, str]] = {
    "Sở Nội vụ": ("Sở Nội vụ", "SNV"),
    "Sở Lao động - Thương binh và Xã hội": ("Sở Nội vụ", "SNV"),
    "Văn phòng UBND tỉnh": ("Văn phòng UBND tỉnh", "VP"),
    "Sở Ngoại vụ": ("Văn phòng UBND tỉnh", "VP"),
    "Sở Thông tin và Truyền thông": ("Sở Khoa học và Công nghệ", "SKHCN"),
    "Sở Khoa học và Công nghệ": ("Sở Khoa học và Công nghệ", "SKHCN"),
    "Sở Kế hoạch và Đầu tư": ("Sở Tài chính", "STC"),
    "Sở Tài chính": ("Sở Tài chính", "STC"),
    "Sở Giao thông vận tải": ("Sở Xây dựng", "SXD"),
    "Sở Xây dựng": ("Sở Xây dựng", "SXD"),
    "Sở Tài nguyên và Môi trường": ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    "Sở Nông nghiệp và Phát triển nông thôn": ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    "Sở Văn hóa và Thể thao": ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    "Sở Du lịch": ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    "Ban Dân tộc tỉnh": ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    "Ban Dân tộc": ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    "Sở Tư pháp": ("Sở Tư pháp", "STP"),
    "Sở Công Thương": ("Sở Công Thương", "SCT"),
    "Sở Giáo dục và Đào tạo": ("Sở Giáo dục và Đào tạo", "SGDDT"),
    "Sở Y tế": ("Sở Y tế", "SYT"),
    "Thanh tra tỉnh": ("Thanh tra tỉnh", "TTR"),
    "Ban Quản lý Khu kinh tế": ("Ban Quản lý Khu kinh tế", "BQLKKT"),
}
DEPARTMENT_DIVISIONS: dict[str, tuple[str, ...]] = {
    "SNV": (
        "Văn phòng Sở", "Thanh tra Sở", "Ban Thi đua - Khen thưởng",
        "Phòng Xây dựng chính quyền và Công tác thanh niên", "Chi cục Văn thư - Lưu trữ",
        "Ban Tôn giáo", "Phòng Kế hoạch - Tài chính",
    ),
    "VP": (
        "Phòng Hành chính - Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế",
        "Phòng Khoa giáo - Văn xã", "Phòng Nội chính", "Ban Tiếp công dân",
        "Phòng Quản trị - Tài vụ",
    ),
    "STTTT": (
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Báo chí - Xuất bản", "Phòng Thông tin cơ sở",
        "Trung tâm Công nghệ thông tin và Truyền thông", "Phòng Bưu chính", "Phòng Kế hoạch - Tài chính",
    ),
    "BDT": (
        "Văn phòng Ban", "Thanh tra Ban", "Phòng Chính sách", "Phòng Kế hoạch - Tổng hợp",
        "Phòng Tuyên truyền", "Phòng Địa bàn", "Phòng Tổ chức",
    ),
    "": (
        "Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý chuyên ngành",
        "Phòng Pháp chế", "Phòng Tổ chức cán bộ", "Phòng Quản lý đầu tư",
        "Trung tâm Dịch vụ công",
    ),
}
# Specialised CCHC bodies of 002 §III.1.a: (parent department, code suffix, name).
CCHC_BODIES: tuple[tuple[str, str, str], ...] = (
    ("SNV", "CCHC", "Phòng Cải cách hành chính và Tổ chức phi chính phủ"),
    ("SNV", "TCCC", "Phòng Tổ chức, công chức, viên chức"),
    ("VP", "TTHCC", "Trung tâm Phục vụ hành chính công"),
    ("STTTT", "VTCNTT", "Phòng Viễn thông và Công nghệ thông tin"),
)
DISTRICT_DIVISIONS: tuple[str, ...] = (
    "Văn phòng HĐND và UBND", "Phòng Tài chính - Kế hoạch", "Phòng Tư pháp",
    "Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế",
    "Phòng Kinh tế và Hạ tầng", "Phòng Nông nghiệp và Phát triển nông thôn", "Thanh tra huyện",
    "Phòng Dân tộc", "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Văn hóa, Thể thao và Truyền thanh",
)
CITY_DIVISIONS: dict[str, str] = {
    "Phòng Kinh tế và Hạ tầng": "Phòng Quản lý đô thị",
    "Phòng Nông nghiệp và Phát triển nông thôn": "Phòng Kinh tế",
    "Thanh tra huyện": "Thanh tra thành phố",
}
HOME_AFFAIRS_DIVISION = "Phòng Nội vụ"
# Divisions of a commune formed on 1 July 2025 (Decree 150/2025 model structure).
NEW_COMMUNE_DIVISIONS: tuple[str, ...] = (
    "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
)
NEW_WARD_DIVISIONS: dict[str, str] = {"Phòng Kinh tế": "Phòng Kinh tế, Hạ tầng và Đô thị"}


@dataclass(frozen=True)
class TitleSet:
    """The titles used in one kind of unit: its head, deputies, and staff with weights."""

    leader: str
    deputy: str
    deputies: tuple[int, int]  # min and max number of deputies
    staff: tuple[tuple[str, float], ...]


_AGENCY_STAFF = (("Chuyên viên", 0.6), ("Chuyên viên chính", 0.2), ("Cán sự", 0.1),
                 ("Nhân viên", 0.1))
_COMMUNE_STAFF = (
    ("Công chức Văn phòng - Thống kê", 0.25), ("Công chức Tư pháp - Hộ tịch", 0.18),
    ("Công chức Địa chính - Xây dựng", 0.18), ("Công chức Tài chính - Kế toán", 0.14),
    ("Công chức Văn hóa - Xã hội", 0.18), ("Chỉ huy trưởng Ban Chỉ huy Quân sự", 0.07),
)


def _commune_titles(word: str) -> TitleSet:
    return TitleSet(f"Chủ tịch UBND {word}", f"Phó Chủ tịch UBND {word}", (1, 2), _COMMUNE_STAFF)


# Keys are referred to by the organisation generator; the order fixes the int codes.
TITLE_SETS: dict[str, TitleSet] = {
    "province": TitleSet("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", (3, 3), _AGENCY_STAFF),
    "city_province": TitleSet(
        "Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố", (3, 3), _AGENCY_STAFF),
    "department": TitleSet("Giám đốc", "Phó Giám đốc", (2, 3), _AGENCY_STAFF),
    "board": TitleSet("Trưởng ban", "Phó Trưởng ban", (2, 3), _AGENCY_STAFF),
    "office": TitleSet("Chánh Văn phòng", "Phó Chánh Văn phòng", (1, 3), _AGENCY_STAFF),
    "inspectorate": TitleSet("Chánh Thanh tra", "Phó Chánh Thanh tra", (1, 3), _AGENCY_STAFF),
    "division": TitleSet("Trưởng phòng", "Phó Trưởng phòng", (1, 2), _AGENCY_STAFF),
    "subdepartment": TitleSet("Chi cục trưởng", "Phó Chi cục trưởng", (1, 2), _AGENCY_STAFF),
    "centre": TitleSet("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm", (1, 2),
                       (("Viên chức", 0.7), ("Chuyên viên", 0.3))),
    "district": TitleSet("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", (2, 3), _AGENCY_STAFF),
    "city": TitleSet("Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố", (2, 3),
                     _AGENCY_STAFF),
    "commune": _commune_titles("xã"),
    "ward": _commune_titles("phường"),
    "town": _commune_titles("thị trấn"),
    "new_commune": TitleSet("Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", (2, 3), _COMMUNE_STAFF),
    "new_ward": TitleSet("Chủ tịch UBND phường", "Phó Chủ tịch UBND phường", (2, 3),
                         _COMMUNE_STAFF),
}
TITLE_SET_KEYS: tuple[str, ...] = tuple(TITLE_SETS)


def title_set_for(name: str, default: str) -> str:
    """Pick the title set from how a unit's name starts (Văn phòng…, Thanh tra…, Ban…)."""
    if name.startswith("Văn phòng"):
        return "office"
    if name.startswith("Thanh tra"):
        return "inspectorate"
    if name.startswith("Ban "):
        return "board"
    if name.startswith("Trung tâm"):
        return "centre"
    if name.startswith("Chi cục"):
        return "subdepartment"
    return default


def _all_positions() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for titles in TITLE_SETS.values():
        seen[titles.leader] = None
        seen[titles.deputy] = None
        for title, _ in titles.staff:
            seen[title] = None
    return tuple(seen)


POSITIONS: tuple[str, ...] = _all_positions()
