"""What the notices app does when another app emits an event (thidua.core.events)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.notices import services


def work_handed(*, users: Iterable[Any], message: str, url: str = "", **_: Any) -> None:
    """Generic: some work was handed to these users."""
    services.notify(users=users, message=message, url=url)


def _holding_role_over(unit: Any, role: str) -> list[User]:
    """Users holding `role` over `unit`: on the unit itself or one of its ancestors."""
    parts = unit.path.strip("/").split("/")
    paths = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return list(User.objects.filter(
        pk__in=RoleAssignment.objects.filter(role=role, unit__path__in=paths).values("user_id"),
        is_active=True))


def council_recipients(council: Any) -> list[User]:
    """The accounts of a council's members: each active member's linked account when members
    are linked to accounts, otherwise whoever holds the council role over the council's unit."""
    field_names = {f.name for f in council.members.model._meta.get_fields()}
    if "user" in field_names:
        linked = [m.user for m in council.members.filter(active=True, user__isnull=False)
                  .select_related("user")]
        if linked:
            return linked
    return _holding_role_over(council.unit, Role.COUNCIL)


def dossier_sent_to_council(*, dossier: Any, meeting: Any, **_: Any) -> None:
    """A dossier entered a council session: its members have candidates to vote on."""
    council = meeting.council
    held = meeting.held_on.strftime("%d/%m/%Y")
    services.notify(
        users=council_recipients(council), event="dossier_sent_to_council",
        url=reverse("awards:meeting", args=[meeting.pk]),
        message=(f"Hồ sơ đề nghị khen thưởng của {dossier.unit.name} đã được trình {council.name} "
                 f"(phiên họp ngày {held}: {meeting.purpose}). Đề nghị xem xét, biểu quyết."))
