"""What-if: the same evaluation with a threshold or a quota changed in memory, and a diff.

Standards are immutable; an override builds a changed copy of the rule set (or the officer
edits the text and it is parsed again) and evaluates it on the same prepared facts, reusing
the features already computed for the run being compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from thidua.rules.ast import (
    AllOf,
    Amount,
    AnyOf,
    Compare,
    Condition,
    CountOver,
    IfThen,
    MemberShare,
    Not,
    PerYear,
    Quota,
    RuleSet,
    Scoped,
    Standard,
)
from thidua.rules.engine import CampaignResult, Features, evaluate
from thidua.rules.errors import RuleError
from thidua.rules.parser import SCALE_OF


@dataclass(frozen=True)
class Diff:
    """Who entered and who left a standard's eligible and selected lists."""

    standard: str
    entered_eligible: list[str]
    left_eligible: list[str]
    entered_selected: list[str]
    left_selected: list[str]

    def is_empty(self) -> bool:
        return not (self.entered_eligible or self.left_eligible or self.entered_selected
                    or self.left_selected)


def _set_years(node: Condition, n: Any, period_years: int) -> Condition:
    """The N of «ít nhất N năm» / «N năm liên tiếp» (002 §IV.1.1.a: what if 2 years of
    xuất sắc were enough instead of 3)."""
    quant = getattr(node, "quant", None)
    if not isinstance(node, PerYear | MemberShare) or quant is None or \
            quant.kind not in ("at_least", "in_a_row"):
        raise RuleError(f"điều kiện {node.cid} không có số năm («ít nhất N năm», «N năm liên "
                        "tiếp») để thay đổi")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise RuleError(f"số năm phải là số nguyên dương, không phải «{n}»")
    if n > period_years:
        raise RuleError(f"{n} năm nhưng khoảng xét chỉ có {period_years} năm")
    new = f"{n} năm liên tiếp" if quant.kind == "in_a_row" else f"ít nhất {n} năm"
    return replace(node, quant=replace(quant, n=n), text=_assumed(node.text, new))


def _assumed(text: str, new: str) -> str:
    """The condition as written, with the what-if beside it (explanations show this text)."""
    return f"{text} [giả định: {new}]"


def _set_value(node: Condition, value: Any) -> Condition:
    if isinstance(node, PerYear) and isinstance(node.atom, Compare):
        atom = node.atom
        if isinstance(value, str):
            scale = SCALE_OF.get(atom.measure)
            parsed = scale.parse_value(value) if scale else None
            if parsed is None:
                raise RuleError(_unknown_level(node, value))
            value = parsed
        shown = str(value) if not isinstance(value, float) else f"{value:g}".replace(".", ",")
        if atom.measure in SCALE_OF:
            shown = SCALE_OF[atom.measure].label_of(int(value))
        return replace(node, atom=replace(atom, value=float(value)),
                       text=_assumed(node.text, f"{atom.op} {shown}"))
    if isinstance(node, MemberShare):
        return replace(node, amount=float(value),
                       text=_assumed(node.text, f"{float(value):g}%".replace(".", ",")))
    if isinstance(node, CountOver):
        return replace(node, min_count=int(value),
                       text=_assumed(node.text, f"ít nhất {int(value)}"))
    raise RuleError(f"điều kiện {node.cid} không có ngưỡng để thay đổi")


def _replace_in(node: Condition, cid: str, fn: Any) -> Condition:
    if node.cid == cid:
        return fn(node)
    if isinstance(node, AllOf | AnyOf):
        return replace(node, children=tuple(_replace_in(c, cid, fn) for c in node.children))
    if isinstance(node, Not | Scoped) and node.child is not None:
        return replace(node, child=_replace_in(node.child, cid, fn))
    if isinstance(node, IfThen) and node.when is not None and node.then is not None:
        return replace(node, when=_replace_in(node.when, cid, fn),
                       then=_replace_in(node.then, cid, fn))
    return node


MEASURE_WORDS = {"cls": "xếp loại CCHC", "rating": "xếp loại chất lượng", "title": "danh hiệu"}


def _unknown_level(node: Condition, value: Any) -> str:
    atom = node.atom if isinstance(node, PerYear) else None
    measure = getattr(atom, "measure", "")
    scale = SCALE_OF.get(measure)
    levels = ", ".join(scale.labels) if scale is not None else ""
    what = MEASURE_WORDS.get(measure, "ngưỡng")
    quant = getattr(node, "quant", None)
    hint = ""
    if str(value).strip().isdigit() and quant is not None and quant.kind in ("at_least",
                                                                             "in_a_row"):
        hint = f"; để đổi số năm hãy viết «{str(value).strip()} năm»"
    return f"«{value}» không phải một mức {what} (dùng một trong: {levels}){hint}"


def with_threshold(rules: RuleSet, code: str, cid: str, value: Any,
                   part: str = "value") -> RuleSet:
    """A copy where condition `cid` ("3", "2.1") of standard `code` uses a new threshold:
    a number (score, share %, count) or a classification/rating name ("khá"); with
    part="years", the N of «ít nhất N năm» / «N năm liên tiếp»."""
    std = _standard(rules, code)
    if _find(std.condition, cid) is None:
        raise RuleError(f"tiêu chuẩn {code} không có điều kiện {cid}")
    if part == "years":
        span = len(rules.period.years())
        new_cond = _replace_in(std.condition, cid, lambda n: _set_years(n, value, span))
    elif part == "value":
        new_cond = _replace_in(std.condition, cid, lambda n: _set_value(n, value))
    else:
        raise RuleError(f"không biết phần «{part}» của điều kiện")
    return _swap(rules, replace(std, condition=new_cond))  # type: ignore[arg-type]


def _standard(rules: RuleSet, code: str) -> Standard:
    try:
        return rules[code]
    except KeyError:
        raise RuleError(f"không có tiêu chuẩn {code}") from None


_YEARS = re.compile(r"^\s*(\d+)\s*(năm|nam|lần|lan)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


def threshold_override(rules: RuleSet, code: str, cid: str,
                       text: str) -> tuple[tuple[str, str] | tuple[str, str, str], Any]:
    """Reads what an officer types for a what-if on condition `cid` of standard `code`:
    "2 năm" / "2 lần" is the N of «ít nhất N năm» or «N năm liên tiếp»; a level name ("khá")
    or a number (score, share %, count) is the value compared. Returns the key and value for
    `what_if(thresholds={key: value})`; a text that fits neither is a RuleError in Vietnamese
    (a bare "2" on a classification is not read as «trung bình»)."""
    std = _standard(rules, code)
    node = _find(std.condition, cid)
    if node is None:
        raise RuleError(f"tiêu chuẩn {code} không có điều kiện {cid}")
    raw = str(text).strip()
    if not raw:
        raise RuleError(f"chưa nhập giá trị giả định cho điều kiện {cid} của {code}")
    years = _YEARS.match(raw)
    if years:
        n = int(years.group(1))
        _set_years(node, n, len(rules.period.years()))  # checks it fits, raises otherwise
        return (code, cid, "years"), n
    if isinstance(node, PerYear) and isinstance(node.atom, Compare) and \
            node.atom.measure in SCALE_OF:
        if SCALE_OF[node.atom.measure].parse_value(raw) is None:
            raise RuleError(_unknown_level(node, raw))
        return (code, cid), raw
    number = _NUMBER.match(raw)
    if number is None:
        raise RuleError(f"«{raw}» không phải một số; ví dụ: 80, 85,5, 70%, hoặc «2 năm»")
    value = float(number.group(1).replace(",", "."))
    if isinstance(node, CountOver):
        if not value.is_integer():
            raise RuleError(f"số lượng phải là số nguyên, không phải «{raw}»")
        return (code, cid), int(value)
    _set_value(node, value)  # a condition without a threshold raises here
    return (code, cid), value


def describe_override(rules: RuleSet, key: tuple[str, ...], value: Any) -> str:
    """The what-if in the officer's words, the standard by its title (not its code): «Cờ thi
    đua của UBND tỉnh, điều kiện 3 «xếp loại CCHC = xuất sắc ít nhất 3 năm trong 2021..2025»:
    ít nhất 2 năm»."""
    code, cid = key[0], key[1]
    standard = _standard(rules, code)
    node = _find(standard.condition, cid)
    text = node.text if node is not None else ""
    if len(key) > 2 and key[2] == "years":
        quant = getattr(node, "quant", None)
        new = f"{value} năm liên tiếp" if quant is not None and quant.kind == "in_a_row" \
            else f"ít nhất {value} năm"
    else:
        new = str(value).replace(".", ",") if isinstance(value, float) else str(value)
        if isinstance(value, float) and value.is_integer():
            new = str(int(value))
    return f"{standard.title or code}, điều kiện {cid} «{text}»: {new}"


def with_quota(rules: RuleSet, code: str, **changes: int | float | None) -> RuleSet:
    """A copy with quota changes: category codes (with "-" written "_") to counts or
    percentages (float < 1 is not a percentage: pass 20.0 for 20 %), `per_unit`, `total`,
    `every_category`. None removes a limit."""
    std = rules[code]
    q = std.quota
    per_cat = dict(q.per_category)
    kwargs: dict[str, Any] = {}
    for key, val in changes.items():
        if key in ("per_unit", "total"):
            kwargs[key] = None if val is None else int(val)
        elif key == "every_category":
            kwargs[key] = None if val is None else _amount(val)
        else:
            cat = key.replace("_", "-")
            if val is None:
                per_cat.pop(cat, None)
            else:
                per_cat[cat] = _amount(val)
    new_q: Quota = replace(q, per_category=tuple(per_cat.items()), **kwargs)
    return _swap(rules, replace(std, quota=new_q))


def _amount(val: int | float) -> Amount:
    return Amount(count=val) if isinstance(val, int) else Amount(percent=float(val))


def _find(node: Condition, cid: str) -> Condition | None:
    if node.cid == cid:
        return node
    for child in _kids(node):
        hit = _find(child, cid)
        if hit is not None:
            return hit
    return None


def _kids(node: Condition) -> tuple[Condition, ...]:
    from thidua.rules.ast import children

    return children(node)


def _swap(rules: RuleSet, std: Standard) -> RuleSet:
    return replace(rules, standards=tuple(std if s.code == std.code else s
                                          for s in rules.standards))


def diff(before: CampaignResult, after: CampaignResult) -> dict[str, Diff]:
    """Per standard evaluated in both runs: who entered and who left."""
    out: dict[str, Diff] = {}
    for code in before.codes():
        if code not in after.frames:
            continue
        b, a = before[code], after[code]
        be, ae = set(b.eligible()), set(a.eligible())
        bs, as_ = set(b.selected()), set(a.selected())
        out[code] = Diff(code, sorted(ae - be), sorted(be - ae), sorted(as_ - bs),
                         sorted(bs - as_))
    return out


def what_if(
    base: CampaignResult,
    *,
    rules: RuleSet | None = None,
    thresholds: Mapping[tuple[str, ...], Any] | None = None,
    quotas: Mapping[str, Mapping[str, int | float | None]] | None = None,
) -> tuple[CampaignResult, dict[str, Diff]]:
    """Evaluate again with edited rules (e.g. a re-parsed text) and/or overrides:
    thresholds {(standard, condition id): value} or {(standard, condition id, "years"): n}
    (see threshold_override), quotas {standard: {category: n, ...}}.
    Returns the new result and the diff against `base`."""
    new_rules = rules or base.rules
    for key, value in (thresholds or {}).items():
        code, cid = key[0], key[1]
        part = key[2] if len(key) > 2 else "value"
        new_rules = with_threshold(new_rules, code, cid, value, part)
    for code, changes in (quotas or {}).items():
        new_rules = with_quota(new_rules, code, **dict(changes))
    # Facts features (per-year values, member shares) are shared; standard outcomes are not.
    features = base.features or Features(base.prepared)
    after = evaluate(new_rules, base.prepared, evaluation_year=base.context.evaluation_year,
                     standards=list(base.codes()), features=features)
    return after, diff(base, after)
