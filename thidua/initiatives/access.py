"""Who may see, score or recognise an initiative (built on thidua.accounts.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import Denied, access_unit, is_admin, scope_paths, unit_scope_q
from thidua.accounts.models import Role
from thidua.initiatives.models import Initiative


def _person_id(user: Any) -> int | None:
    return getattr(user, "person_id", None) if user is not None and user.is_authenticated else None


def _unit_allowed(user: Any, initiative: Initiative, *, write: bool) -> bool:
    try:
        access_unit(user, initiative.unit, write=write)
    except Denied:
        return False
    return True


def is_author_or_submitter(user: Any, initiative: Initiative) -> bool:
    person_id = _person_id(user)
    if initiative.submitted_by_id is not None and initiative.submitted_by_id == getattr(user, "pk", None):
        return True
    return person_id is not None and initiative.authors.filter(person_id=person_id).exists()


def access_initiative(user: Any, initiative: Initiative, *, write: bool = False) -> Initiative:
    """Readable by whoever reads its unit, and by its authors and submitter; written by the
    unit's officers and owners."""
    if _unit_allowed(user, initiative, write=write):
        return initiative
    if not write and is_author_or_submitter(user, initiative):
        return initiative
    raise Denied("Sáng kiến này nằm ngoài phạm vi của bạn.")


def access_initiative_scoring(user: Any, initiative: Initiative) -> Initiative:
    """A council member scores initiatives of units under the council's unit."""
    if is_admin(user):
        return initiative
    if not any(initiative.unit.path.startswith(p) for p in scope_paths(user, [Role.COUNCIL])):
        raise Denied("Bạn không phải thành viên hội đồng xét sáng kiến của đơn vị này.")
    return initiative


def visible_initiatives(user: Any) -> QuerySet[Initiative]:
    qs = Initiative.objects.all()
    scope = unit_scope_q(user, field="unit__path")
    if scope is None:
        return qs
    own = Q(submitted_by=user)
    person_id = _person_id(user)
    if person_id is not None:
        own |= Q(authors__person_id=person_id)
    return qs.filter(scope | own).distinct()
