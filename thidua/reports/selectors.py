"""The figures of a campaign's review, and the lists behind the dashboard's charts.

Scope of a campaign's figures (docs/reports.md):
- plan issuance and registration: the campaign's participants (the units asked to take part);
- initiatives, contests and PAR INDEX results: units in the issuer's subtree, in the years of
  the campaign up to the review's last year; results count only from published rounds;
- awards: awards of the campaign (achievement year up to the last year) from issued decisions,
  or entered from earlier paper decisions. Draft decisions and nominations never count.

Each number comes from one query here; tests/… recompute them with plain ORM counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.awards.models import Award, DecisionStatus
from thidua.campaigns.models import Campaign, Participant, PlanIssueStatus, Registration
from thidua.contests.models import Contest
from thidua.contests.selectors import participation
from thidua.initiatives.models import Initiative, Level
from thidua.initiatives.models import Status as InitiativeStatus
from thidua.org.models import Unit, UnitCategory
from thidua.results.models import CLASSIFICATION_ORDER, AnnualResult, Classification
from thidua.results.selectors import Movement
from thidua.rules.vocab import CLASSIFICATION


def percent(count: int, total: int) -> Decimal | None:
    """count / total as a percentage with one decimal, rounded half up (None when total is 0)."""
    if not total:
        return None
    return (Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    return "–" if value is None else f"{value}".replace(".", ",") + " %"


# --- scope ------------------------------------------------------------------------------------


def years_of(campaign: Campaign, last_year: int) -> list[int]:
    return list(range(campaign.period_start.year, max(campaign.period_start.year, last_year) + 1))


def scope_units(campaign: Campaign) -> QuerySet[Unit]:
    """Units in the issuer's subtree (the issuer included)."""
    return Unit.objects.filter(path__startswith=campaign.issuer.path)


def published_results(campaign: Campaign, years: Iterable[int]) -> QuerySet[AnnualResult]:
    return (AnnualResult.objects.filter(unit__path__startswith=campaign.issuer.path,
                                        year__in=list(years), round__published=True)
            .select_related("unit", "category"))


def campaign_awards(campaign: Campaign, last_year: int | None = None) -> QuerySet[Award]:
    """Awards of the campaign from issued decisions (or recorded from paper decisions)."""
    qs = Award.objects.filter(campaign=campaign).filter(
        Q(decision__isnull=True) | Q(decision__status=DecisionStatus.ISSUED))
    if last_year is not None:
        qs = qs.filter(year__lte=last_year)
    return qs.select_related("unit", "unit__category", "person", "decision")


def scope_initiatives(campaign: Campaign, years: Iterable[int]) -> QuerySet[Initiative]:
    return Initiative.objects.filter(unit__path__startswith=campaign.issuer.path,
                                     year__in=list(years))


def scope_contests(campaign: Campaign, years: list[int]) -> QuerySet[Contest]:
    """Contests organised in the issuer's subtree with a round open in one of the years."""
    first, last = years[0], years[-1]
    return (Contest.objects.filter(organiser__path__startswith=campaign.issuer.path,
                                   rounds__opens_at__year__lte=last,
                                   rounds__closes_at__year__gte=first)
            .distinct().select_related("organiser").order_by("code"))


# --- the figures of a review ------------------------------------------------------------------


@dataclass
class CategoryCount:
    """Participants of one unit category: plans issued and registrations."""

    code: str
    name: str
    participants: int = 0
    plans_issued: int = 0
    plans_exempt: int = 0
    registered: int = 0
    people_registered: int = 0

    @property
    def plan_rate(self) -> Decimal | None:
        return percent(self.plans_issued, self.participants - self.plans_exempt)

    @property
    def registration_rate(self) -> Decimal | None:
        return percent(self.registered, self.participants)


@dataclass
class ContestRow:
    contest: Contest
    staff: int
    took_part: int
    public: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.took_part, self.staff)


@dataclass
class Counted:
    """A labelled count (a row of a 'by form', 'by unit' … table)."""

    key: str
    label: str
    count: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Figures:
    campaign: Campaign
    last_year: int
    years: list[int]
    # plans and registration
    categories: list[CategoryCount]
    registrations_by_month: list[tuple[date, int]]
    # initiatives
    initiatives_total: int
    initiatives_recognised: int
    initiatives_applied: int
    initiatives_by_level: list[Counted]
    initiatives_by_year: dict[int, tuple[int, int]]  # year -> (submitted, recognised)
    # contests
    contests: list[ContestRow]
    # results: year -> classification -> count; year -> mean score
    results_by_year: dict[int, dict[str, int]]
    mean_score_by_year: dict[int, Decimal | None]
    # awards
    awards_total: int
    awards_collective: int
    awards_individual: int
    reward_total: int
    awards_by_form: list[Counted]
    awards_by_category: list[Counted]
    awards_by_unit: list[Counted]
    awards_by_year: dict[int, int]

    # totals of the category rows
    @property
    def participants(self) -> int:
        return sum(c.participants for c in self.categories)

    @property
    def plans_issued(self) -> int:
        return sum(c.plans_issued for c in self.categories)

    @property
    def plans_exempt(self) -> int:
        return sum(c.plans_exempt for c in self.categories)

    @property
    def plans_pending(self) -> int:
        return self.participants - self.plans_issued - self.plans_exempt

    @property
    def plan_rate(self) -> Decimal | None:
        return percent(self.plans_issued, self.participants - self.plans_exempt)

    @property
    def registered(self) -> int:
        return sum(c.registered for c in self.categories)

    @property
    def registration_rate(self) -> Decimal | None:
        return percent(self.registered, self.participants)

    @property
    def people_registered(self) -> int:
        return sum(c.people_registered for c in self.categories)

    @property
    def contest_staff(self) -> int:
        return sum(c.staff for c in self.contests)

    @property
    def contest_took_part(self) -> int:
        return sum(c.took_part for c in self.contests)

    @property
    def contest_public(self) -> int:
        return sum(c.public for c in self.contests)

    @property
    def contest_rate(self) -> Decimal | None:
        return percent(self.contest_took_part, self.contest_staff)

    @property
    def initiative_rate(self) -> Decimal | None:
        return percent(self.initiatives_recognised, self.initiatives_total)

    @property
    def results_years(self) -> list[int]:
        return [y for y in self.years if sum(self.results_by_year.get(y, {}).values())]

    def classification_count(self, year: int, code: str) -> int:
        return self.results_by_year.get(year, {}).get(code, 0)


def _category_counts(campaign: Campaign) -> list[CategoryCount]:
    groups: dict[str, CategoryCount] = {}
    participants = (Participant.objects.filter(campaign=campaign)
                    .select_related("unit__category").order_by("unit__category__code"))
    people = dict(Registration.objects.filter(campaign=campaign)
                  .values_list("unit_id").annotate(n=Count("people")))
    registered = set(Registration.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    for p in participants:
        category = p.unit.category
        row = groups.setdefault(category.code, CategoryCount(category.code, category.name))
        row.participants += 1
        row.plans_issued += p.plan_status == PlanIssueStatus.ISSUED
        row.plans_exempt += p.plan_status == PlanIssueStatus.EXEMPT
        if p.unit_id in registered:
            row.registered += 1
            row.people_registered += people.get(p.unit_id, 0)
    return list(groups.values())


def registrations_by_month(campaign: Campaign) -> list[tuple[date, int]]:
    """Registrations per calendar month (local time), in month order."""
    months: Counter[date] = Counter()
    for moment in Registration.objects.filter(campaign=campaign).values_list("submitted_at",
                                                                              flat=True):
        local = timezone.localtime(moment)
        months[date(local.year, local.month, 1)] += 1
    return sorted(months.items())


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def review_figures(campaign: Campaign, *, last_year: int) -> Figures:
    """Every number of the campaign's review up to (and including) `last_year`."""
    years = years_of(campaign, last_year)

    initiatives = scope_initiatives(campaign, years)
    recognised = initiatives.filter(status=InitiativeStatus.RECOGNISED)
    by_level = dict(recognised.values_list("level").annotate(n=Count("id")))
    submitted_per_year = dict(initiatives.values_list("year").annotate(n=Count("id")))
    recognised_per_year = dict(recognised.values_list("year").annotate(n=Count("id")))

    contests = []
    for contest in scope_contests(campaign, years):
        share = participation(contest)
        contests.append(ContestRow(contest, share.staff, share.took_part, share.public))

    results_by_year: dict[int, dict[str, int]] = defaultdict(dict)
    results = published_results(campaign, years)
    for year, code, n in results.values_list("year", "classification").annotate(n=Count("id")):
        results_by_year[year][code] = n
    mean_score: dict[int, Decimal | None] = {}
    for year in years:
        scores = [s for s in results.filter(year=year).values_list("score", flat=True)
                  if s is not None]
        mean_score[year] = _half_up(sum(scores, Decimal(0)) / len(scores)) if scores else None

    awards = campaign_awards(campaign, last_year)
    by_form = Counter[tuple[str, str]]()
    by_category = Counter[tuple[str, str]]()
    by_unit = Counter[tuple[str, str]]()
    unit_ids: dict[str, int] = {}
    by_year: Counter[int] = Counter()
    collective = individual = reward = 0
    for award in awards:
        by_form[(award.form_code, award.form_name)] += 1
        by_category[(award.unit.category.code, award.unit.category.name)] += 1
        by_unit[(award.unit.code, award.unit.name)] += 1
        unit_ids[award.unit.code] = award.unit_id
        by_year[award.year] += 1
        collective += award.kind == "collective"
        individual += award.kind == "individual"
        reward += award.reward

    def counted(counter: Counter[tuple[str, str]]) -> list[Counted]:
        return [Counted(key, label, n) for (key, label), n in
                sorted(counter.items(), key=lambda item: (-item[1], item[0][1]))]

    level_labels = dict(Level.choices)
    return Figures(
        campaign=campaign, last_year=last_year, years=years,
        categories=_category_counts(campaign),
        registrations_by_month=registrations_by_month(campaign),
        initiatives_total=initiatives.count(),
        initiatives_recognised=recognised.count(),
        initiatives_applied=recognised.filter(applied=True).count(),
        initiatives_by_level=[Counted(code, label, by_level.get(code, 0))
                              for code, label in level_labels.items()],
        initiatives_by_year={y: (submitted_per_year.get(y, 0), recognised_per_year.get(y, 0))
                             for y in years},
        contests=contests,
        results_by_year=dict(results_by_year),
        mean_score_by_year=mean_score,
        awards_total=collective + individual,
        awards_collective=collective,
        awards_individual=individual,
        reward_total=reward,
        awards_by_form=counted(by_form),
        awards_by_category=counted(by_category),
        awards_by_unit=[Counted(c.key, c.label, c.count, {"unit_id": unit_ids[c.key]})
                        for c in counted(by_unit)],
        awards_by_year={y: by_year.get(y, 0) for y in years},
    )


CLASSIFICATIONS: list[tuple[str, str]] = [(c.value, c.label) for c in Classification]


# --- the dashboard: distribution, movement, and the lists behind each chart -------------------


def result_years(campaign: Campaign) -> list[int]:
    """Years of the campaign with published results in its scope."""
    years = years_of(campaign, campaign.period_end.year)
    return sorted(set(published_results(campaign, years).values_list("year", flat=True)))


@dataclass
class DistributionRow:
    category: UnitCategory
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def distribution(campaign: Campaign, year: int) -> list[DistributionRow]:
    """Published results of the year: units per classification, per category."""
    rows: dict[int, DistributionRow] = {}
    categories = {c.pk: c for c in UnitCategory.objects.all()}
    qs = published_results(campaign, [year]).values_list("category_id", "classification") \
        .annotate(n=Count("id"))
    for category_id, code, n in qs:
        row = rows.setdefault(category_id, DistributionRow(categories[category_id], {}))
        row.counts[code] = n
    return sorted(rows.values(), key=lambda r: r.category.code)


DIRECTIONS = {"len": "Tăng hạng", "giu": "Giữ nguyên", "xuong": "Giảm hạng"}


def movement(campaign: Campaign, year: int) -> list[Movement]:
    """Published results of the year with the unit's rank the year before (published too)."""
    current = list(published_results(campaign, [year]).order_by("category__code", "rank"))
    before = dict(published_results(campaign, [year - 1]).filter(
        unit_id__in=[r.unit_id for r in current]).values_list("unit_id", "rank"))
    return [Movement(r, before.get(r.unit_id)) for r in current]


def movement_summary(rows: list[Movement]) -> dict[UnitCategory, dict[str, int]]:
    out: dict[UnitCategory, dict[str, int]] = {}
    for row in rows:
        if row.direction:
            counts = out.setdefault(row.result.category, {k: 0 for k in DIRECTIONS})
            counts[row.direction] += 1
    return dict(sorted(out.items(), key=lambda item: item[0].code))


def registrations(campaign: Campaign, *, month: date | None = None) -> list[Registration]:
    qs = (Registration.objects.filter(campaign=campaign).select_related("unit", "unit__category")
          .annotate(n_people=Count("people")).order_by("submitted_at", "id"))
    rows: list[Registration] = list(qs)
    if month is not None:
        rows = [r for r in rows if _month_of(r.submitted_at) == (month.year, month.month)]
    return rows


def _month_of(moment: Any) -> tuple[int, int]:
    local = timezone.localtime(moment)
    return local.year, local.month


def classification_label(code: str) -> str:
    """The name of a classification code; an unknown code is an error (UnknownScaleValue)."""
    return CLASSIFICATION.title_of(code)


CLASSIFICATION_INDEX = {code: i for i, code in enumerate(CLASSIFICATION_ORDER)}
