"""Who may award what, and where a nomination goes: dated tables, pure Python (no Django).

The table follows the Law on Emulation and Commendation (Law 15/2003/QH11 as amended in 2013,
Art. 77-78, until 31/12/2023; Law 06/2022/QH15, Art. 80, from 1/1/2024) and, since the district
level was abolished on 1/7/2025, Decree 129/2025/NĐ-CP Art. 59 (the commune chairman holds the
former district chairman's powers). Award forms are named by the codes of the one award-form
catalogue, thidua/rules/award_forms.yaml; a row naming a form it does not know fails at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from thidua.rules.award_forms import AwardFormError, catalogue

# Award forms: catalogue code -> Vietnamese name (forms beyond a province go upward).
FORMS: dict[str, str] = {code: form.name for code, form in catalogue().forms.items()
                         if form.kind != "proposal"}

# Forms printed as a certificate ("Bằng khen", "Giấy khen") rather than a title or a flag.
CERTIFICATE_FORMS = frozenset(code for code, form in catalogue().forms.items() if form.certificate)

# Deciders: who signs, and the kind of unit whose head (or committee) it is.
DECIDERS: dict[str, tuple[str, str]] = {
    "province_committee": ("Ủy ban nhân dân tỉnh", "province"),
    "province_chairman": ("Chủ tịch Ủy ban nhân dân tỉnh", "province"),
    "department_head": ("Giám đốc sở, Thủ trưởng ban, ngành tỉnh", "department"),
    "district_chairman": ("Chủ tịch Ủy ban nhân dân cấp huyện", "district"),
    "commune_chairman": ("Chủ tịch Ủy ban nhân dân cấp xã", "commune"),
    "unit_head": ("Thủ trưởng cơ quan, đơn vị", "division"),
    "prime_minister": ("Thủ tướng Chính phủ", "national"),
}

LAW_2003 = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE_129 = "Nghị định số 129/2025/NĐ-CP"
LAW_2022_FROM = date(2024, 1, 1)
REFORM_DAY = date(2025, 7, 1)  # two-level local government (Resolution 202/2025/QH15)


@dataclass(frozen=True)
class Authority:
    """One row of the table: a decider may award these forms over this period."""

    decider: str
    forms: tuple[str, ...]
    valid_from: date
    valid_until: date | None  # last day in force; None while current
    legal_basis: str
    note: str = ""

    def applies(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    @property
    def decider_label(self) -> str:
        return DECIDERS[self.decider][0]

    @property
    def unit_kind(self) -> str:
        return DECIDERS[self.decider][1]

    @property
    def form_labels(self) -> list[str]:
        return [catalogue().name_of(code) for code in self.forms]


_BEFORE = date(2023, 12, 31)
_DISTRICT_END = date(2025, 6, 30)
_ORIGIN = date(2014, 6, 1)  # the 2013 amendments in force

AUTHORITIES: tuple[Authority, ...] = (
    # --- Law 2003/2013 (Art. 77-78): until 31/12/2023 -------------------------------------
    Authority("province_committee", ("flag_province", "title_chien_si_thi_dua_tinh"),
              _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 77"),
    Authority("province_chairman", ("merit_province_chairman", "title_tap_the_lao_dong_xuat_sac"),
              _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 77"),
    Authority("department_head", ("giay_khen_department", "title_chien_si_thi_dua_co_so",
                                  "title_lao_dong_tien_tien", "title_tap_the_lao_dong_tien_tien"),
              _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 78"),
    Authority("district_chairman", ("giay_khen_district", "title_chien_si_thi_dua_co_so",
                                    "title_lao_dong_tien_tien", "title_tap_the_lao_dong_tien_tien"),
              _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 78"),
    Authority("commune_chairman", ("giay_khen_commune", "title_lao_dong_tien_tien"),
              _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 78"),
    Authority("unit_head", ("giay_khen_unit_head",), _ORIGIN, _BEFORE, f"{LAW_2003}, Điều 78"),
    Authority("prime_minister", ("merit_prime_minister", "flag_government"),
              _ORIGIN, None, f"{LAW_2003}, Điều 77; {LAW_2022}, Điều 80",
              "Đề nghị qua Ủy ban nhân dân tỉnh và Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)."),
    # --- Law 06/2022 (Art. 80): from 1/1/2024 ----------------------------------------------
    Authority("province_committee", ("flag_province", "title_chien_si_thi_dua_tinh"),
              LAW_2022_FROM, None, f"{LAW_2022}, Điều 80"),
    Authority("province_chairman", ("merit_province_chairman", "title_tap_the_lao_dong_xuat_sac"),
              LAW_2022_FROM, None, f"{LAW_2022}, Điều 80"),
    Authority("department_head", ("giay_khen_department", "title_chien_si_thi_dua_co_so",
                                  "title_lao_dong_tien_tien", "title_tap_the_lao_dong_tien_tien"),
              LAW_2022_FROM, None, f"{LAW_2022}, Điều 80"),
    Authority("district_chairman", ("giay_khen_district", "title_chien_si_thi_dua_co_so",
                                    "title_lao_dong_tien_tien", "title_tap_the_lao_dong_tien_tien"),
              LAW_2022_FROM, _DISTRICT_END, f"{LAW_2022}, Điều 80",
              "Cấp huyện kết thúc hoạt động từ 01/7/2025 (Nghị quyết 202/2025/QH15)."),
    Authority("commune_chairman", ("giay_khen_commune", "title_lao_dong_tien_tien"),
              LAW_2022_FROM, _DISTRICT_END, f"{LAW_2022}, Điều 80"),
    # The district Giấy khen ends with the districts (the catalogue has no version after
    # 30/6/2025): the commune chairman awards the commune's Giấy khen and the former district titles.
    Authority("commune_chairman", ("giay_khen_commune", "title_chien_si_thi_dua_co_so",
                                   "title_lao_dong_tien_tien", "title_tap_the_lao_dong_tien_tien"),
              REFORM_DAY, None, f"{LAW_2022}, Điều 80; {DECREE_129}, Điều 59",
              "Chủ tịch UBND cấp xã thực hiện thẩm quyền của Chủ tịch UBND cấp huyện trước đây."),
    Authority("unit_head", ("giay_khen_unit_head",), LAW_2022_FROM, None, f"{LAW_2022}, Điều 80"),
)



def _check(table: Sequence[Authority]) -> None:
    """Every row names deciders and catalogue forms that exist; fails at import otherwise."""
    for row in table:
        if row.decider not in DECIDERS:
            raise AwardFormError(f"Bảng thẩm quyền: người quyết định “{row.decider}” không xác định.")
        for code in row.forms:
            catalogue().form(code)


_check(AUTHORITIES)


def authorities_on(on: date, table: Sequence[Authority] = AUTHORITIES) -> list[Authority]:
    """The rows in force on a day, in table order (what the owner's page shows)."""
    return [row for row in table if row.applies(on)]


def deciders_for(form: str, on: date, table: Sequence[Authority] = AUTHORITIES) -> list[Authority]:
    return [row for row in authorities_on(on, table) if form in row.forms]


def decider_kind(unit_kind: str) -> str:
    """Which decider a unit of this kind is: its chairman or its head."""
    return {
        "province": "province_chairman",
        "department": "department_head",
        "district": "district_chairman",
        "commune": "commune_chairman",
    }.get(unit_kind, "unit_head")


def within_authority(form: str, unit_kind: str, on: date,
                     table: Sequence[Authority] = AUTHORITIES) -> bool:
    """May the head (or committee) of a unit of this kind award `form` on `on`?

    A province's signer issues both its chairman's and its committee's decisions (the
    committee's are signed by the chairman on its behalf, "TM. ỦY BAN NHÂN DÂN").
    """
    rows = deciders_for(form, on, table)
    if unit_kind == "province":
        return any(r.decider in ("province_chairman", "province_committee") for r in rows)
    return any(r.decider == decider_kind(unit_kind) for r in rows)


@dataclass(frozen=True)
class Level:
    """A unit as routing sees it: plain values, so this module needs no database."""

    id: int
    kind: str
    active_from: date | None = None
    active_to: date | None = None

    def active_on(self, on: date) -> bool:
        return (self.active_from is None or self.active_from <= on) and (
            self.active_to is None or on <= self.active_to
        )


RECEIVING_KINDS = frozenset({"province", "district", "department", "commune"})


def receiving_level(ancestors: Iterable[Level], on: date) -> Level | None:
    """Where a nomination goes: the nearest ancestor that can receive on `on` (parent first).

    A commune's dossier goes to its district while the district exists (before 1/7/2025) and to
    the province afterwards; a division's to its department or district; a department's and a
    district's to the province; a division of a commune (after 1/7/2025) to its commune.
    """
    for level in ancestors:
        if level.kind in RECEIVING_KINDS and level.active_on(on):
            return level
    return None
