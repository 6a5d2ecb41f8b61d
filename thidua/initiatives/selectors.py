"""Reads of initiatives: filtered lists for the pages and exports, and the facts the rules read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from thidua.core.text import fold
from thidua.initiatives import council
from thidua.initiatives.access import initiatives_visible_to
from thidua.initiatives.council import ScoreSummary
from thidua.initiatives.models import Author, Initiative, Status


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


def score_summary(initiative: Initiative) -> ScoreSummary:
    """The council's averages (thidua/initiatives/council.py, on the shared judging module)."""
    return council.score_summary(initiative)


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


def council_view(initiative_id: int) -> Any:
    """What a council member sees on the judging pages (thidua.judging.registry)."""
    from thidua.judging.registry import BlindEntry

    i = Initiative.objects.select_related("unit").get(pk=initiative_id)
    authors = ", ".join(a.person.full_name for a in i.authors.select_related("person"))
    return BlindEntry(title=i.title, topic=i.get_field_display(), author=f"{authors} ({i.unit.name})",
                      text=f"{i.description}\n\nHiệu quả: {i.effect}\n\nPhạm vi áp dụng: {i.scope}")
