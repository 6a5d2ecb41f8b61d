"""Who may manage a panel (the organiser's officers and owners) and who judges in it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.access import Denied, access_unit, is_admin
from thidua.judging.models import Entry, Judge, Panel


def access_panel_manage(user: Any, panel: Panel) -> Panel:
    """Officers and owners of the organiser unit manage the panel (rounds, reminders, results)."""
    access_unit(user, panel.organiser, write=True)
    return panel


def may_manage(user: Any, panel: Panel) -> bool:
    try:
        access_panel_manage(user, panel)
    except Denied:
        return False
    return True


def access_judge(user: Any, panel: Panel) -> Judge:
    """The user's active seat on the panel, or Denied."""
    if not getattr(user, "pk", None):
        raise Denied("Bạn không phải giám khảo của hội đồng chấm này.")
    judge = Judge.objects.filter(panel=panel, user_id=user.pk, active=True).first()
    if judge is None:
        raise Denied("Bạn không phải giám khảo của hội đồng chấm này.")
    return judge


def access_entry_for_judge(user: Any, entry: Entry) -> Judge | None:
    """A judge may open an entry of their panel unless recused from it; the administrator
    reads it without a seat (None: no scoring)."""
    if is_admin(user) and not Judge.objects.filter(panel_id=entry.panel_id, user_id=user.pk,
                                                   active=True).exists():
        return None
    judge = access_judge(user, entry.panel)
    if entry.declarations.filter(judge=judge, conflict=True).exists():
        raise Denied("Bạn đã được miễn chấm bài này do xung đột lợi ích (cùng đơn vị với tác giả "
                     "hoặc đã tự khai báo), nên không được mở bài.")
    return judge


def panels_for_user(user: Any) -> QuerySet[Panel]:
    """Panels the user judges in, or manages (admin: all)."""
    if is_admin(user):
        return Panel.objects.all()
    from thidua.accounts.access import unit_scope_q

    q = unit_scope_q(user, field="organiser__path", write=True)
    seats = Panel.objects.filter(judges__user=user, judges__active=True)
    managed = Panel.objects.filter(q) if q is not None else Panel.objects.all()
    return (seats | managed).distinct()
