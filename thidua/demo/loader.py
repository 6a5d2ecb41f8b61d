"""Writes the generated demo organisation, people and logins: COPY on PostgreSQL, bulk_create elsewhere.

Rows get ids reserved up front (from the table's sequence), so parents, lineage links and
memberships can point at rows in the same pass and a reset never reuses an id that the audit
trail already mentions. Small sizes get one audit entry per row; large ones one summary entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.core.audit import audit_bulk
from thidua.core.text import fold, person_sort_key
from thidua.demo import vocab
from thidua.demo.organisation import Organisation
from thidua.demo.people import PeopleBlock, full_name
from thidua.org.models import (
    LineageEvent,
    LineageLink,
    Membership,
    Person,
    Unit,
    UnitCategory,
)
from thidua.org.selectors import successors_on

Log = Callable[[str], None]

DEMO_NOTE = "Nạp dữ liệu mẫu"
DEMO_PASSWORD = "demo12345"  # noqa: S105 - printed on purpose: demo logins only
MARKER_CODE = "KGI"  # the demo organisation exists when this unit does
_BATCH = 5000
_POSITIONS = np.array(vocab.POSITIONS, dtype=object)


def _quiet(message: str) -> None:
    del message


def demo_exists() -> bool:
    return Unit.objects.filter(code=MARKER_CODE).exists()


# --- writing rows ---------------------------------------------------------------------------


def _reserve_ids(model: type[models.Model], count: int) -> int:
    """The first of `count` consecutive new ids for `model`, taken from its id sequence."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = int(cursor.fetchone()[0])
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608 - table name
        highest = int(cursor.fetchone()[0])
        if connection.vendor == "sqlite":
            # AUTOINCREMENT tables remember the highest id ever used, even after a reset.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, int(row[0]) if row else 0)
        return highest + 1


def _write(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert rows (values in `fields` order, ids included) with the fastest path available."""
    if connection.vendor == "postgresql":
        by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
        columns = ", ".join(connection.ops.quote_name(by_attname[name]) for name in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(fields, row, strict=True))))
        if len(batch) >= _BATCH:
            model._default_manager.bulk_create(batch, batch_size=_BATCH)
            batch = []
    model._default_manager.bulk_create(batch, batch_size=_BATCH)


@contextmanager
def _keys_and_indexes_rebuilt_after(*tables: type[models.Model]) -> Iterator[None]:
    """PostgreSQL, large loads: drop the tables' foreign keys and plain indexes, load, restore.

    What pg_dump does. Millions of rows inserted into btrees in random key order (names, sort
    keys), each with a deferred foreign-key check per row, cost far more than building each index
    once and validating each foreign key with one join. Primary keys and unique constraints stay.
    Inside the load transaction, so a failure leaves the schema as it was.
    """
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [names])
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [names])
        indexes = cursor.fetchall()
        quote = connection.ops.quote_name
        # Run the checks still pending (units just written): ALTER TABLE refuses to run on a
        # table with pending trigger events, and dropping a key alters the referenced table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _audit_range(model: type[models.Model], first: int, count: int) -> None:
    related = [f.name for f in model._meta.concrete_fields if f.is_relation]  # for __str__
    rows = list(model._default_manager.filter(pk__gte=first, pk__lt=first + count)
                .select_related(*related).order_by("pk"))
    audit_bulk(rows, LogEntry.Action.CREATE, actor=None, note=DEMO_NOTE)


# --- the organisation -------------------------------------------------------------------------


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, count: int, started: float) -> None:
        self.counts[name] = self.counts.get(name, 0) + count
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


class _NameKeys:
    """Search and sort keys of people, computed once per distinct name."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, str, str]] = {}

    def get(self, key: int) -> tuple[str, str, str]:
        found = self.cache.get(key)
        if found is None:
            name = full_name(key)
            found = self.cache[key] = (name, fold(name), person_sort_key(name)[:400])
        return found


def load_organisation(
    org: Organisation, people: Iterable[PeopleBlock], *, log: Log = _quiet
) -> LoadReport:
    """Write `org` and `people` in one transaction; returns counts and seconds per table."""
    report = LoadReport()
    per_row = org.size.audit_rows
    with transaction.atomic():
        started = time.perf_counter()
        categories = _categories(org, per_row)
        report.add("categories", len(org.categories), started)

        started = time.perf_counter()
        unit_base = _units(org, categories, per_row)
        report.add("units", len(org.units), started)
        log(f"  {as_text(len(org.units))} đơn vị")

        started = time.perf_counter()
        links = _lineage(org, unit_base, per_row)
        report.add("lineage_events", len(org.events), started)
        report.counts["lineage_links"] = links
        log(f"  {as_text(len(org.events))} sự kiện sắp xếp, {as_text(links)} liên kết kế thừa")

        keys = _NameKeys()
        with nullcontext() if per_row else _keys_and_indexes_rebuilt_after(Person, Membership):
            for block in people:
                started = time.perf_counter()
                person_base = _people(block, unit_base, keys, per_row)
                report.add("people", len(block), started)
                started = time.perf_counter()
                _memberships(block, unit_base, person_base, per_row)
                report.add("memberships", int(block.m_person.size), started)
                province = org.provinces[block.province]
                log(f"  {province.name}: {as_text(len(block))} cán bộ, "
                    f"{as_text(block.m_person.size)} quá trình công tác")
            started = time.perf_counter()
        if not per_row:
            report.add("indexes_and_keys", 0, started)
            _audit_summary(org, report)
        started = time.perf_counter()
    report.add("commit", 0, started)  # deferred foreign-key checks run here
    return report


def _categories(org: Organisation, per_row: bool) -> dict[str, int]:
    existing = dict(UnitCategory.objects.values_list("code", "id"))
    missing = [UnitCategory(code=c.code, name=c.name, kind=c.kind)
               for c in org.categories if c.code not in existing]
    created = UnitCategory.objects.bulk_create(missing)
    if per_row and created:
        audit_bulk(list(UnitCategory.objects.filter(code__in=[c.code for c in created])),
                   LogEntry.Action.CREATE, actor=None, note=DEMO_NOTE)
    return dict(UnitCategory.objects.values_list("code", "id"))


_UNIT_FIELDS = ("id", "code", "name", "kind", "category_id", "parent_id", "path", "depth",
                "active_from", "active_to", "search_name", "sort_key")


def _units(org: Organisation, categories: dict[str, int], per_row: bool) -> int:
    base = _reserve_ids(Unit, len(org.units))
    built: list[Unit] = []
    for number, row in enumerate(org.units):
        unit = Unit(
            id=base + number, code=row.code, name=row.name, kind=row.kind,
            category_id=categories[row.category], active_from=row.active_from,
            active_to=row.active_to,
            parent=built[row.parent] if row.parent is not None else None,
        )
        unit.refresh_derived()  # path, depth and search keys exactly as Unit.save() sets them
        built.append(unit)
    _write(Unit, _UNIT_FIELDS, (tuple(getattr(u, name) for name in _UNIT_FIELDS) for u in built))
    if per_row:
        _audit_range(Unit, base, len(built))
    return base


def _lineage(org: Organisation, unit_base: int, per_row: bool) -> int:
    event_base = _reserve_ids(LineageEvent, len(org.events))
    _write(LineageEvent, ("id", "kind", "effective_date", "legal_basis", "note"), (
        (event_base + i, e.kind, e.effective_date, e.legal_basis, e.note)
        for i, e in enumerate(org.events)))
    links = list(org.links())
    link_base = _reserve_ids(LineageLink, len(links))
    _write(LineageLink, ("id", "event_id", "predecessor_id", "successor_id"), (
        (link_base + i, event_base + event, unit_base + before,
         None if after is None else unit_base + after)
        for i, (event, before, after) in enumerate(links)))
    if per_row:
        _audit_range(LineageEvent, event_base, len(org.events))
        _audit_range(LineageLink, link_base, len(links))
    return len(links)


_PERSON_FIELDS = ("id", "code", "full_name", "gender", "birth_date", "position", "email",
                  "unit_id", "search_name", "sort_key")


def _people(block: PeopleBlock, unit_base: int, keys: _NameKeys, per_row: bool) -> int:
    base = _reserve_ids(Person, len(block))
    codes = block.codes()
    names = [keys.get(key) for key in block.name_keys().tolist()]
    rows = zip(
        range(base, base + len(block)), codes, (n[0] for n in names),
        np.where(block.female, "F", "M").tolist(), block.birth.tolist(),
        _POSITIONS[block.position].tolist(), ("" for _ in codes),
        (block.unit.astype(np.int64) + unit_base).tolist(),
        # Person.refresh_derived(): fold(f"{full_name} {code}"); codes are ASCII without spaces.
        (f"{n[1]} {code.lower()}" for n, code in zip(names, codes, strict=True)),
        (n[2] for n in names), strict=True,
    )
    _write(Person, _PERSON_FIELDS, rows)
    if per_row:
        _audit_range(Person, base, len(block))
    return base


def _memberships(block: PeopleBlock, unit_base: int, person_base: int, per_row: bool) -> None:
    count = int(block.m_person.size)
    base = _reserve_ids(Membership, count)
    rows = zip(
        range(base, base + count), (block.m_person.astype(np.int64) + person_base).tolist(),
        (block.m_unit.astype(np.int64) + unit_base).tolist(),
        _POSITIONS[block.m_position].tolist(), block.m_start.tolist(), block.m_end.tolist(),
        strict=True,
    )
    _write(Membership, ("id", "person_id", "unit_id", "position", "start", "end"), rows)
    if per_row:
        _audit_range(Membership, base, count)


def _audit_summary(org: Organisation, report: LoadReport) -> None:
    """Large sizes: one entry on the province unit instead of millions of rows."""
    root = Unit.objects.get(code=org.provinces[0].code)
    counts = ", ".join(f"{name} {count}" for name, count in report.counts.items())
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Unit), object_pk=str(root.pk),
        object_id=root.pk, object_repr=str(root)[:200], action=LogEntry.Action.CREATE,
        changes={}, changes_text=f"{DEMO_NOTE} (cỡ {org.size.name}, seed {org.seed}): {counts}",
        cid=get_cid(),
        additional_data={"bulk": True, "note": DEMO_NOTE, "size": org.size.name,
                         "seed": org.seed, "counts": report.counts},
    )


# --- logins ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    username: str
    last_name: str  # họ và tên đệm
    first_name: str  # tên
    description: str
    role: str | None = None  # accounts.Role value
    unit: str | Callable[[], Unit | None] | None = None  # unit code, or a lookup
    superuser: bool = False
    staff_of: str | None = None  # linked to a staff member whose history starts in this unit


def _live_successor(code: str) -> Callable[[], Unit | None]:
    """The unit that carries `code` on today (the unit itself while it is active)."""
    def lookup() -> Unit | None:
        unit = Unit.objects.filter(code=code).first()
        return _carried_on(unit)
    return lookup


def _carried_on(unit: Unit | None) -> Unit | None:
    if unit is None:
        return None
    live = successors_on(unit, timezone.localdate())
    return live[0] if live else None


def _old_commune_in_other_district() -> Unit | None:
    first = Unit.objects.filter(code="KGI-X001").first()
    if first is None:
        return None
    old = (Unit.objects.filter(category__code="xa", parent__parent__code=MARKER_CODE)
           .exclude(parent_id=first.parent_id).order_by("code").first()) or first
    return _carried_on(old)


# Every officer sits on a live unit after the 1 July 2025 reform (Kiên Giang merged into
# An Giang, districts abolished): the one that carries on the unit of the seed plans. Through the
# lineage they see (and answer for) their predecessors' 2021-2025 history.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", "Trần Quốc", "Bảo", "Quản trị hệ thống (superuser)", superuser=True),
    DemoLogin("noivu", "Nguyễn Thị Thanh", "Hương",
              "Cán bộ Sở Nội vụ tỉnh An Giang, chủ trì phong trào (kể cả phong trào của tỉnh "
              "Kiên Giang trước sắp xếp)", Role.OWNER, _live_successor("KGI")),
    DemoLogin("xa1", "Lê Văn", "Tâm",
              "Cán bộ thi đua phường mới kế thừa Phường Vĩnh Thanh Vân (KGI-X001)",
              Role.OFFICER, _live_successor("KGI-X001")),
    DemoLogin("xa2", "Danh Thị Mỹ", "Linh", "Cán bộ thi đua xã mới kế thừa một xã thuộc huyện "
              "khác", Role.OFFICER, _old_commune_in_other_district),
    DemoLogin("xamoi", "Huỳnh Ngọc", "Trinh", "Cán bộ thi đua một xã, phường mới (từ 01/7/2025)",
              Role.OFFICER, "KGI-XM01"),
    DemoLogin("so1", "Phạm Minh", "Khoa",
              "Cán bộ thi đua Sở Dân tộc và Tôn giáo (kế thừa Ban Dân tộc tỉnh Kiên Giang)",
              Role.OFFICER, _live_successor("KGI-BDT")),
    DemoLogin("hoidong", "Võ Thị Kim", "Loan", "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh",
              Role.COUNCIL, _live_successor("KGI")),
    DemoLogin("chutich", "Lâm Văn", "Thắng", "Chủ tịch UBND tỉnh (người ký)", Role.SIGNER,
              _live_successor("KGI")),
    DemoLogin("canbo", "", "", "Công chức phường mới kế thừa Phường Vĩnh Thanh Vân (xem hồ sơ của "
              "mình)",
              staff_of="KGI-X001"),
    DemoLogin("noivu_hg", "Lò Thị", "Mai", "Sở Nội vụ tỉnh Tuyên Quang (kế thừa tỉnh Hà Giang)",
              Role.OWNER, _live_successor("HGI")),
    DemoLogin("noivu_dn", "Đinh Văn", "Hùng", "Sở Nội vụ tỉnh Lâm Đồng (kế thừa tỉnh Đăk Nông)",
              Role.OWNER, _live_successor("DNO")),
    DemoLogin("noivu_tn", "Đàng Thị", "Ngọc",
              "Sở Nội vụ tỉnh Khánh Hòa (kế thừa tỉnh Ninh Thuận và huyện Thuận Nam)",
              Role.OWNER, _live_successor("NTH")),
)


def _staff_person(unit_code: str) -> Person | None:
    """A staff member (not a head or deputy) whose history includes the unit, not yet a login."""
    taken = User.objects.filter(person__isnull=False).values("person_id")
    membership = (
        Membership.objects.filter(unit__code=unit_code)
        .exclude(position__startswith="Chủ tịch").exclude(position__startswith="Phó")
        .exclude(person_id__in=taken).select_related("person").order_by("person__code").first()
    )
    return membership.person if membership else None


def ensure_demo_users(*, log: Log = _quiet) -> list[tuple[DemoLogin, str]]:
    """Create the demo logins that are missing (existing ones are left as they are).

    Returns each login with the scope it holds. Users are saved one by one so that auditlog
    records them through its own registration, which leaves the password out. A login whose
    unit does not exist (an organisation that is not the demo's) is skipped.
    """
    password = ""  # hashed once, when first needed: argon2 is slow on purpose
    result = []
    for login in DEMO_LOGINS:
        target = login.unit() if callable(login.unit) else login.unit
        unit = Unit.objects.filter(code=target).first() if isinstance(target, str) else target
        if login.unit is not None and unit is None:
            log(f"  bỏ qua tài khoản {login.username}: không có đơn vị {target or ''}")
            continue
        user = User.objects.filter(username=login.username).first()
        changed = user is None
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User(username=login.username, first_name=login.first_name,
                        last_name=login.last_name, email=f"{login.username}@thidua.example",
                        password=password, is_superuser=login.superuser, is_staff=login.superuser)
            log(f"  tạo tài khoản {login.username}")
        if login.staff_of and user.person is None:  # new, or after --reset
            user.person = _staff_person(login.staff_of)
            if user.person is not None:
                user.last_name, _, user.first_name = user.person.full_name.rpartition(" ")
            changed = True
        if changed:
            user.save()
        if login.role and unit is not None:
            RoleAssignment.objects.get_or_create(user=user, role=login.role, unit=unit)
        scope = f"{unit.name} ({unit.code})" if unit is not None else ""
        if user.person is not None:
            scope = f"{user.person.full_name} ({user.person.code})"
        result.append((login, scope))
    return result


# --- reset ----------------------------------------------------------------------------------


def _domain_models() -> list[type[models.Model]]:
    """Every table of the thidua apps except the logins, children before the rows they point at."""
    chosen = [
        model for config in apps.get_app_configs() if config.name.startswith("thidua.")
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model is not User
        and model._meta.auto_created is not User
    ]
    ordered: list[type[models.Model]] = []
    remaining = list(chosen)
    while remaining:
        # A model goes next when no model still remaining points at it.
        ready = [m for m in remaining if not any(
            f.related_model is m and other is not m
            for other in remaining for f in other._meta.concrete_fields if f.is_relation)]
        ready = ready or remaining[:1]  # a cycle: constraints are checked at commit anyway
        ordered.extend(ready)
        remaining = [m for m in remaining if m not in ready]
    return ordered


def wipe_domain_data(*, log: Log = _quiet) -> None:
    """Delete all domain rows (role assignments too). Logins stay, without their person."""
    with transaction.atomic():
        User.objects.filter(person__isnull=False).update(person=None)
        existing = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            for model in _domain_models():
                if model._meta.db_table not in existing:  # an app whose migration is not run
                    continue
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - table name
                if cursor.rowcount:
                    log(f"  xóa {as_text(cursor.rowcount)} dòng {model._meta.db_table}")


def as_text(value: Any) -> str:
    """Thousands with a dot, the Vietnamese way: 2500000 -> '2.500.000'."""
    return f"{value:,}".replace(",", ".")
