"""Reads of results: thresholds in force, recognised dates, result lists, a unit's history, movement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import filter_by_unit_scope
from thidua.core.text import fold
from thidua.org.models import Person, Unit
from thidua.org.selectors import lineage_graph
from thidua.results.access import results_visible_to
from thidua.results.models import (
    CLASSIFICATION_ORDER,
    AnnualResult,
    Classification,
    ClassificationThresholds,
    ContestPrize,
    Discipline,
    PersonRating,
    RecognisedInitiative,
    ResultRound,
)

# --- dated thresholds ----------------------------------------------------------------------


class ThresholdsBook:
    """All threshold versions, loaded once, resolved per (unit path, year) without queries."""

    def __init__(self, versions: Iterable[ClassificationThresholds] | None = None) -> None:
        if versions is None:
            versions = ClassificationThresholds.objects.select_related("scope")
        self._by_scope: dict[str, list[ClassificationThresholds]] = {}
        for version in versions:
            key = version.scope.path if version.scope_id and version.scope else "/"
            self._by_scope.setdefault(key, []).append(version)
        for items in self._by_scope.values():
            items.sort(key=lambda v: v.valid_from)

    def for_path(self, path: str, year: int) -> ClassificationThresholds | None:
        """The version in force for results of `year` of the unit at `path` (nearest scope)."""
        end_of_year = date(year, 12, 31)
        prefixes = [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]
        for prefix in reversed(prefixes):  # nearest ancestor first, "/" (everywhere) last
            chosen = None
            for version in self._by_scope.get(prefix, []):
                if version.valid_from <= end_of_year:
                    chosen = version
            if chosen is not None:
                return chosen
        return None

    def for_unit(self, unit: Unit, year: int) -> ClassificationThresholds | None:
        return self.for_path(unit.path, year)


def thresholds_for(*, unit: Unit, year: int) -> ClassificationThresholds | None:
    """The classification bands in force for `unit`'s results of `year`."""
    return ThresholdsBook().for_unit(unit, year)


def thresholds_list(user: Any) -> QuerySet[ClassificationThresholds]:
    qs = ClassificationThresholds.objects.select_related("scope")
    q = Q(scope__isnull=True)
    scoped = filter_by_unit_scope(qs.filter(scope__isnull=False), user, field="scope__path")
    return qs.filter(q | Q(pk__in=scoped.values("pk"))).order_by("scope__path", "-valid_from")


# --- recognised dates (for campaign milestones) ---------------------------------------------


def results_recognised_on(*, unit: Unit, year: int) -> date | None:
    """The date `year`'s results were officially recognised for `unit` (None if not yet).

    The round of the unit itself or of its nearest ancestor that evaluated that year counts:
    a province's recognition date is the anchor for its departments, districts and communes
    ("15 days after the province recognises the year's results", 002 §V.2). Campaign milestones
    call this to resolve relative deadlines.
    """
    codes = [c for c in unit.path.strip("/").split("/") if c]
    rounds = {
        r.evaluator.code: r
        for r in ResultRound.objects.filter(year=year, evaluator__code__in=codes)
        .select_related("evaluator")
    }
    for code in reversed(codes):
        found = rounds.get(code)
        if found is not None and found.recognised_on is not None:
            return found.recognised_on
    return None


def round_for(*, evaluator: Unit, year: int) -> ResultRound | None:
    return ResultRound.objects.filter(evaluator=evaluator, year=year).first()


def rounds_list(user: Any) -> QuerySet[ResultRound]:
    qs = ResultRound.objects.select_related("evaluator")
    return filter_by_unit_scope(qs, user, field="evaluator__path").order_by("-year",
                                                                           "evaluator__path")


# --- result lists -----------------------------------------------------------------------------

SORTS = {
    "hang": ("category__code", "rank", "unit__sort_key"),
    "diem": ("-score", "unit__sort_key"),
    "diem-tang": ("score", "unit__sort_key"),
    "ten": ("unit__sort_key",),
    "ma": ("unit__code",),
    "bien-dong": ("unit__sort_key",),  # sorted in Python after the movement is known
}


def results_years(user: Any) -> list[int]:
    qs = results_visible_to(user)
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def results_list(user: Any, *, year: int, category: str = "", classification: str = "",
                 query: str = "", within: Unit | None = None, published_only: bool = False,
                 sort: str = "hang") -> QuerySet[AnnualResult]:
    """The year's results the user may read, filtered and sorted."""
    qs = results_visible_to(user).filter(year=year).select_related("unit", "category", "round")
    if category:
        qs = qs.filter(category__code=category)
    if classification:
        qs = qs.filter(classification=classification)
    for word in fold(query).split():
        qs = qs.filter(unit__search_name__contains=word)
    if within is not None:
        qs = qs.filter(unit__path__startswith=within.path)
    if published_only:
        qs = qs.filter(round__published=True)
    return qs.order_by(*SORTS.get(sort, SORTS["hang"]))


def previous_ranks(unit_ids: Iterable[int], year: int) -> dict[int, tuple[int | None, str]]:
    """unit id -> (rank, classification) of the year before (for rank movement)."""
    rows = AnnualResult.objects.filter(year=year - 1, unit_id__in=list(unit_ids)).values_list(
        "unit_id", "rank", "classification")
    return {unit_id: (rank, cls) for unit_id, rank, cls in rows}


@dataclass
class Movement:
    """A unit's rank this year beside its rank the year before: the results movement page and
    the reports' dashboards both use this one class."""

    result: AnnualResult
    previous_rank: int | None
    previous_classification: str | None = None

    @property
    def change(self) -> int | None:
        """Places gained (positive = moved up) since the year before."""
        if self.previous_rank is None or self.result.rank is None:
            return None
        return self.previous_rank - self.result.rank

    @property
    def direction(self) -> str:
        """'len' (moved up), 'xuong' (down), 'giu' (kept), or '' without a rank the year before."""
        change = self.change
        if change is None:
            return ""
        return "len" if change > 0 else "xuong" if change < 0 else "giu"

    @property
    def previous_classification_label(self) -> str:
        if not self.previous_classification:
            return ""
        return Classification(self.previous_classification).label


def with_movement(results: Iterable[AnnualResult], year: int) -> list[Movement]:
    rows = list(results)
    before = previous_ranks((r.unit_id for r in rows), year)
    return [Movement(r, *before.get(r.unit_id, (None, None))) for r in rows]


def movement_list(user: Any, *, year: int, category: str = "", direction: str = "") -> list[Movement]:
    """Rank movement from year-1 to year, biggest movers first; direction 'len' / 'xuong'."""
    rows = with_movement(results_list(user, year=year, category=category), year)
    rows = [m for m in rows if m.change is not None]
    if direction == "len":
        rows = [m for m in rows if (m.change or 0) > 0]
    elif direction == "xuong":
        rows = [m for m in rows if (m.change or 0) < 0]
    rows.sort(key=lambda m: (-abs(m.change or 0), m.result.category.code, m.result.rank or 0))
    return rows


# --- a unit's history across years -----------------------------------------------------------


@dataclass
class HistoryYear:
    year: int
    score: Decimal | None
    rank: int | None
    classification: str | None
    sipas: Decimal | None
    category: str
    result: AnnualResult | None = None
    inherited_from: list[Unit] = field(default_factory=list)

    @property
    def classification_label(self) -> str:
        return Classification(self.classification).label if self.classification else ""


def _half_up(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def unit_history(unit: Unit) -> list[HistoryYear]:
    """The unit's results year by year; for years before a merger, its predecessors' results.

    Inherited years follow the engine's lineage rule (docs/rules.md): the worst classification,
    the mean score rounded half up to 2 decimals, no rank.
    """
    own = {r.year: r for r in AnnualResult.objects.filter(unit=unit).select_related("category")}
    graph = lineage_graph()
    predecessors_ids: list[int] = []
    frontier = list(graph.get(unit.pk, []))
    while frontier:
        current = frontier.pop(0)
        if current not in predecessors_ids and current != unit.pk:
            predecessors_ids.append(current)
            frontier.extend(graph.get(current, []))
    inherited: dict[int, list[AnnualResult]] = {}
    if predecessors_ids:
        direct = set(graph.get(unit.pk, []))
        for result in AnnualResult.objects.filter(unit_id__in=predecessors_ids).select_related(
                "unit", "category"):
            if result.year not in own and result.unit_id in direct:
                inherited.setdefault(result.year, []).append(result)
    out: list[HistoryYear] = []
    for year in sorted(set(own) | set(inherited)):
        if year in own:
            r = own[year]
            out.append(HistoryYear(year, r.score, r.rank, r.classification, r.sipas,
                                   r.category.name, r))
            continue
        rows = inherited[year]
        scores = [r.score for r in rows if r.score is not None]
        sipas = [r.sipas for r in rows if r.sipas is not None]
        worst = max((CLASSIFICATION_ORDER.index(r.classification) for r in rows), default=None)
        out.append(HistoryYear(
            year,
            _half_up(scores) if len(scores) == len(rows) and scores else None,
            None,
            CLASSIFICATION_ORDER[worst] if worst is not None else None,
            _half_up(sipas) if len(sipas) == len(rows) and sipas else None,
            rows[0].category.name,
            None,
            [r.unit for r in rows],
        ))
    return out


# --- a person's record -----------------------------------------------------------------------


@dataclass
class PersonRecord:
    ratings: list[PersonRating]
    disciplines: list[Discipline]
    initiatives: list[RecognisedInitiative]
    prizes: list[ContestPrize]


def person_record(person: Person) -> PersonRecord:
    return PersonRecord(
        ratings=list(PersonRating.objects.filter(person=person).select_related("unit")
                     .order_by("-year")),
        disciplines=list(Discipline.objects.filter(person=person).select_related("unit")
                         .order_by("-decided_on")),
        initiatives=list(RecognisedInitiative.objects.filter(person=person).order_by("-year")),
        prizes=list(ContestPrize.objects.filter(person=person).order_by("-year")),
    )


def unit_results_section(unit: Unit) -> Any:
    """The unit page's table of PAR INDEX results (thidua.org.registry): its own years and, for
    a unit formed by a merger, the years its predecessors answer for (named in each row)."""
    from django.urls import reverse

    from thidua.org.registry import UnitSection

    history = unit_history(unit)
    if not history:
        return None
    rows = []
    for h in history:
        who = "; ".join(u.name for u in h.inherited_from) if h.inherited_from else unit.name
        rows.append([str(h.year), who, f"{h.score:.2f}".replace(".", ",") if h.score is not None
                     else "—", str(h.rank) if h.rank else "—", h.classification_label or "—"])
    return UnitSection(
        title="Kết quả Chỉ số CCHC (cả các đơn vị tiền thân)",
        headers=["Năm", "Đơn vị được đánh giá", "Điểm", "Xếp hạng", "Xếp loại"], rows=rows,
        link=reverse("results:unit", args=[unit.pk]), link_text="Xem chi tiết kết quả",
        note="Năm trước khi sắp xếp: kết quả của các đơn vị tiền thân (xếp loại thấp nhất, điểm "
             "trung bình).")
