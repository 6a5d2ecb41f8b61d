"""Evidence source for PAR INDEX scoring: a unit's recognised initiatives of a year."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thidua.core.evidence_registry import EvidenceDocument
from thidua.initiatives.models import Initiative, Status


def documents(unit: Any, year: int) -> list[EvidenceDocument]:
    rows = (Initiative.objects.filter(unit=unit, year=year, status=Status.RECOGNISED)
            .order_by("decision_date", "pk").values_list("pk", "title", "decision_number"))
    return [EvidenceDocument("sang-kien", str(pk), f"Sáng kiến «{title}» (Quyết định số {number})",
                             reverse("initiatives:detail", args=[pk]))
            for pk, title, number in rows]
