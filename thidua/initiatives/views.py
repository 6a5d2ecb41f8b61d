"""Initiative pages: list with filters and export, submit, detail, council scoring, decision."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.access import Denied, has_capability
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.guard import guard, is_htmx
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, Column, write_xlsx
from thidua.initiatives import council, selectors, services
from thidua.initiatives.access import access_initiative, access_initiative_scoring
from thidua.initiatives.forms import (
    AttachmentForm,
    AuthorFormSet,
    FilterForm,
    InitiativeForm,
    RecogniseForm,
    RejectForm,
    ScoreForm,
    author_people,
)
from thidua.initiatives.models import Attachment, Initiative, Status
from thidua.initiatives.standards import standards_for_initiative

EXPORT_COLUMNS = [
    Column("id", "Mã"), Column("title", "Tên sáng kiến", width=50), Column("unit", "Đơn vị", width=30),
    Column("field", "Lĩnh vực", width=30), Column("year", "Năm"),
    Column("authors", "Tác giả (tỷ lệ)", width=40),
    Column("status", "Trạng thái"), Column("level", "Cấp công nhận"), Column("number", "Số quyết định"),
    Column("date", "Ngày quyết định"), Column("applied", "Đã áp dụng"),
]


def _get(initiative_id: int) -> Initiative:
    return get_object_or_404(Initiative.objects.select_related("unit", "submitted_by"), pk=initiative_id)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@guard("authenticated")
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, user=request.user)
    qs = selectors.initiative_list(request.user, **form.filters())
    if request.GET.get("xuat") == "xlsx":
        rows = ([i.pk, i.title, i.unit.name, i.get_field_display(), i.year,
                 "; ".join(f"{a.person.full_name} ({a.share}%)" for a in i.authors.all()),
                 i.get_status_display(), i.get_level_display() if i.level else "", i.decision_number,
                 i.decision_date, "có" if i.applied else ""] for i in qs)
        response = HttpResponse(write_xlsx(EXPORT_COLUMNS, rows, title="Sáng kiến"),
                                content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="sang-kien.xlsx"'
        return response
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    template = "initiatives/_rows.html" if is_htmx(request) else "initiatives/list.html"
    return render(request, template, {
        "form": form, "page_obj": page,
        "can_submit": has_capability(request.user, Capability.SUBMIT_INITIATIVE),
    })


@guard(Capability.SUBMIT_INITIATIVE)
def initiative_create(request: HttpRequest) -> HttpResponse:
    people = author_people(request.user)
    form = InitiativeForm(request.POST or None, request.FILES or None, user=request.user)
    person = getattr(request.user, "person", None)
    initial = [{"person": person.pk, "share": Decimal(100)}] if person is not None else []
    formset = AuthorFormSet(request.POST or None, initial=initial, prefix="tac_gia",
                            form_kwargs={"people": people})
    error = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        authors = [services.AuthorShare(f.cleaned_data["person"], f.cleaned_data["share"])
                   for f in formset.forms if f.cleaned_data.get("person")]
        data = form.cleaned_data
        try:
            initiative = services.initiative_submit(
                actor=request.user, title=data["title"], unit=data["unit"], field=data["field"],
                year=data["year"], description=data["description"], effect=data["effect"],
                scope=data["scope"], authors=authors)
            if data.get("attachment"):
                services.initiative_attach(actor=request.user, initiative=initiative,
                                           upload=data["attachment"])
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, "Đã nộp sáng kiến.")
            return redirect("initiatives:detail", initiative_id=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "formset": formset, "error": error})


@guard("scoped")
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative(request.user, _get(initiative_id))
    user = request.user
    can_write = False
    try:
        access_initiative(user, initiative, write=True)
        can_write = True
    except Denied:
        can_write = False
    can_score = False
    if initiative.status == Status.REVIEW and has_capability(user, Capability.VOTE):
        try:
            access_initiative_scoring(user, initiative)
            can_score = True
        except Denied:
            can_score = False
    return render(request, "initiatives/detail.html", {
        "initiative": initiative,
        "authors": initiative.authors.select_related("person", "person__unit"),
        "attachments": initiative.attachments.all(),
        "scores": council.score_rows(initiative),
        "summary": selectors.score_summary(initiative),
        "changes": initiative.status_changes.select_related("actor"),
        "history": history(initiative)[:30],
        "can_write": can_write,
        "can_score": can_score,
        "attach_form": AttachmentForm(),
        "standards": standards_for_initiative(initiative),
    })


@guard("scoped")
def initiative_attach(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative(request.user, _get(initiative_id))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.initiative_attach(actor=request.user, initiative=initiative,
                                       upload=form.cleaned_data["file"])
            messages.success(request, "Đã thêm tệp đính kèm.")
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, "Hãy chọn tệp để tải lên.")
    return redirect("initiatives:detail", initiative_id=initiative.pk)


@guard("scoped")
def attachment_download(request: HttpRequest, initiative_id: int,
                        initiative_file_id: int) -> FileResponse:
    initiative = access_initiative(request.user, _get(initiative_id))
    attachment = get_object_or_404(Attachment, pk=initiative_file_id, initiative=initiative)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@guard(Capability.EDIT_SCOPE)
def initiative_send(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative(request.user, _get(initiative_id), write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.initiative_send_to_council(actor=request.user, initiative=initiative)
        messages.success(request, "Đã chuyển sáng kiến tới Hội đồng chấm điểm.")
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("initiatives:detail", initiative_id=initiative.pk)


@guard(Capability.VOTE)
def initiative_score(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative_scoring(request.user, _get(initiative_id))
    if council.is_recused(request.user, initiative):
        raise Denied("Bạn công tác tại đơn vị có sáng kiến nên được miễn chấm sáng kiến này.")
    name = request.user.get_full_name() or request.user.get_username()  # type: ignore[union-attr]
    mine = next((r for r in council.score_rows(initiative) if r.member == name), None)
    initial = ({"novelty": int(mine.novelty), "effectiveness": int(mine.effectiveness),
                "applicability": int(mine.applicability), "comment": mine.comment} if mine else None)
    form = ScoreForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_score(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(request, "Đã ghi điểm chấm của bạn.")
            return redirect("initiatives:detail", initiative_id=initiative.pk)
    return render(request, "initiatives/score.html", {
        "initiative": initiative, "form": form, "error": error,
        "open": initiative.status == Status.REVIEW,
    })


@guard(Capability.EDIT_SCOPE)
def initiative_decide(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative(request.user, _get(initiative_id), write=True)
    is_post = request.method == "POST"
    action = request.POST.get("action") if is_post else None
    recognise = RecogniseForm(request.POST if action == "recognise" else None,
                              initial={"decision_body": initiative.unit.name})
    reject = RejectForm(request.POST if action == "reject" else None)
    error = ""
    try:
        if action == "recognise" and recognise.is_valid():
            services.initiative_recognise(actor=request.user, initiative=initiative, **recognise.cleaned_data)
            messages.success(request, "Đã ghi quyết định công nhận sáng kiến.")
            return redirect("initiatives:detail", initiative_id=initiative.pk)
        if action == "reject" and reject.is_valid():
            services.initiative_reject(actor=request.user, initiative=initiative,
                                       reason=reject.cleaned_data["reason"])
            messages.success(request, "Đã ghi kết luận không công nhận.")
            return redirect("initiatives:detail", initiative_id=initiative.pk)
        if action == "applied":
            services.initiative_set_applied(actor=request.user, initiative=initiative,
                                            applied=request.POST.get("applied") == "1")
            messages.success(request, "Đã cập nhật tình trạng áp dụng.")
            return redirect("initiatives:detail", initiative_id=initiative.pk)
    except ValidationError as exc:
        error = _error_text(exc)
    return render(request, "initiatives/decide.html", {
        "initiative": initiative, "recognise": recognise, "reject": reject, "error": error,
        "summary": selectors.score_summary(initiative),
    })
