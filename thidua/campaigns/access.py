"""Who may read, manage or change a campaign and a unit's part in it (built on accounts.access).

- read: the campaign was issued inside the user's scope, or it is launched and was issued by a
  unit above one of the user's units (the plan their unit implements), or the user is staff of
  a unit below the issuer;
- manage (tracking pages, dashboards): the issuer is inside the user's read scope;
- write (edit, launch, remind): the issuer is inside the user's write scope (owner, officer).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import Denied, access_unit, is_admin, scope_paths
from thidua.campaigns.models import Campaign, CampaignStatus, Participant


def ancestor_paths(path: str) -> list[str]:
    codes = path.strip("/").split("/")
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def campaigns_visible_to(user: Any) -> QuerySet[Campaign]:
    """Campaigns the user may read: issued within their scope, or by a unit above them (the plans
    their units implement). Drafts only for those who may manage the issuer."""
    qs = Campaign.objects.select_related("issuer", "parent")
    if is_admin(user):
        return qs
    managed = scope_paths(user)
    above: set[str] = set()
    for path in managed:
        above.update(ancestor_paths(path) if path != "/" else [])
    person = getattr(user, "person", None)
    if person is not None and person.unit_id:
        above.update(ancestor_paths(person.unit.path))
    if "/" in managed:
        return qs
    q = Q(pk__in=[])
    for prefix in managed:
        q |= Q(issuer__path__startswith=prefix)
    launched = ~Q(status=CampaignStatus.DRAFT)
    if above:
        q |= Q(issuer__path__in=sorted(above)) & launched
    return qs.filter(q)


def can_read_campaign(user: Any, campaign: Campaign) -> bool:
    return campaigns_visible_to(user).filter(pk=campaign.pk).exists()


def access_campaign(user: Any, campaign: Campaign, *, write: bool = False,
                    manage: bool = False) -> Campaign:
    """The campaign if the user may read it (manage: run its tracking; write: change it)."""
    if write:
        try:
            access_unit(user, campaign.issuer, write=True)
        except Denied:
            raise Denied("Bạn không có quyền sửa đổi phong trào này.") from None
        return campaign
    if manage:
        try:
            access_unit(user, campaign.issuer)
        except Denied:
            raise Denied("Chỉ đơn vị ban hành theo dõi được phong trào này.") from None
        return campaign
    if not can_read_campaign(user, campaign):
        raise Denied("Phong trào này nằm ngoài phạm vi của bạn.")
    return campaign


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    """A unit's part in a campaign: read by the unit's readers and by those running the campaign
    (its issuer is in their read scope)."""
    qs = Participant.objects.select_related("campaign", "unit")
    if is_admin(user):
        return qs
    q = Q(pk__in=[])
    for prefix in scope_paths(user):
        q |= Q(unit__path__startswith=prefix) | Q(campaign__issuer__path__startswith=prefix)
    return qs.filter(q)


def access_participant(user: Any, participant: Participant, *, write: bool = False) -> Participant:
    """A unit's part in a campaign: its own officers write; see participants_visible_to."""
    if write:
        access_unit(user, participant.unit, write=True)
        return participant
    if not participants_visible_to(user).filter(pk=participant.pk).exists():
        raise Denied("Chỉ đơn vị ban hành theo dõi được phong trào này.")
    return participant
