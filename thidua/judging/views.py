"""Judging pages: a judge's blind worklist and scoring sheet, declarations; the organiser's view
of a round (progress, who is behind, reminders, results, closing the round and advancing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.access import Denied
from thidua.accounts.capabilities import Capability
from thidua.core.guard import guard
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, Column, write_xlsx
from thidua.judging import selectors, services
from thidua.judging.access import (
    access_entry_for_judge,
    access_judge,
    access_panel_manage,
    may_manage,
    panels_for_user,
)
from thidua.judging.forms import JudgeAddForm
from thidua.judging.models import Criterion, Entry, Judge, Method, Panel, Sheet, Stage
from thidua.judging.registry import blind_entry


def _stage(stage_id: int) -> Stage:
    return get_object_or_404(Stage.objects.select_related("panel", "panel__organiser"), pk=stage_id)


def _seat(request: HttpRequest, stage: Stage) -> tuple[Judge | None, bool]:
    """(the user's judge seat or None, manages the panel); Denied when neither."""
    manager = may_manage(request.user, stage.panel)
    try:
        judge: Judge | None = access_judge(request.user, stage.panel)
    except Denied:
        if not manager:
            raise
        judge = None
    return judge, manager


@guard("authenticated")
def panel_list(request: HttpRequest) -> HttpResponse:
    panels = panels_for_user(request.user).select_related("organiser").prefetch_related("stages")
    return render(request, "judging/list.html", {"panels": panels})


@guard("scoped")
def stage_page(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage = _stage(stage_id)
    judge, manager = _seat(request, stage)
    context: dict = {"stage": stage, "panel": stage.panel, "judge": judge, "manager": manager,
                     "stages": stage.panel.stages.all(), "criteria": stage.panel.criteria.all()}
    if judge is not None:
        rows = selectors.judge_worklist(judge, stage)
        context["worklist"] = rows
        scorable = [r for r in rows if not r.recused]
        context["mine"] = f"đã chấm {sum(1 for r in scorable if r.sheet)}/{len(scorable)}"
    if manager:
        progress = selectors.judge_progress(stage)
        context["progress"] = progress
        context["behind"] = [p for p in progress if p.behind]
        context["results"] = selectors.stage_results(stage)
        if request.GET.get("xuat") == "xlsx":
            return _export(stage, context["results"])
    return render(request, "judging/stage.html", context)


def _export(stage: Stage, results: list) -> HttpResponse:
    criteria = list(stage.panel.criteria.all())
    judges = list(stage.panel.judges.select_related("user"))
    sheets = {(s.entry_id, s.judge_id): s for s in Sheet.objects.filter(stage=stage)}
    columns = [Column("code", "Mã bài"), Column("rank", "Thứ hạng"), Column("avg", "Điểm bình quân"),
               Column("n", "Số giám khảo đã chấm")]
    columns += [Column(f"j{j.pk}", f"Điểm của {j}", width=18) for j in judges]
    rows = [[r.entry.code, r.rank or "", r.average if r.average is not None else "", r.count]
            + [sheets[(r.entry.pk, j.pk)].total if (r.entry.pk, j.pk) in sheets else "" for j in judges]
            for r in results]
    note = "Tiêu chí: " + "; ".join(f"{c.name} ({c.low}–{c.high}, hệ số {c.weight})" for c in criteria)
    response = HttpResponse(write_xlsx(columns, rows, title=stage.name, note=note),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ket-qua-vong-{stage.number}.xlsx"'
    return response


def _judged(stage: Stage, judged_entry_id: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("panel"), pk=judged_entry_id)
    if entry.panel_id != stage.panel_id:
        raise Denied("Bài này không thuộc vòng chấm này.")
    return entry


@guard("scoped")
def score_entry(request: HttpRequest, stage_id: int, judged_entry_id: int) -> HttpResponse:
    stage = _stage(stage_id)
    entry = _judged(stage, judged_entry_id)
    judge = access_entry_for_judge(request.user, entry)
    if judge is None:  # the administrator reads the blind entry; only judges score
        return render(request, "judging/score.html", {
            "stage": stage, "entry": entry, "blind": blind_entry(stage.panel.source, entry.source_id),
            "read_only": True})
    criteria = list(Criterion.objects.filter(panel=stage.panel))
    sheet = Sheet.objects.filter(stage=stage, entry=entry, judge=judge).first()
    declared = entry.declarations.filter(judge=judge).exists()
    error = ""
    values = {str(k): v for k, v in (sheet.values if sheet else {}).items()}
    comment = sheet.comment if sheet else ""
    if request.method == "POST":
        values = {str(c.pk): request.POST.get(f"c{c.pk}", "").strip() for c in criteria}
        comment = request.POST.get("comment", "")
        try:
            version = int(request.POST.get("version") or 0)
            services.sheet_save(judge=judge, stage=stage, entry=entry,
                                values={c.pk: values[str(c.pk)] for c in criteria}, comment=comment,
                                no_conflict=bool(request.POST.get("no_conflict")), version=version)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except ValueError:
            error = "Phiên bản phiếu chấm không hợp lệ; hãy tải lại trang."
        else:
            messages.success(request, f"Đã lưu điểm bài {entry.code}.")
            return redirect("judging:stage", stage_id=stage.pk)
    return render(request, "judging/score.html", {
        "stage": stage, "entry": entry, "blind": blind_entry(stage.panel.source, entry.source_id),
        "criteria": [(c, values.get(str(c.pk), "")) for c in criteria], "sheet": sheet,
        "comment": comment, "declared": declared, "error": error,
        "version": sheet.version if sheet else 0,
    }, status=400 if error else 200)


@guard("scoped")
def declare_conflict(request: HttpRequest, stage_id: int, judged_entry_id: int) -> HttpResponse:
    stage = _stage(stage_id)
    entry = _judged(stage, judged_entry_id)
    judge = access_entry_for_judge(request.user, entry)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if judge is None:
        raise Denied("Chỉ giám khảo khai báo xung đột lợi ích.")
    try:
        services.conflict_declare(judge=judge, entry=entry, conflict=True,
                                  reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("judging:score", stage_id=stage.pk, judged_entry_id=entry.pk)
    messages.success(request, f"Đã ghi nhận xung đột lợi ích; bạn được miễn chấm bài {entry.code}.")
    return redirect("judging:stage", stage_id=stage.pk)


@guard(Capability.EDIT_SCOPE)
def stage_close(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage = _stage(stage_id)
    access_panel_manage(request.user, stage.panel)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        moved = services.stage_close(stage=stage)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("judging:stage", stage_id=stage.pk)
    following = stage.panel.stages.filter(number=stage.number + 1).first()
    if following is not None:
        messages.success(request, f"Đã kết thúc vòng «{stage.name}»; {len(moved)} bài vào vòng "
                                  f"«{following.name}».")
        return redirect("judging:stage", stage_id=following.pk)
    messages.success(request, f"Đã kết thúc vòng «{stage.name}».")
    return redirect("judging:stage", stage_id=stage.pk)


@guard(Capability.EDIT_SCOPE)
def stage_remind(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage = _stage(stage_id)
    access_panel_manage(request.user, stage.panel)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        sent = services.reminders_send(actor=request.user, stage=stage)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã gửi lời nhắc tới {len(sent)} giám khảo chưa chấm xong."
                         if sent else "Mọi giám khảo đã chấm xong; không cần nhắc.")
    return redirect("judging:stage", stage_id=stage.pk)


@guard(Capability.EDIT_SCOPE)
def panel_settings(request: HttpRequest, panel_id: int) -> HttpResponse:
    """The organiser sets the minimum number of sheets per entry and the averaging method."""
    panel = _managed_panel(request, panel_id)
    error = ""
    if request.method == "POST":
        try:
            minimum = int(request.POST.get("min_scores", ""))
            services.panel_configure(panel=panel, min_scores=minimum, method=request.POST.get("method", ""))
        except ValueError:
            error = "Số giám khảo tối thiểu phải là số nguyên."
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Đã lưu cách tính điểm của hội đồng.")
            return redirect("judging:panel", panel_id=panel.pk)
    return _panel_page(request, panel, error=error)


def _panel_page(request: HttpRequest, panel: Panel, *, error: str = "",
                judge_form: JudgeAddForm | None = None, judge_error: str = "") -> HttpResponse:
    return render(request, "judging/panel.html", {
        "panel": panel, "methods": Method.choices, "error": error,
        "criteria": panel.criteria.all(), "stages": panel.stages.all(),
        "judges": panel.judges.select_related("user", "unit").annotate(scored=Count("sheets"))
        .order_by("-active", "pk"),
        "judge_form": judge_form or JudgeAddForm(people=selectors.judge_candidates(request.user, panel),
                                          panel=panel),
        "judge_error": judge_error, "history": selectors.panel_history(panel)[:30],
    }, status=400 if error or judge_error else 200)


def _managed_panel(request: HttpRequest, panel_id: int) -> Panel:
    return access_panel_manage(request.user, get_object_or_404(Panel.objects.select_related("organiser"),
                                                              pk=panel_id))


@guard(Capability.EDIT_SCOPE)
def judge_add(request: HttpRequest, panel_id: int) -> HttpResponse:
    """The organiser seats a staff member of their units (picker) on the panel."""
    panel = _managed_panel(request, panel_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = JudgeAddForm(request.POST, people=selectors.judge_candidates(request.user, panel),
                        panel=panel)
    if not form.is_valid():
        return _panel_page(request, panel, judge_form=form,
                           judge_error="Hãy chọn một cán bộ trong danh sách để làm giám khảo.")
    try:
        judge = services.judge_appoint(actor=request.user, panel=panel, person=form.cleaned_data["person"])
    except ValidationError as exc:
        return _panel_page(request, panel, judge_form=form, judge_error=" ".join(exc.messages))
    messages.success(request, f"Đã thêm giám khảo {judge}.")
    return redirect("judging:panel", panel_id=panel.pk)


@guard(Capability.EDIT_SCOPE)
def judge_remove(request: HttpRequest, panel_id: int) -> HttpResponse:
    """The organiser takes a judge who has scored nothing off the panel."""
    panel = _managed_panel(request, panel_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    raw = request.POST.get("judge", "")
    judge = Judge.objects.filter(panel=panel, pk=int(raw)).first() if raw.isdigit() else None
    if judge is None:
        messages.error(request, "Không tìm thấy giám khảo này trong hội đồng; hãy tải lại trang.")
        return redirect("judging:panel", panel_id=panel.pk)
    try:
        services.judge_remove(actor=request.user, panel=panel, judge=judge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã bỏ giám khảo {judge} khỏi hội đồng.")
    return redirect("judging:panel", panel_id=panel.pk)
