"""Test helpers: a small criteria set, opened for a few units (used by tests and samples)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from thidua.org.models import Unit, UnitCategory
from thidua.scoring.models import Assessment, CriteriaSet, Criterion, Field, Score, SubCriterion

# field, criterion, code, max points, source, evidence required
SMALL: list[tuple[str, str, str, str, str, bool]] = [
    ("chi_dao", "1.1", "1.1.1", "4", "self", True),
    ("chi_dao", "1.1", "1.1.2", "6", "self", False),
    ("tthc", "2.1", "2.1.1", "30", "self", False),
    ("tthc", "2.1", "2.1.2", "20", "appraisal", False),
    ("tac_dong", "3.1", "3.1.1-sipas", "40", "survey", False),
]
FIELD_NAMES = {"chi_dao": "Công tác chỉ đạo, điều hành CCHC",
               "tthc": "Cải cách thủ tục hành chính",
               "tac_dong": "Tác động của CCHC đến người dân, tổ chức"}


def make_criteria_set(evaluator: Unit, category: UnitCategory, units: Sequence[Unit], *,
                      year: int = 2025, rows: Sequence[tuple] = SMALL,
                      deadline_days: int = 10) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.create(
        evaluator=evaluator, year=year, category=category, name=f"Bộ tiêu chí năm {year}",
        issued_on=date(year, 1, 15), decision_number=f"{year}/QĐ-UBND",
        status=CriteriaSet.Status.OPEN,
        self_deadline=timezone.now() + timedelta(days=deadline_days))
    fields: dict[str, Field] = {}
    criteria: dict[str, Criterion] = {}
    for order, (fcode, ccode, code, maximum, source, evidence) in enumerate(rows):
        if fcode not in fields:
            fields[fcode] = Field.objects.create(criteria_set=criteria_set, code=fcode,
                                                 name=FIELD_NAMES.get(fcode, fcode),
                                                 order=len(fields))
        if ccode not in criteria:
            criteria[ccode] = Criterion.objects.create(field=fields[fcode], code=ccode,
                                                       name=f"Tiêu chí {ccode}", order=order)
        SubCriterion.objects.create(criteria_set=criteria_set, criterion=criteria[ccode],
                                    code=code, name=f"Nội dung {code}",
                                    max_points=Decimal(maximum), source=source,
                                    evidence_required=evidence, order=order)
    subs = list(criteria_set.sub_criteria.all())
    for unit in units:
        assessment = Assessment.objects.create(criteria_set=criteria_set, unit=unit)
        Score.objects.bulk_create([Score(assessment=assessment, sub_criterion=s) for s in subs])
    return criteria_set
