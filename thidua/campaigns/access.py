"""Who may read, manage or change a campaign and a unit's part in it (built on accounts.access).

- read: the campaign was issued inside the user's scope, or it is launched and was issued by a
  unit above one of the user's units (the plan their unit implements), or the user is staff of
  a unit below the issuer;
- manage (tracking pages, dashboards): the issuer is inside the user's read scope;
- write (edit, launch, remind): the issuer is inside the user's write scope (owner, officer).
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.access import Denied, access_unit, is_admin, scope_paths
from thidua.campaigns.models import Campaign, CampaignStatus, Participant


def _below(path: str, prefix: str) -> bool:
    return path.startswith(prefix)


def can_read_campaign(user: Any, campaign: Campaign) -> bool:
    if is_admin(user):
        return True
    issuer_path = campaign.issuer.path
    paths = scope_paths(user)
    if any(_below(issuer_path, p) for p in paths):
        return True
    if campaign.status == CampaignStatus.DRAFT:
        return False
    if any(_below(p, issuer_path) for p in paths):
        return True
    person = getattr(user, "person", None)
    return bool(person is not None and person.unit_id and _below(person.unit.path, issuer_path))


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


def access_participant(user: Any, participant: Participant, *, write: bool = False) -> Participant:
    """A unit's part in a campaign: its own officers and whoever manages the campaign."""
    if write:
        access_unit(user, participant.unit, write=True)
        return participant
    try:
        access_unit(user, participant.unit)
    except Denied:
        access_campaign(user, participant.campaign, manage=True)
    return participant
