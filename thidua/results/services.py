"""Writes of results: imports per kind and year (all or nothing, keyed updates, an explicit
audited replace), recognition and publication of a year's results, dated classification
thresholds.

Every import parses and checks the whole file first and lists every problem by row and column;
only a clean file is written, inside one transaction. Rows are matched by their key: an
unchanged row is neither written nor logged (an export re-imports as nothing changed), a changed
or new row gets one audit entry, and a replace deletes (and logs) only what the file omits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from thidua.accounts.access import (
    Actor,
    Denied,
    access_capability,
    access_unit,
    filter_by_unit_scope,
    is_admin,
)
from thidua.accounts.capabilities import Capability
from thidua.core.audit import Action, audit_bulk, snapshot
from thidua.core.events import emit
from thidua.core.spreadsheet import ImportRejected, Problem, Table, parse_table
from thidua.org.models import Membership, Person, Unit, UnitKind
from thidua.results.imports import KINDS, Kind
from thidua.results.models import (
    COMPONENTS,
    AnnualResult,
    Classification,
    ClassificationThresholds,
    ContestPrize,
    Discipline,
    PersonRating,
    Rating,
    RecognisedInitiative,
    ResultRound,
)
from thidua.results.selectors import ThresholdsBook

# Decree 335/2025 (from 1/1/2026): a 100-point score; bands >= 90 / 70 / 50.
RATING_SCORE_FROM_YEAR = 2026
RATING_BANDS = ((Decimal(90), Rating.EXCELLENT), (Decimal(70), Rating.GOOD),
                (Decimal(50), Rating.DONE))
EXCELLENT_SHARE_OF_GOOD = Decimal("0.20")  # xuất sắc ≤ 20 % of those rated tốt in a unit


@dataclass(frozen=True)
class FileProblem(Problem):
    """A problem of the file as a whole (no row): e.g. the year already has data."""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImportSummary:
    kind: str
    year: int
    created: int
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        label = KINDS[self.kind].label
        total = self.created + self.updated + self.unchanged
        text = (f"Đã nhập {total} dòng {label} năm {self.year}: {self.created} mới, "
                f"{self.updated} cập nhật, {self.unchanged} không thay đổi")
        if self.deleted:
            text += f"; xoá {self.deleted} dòng cũ không có trong tệp"
        return text + "."


@dataclass
class Changes:
    """What an import does to the stored rows: an unchanged row is neither written nor logged."""

    created: list[Any] = field(default_factory=list)
    updated: list[Any] = field(default_factory=list)
    before: list[dict[str, str]] = field(default_factory=list)
    unchanged: int = 0
    matched: set[int] = field(default_factory=set)

    def merge(self, obj: Any, values: dict[str, Any]) -> None:
        """Give `obj` (stored, or new when its pk is None) the row's values."""
        if obj.pk is None:
            for name, value in values.items():
                setattr(obj, name, value)
            self.created.append(obj)
            return
        self.matched.add(obj.pk)
        if all(_same(obj, name, value) for name, value in values.items()):
            self.unchanged += 1
            return
        self.before.append(snapshot(obj))
        for name, value in values.items():
            setattr(obj, name, value)
        self.updated.append(obj)

    def write(self, model: Any, fields: Sequence[str], *, deleted: Sequence[Any], actor: Actor,
              note: str) -> None:
        if deleted:
            audit_bulk(deleted, Action.DELETE, actor=actor, note=note)
            with disable_auditlog():  # recorded above, in bulk, with the note
                model.objects.filter(pk__in=[o.pk for o in deleted]).delete()
        model.objects.bulk_create(self.created, batch_size=2000)
        audit_bulk(self.created, Action.CREATE, actor=actor, note=note)
        if self.updated:
            model.objects.bulk_update(self.updated, list(fields), batch_size=2000)
            audit_bulk(self.updated, Action.UPDATE, actor=actor, before=self.before, note=note)

    def summary(self, spec: Kind, year: int, deleted: Sequence[Any] = (),
                warnings: list[str] | None = None) -> ImportSummary:
        return ImportSummary(spec.slug, year, len(self.created), len(self.updated),
                             self.unchanged, len(deleted), warnings or [])


def _same(obj: Any, name: str, value: Any) -> bool:
    """The stored value equals the file's: related rows by id, numbers by value (91 = 91.00)."""
    if hasattr(value, "_meta"):
        return bool(getattr(obj, f"{name}_id") == value.pk)
    old = getattr(obj, name)
    if isinstance(old, dict) and isinstance(value, dict):
        return old.keys() == value.keys() and all(Decimal(str(old[k])) == Decimal(str(value[k]))
                                                  for k in old)
    return bool(old == value)


def _check_writer(actor: Actor, scope: Unit) -> None:
    access_capability(actor, Capability.EDIT_SCOPE)
    access_unit(actor, scope, write=True)


def _in(unit: Unit | None, scope: Unit) -> bool:
    return unit is not None and unit.path.startswith(scope.path)


def work_units(person_ids: Iterable[int], year: int) -> dict[int, int]:
    """person id -> id of the unit they worked at in `year` (the latest membership that year)."""
    ids = list(person_ids)
    start, end = date(year, 1, 1), date(year, 12, 31)
    out: dict[int, int] = {}
    rows = (Membership.objects.filter(person_id__in=ids, start__lte=end)
            .filter(Q(end__isnull=True) | Q(end__gte=start))
            .order_by("person_id", "start").values_list("person_id", "unit_id"))
    for person_id, unit_id in rows:
        out[person_id] = unit_id  # later starts overwrite earlier ones
    return out


def results_import(*, actor: Actor, kind: str, scope: Unit, year: int, data: bytes, filename: str,
                   replace: bool = False) -> ImportSummary:
    """Import one kind of results for `year` within `scope` (the evaluating body for PAR INDEX).

    Raises ImportRejected listing every problem (row, column, Vietnamese message); nothing is
    saved then. When the year already has data in the scope, `replace=True` is required and the
    old rows are deleted and recorded in the audit log before the new ones are written.
    """
    _check_writer(actor, scope)
    spec = KINDS.get(kind)
    if spec is None:
        raise ValidationError(f'Không có loại dữ liệu "{kind}".')
    importer = {
        "chi-so-cchc": _import_annual_results,
        "xep-loai-can-bo": _import_ratings,
        "ky-luat": _import_disciplines,
        "sang-kien": _import_initiatives,
        "giai-thuong": _import_prizes,
    }[kind]
    with transaction.atomic():
        summary = importer(actor, spec, scope, year, data, filename, replace)
        if kind in ("chi-so-cchc", "xep-loai-can-bo", "ky-luat"):
            transaction.on_commit(_refresh_snapshot)
        return summary


def _refresh_snapshot() -> None:
    """The facts changed: rebuild the national snapshot in the background (large
    installations only; a run never reads a stale one, this only keeps the next one fast)."""
    from thidua.results.snapshot import snapshot_enabled
    from thidua.results.tasks import rebuild_facts_snapshot

    if snapshot_enabled():
        rebuild_facts_snapshot()


def _note(filename: str, replace: bool) -> str:
    return f"{'Nhập lại (thay thế)' if replace else 'Nhập'} từ tệp {filename}"


# --- PAR INDEX results ------------------------------------------------------------------------


def competition_ranks(scores: Sequence[Decimal | None]) -> list[int | None]:
    """1-based ranks by score, high to low; equal scores share a rank ("1, 2, 2, 4")."""
    order = sorted((s for s in scores if s is not None), reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(order, start=1):
        first.setdefault(value, position)
    return [first[s] if s is not None else None for s in scores]


def _import_annual_results(actor: Actor, spec: Kind, scope: Unit, year: int, data: bytes,
                           filename: str, replace: bool) -> ImportSummary:
    """A year's round is imported as a whole table: a stored unit's row is updated (or left
    alone when unchanged), a new unit's row added; a stored unit missing from the file is
    deleted only with `replace`, otherwise the file is refused."""
    table = parse_table(data, filename, spec.columns, unique=spec.unique)
    codes = {r["unit"] for r in table.rows if r["unit"]}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("category")}
    round_ = ResultRound.objects.select_for_update().filter(evaluator=scope, year=year).first()
    existing = {r.unit_id: r for r in round_.results.select_related("unit")} if round_ else {}
    elsewhere = dict(
        AnnualResult.objects.filter(year=year, unit__code__in=codes)
        .exclude(round=round_).values_list("unit__code", "round__evaluator__name")
    ) if codes else {}
    book = ThresholdsBook()
    clean: list[tuple[int, dict[str, Any], Unit]] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        unit = units.get(row["unit"]) if row["unit"] else None
        if row["unit"] and unit is None:
            table.add(number, "unit", f'không tìm thấy đơn vị có mã "{row["unit"]}"')
            continue
        if unit is None:
            continue
        if not _in(unit, scope) or unit.pk == scope.pk:
            table.add(number, "unit", f"đơn vị {unit.code} không thuộc phạm vi đánh giá của "
                                      f"{scope.name}")
            continue
        if not unit.is_active_in_year(year):
            table.add(number, "unit", f"đơn vị {unit.code} không hoạt động trong năm {year}")
        if unit.code in elsewhere:
            table.add(number, "unit", f"đơn vị {unit.code} đã có kết quả năm {year} do "
                                      f"{elsewhere[unit.code]} đánh giá")
        _check_result_row(table, number, row, unit, year, book)
        clean.append((number, row, unit))
    _check_ranks(table, clean)
    table.raise_if_problems()
    in_file = {unit.pk for _, _, unit in clean}
    absent = [r for unit_id, r in existing.items() if unit_id not in in_file]
    if absent and not replace:
        missing = ", ".join(r.unit.code for r in absent[:10]) + ("…" if len(absent) > 10 else "")
        raise ImportRejected([FileProblem(0, "", "", (
            f"Năm {year} đã có {len(existing)} dòng {spec.label} của {scope.name}; tệp thiếu "
            f"{len(absent)} đơn vị đã có kết quả ({missing}). Kết quả một năm được nhập cả bảng: "
            "hãy thêm các đơn vị đó vào tệp («Xuất dữ liệu hiện có» cho tệp đầy đủ), hoặc chọn "
            "«Thay thế dữ liệu năm này» để xoá kết quả của chúng (có ghi nhật ký)."))])

    by_category: dict[int, list[tuple[int, dict[str, Any], Unit]]] = defaultdict(list)
    for item in clean:
        by_category[item[2].category_id].append(item)
    computed: dict[int, int | None] = {}
    for items in by_category.values():
        ranks = competition_ranks([row["score"] for _, row, _ in items])
        for (number, _row, _unit), rank in zip(items, ranks, strict=True):
            computed[number] = rank

    if round_ is None:
        round_ = ResultRound(evaluator=scope, year=year)
        round_.full_clean()
        round_.save()
    changes = Changes()
    for number, row, unit in clean:
        thresholds = book.for_path(unit.path, year)
        classification = row["classification"] or (
            thresholds.classify(row["score"]) if thresholds else None)
        components = {key: str(row[f"c_{key}"]) for key, _ in COMPONENTS
                      if row.get(f"c_{key}") is not None}
        result = existing.get(unit.pk) or AnnualResult(round=round_, unit=unit, year=year)
        changes.merge(result, {
            "category": unit.category, "score": row["score"], "components": components,
            "rank": row["rank"] or computed.get(number), "classification": classification or "",
            "sipas": row["sipas"], "pci": row["pci"], "papi": row["papi"]})
    for result in changes.created + changes.updated:
        result.full_clean(exclude=["round", "unit", "category"], validate_unique=False)
    note = _note(filename, replace)
    changes.write(AnnualResult, ["category", "score", "components", "rank", "classification",
                                 "sipas", "pci", "papi"], deleted=absent, actor=actor, note=note)
    if absent:
        audit_bulk([round_], Action.UPDATE, actor=actor, before=[snapshot(round_)], note=(
            f"Thay thế kết quả năm {year}: xoá {len(absent)} dòng cũ không có trong tệp "
            f"{filename}"))
    return changes.summary(spec, year, absent)


def _check_result_row(table: Table, number: int, row: dict[str, Any], unit: Unit, year: int,
                      book: ThresholdsBook) -> None:
    score, classification = row["score"], row["classification"]
    if score is None and classification is None:
        table.add(number, "score", "cần ghi Điểm Chỉ số CCHC hoặc Xếp loại")
        return
    thresholds = book.for_path(unit.path, year)
    if score is not None and thresholds is not None:
        expected = thresholds.classify(score) or ""
        if classification is not None and classification != expected:
            table.add(number, "classification", (
                f'xếp loại "{Classification(classification).label}" không khớp với điểm '
                f"{score}: theo ngưỡng áp dụng cho năm {year} ({thresholds.describe()}) phải là "
                f'"{Classification(expected).label}"'))
    elif score is not None and classification is None:
        table.add(number, "classification",
                  f"chưa có ngưỡng xếp loại áp dụng cho năm {year}; hãy ghi Xếp loại")
    parts = [row[f"c_{key}"] for key, _ in COMPONENTS if row.get(f"c_{key}") is not None]
    if parts and score is not None:
        total = sum(parts, Decimal(0))
        if abs(total - score) > Decimal("0.05"):
            table.add(number, "score", f"tổng điểm thành phần ({total}) khác Điểm Chỉ số CCHC "
                                       f"({score})")
    elif parts and score is None:
        table.add(number, "score", "có điểm thành phần thì phải ghi Điểm Chỉ số CCHC")


def _check_ranks(table: Table, clean: list[tuple[int, dict[str, Any], Unit]]) -> None:
    """Official ranks are imported as published: ties (1, 1, 3) and gaps (1, 2, 4 when unit 3
    was not scored) are the province's to decide. A written rank is refused only when it puts
    a unit below one of the same category with a lower score in the same file."""
    by_category: dict[int, list[tuple[int, dict[str, Any], Unit]]] = defaultdict(list)
    for item in clean:
        if item[1]["rank"] is not None and item[1]["score"] is not None:
            by_category[item[2].category_id].append(item)
    for items in by_category.values():
        for number, row, unit in items:
            below = [(other, o_unit) for _, other, o_unit in items
                     if other["score"] < row["score"] and other["rank"] < row["rank"]]
            if below:
                other, o_unit = min(below, key=lambda b: b[0]["rank"])
                table.add(number, "rank", (
                    f"xếp hạng {row['rank']} không khớp với điểm {row['score']} trong khối "
                    f"{unit.category.name}: đơn vị {o_unit.code} điểm thấp hơn "
                    f"({other['score']}) mà xếp hạng {other['rank']}"))


# --- person ratings ------------------------------------------------------------------------


def rating_band(score: Decimal) -> str:
    for minimum, rating in RATING_BANDS:
        if score >= minimum:
            return rating.value
    return Rating.FAILED.value


def _people(table: Table) -> dict[str, Person]:
    codes = {r["person"] for r in table.rows if r.get("person")}
    return {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}


class RowProblem(Exception):
    """A problem of one row found while resolving it (the column and the Vietnamese message)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


Found = tuple[dict[str, Any], Person, Unit]


def _person_rows(table: Table, people: dict[str, Person], scope: Unit, *,
                 unit_of: Callable[[dict[str, Any], Person], Unit | None],
                 out_of_scope: Callable[[Person, Unit | None], tuple[str, str]],
                 check: Callable[[dict[str, Any], Person, Unit], Iterable[tuple[str, str]]],
                 ) -> list[Found]:
    """The one loop of the per-person imports (ratings, discipline, contest prizes): each row's
    person by code, the unit the row counts for (`unit_of`, which may raise RowProblem), inside
    the importer's scope, then the kind's own checks. Any problem refuses the whole file."""
    found: list[Found] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        person = people.get(row["person"]) if row["person"] else None
        if row["person"] and person is None:
            table.add(number, "person", f'không tìm thấy cán bộ có mã "{row["person"]}"')
            continue
        if person is None:
            continue
        try:
            unit = unit_of(row, person)
        except RowProblem as problem:
            table.add(number, problem.column, problem.message)
            continue
        if unit is None or not _in(unit, scope):
            table.add(number, *out_of_scope(person, unit))
            continue
        for column, message in check(row, person, unit):
            table.add(number, column, message)
        found.append((row, person, unit))
    table.raise_if_problems()
    return found


def _deleted(qs: Any, changes: Changes, replace: bool) -> list[Any]:
    """With `replace`, the scope's stored rows of the year that the file did not name."""
    if not replace:
        return []
    return list(qs.exclude(pk__in=changes.matched))


def _import_ratings(actor: Actor, spec: Kind, scope: Unit, year: int, data: bytes,
                    filename: str, replace: bool) -> ImportSummary:
    table = parse_table(data, filename, spec.columns, unique=spec.unique)
    people = _people(table)
    named_units = {u.code: u for u in Unit.objects.filter(
        code__in={r["unit"] for r in table.rows if r["unit"]})}
    worked = work_units((p.pk for p in people.values()), year)
    unit_by_id = {u.pk: u for u in Unit.objects.filter(pk__in=set(worked.values()))}
    existing = {r.person_id: r for r in PersonRating.objects.filter(
        year=year, person__in=list(people.values())).select_related("unit")}

    def unit_of(row: dict[str, Any], person: Person) -> Unit | None:
        if row["unit"]:
            unit = named_units.get(row["unit"])
            if unit is None:
                raise RowProblem("unit", f'không tìm thấy đơn vị có mã "{row["unit"]}"')
            return unit
        unit = unit_by_id.get(worked.get(person.pk, -1)) or person.unit
        if unit is None:
            raise RowProblem("unit", f"cán bộ {person.code} không công tác ở đơn vị nào "
                                     f"trong năm {year}; hãy ghi Mã đơn vị")
        return unit

    def check(row: dict[str, Any], person: Person, unit: Unit) -> Iterable[tuple[str, str]]:
        old = existing.get(person.pk)
        if old is not None and not _in(old.unit, scope):
            yield "person", (f"xếp loại năm {year} của cán bộ {person.code} do "
                             f"{old.unit.name} nhập, ngoài phạm vi {scope.name}")
        if row["score"] is not None and year >= RATING_SCORE_FROM_YEAR:
            band = rating_band(row["score"])
            allowed = {band} | ({Rating.GOOD.value} if band == Rating.EXCELLENT.value else set())
            if row["rating"] not in allowed:
                yield "rating", (
                    f'xếp loại "{Rating(row["rating"]).label}" không khớp với điểm {row["score"]} '
                    f'(Nghị định 335/2025: mức của điểm này là "{Rating(band).label}")')

    found = _person_rows(
        table, people, scope, unit_of=unit_of, check=check,
        out_of_scope=lambda person, unit: (
            "unit", f"đơn vị {unit.code if unit else ''} không thuộc phạm vi {scope.name}"))
    good_rating = {Rating.EXCELLENT.value, Rating.GOOD.value}
    changes = Changes()
    ratings = []
    for row, person, unit in found:
        rating = existing.get(person.pk) or PersonRating(person=person, year=year)
        changes.merge(rating, {
            "unit": unit, "rating": row["rating"], "score": row["score"],
            "duties_well": row["duties_well"] if row["duties_well"] is not None
            else row["rating"] in good_rating,
            "outstanding_cchc": bool(row["outstanding_cchc"]),
            "direct_cchc": bool(row["direct_cchc"])})
        ratings.append(rating)
    deleted = _deleted(PersonRating.objects.filter(year=year, unit__path__startswith=scope.path),
                       changes, replace)
    changes.write(PersonRating, ["unit", "rating", "score", "duties_well", "outstanding_cchc",
                                 "direct_cchc"], deleted=deleted, actor=actor,
                  note=_note(filename, replace))
    return changes.summary(spec, year, deleted, _excellent_cap_warnings(ratings))


def _excellent_cap_warnings(ratings: Sequence[PersonRating]) -> list[str]:
    """Decree 335/2025: 'xuất sắc' at most 20 % of those rated 'tốt' in a unit (from 2026)."""
    counts: dict[Unit, Counter[str]] = defaultdict(Counter)
    for r in ratings:
        if r.year >= RATING_SCORE_FROM_YEAR:
            counts[r.unit][r.rating] += 1
    out = []
    for unit, c in counts.items():
        limit = (EXCELLENT_SHARE_OF_GOOD * c[Rating.GOOD.value]).to_integral_value()
        if c[Rating.EXCELLENT.value] > limit:
            out.append(f"{unit.name}: {c[Rating.EXCELLENT.value]} cán bộ xếp loại xuất sắc, vượt "
                       f"20% số xếp loại tốt ({c[Rating.GOOD.value]}); hãy kiểm tra lại.")
    return out


# --- discipline, initiatives, prizes ----------------------------------------------------------


def _outside(scope: Unit) -> Callable[[Person, Unit | None], tuple[str, str]]:
    return lambda person, unit: ("person", f"cán bộ {person.code} không thuộc phạm vi {scope.name}")


def _import_disciplines(actor: Actor, spec: Kind, scope: Unit, year: int, data: bytes,
                        filename: str, replace: bool) -> ImportSummary:
    table = parse_table(data, filename, spec.columns, unique=spec.unique)
    people = _people(table)
    worked = work_units((p.pk for p in people.values()), year)
    unit_by_id = {u.pk: u for u in Unit.objects.filter(pk__in=set(worked.values()))}
    existing = {(d.person_id, d.decided_on, d.level): d for d in Discipline.objects.filter(
        person__in=list(people.values()), decided_on__year=year).order_by("-pk")}

    def check(row: dict[str, Any], person: Person, unit: Unit) -> Iterable[tuple[str, str]]:
        if row["decided_on"] and row["decided_on"].year != year:
            yield "decided_on", f"ngày quyết định không thuộc năm {year}"
        if row["decided_on"] and row["ends_on"] and row["ends_on"] < row["decided_on"]:
            yield "ends_on", "ngày hết hiệu lực trước ngày quyết định"

    found = _person_rows(
        table, people, scope, check=check, out_of_scope=_outside(scope),
        unit_of=lambda row, person: unit_by_id.get(worked.get(person.pk, -1)) or person.unit)
    changes = Changes()
    for row, person, unit in found:
        key = (person.pk, row["decided_on"], row["level"])
        discipline = existing.get(key) or Discipline(person=person, level=row["level"],
                                                     decided_on=row["decided_on"])
        changes.merge(discipline, {"unit": unit, "ends_on": row["ends_on"],
                                   "decision_number": row["decision_number"] or "",
                                   "reason": row["reason"] or ""})
    deleted = _deleted(Discipline.objects.filter(decided_on__year=year,
                                                 unit__path__startswith=scope.path),
                       changes, replace)
    changes.write(Discipline, ["unit", "ends_on", "decision_number", "reason"], deleted=deleted,
                  actor=actor, note=_note(filename, replace))
    return changes.summary(spec, year, deleted)


def _import_initiatives(actor: Actor, spec: Kind, scope: Unit, year: int, data: bytes,
                        filename: str, replace: bool) -> ImportSummary:
    table = parse_table(data, filename, spec.columns)
    people = _people(table)
    units = {u.code: u for u in Unit.objects.filter(
        code__in={r["unit"] for r in table.rows if r["unit"]})}
    old_qs = RecognisedInitiative.objects.filter(year=year).filter(
        Q(unit__path__startswith=scope.path) | Q(person__unit__path__startswith=scope.path))
    existing = {(i.unit_id, i.person_id, i.title): i
                for i in RecognisedInitiative.objects.filter(year=year).order_by("-pk")}
    seen: dict[tuple[str, str, str], int] = {}
    clean: list[tuple[dict[str, Any], Unit | None, Person | None]] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        if bool(row["unit"]) == bool(row["person"]):
            table.add(number, "unit", "ghi Mã đơn vị (sáng kiến của tập thể) hoặc Mã cán bộ "
                                      "(của cá nhân), không ghi cả hai, không bỏ trống cả hai")
            continue
        unit = units.get(row["unit"]) if row["unit"] else None
        person = people.get(row["person"]) if row["person"] else None
        if row["unit"] and unit is None:
            table.add(number, "unit", f'không tìm thấy đơn vị có mã "{row["unit"]}"')
            continue
        if row["person"] and person is None:
            table.add(number, "person", f'không tìm thấy cán bộ có mã "{row["person"]}"')
            continue
        owner_unit = unit if unit is not None else (person.unit if person else None)
        if not _in(owner_unit, scope):
            table.add(number, "unit" if unit else "person", f"không thuộc phạm vi {scope.name}")
            continue
        key = (row["unit"] or "", row["person"] or "", row["title"] or "")
        if key in seen:
            table.add(number, "title", f"trùng với dòng {seen[key]}")
        seen[key] = number
        clean.append((row, unit, person))
    table.raise_if_problems()
    changes = Changes()
    for row, unit, person in clean:
        initiative = existing.get((unit.pk if unit else None, person.pk if person else None,
                                   row["title"])) or RecognisedInitiative(
            unit=unit, person=person, year=year, title=row["title"])
        changes.merge(initiative, {"level": row["level"], "recognised_on": row["recognised_on"],
                                   "decision_number": row["decision_number"] or "",
                                   "applied": bool(row["applied"])})
    deleted = _deleted(old_qs, changes, replace)
    changes.write(RecognisedInitiative, ["level", "recognised_on", "decision_number", "applied"],
                  deleted=deleted, actor=actor, note=_note(filename, replace))
    return changes.summary(spec, year, deleted)


def _import_prizes(actor: Actor, spec: Kind, scope: Unit, year: int, data: bytes,
                   filename: str, replace: bool) -> ImportSummary:
    table = parse_table(data, filename, spec.columns, unique=spec.unique)
    people = _people(table)
    existing = {(p.person_id, p.contest): p for p in ContestPrize.objects.filter(
        year=year, person__in=list(people.values())).order_by("-pk")}

    def check(row: dict[str, Any], person: Person, unit: Unit) -> Iterable[tuple[str, str]]:
        if row["awarded_on"] and row["awarded_on"].year != year:
            yield "awarded_on", f"ngày trao giải không thuộc năm {year}"

    found = _person_rows(table, people, scope, check=check, out_of_scope=_outside(scope),
                         unit_of=lambda row, person: person.unit)
    changes = Changes()
    for row, person, _ in found:
        prize = existing.get((person.pk, row["contest"])) or ContestPrize(
            person=person, year=year, contest=row["contest"])
        changes.merge(prize, {"prize": row["prize"], "awarded_on": row["awarded_on"]})
    deleted = _deleted(ContestPrize.objects.filter(year=year,
                                                   person__unit__path__startswith=scope.path),
                       changes, replace)
    changes.write(ContestPrize, ["prize", "awarded_on"], deleted=deleted, actor=actor,
                  note=_note(filename, replace))
    return changes.summary(spec, year, deleted)


# --- rounds: recognition and publication ---------------------------------------------------------


@transaction.atomic
def result_round_recognise(*, actor: Actor, round: ResultRound, recognised_on: date | None,
                           decision_number: str = "", published: bool | None = None) -> ResultRound:
    """Record the date (and decision) the year's results were officially recognised.

    Relative campaign deadlines ("15 days after the province recognises the results") start
    from this date; see selectors.results_recognised_on.
    """
    access_capability(actor, Capability.MANAGE_CAMPAIGN)
    access_unit(actor, round.evaluator, write=True)
    newly = recognised_on is not None and recognised_on != round.recognised_on
    round.recognised_on = recognised_on
    round.decision_number = decision_number
    if published is not None:
        round.published = published
    round.full_clean()
    round.save()
    if newly:  # relative dossier deadlines start: the scored units are told (thidua.notices)
        assert recognised_on is not None
        units = list(Unit.objects.filter(annual_results__round=round).distinct().order_by("path"))
        emit("results_recognised", evaluator=round.evaluator, year=round.year,
             recognised_on=recognised_on, decision_number=decision_number, units=units)
    return round


@transaction.atomic
def result_round_publish(*, actor: Actor, round: ResultRound, published: bool) -> ResultRound:
    access_capability(actor, Capability.MANAGE_CAMPAIGN)
    access_unit(actor, round.evaluator, write=True)
    round.published = published
    round.full_clean()
    round.save(update_fields=["published"])
    transaction.on_commit(_refresh_snapshot)
    return round


# --- thresholds -------------------------------------------------------------------------------


@transaction.atomic
def thresholds_save(*, actor: Actor, scope: Unit | None, valid_from: date, excellent_min: Decimal,
                    good_min: Decimal, fair_min: Decimal, average_min: Decimal,
                    legal_basis: str = "") -> ClassificationThresholds:
    """Add (or correct) the bands of `scope` valid from a date; a scope-less version is the
    default for every unit and only the administrator sets it."""
    access_capability(actor, Capability.MANAGE_CAMPAIGN)
    if scope is None:
        if not is_admin(actor):
            raise Denied("Chỉ quản trị hệ thống được đặt ngưỡng chung cho mọi đơn vị.")
    else:
        access_unit(actor, scope, write=True)
    version = ClassificationThresholds.objects.filter(scope=scope, valid_from=valid_from).first()
    version = version or ClassificationThresholds(scope=scope, valid_from=valid_from)
    version.excellent_min = excellent_min
    version.good_min = good_min
    version.fair_min = fair_min
    version.average_min = average_min
    version.legal_basis = legal_basis
    version.full_clean()
    version.save()
    return version


# --- template and export rows ------------------------------------------------------------------

SCORED_KINDS = [UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.CCHC_BODY]


def scored_units(scope: Unit, year: int) -> list[Unit]:
    """Units an evaluating body scores in a year: its active departments, districts, communes and
    specialised bodies (divisions are not scored)."""
    qs = (Unit.objects.filter(path__startswith=scope.path, kind__in=SCORED_KINDS)
          .exclude(pk=scope.pk).select_related("category").order_by("category__code", "sort_key"))
    return [u for u in qs if u.is_active_in_year(year)]


def _d(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def export_rows(*, actor: Actor, kind: str, year: int, scope: Unit) -> list[list[Any]]:
    """Rows in the template's column order (so an export can be edited and imported again)."""
    yes = {True: "có", False: "không"}
    if kind == "chi-so-cchc":
        results = filter_by_unit_scope(
            AnnualResult.objects.filter(year=year, unit__path__startswith=scope.path),
            actor, field="unit__path").select_related("unit").order_by("category__code", "rank",
                                                                       "unit__sort_key")
        return [[r.unit.code, r.unit.name, _d(r.score), r.rank,
                 Classification(r.classification).label, _d(r.sipas), _d(r.pci), _d(r.papi),
                 *[_d(Decimal(r.components[k])) if k in r.components else None
                   for k, _ in COMPONENTS]]
                for r in results]
    if kind == "xep-loai-can-bo":
        ratings = filter_by_unit_scope(
            PersonRating.objects.filter(year=year, unit__path__startswith=scope.path),
            actor, field="unit__path").select_related("person", "unit").order_by(
            "unit__path", "person__sort_key")
        return [[r.person.code, r.person.full_name, r.unit.code, Rating(r.rating).label,
                 _d(r.score), yes[r.duties_well], yes[r.outstanding_cchc], yes[r.direct_cchc]]
                for r in ratings.iterator(chunk_size=5000)]
    if kind == "ky-luat":
        rows = filter_by_unit_scope(
            Discipline.objects.filter(decided_on__year=year, unit__path__startswith=scope.path),
            actor, field="unit__path").select_related("person").order_by("decided_on")
        return [[d.person.code, d.person.full_name, d.get_level_display(), d.decided_on,
                 d.ends_on, d.decision_number, d.reason] for d in rows]
    if kind == "sang-kien":
        inits = RecognisedInitiative.objects.filter(year=year).filter(
            Q(unit__path__startswith=scope.path) | Q(person__unit__path__startswith=scope.path)
        ).select_related("unit", "person").order_by("recognised_on", "title")
        return [[i.unit.code if i.unit else "", i.person.code if i.person else "", i.title,
                 i.get_level_display(), i.recognised_on, i.decision_number, yes[i.applied]]
                for i in inits]
    if kind == "giai-thuong":
        prizes = filter_by_unit_scope(
            ContestPrize.objects.filter(year=year, person__unit__path__startswith=scope.path),
            actor, field="person__unit__path").select_related("person").order_by("contest")
        return [[p.person.code, p.person.full_name, p.contest, p.prize, p.awarded_on]
                for p in prizes]
    raise ValidationError(f'Không có loại dữ liệu "{kind}".')


PREFILL_PEOPLE_LIMIT = 20_000


def template_rows(*, kind: str, year: int, scope: Unit) -> list[list[Any]]:
    """The template of a kind and year, prefilled with the units or people of the scope."""
    spec = KINDS[kind]
    blanks = [None] * (len(spec.columns) - 2)
    if spec.prefill == "units":
        return [[u.code, u.name, *blanks] for u in scored_units(scope, year)]
    if spec.prefill == "people":
        people = (Person.objects.filter(unit__path__startswith=scope.path)
                  .order_by("unit__path", "sort_key").values_list("code", "full_name"))
        rows = list(people[:PREFILL_PEOPLE_LIMIT + 1])
        if len(rows) > PREFILL_PEOPLE_LIMIT:
            return []
        return [[code, name, *blanks] for code, name in rows]
    return []


def template_note(*, kind: str, year: int, scope: Unit) -> str:
    spec = KINDS[kind]
    lines = [f"Mẫu nhập {spec.label} năm {year} – phạm vi: {scope.name} ({scope.code}).",
             spec.note, "Giữ nguyên dòng tiêu đề. Một dòng sai thì cả tệp không được nhập.", ""]
    if kind == "chi-so-cchc":
        thresholds = ThresholdsBook().for_unit(scope, year)
        lines.append(f"Ngưỡng xếp loại năm {year}: "
                     + (thresholds.describe() if thresholds else "chưa có (ghi cột Xếp loại)."))
        lines.append("")
    return "\n".join(lines).rstrip()  # the columns are described by template_xlsx


# --- results computed in the product (thidua.scoring) -----------------------------------------


@dataclass(frozen=True)
class ScoredResult:
    """A unit's result as the PAR INDEX scoring computed it (score in %, rank in its group)."""

    unit: Unit
    score: Decimal
    rank: int | None
    classification: str
    components: dict[str, str] = field(default_factory=dict)
    sipas: Decimal | None = None


@transaction.atomic
def annual_results_publish(*, actor: Actor, evaluator: Unit, year: int,
                           results: Sequence[ScoredResult], recognised_on: date,
                           decision_number: str, note: str) -> ResultRound:
    """Write the year's results of the units scored in the product into the evaluator's round
    (the same rows an import writes and eligibility reads), recognise and publish the round.

    The units' previous results of that round are replaced (each deletion and creation audited
    with `note`); a unit that already has a result of the year from another evaluating body is
    refused, as in the import.
    """
    access_capability(actor, Capability.MANAGE_CAMPAIGN)
    access_unit(actor, evaluator, write=True)
    unit_ids = [r.unit.pk for r in results]
    round_ = ResultRound.objects.select_for_update().filter(evaluator=evaluator, year=year).first()
    elsewhere = list(AnnualResult.objects.filter(year=year, unit_id__in=unit_ids)
                     .exclude(round=round_).values_list("unit__code", "round__evaluator__name"))
    if elsewhere:
        code, name = elsewhere[0]
        raise ValidationError(f"Đơn vị {code} đã có kết quả năm {year} do {name} đánh giá.")
    if round_ is None:
        round_ = ResultRound(evaluator=evaluator, year=year)
        round_.full_clean()
        round_.save()
    before = snapshot(round_)
    existing = list(round_.results.filter(unit_id__in=unit_ids).select_related("unit"))
    if existing:
        audit_bulk(existing, Action.DELETE, actor=actor, note=note)
        with disable_auditlog():  # recorded above, in bulk, with the note
            AnnualResult.objects.filter(pk__in=[r.pk for r in existing]).delete()
    created: list[AnnualResult] = []
    for item in results:
        result = AnnualResult(
            round=round_, unit=item.unit, year=year, category_id=item.unit.category_id,
            score=item.score, components=item.components, rank=item.rank,
            classification=item.classification, sipas=item.sipas)
        # The (unit, year) constraint was checked above for all rows at once.
        result.full_clean(exclude=["round", "unit", "category"], validate_unique=False,
                          validate_constraints=False)
        created.append(result)
    with disable_auditlog():  # recorded below, in bulk, with the note
        AnnualResult.objects.bulk_create(created, batch_size=2000)
    audit_bulk(created, Action.CREATE, actor=actor, note=note)
    round_.recognised_on = recognised_on
    round_.decision_number = decision_number
    round_.published = True
    round_.full_clean()
    with disable_auditlog():
        round_.save()
    audit_bulk([round_], Action.UPDATE, actor=actor, before=[before], note=note)
    transaction.on_commit(_refresh_snapshot)
    # the units just published have their results recognised: dossier deadlines start
    emit("results_recognised", evaluator=evaluator, year=year, recognised_on=recognised_on,
         decision_number=decision_number, units=[r.unit for r in results])
    return round_
