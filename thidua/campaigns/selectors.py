"""Reads of campaigns: the plan as a dict, visibility, registration (for the results, nominations
and review parts), milestones resolved to dates, cascade tracking and timelines."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.campaigns.access import ancestor_paths, campaigns_visible_to
from thidua.campaigns.models import (
    AwardFormVersion,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Milestone,
    MilestoneBound,
    MilestoneTiming,
    Participant,
    PlanIssueStatus,
    RegisteredPerson,
    Registration,
    RegistrationException,
)
from thidua.campaigns.plan import ITEM_SECTIONS, TITLE_KEY, number
from thidua.core.text import fold
from thidua.org.models import Person, Unit, UnitCategory
from thidua.rules.award_forms import catalogue as award_form_catalogue

# --- the plan as a dict -------------------------------------------------------------------------


def _row(values: dict[str, Any], data: dict[str, Any], pk: int | None) -> dict[str, Any]:
    """A row as the plan writes it: keys it does not have are left out, not set to None."""
    out = {k: v for k, v in {**values, **(data or {})}.items() if v is not None}
    if pk is not None:
        out["_id"] = pk
    return out


def plan_names() -> dict[str, str]:
    """The names of the codes a plan refers to: unit categories and catalogue award forms."""
    names = {f.code: f.name for f in award_form_catalogue().forms.values()}
    names.update(UnitCategory.objects.values_list("code", "name"))
    return names


def campaign_plan(campaign: Campaign, *, with_ids: bool = False) -> dict[str, Any]:
    """The campaign's plan in the seed schema (docs/seed-plans.md); ``with_ids`` adds row ids."""
    c = campaign
    pk = (lambda row: row.pk) if with_ids else (lambda row: None)
    plan: dict[str, Any] = {
        "code": c.code,
        "source": c.source or None,
        "issuer_unit_code": c.issuer.code,
        "parent_body": c.parent_body or None,
        "issuing_body": c.issuing_body,
        "header_note": c.header_note or None,
        "number_symbol": c.number_symbol or None,
        "number_symbol_note": c.number_symbol_note or None,
        "place": c.place or None,
        "place_date_line": c.place_date_line or None,
        "issued_on": c.issued_on,
        "issued_on_note": c.issued_on_note or None,
        "doc_type": c.doc_type,
        "title": c.title,
        "theme": c.theme or None,
        "theme_clause": c.theme_clause or None,
        "kind": c.kind,
        "period": {"start": c.period_start, "end": c.period_end, "clause": c.period_clause,
                   "text": c.period_text or None, "note": c.period_note or None,
                   **(c.extra.get("_period") or {})},
        "enacting_clause": c.enacting_clause or None,
        "targets": c.targets or {},
        "signature": c.signature or None,
        "recipients": c.recipients or [],
        "outline": c.outline or [],
        "notes": c.notes or [],
        "annexes": c.annexes or [],
    }
    plan.update({k: v for k, v in (c.extra or {}).items() if not k.startswith("_")})
    items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in c.plan_items.all().order_by("position", "id"):
        values: dict[str, Any] = {"clause": item.clause, "text": item.text}
        if item.title or item.section in {"contents", "responsibilities", "deferred"}:
            values[TITLE_KEY.get(item.section, "title")] = item.title or None
        items[item.section].append(_row(values, item.data, pk(item)))
    for section in ITEM_SECTIONS:
        plan[section.key] = items.get(section.key, [])
    plan["criteria"] = [
        _row({"subject": r.subject, "letter": r.letter, "text": r.text, "clause": r.clause},
             r.data, pk(r))
        for r in c.criteria.all().order_by("position", "id")
    ]
    plan["award_forms"] = [
        _row({"code": r.code, "catalogue": r.catalogue_id, "name": r.name, "subject": r.subject,
              "scope": r.scope, "clause": r.clause}, r.data, pk(r))
        for r in c.award_forms.all().order_by("position", "id")
    ]
    plan["standards"] = [
        _row({"code": r.code, "award_form": r.award_form.code, "subject": r.subject,
              "scope": r.scope or None, "clause": r.clause, "text": r.text or None,
              "text_clause": r.text_clause or None, "categories": r.categories or [],
              "rule_text": r.rule_text or None},
             r.data, pk(r))
        for r in c.standards.select_related("award_form").order_by("position", "id")
    ]
    plan["quotas"] = [_quota_dict(r, pk(r))
                      for r in c.quotas.select_related("award_form").order_by("position", "id")]
    plan["milestones"] = [_milestone_dict(r, pk(r))
                          for r in c.milestones.all().order_by("position", "id")]
    plan["dossier_components"] = [
        _row({"code": r.code, "label": r.label, "clause": r.clause, "copies": r.copies,
              "form": r.form or None, "applies_to": r.applies_to or [], "text": r.text or None},
             r.data, pk(r))
        for r in c.dossier_components.all().order_by("position", "id")
    ]
    return plan


def _quota_dict(r: Any, pk: int | None) -> dict[str, Any]:
    values: dict[str, Any] = {"award_form": r.award_form.code, "clause": r.clause,
                              "text": r.text or None}
    if r.category_id:
        values["category"] = r.category_id
    if r.basis == "all_qualifying":
        values["all_qualifying"] = True
    elif r.basis == "determined_by":
        values["determined_by"] = r.determined_by
    else:
        values[r.basis] = number(r.value)
    return _row(values, r.data, pk)


def _milestone_dict(r: Milestone, pk: int | None) -> dict[str, Any]:
    data = dict(r.data or {})
    values: dict[str, Any] = {"code": r.code, "label": r.label, "bound": r.bound or None,
                              "clause": r.clause, "text": r.text or None}
    if r.timing == MilestoneTiming.DATE:
        values["date"] = r.on_date
    elif r.timing == MilestoneTiming.WINDOW:
        values["window"] = {"start": r.window_start, "end": r.window_end,
                            **(data.pop("_window", None) or {})}
    elif r.timing == MilestoneTiming.RELATIVE:
        relative: dict[str, Any] = {"event": r.event}
        if r.event_year:
            relative["year"] = int(r.event_year) if r.event_year.isdigit() else r.event_year
        if r.offset_days is not None:
            relative["days"] = r.offset_days
        relative.update(data.pop("_relative", None) or {})
        values["relative"] = relative
    else:
        values["recurring"] = r.recurrence
    return _row(values, data, pk)


# --- visibility ---------------------------------------------------------------------------------


def campaign_list(user: Any, *, query: str = "", status: str = "") -> QuerySet[Campaign]:
    qs = campaigns_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    words = fold(query).split()
    if words:
        matches = [c.pk for c in qs.only("pk", "title", "code")
                   if all(w in fold(f"{c.title} {c.code}") for w in words)]
        qs = qs.filter(pk__in=matches)
    return qs.order_by("-period_start", "code")


# --- registration: what the results, nominations and review parts ask --------------------------


def registered_units(campaign: Campaign, year: int | None = None) -> QuerySet[Unit]:
    """Units that registered for the campaign (only they can be commended: 002 §IV.1.1.a);
    with `year`, those registered for the whole campaign or for that year."""
    rows = Registration.objects.filter(campaign=campaign)
    if year is not None:
        rows = rows.filter(Q(year__isnull=True) | Q(year=year))
    return Unit.objects.filter(pk__in=rows.values("unit_id")).order_by("path")


def registered_people(campaign: Campaign, year: int | None = None) -> QuerySet[Person]:
    """Individuals put forward in a registration of the campaign (of `year`, as above)."""
    rows = RegisteredPerson.objects.filter(registration__campaign=campaign)
    if year is not None:
        rows = rows.filter(Q(registration__year__isnull=True) | Q(registration__year=year))
    return Person.objects.filter(pk__in=rows.values("person_id"))


def registration_facts(scope: Any) -> Any:
    """The rules engine's `registrations` frame of `scope.campaign` (a fact provider, registered
    in CampaignsConfig.ready): subject_kind, subject_id, year (null: the whole campaign)."""
    import polars as pl

    rows: list[tuple[str, int, int | None]] = []
    if scope.campaign is not None:
        rows += [("unit", unit_id, year) for unit_id, year in Registration.objects.filter(
            campaign=scope.campaign).values_list("unit_id", "year")]
        rows += [("person", person_id, year) for person_id, year in RegisteredPerson.objects
                 .filter(registration__campaign=scope.campaign)
                 .values_list("person_id", "registration__year").distinct()]
    return pl.DataFrame(rows, schema={"subject_kind": pl.Utf8, "subject_id": pl.Int64,
                                      "year": pl.Int32}, orient="row")


def is_registered(campaign: Campaign, who: Unit | Person, year: int | None = None) -> bool:
    """True when the unit registered, or the person was put forward by a registered unit; with
    `year`, for the whole campaign or for that year."""
    if isinstance(who, Unit):
        return registered_units(campaign, year).filter(pk=who.pk).exists()
    return registered_people(campaign, year).filter(pk=who.pk).exists()


def registration_years(campaign: Campaign) -> list[int]:
    """The years a unit may register for one by one: every year of a campaign of several
    years whose plan asks for a yearly registration (002: "đăng ký thi đua 05 năm và hằng
    năm"; a recurring registration milestone; an annual or annual-and-phase campaign). Empty:
    one registration for the whole campaign."""
    years = list(range(campaign.period_start.year, campaign.period_end.year + 1))
    if len(years) < 2:
        return []
    milestone = registration_milestone(campaign)
    yearly = campaign.kind in (CampaignKind.ANNUAL, CampaignKind.ANNUAL_AND_PHASE) or (
        milestone is not None and (milestone.timing == MilestoneTiming.RECURRING
                                   or "hang nam" in fold(milestone.label)))
    return years if yearly else []


def participant_registration(participant: Participant, year: int | None) -> Registration | None:
    """The participant's registration for `year` (None: for the whole campaign)."""
    return Registration.objects.filter(participant=participant, year=year).first() \
        if year is not None else Registration.objects.filter(
            participant=participant, year__isnull=True).first()


def registration_milestone(campaign: Campaign) -> Milestone | None:
    """The plan's registration deadline: the milestone coded 'registration' (002 §III.2)."""
    return (campaign.milestones.filter(code="registration").first()
            or campaign.milestones.filter(code__startswith="registration").order_by("position")
            .first())


def registration_deadline(campaign: Campaign) -> date | None:
    """The last day a unit may register (None: the plan sets no deadline)."""
    milestone = registration_milestone(campaign)
    if milestone is None:
        return None
    due = resolve_milestone(milestone, events=_events(campaign))
    return due[0].due if due else None


def open_exception(participant: Participant, today: date) -> RegistrationException | None:
    return participant.exceptions.filter(valid_until__gte=today).order_by("-valid_until").first()


# --- milestones ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueDate:
    """A milestone on one date (or not yet known), for one year of the period when it recurs."""

    milestone: Milestone
    due: date | None
    year: int | None = None
    start: date | None = None  # windows: the first day
    waiting_for: str = ""  # relative milestones whose event has not happened yet

    @property
    def label(self) -> str:
        return f"{self.milestone.label} – năm {self.year}" if self.year else self.milestone.label


EVENT_LABELS = {
    "results_recognised": "Ủy ban nhân dân tỉnh công nhận kết quả đánh giá CCHC",
    "province_cchc_review": "Sơ kết, tổng kết công tác CCHC của tỉnh",
    "launch": "Ngày ban hành kế hoạch",
}


def event_label(code: str) -> str:
    return EVENT_LABELS.get(code, code.replace("_", " "))


def _events(campaign: Campaign) -> dict[tuple[str, int | None], date]:
    found = {(e.event, e.year): e.occurred_on for e in campaign.events.all()}
    anchor = campaign.issued_on or campaign.launched_on
    if anchor:
        found.setdefault(("launch", None), anchor)
    return found


def resolve_milestone(milestone: Milestone, *, events: dict[tuple[str, int | None], date]
                      ) -> list[DueDate]:
    """The dates of a milestone: one for a fixed date, one per year for a recurring or 'each year'
    relative one; relative dates stay unknown until their event is recorded."""
    c = milestone.campaign
    if milestone.timing == MilestoneTiming.DATE:
        due = milestone.on_date
        if due and milestone.bound == MilestoneBound.BEFORE:
            due -= timedelta(days=1)
        return [DueDate(milestone, due)]
    if milestone.timing == MilestoneTiming.WINDOW:
        return [DueDate(milestone, milestone.window_end, start=milestone.window_start)]
    years = list(range(c.period_start.year, c.period_end.year + 1))
    if milestone.timing == MilestoneTiming.RELATIVE:
        label = event_label(milestone.event)
        if milestone.event_year == "each":
            wanted: list[int | None] = list(years)
        elif milestone.event_year.isdigit():
            wanted = [int(milestone.event_year)]
        else:
            wanted = [None]
        out = []
        for year in wanted:
            happened = events.get((milestone.event, year))
            due = happened + timedelta(days=milestone.offset_days or 0) if happened else None
            if due and milestone.bound == MilestoneBound.BEFORE:
                due -= timedelta(days=1)
            waiting = "" if due else f"chờ sự kiện: {label}" + (f" năm {year}" if year else "")
            out.append(DueDate(milestone, due, year=year, waiting_for=waiting))
        return out
    recurrence = milestone.recurrence or {}
    month, day = recurrence.get("month"), recurrence.get("day")
    out = []
    for year in years:
        if month:
            last = _last_day(year, int(month))
            due = date(year, int(month), min(int(day), last) if day else last)
            out.append(DueDate(milestone, due, year=year))
    if not out:
        out.append(DueDate(milestone, None, waiting_for="định kỳ theo kế hoạch"))
    return out


def _last_day(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def campaign_due_dates(campaign: Campaign) -> list[DueDate]:
    """Every date of the campaign's milestones, in date order (unknown dates last)."""
    events = _events(campaign)
    found: list[DueDate] = []
    for milestone in campaign.milestones.all().order_by("position", "id"):
        milestone.campaign = campaign
        found += resolve_milestone(milestone, events=events)
    return sorted(found, key=lambda d: (d.due is None, d.due or date.max, d.milestone.position))


@dataclass
class TimelineEntry:
    campaign: Campaign
    due: DueDate
    participant: Participant | None = None
    done: bool = False
    kind: str = "milestone"  # milestone | cascade


def unit_campaigns(unit: Unit) -> QuerySet[Campaign]:
    """Launched campaigns that concern the unit: issued by it or by a unit above it."""
    return (Campaign.objects.filter(issuer__path__in=ancestor_paths(unit.path))
            .exclude(status=CampaignStatus.DRAFT).select_related("issuer"))


def unit_timeline(unit: Unit) -> list[TimelineEntry]:
    """Every date the unit must keep, across all the campaigns that concern it."""
    entries: list[TimelineEntry] = []
    participants = {p.campaign_id: p for p in Participant.objects.filter(unit=unit)
                    .prefetch_related("registrations")}
    for campaign in unit_campaigns(unit).prefetch_related("milestones", "events"):
        participant = participants.get(campaign.pk)
        for due in campaign_due_dates(campaign):
            done = False
            if participant is not None and due.milestone.code.startswith("registration"):
                done = hasattr(participant, "registration")
            entries.append(TimelineEntry(campaign, due, participant, done))
        if participant is not None and campaign.cascade_due:
            fake = Milestone(campaign=campaign, code="cascade", label="Ban hành kế hoạch của đơn vị",
                             timing=MilestoneTiming.DATE, on_date=campaign.cascade_due,
                             clause="", position=0)
            entries.append(TimelineEntry(
                campaign, DueDate(fake, campaign.cascade_due), participant,
                participant.plan_status != PlanIssueStatus.PENDING, "cascade"))
    return sorted(entries, key=lambda e: (e.due.due is None, e.due.due or date.max))


# --- cascade tracking and dashboards ------------------------------------------------------------


@dataclass
class TrackingRow:
    participant: Participant
    late: bool
    registered: bool


def cascade_tracking(campaign: Campaign, *, today: date | None = None) -> list[TrackingRow]:
    today = today or timezone.localdate()
    rows = []
    for p in (campaign.participants.select_related("unit", "unit__category", "child_campaign")
              .prefetch_related(Prefetch("exceptions"), "registrations").order_by("unit__path")):
        late = (p.plan_status == PlanIssueStatus.PENDING and campaign.cascade_due is not None
                and today > campaign.cascade_due)
        rows.append(TrackingRow(p, late, hasattr(p, "registration")))
    return rows


def units_to_remind(campaign: Campaign, participant_ids: list[int] | None = None
                    ) -> list[Participant]:
    """Participants a reminder would reach: the chosen ones (all when none are chosen) that have
    not issued their plan or not registered (services.cascade_remind sends to the same)."""
    qs = campaign.participants.select_related("unit").prefetch_related("registrations")
    if participant_ids:
        qs = qs.filter(pk__in=participant_ids)
    return [p for p in qs.order_by("unit__path")
            if p.plan_status == PlanIssueStatus.PENDING or not hasattr(p, "registration")]


@dataclass
class CategoryCount:
    code: str
    name: str
    units: int = 0
    registered: int = 0
    people: int = 0
    unit_rows: list[tuple[Participant, Registration | None]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.registered / self.units) if self.units else 0


def registration_dashboard(campaign: Campaign) -> list[CategoryCount]:
    """Registration by unit category and unit."""
    regs = {r.unit_id: r for r in campaign.registrations.prefetch_related("people__person")}
    groups: dict[str, CategoryCount] = {}
    for p in campaign.participants.select_related("unit", "unit__category").order_by("unit__path"):
        cat = p.unit.category
        group = groups.setdefault(cat.code, CategoryCount(cat.code, cat.name))
        reg = regs.get(p.unit_id)
        group.units += 1
        if reg is not None:
            group.registered += 1
            group.people += len(reg.people.all())
        group.unit_rows.append((p, reg))
    return sorted(groups.values(), key=lambda g: g.code)


def participants_of_unit(unit: Unit) -> QuerySet[Participant]:
    """What launched campaigns ask of the unit."""
    return (Participant.objects.filter(unit=unit).exclude(campaign__status=CampaignStatus.DRAFT)
            .select_related("campaign", "campaign__issuer", "child_campaign")
            .prefetch_related("registrations").order_by("-campaign__period_start"))


def units_of_user(user: Any) -> list[Unit]:
    """The units a user holds a role over (officers: the unit whose asks they answer)."""
    if not getattr(user, "is_authenticated", False):
        return []
    ids = user.role_assignments.filter(unit__isnull=False).values_list("unit_id", flat=True)
    return list(Unit.objects.filter(pk__in=list(ids)).order_by("path"))


# --- the award-form catalogue -------------------------------------------------------------------


def award_form_version_on(code: str, day: date) -> AwardFormVersion | None:
    """What the law in force on ``day`` says about a catalogue entry (None: not in force)."""
    return (AwardFormVersion.objects.filter(award_form__code=code, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("award_form").first())


# --- reminders before deadlines (thidua.notices reads them through the to-do list) ----------

REMINDER_DAYS_KEY = "ngay_nhac_truoc_han"  # in the plan's parameters: [7, 3, 1]
DEFAULT_REMINDER_DAYS = (7, 3, 1)


def reminder_days_problem(value: Any) -> str | None:
    """Why `value` is not a valid `ngay_nhac_truoc_han` parameter (None: it is)."""
    values = [value] if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(values, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 366 for v in values):
        return (f"Tham số “{REMINDER_DAYS_KEY}” phải là danh sách số ngày trước hạn (số nguyên "
                "từ 0 đến 366), ví dụ [7, 3, 1].")
    return None


def reminder_days(campaign: Campaign) -> tuple[int, ...]:
    """The days before a deadline on which units are reminded: the plan's parameter
    `ngay_nhac_truoc_han` (a list of whole numbers of days, checked when the plan is saved),
    7, 3 and 1 days when it sets none."""
    value = (campaign.parameters or {}).get(REMINDER_DAYS_KEY)
    if value is None:
        return DEFAULT_REMINDER_DAYS
    problem = reminder_days_problem(value)
    if problem is not None:
        raise ValueError(f"{problem} (kế hoạch “{campaign.title}”)")
    values = [value] if isinstance(value, int) else value
    return tuple(sorted(set(values), reverse=True))


# --- a campaign outlives its issuer (the 1 July 2025 mergers, docs/lineage.md) ---------------


@dataclass(frozen=True)
class IssuerHeading:
    """Who speaks for a campaign on a day, as a paper's letterhead names them."""

    unit: Unit
    issuing_body: str
    parent_body: str
    place: str
    carried_on: bool  # True when the issuer had ended and a successor speaks for it


def campaign_issuer_on(campaign: Campaign, day: date) -> Unit:
    """The unit that runs the campaign on `day`: its issuer while the issuer is active, then the
    unit that carries it on through the lineage (Kiên Giang's campaign is An Giang's after
    1 July 2025). A dissolved issuer with no successor stays the issuer."""
    from thidua.org.selectors import successors_on

    issuer = campaign.issuer
    if issuer.is_active_on(day):
        return issuer
    live = successors_on(issuer, day)
    return live[0] if live else issuer


def _place_of(unit: Unit) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Thị xã ", "Phường ", "Xã ", "Đặc khu "):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix):]
    return unit.parent.name.removeprefix("Tỉnh ") if unit.parent_id and unit.parent else ""


def campaign_heading_on(campaign: Campaign, day: date) -> IssuerHeading:
    """The letterhead names of papers of `campaign` dated `day`: the campaign's own header while
    its issuer is active; afterwards the successor's (UBND TỈNH AN GIANG, not KIÊN GIANG)."""
    unit = campaign_issuer_on(campaign, day)
    if unit.pk == campaign.issuer_id:
        return IssuerHeading(unit, campaign.issuing_body, campaign.parent_body, campaign.place,
                             carried_on=False)
    if unit.kind in ("province", "district", "commune"):
        body, parent = f"ỦY BAN NHÂN DÂN {unit.name.upper()}", ""
    else:
        body = unit.name.upper()
        above = unit.parent
        parent = f"UBND {above.name.upper()}" if above is not None else ""
    return IssuerHeading(unit, body, parent, _place_of(unit), carried_on=True)


def campaigns_of_ended_issuers(day: date) -> list[Campaign]:
    """Campaigns whose issuing unit had ended before `day` (the reform report)."""
    return list(Campaign.objects.filter(issuer__active_to__lt=day).select_related("issuer")
                .order_by("code"))
