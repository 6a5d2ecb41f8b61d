"""Writes of PAR INDEX scoring: criteria sets (import, copy, amend, open), self-assessment with
evidence, submission by the server-side deadline, appraisal and the explanation round, survey
import, and publication into the year's results (thidua.results.services).

Every function checks access itself, runs in one transaction and is audited. Every write to an
assessment names the version it was read at; a stale version is refused (no silent overwrite).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thidua.accounts.access import Actor, Denied, account_of
from thidua.core.audit import Action, audit_bulk, audit_summary, snapshot
from thidua.core.evidence_registry import evidence_document
from thidua.core.spreadsheet import Column, choice, decimal_between, parse_table, text
from thidua.core.uploads import check_upload
from thidua.org.models import Unit, UnitCategory
from thidua.results.models import COMPONENTS
from thidua.results.selectors import ThresholdsBook
from thidua.results.services import ScoredResult, annual_results_publish
from thidua.scoring import compute, selectors
from thidua.scoring.access import (
    access_appraisal,
    access_assessment,
    access_criteria_set,
)
from thidua.scoring.models import (
    AppraisalBody,
    Assessment,
    CriteriaSet,
    Criterion,
    Evidence,
    Field,
    Score,
    Source,
    SubCriterion,
)

EVIDENCE_EXTENSIONS = (".pdf", ".docx", ".doc", ".xlsx", ".jpg", ".jpeg", ".png")
YES_NO = {"có": True, "co": True, "x": True, "không": False, "khong": False}
SOURCES = {"tự chấm": Source.SELF, "tu cham": Source.SELF, "thẩm định": Source.APPRAISAL,
           "tham dinh": Source.APPRAISAL, "điều tra": Source.SURVEY, "dieu tra": Source.SURVEY,
           **{label: value for value, label in Source.choices}}

CRITERIA_COLUMNS = [
    Column("field_code", "Mã lĩnh vực", text, example="tthc", width=12),
    Column("field_name", "Tên lĩnh vực", text, example="Cải cách thủ tục hành chính", width=36),
    Column("criterion_code", "Mã tiêu chí", text, example="3.1", width=10),
    Column("criterion_name", "Tên tiêu chí", text, example="Công khai thủ tục hành chính",
           width=40),
    Column("code", "Mã tiêu chí thành phần", text, example="3.1.1", width=12),
    Column("name", "Nội dung tiêu chí thành phần", text, example="Tỷ lệ TTHC được công khai đúng hạn",
           width=50),
    Column("max_points", "Điểm tối đa", decimal_between(0, 100), example=1.5, width=10),
    Column("guidance", "Hướng dẫn chấm", text, required=False,
           example="100%: 1,5 điểm; dưới 100%: 0 điểm", width=40),
    Column("evidence", "Phải có tài liệu kiểm chứng", choice(YES_NO, "có hoặc không",
                                                             shown=["có", "không"]),
           required=False, example="có", width=12),
    Column("source", "Nguồn điểm", choice(SOURCES, "tự chấm, thẩm định hoặc điều tra",
                                          shown=["tự chấm", "thẩm định", "điều tra"]),
           required=False, example="tự chấm", width=14),
]

SURVEY_COLUMNS = [
    Column("unit", "Mã đơn vị", text, example="KG-S01", width=14),
    Column("code", "Mã tiêu chí thành phần", text, example="8.1.1", width=14),
    Column("value", "Kết quả điều tra (%)", decimal_between(0, 100), example=87.5, width=14),
]


class StaleVersion(ValidationError):
    """The assessment changed since the page was read."""


def _now() -> datetime:
    return timezone.now()


# --- criteria sets -------------------------------------------------------------------------------


def _next_version(evaluator: Unit, year: int, category: UnitCategory) -> int:
    last = (CriteriaSet.objects.filter(evaluator=evaluator, year=year, category=category)
            .order_by("-version").values_list("version", flat=True).first())
    return (last or 0) + 1


def _check_owner(actor: Actor, evaluator: Unit) -> None:
    probe = CriteriaSet(evaluator=evaluator)
    access_criteria_set(actor, probe, manage=True)


@dataclass(frozen=True)
class CriteriaImport:
    """What an import of a criteria table did: a new version, an update of the draft in place
    (`updated` sub-criteria), or nothing (`unchanged`: the latest version says the same)."""

    criteria_set: CriteriaSet
    created: bool
    updated: int = 0

    def __str__(self) -> str:
        if self.created:
            return f"Đã nhập {self.criteria_set}."
        if self.updated:
            return (f"Đã cập nhật {self.updated} tiêu chí thành phần của {self.criteria_set} "
                    "(bản đang soạn).")
        return (f"Tệp không thay đổi gì so với {self.criteria_set}; không tạo phiên bản mới, "
                "không ghi gì.")


@transaction.atomic
def criteria_set_import(*, actor: Actor, evaluator: Unit, year: int, category: UnitCategory,
                        name: str, issued_on: date, decision_number: str, data: bytes,
                        filename: str) -> CriteriaSet:
    """The criteria set after importing the table (see criteria_set_import_outcome)."""
    return criteria_set_import_outcome(
        actor=actor, evaluator=evaluator, year=year, category=category, name=name,
        issued_on=issued_on, decision_number=decision_number, data=data,
        filename=filename).criteria_set


SUB_FIELDS = ("name", "max_points", "guidance", "evidence_required", "source")


def _content(rows: Iterable[Mapping[str, Any]]) -> tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...]]:
    """(structure, sub-criteria) of a table: fields, criteria and codes in order; then what each
    sub-criterion says. Numbers by value (1.5 = 1.50)."""
    rows = list(rows)
    structure = tuple((r["field_code"], r["field_name"], r["criterion_code"], r["criterion_name"],
                       r["code"]) for r in rows)
    subs = tuple((r["code"], r["name"], Decimal(r["max_points"]).normalize(), r["guidance"] or "",
                  bool(r["evidence"]), r["source"] or Source.SELF) for r in rows)
    return structure, subs


def _stored_rows(criteria_set: CriteriaSet) -> list[dict[str, Any]]:
    return [{"field_code": s.criterion.field.code, "field_name": s.criterion.field.name,
             "criterion_code": s.criterion.code, "criterion_name": s.criterion.name,
             "code": s.code, "name": s.name, "max_points": s.max_points, "guidance": s.guidance,
             "evidence": s.evidence_required, "source": s.source}
            for s in criteria_set.sub_criteria.select_related("criterion__field").order_by("order")]


@transaction.atomic
def criteria_set_import_outcome(*, actor: Actor, evaluator: Unit, year: int,
                                category: UnitCategory, name: str, issued_on: date,
                                decision_number: str, data: bytes,
                                filename: str) -> CriteriaImport:
    """Import the province's table for the year's group.

    Against the latest version with the same name, date and decision: the same table writes
    nothing; on a draft, a table with the same fields, criteria and codes updates the changed
    sub-criteria in place (one history entry each). Anything else is a new version (a set
    already opened for scoring is never changed). The whole file is refused (ImportRejected,
    row and column named) on any problem."""
    _check_owner(actor, evaluator)
    table = parse_table(data, filename, CRITERIA_COLUMNS, unique=("code",))
    field_names: dict[str, tuple[int, str]] = {}
    criterion_names: dict[str, tuple[int, str, str]] = {}
    for number, row in table.clean():
        seen = field_names.setdefault(row["field_code"], (number, row["field_name"]))
        if seen[1] != row["field_name"]:
            table.add(number, "field_name", f'lĩnh vực "{row["field_code"]}" đã có tên khác ở '
                                            f"dòng {seen[0]} (\"{seen[1]}\")")
        crit = criterion_names.setdefault(row["criterion_code"],
                                          (number, row["criterion_name"], row["field_code"]))
        if crit[1] != row["criterion_name"] or crit[2] != row["field_code"]:
            table.add(number, "criterion_name", f'tiêu chí "{row["criterion_code"]}" đã có ở dòng '
                                                f"{crit[0]} với tên hoặc lĩnh vực khác")
        if row["max_points"] is not None and row["max_points"] <= 0:
            table.add(number, "max_points", "điểm tối đa phải lớn hơn 0")
    if not table.rows and not table.problems:
        table.problems.append(_file_problem("Tệp không có tiêu chí nào."))
    table.raise_if_problems()
    latest = (CriteriaSet.objects.select_for_update()
              .filter(evaluator=evaluator, year=year, category=category)
              .order_by("-version").first())
    if latest is not None and (latest.name, latest.issued_on, latest.decision_number) == (
            name, issued_on, decision_number):
        structure, subs = _content(table.rows)
        stored_structure, stored_subs = _content(_stored_rows(latest))
        if (structure, subs) == (stored_structure, stored_subs):
            return CriteriaImport(latest, created=False)
        if latest.status == CriteriaSet.Status.DRAFT and structure == stored_structure:
            return CriteriaImport(latest, created=False,
                                  updated=_update_draft(actor, latest, table.rows, filename))
    criteria_set = CriteriaSet(
        evaluator=evaluator, year=year, category=category, name=name, issued_on=issued_on,
        decision_number=decision_number, version=_next_version(evaluator, year, category))
    criteria_set.full_clean()
    criteria_set.save()
    fields: dict[str, Field] = {}
    criteria: dict[str, Criterion] = {}
    subs_created: list[SubCriterion] = []
    for order, row in enumerate(table.rows):
        field = fields.get(row["field_code"])
        if field is None:
            field = Field.objects.create(criteria_set=criteria_set, code=row["field_code"],
                                         name=row["field_name"], order=len(fields))
            fields[field.code] = field
        criterion = criteria.get(row["criterion_code"])
        if criterion is None:
            criterion = Criterion.objects.create(field=field, code=row["criterion_code"],
                                                 name=row["criterion_name"], order=len(criteria))
            criteria[criterion.code] = criterion
        subs_created.append(SubCriterion(
            criteria_set=criteria_set, criterion=criterion, code=row["code"], name=row["name"],
            max_points=row["max_points"], guidance=row["guidance"] or "",
            evidence_required=bool(row["evidence"]), source=row["source"] or Source.SELF,
            order=order))
    SubCriterion.objects.bulk_create(subs_created)
    note = f"Nhập bộ tiêu chí từ tệp {filename}"
    audit_bulk([criteria_set], Action.CREATE, actor=actor, note=note)
    audit_bulk(list(fields.values()) + list(criteria.values()), Action.CREATE, actor=actor,
               note=note)
    audit_bulk(subs_created, Action.CREATE, actor=actor, note=note)
    return CriteriaImport(criteria_set, created=True)


def _update_draft(actor: Actor, criteria_set: CriteriaSet, rows: list[dict[str, Any]],
                  filename: str) -> int:
    """Give the draft's sub-criteria the file's values; only the changed ones are written."""
    stored = {s.code: s for s in criteria_set.sub_criteria.all()}
    changed, before = [], []
    for row in rows:
        sub = stored[row["code"]]
        values = {"name": row["name"], "max_points": row["max_points"],
                  "guidance": row["guidance"] or "", "evidence_required": bool(row["evidence"]),
                  "source": row["source"] or Source.SELF}
        if all(getattr(sub, key) == value for key, value in values.items()):
            continue
        before.append(snapshot(sub))
        for key, value in values.items():
            setattr(sub, key, value)
        sub.full_clean()
        changed.append(sub)
    SubCriterion.objects.bulk_update(changed, list(SUB_FIELDS))
    _check_totals(criteria_set)
    audit_bulk(changed, Action.UPDATE, actor=actor, before=before,
               note=f"Nhập bộ tiêu chí từ tệp {filename}")
    return len(changed)


def _file_problem(message: str) -> Any:
    from thidua.core.spreadsheet import Problem

    return Problem(0, "", "", message)


SOURCE_TEXT = {Source.SELF: "tự chấm", Source.APPRAISAL: "thẩm định", Source.SURVEY: "điều tra"}


def criteria_rows(criteria_set: CriteriaSet) -> list[list[Any]]:
    """The set as the import table (export, template, copy): it imports back unchanged."""
    return [[r["field_code"], r["field_name"], r["criterion_code"], r["criterion_name"], r["code"],
             r["name"], r["max_points"], r["guidance"], "có" if r["evidence"] else "không",
             SOURCE_TEXT[Source(r["source"])]]
            for r in _stored_rows(criteria_set)]


@transaction.atomic
def criteria_set_copy(*, actor: Actor, source: CriteriaSet, year: int, issued_on: date,
                      decision_number: str = "", name: str = "") -> CriteriaSet:
    """Last year's set (or an earlier version) copied as a draft to amend."""
    access_criteria_set(actor, source, manage=True)
    copy = CriteriaSet(
        evaluator=source.evaluator, year=year, category=source.category,
        name=name or source.name.replace(str(source.year), str(year)), issued_on=issued_on,
        decision_number=decision_number, copied_from=source,
        version=_next_version(source.evaluator, year, source.category),
        explanation_days=source.explanation_days)
    copy.full_clean()
    copy.save()
    fields = {}
    for field in source.fields.order_by("order"):
        fields[field.pk] = Field.objects.create(criteria_set=copy, code=field.code,
                                                name=field.name, order=field.order)
    criteria = {}
    for crit in Criterion.objects.filter(field__criteria_set=source).order_by("order"):
        criteria[crit.pk] = Criterion.objects.create(field=fields[crit.field_id], code=crit.code,
                                                     name=crit.name, order=crit.order)
    subs = [SubCriterion(criteria_set=copy, criterion=criteria[s.criterion_id], code=s.code,
                         name=s.name, max_points=s.max_points, guidance=s.guidance,
                         evidence_required=s.evidence_required, source=s.source, order=s.order)
            for s in source.sub_criteria.order_by("order")]
    SubCriterion.objects.bulk_create(subs)
    note = f"Sao chép từ {source}"
    audit_bulk([copy], Action.CREATE, actor=actor, note=note)
    audit_bulk(subs, Action.CREATE, actor=actor, note=note)
    return copy


INDEX_SCALE = Decimal(100)  # the PAR INDEX is scored out of 100 (Decision 876/QĐ-BNV)


def _draft_for_edit(actor: Actor, criteria_set_id: int) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set_id)
    access_criteria_set(actor, criteria_set, manage=True)
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise ValidationError("Bộ tiêu chí đã đưa vào chấm điểm, không sửa được nữa; hãy sao chép "
                              "thành phiên bản mới.")
    return criteria_set


def _check_totals(criteria_set: CriteriaSet) -> None:
    """After a change the set still adds up: at least one sub-criterion, and the whole stays
    within the index's 100 points (field and criterion totals are the sums of their
    sub-criteria, so they follow)."""
    subs = list(criteria_set.sub_criteria.values_list("criterion_id", "max_points"))
    if not subs:
        raise ValidationError("Bộ tiêu chí phải còn ít nhất một tiêu chí thành phần.")
    total = sum((points for _, points in subs), Decimal(0))
    if total > INDEX_SCALE:
        raise ValidationError(f"Tổng điểm tối đa của bộ tiêu chí sẽ là {total}, vượt thang điểm "
                              f"{INDEX_SCALE}; hãy giảm điểm tiêu chí khác trước.")


def _check_points(max_points: Decimal) -> None:
    if max_points <= 0:
        raise ValidationError("Điểm tối đa của tiêu chí thành phần phải lớn hơn 0.")


def _check_code(criteria_set: CriteriaSet, code: str, exclude: int | None = None) -> None:
    taken = criteria_set.sub_criteria.filter(code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError(f"Mã tiêu chí thành phần “{code}” đã có trong bộ tiêu chí.")


def _note_on_set(actor: Actor, criteria_set: CriteriaSet, note: str) -> None:
    # The set's own page shows its history: the amendment is told there too.
    audit_bulk([criteria_set], Action.UPDATE, actor=actor, before=[snapshot(criteria_set)],
               note=note)


@transaction.atomic
def sub_criterion_amend(*, actor: Actor, sub: SubCriterion, name: str, max_points: Decimal,
                        guidance: str, evidence_required: bool, source: str) -> SubCriterion:
    """Change a draft's sub-criterion (content, maximum, guidance, evidence, source)."""
    criteria_set = _draft_for_edit(actor, sub.criteria_set_id)
    sub = SubCriterion.objects.select_for_update().get(pk=sub.pk)
    _check_points(max_points)
    sub.name, sub.max_points, sub.guidance = name.strip(), max_points, guidance.strip()
    sub.evidence_required, sub.source = evidence_required, source
    sub.full_clean()
    sub.save()
    _check_totals(criteria_set)
    # save() and delete() are recorded by auditlog (the model is registered); the set's history
    # tells the amendment too.
    _note_on_set(actor, criteria_set, f"Sửa tiêu chí thành phần {sub.code}")
    return sub


@transaction.atomic
def sub_criterion_add(*, actor: Actor, criterion: Criterion, code: str, name: str,
                      max_points: Decimal, guidance: str, evidence_required: bool,
                      source: str) -> SubCriterion:
    """A new sub-criterion at the end of its criterion, in a draft."""
    criteria_set = _draft_for_edit(actor, criterion.field.criteria_set_id)
    code = code.strip()
    _check_code(criteria_set, code)
    _check_points(max_points)
    siblings = criteria_set.sub_criteria.filter(criterion=criterion)
    last = siblings.order_by("-order").values_list("order", flat=True).first()
    if last is None:  # an empty criterion: after the sub-criteria of earlier criteria
        last = (criteria_set.sub_criteria.filter(criterion__order__lt=criterion.order)
                .order_by("-order").values_list("order", flat=True).first())
    order = (last if last is not None else -1) + 1
    criteria_set.sub_criteria.filter(order__gte=order).update(order=F("order") + 1)
    sub = SubCriterion(criteria_set=criteria_set, criterion=criterion, code=code,
                       name=name.strip(), max_points=max_points, guidance=guidance.strip(),
                       evidence_required=evidence_required, source=source, order=order)
    sub.full_clean()
    sub.save()
    _check_totals(criteria_set)
    _note_on_set(actor, criteria_set,
                 f"Thêm tiêu chí thành phần {sub.code} vào tiêu chí {criterion.code}")
    return sub


@transaction.atomic
def sub_criterion_remove(*, actor: Actor, sub: SubCriterion) -> None:
    """Remove a draft's sub-criterion; a criterion (and a field) left empty goes with it."""
    criteria_set = _draft_for_edit(actor, sub.criteria_set_id)
    sub = SubCriterion.objects.select_related("criterion__field").get(pk=sub.pk)
    criterion, field = sub.criterion, sub.criterion.field
    code = sub.code
    sub.delete()
    if not criterion.sub_criteria.exists():
        criterion.delete()
        if not field.criteria.exists():
            field.delete()
    _check_totals(criteria_set)
    _note_on_set(actor, criteria_set, f"Bỏ tiêu chí thành phần {code}")


@transaction.atomic
def criteria_set_open(*, actor: Actor, criteria_set: CriteriaSet, self_deadline: datetime,
                      units: Iterable[Unit] | None = None) -> int:
    """Start scoring: one assessment (and its empty scores) per active unit of the group under
    the evaluator. Returns the number of assessments created."""
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    access_criteria_set(actor, criteria_set, manage=True)
    if criteria_set.status != CriteriaSet.Status.DRAFT:
        raise ValidationError("Bộ tiêu chí này đã được đưa vào chấm điểm.")
    if not criteria_set.sub_criteria.exists():
        raise ValidationError("Bộ tiêu chí chưa có tiêu chí thành phần nào.")
    if CriteriaSet.objects.filter(evaluator=criteria_set.evaluator, year=criteria_set.year,
                                  category=criteria_set.category).exclude(
            status=CriteriaSet.Status.DRAFT).exists():
        raise ValidationError(f"Năm {criteria_set.year} khối này đã có bộ tiêu chí đang chấm điểm.")
    before = snapshot(criteria_set)
    if units is None:
        units = [u for u in Unit.objects.filter(path__startswith=criteria_set.evaluator.path,
                                                category=criteria_set.category)
                 if u.is_active_in_year(criteria_set.year)]
    assessments = Assessment.objects.bulk_create(
        [Assessment(criteria_set=criteria_set, unit=u) for u in units])
    sub_ids = list(criteria_set.sub_criteria.values_list("pk", flat=True))
    Score.objects.bulk_create([Score(assessment=a, sub_criterion_id=s)
                               for a in assessments for s in sub_ids], batch_size=5000)
    criteria_set.status = CriteriaSet.Status.OPEN
    criteria_set.self_deadline = self_deadline
    criteria_set.full_clean()
    criteria_set.save()
    note = f"Mở chấm điểm {criteria_set}"
    audit_bulk(assessments, Action.CREATE, actor=actor, note=note)
    audit_summary(Score, actor=actor, note=note, count=len(assessments) * len(sub_ids))
    audit_bulk([criteria_set], Action.UPDATE, actor=actor, before=[before], note=note)
    return len(assessments)


@transaction.atomic
def appraisal_body_save(*, actor: Actor, criteria_set: CriteriaSet, body: Unit,
                        fields: Iterable[Field]) -> AppraisalBody | None:
    """Name a body (under the evaluator) to appraise some fields; no field removes it."""
    access_criteria_set(actor, criteria_set, manage=True)
    if not body.path.startswith(criteria_set.evaluator.path) or body.pk == criteria_set.evaluator_id:
        raise ValidationError(f"{body.name} không thuộc {criteria_set.evaluator.name}.")
    chosen = [f for f in fields if f.criteria_set_id == criteria_set.pk]
    current = AppraisalBody.objects.filter(criteria_set=criteria_set, body=body).first()
    if not chosen:
        if current is not None:
            audit_bulk([current], Action.DELETE, actor=actor, note="Bỏ khỏi đoàn thẩm định")
            current.delete()
        return None
    if current is None:
        current = AppraisalBody.objects.create(criteria_set=criteria_set, body=body)
        audit_bulk([current], Action.CREATE, actor=actor, note="Thêm vào đoàn thẩm định")
    before = ", ".join(sorted(current.fields.values_list("code", flat=True)))
    current.fields.set(chosen)
    after = ", ".join(sorted(f.code for f in chosen))
    audit_bulk([current], Action.UPDATE, actor=actor,
               note=f"Lĩnh vực thẩm định: {before or 'chưa có'} → {after}")
    return current


# --- assessments: the version check --------------------------------------------------------------


def _lock(assessment: Assessment, version: int) -> Assessment:
    """Move the version on if it is still `version`; otherwise refuse."""
    moved = Assessment.objects.filter(pk=assessment.pk, version=version).update(
        version=F("version") + 1)
    if moved != 1:
        raise StaleVersion("Bản chấm điểm vừa được người khác thay đổi. Hãy tải lại trang để xem "
                           "dữ liệu mới rồi làm lại; thay đổi của bạn chưa được lưu.")
    fresh = Assessment.objects.select_related("criteria_set", "unit").get(pk=assessment.pk)
    return fresh


def effective_deadline(assessment: Assessment) -> datetime | None:
    deadline = assessment.criteria_set.self_deadline
    if assessment.extended_until and (deadline is None or assessment.extended_until > deadline):
        return assessment.extended_until
    return deadline


def _audit_update(obj: Any, before: dict[str, str], actor: Actor, note: str) -> None:
    audit_bulk([obj], Action.UPDATE, actor=actor, before=[before], note=note)


def _refresh_self_total(assessment: Assessment) -> None:
    points = Score.objects.filter(assessment=assessment, sub_criterion__source=Source.SELF,
                                  self_points__isnull=False).values_list("self_points", flat=True)
    total = sum((p for p in points if p is not None), Decimal(0))
    Assessment.objects.filter(pk=assessment.pk).update(self_total=total)
    assessment.self_total = total


@dataclass(frozen=True)
class SelfEntry:
    points: Decimal | None
    note: str


@transaction.atomic
def assessment_save_self(*, actor: Actor, assessment: Assessment, version: int,
                         entries: Mapping[int, SelfEntry]) -> Assessment:
    """Save the unit's points and explanations (sub-criterion id -> entry); nothing is saved
    when one entry is wrong (the error names the sub-criterion)."""
    access_assessment(actor, assessment, write=True)
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError("Bản chấm điểm đã nộp; muốn sửa, hãy rút lại trước hạn.")
    scores = {s.sub_criterion_id: s for s in Score.objects.filter(
        assessment=assessment, sub_criterion_id__in=list(entries)).select_related("sub_criterion")}
    problems: list[str] = []
    changed: list[Score] = []
    before: list[dict[str, str]] = []
    for sub_id, entry in entries.items():
        score = scores.get(sub_id)
        if score is None:
            problems.append("Tiêu chí thành phần không thuộc bộ tiêu chí của bản chấm điểm.")
            continue
        sub = score.sub_criterion
        if sub.source != Source.SELF and entry.points is not None:
            problems.append(f"Tiêu chí {sub.code}: điểm do "
                            f"{'đoàn thẩm định' if sub.source == Source.APPRAISAL else 'điều tra'}"
                            " chấm, đơn vị không tự chấm.")
            continue
        if entry.points is not None and not (0 <= entry.points <= sub.max_points):
            problems.append(f"Tiêu chí {sub.code}: điểm {entry.points:g} phải từ 0 đến "
                            f"{sub.max_points:g}.")
            continue
        if score.self_points != entry.points or score.self_note != entry.note:
            before.append(snapshot(score))
            score.self_points, score.self_note = entry.points, entry.note
            changed.append(score)
    if problems:
        raise ValidationError(problems)
    assessment = _lock(assessment, version)
    if changed:
        Score.objects.bulk_update(changed, ["self_points", "self_note"])
        audit_bulk(changed, Action.UPDATE, actor=actor, before=before, note="Đơn vị tự chấm")
    _refresh_self_total(assessment)
    return assessment


@transaction.atomic
def evidence_add_file(*, actor: Actor, score: Score, upload: Any) -> Evidence:
    assessment = score.assessment
    access_assessment(actor, assessment, write=True)
    if assessment.status not in (Assessment.Status.DRAFT, Assessment.Status.EXPLANATION):
        raise ValidationError("Chỉ thêm tài liệu kiểm chứng khi đang tự chấm hoặc giải trình.")
    check_upload(upload, EVIDENCE_EXTENSIONS, field="tệp kiểm chứng")
    name = str(upload.name).rsplit("/", 1)[-1][:255]
    evidence = Evidence(score=score, filename=name, title=name, added_by=account_of(actor))
    evidence.file.save(name, upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add_link(*, actor: Actor, score: Score, source: str, reference: str) -> Evidence:
    assessment = score.assessment
    access_assessment(actor, assessment, write=True)
    if assessment.status not in (Assessment.Status.DRAFT, Assessment.Status.EXPLANATION):
        raise ValidationError("Chỉ thêm tài liệu kiểm chứng khi đang tự chấm hoặc giải trình.")
    document = evidence_document(assessment.unit, assessment.criteria_set.year, source, reference)
    if document is None:
        raise ValidationError("Không tìm thấy tài liệu này trong hệ thống của đơn vị năm "
                              f"{assessment.criteria_set.year}.")
    evidence = Evidence(score=score, source=source, reference=reference,
                        title=document.title[:500], added_by=account_of(actor))
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Actor, evidence: Evidence) -> None:
    assessment = evidence.score.assessment
    access_assessment(actor, assessment, write=True)
    if assessment.status not in (Assessment.Status.DRAFT, Assessment.Status.EXPLANATION):
        raise ValidationError("Bản chấm điểm đã nộp, không gỡ tài liệu được.")
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()


def missing_for_submit(assessment: Assessment) -> list[str]:
    """What stops a submission: self sub-criteria without points, evidence-required ones with
    neither evidence nor a written explanation."""
    problems = []
    scores = (Score.objects.filter(assessment=assessment, sub_criterion__source=Source.SELF)
              .select_related("sub_criterion").order_by("sub_criterion__order"))
    with_evidence = set(Evidence.objects.filter(score__assessment=assessment)
                        .values_list("score_id", flat=True))
    for score in scores:
        sub = score.sub_criterion
        if score.self_points is None:
            problems.append(f"Tiêu chí {sub.code}: chưa chấm điểm.")
        elif (sub.evidence_required and score.self_points > 0 and score.pk not in with_evidence
              and not score.self_note.strip()):
            problems.append(f"Tiêu chí {sub.code}: cần tài liệu kiểm chứng hoặc giải trình.")
    return problems


@transaction.atomic
def assessment_submit(*, actor: Actor, assessment: Assessment, version: int) -> Assessment:
    access_assessment(actor, assessment, write=True)
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError("Bản chấm điểm đã được nộp.")
    deadline = effective_deadline(assessment)
    now = _now()
    if deadline is not None and now > deadline:
        raise ValidationError(f"Đã quá hạn nộp ({timezone.localtime(deadline):%H:%M ngày %d/%m/%Y})."
                              " Muốn nộp, đơn vị phải được Sở Nội vụ gia hạn.")
    problems = missing_for_submit(assessment)
    if problems:
        raise ValidationError(problems)
    assessment = _lock(assessment, version)
    before = snapshot(assessment)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = now
    assessment.save(update_fields=["status", "submitted_at"])
    _audit_update(assessment, before, actor, "Đơn vị nộp bản tự chấm")
    return assessment


@transaction.atomic
def assessment_withdraw(*, actor: Actor, assessment: Assessment, version: int) -> Assessment:
    access_assessment(actor, assessment, write=True)
    if assessment.status != Assessment.Status.SUBMITTED:
        raise ValidationError("Chỉ rút lại được bản đã nộp và chưa thẩm định xong.")
    deadline = effective_deadline(assessment)
    if deadline is not None and _now() > deadline:
        raise ValidationError("Đã quá hạn nộp, không rút lại được.")
    if Score.objects.filter(assessment=assessment, appraised_by__isnull=False).exists():
        raise ValidationError("Đoàn thẩm định đã bắt đầu thẩm định, không rút lại được.")
    assessment = _lock(assessment, version)
    before = snapshot(assessment)
    assessment.status = Assessment.Status.DRAFT
    assessment.submitted_at = None
    assessment.save(update_fields=["status", "submitted_at"])
    _audit_update(assessment, before, actor, "Đơn vị rút lại bản tự chấm để sửa")
    return assessment


@transaction.atomic
def assessment_extend(*, actor: Actor, assessment: Assessment, until: datetime) -> Assessment:
    access_criteria_set(actor, assessment.criteria_set, manage=True)
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError("Đơn vị đã nộp, không cần gia hạn.")
    if until <= _now():
        raise ValidationError("Thời hạn gia hạn phải ở tương lai.")
    before = snapshot(assessment)
    assessment.extended_until = until
    assessment.save(update_fields=["extended_until"])
    _audit_update(assessment, before, actor, "Gia hạn nộp bản tự chấm")
    return assessment


# --- appraisal ----------------------------------------------------------------------------------


APPRAISABLE = (Assessment.Status.SUBMITTED, Assessment.Status.ANSWERED)


@dataclass(frozen=True)
class AppraisalEntry:
    points: Decimal | None
    reason: str = ""
    comment: str = ""
    ask: bool = False
    question: str = ""


@transaction.atomic
def assessment_appraise(*, actor: Actor, assessment: Assessment, version: int,
                        entries: Mapping[int, AppraisalEntry]) -> Assessment:
    """The appraisal team's points, reasons, comments and explanation requests per
    sub-criterion (id -> entry), each appraiser on the fields they were given."""
    fields = access_appraisal(actor, assessment)
    if assessment.status not in APPRAISABLE:
        raise ValidationError("Bản chấm điểm không ở bước thẩm định.")
    scores = {s.sub_criterion_id: s for s in Score.objects.filter(
        assessment=assessment, sub_criterion_id__in=list(entries))
        .select_related("sub_criterion__criterion")}
    problems: list[str] = []
    changed: list[Score] = []
    before: list[dict[str, str]] = []
    for sub_id, entry in entries.items():
        score = scores.get(sub_id)
        if score is None:
            problems.append("Tiêu chí thành phần không thuộc bộ tiêu chí của bản chấm điểm.")
            continue
        sub = score.sub_criterion
        if fields is not None and sub.criterion.field_id not in fields:
            problems.append(f"Tiêu chí {sub.code}: lĩnh vực này không giao cho cơ quan của bạn.")
            continue
        if sub.source == Source.SURVEY:
            if entry.points is not None:
                problems.append(f"Tiêu chí {sub.code}: điểm lấy từ kết quả điều tra.")
            continue
        if entry.points is not None and not (0 <= entry.points <= sub.max_points):
            problems.append(f"Tiêu chí {sub.code}: điểm {entry.points:g} phải từ 0 đến "
                            f"{sub.max_points:g}.")
            continue
        adjusted = (entry.points is not None and sub.source == Source.SELF
                    and entry.points != score.self_points)
        if adjusted and not entry.reason.strip():
            problems.append(f"Tiêu chí {sub.code}: điều chỉnh điểm phải ghi lý do.")
            continue
        if entry.ask and not entry.question.strip():
            problems.append(f"Tiêu chí {sub.code}: yêu cầu giải trình phải ghi nội dung.")
            continue
        new = (entry.points, entry.reason.strip(), entry.comment.strip(), entry.ask,
               entry.question.strip() if entry.ask else "")
        old = (score.appraised_points, score.appraisal_reason, score.appraisal_comment,
               score.explanation_requested, score.explanation_question)
        if new != old:
            before.append(snapshot(score))
            (score.appraised_points, score.appraisal_reason, score.appraisal_comment,
             score.explanation_requested, score.explanation_question) = new
            score.appraised_by = account_of(actor)
            changed.append(score)
    if problems:
        raise ValidationError(problems)
    assessment = _lock(assessment, version)
    if changed:
        Score.objects.bulk_update(changed, ["appraised_points", "appraisal_reason",
                                            "appraisal_comment", "explanation_requested",
                                            "explanation_question", "appraised_by"])
        audit_bulk(changed, Action.UPDATE, actor=actor, before=before, note="Thẩm định")
    return assessment


@transaction.atomic
def assessment_request_explanation(*, actor: Actor, assessment: Assessment,
                                   version: int) -> Assessment:
    """Open the explanation round: the unit answers the requests by the deadline."""
    access_appraisal(actor, assessment)
    if assessment.status not in APPRAISABLE:
        raise ValidationError("Bản chấm điểm không ở bước thẩm định.")
    asked = Score.objects.filter(assessment=assessment, explanation_requested=True,
                                 explanation_answer="").count()
    if not asked:
        raise ValidationError("Chưa có tiêu chí nào cần đơn vị giải trình.")
    assessment = _lock(assessment, version)
    before = snapshot(assessment)
    assessment.status = Assessment.Status.EXPLANATION
    assessment.explanation_deadline = _now() + timedelta(
        days=assessment.criteria_set.explanation_days)
    assessment.save(update_fields=["status", "explanation_deadline"])
    _audit_update(assessment, before, actor, f"Yêu cầu giải trình {asked} tiêu chí")
    return assessment


@transaction.atomic
def assessment_answer(*, actor: Actor, assessment: Assessment, version: int,
                      answers: Mapping[int, str]) -> Assessment:
    """The unit's answers (sub-criterion id -> text), every request answered, by the deadline."""
    access_assessment(actor, assessment, write=True)
    if assessment.status != Assessment.Status.EXPLANATION:
        raise ValidationError("Bản chấm điểm không ở vòng giải trình.")
    if assessment.explanation_deadline and _now() > assessment.explanation_deadline:
        when = timezone.localtime(assessment.explanation_deadline)
        raise ValidationError(f"Đã quá hạn giải trình ({when:%H:%M ngày %d/%m/%Y}).")
    asked = {s.sub_criterion_id: s for s in Score.objects.filter(
        assessment=assessment, explanation_requested=True).select_related("sub_criterion")}
    problems = []
    for sub_id, score in sorted(asked.items(), key=lambda kv: kv[1].sub_criterion.order):
        if not answers.get(sub_id, "").strip():
            problems.append(f"Tiêu chí {score.sub_criterion.code}: chưa có nội dung giải trình.")
    if problems:
        raise ValidationError(problems)
    assessment = _lock(assessment, version)
    before = [snapshot(s) for s in asked.values()]
    for sub_id, score in asked.items():
        score.explanation_answer = answers[sub_id].strip()
    Score.objects.bulk_update(list(asked.values()), ["explanation_answer"])
    audit_bulk(list(asked.values()), Action.UPDATE, actor=actor, before=before,
               note="Đơn vị giải trình")
    before_a = snapshot(assessment)
    assessment.status = Assessment.Status.ANSWERED
    assessment.save(update_fields=["status"])
    _audit_update(assessment, before_a, actor, "Đơn vị gửi giải trình")
    return assessment


def assessment_totals(assessment: Assessment) -> tuple[Decimal, Decimal]:
    """(final total, maximum) of an assessment."""
    total, maximum = Decimal(0), Decimal(0)
    for source, max_points, self_points, appraised, survey in (
            Score.objects.filter(assessment=assessment).values_list(
                "sub_criterion__source", "sub_criterion__max_points", "self_points",
                "appraised_points", "survey_value")):
        maximum += max_points
        total += compute.final_points(source=source, max_points=max_points,
                                      self_points=self_points, appraised_points=appraised,
                                      survey_value=survey)
    return total, maximum


@transaction.atomic
def assessment_finalise(*, actor: Actor, assessment: Assessment, version: int) -> Assessment:
    """Close the appraisal: the final appraised points (survey added at publication)."""
    fields = access_appraisal(actor, assessment)
    if fields is not None:
        raise Denied("Chỉ Sở Nội vụ kết thúc thẩm định.")
    open_round = (assessment.status == Assessment.Status.EXPLANATION
                  and (assessment.explanation_deadline is None
                       or _now() <= assessment.explanation_deadline))
    if open_round:
        raise ValidationError("Đơn vị đang trong hạn giải trình; chờ giải trình hoặc hết hạn.")
    if assessment.status not in (*APPRAISABLE, Assessment.Status.EXPLANATION):
        raise ValidationError("Bản chấm điểm không ở bước thẩm định.")
    unscored = Score.objects.filter(assessment=assessment, sub_criterion__source=Source.APPRAISAL,
                                    appraised_points__isnull=True).select_related("sub_criterion")
    if unscored:
        raise ValidationError([f"Tiêu chí {s.sub_criterion.code}: đoàn thẩm định chưa chấm."
                               for s in unscored])
    assessment = _lock(assessment, version)
    before = snapshot(assessment)
    assessment.final_total, _ = assessment_totals(assessment)
    assessment.status = Assessment.Status.APPRAISED
    assessment.save(update_fields=["final_total", "status"])
    _audit_update(assessment, before, actor, "Kết thúc thẩm định")
    return assessment


# --- survey and publication ---------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyImport:
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return (f"Đã nhập {self.updated + self.unchanged} kết quả điều tra: {self.updated} cập "
                f"nhật, {self.unchanged} không thay đổi.")


def survey_rows(criteria_set: CriteriaSet) -> list[list[Any]]:
    """Every unit × survey sub-criterion with its current value: the template and the export
    in one (an unchanged file imports as nothing changed)."""
    scores = (Score.objects.filter(assessment__criteria_set=criteria_set,
                                   sub_criterion__source=Source.SURVEY)
              .select_related("assessment__unit", "sub_criterion")
              .order_by("assessment__unit__sort_key", "sub_criterion__order"))
    return [[s.assessment.unit.code, s.sub_criterion.code, s.survey_value] for s in scores]


@transaction.atomic
def survey_import(*, actor: Actor, criteria_set: CriteriaSet, data: bytes,
                  filename: str) -> SurveyImport:
    """The survey results (SIPAS and others) per unit and survey sub-criterion, in %; a value
    that is already stored is neither written nor logged."""
    criteria_set = CriteriaSet.objects.select_for_update().select_related("evaluator").get(
        pk=criteria_set.pk)
    access_criteria_set(actor, criteria_set, manage=True)
    if criteria_set.status != CriteriaSet.Status.OPEN:
        raise ValidationError("Chỉ nhập kết quả điều tra khi bộ tiêu chí đang chấm điểm.")
    table = parse_table(data, filename, SURVEY_COLUMNS, unique=("unit", "code"))
    subs = {s.code: s for s in criteria_set.sub_criteria.all()}
    assessments = {a.unit.code: a for a in criteria_set.assessments.select_related("unit")}
    found: list[tuple[int, dict[str, Any]]] = []
    for number, row in table.clean():
        sub = subs.get(row["code"])
        if sub is None:
            table.add(number, "code", f'không có tiêu chí thành phần "{row["code"]}" trong bộ '
                                      "tiêu chí")
        elif sub.source != Source.SURVEY:
            table.add(number, "code", f"tiêu chí {sub.code} không lấy điểm từ điều tra")
        if row["unit"] not in assessments:
            table.add(number, "unit", f'đơn vị "{row["unit"]}" không được chấm theo bộ tiêu chí này')
        found.append((number, row))
    table.raise_if_problems()
    scores = {(s.assessment_id, s.sub_criterion_id): s for s in Score.objects.filter(
        assessment__criteria_set=criteria_set, sub_criterion__source=Source.SURVEY)}
    changed, before = [], []
    for _number, row in found:
        score = scores[(assessments[row["unit"]].pk, subs[row["code"]].pk)]
        if score.survey_value == row["value"]:
            continue
        before.append(snapshot(score))
        score.survey_value = row["value"]
        changed.append(score)
    Score.objects.bulk_update(changed, ["survey_value"], batch_size=2000)
    audit_bulk(changed, Action.UPDATE, actor=actor, before=before,
               note=f"Nhập kết quả điều tra từ tệp {filename}")
    return SurveyImport(len(changed), len(found) - len(changed))


@dataclass(frozen=True)
class Outcome:
    assessment: Assessment
    total: Decimal
    index: Decimal
    rank: int
    classification: str
    components: dict[str, str]


def compute_outcomes(criteria_set: CriteriaSet) -> list[Outcome]:
    """Every assessment's final index, rank in the group and classification (grouped queries)."""
    assessments = list(criteria_set.assessments.select_related("unit"))
    fields = {f.pk: f.code for f in criteria_set.fields.all()}
    maximum = sum(selectors.field_maxima(criteria_set).values(), Decimal(0))
    sums = selectors.final_sums(criteria_set)
    totals = {a.pk: sum(sums.get(a.pk, {}).values(), Decimal(0)) for a in assessments}
    indexes = [compute.index(totals[a.pk], maximum) for a in assessments]
    ranks = compute.competition_ranks(indexes)
    book = ThresholdsBook()
    out = []
    for assessment, value, rank in zip(assessments, indexes, ranks, strict=True):
        thresholds = book.for_path(assessment.unit.path, criteria_set.year)
        classification = thresholds.classify(value) if thresholds else ""
        out.append(Outcome(assessment, totals[assessment.pk], value, rank, classification or "",
                           {fields[f]: str(v) for f, v in sums.get(assessment.pk, {}).items()}))
    return out


def publish_blockers(criteria_set: CriteriaSet) -> list[str]:
    problems = []
    pending = criteria_set.assessments.exclude(status=Assessment.Status.APPRAISED).select_related(
        "unit").order_by("unit__sort_key")
    for assessment in pending:
        problems.append(f"{assessment.unit.name}: {assessment.get_status_display().lower()}, "
                        "chưa thẩm định xong.")
    missing = Score.objects.filter(assessment__criteria_set=criteria_set,
                                   sub_criterion__source=Source.SURVEY,
                                   survey_value__isnull=True).count()
    if missing:
        problems.append(f"Còn {missing} ô kết quả điều tra chưa nhập.")
    if not criteria_set.assessments.exists():
        problems.append("Bộ tiêu chí chưa có đơn vị nào được chấm.")
    return problems


@transaction.atomic
def criteria_set_publish(*, actor: Actor, criteria_set: CriteriaSet, published_on: date,
                         decision_number: str) -> list[Outcome]:
    """The council's confirmation and the decision: the final index, ranks and classification
    written into the year's results (the rows eligibility reads), the facts snapshot rebuilt."""
    criteria_set = CriteriaSet.objects.select_for_update().select_related(
        "evaluator", "category").get(pk=criteria_set.pk)
    access_criteria_set(actor, criteria_set, manage=True)
    if criteria_set.status != CriteriaSet.Status.OPEN:
        raise ValidationError("Bộ tiêu chí không ở bước chấm điểm (chưa mở hoặc đã công bố).")
    if not decision_number.strip():
        raise ValidationError("Hãy ghi số quyết định công bố kết quả.")
    problems = publish_blockers(criteria_set)
    if problems:
        raise ValidationError(problems)
    outcomes = compute_outcomes(criteria_set)
    sipas_codes = {s.pk for s in criteria_set.sub_criteria.filter(source=Source.SURVEY,
                                                                  code__icontains="sipas")}
    sipas: dict[int, Decimal] = {}
    if sipas_codes:
        for assessment_id, value in Score.objects.filter(
                assessment__criteria_set=criteria_set, sub_criterion_id__in=sipas_codes,
        ).values_list("assessment_id", "survey_value"):
            if value is not None:
                sipas[assessment_id] = value
    note = (f"Công bố kết quả chấm điểm Chỉ số CCHC năm {criteria_set.year} "
            f"({criteria_set.category.name}), Quyết định số {decision_number}")
    known = {key for key, _ in COMPONENTS}
    annual_results_publish(
        actor=actor, evaluator=criteria_set.evaluator, year=criteria_set.year,
        results=[ScoredResult(o.assessment.unit, o.index, o.rank, o.classification,
                              {k: v for k, v in o.components.items() if k in known}
                              if set(o.components) <= known and o.total == o.index else {},
                              sipas.get(o.assessment.pk))
                 for o in outcomes],
        recognised_on=published_on, decision_number=decision_number, note=note)
    changed, before_a = [], []
    for o in outcomes:
        a = o.assessment
        before_a.append(snapshot(a))
        a.index, a.rank, a.classification, a.final_total = o.index, o.rank, o.classification, o.total
        a.status = Assessment.Status.PUBLISHED
        changed.append(a)
    for a in changed:  # one plain UPDATE each: cheaper than bulk_update's CASE per column
        Assessment.objects.filter(pk=a.pk).update(
            index=a.index, rank=a.rank, classification=a.classification,
            final_total=a.final_total, status=a.status)
    audit_bulk(changed, Action.UPDATE, actor=actor, before=before_a, note=note)
    before = snapshot(criteria_set)
    criteria_set.status = CriteriaSet.Status.PUBLISHED
    criteria_set.published_on = published_on
    criteria_set.published_decision = decision_number
    criteria_set.save()
    _audit_update(criteria_set, before, actor, note)
    return outcomes
