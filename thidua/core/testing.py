"""A small world for tests: two provinces, units, people and one user per role (named personas).

alice_owner owns province P1 (Home Affairs); olga_officer runs commune X1; oscar_officer runs
commune X3 (same province, other district); carl_council and sam_signer sit at P1; stan_staff is
a staff member of X1; ada_admin is the system admin; pete_owner owns the other province P2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.org.models import Gender, Membership, Person, Unit, UnitCategory, UnitKind

PASSWORD = "mat-khau-thu-nghiem-1"  # noqa: S105 - test fixture


@dataclass
class World:
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    categories: dict[str, UnitCategory] = field(default_factory=dict)
    # Objects other parts create on demand for their tests (campaigns, results, …), by key.
    extra: dict[str, Any] = field(default_factory=dict)

    def get_or_make(self, key: str, make: Any) -> Any:
        if key not in self.extra:
            self.extra[key] = make(self)
        return self.extra[key]

    def __getattr__(self, name: str) -> Any:
        for bucket in ("units", "people", "users"):
            values = self.__dict__.get(bucket, {})
            if name in values:
                return values[name]
        raise AttributeError(name)


def _category(world: World, code: str, name: str, kind: str) -> UnitCategory:
    category = UnitCategory.objects.create(code=code, name=name, kind=kind)
    world.categories[code] = category
    return category


def _unit(world: World, key: str, code: str, name: str, kind: str, category: str,
          parent: str | None = None, **extra: Any) -> Unit:
    unit = Unit.objects.create(code=code, name=name, kind=kind,
                               category=world.categories[category],
                               parent=world.units[parent] if parent else None, **extra)
    world.units[key] = unit
    return unit


def _person(world: World, key: str, code: str, name: str, unit: str, gender: str) -> Person:
    person = Person.objects.create(code=code, full_name=name, gender=gender,
                                   unit=world.units[unit], position="Chuyên viên",
                                   birth_date=date(1985, 5, 12))
    Membership.objects.create(person=person, unit=world.units[unit], start=date(2020, 1, 1),
                              position="Chuyên viên")
    world.people[key] = person
    return person


def _user(world: World, key: str, role: str | None, unit: str | None, **extra: Any) -> User:
    user = User.objects.create_user(username=key, password=PASSWORD, **extra)
    if role is not None:
        RoleAssignment.objects.create(user=user, role=role,
                                      unit=world.units[unit] if unit else None)
    world.users[key] = user
    return user


def build_world() -> World:
    world = World()
    _category(world, "tinh", "Tỉnh", UnitKind.PROVINCE)
    _category(world, "so-nganh", "Sở, ban, ngành", UnitKind.DEPARTMENT)
    _category(world, "huyen", "Huyện, thành phố", UnitKind.DISTRICT)
    _category(world, "xa", "Xã, phường, thị trấn", UnitKind.COMMUNE)
    _unit(world, "P1", "P1", "Tỉnh Hà Giang Thử", UnitKind.PROVINCE, "tinh")
    _unit(world, "D1", "P1-SNV", "Sở Nội vụ", UnitKind.DEPARTMENT, "so-nganh", "P1")
    _unit(world, "H1", "P1-H1", "Huyện Đồng Văn", UnitKind.DISTRICT, "huyen", "P1",
          active_to=date(2025, 6, 30))
    _unit(world, "H2", "P1-H2", "Huyện Mèo Vạc", UnitKind.DISTRICT, "huyen", "P1",
          active_to=date(2025, 6, 30))
    _unit(world, "X1", "P1-X1", "Xã Lũng Cú", UnitKind.COMMUNE, "xa", "H1")
    _unit(world, "X2", "P1-X2", "Xã Má Lé", UnitKind.COMMUNE, "xa", "H1")
    _unit(world, "X3", "P1-X3", "Xã Pải Lủng", UnitKind.COMMUNE, "xa", "H2")
    _unit(world, "P2", "P2", "Tỉnh Đăk Nông Thử", UnitKind.PROVINCE, "tinh")
    _unit(world, "Y1", "P2-Y1", "Xã Đắk Búk So", UnitKind.COMMUNE, "xa", "P2")
    _person(world, "p_x1", "CB-X1", "Nguyễn Thị Lan", "X1", Gender.FEMALE)
    _person(world, "p_x3", "CB-X3", "Trần Văn Đức", "X3", Gender.MALE)
    _person(world, "p_y1", "CB-Y1", "Lê Thị Hà", "Y1", Gender.FEMALE)
    _person(world, "p_staff", "CB-ST", "Phạm Minh Ánh", "X1", Gender.FEMALE)
    _user(world, "ada_admin", None, None, is_superuser=True, is_staff=True)
    _user(world, "alice_owner", Role.OWNER, "P1", first_name="Alice")
    _user(world, "pete_owner", Role.OWNER, "P2")
    _user(world, "olga_officer", Role.OFFICER, "X1")
    _user(world, "oscar_officer", Role.OFFICER, "X3")
    _user(world, "carl_council", Role.COUNCIL, "P1")
    _user(world, "sam_signer", Role.SIGNER, "P1")
    staff = _user(world, "stan_staff", None, None)
    staff.person = world.people["p_staff"]
    staff.save()
    return world


def restore_migration_data() -> None:
    """Re-run the project's data migrations (idempotent update_or_create loaders).

    Transactional tests (live server, backups) end by emptying every table, which also removes
    rows that data migrations loaded (award-form catalogue, base salaries). Journeys call this so
    they start from the same reference data as production, whatever ran before them.
    """
    from django.apps import apps as global_apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    ContentType.objects.clear_cache()  # ids change when a flush recreates the content types
    loader = MigrationLoader(connection, ignore_no_migrations=True, load=True)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if not global_apps.get_app_config(app_label).name.startswith("thidua."):
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(global_apps, None)  # type: ignore[arg-type]  # live registry
