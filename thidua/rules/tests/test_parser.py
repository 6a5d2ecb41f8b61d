"""Parser: accepted forms, diacritic-free keywords, and rejections with line, column, message."""

import pytest

from thidua.rules import Period, RuleCycleError, RuleSyntaxError, catalogue, parse
from thidua.rules.ast import AnyOf, IfThen, MemberShare, PerYear, Scoped, StandardRef

HEAD = 'giai đoạn 2021..2025\ntiêu chuẩn T1 "Thử" theo "002 §IV"\n  áp dụng cho tập thể\n'


def one(body: str):
    return parse(HEAD + body).standards[0]


def error_of(text: str, **kwargs) -> RuleSyntaxError:
    with pytest.raises(RuleSyntaxError) as info:
        parse(text, **kwargs)
    return info.value


def test_it_reads_keywords_with_or_without_diacritics() -> None:
    a = one("  xếp loại CCHC >= tốt mỗi năm 2021..2025\n")
    b = one("  XEP LOAI cchc >= tot moi nam 2021..2025\n")
    assert a.condition == b.condition
    cond = a.condition.children[0]
    assert isinstance(cond, PerYear) and cond.quant is not None and cond.quant.kind == "every"


def test_it_reads_groups_scopes_conditionals_and_references() -> None:
    rules = parse(catalogue.text("002"))
    merit = rules["KG-A-MERIT"]
    alternatives = merit.condition.children[2]
    assert isinstance(alternatives, AnyOf) and len(alternatives.children) == 4
    flag = rules["KG-P-FLAG"]
    cond = flag.condition.children[4]
    assert isinstance(cond, IfThen) and isinstance(cond.then, Scoped)
    assert isinstance(cond.then.child, StandardRef) and cond.then.child.mode == "eligible"
    assert cond.clause == "002 §IV.1.1.a, lưu ý"
    assert rules.codes().index("KG-P-IND") > rules.codes().index("KG-P-BODY")
    assert dict(flag.quota.per_category) and flag.quota.total == 6


def test_it_reads_member_shares() -> None:
    cond = one("  ít nhất 70% thành viên danh hiệu >= lao động tiên tiến năm xét\n")
    share = cond.condition.children[0]
    assert isinstance(share, MemberShare) and share.amount == 70 and share.op == ">="


def test_every_catalogue_plan_parses() -> None:
    for plan in catalogue.PLANS:
        period = Period(2025, 2025) if plan == "law-2022" else None
        assert catalogue.entries(plan, period=period)


@pytest.mark.parametrize(
    ("line", "at", "message"),
    [
        ("xep loai CCHC >== tốt", ">==", 'không hiểu "xep loai CCHC >== tốt"; mong đợi một phép '
         "so sánh (>=, >, =, <, <=, !=)"),
        ("xếp loại CCHC >= giỏi mỗi năm", "giỏi", 'không biết xếp loại CCHC "giỏi"'),
        ("xếp loại CCHC >= tốt năm 2019", "2019", "năm 2019 nằm ngoài giai đoạn thi đua 2021–2025"),
        ("được xét KG-X", "KG-X", 'không biết tiêu chuẩn "KG-X"'),
        ("xếp loại CCHC >= tốt ít nhất 7 năm", "7", "7 năm nhưng khoảng chỉ có 5 năm"),
        ("xếp loại chất lượng >= hoàn thành tốt", "xếp loại", "là kết quả của cá nhân"),
        ("điểm CCHC >= 120 năm xét", "120", "thang 0–100"),
        ("thuộc khối vung-cao", "vung-cao", 'không biết khối "vung-cao"'),
        ("xếp loại CCHC >= tốt mỗi năm 2025..2021", "2021", "bị ngược"),
    ],
)
def test_it_rejects_with_line_column_and_vietnamese_message(line: str, at: str,
                                                            message: str) -> None:
    err = error_of(HEAD + "  " + line + "\n", categories={"so-nganh", "huyen", "xa"})
    assert err.line == 4
    assert err.source_line[err.column - 1:].startswith(at), (err.column, err.source_line)
    assert message in err.message
    assert str(err).startswith(f"Dòng 4, cột {err.column}: ")


def test_it_rejects_cycles_between_standards() -> None:
    text = (
        "giai đoạn 2021..2025\n"
        'tiêu chuẩn A "a" theo "x"\n  áp dụng cho tập thể\n  được xét B\n'
        'tiêu chuẩn B "b" theo "x"\n  áp dụng cho tập thể\n  được xét A\n'
    )
    with pytest.raises(RuleCycleError) as info:
        parse(text)
    assert "vòng tròn" in info.value.message and info.value.line in (4, 7)


def test_it_allows_self_reference_only_through_the_parent() -> None:
    ok = HEAD + "  đơn vị cấp trên: được xét T1\n"
    assert parse(ok).standards[0].references()
    err = error_of(HEAD + "  được xét T1\n")
    assert isinstance(err, RuleCycleError)


def test_it_rejects_bad_indentation_and_missing_parts() -> None:
    err = error_of(HEAD + "  tất cả:\n      đã đăng ký\n    đã đăng ký\n")
    assert err.line == 6 and "thụt lề" in err.message
    err = error_of('tiêu chuẩn T1 "Thử" theo "x"\n  áp dụng cho tập thể\n  đã đăng ký\n')
    assert "giai đoạn" in err.message
    err = error_of('giai đoạn 2021..2025\ntiêu chuẩn T1 "Thử" theo "x"\n  đã đăng ký\n')
    assert "áp dụng cho" in err.message


def test_a_reference_must_match_the_subject() -> None:
    text = (HEAD + "  đã đăng ký\n"
            'tiêu chuẩn P1 "p" theo "x"\n  áp dụng cho cá nhân\n  được xét T1\n')
    err = error_of(text)
    assert err.line == 7 and "không phải tiêu chuẩn cho cá nhân" in err.message


def test_per_unit_quota_is_for_individual_standards() -> None:
    err = error_of(HEAD + "  đã đăng ký\n  chỉ tiêu: mỗi đơn vị 2\n")
    assert err.line == 5 and "chỉ dùng cho tiêu chuẩn cá nhân" in err.message


def test_each_catalogue_entry_parses_alone_and_the_entries_compose_back() -> None:
    rules = catalogue.load("002")
    entries = catalogue.entries("002")
    codes = [e.code for e in entries]
    for entry in entries:
        alone = parse(entry.text, period=rules.period, known_codes=set(codes) - {entry.code})
        assert alone.codes() == [entry.code]
    again = parse(catalogue.compose(rules.period, [e.text for e in reversed(entries)]))
    assert sorted(again.codes()) == sorted(rules.codes())
    assert all(again[c].condition == rules[c].condition for c in codes)
    order = again.codes()
    assert order.index("KG-P-FLAG") < order.index("KG-P-MERIT") < order.index("KG-P-IND")
    assert order.index("KG-A-MERIT") < order.index("KG-A-IND")
