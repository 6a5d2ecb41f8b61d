"""Judging arithmetic: weighted rubric totals, averages over judges, ranking and advancement.

Pure Python (no Django, no app): the judging services fetch rows into these dataclasses, and
this module decides. Three ways to average an entry's totals (`Method`):

- ``mean``: the plain mean of the judges' totals;
- ``trim``: the highest and the lowest total are dropped first, when at least three judges
  scored (with fewer, the plain mean);
- ``normalised``: each judge's totals are rescaled so that every judge has the same mean and
  spread (the panel's overall mean and standard deviation): z = (t − m_j) / s_j, then
  m + z·s. A judge with fewer than two scores, or whose totals are all equal, keeps raw totals
  (there is no spread to correct). This removes a lenient or severe judge's bias.

Ranking (the documented tie-break): higher average first; on equal averages the higher lowest
single total (the entry no judge marked down); then the earlier submission; then the entry code.
An entry with fewer scores than the panel's minimum is not ranked.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Method = Literal["mean", "trim", "normalised"]
METHODS: tuple[Method, ...] = ("mean", "trim", "normalised")
TWO_PLACES = Decimal("0.01")


class ScoringError(ValueError):
    """A value outside its criterion's range, or a missing criterion; the message is Vietnamese."""


@dataclass(frozen=True)
class Criterion:
    key: Hashable
    name: str
    weight: Decimal
    low: Decimal
    high: Decimal


def weighted_total(criteria: Sequence[Criterion], values: Mapping[Hashable, Decimal]) -> Decimal:
    """Σ weight × value over the rubric; every criterion needs a value within [low, high]."""
    total = Decimal(0)
    for c in criteria:
        if c.key not in values or values[c.key] is None:
            raise ScoringError(f"Chưa cho điểm tiêu chí «{c.name}».")
        value = Decimal(values[c.key])
        if not (c.low <= value <= c.high):
            raise ScoringError(f"Điểm tiêu chí «{c.name}» phải từ {_num(c.low)} đến {_num(c.high)} "
                               f"(đã nhập {_num(value)}).")
        total += c.weight * value
    return total.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def max_total(criteria: Sequence[Criterion]) -> Decimal:
    return sum((c.weight * c.high for c in criteria), Decimal(0)).quantize(TWO_PLACES)


@dataclass(frozen=True)
class Sheet:
    """One judge's total for one entry in one round."""

    entry: Hashable
    judge: Hashable
    total: Decimal


@dataclass
class EntryResult:
    entry: Hashable
    totals: list[Decimal] = field(default_factory=list)  # as counted (after normalisation)
    count: int = 0
    average: Decimal | None = None  # None: fewer scores than the minimum
    lowest: Decimal | None = None
    rank: int | None = None

    @property
    def enough(self) -> bool:
        return self.average is not None


def _normalise(sheets: Sequence[Sheet]) -> list[Sheet]:
    if len(sheets) < 2:
        return list(sheets)
    values = [float(s.total) for s in sheets]
    m = sum(values) / len(values)
    s = _stdev(values)
    by_judge: dict[Hashable, list[Sheet]] = defaultdict(list)
    for sheet in sheets:
        by_judge[sheet.judge].append(sheet)
    out = []
    for own in by_judge.values():
        own_values = [float(x.total) for x in own]
        sj = _stdev(own_values)
        if len(own) < 2 or sj == 0 or s == 0:
            out.extend(own)
            continue
        mj = sum(own_values) / len(own_values)
        for x in own:
            z = (float(x.total) - mj) / sj
            out.append(Sheet(x.entry, x.judge, Decimal(repr(m + z * s)).quantize(TWO_PLACES)))
    return out


def _stdev(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))


def aggregate(entries: Iterable[Hashable], sheets: Sequence[Sheet], *, method: Method,
              min_scores: int) -> dict[Hashable, EntryResult]:
    """Each entry's counted totals and average (None below `min_scores`)."""
    if method not in METHODS:
        raise ScoringError(f"Cách tính điểm không hợp lệ: {method}.")
    counted = _normalise(sheets) if method == "normalised" else list(sheets)
    results = {e: EntryResult(e) for e in entries}
    for sheet in counted:
        if sheet.entry in results:
            results[sheet.entry].totals.append(sheet.total)
    for r in results.values():
        r.count = len(r.totals)
        if r.count == 0 or r.count < min_scores:
            continue
        kept = sorted(r.totals)
        if method == "trim" and len(kept) >= 3:
            kept = kept[1:-1]
        r.average = (sum(kept, Decimal(0)) / len(kept)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        r.lowest = min(r.totals)
    return results


def rank(results: Mapping[Hashable, EntryResult], *, submitted: Mapping[Hashable, object],
         codes: Mapping[Hashable, str]) -> list[EntryResult]:
    """The ranked entries (those with an average), rank 1 first, by the documented tie-break."""
    ranked = sorted((r for r in results.values() if r.average is not None),
                    key=lambda r: (-(r.average or 0), -(r.lowest or 0), submitted[r.entry],
                                   codes[r.entry]))
    for i, r in enumerate(ranked, start=1):
        r.rank = i
    return ranked


def advancing(ranked: Sequence[EntryResult], *, count: int | None = None,
              share: Decimal | None = None) -> list[EntryResult]:
    """The first `count` ranked entries, or the first ⌈share × ranked⌉ (share in percent)."""
    if count is None and share is None:
        raise ScoringError("Chưa quy định số bài hoặc tỷ lệ bài vào vòng sau.")
    n = count if count is not None else math.ceil(Decimal(len(ranked)) * (share or 0) / 100)
    return list(ranked[:n])


def _num(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
