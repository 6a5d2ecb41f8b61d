"""Evidence source for PAR INDEX scoring: the plans a unit issued in a year."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thidua.campaigns.models import Campaign
from thidua.core.evidence_registry import EvidenceDocument


def documents(unit: Any, year: int) -> list[EvidenceDocument]:
    rows = (Campaign.objects.filter(issuer=unit, issued_on__year=year)
            .order_by("issued_on", "pk").values_list("pk", "number_symbol", "title"))
    return [EvidenceDocument("ke-hoach", str(pk),
                             f"Kế hoạch số {number}: {title}" if number else f"Kế hoạch: {title}",
                             reverse("campaigns:detail", args=[pk]))
            for pk, number, title in rows]
