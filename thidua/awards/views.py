"""Awards pages: dossiers and nominations, the appraisal worklist, council sessions, decisions.

Views are thin: they check access on the object named by the URL, call one service or
selector, and show Vietnamese messages. POST-only views check access before answering 405.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_fsm import has_transition_perm

from thidua.accounts.access import (
    Denied,
    access_unit,
    filter_by_unit_scope,
    has_capability,
    holds_capability_over,
    is_admin,
)
from thidua.accounts.capabilities import Capability, roles_with
from thidua.accounts.models import RoleAssignment, User
from thidua.awards import documents as docs
from thidua.awards import jobs, selectors, services, voting
from thidua.awards.access import (
    access_award,
    access_decision,
    access_dossier,
    access_job,
    access_meeting,
    access_nomination,
    decisions_visible_to,
    meetings_visible_to,
)
from thidua.awards.authority import AUTHORITIES, FORMS, authorities_on
from thidua.awards.eligibility import eligible_candidates
from thidua.awards.forms import (
    CouncilMemberForm,
    DecisionForm,
    DossierCreateForm,
    ExceptionForm,
    ManualNominationForm,
    MeetingForm,
    NominationEditForm,
    UploadForm,
    VoteForm,
    WorklistFilterForm,
)
from thidua.awards.models import (
    Award,
    AwardDecision,
    Choice,
    Council,
    CouncilMeeting,
    DeadlineException,
    DocumentJob,
    Dossier,
    DossierFile,
    Kind,
    MeetingStatus,
    Nomination,
    Source,
    State,
    VoteMethod,
)
from thidua.awards.money import MULTIPLES
from thidua.awards.workflow import RULES
from thidua.campaigns.models import CampaignAwardForm
from thidua.core.audit import history
from thidua.core.guard import guard, is_htmx
from thidua.org.models import Person, Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(request: HttpRequest, exc: ValidationError | Denied) -> None:
    items = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
    for message in items:
        messages.error(request, message)


def _not_post(request: HttpRequest) -> HttpResponse | None:
    return HttpResponseNotAllowed(["POST"]) if request.method != "POST" else None


VERSION_MISSING = ("Thiếu số phiên bản của hồ sơ nên thao tác không được thực hiện. "
                   "Vui lòng tải lại trang rồi thao tác lại.")


def _version(request: HttpRequest) -> int:
    """The dossier version the page was read at; without it the edit is refused (a client that
    leaves it out must not skip the optimistic lock)."""
    raw = request.POST.get("version", "")
    if not raw.isdigit():
        raise ValidationError(VERSION_MISSING)
    return int(raw)


def _file(field: Any, filename: str, content_type: str | None = None) -> Any:
    if not field:
        raise Http404("Chưa có tệp.")
    return FileResponse(field.open("rb"), as_attachment=True, filename=filename,
                        content_type=content_type)


# --- dossiers --------------------------------------------------------------------------------


@guard("authenticated")
def index(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("trang_thai", "")
    dossiers = selectors.dossier_list(request.user, state=state,
                                      query=request.GET.get("q", "").strip())[:200]
    deadlines = selectors.days_left_map(dossiers)
    rows = [(d, deadlines.get(d.pk)) for d in dossiers]
    return render(request, "awards/index.html", {
        "rows": rows, "states": State.choices, "state": state, "today": selectors.today(),
        "can_create": has_capability(request.user, Capability.NOMINATE),
        "is_owner": has_capability(request.user, Capability.APPRAISE),
    })


@guard(Capability.NOMINATE)
def dossier_new(request: HttpRequest) -> HttpResponse:
    form = DossierCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.dossier_create(actor=request.user, campaign=data["campaign"],
                                              scope=data["scope"], year=data["year"],
                                              unit=data["unit"])
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã tạo hồ sơ. Hãy chọn tập thể, cá nhân đề nghị.")
            return redirect("awards:nominate", dossier_id=dossier.pk)
    return render(request, "awards/dossier_new.html", {"form": form})


def _dossier(request: HttpRequest, dossier_id: int, *, write: bool = False) -> Dossier:
    dossier = get_object_or_404(
        Dossier.objects.select_related("campaign", "unit", "unit__category", "receiver",
                                       "appraiser", "meeting", "decision", "exception"),
        pk=dossier_id)
    return access_dossier(request.user, dossier, write=write)


def available_actions(user: Any, dossier: Dossier) -> list[tuple[str, Any]]:
    """The transitions this user may apply now (state, role, level), as (name, rule)."""
    out = []
    for name, rule in RULES.items():
        if name in ("record_vote", "decide", "send_to_council"):
            continue  # done from the council session and the decision page
        method = getattr(dossier, name)
        if has_transition_perm(method, user):
            out.append((name, rule))
    return out


@guard("scoped")
def dossier_detail(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    can_edit = dossier.state in (State.DRAFT, State.RETURNED) and _can_write(request, dossier)
    nominations = list(dossier.nominations.select_related("unit", "person", "award_form")
                       .prefetch_related("vote_results"))
    deadline = selectors.dossier_deadline(campaign=dossier.campaign, scope=dossier.scope,
                                          year=dossier.year)
    status = selectors.component_status(dossier)
    problems = selectors.completeness_problems(dossier) if dossier.state in (
        State.DRAFT, State.RETURNED) else []
    open_meetings = []
    if dossier.state == State.APPRAISED and has_transition_perm(dossier.send_to_council,
                                                                request.user):
        open_meetings = list(CouncilMeeting.objects.filter(
            council__unit=dossier.receiver, status=MeetingStatus.OPEN))
    upload = UploadForm(dossier=dossier, components=[s.spec for s in status],
                        initial={"version": dossier.version})
    return render(request, "awards/dossier_detail.html", {
        "dossier": dossier, "nominations": nominations, "deadline": deadline,
        "days_left": deadline.days_left() if deadline else None,
        "status": status, "problems": problems, "can_edit": can_edit,
        "actions": available_actions(request.user, dossier), "open_meetings": open_meetings,
        "transitions": dossier.transitions.select_related("actor"),
        "files": dossier.files.select_related("nomination").order_by("component", "id"),
        "upload": upload, "history": history(dossier)[:30],
        "forwarded": dossier.forwarded_to.all(),
        "extension": selectors.open_exception(  # shown wherever the deadline is
            campaign=dossier.campaign, unit=dossier.unit, scope=dossier.scope,
            year=dossier.year, on=selectors.today()) if can_edit else None,
    })


def _can_write(request: HttpRequest, dossier: Dossier) -> bool:
    try:
        access_dossier(request.user, dossier, write=True)
    except Denied:
        return False
    return True


@guard("scoped")
def nominate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The eligibility list with a tick per candidate, and the form for a hand-picked one."""
    dossier = _dossier(request, dossier_id)
    manual = ManualNominationForm(request.POST or None, dossier=dossier)
    if request.method == "POST":
        try:
            access_dossier(request.user, dossier, write=True)
            added = _nominate_post(request, dossier, manual)
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
        else:
            if added:
                messages.success(request, f"Đã đề nghị {added} tập thể, cá nhân.")
                return redirect("awards:dossier", dossier_id=dossier.pk)
    candidates = eligible_candidates(dossier=dossier) if dossier.state in (
        State.DRAFT, State.RETURNED) else []
    taken = {(n.award_form_id, n.person_id or 0, n.unit_id if not n.person_id else 0)
             for n in dossier.nominations.all()}
    rows = [(c, (c.award_form.pk, c.person.pk if c.person else 0,
                 0 if c.person else c.unit.pk) in taken) for c in candidates]
    return render(request, "awards/nominate.html", {
        "dossier": dossier, "rows": rows, "manual": manual,
        "can_edit": dossier.state in (State.DRAFT, State.RETURNED) and _can_write(request,
                                                                                  dossier),
    })


def _nominate_post(request: HttpRequest, dossier: Dossier, manual: ManualNominationForm) -> int:
    version = _version(request)
    keys = request.POST.getlist("candidate")
    added = 0
    if keys:
        for key in keys:
            form_id, subject = key.split(":", 1)
            award_form = get_object_or_404(CampaignAwardForm, pk=int(form_id),
                                           campaign=dossier.campaign)
            if subject.startswith("p"):
                picked = get_object_or_404(Person, pk=int(subject[1:]))
                services.nomination_add(actor=request.user, dossier=dossier, kind=Kind.INDIVIDUAL,
                                        award_form=award_form, person=picked,
                                        source=Source.ELIGIBILITY, version=version)
            else:
                unit = get_object_or_404(Unit, pk=int(subject[1:]))
                services.nomination_add(actor=request.user, dossier=dossier, kind=Kind.COLLECTIVE,
                                        award_form=award_form, unit=unit,
                                        source=Source.ELIGIBILITY, version=version)
            dossier.refresh_from_db()
            version = dossier.version
            added += 1
        return added
    if not manual.is_valid():
        raise ValidationError("Hãy chọn đối tượng, hình thức và tập thể hoặc cá nhân được đề nghị.")
    data = manual.cleaned_data
    award_form = get_object_or_404(CampaignAwardForm, pk=int(data["award_form"]),
                                   campaign=dossier.campaign)
    person: Person | None = (get_object_or_404(Person, pk=int(data["person"]))
                             if data.get("person") else None)
    nomination = services.nomination_add(
        actor=request.user, dossier=dossier, kind=data["kind"], award_form=award_form,
        unit=data.get("unit"), person=person, source=Source.MANUAL, version=version,
        justification=data.get("justification", ""))
    if nomination.unmet:
        messages.warning(request, f"“{nomination.subject_name}” chưa đạt: "
                         + "; ".join(u["label"] for u in nomination.unmet)
                         + ". Cơ quan thẩm định sẽ thấy các tiêu chuẩn chưa đạt này.")
    return 1


@guard("scoped")
def nomination_edit(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = access_nomination(request.user, get_object_or_404(
        Nomination.objects.select_related("dossier", "dossier__unit", "dossier__receiver",
                                          "unit", "person", "award_form"), pk=nomination_id))
    dossier = nomination.dossier
    form = NominationEditForm(request.POST or None, initial={
        "version": dossier.version, "position_title": nomination.position_title,
        "summary": nomination.summary, "achievements": nomination.achievements,
        "justification": nomination.justification})
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                services.nomination_remove(actor=request.user, nomination=nomination,
                                           version=_version(request))
                messages.success(request, "Đã bỏ đề nghị.")
                return redirect("awards:dossier", dossier_id=dossier.pk)
            if form.is_valid():
                services.nomination_update(actor=request.user, nomination=nomination,
                                           **form.cleaned_data)
                messages.success(request, "Đã lưu.")
                return redirect("awards:dossier", dossier_id=dossier.pk)
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
    return render(request, "awards/nomination_edit.html", {
        "nomination": nomination, "dossier": dossier, "form": form,
        "can_edit": dossier.state in (State.DRAFT, State.RETURNED) and _can_write(request,
                                                                                  dossier),
        "results": nomination.vote_results.select_related("meeting"),
        "earlier": selectors.award_history(nomination.person if nomination.person_id
                                           and nomination.person else nomination.unit),
    })


@guard("scoped")
def dossier_generate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    if (refused := _not_post(request)) is not None:
        return refused
    try:
        made = services.dossier_generate(actor=request.user, dossier=dossier)
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã tạo {len(made)} văn bản từ dữ liệu.")
    return redirect("awards:dossier", dossier_id=dossier.pk)


@guard("scoped")
def dossier_upload(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    if (refused := _not_post(request)) is not None:
        return refused
    form = UploadForm(request.POST, request.FILES, dossier=dossier,
                      components=selectors.required_components(dossier))
    if not form.is_valid():
        messages.error(request, "Hãy chọn thành phần hồ sơ và tệp cần tải lên.")
        return redirect("awards:dossier", dossier_id=dossier.pk)
    nomination = None
    if form.cleaned_data.get("nomination"):
        nomination = get_object_or_404(Nomination, pk=int(form.cleaned_data["nomination"]),
                                       dossier=dossier)
    try:
        services.dossier_file_upload(actor=request.user, dossier=dossier,
                                     component=form.cleaned_data["component"],
                                     upload=form.cleaned_data["file"], nomination=nomination,
                                     version=form.cleaned_data["version"])
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã tải lên.")
    return redirect("awards:dossier", dossier_id=dossier.pk)


@guard("scoped")
def dossier_action(request: HttpRequest, dossier_id: int, transition: str) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    action = transition
    if action not in RULES:
        raise Http404("Thao tác không tồn tại.")
    if (refused := _not_post(request)) is not None:
        return refused
    meeting = None
    if action == "send_to_council":
        meeting = CouncilMeeting.objects.filter(pk=request.POST.get("meeting") or 0).first()
    try:
        services.dossier_transition(actor=request.user, dossier=dossier, name=action,
                                    reason=request.POST.get("reason", ""),
                                    version=_version(request), meeting=meeting)
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã thực hiện: {RULES[action].label}.")
    return redirect("awards:dossier", dossier_id=dossier.pk)


@guard("scoped")
def dossier_export(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier(request, dossier_id)
    if (refused := _not_post(request)) is not None:
        return refused
    job = jobs.job_create(actor=request.user, kind="dossier_export", unit=dossier.unit,
                          label=f"Xuất hồ sơ {dossier.unit.name} (Word và PDF)",
                          params={"dossier_ids": [dossier.pk]}, total=2)
    jobs.job_enqueue(job)
    return redirect("awards:job", job_id=job.pk)


@guard("scoped")
def file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    row = get_object_or_404(DossierFile.objects.select_related("dossier__unit",
                                                               "dossier__receiver"), pk=file_id)
    access_dossier(request.user, row.dossier)
    field = row.pdf if request.GET.get("pdf") and row.pdf else row.file
    name = field.name.rsplit("/", 1)[-1]
    return _file(field, name)


# --- appraisal worklist --------------------------------------------------------------------


@guard(Capability.APPRAISE)
def worklist(request: HttpRequest) -> HttpResponse:
    form = WorklistFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"state": data["state"], "category": data["category"], "query": data["q"],
                   "mine": data["mine"]}
    dossiers = list(selectors.appraisal_worklist(request.user, **filters)[:300])
    deadlines = selectors.days_left_map(dossiers)
    rows = []
    for d in dossiers:
        deadline = deadlines.get(d.pk)
        unmet = sum(1 for n in d.nominations.all() if n.unmet)
        rows.append((d, deadline, deadline.days_left() if deadline else None, unmet))
    context = {"form": form, "rows": rows, "bulk": [
        (name, RULES[name]) for name in ("receive", "start_appraisal", "appraise")]}
    if is_htmx(request):
        return render(request, "awards/_worklist_rows.html", context)
    return render(request, "awards/worklist.html", context)


@guard(Capability.APPRAISE)
def worklist_bulk(request: HttpRequest) -> HttpResponse:
    if (refused := _not_post(request)) is not None:
        return refused
    name = request.POST.get("action", "")
    if name not in ("receive", "start_appraisal", "appraise", "return_for_revision", "reject"):
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect("awards:worklist")
    ids = [int(x) for x in request.POST.getlist("dossier") if x.isdigit()]
    dossiers = list(Dossier.objects.filter(pk__in=ids).select_related("unit", "receiver",
                                                                        "campaign"))
    if not dossiers:
        messages.error(request, "Hãy chọn ít nhất một hồ sơ.")
        return redirect("awards:worklist")
    done, problems = services.dossiers_bulk(actor=request.user, dossiers=dossiers, name=name,
                                            reason=request.POST.get("reason", ""))
    if done:
        messages.success(request, f"{RULES[name].label}: {done} hồ sơ.")
    for p in problems:
        messages.error(request, p)
    return redirect("awards:worklist")


@guard(Capability.APPRAISE)
def exceptions(request: HttpRequest) -> HttpResponse:
    form = ExceptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_exception_grant(actor=request.user, **form.cleaned_data)
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Đã gia hạn nộp hồ sơ.")
            return redirect("awards:exceptions")
    rows = DeadlineException.objects.select_related("campaign", "unit", "granted_by")
    if not is_admin(request.user):

        rows = filter_by_unit_scope(rows, request.user, field="unit__path")
    return render(request, "awards/exceptions.html", {"form": form, "rows": rows[:200]})


# --- council -----------------------------------------------------------------------------


@guard(Capability.REVIEW)
def councils(request: HttpRequest) -> HttpResponse:
    owner_units = list(Unit.objects.filter(pk__in=[u.pk for u in _owner_levels(request.user)])) \
        if has_capability(request.user, Capability.RUN_COUNCIL) else []
    if request.method == "POST":
        try:
            _council_post(request)
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
        return redirect("awards:councils")
    councils_qs = Council.objects.filter(unit__in=owner_units).prefetch_related("members")
    return render(request, "awards/councils.html", {
        "meetings": meetings_visible_to(request.user)[:100], "councils": councils_qs,
        "owner_units": owner_units, "member_form": CouncilMemberForm(user=request.user),
        "meeting_form": MeetingForm(initial={"held_on": selectors.today(), "start": "08:00"}),
    })


def _owner_levels(user: Any) -> list[Unit]:
    if is_admin(user):
        return list(Unit.objects.filter(kind__in=["province", "district", "department"],
                                        active_to__isnull=True)[:50])
    office_roles = roles_with(Capability.RUN_COUNCIL)
    return [a.unit for a in RoleAssignment.objects.filter(user=user, role__in=office_roles,
                                                          unit__isnull=False)
            .select_related("unit") if a.unit is not None]


def _council_post(request: HttpRequest) -> None:
    what = request.POST.get("what")
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    access_unit(request.user, unit, write=True)
    council = services.council_ensure(actor=request.user, unit=unit)
    if what == "member":
        form = CouncilMemberForm(request.POST, user=request.user)
        if not form.is_valid():
            raise ValidationError("Hãy ghi họ tên và vai trò của thành viên.")
        data = form.cleaned_data
        user = User.objects.filter(username=data["username"]).first() if data["username"] else None
        services.council_member_add(actor=request.user, council=council, name=data["name"],
                                    position=data["position"], role=data["role"], user=user,
                                    home_unit=data["home_unit"])
        messages.success(request, "Đã thêm thành viên Hội đồng.")
    elif what == "meeting":
        meeting_form = MeetingForm(request.POST)
        if not meeting_form.is_valid():
            raise ValidationError("Hãy ghi đủ ngày, giờ, địa điểm, nội dung và thư ký.")
        meeting = services.meeting_create(actor=request.user, council=council,
                                          **meeting_form.cleaned_data)
        messages.success(request, f"Đã tạo phiên họp ngày {meeting.held_on:%d/%m/%Y}.")


def _meeting(request: HttpRequest, meeting_id: int) -> CouncilMeeting:
    meeting = get_object_or_404(CouncilMeeting.objects.select_related("council", "council__unit"),
                                pk=meeting_id)
    return access_meeting(request.user, meeting)


@guard(Capability.REVIEW)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    me = services.member_for(request.user, meeting)
    record = selectors.meeting_record(meeting)
    mine = {b.nomination_id: b.choice for b in meeting.ballots.filter(member=me)} if me else {}
    room = {r.nomination_id: r for r in meeting.room_tallies.all()}
    me_present = bool(me and any(s.member.pk == me.pk and s.present for s in record.seats))
    rows = []
    for n, t in record.rows():
        is_recused = bool(me and voting.recused(selectors.voting_member(me),
                                                 selectors.voting_candidate(n)))
        stored = room.get(n.pk)
        rows.append({"n": n, "t": t, "mine": mine.get(n.pk), "recused": is_recused,
                     "room": stored, "previous": services._room_key(stored)})
    can_run = holds_capability_over(request.user, meeting.council.unit.path, Capability.RUN_COUNCIL,
                                    Capability.VOTE)
    is_office = holds_capability_over(request.user, meeting.council.unit.path, Capability.RUN_COUNCIL)
    waiting = Dossier.objects.filter(receiver=meeting.council.unit, state=State.APPRAISED) \
        if is_office and meeting.status == MeetingStatus.OPEN else Dossier.objects.none()
    return render(request, "awards/meeting_detail.html", {
        "meeting": meeting, "me": me, "me_present": me_present, "record": record, "rows": rows,
        "choices": Choice.choices, "can_run": can_run, "is_office": is_office,
        "methods": VoteMethod.choices, "waiting": waiting.select_related("unit", "campaign"),
        "written_members": [s.member for s in record.written],
    })


def _count(request: HttpRequest, name: str) -> int:
    raw = (request.POST.get(name) or "0").strip()
    if not raw.isdigit():
        raise ValidationError(f"Số phiếu phải là số nguyên không âm (ô «{raw}»).")
    return int(raw)


@guard(Capability.REVIEW)
def meeting_room(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The secretary records the votes cast in the room on one candidate."""
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    nomination = get_object_or_404(Nomination, pk=request.POST.get("nomination") or 0,
                                   dossier__meeting=meeting)
    try:
        services.room_tally_set(actor=request.user, meeting=meeting, nomination=nomination,
                                approve=_count(request, "approve"),
                                reject=_count(request, "reject"),
                                abstain=_count(request, "abstain"),
                                previous=request.POST.get("previous", ""))
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ghi số phiếu tại phòng họp: {nomination.subject_name}.")
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_method(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    try:
        services.meeting_method_set(actor=request.user, meeting=meeting,
                                    method=request.POST.get("method", ""))
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã cập nhật hình thức biểu quyết.")
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_vote(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    form = VoteForm(request.POST)
    if form.is_valid():
        nomination = get_object_or_404(Nomination, pk=form.cleaned_data["nomination"])
        member = None
        if form.cleaned_data.get("member"):
            member = get_object_or_404(meeting.council.members, pk=form.cleaned_data["member"])
        try:
            services.ballot_cast(actor=request.user, meeting=meeting, nomination=nomination,
                                 choice=form.cleaned_data["choice"], member=member)
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Đã ghi nhận biểu quyết: {nomination.subject_name}.")
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    member = get_object_or_404(meeting.council.members, pk=request.POST.get("member") or 0)
    status = request.POST.get("status", "present")
    try:
        services.attendance_set(actor=request.user, meeting=meeting, member=member,
                                present=status == "present", written_vote=status == "written",
                                absence_reason=request.POST.get("reason", ""))
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_close(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    try:
        services.meeting_close(actor=request.user, meeting=meeting)
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã kết thúc biểu quyết và lập biên bản.")
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The office puts appraised dossiers before the council's open session."""
    meeting = _meeting(request, meeting_id)
    if (refused := _not_post(request)) is not None:
        return refused
    ids = [int(x) for x in request.POST.getlist("dossier") if x.isdigit()]
    moved = 0
    for dossier in Dossier.objects.filter(pk__in=ids).select_related("unit", "receiver",
                                                                       "campaign"):
        try:
            services.dossier_transition(actor=request.user, dossier=dossier,
                                        name="send_to_council", meeting=meeting)
            moved += 1
        except (ValidationError, Denied) as exc:
            _errors(request, exc)
    if moved:
        messages.success(request, f"Đã trình Hội đồng {moved} hồ sơ.")
    return redirect("awards:meeting", meeting_id=meeting.pk)


@guard(Capability.REVIEW)
def meeting_minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if request.GET.get("pdf") and meeting.status == MeetingStatus.CLOSED:
        if not meeting.minutes_pdf:
            job = jobs.job_create(actor=request.user, kind="minutes_pdf",
                                  unit=meeting.council.unit, label="Biên bản họp Hội đồng (PDF)",
                                  params={"meeting_id": meeting.pk}, total=1)
            jobs.job_enqueue(job)
            meeting.refresh_from_db()
            if not meeting.minutes_pdf:
                return redirect("awards:job", job_id=job.pk)
        return _file(meeting.minutes_pdf, f"bien-ban-hoi-dong-{meeting.pk}.pdf")
    if not meeting.minutes_file:
        if meeting.status != MeetingStatus.CLOSED:
            messages.info(request, "Biên bản được lập khi kết thúc biểu quyết.")
            return redirect("awards:meeting", meeting_id=meeting.pk)
        meeting.minutes_file.save("bien-ban-hop-hoi-dong.docx",
                                  ContentFile(docs.council_minutes_bytes(meeting)))
    return _file(meeting.minutes_file, f"bien-ban-hoi-dong-{meeting.pk}.docx", DOCX)


# --- decisions ---------------------------------------------------------------------------


@guard("authenticated")
def decisions(request: HttpRequest) -> HttpResponse:
    page = Paginator(decisions_visible_to(request.user).order_by("-signed_on", "-id"), 50).get_page(
        request.GET.get("page"))
    proposed = [d for d in Dossier.objects.filter(state=State.PROPOSED).select_related(
        "unit", "receiver", "campaign") if has_transition_perm(d.decide, request.user)]
    groups: dict[tuple[int, int, str, int], list[Dossier]] = {}
    for d in proposed:
        groups.setdefault((d.receiver_id, d.campaign_id, d.scope, d.year), []).append(d)
    form = DecisionForm(initial={"signed_on": selectors.today(),
                                 "signer_name": getattr(request.user, "get_full_name", str)()})
    return render(request, "awards/decisions.html", {
        "decisions": page.object_list, "page_obj": page, "groups": list(groups.values()), "form": form,
    })


@guard(Capability.SIGN)
def decision_issue(request: HttpRequest) -> HttpResponse:
    if (refused := _not_post(request)) is not None:
        return refused
    form = DecisionForm(request.POST)
    ids = [int(x) for x in request.POST.getlist("dossier") if x.isdigit()]
    dossiers = list(Dossier.objects.filter(pk__in=ids).select_related("unit", "receiver",
                                                                        "campaign"))
    for d in dossiers:
        access_dossier(request.user, d)
    if not form.is_valid() or not dossiers:
        messages.error(request, "Hãy chọn hồ sơ và ghi số, ngày ký, người ký của quyết định.")
        return redirect("awards:decisions")
    try:
        decision = services.decision_issue(actor=request.user, dossiers=dossiers,
                                           **form.cleaned_data)
    except (ValidationError, Denied) as exc:
        _errors(request, exc)
        return redirect("awards:decisions")
    job = jobs.job_create(actor=request.user, kind="decision_papers", unit=decision.issuer,
                          label=f"Quyết định số {decision.number_symbol}: bản PDF và bằng khen",
                          params={"decision_id": decision.pk})
    jobs.job_enqueue(job)
    messages.success(request, f"Đã ban hành Quyết định số {decision.number_symbol}. Bản PDF và "
                     "bằng khen đang được tạo.")
    return redirect("awards:decision", decision_id=decision.pk)


@guard("scoped")
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access_decision(request.user, get_object_or_404(
        AwardDecision.objects.select_related("issuer", "campaign"), pk=decision_id))
    awards = decision.awards.select_related("unit", "person").order_by("kind", "id")
    job = DocumentJob.objects.filter(kind="decision_papers",
                                     params__decision_id=decision.pk).first()
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "awards": awards, "job": job,
        "dossiers": decision.dossiers.select_related("unit"),
        "can_certify": has_capability(request.user, Capability.SIGN, Capability.APPRAISE),
    })


@guard("scoped")
def decision_download(request: HttpRequest, decision_id: int, doc_format: str) -> HttpResponse:
    decision = access_decision(request.user, get_object_or_404(AwardDecision, pk=decision_id))
    if doc_format == "pdf":
        return _file(decision.pdf, f"quyet-dinh-{decision.pk}.pdf", "application/pdf")
    if doc_format != "docx":
        raise Http404()
    if not decision.docx:
        decision.docx.save("quyet-dinh.docx", ContentFile(docs.decision_bytes(decision)))
    return _file(decision.docx, f"quyet-dinh-{decision.pk}.docx", DOCX)


@guard("scoped")
def certificate_download(request: HttpRequest, award_id: int) -> HttpResponse:
    award = access_award(request.user, get_object_or_404(
        Award.objects.select_related("unit", "person", "decision", "decision__issuer"),
        pk=award_id))
    if award.certificate:
        return _file(award.certificate, f"bang-khen-{award.pk}.pdf", "application/pdf")
    if award.decision is None:
        raise Http404("Khen thưởng nhập từ quyết định giấy: không in lại bằng khen.")
    data = docs.certificates_bytes([award])
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bang-khen-{award.pk}.docx"'
    return response


# --- jobs, authority, history, notifications ---------------------------------------------


@guard("scoped")
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, get_object_or_404(DocumentJob.objects.select_related("unit"),
                                                     pk=job_id))
    template = "awards/_job.html" if is_htmx(request) else "awards/job.html"
    return render(request, template, {"job": job})


@guard("scoped")
def job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, get_object_or_404(DocumentJob, pk=job_id))
    if not job.result:
        messages.info(request, "Kết quả chưa sẵn sàng.")
        return redirect("awards:job", job_id=job.pk)
    return _file(job.result, job.result.name.rsplit("/", 1)[-1])


@guard("authenticated")
def authority(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("ngay", "")
    try:
        on = date.fromisoformat(raw) if raw else selectors.today()
    except ValueError:
        on = selectors.today()
    rates = selectors.base_salaries()
    return render(request, "awards/authority.html", {
        "on": on, "rows": authorities_on(on), "all_rows": AUTHORITIES, "forms": FORMS,
        "rates": rates, "multiples": [m for m in MULTIPLES if m.applies(on)],
    })


@guard("scoped")
def unit_awards(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, get_object_or_404(Unit, pk=unit_id))
    people_awards = Award.objects.filter(kind=Kind.INDIVIDUAL, unit__path__startswith=unit.path
                                         ).select_related("person", "decision")[:300]
    return render(request, "awards/unit_awards.html", {
        "unit": unit, "awards": selectors.award_history(unit), "people_awards": people_awards,
    })


@guard("authenticated")
def notifications(request: HttpRequest) -> HttpResponse:
    """The old page of award notifications: every notice is now in the one inbox."""
    return redirect("notices:list")


def dossier_url(dossier: Dossier) -> str:
    return reverse("awards:dossier", kwargs={"dossier_id": dossier.pk})

