"""{% deadline due extended_to %}: a deadline as every page shows it — the date, the extension
granted (if any) and, once passed, "quá hạn" in red."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("core/_deadline.html")
def deadline(due: date | None, extended_to: date | None = None, today: date | None = None
             ) -> dict[str, Any]:
    today = today or timezone.localdate()
    effective = extended_to or due
    days = None if effective is None else (effective - today).days
    return {"due": due, "extended_to": extended_to, "days": days,
            "overdue": days is not None and days < 0, "late_days": -days if days and days < 0 else 0}


@register.inclusion_tag("core/_past_deadline.html")
def past_deadline(due: date | None, extended_to: date | None = None, what: str = "",
                  today: date | None = None) -> dict[str, Any]:
    """Said before a form whose deadline has passed: closed, or open until an extension."""
    today = today or timezone.localdate()
    extended_to = extended_to or None
    past = due is not None and due < today
    return {"past": past, "due": due, "what": what, "extended_to": extended_to,
            "open": bool(extended_to and extended_to >= today)}
