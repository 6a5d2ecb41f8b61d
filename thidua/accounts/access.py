"""Who may read or change what. Every view and API call asks one of these `access_*` functions.

Scope: a role is held over a unit's subtree (its materialised path prefix). A unit formed by a
merger also sees its predecessors' subtrees, so a merged commune keeps its 2021-2024 history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from thidua.accounts.capabilities import TWO_FACTOR_CAPABILITIES, Capability, capabilities_of, roles_with
from thidua.accounts.models import Role, RoleAssignment, User

if TYPE_CHECKING:
    from thidua.org.models import Person, Unit

# Whoever asks: a logged-in account, or the anonymous visitor of a public page.
Actor: TypeAlias = User | AnonymousUser

# The roles behind the two scopes every app filters by (thidua.accounts.capabilities).
READ_ROLES = roles_with(Capability.READ_SCOPE)
WRITE_ROLES = roles_with(Capability.EDIT_SCOPE)
TWO_FACTOR_ROLES = roles_with(*TWO_FACTOR_CAPABILITIES)


class Denied(PermissionDenied):
    """Raised with a Vietnamese message; rendered as 403."""

    def __init__(self, message: str = "Bạn không có quyền truy cập nội dung này.") -> None:
        super().__init__(message)


def account_of(actor: Actor | None) -> User | None:
    """The signed-in account behind `actor`, to record as who did something; None for the system
    (a job, the demo loader) or an anonymous visitor."""
    return actor if isinstance(actor, User) else None


def signed_in(actor: Actor | None) -> User:
    """The signed-in account behind `actor`, for an act only a person with an account can do."""
    if not isinstance(actor, User):
        raise Denied("Bạn cần đăng nhập để làm việc này.")
    return actor


def _cache(user: Actor) -> dict:
    """Per-request memo of the user's roles and scopes (the user object lives one request)."""
    cache: dict = user.__dict__.setdefault("_access_cache", {})
    return cache


def user_roles(user: Actor) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    cache = _cache(user)
    if "roles" not in cache:
        roles = set(user.role_assignments.values_list("role", flat=True))
        if user.is_superuser:
            roles.add(Role.ADMIN)
        if getattr(user, "person_id", None):
            roles.add(Role.STAFF)
        cache["roles"] = frozenset(roles)
    return cache["roles"]


def is_admin(user: Actor) -> bool:
    return Role.ADMIN in user_roles(user)


def requires_two_factor(user: Actor) -> bool:
    """True when the user must complete the two-step login before using any page."""
    return bool(user_roles(user) & TWO_FACTOR_ROLES) or bool(getattr(user, "is_staff", False))


def has_capability(user: Actor, *capabilities: Capability) -> bool:
    """May the user do any of `capabilities` somewhere (over at least one unit)?"""
    return bool(capabilities_of(user_roles(user)) & set(capabilities))


def access_capability(user: Actor, *capabilities: Capability) -> None:
    """Pages and actions reserved to a capability (held somewhere; objects are checked apart)."""
    if not has_capability(user, *capabilities):
        raise Denied("Chức năng này dành cho vai trò khác.")


def capability_paths(user: Actor, *capabilities: Capability) -> list[str]:
    """Path prefixes of the subtrees over which the user holds one of `capabilities`."""
    return scope_paths(user, roles_with(*capabilities))


def holds_capability_over(user: Actor, path: str, *capabilities: Capability) -> bool:
    """Does the user hold one of `capabilities` over the unit at `path` (or an ancestor)?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    return any(path.startswith(prefix) for prefix in capability_paths(user, *capabilities))


def has_role(user: Actor, *roles: str) -> bool:
    held = user_roles(user)
    return Role.ADMIN in held or any(role in held for role in roles)


def scope_paths(user: Actor, roles: Iterable[str] = READ_ROLES) -> list[str]:
    """Path prefixes of the subtrees the user holds one of `roles` over (with predecessors)."""
    from thidua.org.selectors import predecessor_paths

    wanted = frozenset(roles)
    if isinstance(user, AnonymousUser):
        return []
    cache = _cache(user)
    key = ("paths", wanted)
    if key not in cache:
        paths: set[str] = set()
        for assignment in user.role_assignments.filter(role__in=wanted).select_related("unit"):
            if assignment.unit is None:
                paths.add("/")
            else:
                paths.add(assignment.unit.path)
                paths.update(predecessor_paths(assignment.unit))
        cache[key] = sorted(paths)
    return cache[key]


def access_prime(users: Iterable[User], roles: Iterable[str] = READ_ROLES) -> None:
    """Learn the roles and the `roles` scope paths (predecessors included) of many users at once
    — three queries whatever their number — into each user's memo, as user_roles and scope_paths
    would one user at a time: a check repeated for each recipient of a notice then costs no query
    to learn who the recipient is."""
    from thidua.org.models import Unit
    from thidua.org.selectors import lineage_graph, predecessors

    people = [u for u in users if getattr(u, "is_authenticated", False)]
    if not people:
        return
    wanted = frozenset(roles)
    assignments = list(RoleAssignment.objects.filter(user__in=people).select_related("unit")
                       .order_by("pk"))
    graph = lineage_graph()
    before = {a.unit_id: predecessors(a.unit, graph=graph) for a in assignments
              if a.unit is not None and a.role in wanted}
    path_of = dict(Unit.objects.filter(pk__in={pk for ids in before.values() for pk in ids})
                   .values_list("pk", "path"))
    for user in people:
        mine = [a for a in assignments if a.user_id == user.pk]
        held = {a.role for a in mine}
        if user.is_superuser:
            held.add(Role.ADMIN)
        if getattr(user, "person_id", None):
            held.add(Role.STAFF)
        paths: set[str] = set()
        for a in mine:
            if a.role not in wanted:
                continue
            if a.unit is None:
                paths.add("/")
            else:
                paths.add(a.unit.path)
                paths.update(path_of[pk] for pk in before[a.unit_id] if pk in path_of)
        cache = _cache(user)
        cache["roles"] = frozenset(held)
        cache[("paths", wanted)] = sorted(paths)


def _path_q(paths: list[str], field: str) -> Q:
    q = Q(pk__in=[])
    for prefix in paths:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def unit_scope_q(user: Actor, *, field: str = "path", write: bool = False) -> Q | None:
    """A filter on units (or on rows through `field`, e.g. 'unit__path'); None means all."""
    if is_admin(user):
        return None
    paths = scope_paths(user, WRITE_ROLES if write else READ_ROLES)
    if "/" in paths:
        return None
    return _path_q(paths, field)


def filter_by_unit_scope(qs: QuerySet, user: Any, *, field: str, write: bool = False) -> QuerySet:
    q = unit_scope_q(user, field=field, write=write)
    return qs if q is None else qs.filter(q)


def visible_units(user: Actor) -> QuerySet[Unit]:
    from thidua.org.models import Unit

    return filter_by_unit_scope(Unit.objects.all(), user, field="path")


def _in_scope(user: Actor, path: str, *, write: bool) -> bool:
    if is_admin(user):
        return True
    roles = WRITE_ROLES if write else READ_ROLES
    return any(path.startswith(prefix) for prefix in scope_paths(user, roles))


def access_unit(user: Actor, unit: Unit, *, write: bool = False) -> Unit:
    """The unit, if the user may read it (or change it with write=True); otherwise Denied."""
    if not _in_scope(user, unit.path, write=write):
        raise Denied("Đơn vị này nằm ngoài phạm vi quản lý của bạn.")
    return unit


def access_person(user: Actor, person: Person, *, write: bool = False) -> Person:
    """A person is visible to whoever may read their current unit, and to themselves."""
    if not write and getattr(user, "person_id", None) == person.pk:
        return person
    if person.unit is None:
        if is_admin(user):
            return person
        raise Denied("Cán bộ này nằm ngoài phạm vi quản lý của bạn.")
    if not _in_scope(user, person.unit.path, write=write):
        raise Denied("Cán bộ này nằm ngoài phạm vi quản lý của bạn.")
    return person


def access_role(user: Actor, *roles: str) -> None:
    """Pages reserved to roles (e.g. the owner's tools); admin always passes."""
    if not has_role(user, *roles):
        raise Denied("Chức năng này dành cho vai trò khác.")
