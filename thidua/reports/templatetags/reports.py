"""Template helpers of the reports pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from thidua.reports.selectors import Figures, percent_text

register = template.Library()


@register.filter
def pct(value: Decimal | None) -> str:
    return percent_text(value)


@register.filter
def money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@register.filter
def get(mapping: dict, key: Any) -> Any:
    return mapping.get(key)


@register.simple_tag
def classification_count(figures: Figures, year: int, code: str) -> int:
    return figures.classification_count(year, code)
