"""Who may see or change dossiers, council meetings, decisions and awards.

- a dossier is read by whoever reads its nominating unit, and by the owner, council and signer
  roles at (or above) its receiving level; it is edited by the nominating unit's officers and
  owners while it is a draft or returned for revision;
- a council meeting belongs to the council's unit: its owners, members and signers;
- a decision is read at its issuing level and by the units it awards;
- an award (and its certificate) is read with its unit, and by the awarded person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import (
    READ_ROLES,
    Denied,
    is_admin,
    scope_paths,
    unit_scope_q,
)
from thidua.accounts.models import Role
from thidua.awards.models import (
    Award,
    AwardDecision,
    CouncilMeeting,
    DocumentJob,
    Dossier,
    Nomination,
    State,
)

REVIEW_ROLES = (Role.OWNER, Role.COUNCIL, Role.SIGNER)
EDITABLE = (State.DRAFT, State.RETURNED)


def _under(path: str, prefixes: list[str]) -> bool:
    return any(path.startswith(p) for p in prefixes)


def can_read_dossier(user: Any, dossier: Dossier) -> bool:
    if is_admin(user):
        return True
    if _under(dossier.unit.path, scope_paths(user, READ_ROLES)):
        return True
    return _under(dossier.receiver.path, scope_paths(user, REVIEW_ROLES))


def access_dossier(user: Any, dossier: Dossier, *, write: bool = False) -> Dossier:
    """The dossier if the user may read it; write: may change its nominations and papers."""
    if write:
        if not (is_admin(user) or _under(dossier.unit.path,
                                         scope_paths(user, (Role.OFFICER, Role.OWNER)))):
            raise Denied("Chỉ cán bộ thi đua của đơn vị trình được sửa hồ sơ này.")
        return dossier
    if not can_read_dossier(user, dossier):
        raise Denied("Hồ sơ này nằm ngoài phạm vi của bạn.")
    return dossier


def access_nomination(user: Any, nomination: Nomination, *, write: bool = False) -> Nomination:
    access_dossier(user, nomination.dossier, write=write)
    return nomination


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    qs = Dossier.objects.all()
    q = unit_scope_q(user, field="unit__path")  # None: everything (admin, whole-system roles)
    if q is None:
        return qs
    for prefix in scope_paths(user, REVIEW_ROLES):
        q |= Q(receiver__path__startswith=prefix)
    return qs.filter(q)


def access_meeting(user: Any, meeting: CouncilMeeting) -> CouncilMeeting:
    if is_admin(user) or _under(meeting.council.unit.path, scope_paths(user, REVIEW_ROLES)):
        return meeting
    raise Denied("Phiên họp này thuộc Hội đồng ngoài phạm vi của bạn.")


def visible_meetings(user: Any) -> QuerySet[CouncilMeeting]:
    qs = CouncilMeeting.objects.select_related("council", "council__unit")
    if is_admin(user):
        return qs
    q = Q(pk__in=[])
    for prefix in scope_paths(user, REVIEW_ROLES):
        q |= Q(council__unit__path__startswith=prefix)
    return qs.filter(q)


def can_read_decision(user: Any, decision: AwardDecision) -> bool:
    if is_admin(user):
        return True
    paths = scope_paths(user, READ_ROLES)
    if _under(decision.issuer.path, paths):
        return True
    awarded = decision.awards.select_related("unit")
    if any(_under(a.unit.path, paths) for a in awarded):
        return True
    person_id = getattr(user, "person_id", None)
    return person_id is not None and awarded.filter(person_id=person_id).exists()


def access_decision(user: Any, decision: AwardDecision) -> AwardDecision:
    if not can_read_decision(user, decision):
        raise Denied("Quyết định này nằm ngoài phạm vi của bạn.")
    return decision


def access_award(user: Any, award: Award) -> Award:
    if is_admin(user):
        return award
    if award.person_id is not None and getattr(user, "person_id", None) == award.person_id:
        return award
    if _under(award.unit.path, scope_paths(user, READ_ROLES)):
        return award
    if award.decision is not None and _under(award.decision.issuer.path, scope_paths(user, READ_ROLES)):
        return award
    raise Denied("Khen thưởng này nằm ngoài phạm vi của bạn.")


def access_job(user: Any, job: DocumentJob) -> DocumentJob:
    if is_admin(user) or job.created_by_id == getattr(user, "pk", None):
        return job
    if _under(job.unit.path, scope_paths(user, READ_ROLES)):
        return job
    raise Denied("Công việc này không thuộc phạm vi của bạn.")
