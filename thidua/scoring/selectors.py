"""Reads of PAR INDEX scoring: the rows of an assessment page, the heat map, the comparison with
the group's median, the export in the layout provinces publish. No writes here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, DecimalField, F, QuerySet, Sum, Value, When

from thidua.results.models import Classification
from thidua.scoring import compute
from thidua.scoring.models import Assessment, CriteriaSet, Evidence, Field, Score, Source


@dataclass
class Row:
    score: Score
    evidence: list[Evidence] = field(default_factory=list)
    final: Decimal = Decimal(0)
    editable: bool = False  # by the appraiser (their field)


@dataclass
class FieldBlock:
    field: Field
    rows: list[Row]
    maximum: Decimal
    self_total: Decimal
    final_total: Decimal


def assessment_rows(assessment: Assessment, appraisal_fields: set[int] | None = None,
                    ) -> list[FieldBlock]:
    """Every sub-criterion of the assessment with its points and evidence, by field (3 queries)."""
    scores = list(Score.objects.filter(assessment=assessment)
                  .select_related("sub_criterion__criterion__field")
                  .order_by("sub_criterion__order"))
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(score__assessment=assessment).order_by("added_at"):
        evidence[item.score_id].append(item)
    blocks: dict[int, FieldBlock] = {}
    for score in scores:
        sub = score.sub_criterion
        fld = sub.criterion.field
        block = blocks.get(fld.pk)
        if block is None:
            block = blocks[fld.pk] = FieldBlock(fld, [], Decimal(0), Decimal(0), Decimal(0))
        final = compute.final_points(source=sub.source, max_points=sub.max_points,
                                     self_points=score.self_points,
                                     appraised_points=score.appraised_points,
                                     survey_value=score.survey_value)
        editable = sub.source != Source.SURVEY and (appraisal_fields is None
                                                    or fld.pk in appraisal_fields)
        block.rows.append(Row(score, evidence.get(score.pk, []), final, editable))
        block.maximum += sub.max_points
        block.self_total += score.self_points or 0
        block.final_total += final
    return sorted(blocks.values(), key=lambda b: b.field.order)


@dataclass(frozen=True)
class HeatCell:
    points: Decimal
    maximum: Decimal

    @property
    def share(self) -> int:
        """Per cent of the maximum obtained (what the colour shows)."""
        return int(self.points * 100 / self.maximum) if self.maximum else 0

    @property
    def hue(self) -> int:
        """Red (0) where everything was lost, green (120) at the maximum."""
        return int(self.share * 1.2)


def final_sums(criteria_set: CriteriaSet) -> dict[int, dict[int, Decimal]]:
    """assessment id -> field id -> final points (compute.final_points summed), in two grouped
    queries: the database adds the self/appraised points per field; the few survey scores are
    computed here (their rounding is the decision's)."""
    pick = Case(
        When(appraised_points__isnull=False, then=F("appraised_points")),
        When(sub_criterion__source=Source.SELF, self_points__isnull=False,
             then=F("self_points")),
        default=Value(Decimal(0)), output_field=DecimalField(max_digits=9, decimal_places=2))
    out: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (Score.objects.filter(assessment__criteria_set=criteria_set)
            .exclude(sub_criterion__source=Source.SURVEY)
            .values_list("assessment_id", "sub_criterion__criterion__field_id")
            .annotate(points=Sum(pick)).order_by())
    for assessment_id, field_id, points in rows:
        out[assessment_id][field_id] += Decimal(points or 0).quantize(compute.CENT)
    survey = (Score.objects.filter(assessment__criteria_set=criteria_set,
                                   sub_criterion__source=Source.SURVEY)
              .values_list("assessment_id", "sub_criterion__criterion__field_id",
                           "sub_criterion__max_points", "survey_value"))
    for assessment_id, field_id, maximum, value in survey:
        out[assessment_id][field_id] += compute.final_points(
            source=Source.SURVEY, max_points=maximum, self_points=None, appraised_points=None,
            survey_value=value)
    return out


def field_maxima(criteria_set: CriteriaSet) -> dict[int, Decimal]:
    maxima: dict[int, Decimal] = defaultdict(Decimal)
    for field_id, maximum in criteria_set.sub_criteria.values_list("criterion__field_id",
                                                                   "max_points"):
        maxima[field_id] += maximum
    return maxima


def field_points(criteria_set: CriteriaSet) -> tuple[list[Field], dict[int, dict[int, HeatCell]]]:
    """assessment id -> field id -> points obtained / maximum (grouped queries)."""
    fields = list(criteria_set.fields.order_by("order"))
    maxima = field_maxima(criteria_set)
    sums = final_sums(criteria_set)
    assessment_ids = criteria_set.assessments.values_list("pk", flat=True)
    return fields, {a: {f.pk: HeatCell(sums.get(a, {}).get(f.pk, Decimal(0)), maxima[f.pk])
                        for f in fields} for a in assessment_ids}


@dataclass(frozen=True)
class YearCell:
    year: int
    share: int | None


def field_years(criteria_set: CriteriaSet, current: tuple[list[Field], dict[int, dict[int, HeatCell]]]
                | None = None) -> list[tuple[str, list[YearCell]]]:
    """Per field code: the group's mean share of the maximum in every year the evaluator scored
    this group (published or not), oldest first: where the province loses points over time."""
    sets = list(CriteriaSet.objects.filter(evaluator=criteria_set.evaluator,
                                           category=criteria_set.category)
                .exclude(status=CriteriaSet.Status.DRAFT).order_by("year", "-version"))
    latest: dict[int, CriteriaSet] = {}
    for item in sets:
        latest.setdefault(item.year, item)
    names: dict[str, str] = {}
    shares: dict[str, dict[int, int]] = defaultdict(dict)
    for year, item in sorted(latest.items()):
        fields, points = (current if current is not None and item.pk == criteria_set.pk
                          else field_points(item))
        for fld in fields:
            names.setdefault(fld.code, fld.name)
            cells = [by_f[fld.pk] for by_f in points.values() if fld.pk in by_f]
            got = sum((c.points for c in cells), Decimal(0))
            top = sum((c.maximum for c in cells), Decimal(0))
            shares[fld.code][year] = int(got * 100 / top) if top else 0
    years = sorted(latest)
    return [(names[code], [YearCell(y, shares[code].get(y)) for y in years])
            for code in names]


@dataclass(frozen=True)
class Comparison:
    field: Field
    own: Decimal
    median: Decimal | None
    maximum: Decimal


def compare_with_group(assessment: Assessment) -> list[Comparison]:
    fields, points = field_points(assessment.criteria_set)
    out = []
    for fld in fields:
        values = [by_f[fld.pk].points for by_f in points.values() if fld.pk in by_f]
        own = points.get(assessment.pk, {}).get(fld.pk)
        out.append(Comparison(fld, own.points if own else Decimal(0), compute.median(values),
                              own.maximum if own else Decimal(0)))
    return out


def export_table(criteria_set: CriteriaSet, assessments: QuerySet[Assessment],
                 ) -> tuple[list[str], list[list[Any]]]:
    """The published layout: STT, unit, each field's points, total, index (%), rank,
    classification; ordered by index, high to low (the `assessments` the reader may see)."""
    fields, points = field_points(criteria_set)
    assessments = assessments.select_related("unit")
    maximum = sum((s.max_points for s in criteria_set.sub_criteria.all()), Decimal(0))
    rows = []
    for a in assessments:
        by_f = points.get(a.pk, {})
        total = sum((c.points for c in by_f.values()), Decimal(0))
        index = a.index if a.index is not None else compute.index(total, maximum)
        rows.append((a, by_f, total, index))
    rows.sort(key=lambda r: (-r[3], r[0].unit.sort_key))
    headers = ["STT", "Mã đơn vị", "Tên đơn vị"] + [f"{f.code}. {f.name}" for f in fields] + [
        "Tổng điểm", "Chỉ số CCHC (%)", "Xếp hạng", "Xếp loại"]
    labels = dict(Classification.choices)
    table = []
    for number, (a, by_f, total, index) in enumerate(rows, start=1):
        table.append([number, a.unit.code, a.unit.name]
                     + [float(by_f[f.pk].points) if f.pk in by_f else None for f in fields]
                     + [float(total), float(index), a.rank,
                        labels.get(a.classification, "")])
    return headers, table
