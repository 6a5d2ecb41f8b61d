"""Reads of judging: the rubric, entries of a stage, results, judges' progress (never writes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.accounts.access import unit_scope_q
from thidua.judging import scoring
from thidua.judging.access import access_panel_manage
from thidua.judging.models import Criterion, Declaration, Entry, Judge, Panel, Sheet, Stage
from thidua.org.models import Person


def rubric(panel: Panel) -> list[scoring.Criterion]:
    return [scoring.Criterion(c.pk, c.name, c.weight, c.low, c.high)
            for c in Criterion.objects.filter(panel=panel)]


def stage_entries(stage: Stage) -> QuerySet[Entry]:
    return Entry.objects.filter(panel_id=stage.panel_id, stage_reached__gte=stage.number,
                                withdrawn=False).select_related("unit")


def recused_pairs(panel: Panel) -> set[tuple[int, int]]:
    """(judge id, entry id) of every conflict on the panel."""
    return set(Declaration.objects.filter(judge__panel=panel, conflict=True)
               .values_list("judge_id", "entry_id"))


@dataclass
class ResultRow:
    entry: Entry
    count: int
    average: Decimal | None
    lowest: Decimal | None
    rank: int | None
    advances: bool = False


def stage_results(stage: Stage) -> list[ResultRow]:
    """Every entry of the stage with its average and rank (unranked ones last, by code)."""
    panel = stage.panel
    entries = list(stage_entries(stage))
    sheets = [scoring.Sheet(s.entry_id, s.judge_id, s.total)
              for s in Sheet.objects.filter(stage=stage).only("entry_id", "judge_id", "total")]
    results = scoring.aggregate([e.pk for e in entries], sheets, method=panel.method,  # type: ignore[arg-type]
                                min_scores=panel.min_scores)
    by_id = {e.pk: e for e in entries}
    ranked = scoring.rank(results, submitted={e.pk: e.submitted_at for e in entries},
                          codes={e.pk: e.code for e in entries})
    moving: set[int] = set()
    if stage.advance_count is not None or stage.advance_share is not None:
        moving = {r.entry for r in scoring.advancing(  # type: ignore[misc]
            ranked, count=stage.advance_count, share=stage.advance_share)}
    rows = [ResultRow(by_id[r.entry], r.count, r.average, r.lowest, r.rank,  # type: ignore[index]
                      r.entry in moving) for r in ranked]
    rows += [ResultRow(by_id[r.entry], r.count, None, None, None)  # type: ignore[index]
             for r in sorted(results.values(), key=lambda r: by_id[r.entry].code)  # type: ignore[index]
             if r.average is None]
    return rows


@dataclass
class Progress:
    judge: Judge
    done: int
    assigned: int
    recused: int
    reminded_at: object = None

    @property
    def behind(self) -> bool:
        return self.done < self.assigned

    @property
    def label(self) -> str:
        return f"đã chấm {self.done}/{self.assigned}"


def judge_progress(stage: Stage) -> list[Progress]:
    """Each active judge: sheets done out of the entries they may score (recusals excluded)."""
    entry_ids = set(stage_entries(stage).values_list("pk", flat=True))
    conflicts: dict[int, set[int]] = defaultdict(set)
    for judge_id, entry_id in recused_pairs(stage.panel):
        if entry_id in entry_ids:
            conflicts[judge_id].add(entry_id)
    done: dict[int, int] = defaultdict(int)
    for judge_id, entry_id in Sheet.objects.filter(stage=stage).values_list("judge_id", "entry_id"):
        if entry_id in entry_ids:
            done[judge_id] += 1
    last: dict[int, object] = {}
    for judge_id, sent in stage.reminders.order_by("sent_at").values_list("judge_id", "sent_at"):
        last[judge_id] = sent
    judges = Judge.objects.filter(panel_id=stage.panel_id, active=True).select_related("user", "unit")
    return [Progress(j, done[j.pk], len(entry_ids) - len(conflicts[j.pk]), len(conflicts[j.pk]),
                     last.get(j.pk)) for j in judges.order_by("user__last_name", "user__first_name", "pk")]


@dataclass
class JudgeRow:
    entry: Entry
    sheet: Sheet | None
    recused: bool


def judge_worklist(judge: Judge, stage: Stage) -> list[JudgeRow]:
    """The entries of the stage as the judge sees them: code, own sheet, recusal."""
    sheets = {s.entry_id: s for s in Sheet.objects.filter(stage=stage, judge=judge)}
    recused = set(Declaration.objects.filter(judge=judge, conflict=True).values_list("entry_id", flat=True))
    return [JudgeRow(e, sheets.get(e.pk), e.pk in recused) for e in stage_entries(stage).order_by("code")]


def current_stage(panel: Panel) -> Stage | None:
    """The open stage, else the first not yet closed, else the last one."""
    stages = list(panel.stages.all())
    for s in stages:
        if s.is_open:
            return s
    for s in stages:
        if s.closed_at is None:
            return s
    return stages[-1] if stages else None


def is_blind(panel: Panel) -> bool:
    return panel.revealed_at is None


def panel_history(panel: Panel) -> QuerySet[LogEntry]:
    """The panel's audit entries and those of its judge seats (seated, taken off), newest first."""
    judge_ids = [str(pk) for pk in Judge.objects.filter(panel=panel).values_list("pk", flat=True)]
    return (LogEntry.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Panel), object_pk=str(panel.pk))
        | Q(content_type=ContentType.objects.get_for_model(Judge), object_pk__in=judge_ids))
        .select_related("actor").order_by("-timestamp", "-id"))


def judge_candidates_source(user: Any, params: Mapping[str, str]) -> QuerySet[Person]:
    """The judge picker's person source (core.pickers, `nguon=giam-khao&hoi_dong=<panel>`): the
    candidates of a panel the user manages — what JudgeAddForm accepts."""
    raw = params.get("hoi_dong", "")
    if not raw.isdigit():
        raise Http404("Không có hội đồng chấm này.")
    panel = access_panel_manage(user, get_object_or_404(Panel.objects.select_related("organiser"),
                                                        pk=int(raw)))
    return judge_candidates(user, panel)


def judge_candidates(user: Any, panel: Panel) -> QuerySet[Person]:
    """People with an active login in the units the organiser (the user) reads, not seated yet."""
    seated = Judge.objects.filter(panel=panel, active=True).values("user__person_id")
    qs = Person.objects.filter(user__isnull=False, user__is_active=True,
                               unit__isnull=False).exclude(pk__in=seated)
    q = unit_scope_q(user, field="unit__path")
    return (qs if q is None else qs.filter(q)).order_by("sort_key", "pk")
