"""Writes of the reports part: a review's written parts (the figures are never stored)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thidua.accounts.access import Actor, account_of
from thidua.campaigns.models import Campaign
from thidua.reports.access import access_campaign_reports
from thidua.reports.models import Review, default_last_year

REVIEW_FIELDS = ("last_year", "number_symbol", "place", "issued_on", "achievements",
                 "shortcomings", "lessons", "directions", "signer_capacity", "signer_title",
                 "signer_name", "recipients")


@transaction.atomic
def review_save(*, actor: Actor | None, campaign: Campaign, kind: str, values: dict[str, Any],
                check_access: bool = True) -> Review:
    """Create or update the campaign's review of `kind` with the written `values`."""
    if check_access:
        access_campaign_reports(actor, campaign, write=True)
    review = (Review.objects.select_for_update().filter(campaign=campaign, kind=kind).first()
              or Review(campaign=campaign, kind=kind,
                        last_year=default_last_year(campaign, kind)))
    for name in REVIEW_FIELDS:
        if name in values:
            setattr(review, name, values[name])
    review.updated_by = account_of(actor)
    review.full_clean()
    review.save()
    return review
