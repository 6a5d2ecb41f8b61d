"""Writes of the accounts part: an officer's role follows their unit into its successor."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.accounts.access import Actor, Denied, is_admin
from thidua.accounts.models import RoleAssignment
from thidua.org.models import Unit
from thidua.org.selectors import successors_on


@transaction.atomic
def role_assignment_move(*, actor: Actor, assignment: RoleAssignment, unit: Unit) -> RoleAssignment:
    """Move a role held over an ended unit to one of the units that carry it on today.

    Only the holder (or an administrator) moves it, and only to a successor the lineage names:
    a choice the lineage cannot make (a dissolved unit) is the administrator's."""
    # Lock the assignment row only: the unit is read through a nullable join, which PostgreSQL
    # refuses to lock ("FOR UPDATE cannot be applied to the nullable side of an outer join").
    assignment = RoleAssignment.objects.select_for_update(of=("self",)).select_related(
        "unit").get(pk=assignment.pk)
    if assignment.user_id != getattr(actor, "pk", None) and not is_admin(actor):
        raise Denied("Bạn chỉ chuyển được phân quyền của chính mình.")
    old = assignment.unit
    today = timezone.localdate()
    if old is None or old.is_active_on(today):
        raise ValidationError("Đơn vị của phân quyền này vẫn đang hoạt động; không cần chuyển.")
    offered = successors_on(old, today)
    if unit.pk not in {u.pk for u in offered} and not is_admin(actor):
        raise ValidationError(f"{unit.name} không phải đơn vị kế thừa {old.name}.")
    if RoleAssignment.objects.filter(user_id=assignment.user_id, role=assignment.role,
                                     unit=unit).exists():
        assignment.delete()  # the same role over the successor already exists: keep that one
        return RoleAssignment.objects.get(user_id=assignment.user_id, role=assignment.role,
                                          unit=unit)
    assignment.unit = unit
    assignment.full_clean()
    assignment.save()
    return assignment
