"""What-if: the same evaluation with a threshold or a quota changed in memory, and a diff.

Standards are immutable; an override builds a changed copy of the rule set (or the officer
edits the text and it is parsed again) and evaluates it on the same prepared facts, reusing
the features already computed for the run being compared.
"""

from __future__ import annotations

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


def _set_value(node: Condition, value: Any) -> Condition:
    if isinstance(node, PerYear) and isinstance(node.atom, Compare):
        atom = node.atom
        if isinstance(value, str):
            scale = SCALE_OF.get(atom.measure)
            parsed = scale.parse_value(value) if scale else None
            if parsed is None:
                raise RuleError(f'không biết giá trị "{value}" cho {atom.measure}')
            value = parsed
        return replace(node, atom=replace(atom, value=float(value)))
    if isinstance(node, MemberShare):
        return replace(node, amount=float(value))
    if isinstance(node, CountOver):
        return replace(node, min_count=int(value))
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


def with_threshold(rules: RuleSet, code: str, cid: str, value: Any) -> RuleSet:
    """A copy where condition `cid` ("3", "2.1") of standard `code` uses a new threshold:
    a number (score, share %, count) or a classification/rating name ("khá")."""
    std = rules[code]
    new_cond = _replace_in(std.condition, cid, lambda n: _set_value(n, value))
    if new_cond == std.condition and _find(std.condition, cid) is None:
        raise RuleError(f"tiêu chuẩn {code} không có điều kiện {cid}")
    return _swap(rules, replace(std, condition=new_cond))  # type: ignore[arg-type]


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
    thresholds: Mapping[tuple[str, str], Any] | None = None,
    quotas: Mapping[str, Mapping[str, int | float | None]] | None = None,
) -> tuple[CampaignResult, dict[str, Diff]]:
    """Evaluate again with edited rules (e.g. a re-parsed text) and/or overrides:
    thresholds {(standard, condition id): value}, quotas {standard: {category: n, ...}}.
    Returns the new result and the diff against `base`."""
    new_rules = rules or base.rules
    for (code, cid), value in (thresholds or {}).items():
        new_rules = with_threshold(new_rules, code, cid, value)
    for code, changes in (quotas or {}).items():
        new_rules = with_quota(new_rules, code, **dict(changes))
    # Facts features (per-year values, member shares) are shared; standard outcomes are not.
    features = base.features or Features(base.prepared)
    after = evaluate(new_rules, base.prepared, evaluation_year=base.context.evaluation_year,
                     standards=list(base.codes()), features=features)
    return after, diff(base, after)
