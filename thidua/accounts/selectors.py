"""Reads of the accounts part: role assignments left on units that a reorganisation ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import RoleAssignment
from thidua.org.models import Unit
from thidua.org.selectors import successors_on


@dataclass(frozen=True)
class StrandedAssignment:
    """A role held over a unit that has ended, and the units that carry that unit on today."""

    assignment: RoleAssignment
    successors: list[Unit]


def assignments_on_ended_units(*, day: date) -> QuerySet[RoleAssignment]:
    """Every role assignment whose unit had ended before `day` (the reform report lists them)."""
    return (RoleAssignment.objects.filter(unit__active_to__lt=day)
            .select_related("user", "unit").order_by("unit__path", "user__username"))


def stranded_assignments(user: Any, *, day: date) -> list[StrandedAssignment]:
    """The user's roles over ended units, each with the live units offered instead (from the
    lineage: a merged ward offers the new ward; a dissolved district offers nothing)."""
    if user is None or not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault("_stranded_cache", {})
    if day not in cache:
        cache[day] = [StrandedAssignment(a, successors_on(a.unit, day) if a.unit else [])
                      for a in assignments_on_ended_units(day=day).filter(user=user)]
    return cache[day]
