"""What the public honour board may show: published data only, and nothing else.

Every public read goes through one of these functions, each with its publication rule:
- awards: from an issued decision (or recorded from an earlier paper decision), of a launched
  campaign; nominations, dossiers and draft decisions are never read here;
- initiatives: recognised by a decision;
- PAR INDEX results: from published rounds only;
- stories: published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.text import slugify

from thidua.awards.models import Award, DecisionStatus
from thidua.campaigns.models import Campaign, CampaignStatus
from thidua.core.text import fold
from thidua.initiatives.models import Author, Initiative
from thidua.initiatives.models import Status as InitiativeStatus
from thidua.org.models import Unit
from thidua.public.models import Story, StoryStatus
from thidua.results.models import AnnualResult, Classification

# --- the publication rules ------------------------------------------------------------------


def public_awards() -> QuerySet[Award]:
    return (Award.objects.filter(Q(decision__isnull=True) | Q(decision__status=DecisionStatus.ISSUED))
            .filter(Q(campaign__isnull=True) | ~Q(campaign__status=CampaignStatus.DRAFT))
            .select_related("unit", "person", "decision", "campaign"))


def public_initiatives() -> QuerySet[Initiative]:
    return (Initiative.objects.filter(status=InitiativeStatus.RECOGNISED)
            .exclude(decision_number="").select_related("unit")
            .prefetch_related("authors__person"))


def public_results() -> QuerySet[AnnualResult]:
    return AnnualResult.objects.filter(round__published=True).select_related("unit", "category")


def public_stories() -> QuerySet[Story]:
    return (Story.objects.filter(status=StoryStatus.PUBLISHED)
            .select_related("unit", "person", "campaign"))


def public_campaigns() -> QuerySet[Campaign]:
    """Launched campaigns with something to show: awards or published stories."""
    with_awards = public_awards().filter(campaign__isnull=False).values("campaign_id")
    with_stories = public_stories().filter(campaign__isnull=False).values("campaign_id")
    return (Campaign.objects.exclude(status=CampaignStatus.DRAFT)
            .filter(Q(pk__in=with_awards) | Q(pk__in=with_stories))
            .select_related("issuer").order_by("-period_start", "code"))


# --- addresses: readable, stable, shareable -----------------------------------------------------


def campaign_slug(campaign: Campaign) -> str:
    return campaign.code.lower()


def campaign_by_slug(slug: str) -> Campaign | None:
    return public_campaigns().filter(code__iexact=slug).first()


def unit_slug(unit: Unit) -> str:
    """ "phuong-vinh-thanh-van-123": the name for people and search engines, the id to find it."""
    return f"{slugify(fold(unit.name))[:80]}-{unit.pk}"


def unit_by_slug(slug: str) -> Unit | None:
    head, _, tail = slug.rpartition("-")
    if not tail.isdigit():
        return None
    return Unit.objects.filter(pk=int(tail)).select_related("category").first()


def unit_is_public(unit: Unit) -> bool:
    return (public_awards().filter(unit=unit).exists() or public_stories().filter(unit=unit).exists()
            or public_initiatives().filter(unit=unit).exists())


# --- boards -------------------------------------------------------------------------------------


@dataclass
class YearBoard:
    year: int
    collective: list[Award]
    individual: list[Award]
    initiatives: list[Initiative]
    excellent: list[AnnualResult]  # units rated xuất sắc in a published round

    @property
    def empty(self) -> bool:
        return not (self.collective or self.individual or self.initiatives or self.excellent)


def campaign_years(campaign: Campaign) -> list[int]:
    years = set(public_awards().filter(campaign=campaign).values_list("year", flat=True))
    span = range(campaign.period_start.year, campaign.period_end.year + 1)
    years |= set(public_initiatives().filter(unit__path__startswith=campaign.issuer.path,
                                             year__in=list(span)).values_list("year", flat=True))
    return sorted(years, reverse=True)


def year_board(campaign: Campaign, year: int, *, unit: Unit | None = None) -> YearBoard:
    awards = public_awards().filter(campaign=campaign, year=year).order_by(
        "form_name", "unit__sort_key", "person__sort_key")
    initiatives = public_initiatives().filter(unit__path__startswith=campaign.issuer.path, year=year)
    excellent = public_results().filter(unit__path__startswith=campaign.issuer.path, year=year,
                                        classification=Classification.EXCELLENT)
    if unit is not None:
        awards = awards.filter(unit=unit)
        initiatives = initiatives.filter(unit=unit)
        excellent = excellent.filter(unit=unit)
    return YearBoard(year=year,
                     collective=[a for a in awards if a.kind == "collective"],
                     individual=[a for a in awards if a.kind == "individual"],
                     initiatives=list(initiatives.order_by("title")),
                     excellent=list(excellent.order_by("category__code", "rank")))


# --- search (ignores diacritics) --------------------------------------------------------------


@dataclass
class SearchResults:
    query: str
    awards: list[Award]
    initiatives: list[Initiative]
    stories: list[Story]
    units: list[Unit]

    @property
    def count(self) -> int:
        return len(self.awards) + len(self.initiatives) + len(self.stories) + len(self.units)


def search(query: str, *, limit: int = 50) -> SearchResults:
    words = fold(query).split()
    if not words:
        return SearchResults(query, [], [], [], [])
    awards = public_awards()
    initiatives = public_initiatives()
    stories = public_stories()
    for word in words:
        awards = awards.filter(Q(person__search_name__contains=word)
                               | Q(person__isnull=True, unit__search_name__contains=word))
        initiatives = initiatives.filter(  # by title or by an author's name
            Q(search_name__contains=word)
            | Q(pk__in=Author.objects.filter(person__search_name__contains=word)
                .values("initiative_id")))
        stories = stories.filter(search_text__contains=word)
    unit_ids = set(public_awards().values_list("unit_id", flat=True)) | set(
        public_stories().values_list("unit_id", flat=True))
    units = Unit.objects.filter(pk__in=unit_ids)
    for word in words:
        units = units.filter(search_name__contains=word)
    return SearchResults(query, list(awards.order_by("-year", "id")[:limit]),
                         list(initiatives.order_by("-year", "title")[:limit]),
                         list(stories[:limit]), list(units.order_by("sort_key")[:limit]))


def sitemap_entries() -> list[tuple[str, Any]]:
    """(view name, kwargs) of every public page worth indexing."""
    entries: list[tuple[str, Any]] = [("public:index", {}), ("public:stories", {})]
    for campaign in public_campaigns():
        slug = campaign_slug(campaign)
        entries.append(("public:campaign", {"campaign_slug": slug}))
        for year in campaign_years(campaign):
            entries.append(("public:campaign_year", {"campaign_slug": slug, "year": year}))
    for story in public_stories():
        entries.append(("public:story", {"story_slug": story.slug}))
    unit_ids = set(public_awards().values_list("unit_id", flat=True)) | set(
        public_stories().values_list("unit_id", flat=True))
    for unit in Unit.objects.filter(pk__in=unit_ids).order_by("sort_key"):
        entries.append(("public:unit", {"unit_slug": unit_slug(unit)}))
    return entries
