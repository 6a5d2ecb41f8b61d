"""Who may see, enter, manage a writing contest and read an entry (built on accounts.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.access import Denied, _in_scope, is_admin, unit_scope_q
from thidua.writing.models import Entry, WritingContest


def _person(user: Any) -> Any:
    return getattr(user, "person", None) if getattr(user, "person_id", None) else None


def is_eligible(user: Any, contest: WritingContest) -> bool:
    """Staff whose unit is in the contest's scope may enter."""
    person = _person(user)
    return bool(person is not None and person.unit is not None
                and person.unit.path.startswith(contest.scope.path))


def may_manage(user: Any, contest: WritingContest) -> bool:
    return _in_scope(user, contest.organiser.path, write=True)


def access_contest(user: Any, contest: WritingContest) -> WritingContest:
    """Readers of the organiser unit, and the staff who may enter (writing_contests_visible_to)."""
    if writing_contests_visible_to(user).filter(pk=contest.pk).exists():
        return contest
    raise Denied("Cuộc thi này nằm ngoài phạm vi của bạn.")


def access_contest_manage(user: Any, contest: WritingContest) -> WritingContest:
    if may_manage(user, contest):
        return contest
    raise Denied("Chỉ cán bộ thi đua của đơn vị tổ chức được thực hiện thao tác này.")


def is_author(user: Any, entry: Entry) -> bool:
    person = _person(user)
    return person is not None and (entry.author_id == person.pk
                                   or entry.coauthors.filter(person=person).exists())


def access_entry(user: Any, entry: Entry) -> Entry:
    """The authors, and the organiser's officers and owners. Judges see the blind page instead."""
    if is_author(user, entry) or may_manage(user, entry.contest):
        return entry
    raise Denied("Bạn không xem được bài dự thi này (giám khảo chấm bài qua trang chấm thi, "
                 "không thấy tên tác giả).")


def writing_contests_visible_to(user: Any) -> QuerySet[WritingContest]:
    """Contests whose organiser the user reads, and those whose scope holds the user's unit."""
    qs = WritingContest.objects.select_related("organiser", "scope")
    if is_admin(user):
        return qs
    q = unit_scope_q(user, field="organiser__path")
    if q is None:
        return qs
    person = _person(user)
    if person is not None and person.unit is not None:
        prefixes = [person.unit.path[:i] for i in range(1, len(person.unit.path) + 1)
                    if person.unit.path[i - 1] == "/"] + [person.unit.path]
        q |= Q(scope__path__in=prefixes)
    return qs.filter(q)
