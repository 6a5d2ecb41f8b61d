"""Template helpers: the verification of uploaded papers (one query for a whole list)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from thidua.signing.selectors import latest_signed, verifications

register = template.Library()


@register.simple_tag
def paper_checks(rows: Iterable[Any], prefix: str) -> dict[int, Any]:
    """{% paper_checks files "awards.file" as checks %}: pk -> latest verification."""
    pks = [row.pk for row in rows]
    found = verifications(f"{prefix}:{pk}" for pk in pks)
    return {pk: found[f"{prefix}:{pk}"] for pk in pks if f"{prefix}:{pk}" in found}


@register.filter
def check_of(checks: dict[int, Any], pk: int) -> Any:
    return checks.get(pk)


@register.inclusion_tag("signing/_signed_box.html")
def signed_box(kind: str, object_id: int, label: str = "văn bản") -> dict[str, Any]:
    """The paper's signing state and the link to sign it or download the signed version."""
    latest = latest_signed(kind, [object_id]).get(object_id)
    return {"kind": kind, "object_id": object_id, "latest": latest, "label": label}
