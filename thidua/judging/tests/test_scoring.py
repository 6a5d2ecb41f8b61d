"""The judging arithmetic (thidua/judging/scoring.py): no database."""

from decimal import Decimal as D

import pytest

from thidua.judging.scoring import (
    Criterion,
    ScoringError,
    Sheet,
    advancing,
    aggregate,
    rank,
    weighted_total,
)

RUBRIC = [Criterion(1, "Nội dung", D(2), D(0), D(10)), Criterion(2, "Văn phong", D(1), D(0), D(20))]


def test_weighted_total_sums_weight_times_points():
    assert weighted_total(RUBRIC, {1: D("7.5"), 2: D(12)}) == D("27.00")


def test_weighted_total_refuses_a_value_out_of_range_naming_the_criterion():
    with pytest.raises(ScoringError, match="«Văn phong» phải từ 0 đến 20 \\(đã nhập 21\\)"):
        weighted_total(RUBRIC, {1: D(5), 2: D(21)})


def test_weighted_total_refuses_a_missing_criterion():
    with pytest.raises(ScoringError, match="Chưa cho điểm tiêu chí «Nội dung»"):
        weighted_total(RUBRIC, {2: D(5)})


def _sheets(rows):
    return [Sheet(e, j, D(t)) for e, j, t in rows]


def test_mean_needs_the_minimum_number_of_scores():
    results = aggregate(["a", "b"], _sheets([("a", 1, 80), ("a", 2, 70), ("b", 1, 90)]),
                        method="mean", min_scores=2)
    assert results["a"].average == D("75.00")
    assert results["b"].average is None and results["b"].count == 1


def test_trim_drops_the_highest_and_the_lowest_with_three_or_more_judges():
    sheets = _sheets([("a", 1, 100), ("a", 2, 70), ("a", 3, 60), ("a", 4, 10)])
    assert aggregate(["a"], sheets, method="trim", min_scores=3)["a"].average == D("65.00")
    two = _sheets([("b", 1, 100), ("b", 2, 70)])
    assert aggregate(["b"], two, method="trim", min_scores=1)["b"].average == D("85.00")


def test_normalisation_removes_a_lenient_judges_bias():
    # Judge 1 gives everything 20 points more than judge 2; judge 1 scored only entry "a" high.
    sheets = _sheets([("a", 1, 95), ("b", 1, 85), ("a", 2, 70), ("b", 2, 60),
                      ("c", 2, 65), ("c", 1, 90)])
    plain = aggregate("abc", sheets, method="mean", min_scores=2)
    normal = aggregate("abc", sheets, method="normalised", min_scores=2)
    # Same order either way (both judges agree a > c > b) …
    assert [r.entry for r in rank(plain, submitted=dict.fromkeys("abc", 0), codes={e: e for e in "abc"})] \
        == ["a", "c", "b"]
    # … and after normalisation each judge's totals have the panel's mean: the two judges' scores
    # of the same entry become equal.
    assert normal["a"].totals[0] == normal["a"].totals[1]


def test_ranking_tie_break_is_the_lowest_single_total_then_the_earlier_submission():
    sheets = _sheets([("a", 1, 80), ("a", 2, 80), ("b", 1, 90), ("b", 2, 70),
                      ("c", 1, 80), ("c", 2, 80)])
    results = aggregate("abc", sheets, method="mean", min_scores=2)
    ranked = rank(results, submitted={"a": 2, "b": 1, "c": 1}, codes={e: e for e in "abc"})
    # All average 80; a and c have no total below 80, b has 70; c was submitted before a.
    assert [(r.entry, r.rank) for r in ranked] == [("c", 1), ("a", 2), ("b", 3)]


def test_advancing_by_number_or_share():
    results = aggregate("abcde", _sheets([(e, 1, 90 - i) for i, e in enumerate("abcde")]),
                        method="mean", min_scores=1)
    ranked = rank(results, submitted=dict.fromkeys("abcde", 0), codes={e: e for e in "abcde"})
    assert [r.entry for r in advancing(ranked, count=2)] == ["a", "b"]
    assert [r.entry for r in advancing(ranked, share=D(50))] == ["a", "b", "c"]  # ⌈2,5⌉
    with pytest.raises(ScoringError):
        advancing(ranked)


def test_the_module_imports_no_django():
    import ast
    from pathlib import Path

    import thidua.judging.scoring as module

    tree = ast.parse(Path(module.__file__).read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(n.startswith(("django", "thidua")) for n in names)
