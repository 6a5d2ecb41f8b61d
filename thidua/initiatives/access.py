"""Who may see, score or recognise an initiative (built on thidua.accounts.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import Denied, access_unit, capability_paths, is_admin, unit_scope_q
from thidua.accounts.capabilities import Capability
from thidua.initiatives.models import Initiative


def _person_id(user: Any) -> int | None:
    return getattr(user, "person_id", None) if user is not None and user.is_authenticated else None


def _unit_allowed(user: Any, initiative: Initiative, *, write: bool) -> bool:
    try:
        access_unit(user, initiative.unit, write=write)
    except Denied:
        return False
    return True


def access_initiative(user: Any, initiative: Initiative, *, write: bool = False) -> Initiative:
    """Readable as initiatives_visible_to says; written by the unit's officers and owners."""
    if write and _unit_allowed(user, initiative, write=True):
        return initiative
    if not write and initiatives_visible_to(user).filter(pk=initiative.pk).exists():
        return initiative
    raise Denied("Sáng kiến này nằm ngoài phạm vi của bạn.")


def access_initiative_scoring(user: Any, initiative: Initiative) -> Initiative:
    """A council member scores initiatives of units under the council's unit."""
    if is_admin(user):
        return initiative
    if not any(initiative.unit.path.startswith(p) for p in capability_paths(user, Capability.VOTE)):
        raise Denied("Bạn không phải thành viên hội đồng xét sáng kiến của đơn vị này.")
    return initiative


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """Initiatives read by whoever reads their unit, and by their authors and submitter."""
    qs = Initiative.objects.all()
    scope = unit_scope_q(user, field="unit__path")
    if scope is None:
        return qs
    own = Q(submitted_by=user)
    person_id = _person_id(user)
    if person_id is not None:
        own |= Q(authors__person_id=person_id)
    return qs.filter(scope | own).distinct()
