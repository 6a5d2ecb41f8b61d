"""Who may manage, see or take a contest, and whose attempt a page belongs to."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from thidua.accounts.access import Denied, access_unit, is_admin, unit_scope_q
from thidua.contests.models import Attempt, Contest

PUBLIC_SESSION_KEY = "contest_public_participants"


def _reads_unit(user: Any, contest: Contest, *, write: bool) -> bool:
    try:
        access_unit(user, contest.organiser, write=write)
    except Denied:
        return False
    return True


def is_eligible_staff(user: Any, contest: Contest) -> bool:
    """Staff of the organiser's units take part (003 §I.2: 100 % of staff)."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return bool(person is not None and person.unit is not None
                and person.unit.path.startswith(contest.organiser.path))


def access_contest(user: Any, contest: Contest, *, manage: bool = False) -> Contest:
    """Managed by officers/owners of the organiser; seen as contests_visible_to says."""
    if manage and _reads_unit(user, contest, write=True):
        return contest
    if not manage and contests_visible_to(user).filter(pk=contest.pk).exists():
        return contest
    raise Denied("Cuộc thi này nằm ngoài phạm vi của bạn.")


def contests_visible_to(user: Any) -> QuerySet[Contest]:
    """Contests seen by the organiser's readers and by its eligible staff (is_eligible_staff)."""
    qs = Contest.objects.select_related("organiser")
    scope = unit_scope_q(user, field="organiser__path")
    if scope is None:
        return qs
    person = getattr(user, "person", None)
    if person is not None and person.unit is not None:
        ancestors = [p for p in _prefixes(person.unit.path)]
        scope |= Q(organiser__path__in=ancestors)
    return qs.filter(scope)



def _prefixes(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def public_participant_ids(request: HttpRequest) -> list[int]:
    return list(request.session.get(PUBLIC_SESSION_KEY, []))


def remember_public_participant(request: HttpRequest, participant_id: int) -> None:
    ids = public_participant_ids(request)
    if participant_id not in ids:
        request.session[PUBLIC_SESSION_KEY] = [*ids[-19:], participant_id]


def owns_attempt(request: HttpRequest, attempt: Attempt) -> bool:
    """The participant: the staff member logged in, or the member of the public whose browser
    session registered them."""
    user = request.user
    person_id = getattr(user, "person_id", None) if user.is_authenticated else None
    participant = attempt.participant
    if person_id is not None and participant.person_id == person_id:
        return True
    return participant.person_id is None and participant.pk in public_participant_ids(request)


def access_attempt(request: HttpRequest, attempt: Attempt) -> Attempt:
    """The participant sees their attempt; the system admin may look at its result."""
    if owns_attempt(request, attempt) or (request.user.is_authenticated and is_admin(request.user)):
        return attempt
    raise Denied("Đây không phải lượt thi của bạn.")
