"""Vocabulary of the language: diacritic folding, ordinal scales and their Vietnamese names.

The scales below are the one definition of each: the Django models' choices, the fetch's
SQL and the engine read them (tests/test_one_definition.py fails if a copy disagrees).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from thidua.rules.errors import RuleError


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


class UnknownScaleValue(RuleError, ValueError):
    """A value that is not a level of its scale: never read as the lowest level."""


@dataclass(frozen=True)
class Scale:
    """An ordinal scale: codes from worst (1) to best (n), with their Vietnamese names.

    `labels` are the names inside a sentence ("xếp loại CCHC ≥ tốt"); `titles` are the names a
    field or a column shows on their own ("Tốt"), by default the labels with a capital letter.
    """

    name: str  # the scale's name, for messages
    codes: tuple[str, ...]  # worst first
    labels: tuple[str, ...]  # Vietnamese, same order
    aliases: tuple[tuple[str, str], ...] = ()  # extra folded phrases -> code
    titles: tuple[str, ...] = ()  # Vietnamese, same order; empty: the labels capitalised

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.codes) or len(set(self.codes)) != len(self.codes):
            raise ValueError(f"scale {self.name}: one label per distinct code")
        if self.titles and len(self.titles) != len(self.codes):
            raise ValueError(f"scale {self.name}: one title per code")
        for phrase, code in self.aliases:
            if code not in self.codes:
                raise ValueError(f"scale {self.name}: alias {phrase!r} names unknown {code!r}")

    def _unknown(self, what: object) -> UnknownScaleValue:
        known = ", ".join(f"“{t}”" for t in self.display_titles)
        return UnknownScaleValue(f"“{what}” không phải là một mức {self.name} (các mức: {known}).")

    @property
    def display_titles(self) -> tuple[str, ...]:
        return self.titles or tuple(label[:1].upper() + label[1:] for label in self.labels)

    def value(self, code: str) -> int:
        """A code -> its ordinal (1 = worst); an unknown code is an error, never the lowest."""
        try:
            return self.codes.index(code) + 1
        except ValueError:
            raise self._unknown(code) from None

    def label_of(self, value: int | None) -> str:
        """The name of an ordinal inside a sentence; no value (None, 0) reads "không có kết quả"."""
        if not value:
            return "không có kết quả"
        if not 0 < value <= len(self.labels):
            raise self._unknown(value)
        return self.labels[value - 1]

    def title_of(self, code: str) -> str:
        """The name a field shows for a code ("xuat_sac" -> "Xuất sắc")."""
        return self.display_titles[self.value(code) - 1]

    def choice(self, code: str) -> tuple[str, str]:
        """(code, title) for a Django choice; an unknown code fails at import time."""
        return code, self.title_of(code)

    def choices(self, *, best_first: bool = False) -> list[tuple[str, str]]:
        pairs = list(zip(self.codes, self.display_titles, strict=True))
        return pairs[::-1] if best_first else pairs

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

    def code_of(self, text: str) -> str:
        """A code, label or title (any case, with or without diacritics) -> the code.

        What an import or a form reads: an unknown text is an error naming the levels.
        """
        known = {fold_words(t): c for c, t in zip(self.codes, self.display_titles, strict=True)}
        known.update(self.phrases())
        code = known.get(fold_words(str(text)).replace("_", " "))
        if code is None:
            raise self._unknown(text)
        return code


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
    ("Cấp cơ quan, đơn vị", "Cấp huyện", "Cấp tỉnh", "Trung ương"),
)

SCALES = {s.name: s for s in (CLASSIFICATION, RATING, TITLE, DISCIPLINE, INITIATIVE_LEVEL)}

UNIT_KINDS = ("province", "department", "district", "commune", "division", "cchc_body")

# Boolean attestations of a person-year that a standard may name (column of person_years).
FLAGS: dict[str, tuple[str, str]] = {
    # folded phrase after "có": (column, Vietnamese label)
    "thanh tich cchc xuat sac": ("outstanding_cchc", "thành tích CCHC xuất sắc"),
    "truc tiep lam cchc": ("direct_cchc", "trực tiếp làm công tác CCHC"),
}
