"""Vietnamese text helpers: diacritic-insensitive search keys and Vietnamese alphabetical order."""

import unicodedata

# Vietnamese alphabet order; letters with breve/circumflex/horn are distinct letters.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_EXTRA = "fjwz"  # appear in foreign names; placed after the Vietnamese letters
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def fold(text: str) -> str:
    """Lower case without any diacritics: 'Hà Giang' -> 'ha giang', 'Đăk Nông' -> 'dak nong'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _letters_and_tones(word: str) -> tuple[str, str]:
    """Split a word into (letter codes, tone codes), each fixed width, digits only."""
    letters: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 1)
        if letter in _ALPHABET:
            code = 10 + _ALPHABET.index(letter)
        elif letter in _EXTRA:
            code = 10 + len(_ALPHABET) + _EXTRA.index(letter)
        elif letter.isdigit():
            code = 50 + int(letter)
        else:
            code = 70 + (ord(letter) % 29)
        letters.append(f"{code:02d}")
        tones.append(str(tone))
    return "".join(letters), "".join(tones)


def vn_sort_key(text: str) -> str:
    """A key whose plain string order is Vietnamese dictionary order (letters, then tones).

    Only digits are used, so it sorts the same under any database collation.
    """
    words = text.split()
    letters, tones = zip(*(_letters_and_tones(w) for w in words), strict=True) if words else ((), ())
    return "00".join(letters) + "0000" + "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Vietnamese name lists sort by given name (the last word), then by the whole name."""
    words = full_name.split()
    if not words:
        return ""
    return vn_sort_key(words[-1])[:64] + "0000" + vn_sort_key(" ".join(words))


def vn_date(value) -> str:  # noqa: ANN001 - date or datetime
    """'ngày 9 tháng 10 năm 2021', as written in official documents."""
    if value is None:
        return ""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"
