"""Reads of initiatives: filtered lists for the pages and exports, and the facts the rules read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet

from thidua.core.text import fold
from thidua.initiatives.access import initiatives_visible_to
from thidua.initiatives.models import Author, Initiative, Score, Status


def initiative_list(user: Any, *, query: str = "", status: str = "", field: str = "",
                    year: int | None = None, level: str = "", unit: Any = None) -> QuerySet[Initiative]:
    """Initiatives the user may see, filtered; search ignores diacritics."""
    qs = initiatives_visible_to(user).select_related("unit").prefetch_related(
        Prefetch("authors", queryset=Author.objects.select_related("person")))
    for word in fold(query).split():
        qs = qs.filter(search_name__contains=word)
    if status:
        qs = qs.filter(status=status)
    if field:
        qs = qs.filter(field=field)
    if year:
        qs = qs.filter(year=year)
    if level:
        qs = qs.filter(level=level)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.order_by("-submitted_at", "-id")


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    novelty: Decimal | None
    effectiveness: Decimal | None
    applicability: Decimal | None
    total: Decimal | None


def _one_decimal(value: Any) -> Decimal | None:
    # Averages are rounded once, half up, so ties do not flip with summation order (MEASURED.md).
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def score_summary(initiative: Initiative) -> ScoreSummary:
    agg = Score.objects.filter(initiative=initiative).aggregate(
        n=Count("id"), novelty=Avg("novelty"), effectiveness=Avg("effectiveness"),
        applicability=Avg("applicability"))
    parts = [agg["novelty"], agg["effectiveness"], agg["applicability"]]
    total = None if agg["n"] == 0 else sum(Decimal(str(p)) for p in parts)
    return ScoreSummary(agg["n"], _one_decimal(agg["novelty"]), _one_decimal(agg["effectiveness"]),
                        _one_decimal(agg["applicability"]), _one_decimal(total))


def initiative_facts(year_from: int, year_to: int, *, unit_ids: Iterable[int] | None = None,
                     person_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Rows of the rules engine's `initiatives` frame for years year_from..year_to.

    One row for the unit that owns the initiative (owner_kind "unit") and one per author
    (owner_kind "person"): {owner_kind, owner_id, year, level, recognised, applied}. `year` is the
    initiative's year (the campaign year it counts for), `level` the rules' INITIATIVE_LEVEL code
    ("co_quan", "huyen", "tinh") or None while not recognised. Rejected ones are left out.
    """
    qs = Initiative.objects.filter(year__gte=year_from, year__lte=year_to).exclude(
        status=Status.REJECTED)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    rows: list[dict[str, Any]] = []
    people = None if person_ids is None else set(person_ids)
    values = list(qs.values_list("id", "unit_id", "year", "level", "status", "applied"))
    authors: dict[int, list[int]] = {}
    for initiative_id, person_id in Author.objects.filter(
            initiative_id__in=[v[0] for v in values]).values_list("initiative_id", "person_id"):
        authors.setdefault(initiative_id, []).append(person_id)
    for initiative_id, unit_id, year, level, status, applied in values:
        recognised = status == Status.RECOGNISED
        base = {"year": year, "level": level or None, "recognised": recognised,
                "applied": bool(applied and recognised)}
        if people is None:
            rows.append({"owner_kind": "unit", "owner_id": unit_id, **base})
        for person_id in authors.get(initiative_id, []):
            if people is None or person_id in people:
                rows.append({"owner_kind": "person", "owner_id": person_id, **base})
    return rows


def person_initiatives(person_id: int) -> QuerySet[Initiative]:
    return Initiative.objects.filter(authors__person_id=person_id).select_related("unit").order_by(
        "-year", "-id")


def recognised_initiatives(*, year_from: int, year_to: int, unit_path: str | None = None,
                           level: str = "") -> QuerySet[Initiative]:
    """Recognised initiatives with their unit and authors, newest decision first: what the honour
    board (thidua.public) shows. Public data: no access filter; callers choose the scope."""
    qs = (Initiative.objects.filter(status=Status.RECOGNISED, year__gte=year_from, year__lte=year_to)
          .select_related("unit")
          .prefetch_related(Prefetch("authors", queryset=Author.objects.select_related("person"))))
    if unit_path:
        qs = qs.filter(unit__path__startswith=unit_path)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-decision_date", "-id")
