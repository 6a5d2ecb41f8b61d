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


def vn_number(value, places: int | None = None) -> str:  # noqa: ANN001 - int, float, Decimal, str
    """A number as Vietnamese writes it: decimal comma, dots between thousands from 10.000 on
    (a year stays "2024"), no trailing zeros unless `places` fixes them: 2.50 -> '2,5',
    88.37 -> '88,37', 1490000 -> '1.490.000'."""
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
        text = f"{number:f}"
    else:
        text = f"{number.normalize():f}" if number == number.to_integral_value() else \
            f"{number:f}".rstrip("0")
        if "." in text and text.endswith("."):
            text = text[:-1]
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def vn_duration(seconds) -> str:  # noqa: ANN001 - int, float, Decimal, timedelta
    """A duration in hours, minutes and seconds: 134.1 -> '2 phút 14,1 giây', 60 -> '1 phút'."""
    from datetime import timedelta
    from decimal import Decimal

    if seconds is None or seconds == "":
        return ""
    if isinstance(seconds, timedelta):
        seconds = seconds.total_seconds()
    total = Decimal(str(seconds)).quantize(Decimal("0.1"))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{int(hours)} giờ")
    if minutes:
        parts.append(f"{int(minutes)} phút")
    if secs or not parts:
        parts.append(f"{vn_number(secs)} giây")
    return " ".join(parts)
