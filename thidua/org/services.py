"""Writes to the organisation: units, lineage events, people, transfers, and Excel imports.

Each function is atomic and leaves an audit entry (auditlog for single saves, audit_bulk for
imports), so every change shows who, when and what on the object's page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.accounts.access import Actor, Denied, access_unit
from thidua.core.audit import Action, audit_bulk, snapshot
from thidua.core.spreadsheet import (
    CellError,
    Column,
    ImportRejected,
    choice,
    parse_date,
    parse_table,
    text,
)
from thidua.core.text import fold
from thidua.org.models import (
    Gender,
    LineageEvent,
    LineageKind,
    LineageLink,
    Membership,
    Person,
    Unit,
    UnitCategory,
    UnitKind,
    unit_period_problem,
)
from thidua.org.selectors import open_memberships_on_ended_units


@transaction.atomic
def lineage_record(*, actor: Actor, kind: str, effective_date: date, predecessors: Sequence[Unit],
                   successors: Sequence[Unit], legal_basis: str = "", note: str = "") -> LineageEvent:
    """Record a merger/split/rename/dissolution: predecessors end the day before."""
    for unit in [*predecessors, *successors]:
        access_unit(actor, unit, write=True)
    if not predecessors:
        raise ValidationError("Cần ít nhất một đơn vị cũ.")
    if kind != LineageKind.DISSOLVE and not successors:
        raise ValidationError("Hợp nhất, chia tách, đổi tên cần ít nhất một đơn vị mới.")
    event = LineageEvent.objects.create(kind=kind, effective_date=effective_date,
                                        legal_basis=legal_basis, note=note)
    last_day = effective_date - timedelta(days=1)
    for predecessor in predecessors:
        if predecessor.active_to is None or predecessor.active_to > last_day:
            predecessor.active_to = last_day
            predecessor.save(update_fields=["active_to", "path", "depth", "search_name", "sort_key"])
        targets: list[Unit | None] = list(successors) or [None]
        for successor in targets:
            LineageLink.objects.create(event=event, predecessor=predecessor, successor=successor)
    for successor in successors:
        if successor.active_from is None:
            successor.active_from = effective_date
            successor.save()
    return event


@transaction.atomic
def person_transfer(*, actor: Actor, person: Person, unit: Unit, start: date,
                    position: str = "") -> Membership:
    """Close the current membership the day before `start` and open one at `unit`."""
    access_unit(actor, unit, write=True)
    if person.unit is not None:
        access_unit(actor, person.unit, write=True)
    problem = unit_period_problem(unit, start)
    if problem:
        raise ValidationError({"start": problem})
    current = person.memberships.filter(end__isnull=True).order_by("-start").first()
    if current is not None:
        if current.start >= start:
            raise ValidationError("Ngày chuyển công tác phải sau ngày bắt đầu công tác hiện tại.")
        current.end = start - timedelta(days=1)
        current.save()
    membership = Membership.objects.create(person=person, unit=unit, start=start,
                                           position=position or person.position)
    person.unit = unit
    if position:
        person.position = position
    person.save()
    return membership


@dataclass(frozen=True)
class LineageMoves:
    moved: int  # memberships moved to the successor
    undecided: list[Membership]  # on units dissolved or split: for the people import


@transaction.atomic
def memberships_follow_lineage(*, actor: Actor, day: date) -> LineageMoves:
    """Move every open membership on a unit that ended before `day` to the unit the lineage
    names as its one successor, from the event's date (the old one ends the day before).

    A unit dissolved without successor, or split in several, cannot be decided here: those
    memberships are returned, to be settled with `thidua import-people` (unit and start date)."""
    from thidua.org.selectors import successors_on

    moved: list[Membership] = []
    closed: list[Membership] = []
    before: list[dict[str, str]] = []
    people: list[Person] = []
    people_before: list[dict[str, str]] = []
    undecided: list[Membership] = []
    for membership in open_memberships_on_ended_units(day).select_for_update(of=("self",)):
        unit = membership.unit
        access_unit(actor, unit, write=True)
        assert unit.active_to is not None
        start = unit.active_to + timedelta(days=1)
        targets = successors_on(unit, start)
        if len(targets) != 1:
            undecided.append(membership)
            continue
        target = targets[0]
        access_unit(actor, target, write=True)
        before.append(snapshot(membership))
        membership.end = unit.active_to
        closed.append(membership)
        moved.append(Membership(person=membership.person, unit=target, start=start,
                                position=membership.position))
        person = membership.person
        if person.unit_id == unit.pk:
            people_before.append(snapshot(person))
            person.unit = target
            people.append(person)
    Membership.objects.bulk_update(closed, ["end"])
    created = Membership.objects.bulk_create(moved)
    Person.objects.bulk_update(people, ["unit"])
    note = "Chuyển theo sắp xếp đơn vị (kế thừa)"
    audit_bulk(closed, Action.UPDATE, actor=actor, before=before, note=note)
    audit_bulk(created, Action.CREATE, actor=actor, note=note)
    audit_bulk(people, Action.UPDATE, actor=actor, before=people_before, note=note)
    return LineageMoves(len(created), undecided)


# --- Excel import of units and people -----------------------------------------------------

_KIND_OPTIONS = {label: value for value, label in UnitKind.choices} | {
    value: value for value, _ in UnitKind.choices
}
_GENDER_OPTIONS = {"Nữ": Gender.FEMALE, "Nam": Gender.MALE, "F": Gender.FEMALE, "M": Gender.MALE}

UNIT_COLUMNS = [
    Column("code", "Mã đơn vị", text, example="KGI-X101", width=16),
    Column("name", "Tên đơn vị", text, example="UBND xã Bình An", width=40),
    Column("kind", "Loại đơn vị",
           choice(_KIND_OPTIONS, "loại đơn vị", shown=[label for _, label in UnitKind.choices]),
           example=UnitKind.COMMUNE.label, width=24),
    Column("category", "Khối", text, example="UBND xã, phường, thị trấn, đặc khu", width=30),
    Column("parent", "Mã đơn vị cấp trên", text, required=False, example="KGI-H01", width=18),
    Column("active_from", "Hoạt động từ", parse_date, required=False, example="01/07/2025"),
    Column("active_to", "Hoạt động đến", parse_date, required=False, example=""),
]

PERSON_COLUMNS = [
    Column("code", "Mã cán bộ", text, example="CB000123", width=14),
    Column("full_name", "Họ và tên", text, example="Nguyễn Thị Lan", width=28),
    Column("gender", "Giới tính", choice(_GENDER_OPTIONS, "giới tính (Nam/Nữ)", shown=["Nam", "Nữ"]),
           example="Nữ",
           width=10),
    Column("birth_date", "Ngày sinh", parse_date, required=False, example="12/05/1985"),
    Column("position", "Chức vụ", text, required=False, example="Chuyên viên", width=24),
    Column("email", "Thư điện tử", text, required=False, example="lan@example.gov.vn", width=26),
    Column("unit", "Mã đơn vị", text, example="KGI-X001", width=14),
    Column("start", "Công tác từ ngày", parse_date, required=False, example="01/01/2021"),
]


def import_options(kind: str) -> dict[str, list[str]]:
    """Dropdown values kept in the database for an import template ("don-vi": the categories)."""
    if kind == "don-vi":
        return {"category": [c.name for c in UnitCategory.objects.order_by("name")]}
    return {}


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int = 0

    def __str__(self) -> str:
        same = f", {self.unchanged} không thay đổi" if self.unchanged else ""
        return f"Đã nhập: {self.created} mới, {self.updated} cập nhật{same}."


def _allowed(actor: Actor, unit: Unit) -> bool:
    try:
        access_unit(actor, unit, write=True)
    except Denied:
        return False
    return True


def _ancestors_after_import(rows: Sequence[dict[str, Any]], existing: dict[str, Unit]) -> Any:
    """ancestors(code): the codes above a unit once the file is applied (file rows override the
    database), so a move under one's own descendant is caught even across two files."""
    planned = {row["code"]: row["parent"] or None for row in rows}
    stored: dict[str, str | None] = {}

    def parent_of(code: str) -> str | None:
        if code in planned:
            return planned[code]
        if code not in stored:
            unit = existing.get(code) or Unit.objects.filter(code=code).only("path").first()
            parts = unit.path.strip("/").split("/") if unit is not None else []
            stored[code] = parts[-2] if len(parts) > 1 else None
        return stored[code]

    def ancestors(code: str) -> set[str]:
        seen: list[str] = []
        current: str | None = code
        while current is not None and current not in seen:
            seen.append(current)
            current = parent_of(current)
        return set(seen)

    return ancestors


def _move_subtree(unit: Unit, old_path: str, loaded: dict[str, Unit]) -> None:
    """After a unit moves, its descendants' stored paths follow it (the path drives scope), and
    so do the copies the import holds in `loaded`."""
    if not old_path or old_path == unit.path:
        return
    below = list(Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk)
                 .order_by("depth"))
    by_pk: dict[int, Unit] = {unit.pk: unit}
    for child in below:
        # Ordered by depth, so the parent (the unit or a descendant) is already recomputed.
        if child.parent_id in by_pk:
            child.parent = by_pk[child.parent_id]
        child.refresh_derived()
        by_pk[child.pk] = child
    Unit.objects.bulk_update(below, ["path", "depth"])
    for child in below:
        if child.code in loaded:
            loaded[child.code].path, loaded[child.code].depth = child.path, child.depth


@transaction.atomic
def units_import(*, actor: Actor, data: bytes, filename: str) -> ImportSummary:
    """Create or update units from a spreadsheet; one bad row refuses the whole file."""
    # A category by its name (as exported and offered in the template) or by its code.
    categories = {c.code: c for c in UnitCategory.objects.all()}
    categories.update({fold(c.name): c for c in list(categories.values())})
    table = parse_table(data, filename, UNIT_COLUMNS, unique=["code"])
    for row in table.rows:
        if row["category"] and row["category"] not in categories:
            row["category"] = fold(row["category"])
    in_file = {row["code"] for row in table.rows}
    referenced = {row["parent"] for row in table.rows if row["parent"]} | in_file
    existing = {u.code: u for u in Unit.objects.filter(code__in=referenced)}
    problem = table.add
    order = {row["code"]: i for i, row in enumerate(table.rows)}
    ancestors = _ancestors_after_import(table.rows, existing)
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        if row["category"] and row["category"] not in categories:
            problem(number, "category", f'không có khối "{row["category"]}" (chọn trong danh sách '
                    "của tệp mẫu)")
        parent_code = row["parent"]
        if parent_code:
            if parent_code == row["code"]:
                problem(number, "parent", "đơn vị không thể là cấp trên của chính nó")
            elif parent_code in order and order[parent_code] > order[row["code"]]:
                problem(number, "parent", f'đơn vị cấp trên "{parent_code}" phải đứng ở dòng trước')
            elif parent_code not in existing and parent_code not in in_file:
                problem(number, "parent", f'không tìm thấy đơn vị cấp trên "{parent_code}"')
            elif parent_code in existing and not _allowed(actor, existing[parent_code]):
                problem(number, "parent", "đơn vị cấp trên nằm ngoài phạm vi quản lý của bạn")
        current = existing.get(row["code"])
        if not parent_code and (current is None or current.parent_id is not None) \
                and not _allowed(actor, Unit(path="/")):
            # An existing top-level unit (a province) re-imported unchanged is an update.
            problem(number, "parent", "chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất")
        if current is not None and not _allowed(actor, current):
            problem(number, "code", "đơn vị này nằm ngoài phạm vi quản lý của bạn")
        elif parent_code and parent_code != row["code"] and row["code"] in ancestors(parent_code):
            problem(number, "parent", f'đơn vị cấp trên "{parent_code}" đang là đơn vị cấp dưới '
                    "của chính đơn vị này; không thể tạo vòng lặp trong cây tổ chức")
        if row["active_from"] and row["active_to"] and row["active_to"] < row["active_from"]:
            problem(number, "active_to", "ngày kết thúc trước ngày bắt đầu")
    table.raise_if_problems()

    created: list[Unit] = []
    updated: list[Unit] = []
    before: list[dict[str, str]] = []
    unchanged = 0
    by_code = dict(existing)
    for row in table.rows:
        unit = by_code.get(row["code"])
        old = snapshot(unit) if unit is not None else None
        if unit is None:
            unit = Unit(code=row["code"])
        unit.name = row["name"]
        unit.kind = row["kind"]
        unit.category = categories[row["category"]]
        unit.parent = by_code.get(row["parent"]) if row["parent"] else None
        unit.active_from = row["active_from"]
        unit.active_to = row["active_to"]
        if old is not None and snapshot(unit) == old:
            unchanged += 1  # an unchanged row writes nothing, and no history
            continue
        if old is None:
            created.append(unit)
        else:
            before.append(old)
            updated.append(unit)
        old_path = unit.path
        # Saved row by row so a child can reference a parent created above it; the audit
        # entries are written in bulk below, hence auditlog's own signal is off here.
        with disable_auditlog():
            unit.save()
        _move_subtree(unit, old_path, by_code)
        by_code[unit.code] = unit
    audit_bulk(created, Action.CREATE, actor=actor, note=f"Nhập từ tệp {filename}")
    audit_bulk(updated, Action.UPDATE, actor=actor, before=before, note=f"Nhập từ tệp {filename}")
    return ImportSummary(len(created), len(updated), unchanged)


@transaction.atomic
def people_import(*, actor: Actor, data: bytes, filename: str) -> ImportSummary:
    """Create or update people from a spreadsheet; one bad row refuses the whole file."""
    table = parse_table(data, filename, PERSON_COLUMNS, unique=["code"])
    units = {u.code: u for u in Unit.objects.filter(code__in={r["unit"] for r in table.rows})}
    existing = {p.code: p for p in Person.objects.filter(code__in={r["code"] for r in table.rows})
                .select_related("unit")}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        unit = units.get(row["unit"]) if row["unit"] else None
        if row["unit"] and unit is None:
            table.add(number, "unit", f'không tìm thấy đơn vị "{row["unit"]}"')
        elif unit is not None and not _allowed(actor, unit):
            table.add(number, "unit", "đơn vị này nằm ngoài phạm vi quản lý của bạn")
        person = existing.get(row["code"])
        if person is not None and person.unit is not None and not _allowed(actor, person.unit):
            table.add(number, "code", "cán bộ này thuộc đơn vị ngoài phạm vi quản lý của bạn")
        if row["email"] and "@" not in row["email"]:
            table.add(number, "email", "địa chỉ thư điện tử không hợp lệ")
        if row["birth_date"] and row["birth_date"] > timezone.localdate():
            table.add(number, "birth_date", "ngày sinh ở tương lai")
        if unit is not None and (person is None or person.unit_id != unit.pk):
            problem = unit_period_problem(unit, row["start"] or timezone.localdate())
            if problem:
                table.add(number, "start", problem)
    table.raise_if_problems()

    created: list[Person] = []
    updated: list[Person] = []
    before: list[dict[str, str]] = []
    memberships: list[Membership] = []
    unchanged = 0
    for row in table.rows:
        person = existing.get(row["code"])
        unit = units[row["unit"]]
        old = snapshot(person) if person is not None else None
        if person is None:
            person = Person(code=row["code"])
            moved = True
        else:
            moved = person.unit_id != unit.pk
        person.full_name = row["full_name"]
        person.gender = row["gender"]
        person.birth_date = row["birth_date"]
        person.position = row["position"] or ""
        person.email = row["email"] or ""
        person.unit = unit
        if old is not None and snapshot(person) == old:
            unchanged += 1  # an unchanged row writes nothing, and no history
            continue
        if old is None:
            created.append(person)
        else:
            before.append(old)
            updated.append(person)
        person.refresh_derived()
        if moved:
            memberships.append(Membership(person=person, unit=unit,
                                          position=person.position,
                                          start=row["start"] or timezone.localdate()))
    Person.objects.bulk_create(created, batch_size=1000)
    Person.objects.bulk_update(
        updated, ["full_name", "gender", "birth_date", "position", "email", "unit",
                  "search_name", "sort_key"], batch_size=1000)
    moved_people = [m.person for m in memberships if m.person in updated]
    for open_membership in Membership.objects.filter(person__in=moved_people, end__isnull=True):
        new_start = next(m.start for m in memberships if m.person.pk == open_membership.person_id)
        open_membership.end = max(open_membership.start, new_start - timedelta(days=1))
        open_membership.save()
    for membership in memberships:
        membership.person_id = membership.person.pk
    Membership.objects.bulk_create(memberships, batch_size=1000)
    audit_bulk(created, Action.CREATE, actor=actor, note=f"Nhập từ tệp {filename}")
    audit_bulk(updated, Action.UPDATE, actor=actor, before=before, note=f"Nhập từ tệp {filename}")
    return ImportSummary(len(created), len(updated), unchanged)


__all__ = ["CellError", "ImportRejected", "ImportSummary", "people_import", "units_import"]
