"""The initiative council scores through the shared judging module (thidua/judging): one panel per
province ("Hội đồng xét sáng kiến"), the rubric novelty 0–30, effectiveness 0–40, applicability
0–30, a minimum number of sheets before recognition, the panel's average, and automatic recusal of
a member who works at the initiative's unit. Not blind: the council knows the authors (the entry
code is the initiative's number).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.accounts.access import Actor
from thidua.accounts.models import Role, RoleAssignment
from thidua.judging import scoring
from thidua.judging import services as judging
from thidua.judging.models import Criterion, Entry, Judge, Panel, Sheet, Stage

SOURCE = "initiatives"
RUBRIC = [("Tính mới", Decimal(30)), ("Tính hiệu quả", Decimal(40)),
          ("Khả năng áp dụng, nhân rộng", Decimal(30))]
KEYS = ("novelty", "effectiveness", "applicability")


def _province(unit: Any) -> Any:
    current = unit
    while current.parent_id is not None:
        current = current.parent
    return current


def council_panel(unit: Any) -> Panel:
    """The council panel of the unit's province (made on first use, one criterion per rubric line)."""
    province = _province(unit)
    panel = Panel.objects.filter(source=SOURCE, organiser=province).first()
    if panel is None:
        with transaction.atomic():
            panel = judging.panel_create(
                name=f"Hội đồng xét sáng kiến {province.name}", source=SOURCE, organiser=province,
                min_scores=1, method="mean",
                criteria=[judging.CriterionSpec(name, high) for name, high in RUBRIC],
                stages=[judging.StageSpec("Hội đồng chấm điểm")])
    return panel


def _stage(panel: Panel) -> Stage:
    return panel.stages.get(number=1)


def code_of(initiative: Any) -> str:
    return f"SK-{initiative.pk:05d}"


@transaction.atomic
def council_send(initiative: Any) -> Entry:
    """Put the initiative before the council: its entry, and every council member over its unit
    seated (a member working at the initiative's unit is recused automatically)."""
    panel = council_panel(initiative.unit)
    entry = judging.entry_register(panel=panel, source_id=initiative.pk, unit=initiative.unit,
                                   code=code_of(initiative))
    for ra in RoleAssignment.objects.filter(role=Role.COUNCIL).select_related("user", "unit"):
        if ra.unit is None or initiative.unit.path.startswith(ra.unit.path):
            judging.judge_add(panel=panel, user=ra.user)
    return entry


def council_withdraw(initiative: Any) -> None:
    judging.entry_withdraw(panel=council_panel(initiative.unit), source_id=initiative.pk)


@transaction.atomic
def council_score(*, actor: Actor, initiative: Any, novelty: int, effectiveness: int, applicability: int,
                  comment: str = "") -> Sheet:
    entry = council_send(initiative)
    judge = judging.judge_add(panel=entry.panel, user=actor)
    criteria = list(Criterion.objects.filter(panel=entry.panel).order_by("order"))
    values = dict(zip((c.pk for c in criteria), (novelty, effectiveness, applicability), strict=True))
    return judging.sheet_save(judge=judge, stage=_stage(entry.panel), entry=entry, values=values,
                              comment=comment, no_conflict=True)


@dataclass(frozen=True)
class ScoreRow:
    member: str
    novelty: Decimal
    effectiveness: Decimal
    applicability: Decimal
    total: Decimal
    comment: str


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    novelty: Decimal | None
    effectiveness: Decimal | None
    applicability: Decimal | None
    total: Decimal | None
    min_scores: int = 1

    @property
    def enough(self) -> bool:
        return self.total is not None


def _entry(initiative: Any) -> Entry | None:
    return (Entry.objects.filter(panel__source=SOURCE, source_id=initiative.pk)
            .select_related("panel").first())


def score_rows(initiative: Any) -> list[ScoreRow]:
    entry = _entry(initiative)
    if entry is None:
        return []
    criteria = [str(c.pk) for c in Criterion.objects.filter(panel=entry.panel).order_by("order")]
    rows = []
    for s in Sheet.objects.filter(entry=entry).select_related("judge__user").order_by("updated_at", "pk"):
        novelty, effectiveness, applicability = (Decimal(s.values.get(k, "0")) for k in criteria)
        user = s.judge.user
        rows.append(ScoreRow(user.get_full_name() or user.get_username(), novelty, effectiveness,
                             applicability, s.total, s.comment))
    return rows


def _one(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def score_summary(initiative: Any) -> ScoreSummary:
    """Averages per criterion, and the total by the panel's method (None below its minimum)."""
    entry = _entry(initiative)
    if entry is None:
        return ScoreSummary(0, None, None, None, None)
    rows = score_rows(initiative)
    n = len(rows)
    sheets = [scoring.Sheet(entry.pk, i, r.total) for i, r in enumerate(rows)]
    results = scoring.aggregate([entry.pk], sheets, method=entry.panel.method,  # type: ignore[arg-type]
                                min_scores=entry.panel.min_scores)
    if n == 0:
        return ScoreSummary(0, None, None, None, None, entry.panel.min_scores)
    means = {k: _one(sum((getattr(r, k) for r in rows), Decimal(0)) / n) for k in KEYS}
    return ScoreSummary(n, means["novelty"], means["effectiveness"], means["applicability"],
                        _one(results[entry.pk].average), entry.panel.min_scores)


def recognition_check(initiative: Any) -> None:
    """Recognition needs the council's minimum number of sheets."""
    summary = score_summary(initiative)
    if summary.count == 0:
        raise ValidationError("Hội đồng chưa chấm điểm sáng kiến này.")
    if not summary.enough:
        raise ValidationError(f"Hội đồng mới có {summary.count} phiếu chấm; cần ít nhất "
                              f"{summary.min_scores} phiếu trước khi công nhận.")


def is_recused(user: Any, initiative: Any) -> bool:
    entry = _entry(initiative)
    if entry is None:
        return False
    judge = Judge.objects.filter(panel=entry.panel, user_id=user.pk).first()
    return bool(judge and entry.declarations.filter(judge=judge, conflict=True).exists())
