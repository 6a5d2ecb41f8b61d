"""Reads of the organisation: subtrees, lineage ("this unit and its predecessors for year Y")."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Case, IntegerField, QuerySet, Value, When

from thidua.accounts.access import filter_by_unit_scope, visible_units
from thidua.core.text import fold
from thidua.org.models import LineageLink, Person, Unit


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


def unit_lineage_by_year(unit: Unit, years: list[int]) -> dict[int, list[Unit]]:
    """For each year, the unit and its predecessors that were active during it.

    Rule: the results of a year belong to the units that existed in that year; a unit formed by a
    merger answers for the years before it with its predecessors (see docs/lineage.md).
    One read of the lineage graph and one query, whatever the number of years.
    """
    ids = [unit.pk, *predecessors(unit)]
    candidates = list(Unit.objects.filter(pk__in=ids).select_related("category"))
    return {year: [u for u in candidates if u.is_active_in_year(year)] for year in years}


def unit_lineage_for_year(unit: Unit, year: int) -> list[Unit]:
    """The unit and its predecessors that were active during `year`."""
    return unit_lineage_by_year(unit, [year])[year]


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


def visible_roots(user) -> QuerySet[Unit]:  # noqa: ANN001
    """The top of the tree the user may browse: the highest visible units."""
    units = visible_units(user).only("path")
    paths = sorted(units.values_list("path", flat=True))
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return Unit.objects.filter(path__in=roots).select_related("category").order_by("sort_key")


KIND_ORDER = ["department", "cchc_body", "district", "division", "commune", "province"]


def children_of(unit: Unit, *, include_ended: bool) -> QuerySet[Unit]:
    """Direct children, departments first, then districts and communes, in Vietnamese order;
    `n_children` is annotated so the tree needs no query per node."""
    from django.db.models import Case, Count, IntegerField, Value, When

    kind_rank = Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(KIND_ORDER)],
                     default=Value(99), output_field=IntegerField())
    qs = (unit.children.select_related("category")
          .annotate(n_children=Count("children"), kind_rank=kind_rank)
          .order_by("kind_rank", "sort_key"))
    if not include_ended:
        qs = qs.filter(active_to__isnull=True)
    return qs


def people_list(user, *, query: str = "", unit: Unit | None = None, gender: str = "",  # noqa: ANN001
                include_subunits: bool = True):
    """People visible to `user`, filtered; search ignores diacritics; Vietnamese name order."""
    from thidua.org.models import Person

    qs = Person.objects.select_related("unit", "unit__parent")
    qs = filter_by_unit_scope(qs, user, field="unit__path")
    for word in fold(query).split():
        qs = qs.filter(search_name__contains=word)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path) if include_subunits else qs.filter(unit=unit)
    if gender:
        qs = qs.filter(gender=gender)
    return qs.order_by("sort_key", "id")


PERSON_SEARCH_LIMIT = 20


def person_search(user, query: str, *, near: Unit | None = None,  # noqa: ANN001
                  within: QuerySet[Person] | None = None, limit: int = PERSON_SEARCH_LIMIT) -> list:
    """The people visible to `user` whose name or code has every word of `query` (no diacritics
    needed), the people of `near`'s subtree first; at most `limit`, in one query. `within`: only
    among these (a picker's own source, core.pickers.person_source)."""
    words = fold(query).split()
    if not words and near is None:
        return []
    qs = people_list(user, query=query)
    if within is not None:
        qs = qs.filter(pk__in=within.values("pk"))
    if near is not None:
        qs = qs.annotate(elsewhere=Case(When(unit__path__startswith=near.path, then=Value(0)),
                                        default=Value(1), output_field=IntegerField()))
        qs = qs.order_by("elsewhere", "sort_key", "id")
        if not words:
            qs = qs.filter(elsewhere=0)
    return list(qs[:limit])


def unit_search(user, query: str) -> QuerySet[Unit]:  # noqa: ANN001
    qs = visible_units(user).select_related("category", "parent")
    for word in fold(query).split():
        qs = qs.filter(search_name__contains=word)
    return qs.order_by("sort_key")


def successors_on(unit: Unit, day: date) -> list[Unit]:
    """The units that carry `unit` on at `day`: itself while it is active, otherwise its
    successors followed through the lineage until active ones (a split gives several; a unit
    dissolved without successor gives none). One query per event crossed."""
    frontier, seen, found = [unit], {unit.pk}, []
    while frontier:
        current = frontier.pop(0)
        if current.is_active_on(day):
            found.append(current)
            continue
        nexts = Unit.objects.filter(predecessor_links__predecessor=current).select_related(
            "category", "parent").distinct().order_by("code")
        for nxt in nexts:
            if nxt.pk not in seen:
                seen.add(nxt.pk)
                frontier.append(nxt)
    return found



def continuation_paths(root: Unit) -> list[str]:
    """Paths of the units that carry on the units *inside* `root`'s subtree after they ended —
    the commune formed from its communes, the department its department merged into — but not
    the unit that carries on `root` itself: after Kiên Giang merged into An Giang, Kiên Giang's
    campaign reaches the new communes and merged departments that continue Kiên Giang's units,
    never the units An Giang had of its own (docs/lineage.md, "A campaign outlives its issuer").
    One query per lineage step crossed."""
    frontier = list(LineageLink.objects.filter(
        predecessor__path__startswith=root.path, successor__isnull=False)
        .exclude(predecessor=root).values_list("successor_id", "successor__path"))
    seen: dict[int, str] = {}
    while frontier:
        fresh = {pk: path for pk, path in frontier
                 if pk not in seen and not path.startswith(root.path)}
        seen.update(fresh)
        frontier = list(LineageLink.objects.filter(
            predecessor_id__in=fresh, successor__isnull=False)
            .values_list("successor_id", "successor__path")) if fresh else []
    paths = sorted(set(seen.values()))
    # a path under another one adds nothing to a prefix match
    return [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]


def open_memberships_on_ended_units(day: date) -> QuerySet:
    """Open memberships (people still counted there) on units that ended before `day`."""
    from thidua.org.models import Membership

    return (Membership.objects.filter(end__isnull=True, unit__active_to__lt=day)
            .select_related("person", "unit").order_by("unit__path", "person__sort_key"))
