"""The arithmetic of the PAR INDEX (Decision 876/QĐ-BNV as provinces apply it): pure Python.

A sub-criterion's final points: from the survey (its value in % of its maximum, the maximum
being the survey component's weight), else the appraised points when the appraisal team set
them, else the unit's own points. The index is the total in % of the set's maximum (results
are published as percentages), rounded half up to two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def final_points(*, source: str, max_points: Decimal, self_points: Decimal | None,
                 appraised_points: Decimal | None, survey_value: Decimal | None) -> Decimal:
    if source == "survey":
        if survey_value is None:
            return Decimal(0)
        return (max_points * survey_value / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    if appraised_points is not None:
        return appraised_points
    if source == "appraisal":
        return Decimal(0)
    return self_points if self_points is not None else Decimal(0)


def index(total: Decimal, maximum: Decimal) -> Decimal:
    if maximum <= 0:
        return Decimal(0)
    return (total * HUNDRED / maximum).quantize(CENT, ROUND_HALF_UP)


def competition_ranks(scores: Sequence[Decimal]) -> list[int]:
    """1-based ranks, high to low; equal scores share a rank (1, 2, 2, 4)."""
    first: dict[Decimal, int] = {}
    for position, value in enumerate(sorted(scores, reverse=True), start=1):
        first.setdefault(value, position)
    return [first[s] for s in scores]


def median(values: Sequence[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(CENT, ROUND_HALF_UP)
