"""Vocabulary of the language: diacritic folding, ordinal scales and their Vietnamese names."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def fold_char(ch: str) -> str:
    """One character, lower case, without diacritics; always one character out for one in.

    Keeping the length lets the parser read keywords on the folded text and still report
    columns and cut string literals from the original text.
    """
    if ch in "đĐ":
        return "d"
    if not ch.isalpha():
        return ch  # keep symbols whole: "≠" must not lose its stroke and become "="
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """'Xếp loại CCHC' -> 'xep loai cchc' (same length as the NFC form of the input)."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))


def fold_words(text: str) -> str:
    """Folded and with runs of blanks collapsed: a key for phrase look-ups."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class Scale:
    """An ordinal scale: codes from worst (1) to best (n), with their Vietnamese names."""

    name: str  # the scale's name, for messages
    codes: tuple[str, ...]  # worst first
    labels: tuple[str, ...]  # Vietnamese, same order
    aliases: tuple[tuple[str, str], ...] = ()  # extra folded phrases -> code

    def value(self, code: str) -> int:
        return self.codes.index(code) + 1

    def label_of(self, value: int | None) -> str:
        try:
            return self.labels[value - 1] if value and value > 0 else "không có kết quả"
        except IndexError:
            return "không có kết quả"

    def phrases(self) -> dict[str, str]:
        """Folded phrase -> code: labels, codes with spaces and the aliases."""
        out = {fold_words(label): code for code, label in zip(self.codes, self.labels, strict=True)}
        out.update({code.replace("_", " "): code for code in self.codes})
        out.update(dict(self.aliases))
        return out

    def parse_value(self, text: str) -> int | None:
        """A code or Vietnamese label (with or without diacritics) -> ordinal value."""
        code = self.phrases().get(fold_words(text).replace("_", " "))
        return None if code is None else self.value(code)


# Administrative-reform classification of a unit (Chỉ số CCHC), bands in Parameters.
CLASSIFICATION = Scale(
    "xếp loại CCHC",
    ("yeu", "trung_binh", "kha", "tot", "xuat_sac"),
    ("yếu", "trung bình", "khá", "tốt", "xuất sắc"),
)

# Yearly quality rating of a person (Decrees 90/2020, 48/2023, 335/2025).
RATING = Scale(
    "xếp loại chất lượng",
    ("khong_hoan_thanh", "hoan_thanh", "hoan_thanh_tot", "hoan_thanh_xuat_sac"),
    (
        "không hoàn thành nhiệm vụ",
        "hoàn thành nhiệm vụ",
        "hoàn thành tốt nhiệm vụ",
        "hoàn thành xuất sắc nhiệm vụ",
    ),
    (
        ("khong hoan thanh", "khong_hoan_thanh"),
        ("hoan thanh", "hoan_thanh"),
        ("hoan thanh tot", "hoan_thanh_tot"),
        ("hoan thanh xuat sac", "hoan_thanh_xuat_sac"),
    ),
)

# Emulation titles of a person (Law 06/2022 Art. 23); a higher title implies the lower ones.
TITLE = Scale(
    "danh hiệu",
    ("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"),
    ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh"),
)

# Discipline levels (Decree 112/2020, Law on Cadres and Civil Servants), mildest first.
DISCIPLINE = Scale(
    "mức kỷ luật",
    ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"),
    ("khiển trách", "cảnh cáo", "hạ bậc lương", "giáng chức", "cách chức", "buộc thôi việc"),
)

# Level of the body that recognised an initiative, lowest first.
INITIATIVE_LEVEL = Scale(
    "cấp công nhận sáng kiến",
    ("co_quan", "huyen", "tinh", "trung_uong"),
    ("cơ quan, đơn vị", "huyện", "tỉnh", "trung ương"),
    (("co so", "co_quan"), ("don vi", "co_quan"), ("bo", "trung_uong"), ("toan quoc", "trung_uong")),
)

SCALES = {s.name: s for s in (CLASSIFICATION, RATING, TITLE, DISCIPLINE, INITIATIVE_LEVEL)}

UNIT_KINDS = ("province", "department", "district", "commune", "division", "cchc_body")

# Boolean attestations of a person-year that a standard may name (column of person_years).
FLAGS: dict[str, tuple[str, str]] = {
    # folded phrase after "có": (column, Vietnamese label)
    "thanh tich cchc xuat sac": ("outstanding_cchc", "thành tích CCHC xuất sắc"),
    "truc tiep lam cchc": ("direct_cchc", "trực tiếp làm công tác CCHC"),
}
