"""Reads of the notices app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.notices.models import Notice, Preference


def notices_of(user: Any) -> QuerySet[Notice]:
    return Notice.objects.filter(user_id=getattr(user, "pk", None) or 0)


def unread_count(user: Any) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def preference_of(user: Any) -> Preference:
    """The user's choice (unsaved default when they never chose)."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)
