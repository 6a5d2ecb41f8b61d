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
    Denied,
    capability_paths,
    is_admin,
    unit_scope_q,
)
from thidua.accounts.capabilities import Capability
from thidua.awards.models import (
    Award,
    AwardDecision,
    CouncilMeeting,
    DocumentJob,
    Dossier,
    Nomination,
    State,
)

EDITABLE = (State.DRAFT, State.RETURNED)


def _under(path: str, prefixes: list[str]) -> bool:
    return any(path.startswith(p) for p in prefixes)


def _prefixes_q(prefixes: list[str], *fields: str) -> Q:
    q = Q(pk__in=[])
    for prefix in prefixes:
        for field in fields:
            q |= Q(**{f"{field}__startswith": prefix})
    return q


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    """Dossiers the user may read: the nominating unit's readers, and the reviewers (office,
    council, signer) at or above the receiving level."""
    qs = Dossier.objects.all()
    q = unit_scope_q(user, field="unit__path")  # None: everything (admin, whole-system roles)
    if q is None:
        return qs
    return qs.filter(q | _prefixes_q(capability_paths(user, Capability.REVIEW), "receiver__path"))


def can_read_dossier(user: Any, dossier: Dossier) -> bool:
    return dossiers_visible_to(user).filter(pk=dossier.pk).exists()


def access_dossier(user: Any, dossier: Dossier, *, write: bool = False) -> Dossier:
    """The dossier if the user may read it; write: may change its nominations and papers."""
    if write:
        if not (is_admin(user) or _under(dossier.unit.path,
                                         capability_paths(user, Capability.NOMINATE))):
            raise Denied("Chỉ cán bộ thi đua của đơn vị trình được sửa hồ sơ này.")
        return dossier
    if not can_read_dossier(user, dossier):
        raise Denied("Hồ sơ này nằm ngoài phạm vi của bạn.")
    return dossier


def access_nomination(user: Any, nomination: Nomination, *, write: bool = False) -> Nomination:
    access_dossier(user, nomination.dossier, write=write)
    return nomination


def meetings_visible_to(user: Any) -> QuerySet[CouncilMeeting]:
    """Council meetings of the levels the user reviews at (office, members, signer)."""
    qs = CouncilMeeting.objects.select_related("council", "council__unit")
    if is_admin(user):
        return qs
    return qs.filter(_prefixes_q(capability_paths(user, Capability.REVIEW), "council__unit__path"))


def access_meeting(user: Any, meeting: CouncilMeeting) -> CouncilMeeting:
    if meetings_visible_to(user).filter(pk=meeting.pk).exists():
        return meeting
    raise Denied("Phiên họp này thuộc Hội đồng ngoài phạm vi của bạn.")


def decisions_visible_to(user: Any) -> QuerySet[AwardDecision]:
    """Decisions the user may read: its issuer's readers, the awarded units' readers, and the
    awarded people themselves. The pages, the API and the exports all list from here."""
    qs = AwardDecision.objects.select_related("issuer", "campaign")
    if is_admin(user):
        return qs
    q = _prefixes_q(capability_paths(user, Capability.READ_SCOPE), "issuer__path", "awards__unit__path")
    person_id = getattr(user, "person_id", None)
    if person_id is not None:
        q |= Q(awards__person_id=person_id)
    return qs.filter(pk__in=AwardDecision.objects.filter(q).values("pk"))


def can_read_decision(user: Any, decision: AwardDecision) -> bool:
    return decisions_visible_to(user).filter(pk=decision.pk).exists()


def access_decision(user: Any, decision: AwardDecision) -> AwardDecision:
    if not can_read_decision(user, decision):
        raise Denied("Quyết định này nằm ngoài phạm vi của bạn.")
    return decision


def awards_visible_to(user: Any) -> QuerySet[Award]:
    """Awards the user may read: with their unit, at the deciding level, and one's own."""
    qs = Award.objects.select_related("unit", "person", "decision", "campaign")
    if is_admin(user):
        return qs
    q = _prefixes_q(capability_paths(user, Capability.READ_SCOPE), "unit__path", "decision__issuer__path")
    person_id = getattr(user, "person_id", None)
    if person_id is not None:
        q |= Q(person_id=person_id)
    return qs.filter(q)


def access_award(user: Any, award: Award) -> Award:
    if awards_visible_to(user).filter(pk=award.pk).exists():
        return award
    raise Denied("Khen thưởng này nằm ngoài phạm vi của bạn.")


def access_job(user: Any, job: DocumentJob) -> DocumentJob:
    if is_admin(user) or job.created_by_id == getattr(user, "pk", None):
        return job
    if _under(job.unit.path, capability_paths(user, Capability.READ_SCOPE)):
        return job
    raise Denied("Công việc này không thuộc phạm vi của bạn.")
