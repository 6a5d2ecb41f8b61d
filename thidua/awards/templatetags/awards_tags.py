"""Small template helpers of the awards pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def absolute(value: Any) -> Any:
    """{{ -3|absolute }} -> 3."""
    try:
        return abs(value)
    except TypeError:
        return value


@register.filter
def dong(value: Any) -> str:
    """Money with dots between thousands: 2340000 -> '2.340.000'."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """{{ forms|get_item:code }}: a dictionary value by key in a template."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
