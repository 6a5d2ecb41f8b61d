"""Template helpers of the honour board: the readable addresses of units and campaigns."""

from typing import Any

from django import template

from thidua.public import selectors

register = template.Library()


@register.filter
def unit_slug(unit: Any) -> str:
    return selectors.unit_slug(unit)


@register.filter
def campaign_slug(campaign: Any) -> str:
    return selectors.campaign_slug(campaign)
