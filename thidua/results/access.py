"""Who may read a unit's annual PAR INDEX results: whoever reads the unit (its subtree scope,
predecessors included). The results pages, the API and the exports all list from here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.access import filter_by_unit_scope
from thidua.results.models import AnnualResult


def results_visible_to(user: Any) -> QuerySet[AnnualResult]:
    return filter_by_unit_scope(AnnualResult.objects.all(), user, field="unit__path")
