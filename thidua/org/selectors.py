"""Reads of the organisation: subtrees, lineage ("this unit and its predecessors for year Y")."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from thidua.org.models import LineageLink, Unit


def lineage_graph() -> dict[int, list[int]]:
    """successor id -> predecessor ids, for every recorded event."""
    graph: dict[int, list[int]] = defaultdict(list)
    for pred, succ in LineageLink.objects.filter(successor__isnull=False).values_list(
        "predecessor_id", "successor_id"
    ):
        graph[succ].append(pred)
    return dict(graph)


def predecessors(unit: Unit, *, graph: dict[int, list[int]] | None = None) -> list[int]:
    """All predecessor ids (transitively), nearest first, without the unit itself."""
    graph = lineage_graph() if graph is None else graph
    seen: list[int] = []
    frontier = list(graph.get(unit.pk, []))
    while frontier:
        current = frontier.pop(0)
        if current in seen or current == unit.pk:
            continue
        seen.append(current)
        frontier.extend(graph.get(current, []))
    return seen


def predecessor_paths(unit: Unit) -> list[str]:
    ids = predecessors(unit)
    return list(Unit.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else []


def unit_lineage_for_year(unit: Unit, year: int) -> QuerySet[Unit]:
    """The unit and its predecessors that were active during `year`.

    Rule: the results of a year belong to the units that existed in that year; a unit formed by a
    merger answers for the years before it with its predecessors (see docs/lineage.md).
    """
    ids = [unit.pk, *predecessors(unit)]
    candidates = Unit.objects.filter(pk__in=ids).select_related("category")
    return candidates.filter(
        id__in=[u.pk for u in candidates if u.is_active_in_year(year)]
    )


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)
