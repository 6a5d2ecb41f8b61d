"""Who may read a campaign's reports and dashboard, and who may write its reviews.

The figures cover every unit of the campaign, so they are for those who run the campaign:
readers of the issuing unit (owner, officer, council, signer at or above it). Writing a review
(its assessment and header) is for the issuer's owners and officers.
"""

from __future__ import annotations

from typing import Any

from thidua.campaigns.access import access_campaign
from thidua.campaigns.models import Campaign


def access_campaign_reports(user: Any, campaign: Campaign, *, write: bool = False) -> Campaign:
    if write:
        return access_campaign(user, campaign, write=True)
    return access_campaign(user, campaign, manage=True)
