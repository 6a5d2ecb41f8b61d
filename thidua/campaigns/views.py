"""Campaign pages: list, plan (with its clauses and the original beside it), editor, copy,
launch and status, versions, cascade tracking and reminders, registration, timeline, documents."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thidua.accounts.access import Denied, access_unit, has_capability
from thidua.accounts.capabilities import Capability
from thidua.campaigns import calendar, documents, selectors, services
from thidua.campaigns.access import access_campaign, access_participant, campaigns_visible_to
from thidua.campaigns.editor import PlanEditor, blank_plan
from thidua.campaigns.forms import (
    AddUnitsForm,
    CopyForm,
    EventForm,
    ExceptionForm,
    LaunchForm,
    PeopleFormSet,
    RegistrationForm,
    ReportPlanForm,
)
from thidua.campaigns.models import (
    AwardFormType,
    Campaign,
    CampaignStatus,
    Participant,
    PlanIssueStatus,
    Registration,
)
from thidua.campaigns.render import plan_layout
from thidua.campaigns.seedplans import source_path
from thidua.core.audit import history
from thidua.core.guard import guard
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, Column, write_xlsx
from thidua.documents.pdf import ConversionError
from thidua.org.models import Person, Unit


def _campaign(campaign_id: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("issuer", "parent"), pk=campaign_id)


def _participant(participant_id: int) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("campaign", "campaign__issuer", "unit",
                                           "child_campaign"), pk=participant_id)


def _can_write(user: Any, campaign: Campaign) -> bool:
    try:
        access_campaign(user, campaign, write=True)
    except Denied:
        return False
    return has_capability(user, Capability.EDIT_SCOPE)


def _can_manage(user: Any, campaign: Campaign) -> bool:
    try:
        access_campaign(user, campaign, manage=True)
    except Denied:
        return False
    return has_capability(user, Capability.READ_SCOPE)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- list, plan, original ------------------------------------------------------------------------


@guard("authenticated")
def campaign_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    status = request.GET.get("trang_thai", "")
    qs = selectors.campaign_list(request.user, query=query,
                                 status=status if status in CampaignStatus.values else "")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "campaigns/list.html", {
        "page_obj": page, "query": query, "status": status,
        "statuses": CampaignStatus.choices, "can_create": has_capability(request.user, Capability.EDIT_SCOPE),
        "my_units": selectors.units_of_user(request.user),
    })


@guard("scoped")
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    plan = selectors.campaign_plan(campaign)
    opening, headings, closing = plan_layout(plan, names=selectors.plan_names())
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "plan": plan, "opening": opening, "headings": headings,
        "closing": closing, "can_write": _can_write(request.user, campaign),
        "can_manage": _can_manage(request.user, campaign),
        "can_copy": has_capability(request.user, Capability.EDIT_SCOPE),
        "children": campaigns_visible_to(request.user).filter(parent=campaign),
        "deadline": selectors.registration_deadline(campaign),
        "has_source": bool(campaign.source),
        "standards": campaign.standards.select_related("award_form").order_by("position"),
    })


@guard("scoped")
def campaign_source(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The plan and its original side by side, clause by clause."""
    campaign = access_campaign(request.user, _campaign(campaign_id))
    original = ""
    if campaign.source:
        path = source_path({"source": campaign.source})
        original = path.read_text(encoding="utf-8") if path.exists() else ""
    opening, headings, closing = plan_layout(selectors.campaign_plan(campaign),
                                             names=selectors.plan_names())
    return render(request, "campaigns/source.html", {
        "campaign": campaign, "original": original, "opening": opening, "headings": headings,
        "closing": closing})


# --- writing a plan -----------------------------------------------------------------------------


def _editor_page(request: HttpRequest, editor: PlanEditor,
                 campaign: Campaign | None) -> HttpResponse:
    return render(request, "campaigns/edit.html", {
        "editor": editor, "campaign": campaign,
        "award_form_codes": [r.get("code") for r in editor.base.get("award_forms") or []],
        "catalogue": AwardFormType.objects.order_by("position"),
    }, status=200 if request.method == "GET" else 400)


def _save(request: HttpRequest, editor: PlanEditor, campaign: Campaign | None) -> HttpResponse:
    if not editor.is_valid():
        return _editor_page(request, editor, campaign)
    plan = editor.plan()
    data = editor.header.cleaned_data
    try:
        saved = services.campaign_save(
            actor=request.user, plan=plan, campaign=campaign,
            reason=data.get("reason") or "", effective_on=data.get("effective_on"),
            edit_version=data.get("edit_version"))
    except services.PlanInvalid as invalid:
        editor.attach(invalid.problems)
        messages.error(request, "Kế hoạch chưa được lưu: hãy sửa các lỗi được đánh dấu.")
        return _editor_page(request, editor, campaign)
    if campaign is None:
        messages.success(request, "Đã lưu dự thảo kế hoạch.")
    elif editor.amending:
        messages.success(request, f"Đã lưu sửa đổi, bổ sung (phiên bản {saved.version}).")
    else:
        messages.success(request, "Đã lưu kế hoạch.")
    return redirect("campaigns:detail", campaign_id=saved.pk)


@guard(Capability.EDIT_SCOPE)
def campaign_create(request: HttpRequest) -> HttpResponse:
    editor = PlanEditor(user=request.user, base=blank_plan(),
                        data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        return _save(request, editor, None)
    return _editor_page(request, editor, None)


@guard(Capability.EDIT_SCOPE)
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id), write=True)
    if campaign.status == CampaignStatus.CLOSED:
        messages.warning(request, "Phong trào đã tổng kết, không sửa được kế hoạch.")
        return redirect("campaigns:detail", campaign_id=campaign.pk)
    editor = PlanEditor(user=request.user, base=selectors.campaign_plan(campaign, with_ids=True),
                        data=request.POST if request.method == "POST" else None,
                        campaign=campaign)
    if request.method == "POST":
        return _save(request, editor, campaign)
    return _editor_page(request, editor, campaign)


@guard(Capability.EDIT_SCOPE)
def campaign_copy(request: HttpRequest, campaign_id: int) -> HttpResponse:
    source = access_campaign(request.user, _campaign(campaign_id))
    form = CopyForm(request.POST or None, user=request.user, initial={
        "code": f"{source.code}-BAN-SAO", "title": source.title})
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.campaign_copy(actor=request.user, source=source,
                                          issuer=form.cleaned_data["issuer"],
                                          code=form.cleaned_data["code"],
                                          title=form.cleaned_data["title"] or None)
        except services.PlanInvalid as invalid:
            for problem in invalid.problems:
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message)
        else:
            messages.success(request, "Đã tạo bản sao (dự thảo). Hãy sửa cho phù hợp với đơn vị.")
            return redirect("campaigns:edit", campaign_id=copy.pk)
    return render(request, "campaigns/copy.html", {"form": form, "campaign": source})


@guard(Capability.EDIT_SCOPE)
def campaign_launch(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id), write=True)
    today = timezone.localdate()
    form = LaunchForm(request.POST or None, initial={
        "launched_on": campaign.issued_on or today,
        "cascade_due": (campaign.issued_on or today) + timedelta(days=30)})
    problems: list[str] = []
    units = services.cascade_units(campaign, campaign.issued_on or today) if campaign.is_draft \
        else []
    if request.method == "POST" and campaign.is_draft and form.is_valid():
        try:
            services.campaign_launch(actor=request.user, campaign=campaign,
                                     launched_on=form.cleaned_data["launched_on"],
                                     cascade_due=form.cleaned_data["cascade_due"])
        except services.PlanInvalid as invalid:
            for problem in invalid.problems:
                if problem.field in form.fields:
                    form.add_error(problem.field, problem.message)
                else:
                    problems.append(problem.message)
        else:
            messages.success(request, f"Đã phát động phong trào; {campaign.participants.count()} "
                                      "đơn vị được đề nghị ban hành kế hoạch.")
            return redirect("campaigns:tracking", campaign_id=campaign.pk)
    return render(request, "campaigns/launch.html", {
        "campaign": campaign, "form": form, "problems": problems, "units": units})


@guard(Capability.EDIT_SCOPE)
def campaign_status(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id), write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.campaign_transition(actor=request.user, campaign=campaign,
                                     status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Phong trào chuyển sang “{campaign.get_status_display()}”.")
    return redirect("campaigns:detail", campaign_id=campaign.pk)


# --- versions -----------------------------------------------------------------------------------


@guard("scoped")
def campaign_history(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    versions = list(campaign.versions.select_related("created_by").order_by("-number"))
    return render(request, "campaigns/history.html", {
        "campaign": campaign, "versions": versions, "history": history(campaign)[:50]})


@guard("scoped")
def campaign_version(request: HttpRequest, campaign_id: int, version_number: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    number = version_number
    version = campaign.versions.filter(number=number).first()
    if version is None:
        raise Http404("Không có phiên bản này.")
    previous = campaign.versions.filter(number__lt=number).order_by("-number").first()
    from thidua.campaigns.diff import plan_diff
    from thidua.campaigns.plan import from_json

    plan = from_json(version.plan)
    opening, headings, closing = plan_layout(plan, names=selectors.plan_names())
    return render(request, "campaigns/version.html", {
        "campaign": campaign, "version": version, "previous": previous,
        "changes": plan_diff(from_json(previous.plan), plan) if previous else [],
        "opening": opening, "headings": headings, "closing": closing})


# --- cascade ------------------------------------------------------------------------------------


@guard(Capability.READ_SCOPE)
def campaign_tracking(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id), manage=True)
    can_write = _can_write(request.user, campaign)
    add_form = AddUnitsForm(issuer=campaign.issuer)
    confirm_remind: list[Participant] = []
    if request.method == "POST":
        access_campaign(request.user, campaign, write=True)
        action = request.POST.get("action")
        if action == "remind":
            # Asked first ("Gửi nhắc nhở tới 56 đơn vị?"); sent only when the POST confirms
            # the same number of units the server finds now.
            ids = [int(x) for x in request.POST.getlist("participant") if x.isdigit()]
            targets = selectors.units_to_remind(campaign, ids or None)
            if not targets:
                messages.info(request, "Không có đơn vị nào cần nhắc: các đơn vị đã ban hành kế "
                                       "hoạch và đã đăng ký thi đua.")
                return redirect("campaigns:tracking", campaign_id=campaign.pk)
            if request.POST.get("confirm") != str(len(targets)):
                if "confirm" in request.POST:
                    messages.error(request, "Số đơn vị cần nhắc vừa thay đổi: hãy xác nhận lại.")
                confirm_remind = targets
            else:
                count = services.cascade_remind(actor=request.user, campaign=campaign,
                                                participants=targets)
                messages.success(request, f"Đã gửi nhắc nhở tới {count} đơn vị (trên hệ thống "
                                          "và qua thư điện tử).")
                return redirect("campaigns:tracking", campaign_id=campaign.pk)
        if action == "add":
            add_form = AddUnitsForm(request.POST, issuer=campaign.issuer)
            if add_form.is_valid():
                try:
                    added = services.participants_add(actor=request.user, campaign=campaign,
                                                      units=add_form.cleaned_data["units"])
                except ValidationError as error:
                    add_form.add_error("units", " ".join(error.messages))
                else:
                    messages.success(request, f"Đã thêm {added} đơn vị.")
                    return redirect("campaigns:tracking", campaign_id=campaign.pk)
    rows = selectors.cascade_tracking(campaign)
    summary = {
        "total": len(rows),
        "issued": sum(r.participant.plan_status == PlanIssueStatus.ISSUED for r in rows),
        "late": sum(r.late for r in rows),
        "registered": sum(r.registered for r in rows),
    }
    return render(request, "campaigns/tracking.html", {
        "campaign": campaign, "rows": rows, "summary": summary, "can_write": can_write,
        "add_form": add_form, "today": timezone.localdate(), "confirm_remind": confirm_remind})


@guard(Capability.READ_SCOPE)
def campaign_registrations(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id), manage=True)
    groups = selectors.registration_dashboard(campaign)
    if request.GET.get("xuat") == "xlsx":
        columns = [Column("ma_don_vi", "Mã đơn vị"), Column("don_vi", "Đơn vị"),
                   Column("khoi", "Khối"), Column("dang_ky", "Đã đăng ký"),
                   Column("ngay", "Thời điểm đăng ký"), Column("tap_the", "Nội dung tập thể"),
                   Column("ca_nhan", "Cá nhân đăng ký")]
        rows = [[p.unit.code, p.unit.name, group.name, "có" if reg else "chưa",
                 timezone.localtime(reg.submitted_at).strftime("%d/%m/%Y %H:%M") if reg else "",
                 reg.collective_target if reg else "",
                 "; ".join(rp.person.full_name for rp in reg.people.all()) if reg else ""]
                for group in groups for p, reg in group.unit_rows]
        return _download(write_xlsx(columns, rows, title="Đăng ký thi đua"),
                         f"dang-ky-{campaign.code}.xlsx", XLSX_CONTENT_TYPE)
    return render(request, "campaigns/registrations.html", {
        "campaign": campaign, "groups": groups,
        "deadline": selectors.registration_deadline(campaign),
        "total_units": sum(g.units for g in groups),
        "total_registered": sum(g.registered for g in groups),
        "total_people": sum(g.people for g in groups)})


# --- timeline and calendars ---------------------------------------------------------------------


@guard("scoped")
def campaign_timeline(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    can_write = _can_write(request.user, campaign)
    form = EventForm(request.POST or None)
    if request.method == "POST":
        access_campaign(request.user, campaign, write=True)
        if form.is_valid():
            services.milestone_event_record(actor=request.user, campaign=campaign,
                                            event=form.cleaned_data["event"],
                                            year=form.cleaned_data["year"],
                                            occurred_on=form.cleaned_data["occurred_on"],
                                            note=form.cleaned_data["note"])
            messages.success(request, "Đã ghi nhận sự kiện; các mốc thời gian liên quan đã có ngày.")
            return redirect("campaigns:timeline", campaign_id=campaign.pk)
    return render(request, "campaigns/timeline.html", {
        "campaign": campaign, "dues": selectors.campaign_due_dates(campaign),
        "events": campaign.events.order_by("event", "year"), "form": form,
        "can_write": can_write, "today": timezone.localdate()})


@guard("scoped")
def campaign_ics(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    return _download(calendar.campaign_calendar(campaign), f"{campaign.code}.ics",
                     "text/calendar; charset=utf-8")


@guard("scoped")
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """What the campaigns ask of one unit: plans to issue, registrations, every deadline."""
    unit = access_unit(request.user, get_object_or_404(Unit, pk=unit_id))
    return render(request, "campaigns/unit.html", {
        "unit": unit, "participants": selectors.participants_of_unit(unit),
        "timeline": selectors.unit_timeline(unit),
        "issued": Campaign.objects.filter(issuer=unit).order_by("-period_start"),
        "today": timezone.localdate()})


@guard("scoped")
def unit_ics(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, get_object_or_404(Unit, pk=unit_id))
    return _download(calendar.unit_calendar(unit), f"lich-{unit.code}.ics",
                     "text/calendar; charset=utf-8")


# --- documents ----------------------------------------------------------------------------------


@guard("scoped")
def campaign_document(request: HttpRequest, campaign_id: int, doc_format: str) -> HttpResponse:
    campaign = access_campaign(request.user, _campaign(campaign_id))
    if doc_format == "docx":
        return _download(documents.plan_docx(campaign), f"{campaign.code}.docx", DOCX)
    if doc_format == "pdf":
        try:
            return _download(documents.plan_pdf(campaign), f"{campaign.code}.pdf",
                             "application/pdf")
        except ConversionError as error:
            messages.error(request, error.message)
            return redirect("campaigns:detail", campaign_id=campaign.pk)
    raise Http404("Định dạng không hỗ trợ.")


# --- a unit's part: its own plan, registration, exceptions ---------------------------------------


@guard(Capability.READ_SCOPE)
def participant_plan_file(request: HttpRequest, participant_id: int) -> HttpResponseBase:
    """The plan file a unit sent, to those who may see its participation (uploads are never
    served from /media/)."""
    participant = access_participant(request.user, _participant(participant_id))
    if not participant.plan_file:
        messages.info(request, "Đơn vị chưa gửi tệp kế hoạch.")
        return redirect("campaigns:participant", participant_id=participant.pk)
    name = participant.plan_file.name.rsplit("/", 1)[-1]
    return FileResponse(participant.plan_file.open("rb"), as_attachment=True, filename=name)


@guard(Capability.READ_SCOPE)
def participant_page(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = access_participant(request.user, _participant(participant_id))
    campaign = participant.campaign
    can_report = True
    try:
        access_participant(request.user, participant, write=True)
    except Denied:
        can_report = False
    form = ReportPlanForm(request.POST or None, request.FILES or None, unit=participant.unit,
                          initial={"number": participant.plan_number,
                                   "issued_on": participant.plan_issued_on,
                                   "child_campaign": participant.child_campaign})
    if request.method == "POST":
        access_participant(request.user, participant, write=True)
        if form.is_valid():
            try:
                services.participant_report_plan(
                    actor=request.user, participant=participant,
                    number=form.cleaned_data["number"], issued_on=form.cleaned_data["issued_on"],
                    file=form.cleaned_data["file"],
                    child_campaign=form.cleaned_data["child_campaign"])
            except services.PlanInvalid as invalid:
                for problem in invalid.problems:
                    form.add_error(problem.field if problem.field in form.fields else None,
                                   problem.message)
            else:
                messages.success(request, "Đã ghi nhận kế hoạch của đơn vị.")
                return redirect("campaigns:participant", participant_id=participant.pk)
    registration = selectors.participant_registration(participant, None)
    by_year = {r.year: r for r in Registration.objects.filter(participant=participant,
                                                              year__isnull=False)}
    return render(request, "campaigns/participant.html", {
        "participant": participant, "campaign": campaign, "form": form,
        "can_report": can_report and has_capability(request.user, Capability.EDIT_SCOPE),
        "registration": registration,
        "yearly": [(year, by_year.get(year)) for year in selectors.registration_years(campaign)],
        "deadline": selectors.registration_deadline(campaign),
        "exceptions": participant.exceptions.select_related("granted_by"),
        "can_grant": _can_write(request.user, campaign),
        "late": (participant.plan_status == PlanIssueStatus.PENDING and campaign.cascade_due
                 and timezone.localdate() > campaign.cascade_due)})


def _people_choices(participant: Participant) -> Any:
    return (Person.objects.filter(unit__path__startswith=participant.unit.path)
            .select_related("unit").order_by("sort_key", "id"))


@guard(Capability.EDIT_SCOPE)
def participant_register(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = access_participant(request.user, _participant(participant_id), write=True)
    campaign = participant.campaign
    # ?nam=2024: the registration of one year, where the plan asks for yearly registration.
    raw_year = (request.POST if request.method == "POST" else request.GET).get("nam", "")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() else None
    if raw_year and year not in selectors.registration_years(campaign):
        raise Http404("Kế hoạch này không đăng ký thi đua riêng cho năm đã chọn.")
    registration = selectors.participant_registration(participant, year)
    people = _people_choices(participant)
    annex: dict[str, Any] = next((a for a in campaign.annexes
                                  if a.get("code") == "registration_form"), {})
    defaults = {f.get("label"): f.get("value") for s in annex.get("sections", [])
                for f in s.get("fields", [])}
    initial = {"collective_target": registration.collective_target if registration
               else defaults.get("Đăng ký thi đua:", ""),
               "individual_target": registration.individual_target if registration
               else defaults.get("Nội dung đăng ký:", "")}
    people_initial = [{"person": rp.person_id, "target": rp.target}
                      for rp in registration.people.all()] if registration else []
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, initial=initial)
    people_forms = PeopleFormSet(data, prefix="people", initial=people_initial,
                                 form_kwargs={"people": people})
    unit_errors: list[str] = []
    people_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and people_forms.is_valid():
        chosen = [(f.cleaned_data["person"], f.cleaned_data.get("target") or "")
                  for f in people_forms.forms
                  if f.cleaned_data.get("person") and not f.cleaned_data.get("DELETE")]
        try:
            # A form sent without the registration it edits is a new registration: if the unit
            # registered meanwhile (another officer, another tab), the service refuses it.
            if registration is None or not request.POST.get("registration"):
                services.registration_submit(
                    actor=request.user, participant=participant, year=year,
                    collective_target=form.cleaned_data["collective_target"],
                    individual_target=form.cleaned_data["individual_target"], people=chosen)
            else:
                services.registration_update(
                    actor=request.user, registration=registration,
                    collective_target=form.cleaned_data["collective_target"],
                    individual_target=form.cleaned_data["individual_target"], people=chosen)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                if field in form.fields:
                    for message in errors:
                        form.add_error(field, message)
                elif field == "people":
                    people_errors += errors
                else:
                    unit_errors += errors
        else:
            messages.success(request, "Đã ghi nhận đăng ký thi đua của đơn vị.")
            return redirect("campaigns:participant", participant_id=participant.pk)
    deadline = selectors.registration_deadline(campaign)
    return render(request, "campaigns/register.html", {
        "participant": participant, "campaign": campaign, "form": form,
        "people_forms": people_forms, "registration": registration, "deadline": deadline,
        "year": year,
        "unit_errors": unit_errors, "people_errors": people_errors, "today": timezone.localdate(),
        "exception": selectors.open_exception(participant, timezone.localdate())},
        status=400 if request.method == "POST" else 200)


@guard(Capability.READ_SCOPE)
def registration_document(request: HttpRequest, participant_id: int,
                          doc_format: str) -> HttpResponse:
    participant = access_participant(request.user, _participant(participant_id))
    registration = (selectors.participant_registration(participant, None)
                    or Registration.objects.filter(participant=participant).order_by("year").first())
    if registration is None:
        messages.warning(request, "Đơn vị chưa đăng ký thi đua.")
        return redirect("campaigns:participant", participant_id=participant.pk)
    name = f"dang-ky-{participant.unit.code}-{participant.campaign.code}"
    if doc_format == "docx":
        return _download(documents.registration_form_docx(registration), f"{name}.docx", DOCX)
    if doc_format == "pdf":
        try:
            return _download(documents.registration_form_pdf(registration), f"{name}.pdf",
                             "application/pdf")
        except ConversionError as error:
            messages.error(request, error.message)
            return redirect("campaigns:participant", participant_id=participant.pk)
    raise Http404("Định dạng không hỗ trợ.")


@guard(Capability.READ_SCOPE)
def participant_exception(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = access_participant(request.user, _participant(participant_id))
    can_grant = _can_write(request.user, participant.campaign)
    form = ExceptionForm(request.POST or None, initial={
        "valid_until": timezone.localdate() + timedelta(days=7)})
    if request.method == "POST":
        access_campaign(request.user, participant.campaign, write=True)
        if form.is_valid():
            try:
                services.registration_exception_grant(
                    actor=request.user, participant=participant,
                    valid_until=form.cleaned_data["valid_until"],
                    reason=form.cleaned_data["reason"])
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, "Đã cho phép đơn vị đăng ký muộn.")
                return redirect("campaigns:participant", participant_id=participant.pk)
    return render(request, "campaigns/exception.html", {
        "participant": participant, "campaign": participant.campaign, "form": form,
        "can_grant": can_grant,
        "exceptions": participant.exceptions.select_related("granted_by"),
        "deadline": selectors.registration_deadline(participant.campaign)})


# --- the award-form catalogue -------------------------------------------------------------------


@guard("authenticated")
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/catalogue.html", {
        "entries": AwardFormType.objects.prefetch_related("versions").order_by("position")})
