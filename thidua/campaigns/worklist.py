"""The campaigns' part of "Việc cần làm": plans to issue in the cascade, registrations due, and
for the issuing office the units still late on their plan (thidua.core.worklist_registry)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment
from thidua.campaigns import selectors
from thidua.campaigns.models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    MilestoneTiming,
    Participant,
    PlanIssueStatus,
    Registration,
    RegistrationException,
)
from thidua.campaigns.selectors import reminder_days
from thidua.core.text import fold
from thidua.core.worklist_registry import WorkItem

RUNNING = (CampaignStatus.LAUNCHED, CampaignStatus.MID_TERM_REVIEWED)
G_PLAN = "Ban hành kế hoạch thực hiện"
G_REGISTER = "Đăng ký thi đua"
G_CASCADE = "Đôn đốc đơn vị cấp dưới"
def _own_units(user: Any, roles: tuple[str, ...]) -> list[int]:
    """Units the user works for in one of `roles` (the unit itself, not everything below it):
    a province's owner is not asked to register each of its communes."""
    return list(RoleAssignment.objects.filter(user=user, role__in=roles, unit__isnull=False)
                .values_list("unit_id", flat=True))


def _registration_dates(campaign: Campaign) -> tuple[date | None, list[int]]:
    """selectors.registration_deadline and registration_years, read from the campaign's
    prefetched milestones and events (no query per campaign)."""
    milestones = sorted(campaign.milestones.all(), key=lambda m: (m.position, m.pk))
    milestone = (next((m for m in milestones if m.code == "registration"), None)
                 or next((m for m in milestones if m.code.startswith("registration")), None))
    deadline = None
    if milestone is not None:
        milestone.campaign = campaign
        due = selectors.resolve_milestone(milestone, events=selectors._events(campaign))
        deadline = due[0].due if due else None
    years = list(range(campaign.period_start.year, campaign.period_end.year + 1))
    yearly = len(years) > 1 and (
        campaign.kind in (CampaignKind.ANNUAL, CampaignKind.ANNUAL_AND_PHASE)
        or (milestone is not None and (milestone.timing == MilestoneTiming.RECURRING
                                       or "hang nam" in fold(milestone.label))))
    return deadline, years if yearly else []


def items(user: Any, today: date) -> list[WorkItem]:
    out: list[WorkItem] = []
    units = _own_units(user, (Role.OFFICER, Role.OWNER))
    if units:
        participants = list(
            Participant.objects.filter(unit_id__in=units, campaign__status__in=RUNNING)
            .select_related("campaign", "unit")
            .prefetch_related("campaign__milestones", "campaign__events",
                Prefetch("registrations", queryset=Registration.objects.only(
                    "id", "participant_id", "year")),
                Prefetch("exceptions", queryset=RegistrationException.objects.filter(
                    valid_until__gte=today).order_by("-valid_until"), to_attr="open_exceptions"))
            .order_by("campaign__period_end", "unit__path"))
        dates: dict[int, tuple[date | None, list[int]]] = {}
        for p in participants:
            campaign = p.campaign
            if p.plan_status == PlanIssueStatus.PENDING:
                out.append(WorkItem(
                    group=G_PLAN, order=10, action="Báo cáo kế hoạch đã ban hành",
                    title=f"{p.unit.name} – “{campaign.title}”",
                    url=reverse("campaigns:participant", args=[p.pk]), due=campaign.cascade_due,
                    key=f"plan:{p.pk}", unit_id=p.unit_id, remind_days=reminder_days(campaign)))
            if campaign.period_end < today:
                continue
            if campaign.pk not in dates:
                dates[campaign.pk] = _registration_dates(campaign)
            deadline, years = dates[campaign.pk]
            wanted: int | None = None
            if years:
                if today.year not in years:
                    continue
                wanted = today.year
            if any(r.year == wanted for r in p.registrations.all()):
                continue
            extension = p.open_exceptions[0].valid_until if p.open_exceptions else None
            if deadline is not None and deadline < today and extension is None:
                continue  # closed: the unit needs an extension first, nothing it can do here
            year = f" năm {wanted}" if wanted else ""
            out.append(WorkItem(
                group=G_REGISTER, order=20, action="Đăng ký",
                title=f"{p.unit.name} – “{campaign.title}”{year}",
                url=reverse("campaigns:register", args=[p.pk]), due=deadline,
                extended_to=extension, key=f"registration:{p.pk}:{wanted or ''}",
                unit_id=p.unit_id, remind_days=reminder_days(campaign)))
    issuers = _own_units(user, (Role.OWNER,))
    if issuers:
        late = (Campaign.objects.filter(issuer_id__in=issuers, status__in=RUNNING,
                                        cascade_due__lt=today)
                .annotate(late=Count("participants", filter=Q(
                    participants__plan_status=PlanIssueStatus.PENDING)))
                .filter(late__gt=0).order_by("cascade_due"))
        for campaign in late:
            out.append(WorkItem(
                group=G_CASCADE, order=15, action="Theo dõi, nhắc nhở",
                title=f"{campaign.late} đơn vị chưa ban hành kế hoạch thực hiện “{campaign.title}”",
                url=reverse("campaigns:tracking", args=[campaign.pk]), due=campaign.cascade_due,
                key=f"cascade-late:{campaign.pk}", unit_id=campaign.issuer_id, announce=True))
    return out
