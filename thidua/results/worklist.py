"""The results' part of "Việc cần làm": the evaluating office imports last year's PAR INDEX
results and records the day they were recognised (relative dossier deadlines count from it,
002 §V.2) (thidua.core.worklist_registry)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment
from thidua.core.worklist_registry import WorkItem
from thidua.org.models import UnitKind
from thidua.results.models import ResultRound

G_IMPORT = "Nhập kết quả đánh giá"


def items(user: Any, today: date) -> list[WorkItem]:
    evaluators = list(RoleAssignment.objects.filter(
        user=user, role=Role.OWNER, unit__kind=UnitKind.PROVINCE, unit__active_to__isnull=True)
        .select_related("unit"))
    if not evaluators:
        return []
    year = today.year - 1
    rounds = {r.evaluator_id: r for r in ResultRound.objects.filter(
        evaluator_id__in=[a.unit_id for a in evaluators], year=year)
        .annotate(n=Count("results"))}
    out = []
    for assignment in evaluators:
        unit = assignment.unit
        assert unit is not None  # filtered on unit__kind
        found = rounds.get(unit.pk)
        if found is None or not found.n:
            out.append(WorkItem(
                group=G_IMPORT, order=50, action="Nhập từ tệp Excel",
                title=f"Kết quả Chỉ số CCHC năm {year} của các đơn vị thuộc {unit.name}",
                url=reverse("results:import", args=["chi-so-cchc"]) + f"?nam={year}",
                key=f"results-import:{year}", unit_id=unit.pk, announce=True))
        elif found.recognised_on is None:
            out.append(WorkItem(
                group=G_IMPORT, order=50, action="Ghi ngày công nhận",
                title=f"Ngày công nhận kết quả Chỉ số CCHC năm {year} ({unit.name})",
                url=reverse("results:round", args=[found.pk]),
                note="Hạn nộp hồ sơ tính từ ngày công nhận kết quả."))
    return out
