"""Scoring pages: criteria sets, a unit's self-assessment, the appraisal, publication, analysis."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from thidua.accounts.access import has_capability
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.evidence_registry import evidence_documents
from thidua.core.guard import guard
from thidua.core.spreadsheet import (
    XLSX_CONTENT_TYPE,
    Column,
    ImportRejected,
    template_xlsx,
    write_xlsx,
)
from thidua.core.uploads import check_upload
from thidua.scoring import selectors, services
from thidua.scoring.access import (
    access_appraisal,
    access_assessment,
    access_criteria_set,
    assessments_visible_to,
    can_appraise,
    can_edit_unit_side,
    can_manage,
    criteria_sets_visible_to,
)
from thidua.scoring.forms import (
    AppraisalBodyForm,
    CopyForm,
    CriteriaImportForm,
    ExtendForm,
    FileForm,
    OpenForm,
    PublishForm,
    SubCriterionForm,
)
from thidua.scoring.models import Assessment, CriteriaSet, Evidence, Score, Source

TEMPLATE_NOTE = (
    "Mỗi dòng là một tiêu chí thành phần. Các dòng cùng mã lĩnh vực phải cùng tên lĩnh vực; "
    "cùng mã tiêu chí phải cùng tên tiêu chí và lĩnh vực.\n"
    "Phải có tài liệu kiểm chứng: có/không. Nguồn điểm: tự chấm, thẩm định (chỉ đoàn thẩm định "
    "chấm) hoặc điều tra (SIPAS và các cuộc điều tra khác: điểm tối đa là trọng số).\n"
    "Một dòng sai thì cả tệp không được nhập; mọi lỗi được liệt kê theo dòng và cột.")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _errors(request: HttpRequest, error: ValidationError | ImportRejected) -> None:
    if isinstance(error, ImportRejected):
        items = [str(p) for p in error.problems[:50]]
    else:
        items = list(error.messages)
    for item in items:
        messages.error(request, item)


def _decimal(raw: str, code: str) -> Decimal | None:
    value = raw.strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValidationError(f"Tiêu chí {code}: “{raw}” không phải là số điểm.") from exc


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("phien_ban", ""))
    except ValueError as exc:
        raise ValidationError("Thiếu phiên bản dữ liệu; hãy tải lại trang.") from exc


# --- criteria sets ------------------------------------------------------------------------------


@guard("authenticated")
def index(request: HttpRequest) -> HttpResponse:
    sets = criteria_sets_visible_to(request.user).order_by("-year", "category__code", "-version")
    own = (assessments_visible_to(request.user).filter(
        criteria_set__status__in=[CriteriaSet.Status.OPEN, CriteriaSet.Status.PUBLISHED])
        .order_by("-criteria_set__year", "unit__sort_key"))[:50]
    return render(request, "scoring/index.html", {
        "sets": sets, "assessments": own,
        "can_import": has_capability(request.user, Capability.MANAGE_CAMPAIGN)})


@guard(Capability.MANAGE_CAMPAIGN)
def set_import(request: HttpRequest) -> HttpResponse:
    if request.GET.get("mau"):
        return _xlsx(template_xlsx(services.CRITERIA_COLUMNS, title="Bộ tiêu chí",
                                   note=TEMPLATE_NOTE), "mau-bo-tieu-chi-cchc.xlsx")
    form = CriteriaImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["tep"]
        try:
            check_upload(upload, [".xlsx"])
            outcome = services.criteria_set_import_outcome(
                actor=request.user, evaluator=form.cleaned_data["don_vi"],
                year=form.cleaned_data["nam"], category=form.cleaned_data["khoi"],
                name=form.cleaned_data["ten"], issued_on=form.cleaned_data["ngay_ban_hanh"],
                decision_number=form.cleaned_data["so_quyet_dinh"], data=upload.read(),
                filename=upload.name)
        except (ValidationError, ImportRejected) as error:
            _errors(request, error)
        else:
            messages.success(request, str(outcome))
            return redirect("scoring:set", set_id=outcome.criteria_set.pk)
    return render(request, "scoring/import.html", {"form": form})


def _set(request: HttpRequest, set_id: int, *, manage: bool = False) -> CriteriaSet:
    criteria_set = get_object_or_404(CriteriaSet.objects.select_related("evaluator", "category"),
                                     pk=set_id)
    return access_criteria_set(request.user, criteria_set, manage=manage)


@guard("scoped")
def set_detail(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = _set(request, set_id)
    if request.GET.get("xuat") == "tieu-chi":
        return _xlsx(write_xlsx(services.CRITERIA_COLUMNS, services.criteria_rows(criteria_set),
                                title="Bộ tiêu chí", note=TEMPLATE_NOTE),
                     f"bo-tieu-chi-{criteria_set.year}-{criteria_set.category.code}.xlsx")
    fields = criteria_set.fields.prefetch_related("criteria__sub_criteria").order_by("order")
    visible = assessments_visible_to(request.user).filter(criteria_set=criteria_set).order_by(
        "rank", "unit__sort_key")
    manage = can_manage(request.user, criteria_set)
    return render(request, "scoring/set.html", {
        "set": criteria_set, "fields": fields, "assessments": visible, "manage": manage,
        "appraiser": can_appraise(request.user, criteria_set),
        "blockers": services.publish_blockers(criteria_set)
        if manage and criteria_set.status == CriteriaSet.Status.OPEN else [],
        "copy_form": CopyForm(initial={"nam": criteria_set.year + 1}),
        "open_form": OpenForm(), "publish_form": PublishForm(), "file_form": FileForm(),
        "body_form": AppraisalBodyForm(criteria_set=criteria_set) if manage else None,
        "editing": manage and criteria_set.status == CriteriaSet.Status.DRAFT,
        "add_form": SubCriterionForm(criteria_set=criteria_set, adding=True),
        "sources": Source.choices,
        "bodies": criteria_set.appraisal_bodies.select_related("body").prefetch_related("fields"),
        "history": history(criteria_set)[:30],
        "maximum": sum((s.max_points for s in criteria_set.sub_criteria.all()), Decimal(0)),
    })


@guard(Capability.MANAGE_CAMPAIGN)
def set_action(request: HttpRequest, set_id: int, scoring_action: str) -> HttpResponse:
    """POST: sao-chep (copy), mo (open), dieu-tra (survey import), cong-bo (publish),
    doan-tham-dinh (appraisal body), and on a draft sua-tieu-chi / them-tieu-chi / bo-tieu-chi
    (amend, add, remove a sub-criterion)."""
    criteria_set = _set(request, set_id, manage=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = scoring_action
    try:
        if action == "sao-chep":
            form: Any = CopyForm(request.POST)
            if form.is_valid():
                copy = services.criteria_set_copy(
                    actor=request.user, source=criteria_set, year=form.cleaned_data["nam"],
                    issued_on=form.cleaned_data["ngay_ban_hanh"],
                    decision_number=form.cleaned_data["so_quyet_dinh"])
                messages.success(request, f"Đã sao chép thành {copy}; hãy sửa rồi mở chấm điểm.")
                return redirect("scoring:set", set_id=copy.pk)
        elif action == "mo":
            form = OpenForm(request.POST)
            if form.is_valid():
                count = services.criteria_set_open(actor=request.user, criteria_set=criteria_set,
                                                   self_deadline=form.cleaned_data["han_nop"])
                messages.success(request, f"Đã mở chấm điểm cho {count} đơn vị.")
        elif action == "dieu-tra":
            form = FileForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["tep"]
                check_upload(upload, [".xlsx"])
                done = services.survey_import(actor=request.user, criteria_set=criteria_set,
                                              data=upload.read(), filename=upload.name)
                messages.success(request, str(done))
        elif action == "cong-bo":
            form = PublishForm(request.POST)
            if form.is_valid():
                outcomes = services.criteria_set_publish(
                    actor=request.user, criteria_set=criteria_set,
                    published_on=form.cleaned_data["ngay"],
                    decision_number=form.cleaned_data["so_quyet_dinh"])
                messages.success(request, f"Đã công bố kết quả của {len(outcomes)} đơn vị; kết quả "
                                          "đã ghi vào Kết quả Chỉ số CCHC của năm.")
        elif action in ("sua-tieu-chi", "them-tieu-chi"):
            adding = action == "them-tieu-chi"
            form = SubCriterionForm(request.POST, criteria_set=criteria_set, adding=adding)
            if form.is_valid():
                data = form.cleaned_data
                values = {"name": data["noi_dung"], "max_points": data["diem_toi_da"],
                          "guidance": data["huong_dan"], "evidence_required": data["kiem_chung"],
                          "source": data["nguon"]}
                if adding:
                    sub = services.sub_criterion_add(actor=request.user,
                                                     criterion=data["tieu_chi"], code=data["ma"],
                                                     **values)
                    messages.success(request, f"Đã thêm tiêu chí thành phần {sub.code}.")
                else:
                    sub = services.sub_criterion_amend(actor=request.user,
                                                       sub=data["tieu_chi_tp"], **values)
                    messages.success(request, f"Đã sửa tiêu chí thành phần {sub.code}.")
        elif action == "bo-tieu-chi":
            sub = get_object_or_404(criteria_set.sub_criteria,
                                    pk=request.POST.get("tieu_chi_tp") or 0)
            services.sub_criterion_remove(actor=request.user, sub=sub)
            messages.success(request, f"Đã bỏ tiêu chí thành phần {sub.code}.")
            return redirect("scoring:set", set_id=criteria_set.pk)
        elif action == "doan-tham-dinh":
            form = AppraisalBodyForm(request.POST, criteria_set=criteria_set)
            if form.is_valid():
                saved = services.appraisal_body_save(
                    actor=request.user, criteria_set=criteria_set, body=form.cleaned_data["co_quan"],
                    fields=form.cleaned_data["linh_vuc"])
                messages.success(request, "Đã cập nhật đoàn thẩm định." if saved else
                                 "Đã bỏ cơ quan khỏi đoàn thẩm định.")
        else:
            return HttpResponse("Không có thao tác này.", status=404)
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for error in errors:  # the field is named: the forms sit side by side
                    messages.error(request, f"{label}: {error}" if label else error)
    except (ValidationError, ImportRejected) as error:
        _errors(request, error)
    return redirect("scoring:set", set_id=criteria_set.pk)


SURVEY_NOTE = ("Mỗi dòng một đơn vị và một tiêu chí thành phần lấy điểm từ điều tra; ghi kết quả "
               "theo %. Tệp có sẵn kết quả đã nhập: sửa ô cần sửa rồi nhập lại, ô không đổi không "
               "được ghi lại.")


@guard(Capability.MANAGE_CAMPAIGN)
def survey_template(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = _set(request, set_id, manage=True)
    rows = services.survey_rows(criteria_set)
    options = {"unit": sorted({r[0] for r in rows}), "code": sorted({r[1] for r in rows})}
    return _xlsx(template_xlsx(services.SURVEY_COLUMNS, rows=rows, options=options,
                               title="Kết quả điều tra", note=SURVEY_NOTE),
                 f"mau-ket-qua-dieu-tra-{criteria_set.year}.xlsx")


def _heat_row(name: str, url: str, cells: list[selectors.HeatCell | None]) -> SafeString:
    """One row of the heat map as HTML, built here: 1,500 cells through the template engine
    (a variable lookup, localisation and escaping per value) were most of the page's time.
    The shares and hues are ints we computed; the unit's name and link are escaped."""
    parts = [f'<tr><td><a href="{escape(url)}">{escape(name)}</a></td>']
    for cell in cells:
        if cell is None:
            parts.append("<td>—</td>")
        else:
            parts.append(f'<td style="background: hsl({cell.hue}, 70%, 80%)">'
                         f"{cell.share} %</td>")
    parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - ints and escaped text only


@guard("scoped")
def heatmap(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = _set(request, set_id)
    fields, points = selectors.field_points(criteria_set)
    visible = (assessments_visible_to(request.user).filter(criteria_set=criteria_set)
               .order_by("unit__sort_key").values_list("pk", "unit__name"))
    base = reverse("scoring:assessment", args=[0]).rsplit("0/", 1)[0]
    rows = []
    for pk, name in visible:
        by_field = points.get(pk, {})
        rows.append(_heat_row(name, f"{base}{pk}/", [by_field.get(f.pk) for f in fields]))
    return render(request, "scoring/heatmap.html", {
        "set": criteria_set, "fields": fields, "rows": rows,
        "years": selectors.field_years(criteria_set, (fields, points))})


@guard("scoped")
def export(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = _set(request, set_id)
    visible = assessments_visible_to(request.user).filter(criteria_set=criteria_set)
    headers, rows = selectors.export_table(criteria_set, visible)
    columns = [Column(f"c{i}", h, width=40 if i == 2 else 14) for i, h in enumerate(headers)]
    title = f"Kết quả Chỉ số CCHC năm {criteria_set.year} – {criteria_set.category.name}"
    return _xlsx(write_xlsx(columns, rows, title=f"Chỉ số CCHC {criteria_set.year}",
                            note=title), f"chi-so-cchc-{criteria_set.year}-"
                                         f"{criteria_set.category.code}.xlsx")


# --- assessments ----------------------------------------------------------------------------------


def _assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("unit", "criteria_set", "criteria_set__evaluator",
                                          "criteria_set__category"), pk=assessment_id)
    return access_assessment(request.user, assessment)


def _unit_post(request: HttpRequest, assessment: Assessment) -> None:
    action = request.POST.get("thao_tac", "")
    version = _version(request)
    if action in ("luu", "nop"):
        entries = {}
        for score in Score.objects.filter(assessment=assessment).select_related("sub_criterion"):
            key = f"d_{score.sub_criterion_id}"
            if key in request.POST:
                entries[score.sub_criterion_id] = services.SelfEntry(
                    _decimal(request.POST[key], score.sub_criterion.code),
                    request.POST.get(f"gt_{score.sub_criterion_id}", "").strip())
        assessment = services.assessment_save_self(actor=request.user, assessment=assessment,
                                                   version=version, entries=entries)
        if action == "nop":
            services.assessment_submit(actor=request.user, assessment=assessment,
                                       version=assessment.version)
            messages.success(request, "Đã nộp bản tự chấm.")
        else:
            messages.success(request, "Đã lưu điểm tự chấm.")
    elif action == "rut":
        services.assessment_withdraw(actor=request.user, assessment=assessment, version=version)
        messages.success(request, "Đã rút lại bản tự chấm; sửa xong hãy nộp lại trước hạn.")
    elif action == "giai_trinh":
        answers = {int(k[3:]): str(v) for k, v in request.POST.items()
                   if k.startswith("tl_") and k[3:].isdigit()}
        services.assessment_answer(actor=request.user, assessment=assessment, version=version,
                                   answers=answers)
        messages.success(request, "Đã gửi giải trình.")
    else:
        raise ValidationError("Thao tác không hợp lệ.")


@guard("scoped")
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    editable = can_edit_unit_side(request.user, assessment)
    if request.method == "POST":
        if not editable:
            access_assessment(request.user, assessment, write=True)
        try:
            _unit_post(request, assessment)
        except ValidationError as error:
            _errors(request, error)
        return redirect("scoring:assessment", assessment_id=assessment.pk)
    blocks = selectors.assessment_rows(assessment)
    return render(request, "scoring/assessment.html", {
        "a": assessment, "blocks": blocks, "editable": editable,
        "deadline": services.effective_deadline(assessment),
        "documents": evidence_documents(assessment.unit, assessment.criteria_set.year)
        if editable and assessment.status == Assessment.Status.DRAFT else [],
        "appraiser": can_appraise(request.user, assessment.criteria_set),
        "manage": can_manage(request.user, assessment.criteria_set),
        "extend_form": ExtendForm(), "history": history(assessment)[:30],
        "comparison": selectors.compare_with_group(assessment)
        if assessment.status == Assessment.Status.PUBLISHED else [],
    })


@guard(Capability.EDIT_SCOPE)
def evidence_add(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    access_assessment(request.user, assessment, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    score = get_object_or_404(Score, assessment=assessment,
                              sub_criterion_id=request.POST.get("tieu_chi") or 0)
    try:
        if request.POST.get("xoa"):
            item = get_object_or_404(Evidence, pk=request.POST["xoa"], score=score)
            services.evidence_remove(actor=request.user, evidence=item)
            messages.success(request, "Đã gỡ tài liệu kiểm chứng.")
        elif request.FILES.get("tep"):
            services.evidence_add_file(actor=request.user, score=score, upload=request.FILES["tep"])
            messages.success(request, "Đã thêm tài liệu kiểm chứng.")
        elif request.POST.get("tai_lieu"):
            source, _, reference = request.POST["tai_lieu"].partition(":")
            services.evidence_add_link(actor=request.user, score=score, source=source,
                                       reference=reference)
            messages.success(request, "Đã gắn tài liệu trong hệ thống.")
        else:
            messages.error(request, "Hãy chọn tệp hoặc tài liệu trong hệ thống.")
    except ValidationError as error:
        _errors(request, error)
    return redirect("scoring:assessment", assessment_id=assessment.pk)


@guard("scoped")
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    item = get_object_or_404(Evidence.objects.select_related("score__assessment"), pk=evidence_id)
    access_assessment(request.user, item.score.assessment)
    if not item.file:
        raise Http404("Tài liệu này không phải tệp tải lên.")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)


@guard("scoped")
def appraisal(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    # Everyone who reads the assessment sees the appraisal (the unit sees its adjustments and
    # reasons); only the appraisal team changes it, each member on its fields.
    appraiser = can_appraise(request.user, assessment.criteria_set)
    fields = access_appraisal(request.user, assessment) if appraiser else set()
    if request.method == "POST":
        access_appraisal(request.user, assessment)
        try:
            action = request.POST.get("thao_tac", "")
            version = _version(request)
            if action == "gia_han":
                form = ExtendForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Hãy ghi thời hạn gia hạn.")
                services.assessment_extend(actor=request.user, assessment=assessment,
                                           until=form.cleaned_data["den"])
                messages.success(request, "Đã gia hạn nộp.")
                return redirect("scoring:assessment", assessment_id=assessment.pk)
            entries = {}
            for score in Score.objects.filter(assessment=assessment).select_related(
                    "sub_criterion__criterion"):
                sid = score.sub_criterion_id
                if f"td_{sid}" not in request.POST:
                    continue
                entries[sid] = services.AppraisalEntry(
                    _decimal(request.POST[f"td_{sid}"], score.sub_criterion.code),
                    request.POST.get(f"ly_do_{sid}", ""), request.POST.get(f"nx_{sid}", ""),
                    bool(request.POST.get(f"yc_{sid}")), request.POST.get(f"nd_{sid}", ""))
            if entries:
                assessment = services.assessment_appraise(
                    actor=request.user, assessment=assessment, version=version, entries=entries)
                version = assessment.version
            if action == "yeu_cau":
                services.assessment_request_explanation(actor=request.user,
                                                        assessment=assessment, version=version)
                messages.success(request, "Đã gửi yêu cầu giải trình cho đơn vị.")
            elif action == "ket_thuc":
                services.assessment_finalise(actor=request.user, assessment=assessment,
                                             version=version)
                messages.success(request, "Đã kết thúc thẩm định.")
            else:
                messages.success(request, "Đã lưu kết quả thẩm định.")
        except ValidationError as error:
            _errors(request, error)
        return redirect("scoring:appraisal", assessment_id=assessment.pk)
    return render(request, "scoring/appraisal.html", {
        "a": assessment, "blocks": selectors.assessment_rows(assessment, fields),
        "all_fields": fields is None, "appraiser": appraiser,
        "open": appraiser and assessment.status in services.APPRAISABLE,
        "can_finalise": fields is None and assessment.status in (
            *services.APPRAISABLE, Assessment.Status.EXPLANATION),
        "manage": can_manage(request.user, assessment.criteria_set),
        "extend_form": ExtendForm(),
    })
