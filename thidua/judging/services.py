"""Writes of judging: panels and rubric, judges, blind entries, declarations, sheets, rounds."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.accounts.access import Actor, access_person, account_of
from thidua.core.events import emit
from thidua.judging import scoring, selectors
from thidua.judging.access import access_panel_manage
from thidua.judging.models import (
    Criterion,
    Declaration,
    Entry,
    Judge,
    Panel,
    Reminder,
    Sheet,
    Stage,
)

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    high: Decimal
    weight: Decimal = Decimal(1)
    low: Decimal = Decimal(0)


@dataclass(frozen=True)
class StageSpec:
    name: str
    advance_count: int | None = None
    advance_share: Decimal | None = None


@transaction.atomic
def panel_create(*, name: str, source: str, organiser: Any, min_scores: int, method: str,
                 criteria: Sequence[CriterionSpec], stages: Sequence[StageSpec]) -> Panel:
    if not criteria:
        raise ValidationError("Hội đồng chấm cần ít nhất một tiêu chí chấm.")
    if not stages:
        raise ValidationError("Hội đồng chấm cần ít nhất một vòng chấm.")
    panel = Panel(name=name, source=source, organiser=organiser, min_scores=min_scores, method=method)
    panel.full_clean()
    panel.save()
    for i, spec in enumerate(criteria, start=1):
        c = Criterion(panel=panel, order=i, name=spec.name, weight=spec.weight, low=spec.low,
                      high=spec.high)
        c.full_clean()
        c.save()
    for i, st in enumerate(stages, start=1):
        last = i == len(stages)
        if not last and st.advance_count is None and st.advance_share is None:
            raise ValidationError(f"Vòng «{st.name}» cần số bài hoặc tỷ lệ bài vào vòng sau.")
        s = Stage(panel=panel, number=i, name=st.name, advance_count=st.advance_count,
                  advance_share=st.advance_share, opened_at=timezone.now() if i == 1 else None)
        s.full_clean()
        s.save()
    return panel


def _recuse_automatically(judge: Judge, entries: Sequence[Entry]) -> None:
    for entry in entries:
        if judge.unit_id is not None and judge.unit_id == entry.unit_id:
            Declaration.objects.update_or_create(
                judge=judge, entry=entry,
                defaults={"conflict": True, "automatic": True,
                          "reason": "Giám khảo cùng đơn vị với tác giả"})


@transaction.atomic
def judge_add(*, panel: Panel, user: Any, unit: Any = None) -> Judge:
    """Seat a user on the panel (idempotent); recused at once from entries of their own unit."""
    if unit is None and getattr(user, "person_id", None):
        unit = user.person.unit
    judge, created = Judge.objects.get_or_create(panel=panel, user=user,
                                                 defaults={"unit": unit, "active": True})
    if not created and not judge.active:
        judge.active = True
        judge.save(update_fields=["active"])
    _recuse_automatically(judge, list(panel.entries.all()))
    return judge


def _new_code(panel: Panel) -> str:
    prefix = "".join(ch for ch in panel.source.upper() if ch.isalpha())[:2] or "BD"
    return f"{prefix}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(5))}"


@transaction.atomic
def entry_register(*, panel: Panel, source_id: int, unit: Any, code: str | None = None) -> Entry:
    """The judging side of an entry (idempotent per source id), with a random blind code (or
    `code`, for a panel that does not judge blind, e.g. the initiative council)."""
    entry = Entry.objects.filter(panel=panel, source_id=source_id).first()
    if entry is None:
        chosen = code or _new_code(panel)
        for _ in range(20):
            if not Entry.objects.filter(panel=panel, code=chosen).exists():
                break
            chosen = _new_code(panel)
        entry = Entry.objects.create(panel=panel, source_id=source_id, code=chosen, unit=unit)
    elif entry.unit_id != unit.pk or entry.withdrawn:
        entry.unit, entry.withdrawn = unit, False
        entry.save(update_fields=["unit", "withdrawn"])
    for judge in Judge.objects.filter(panel=panel, active=True):
        _recuse_automatically(judge, [entry])
    return entry


@transaction.atomic
def conflict_declare(*, judge: Judge, entry: Entry, conflict: bool, reason: str = "") -> Declaration:
    """A judge's own declaration. A conflict recuses; an automatic recusal cannot be lifted."""
    if entry.panel_id != judge.panel_id:
        raise ValidationError("Bài này không thuộc hội đồng chấm của bạn.")
    existing = Declaration.objects.select_for_update().filter(judge=judge, entry=entry).first()
    if existing is not None and existing.automatic:
        raise ValidationError("Bạn cùng đơn vị với tác giả nên được miễn chấm bài này; không thể "
                              "thay đổi khai báo.")
    if conflict and not reason.strip():
        raise ValidationError("Hãy ghi lý do xung đột lợi ích.")
    if conflict:
        # A judge who discovers a conflict after scoring: the sheets no longer count.
        entry.sheets.filter(judge=judge).delete()
    declaration, _ = Declaration.objects.update_or_create(
        judge=judge, entry=entry,
        defaults={"conflict": conflict, "automatic": False, "reason": reason.strip(),
                  "declared_at": timezone.now()})
    return declaration


def _decimal(value: Any, name: str) -> Decimal:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(f"Điểm tiêu chí «{name}» không phải là số.") from exc


@transaction.atomic
def sheet_save(*, judge: Judge, stage: Stage, entry: Entry, values: Mapping[Any, Any], comment: str = "",
               no_conflict: bool = False, version: int | None = None) -> Sheet:
    """Save (or revise) the judge's sheet for an entry while the stage is open.

    `version` is the sheet's version the judge's form was built from: a sheet changed since
    (another tab, another device) is not silently overwritten.
    """
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    if stage.panel_id != judge.panel_id or entry.panel_id != judge.panel_id:
        raise ValidationError("Bài hoặc vòng chấm không thuộc hội đồng của bạn.")
    if not stage.is_open:
        raise ValidationError(f"Vòng «{stage.name}» không mở chấm; không thể lưu điểm.")
    if entry.withdrawn or entry.stage_reached < stage.number:
        raise ValidationError(f"Bài {entry.code} không thuộc vòng «{stage.name}».")
    declaration = Declaration.objects.filter(judge=judge, entry=entry).first()
    if declaration is not None and declaration.conflict:
        raise ValidationError("Bạn được miễn chấm bài này do xung đột lợi ích.")
    if declaration is None:
        if not no_conflict:
            raise ValidationError("Hãy xác nhận bạn không có xung đột lợi ích với bài này trước khi chấm.")
        Declaration.objects.create(judge=judge, entry=entry, conflict=False)
    criteria = selectors.rubric(stage.panel)
    names = {c.key: c.name for c in criteria}
    parsed = {key: _decimal(values[key], names[key]) for key in names if values.get(key) not in (None, "")}
    try:
        total = scoring.weighted_total(criteria, parsed)
    except scoring.ScoringError as exc:
        raise ValidationError(str(exc)) from exc
    sheet = Sheet.objects.select_for_update().filter(stage=stage, entry=entry, judge=judge).first()
    stored = {str(k): str(v) for k, v in parsed.items()}
    if sheet is None:
        if version not in (None, 0):
            raise ValidationError("Phiếu chấm đã bị thay đổi; hãy tải lại trang.")
        try:
            with transaction.atomic():
                sheet = Sheet.objects.create(stage=stage, entry=entry, judge=judge, values=stored,
                                             total=total, comment=comment.strip())
        except IntegrityError as exc:
            raise ValidationError("Phiếu chấm của bạn cho bài này vừa được lưu ở nơi khác; hãy tải "
                                  "lại trang rồi sửa.") from exc
        return sheet
    if version is not None and version != sheet.version:
        raise ValidationError("Phiếu chấm đã được sửa ở nơi khác sau khi bạn mở trang; hãy tải lại "
                              "trang để xem điểm mới nhất rồi sửa.")
    sheet.values, sheet.total, sheet.comment = stored, total, comment.strip()
    sheet.version += 1
    sheet.updated_at = timezone.now()
    sheet.save()
    return sheet


@transaction.atomic
def stage_close(*, stage: Stage) -> list[Entry]:
    """Close the stage; the entries that advance move to the next stage, which opens.

    Refused while an entry has fewer scores than the panel's minimum (listed by code).
    """
    stage = Stage.objects.select_for_update().select_related("panel").get(pk=stage.pk)
    if not stage.is_open:
        raise ValidationError(f"Vòng «{stage.name}» không ở trạng thái đang chấm.")
    rows = selectors.stage_results(stage)
    short = [r.entry.code for r in rows if r.average is None]
    if short:
        raise ValidationError(
            f"Chưa thể kết thúc vòng «{stage.name}»: {len(short)} bài chưa đủ "
            f"{stage.panel.min_scores} giám khảo chấm ({', '.join(short[:20])}"
            f"{'…' if len(short) > 20 else ''}).")
    following = Stage.objects.filter(panel=stage.panel, number=stage.number + 1).first()
    now = timezone.now()
    stage.closed_at = now
    stage.save(update_fields=["closed_at"])
    moved: list[Entry] = []
    if following is not None:
        for r in rows:
            if r.advances:
                r.entry.stage_reached = following.number
                r.entry.save(update_fields=["stage_reached"])
                moved.append(r.entry)
        following.opened_at = now
        following.save(update_fields=["opened_at"])
    return moved


@transaction.atomic
def panel_configure(*, panel: Panel, min_scores: int, method: str) -> Panel:
    """Change the minimum number of sheets and the averaging method, before any round closes
    (a closed round's ranking must not change under it)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.stages.filter(closed_at__isnull=False).exists():
        raise ValidationError("Đã có vòng chấm kết thúc; không thay đổi được cách tính điểm.")
    panel.min_scores, panel.method = min_scores, method
    panel.full_clean()
    panel.save(update_fields=["min_scores", "method"])
    return panel


@transaction.atomic
def entry_withdraw(*, panel: Panel, source_id: int) -> None:
    """Take an entry off the judges' worklists (decided, or withdrawn by its author)."""
    Entry.objects.filter(panel=panel, source_id=source_id).update(withdrawn=True)


@transaction.atomic
def panel_reveal(*, panel: Panel) -> Panel:
    """End the blind: authors become visible to the judges (when results are published)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.revealed_at is None:
        panel.revealed_at = timezone.now()
        panel.save(update_fields=["revealed_at"])
    return panel


@transaction.atomic
def reminders_send(*, actor: Actor, stage: Stage) -> list[Reminder]:
    """Remind every judge who is behind in the stage and record it; the notices app tells each
    one in the app and by e-mail (event `judge_reminded`, docs/notices.md)."""
    if not stage.is_open:
        raise ValidationError(f"Vòng «{stage.name}» không mở chấm; không cần nhắc.")
    sent = []
    for p in selectors.judge_progress(stage):
        if not p.behind:
            continue
        remaining = p.assigned - p.done
        sent.append(Reminder.objects.create(stage=stage, judge=p.judge, sent_by=account_of(actor),
                                            remaining=remaining))
        emit("judge_reminded", stage=stage, judge=p.judge, progress=p.label,
             remaining=remaining)
    return sent


@transaction.atomic
def judge_appoint(*, actor: Any, panel: Panel, person: Any) -> Judge:
    """The organiser seats a staff member with a login on the panel: someone in the organiser's
    scope, not already sitting on it."""
    access_panel_manage(actor, panel)
    access_person(actor, person)
    user = getattr(person, "user", None) if person.pk else None
    if user is None or not user.is_active:
        raise ValidationError(f"{person.full_name} chưa có tài khoản đăng nhập đang hoạt động nên "
                              "không làm giám khảo được.")
    if Judge.objects.filter(panel=panel, user=user, active=True).exists():
        raise ValidationError(f"{person.full_name} đã là giám khảo của hội đồng này.")
    return judge_add(panel=panel, user=user, unit=person.unit)


@transaction.atomic
def judge_remove(*, actor: Any, panel: Panel, judge: Judge) -> Judge:
    """Take a judge off the panel, only while they have scored nothing (their sheets count in
    the averages). The seat stays, inactive, so its history remains and it can be given back."""
    access_panel_manage(actor, panel)
    judge = Judge.objects.select_for_update().select_related("user").get(pk=judge.pk)
    if judge.panel_id != panel.pk:
        raise ValidationError("Giám khảo này không thuộc hội đồng chấm này.")
    if not judge.active:
        raise ValidationError(f"{judge} đã thôi làm giám khảo của hội đồng này.")
    scored = judge.sheets.count()
    if scored:
        raise ValidationError(f"Không thể bỏ giám khảo {judge}: đã chấm {scored} phiếu; điểm đã chấm "
                              "được tính vào kết quả.")
    judge.active = False
    judge.save(update_fields=["active"])
    return judge
