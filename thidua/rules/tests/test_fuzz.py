"""Property test: whatever the text, the parser returns a RuleSet or raises RuleSyntaxError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.rules import Period, RuleSyntaxError, catalogue, parse
from thidua.rules.ast import RuleSet

VALID = [catalogue.text(p) for p in ("000", "001", "002", "003", "004")]
PIECES = [
    "tiêu chuẩn", "áp dụng cho", "tập thể", "cá nhân", "thuộc khối", "xếp loại CCHC", ">=",
    ">==", "=", "xuất sắc", "tốt", "mỗi năm", "ít nhất", "năm", "trong", "2021..2025", "năm xét",
    "liên tiếp", "một trong:", "tất cả:", "nếu", ":", "đơn vị cấp trên", "được xét", "KG-P-FLAG",
    "100%", "thành viên", "chỉ tiêu:", "khối xa 3", "tổng không quá", "xếp hạng theo", '"',
    "theo", "\n", "\n  ", "\n    ", "\t", "#", "..", "-", "9999999999999", "%", "“", "≥", "≠",
]


def check(text: str, period: Period | None = None) -> None:
    try:
        result = parse(text, period=period)
    except RuleSyntaxError as err:
        assert err.message
        return
    assert isinstance(result, RuleSet)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    check(text)
    check("giai đoạn 2021..2025\n" + text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([None, Period(2021, 2025)]))
def test_random_phrases_of_the_language(pieces: list[str], period: Period | None) -> None:
    check(" ".join(pieces), period)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(VALID),
    st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(["delete", "insert", "swap"]),
                       st.sampled_from(PIECES)), min_size=1, max_size=4),
)
def test_mutations_of_valid_standards(text: str, edits: list[tuple[int, str, str]]) -> None:
    for where, how, piece in edits:
        i = where % (len(text) + 1)
        if how == "delete":
            text = text[:i] + text[i + len(piece):]
        elif how == "insert":
            text = text[:i] + piece + text[i:]
        else:
            text = text[:i] + piece + text[i + len(piece):]
    check(text)
