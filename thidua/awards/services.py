"""Writes of the awards part: nominations, dossier papers, the workflow, council votes, decisions.

Every function is keyword-only, atomic, checks access itself and raises
django.core.exceptions.ValidationError with a Vietnamese message when something is not allowed.
Edits carry the version they were read at (optimistic locking); a transition is applied once
(the state is part of the UPDATE, django-fsm's ConcurrentTransitionMixin).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed, has_transition_perm

from thidua.accounts.access import Actor, Denied, access_unit, account_of, holds_capability_over, is_admin
from thidua.accounts.capabilities import Capability
from thidua.accounts.models import User
from thidua.awards import documents as docs
from thidua.awards import selectors, voting
from thidua.awards.access import access_dossier, access_meeting
from thidua.awards.authority import within_authority
from thidua.awards.models import (
    Attendance,
    Award,
    AwardDecision,
    Ballot,
    Choice,
    Council,
    CouncilMeeting,
    CouncilMember,
    DeadlineException,
    Dossier,
    DossierFile,
    FileSource,
    Kind,
    MeetingStatus,
    Nomination,
    Outcome,
    RoomTally,
    Source,
    State,
    TransitionRecord,
    VoteMethod,
    VoteResult,
)
from thidua.awards.money import NoRate, reward_for
from thidua.awards.registry import upload_checks
from thidua.awards.workflow import RULES
from thidua.campaigns.access import access_campaign
from thidua.campaigns.models import AwardScope, Campaign, CampaignAwardForm, DossierComponent
from thidua.campaigns.selectors import award_form_version_on
from thidua.core.audit import Action, audit_bulk
from thidua.core.events import emit
from thidua.core.uploads import check_upload
from thidua.org.models import Person, Unit
from thidua.rules.award_forms import AwardFormError, award_form

STALE = ("Hồ sơ vừa được người khác cập nhật (hoặc thao tác đã được thực hiện). "
         "Vui lòng tải lại trang và kiểm tra trước khi thao tác tiếp.")


def _user(actor: Actor | None) -> User | None:
    return account_of(actor)


def _bump(dossier: Dossier, version: int | None) -> None:
    """Claim the dossier at `version` (None: the version in hand) and move it to the next one."""
    expected = dossier.version if version is None else version
    updated = Dossier.objects.filter(pk=dossier.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise ValidationError(STALE)
    dossier.version = expected + 1


def _editable(actor: Actor, dossier: Dossier) -> None:
    access_dossier(actor, dossier, write=True)
    if dossier.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError("Hồ sơ đã gửi đi: chỉ sửa được khi hồ sơ là dự thảo hoặc bị trả lại.")


# --- dossiers and nominations ----------------------------------------------------------------


@transaction.atomic
def dossier_create(*, actor: Actor, campaign: Campaign, scope: str, year: int, unit: Unit,
                   made_on: date | None = None) -> Dossier:
    """A draft dossier of `unit` for one round of the campaign (one per unit and round)."""
    access_campaign(actor, campaign)
    access_unit(actor, unit, write=True)
    made_on = made_on or selectors.today()
    if scope not in AwardScope.values:
        raise ValidationError("Đợt khen thưởng không hợp lệ.")
    if not campaign.period_start.year <= year <= campaign.period_end.year + 1:
        raise ValidationError(f"Năm {year} nằm ngoài thời gian thi đua của phong trào "
                              f"({campaign.period_start.year}–{campaign.period_end.year}).")
    receiver = selectors.receiver_for(unit, made_on)
    if receiver is None:
        raise ValidationError("Không xác định được cấp tiếp nhận hồ sơ của đơn vị này.")
    existing = Dossier.objects.filter(campaign=campaign, scope=scope, year=year, unit=unit,
                                      forwarded_from__isnull=True).exclude(state=State.REJECTED)
    if existing.exists():
        raise ValidationError("Đơn vị đã có hồ sơ cho đợt khen thưởng này; hãy bổ sung vào hồ sơ đó.")
    dossier = Dossier(campaign=campaign, scope=scope, year=year, unit=unit, receiver=receiver,
                      made_on=made_on, created_by=_user(actor))
    dossier.full_clean(exclude=["state"])  # protected FSM field: moved by transitions only
    dossier.save()
    return dossier


def _same_candidate(dossier: Dossier, kind: str, unit: Unit, person: Person | None,
                    award_form: CampaignAwardForm) -> bool:
    qs = Nomination.objects.filter(dossier__campaign=dossier.campaign, dossier__scope=dossier.scope,
                                   dossier__year=dossier.year, award_form=award_form, kind=kind,
                                   dossier__forwarded_from__isnull=True).exclude(
        dossier__state=State.REJECTED)
    qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit)
    return qs.exists()


@transaction.atomic
def nomination_add(*, actor: Actor, dossier: Dossier, kind: str, award_form: CampaignAwardForm,
                   unit: Unit | None = None, person: Person | None = None,
                   source: str = Source.MANUAL, version: int | None = None,
                   summary: str = "", justification: str = "") -> Nomination:
    """Nominate a collective (unit) or an individual (person) for an award form of the campaign.

    The standards are checked here (thidua/awards/eligibility.py): a candidate that does not meet
    them can still be nominated by hand, and the unmet standards stay on the nomination for the
    officer and the appraiser to see.
    """
    from thidua.awards.eligibility import check_candidate

    _editable(actor, dossier)
    if award_form.campaign_id != dossier.campaign_id:
        raise ValidationError("Hình thức khen thưởng không thuộc phong trào của hồ sơ.")
    if award_form.scope != dossier.scope:
        raise ValidationError(f"“{award_form.name}” là hình thức khen thưởng "
                              f"{award_form.get_scope_display().lower()}, không thuộc đợt này.")
    if kind == Kind.INDIVIDUAL:
        if person is None:
            raise ValidationError("Hãy chọn cá nhân được đề nghị.")
        if person.unit is None:
            raise ValidationError("Cá nhân này chưa thuộc đơn vị nào.")
        unit = person.unit
    elif unit is None:
        raise ValidationError("Hãy chọn tập thể được đề nghị.")
    else:
        person = None
    if award_form.subject not in (kind, "both"):
        raise ValidationError(f"“{award_form.name}” không dành cho "
                              f"{'cá nhân' if kind == Kind.INDIVIDUAL else 'tập thể'}.")
    if not unit.path.startswith(dossier.unit.path):
        raise ValidationError("Chỉ đề nghị tập thể, cá nhân thuộc đơn vị trình.")
    if _same_candidate(dossier, kind, unit, person, award_form):
        raise ValidationError("Tập thể, cá nhân này đã được đề nghị hình thức này trong đợt xét.")
    check = check_candidate(dossier=dossier, kind=kind, unit=unit, person=person,
                            award_form=award_form)
    from_list = source == Source.ELIGIBILITY
    if source == Source.ELIGIBILITY and check.unmet:
        source = Source.MANUAL  # the list changed since it was shown: treat as a hand entry
    _bump(dossier, version)
    nomination = Nomination(
        dossier=dossier, kind=kind, unit=unit, person=person, award_form=award_form,
        standard=check.standard, source=source, unmet=check.unmet_rows(),
        explanation=check.rows(), justification=justification.strip(),
        summary=summary.strip(),
        order=dossier.nominations.count() + 1,
    )
    if person is not None:
        nomination.position_title = docs.subject_position(nomination)
    if from_list and not nomination.summary:
        # Picked from the list: start the "Tóm tắt thành tích" from the nominee's record (the
        # officer edits it on the nomination's page); the facts are keyed by the unsaved pk.
        nomination.summary = docs.facts_summary(nomination, docs.ReportFacts.load([nomination]))
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def nomination_update(*, actor: Actor, nomination: Nomination, version: int, summary: str,
                      achievements: str, justification: str, position_title: str) -> Nomination:
    dossier = nomination.dossier
    _editable(actor, dossier)
    _bump(dossier, version)
    nomination.summary = summary.strip()
    nomination.achievements = achievements.strip()
    nomination.justification = justification.strip()
    nomination.position_title = position_title.strip()
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def nomination_remove(*, actor: Actor, nomination: Nomination, version: int) -> None:
    dossier = nomination.dossier
    _editable(actor, dossier)
    _bump(dossier, version)
    nomination.delete()


ALLOWED_UPLOADS = {".pdf", ".docx", ".doc", ".jpg", ".jpeg", ".png"}
MAX_UPLOAD = 20 * 1024 * 1024


@transaction.atomic
def dossier_file_upload(*, actor: Actor, dossier: Dossier, component: str, upload: UploadedFile,
                        nomination: Nomination | None = None, version: int | None = None
                        ) -> DossierFile:
    """Attach a signed scan or a file the system cannot write (a classification decision …)."""
    _editable(actor, dossier)
    name = upload.name or "tep"
    if upload.size and upload.size > MAX_UPLOAD:
        raise ValidationError("Tệp lớn hơn 20 MB.")
    kind = check_upload(upload, ALLOWED_UPLOADS)
    specs = {s.code: s for s in selectors.required_components(dossier)}
    label = specs[component].label if component in specs else "Tài liệu khác"
    if nomination is not None and nomination.dossier_id != dossier.pk:
        raise ValidationError("Đề nghị không thuộc hồ sơ này.")
    _bump(dossier, version)
    if nomination is not None:
        label = f"{label} – {nomination.subject_name}"
    row = DossierFile(dossier=dossier, component=component or "other", label=label,
                      nomination=nomination, source=FileSource.UPLOADED, created_by=_user(actor))
    row.file.save(name, upload, save=False)
    if kind == "pdf":
        row.pdf = row.file.name
    row.full_clean()
    row.save()
    checks = upload_checks()  # e.g. thidua.signing verifies every PDF's signatures
    if checks:
        upload.seek(0)
        data = upload.read()
        for check in checks:
            check(f"awards.file:{row.pk}", kind, data)
    return row


@transaction.atomic
def dossier_generate(*, actor: Actor, dossier: Dossier, check: bool = True) -> list[DossierFile]:
    """Write the papers the system can write from the data: the proposal letter, each nominee's
    achievement report in the form of the dossier's date, and the list of nominees when the
    campaign asks for one."""
    if check:
        _editable(actor, dossier)
    return papers_generate(actor=actor, dossiers=[dossier])


def _specs_by_campaign(dossiers: Sequence[Dossier]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {d.campaign_id: set() for d in dossiers}
    for campaign_id, code in DossierComponent.objects.filter(
            campaign_id__in=list(out)).values_list("campaign_id", "code"):
        out[campaign_id].add(code)
    return out


@transaction.atomic
def papers_generate(*, actor: Actor | None, dossiers: Sequence[Dossier]) -> list[DossierFile]:
    """The generated papers of many dossiers, with their data fetched in a few queries (the
    background job writes a thousand dossiers this way). Earlier generated papers are replaced."""
    from django.core.files.storage import default_storage

    from thidua.awards.models import dossier_upload_to

    if not dossiers:
        return []
    ids = [d.pk for d in dossiers]
    nominations: dict[int, list[Nomination]] = {d.pk: [] for d in dossiers}
    by_id = {d.pk: d for d in dossiers}
    for n in Nomination.objects.filter(dossier_id__in=ids).select_related(
            "unit__category", "unit__parent", "person", "award_form").order_by("kind", "order",
                                                                               "id"):
        n.dossier = by_id[n.dossier_id]
        nominations[n.dossier_id].append(n)
    old = list(DossierFile.objects.filter(dossier_id__in=ids, source=FileSource.GENERATED,
                                          component__in=["proposal_letter", "nominee_list",
                                                         "achievement_report"]))
    for item in old:
        default_storage.delete(item.file.name)
    DossierFile.objects.filter(pk__in=[o.pk for o in old]).delete()
    facts = docs.ReportFacts.load([n for items in nominations.values() for n in items])
    specs = _specs_by_campaign(dossiers)
    forms: dict[tuple[int, str], tuple[str, str]] = {}
    user = _user(actor)
    rows: list[DossierFile] = []

    def store(d: Dossier, component: str, label: str, content: bytes, name: str,
              nomination: Nomination | None = None, form: tuple[str, str] = ("", "")) -> None:
        row = DossierFile(dossier=d, component=component, label=label, nomination=nomination,
                          source=FileSource.GENERATED, created_by=user, form_key=form[0],
                          form_name=form[1])
        row.file.name = default_storage.save(dossier_upload_to(row, name), ContentFile(content))
        rows.append(row)

    for d in dossiers:
        mine = nominations[d.pk]
        wanted = specs[d.campaign_id]
        store(d, "proposal_letter", "Tờ trình đề nghị khen thưởng",
              docs.proposal_letter_docx(d, mine), "to-trinh.docx")
        if "nominee_list" in wanted:
            store(d, "nominee_list", "Danh sách đề nghị khen thưởng",
                  docs.nominee_list_bytes(d, mine), "danh-sach.docx")
        for n in mine:
            key = (d.pk, n.kind)
            if key not in forms:
                forms[key] = docs.report_form_for(d, n.kind)
            store(d, "achievement_report", f"Báo cáo thành tích – {n.subject_name}",
                  docs.achievement_report_bytes(n, facts), f"bao-cao-thanh-tich-{n.pk}.docx",
                  nomination=n, form=forms[key])
    DossierFile.objects.bulk_create(rows, batch_size=500)
    audit_bulk(rows, Action.CREATE, actor=user, note="Tạo văn bản hồ sơ từ dữ liệu")
    return rows


# --- the workflow ---------------------------------------------------------------------------


def _apply(actor: Actor, dossier: Dossier, name: str, reason: str = "") -> str:
    """Apply the FSM transition `name` (role, level and state checked) and record it."""
    method = getattr(dossier, name)
    source = dossier.state
    if not has_transition_perm(method, actor):
        rule = RULES[name]
        if not holds_capability_over(actor, (dossier.unit if rule.level == "unit"
                                             else dossier.receiver).path, *rule.capabilities):
            raise Denied(f"Thao tác “{rule.label}” dành cho: {rule.role_label}.")
        if rule.appraiser_only and dossier.appraiser_id not in (None, actor.pk):
            raise ValidationError("Hồ sơ đang do người khác thẩm định.")
        raise ValidationError(f"Không thể “{rule.label}” khi hồ sơ ở trạng thái "
                              f"“{dossier.get_state_display()}”.")
    try:
        method()
    except TransitionNotAllowed as exc:
        raise ValidationError(STALE) from exc
    TransitionRecord.objects.create(dossier=dossier, name=name, source=source,
                                    target=dossier.state, actor=_user(actor), reason=reason)
    return source


def _save(dossier: Dossier, *fields: str) -> None:
    try:
        dossier.save()
    except ConcurrentTransition as exc:
        raise ValidationError(STALE) from exc


def _check_deadline(dossier: Dossier, on: date) -> DeadlineException | None:
    deadline = selectors.dossier_deadline(campaign=dossier.campaign, scope=dossier.scope,
                                          year=dossier.year)
    if deadline is None or deadline.due is None or on <= deadline.due:
        return None
    if dossier.state == State.RETURNED and dossier.submitted_at is not None \
            and timezone.localdate(dossier.submitted_at) <= deadline.due:
        return None  # a dossier sent in time and returned for revision may come back
    exception = selectors.open_exception(campaign=dossier.campaign, unit=dossier.unit,
                                         scope=dossier.scope, year=dossier.year, on=on)
    if exception is None:
        raise ValidationError(
            f"Đã quá hạn nộp hồ sơ ({deadline.due:%d/%m/%Y}, {deadline.label}). Hồ sơ chỉ được "
            "gửi khi cơ quan chủ trì gia hạn cho đơn vị.")
    return exception


@transaction.atomic
def dossier_transition(*, actor: Actor, dossier: Dossier, name: str, reason: str = "",
                       version: int | None = None, meeting: CouncilMeeting | None = None
                       ) -> Dossier:
    """Move a dossier one step. Each step checks its own conditions:

    submit — complete papers, within the deadline (or an open exception);
    start_appraisal — takes the dossier for the actor (nobody else may appraise it);
    return_for_revision, reject — a reason; send_to_council — an open meeting of the receiving
    level's council; propose — every passed nomination is within the level's authority
    (otherwise forward); forward — creates the upper level's dossier.
    """
    if name not in RULES:
        raise ValidationError("Thao tác không hợp lệ.")
    access_dossier(actor, dossier)
    rule = RULES[name]
    if rule.needs_reason and not reason.strip():
        raise ValidationError("Hãy ghi rõ lý do.")
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if version is not None and locked.version != version:
        raise ValidationError(STALE)
    dossier = locked
    today = selectors.today()
    if name == "submit":
        problems = selectors.completeness_problems(dossier)
        if problems:
            raise ValidationError(problems)
        exception = _check_deadline(dossier, today)
        if exception is not None:
            dossier.exception = exception
    if name == "send_to_council":
        if meeting is None or meeting.status != MeetingStatus.OPEN:
            raise ValidationError("Hãy chọn phiên họp Hội đồng đang mở.")
        if meeting.council.unit_id != dossier.receiver_id:
            raise ValidationError("Phiên họp không thuộc Hội đồng của cấp tiếp nhận hồ sơ.")
    if name == "propose":
        passed = list(dossier.nominations.filter(outcome=Outcome.PASSED)
                      .select_related("award_form"))
        if not passed:
            raise ValidationError("Không có đề nghị nào được Hội đồng thông qua.")
        outside = [n for n in passed if not within_authority(
            n.award_form.catalogue_id, dossier.receiver.kind, today)]
        if outside:
            raise ValidationError(
                f"“{outside[0].award_form.name}” vượt thẩm quyền của "
                f"{docs.body_name(dossier.receiver)}: hãy trình cấp trên.")
    if name == "forward" and not dossier.nominations.filter(outcome=Outcome.PASSED).exists():
        raise ValidationError("Không có đề nghị nào được Hội đồng thông qua để trình cấp trên.")
    _apply(actor, dossier, name, reason.strip())
    if name == "submit":
        dossier.submitted_at = timezone.now()
        dossier.return_reasons = ""
    elif name == "start_appraisal":
        dossier.appraiser = _user(actor)
    elif name == "return_for_revision":
        dossier.return_reasons = reason.strip()
        dossier.appraiser = None
    elif name == "appraise":
        dossier.appraisal_note = reason.strip()
    elif name == "send_to_council":
        dossier.meeting = meeting
    elif name == "reject":
        dossier.rejection_reason = reason.strip()
        dossier.nominations.update(outcome=Outcome.NOT_AWARDED)
    dossier.version += 1
    _save(dossier)
    if name == "forward":
        _forward(actor, dossier)
    # Whoever the step hands work to is told (thidua.notices; docs/notices.md); a forward was
    # told by _forward, with the upper level's new dossier.
    if name == "send_to_council":  # the council's members now have candidates to vote on
        emit("dossier_sent_to_council", dossier=dossier, meeting=meeting)
    elif name in EVENTS:
        emit(EVENTS[name], dossier=dossier, reason=reason.strip())
    return dossier


# The transitions that hand work to someone or tell the nominating unit of its progress, and the
# event each emits (start_appraisal hands nothing over: the office takes it for itself).
EVENTS = {
    "submit": "dossier_submitted",
    "receive": "dossier_received",
    "return_for_revision": "dossier_returned",
    "appraise": "dossier_appraised",
    "record_vote": "dossier_voted",
    "propose": "dossier_proposed",
    "reject": "dossier_rejected",
}


def _forward(actor: Actor, dossier: Dossier) -> Dossier:
    """The receiving level proposes the passed nominations to the level above (a new dossier,
    already submitted, with the council's minutes attached)."""
    today = selectors.today()
    upper = selectors.receiver_for(dossier.receiver, today)
    if upper is None:
        raise ValidationError("Không có cấp trên để trình hồ sơ.")
    new = Dossier(campaign=dossier.campaign, scope=dossier.scope, year=dossier.year,
                  unit=dossier.receiver, receiver=upper, made_on=today,
                  created_by=_user(actor), forwarded_from=dossier, state=State.SUBMITTED,
                  submitted_at=timezone.now())
    new.save()
    for n in dossier.nominations.filter(outcome=Outcome.PASSED).order_by("order", "id"):
        Nomination.objects.create(
            dossier=new, kind=n.kind, unit=n.unit, person=n.person, award_form=n.award_form,
            standard=n.standard, source=n.source, unmet=n.unmet, explanation=n.explanation,
            justification=n.justification, position_title=n.position_title, summary=n.summary,
            achievements=n.achievements, order=n.order)
    if dossier.meeting and dossier.meeting.minutes_file:
        row = DossierFile(dossier=new, component="council_minutes",
                          label="Biên bản họp Hội đồng Thi đua - Khen thưởng cấp dưới",
                          source=FileSource.GENERATED, created_by=_user(actor))
        row.file.save("bien-ban.docx", ContentFile(dossier.meeting.minutes_file.read()),
                      save=False)
        row.save()
    dossier_generate(actor=actor, dossier=new, check=False)
    TransitionRecord.objects.create(dossier=new, name="forward", source=State.DRAFT,
                                    target=State.SUBMITTED, actor=_user(actor),
                                    reason=f"Trình từ hồ sơ của {dossier.unit.name}")
    emit("dossier_forwarded", dossier=dossier, upper=new)
    return new


@transaction.atomic
def dossiers_bulk(*, actor: Actor, dossiers: Sequence[Dossier], name: str, reason: str = ""
                  ) -> tuple[int, list[str]]:
    """Apply one transition to many dossiers; returns how many moved and what went wrong."""
    done, problems = 0, []
    for dossier in dossiers:
        try:
            with transaction.atomic():
                dossier_transition(actor=actor, dossier=dossier, name=name, reason=reason)
            done += 1
        except (ValidationError, Denied) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{dossier.unit.name}: {message}")
    return done, problems


@transaction.atomic
def deadline_exception_grant(*, actor: Actor, campaign: Campaign, unit: Unit, scope: str, year: int,
                             valid_until: date, reason: str) -> DeadlineException:
    """The owner (at the unit's receiving level or above) lets the unit submit late."""
    receiver = selectors.receiver_for(unit, selectors.today()) or unit
    if not holds_capability_over(actor, receiver.path, Capability.MANAGE_CAMPAIGN):
        raise Denied("Chỉ cơ quan chủ trì cấp tiếp nhận hồ sơ được gia hạn.")
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do gia hạn.")
    if valid_until < selectors.today():
        raise ValidationError("Ngày gia hạn đã qua.")
    row = DeadlineException(campaign=campaign, unit=unit, scope=scope, year=year,
                            valid_until=valid_until, reason=reason.strip(),
                            granted_by=_user(actor))
    row.full_clean()
    row.save()
    emit("dossier_deadline_extended", campaign=campaign, unit=unit, scope=scope, year=year,
         valid_until=valid_until, reason=reason.strip())
    return row


# --- the council ---------------------------------------------------------------------------


@transaction.atomic
def council_ensure(*, actor: Actor, unit: Unit, name: str = "") -> Council:
    if not holds_capability_over(actor, unit.path, Capability.RUN_COUNCIL):
        raise Denied("Chỉ cơ quan thường trực (Nội vụ) quản lý Hội đồng.")
    council, _ = Council.objects.get_or_create(
        unit=unit, defaults={"name": name or "Hội đồng Thi đua - Khen thưởng "
                                     f"{docs.in_running_text(unit.name)}"})
    return council


@transaction.atomic
def council_member_add(*, actor: Actor, council: Council, name: str, position: str = "",
                       role: str = "member", user: User | None = None,
                       home_unit: Unit | None = None, person: Person | None = None
                       ) -> CouncilMember:
    if not holds_capability_over(actor, council.unit.path, Capability.RUN_COUNCIL):
        raise Denied("Chỉ cơ quan thường trực (Nội vụ) quản lý Hội đồng.")
    member = CouncilMember(council=council, name=name.strip(), position=position.strip(),
                           role=role, user=user, home_unit=home_unit, person=person,
                           order=council.members.count() + 1)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def meeting_create(*, actor: Actor, council: Council, held_on: date, start: time, venue: str,
                   purpose: str, secretary: str, minutes_number: str = "",
                   threshold_percent: int | None = None,
                   vote_method: str = "online") -> CouncilMeeting:
    if not holds_capability_over(actor, council.unit.path, Capability.RUN_COUNCIL):
        raise Denied("Chỉ cơ quan thường trực (Nội vụ) triệu tập phiên họp.")
    if not council.members.filter(active=True).exists():
        raise ValidationError("Hội đồng chưa có thành viên.")
    meeting = CouncilMeeting(council=council, held_on=held_on, start=start, venue=venue.strip(),
                             purpose=purpose.strip(), secretary=secretary.strip(),
                             minutes_number=minutes_number.strip(),
                             threshold_percent=threshold_percent, vote_method=vote_method,
                             created_by=_user(actor))
    meeting.full_clean()
    meeting.save()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m, present=True)
                                    for m in council.members.filter(active=True)])
    return meeting


def _chairing(actor: Actor, meeting: CouncilMeeting) -> None:
    """The office (owner) or a council member of the level runs the session."""
    access_meeting(actor, meeting)
    if not holds_capability_over(actor, meeting.council.unit.path, Capability.RUN_COUNCIL,
                                 Capability.VOTE):
        raise Denied("Chỉ thành viên Hội đồng hoặc cơ quan thường trực điều hành phiên họp.")
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError("Phiên họp đã kết thúc.")


@transaction.atomic
def attendance_set(*, actor: Actor, meeting: CouncilMeeting, member: CouncilMember, present: bool,
                   written_vote: bool = False, absence_reason: str = "") -> Attendance:
    _chairing(actor, meeting)
    row, _ = Attendance.objects.get_or_create(meeting=meeting, member=member)
    row.present = present
    row.written_vote = (not present) and written_vote
    row.absence_reason = "" if present else absence_reason.strip()
    row.save()
    if not present and not row.written_vote:
        Ballot.objects.filter(meeting=meeting, member=member).delete()
    return row


def member_for(user: Any, meeting: CouncilMeeting) -> CouncilMember | None:
    return meeting.council.members.filter(user=user, active=True).first() if user else None


# Reads kept here under their old names for callers of this module.
meeting_candidates = selectors.meeting_candidates
women_preferred = selectors.women_preferred
_candidate = selectors.voting_candidate


def _voting_member(m: CouncilMember) -> voting.Member:
    return selectors.voting_member(m)


@transaction.atomic
def ballot_cast(*, actor: Actor, meeting: CouncilMeeting, nomination: Nomination, choice: str,
                member: CouncilMember | None = None) -> Ballot:
    """A member votes online on a candidate; the office enters an absent member's written vote
    (member given). A member from the nominated unit is recused and cannot vote on it."""
    access_meeting(actor, meeting)
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError("Phiên họp đã kết thúc.")
    if choice not in Choice.values:
        raise ValidationError("Lựa chọn biểu quyết không hợp lệ.")
    current = Dossier.objects.only("meeting_id", "state").get(pk=nomination.dossier_id)
    if current.meeting_id != meeting.pk or current.state != State.BEFORE_COUNCIL:
        raise ValidationError("Đề nghị này không có trong phiên họp.")
    written = False
    if member is None:
        member = member_for(actor, meeting)
        if member is None:
            raise Denied("Bạn không phải thành viên Hội đồng này.")
        attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
        if attendance is not None and not attendance.present:
            raise ValidationError("Thành viên vắng mặt biểu quyết bằng văn bản qua thư ký.")
        if meeting.vote_method != VoteMethod.ONLINE:
            raise ValidationError(f"Phiên họp biểu quyết theo hình thức "
                                  f"{voting.METHOD_LABELS[meeting.vote_method]}; thư ký ghi số "
                                  "phiếu của từng trường hợp.")
    else:
        if member.council_id != meeting.council_id:
            raise ValidationError("Thành viên không thuộc Hội đồng này.")
        if not holds_capability_over(actor, meeting.council.unit.path, Capability.RUN_COUNCIL):
            raise Denied("Chỉ cơ quan thường trực nhập phiếu biểu quyết bằng văn bản.")
        attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
        if attendance is None or attendance.present or not attendance.written_vote:
            raise ValidationError("Chỉ nhập phiếu bằng văn bản cho thành viên vắng mặt đã gửi phiếu.")
        written = True
    if voting.recused(_voting_member(member), _candidate(nomination)):
        raise ValidationError(f"{member.name} thuộc đơn vị được đề nghị nên không tham gia "
                              "biểu quyết trường hợp này.")
    ballot, _ = Ballot.objects.update_or_create(
        meeting=meeting, member=member, nomination=nomination,
        defaults={"choice": choice, "written": written, "entered_by": _user(actor)})
    return ballot


def meeting_tallies(meeting: CouncilMeeting) -> list[voting.Tally]:
    """The count so far (or final), ranked, with thresholds and the Art. 4.6 preference."""
    return selectors.meeting_record(meeting).tallies


def _room_key(row: RoomTally | None) -> str:
    return "" if row is None else f"{row.approve}-{row.reject}-{row.abstain}"


@transaction.atomic
def room_tally_set(*, actor: Actor, meeting: CouncilMeeting, nomination: Nomination, approve: int,
                   reject: int, abstain: int = 0, previous: str | None = None) -> RoomTally:
    """The secretary records the votes cast in the room on one candidate (show of hands or
    paper ballot). `previous` is the count the form was read with ("" when none): a count
    changed by someone else meanwhile is refused rather than overwritten."""
    _chairing(actor, meeting)
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.vote_method == VoteMethod.ONLINE:
        raise ValidationError("Phiên họp biểu quyết trực tuyến: mỗi thành viên tự biểu quyết "
                              "trên hệ thống, không ghi số phiếu tại phòng họp.")
    current = Dossier.objects.only("meeting_id", "state").get(pk=nomination.dossier_id)
    if current.meeting_id != meeting.pk or current.state != State.BEFORE_COUNCIL:
        raise ValidationError("Đề nghị này không có trong phiên họp.")
    row = RoomTally.objects.filter(meeting=meeting, nomination=nomination).first()
    if previous is not None and previous != _room_key(row):
        raise ValidationError(f"Số phiếu của {nomination.subject_name} vừa được người khác cập "
                              "nhật. Vui lòng tải lại trang và kiểm tra trước khi ghi.")
    record = selectors.meeting_record(meeting)
    tally = next(t for t in record.tallies if t.candidate.id == nomination.pk)
    try:
        voting.check_room_count(voting.RoomCount(approve, reject, abstain), tally.present_voters)
    except voting.CountError as exc:
        raise ValidationError(f"{nomination.subject_name}: {exc}") from exc
    if row is None:
        row = RoomTally(meeting=meeting, nomination=nomination)
    row.approve, row.reject, row.abstain = approve, reject, abstain
    row.entered_by = _user(actor)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def meeting_method_set(*, actor: Actor, meeting: CouncilMeeting, method: str) -> CouncilMeeting:
    """Choose how the members in the room vote; only before any vote of theirs is recorded."""
    _chairing(actor, meeting)
    if method not in VoteMethod.values:
        raise ValidationError("Hình thức biểu quyết không hợp lệ.")
    if method == meeting.vote_method:
        return meeting
    if meeting.room_tallies.exists() or meeting.ballots.filter(written=False).exists():
        raise ValidationError("Đã có phiếu biểu quyết tại phòng họp; không đổi hình thức "
                              "biểu quyết được nữa.")
    meeting.vote_method = method
    meeting.save(update_fields=["vote_method"])
    return meeting


@transaction.atomic
def meeting_close(*, actor: Actor, meeting: CouncilMeeting) -> CouncilMeeting:
    """Close the vote: check the quorum, store each count, move the dossiers to 'voted' and
    write the minutes (biên bản) with attendance and vote counts."""
    _chairing(actor, meeting)
    meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError("Phiên họp đã kết thúc.")
    record = selectors.meeting_record(meeting)
    if not record.quorate:
        quorum = record.quorum
        raise ValidationError(f"Chưa đủ số thành viên dự họp: {len(record.present)}/"
                              f"{record.total}, cần từ {quorum.numerator}/{quorum.denominator} "
                              "tổng số thành viên.")
    tallies = record.tallies
    if not tallies:
        raise ValidationError("Phiên họp chưa có hồ sơ nào để biểu quyết.")
    if record.missing_counts:
        names = ", ".join(t.candidate.name for t in record.missing_counts)
        raise ValidationError(f"Chưa ghi số phiếu tại phòng họp của: {names}.")
    by_id = record.nominations
    rows = []
    for t in tallies:
        rows.append(VoteResult(
            meeting=meeting, nomination_id=t.candidate.id, members=t.members, approve=t.approve,
            reject=t.reject, abstain=t.abstain, written=t.written,
            written_approve=t.written_approve, method=t.method, recused=list(t.recused),
            threshold=t.threshold.label(), threshold_basis=t.threshold.legal_basis,
            passed=t.passed, rank=t.rank, preferred=t.preferred, note=t.note))
        nomination = by_id[t.candidate.id]
        nomination.outcome = Outcome.PASSED if t.passed else Outcome.FAILED
        nomination.save(update_fields=["outcome"])
    VoteResult.objects.bulk_create(rows)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = _user(actor)
    meeting.minutes_file.save("bien-ban-hop-hoi-dong.docx",
                              ContentFile(docs.council_minutes_bytes(meeting)), save=False)
    meeting.save()
    for dossier in Dossier.objects.filter(meeting=meeting, state=State.BEFORE_COUNCIL):
        _apply(actor, dossier, "record_vote", f"Phiên họp ngày {meeting.held_on:%d/%m/%Y}")
        dossier.version += 1
        _save(dossier)
        emit("dossier_voted", dossier=dossier, reason="")
    return meeting


# --- decisions -------------------------------------------------------------------------------


def default_legal_bases(issuer: Unit, dossiers: Sequence[Dossier], on: date) -> list[str]:
    """The bases a decision cites on `on`: the laws and decree in force, the plan, the proposal."""
    lines = ["Căn cứ Luật Tổ chức chính quyền địa phương;"]
    if on >= date(2024, 1, 1):
        lines.append("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    else:
        lines.append("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, "
                     "bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;")
    if on >= date(2025, 7, 1):
        lines.append("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ "
                     "quy định chi tiết một số điều của Luật Thi đua, khen thưởng;")
    elif on >= date(2024, 1, 1):
        lines.append("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
                     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
    else:
        lines.append("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ "
                     "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
    if dossiers:
        c = dossiers[0].campaign
        number = f" số {c.number_symbol}" if c.number_symbol else ""
        lines.append(f"Căn cứ {c.doc_type.capitalize()}{number} của {c.issuing_body.title()} "
                     f"về việc {c.title[0].lower()}{c.title[1:]};")
    lines.append("Theo đề nghị của cơ quan Nội vụ.")
    return lines


def _factor(nomination: Nomination, on: date) -> Decimal | None:
    version = award_form_version_on(nomination.award_form.catalogue_id, on)
    if version is None:
        return None
    value = (version.reward_multiple_collective if nomination.kind == Kind.COLLECTIVE
             else version.reward_multiple_individual)
    return Decimal(value) if value is not None else None


def reward_of(nomination: Nomination, on: date) -> tuple[int, str]:
    """Reward money for one awardee and how it was computed (0 and a reason if not known)."""
    rates = selectors.base_salaries()
    form = nomination.award_form.catalogue_id
    try:
        return _reward(form, nomination.kind, on, rates, _factor(nomination, on))
    except NoRate as exc:
        return 0, str(exc)


def _reward(form: str, kind: str, on: date, rates: Any, factor: Decimal | None) -> tuple[int, str]:
    reward = reward_for(form, kind, on, rates=rates, factor=factor)
    return reward.amount, reward.basis


@transaction.atomic
def decision_issue(*, actor: Actor, dossiers: Sequence[Dossier], number_symbol: str,
                   signed_on: date, signer_name: str, signer_title: str = "Chủ tịch",
                   subject: str = "", legal_bases: str = "", achievement: str = ""
                   ) -> AwardDecision:
    """The signer issues the decision for dossiers proposed to them: every nomination the
    council passed is awarded (with its reward money), the dossiers are decided, the award
    history is updated; the .docx is written now, PDFs and certificates in the background."""
    if not dossiers:
        raise ValidationError("Hãy chọn hồ sơ được trình ký.")
    first = dossiers[0]
    issuer = first.receiver
    for d in dossiers:
        if (d.receiver_id, d.campaign_id, d.scope, d.year) != (issuer.pk, first.campaign_id,
                                                             first.scope, first.year):
            raise ValidationError("Các hồ sơ của một quyết định phải cùng cấp, cùng phong trào "
                                  "và cùng đợt khen thưởng.")
    number_symbol = number_symbol.strip()
    if not number_symbol or not signer_name.strip():
        raise ValidationError("Hãy ghi số, ký hiệu quyết định và họ tên người ký.")
    if AwardDecision.objects.filter(issuer=issuer, number_symbol=number_symbol).exists():
        raise ValidationError(f"Số quyết định {number_symbol} đã được dùng.")
    phrase = docs.campaign_phrase(first)
    nominations = list(Nomination.objects.filter(dossier__in=[d.pk for d in dossiers],
                                                 outcome=Outcome.PASSED)
                       .select_related("unit", "person", "award_form", "dossier")
                       .order_by("kind", "dossier__unit__path", "order", "id"))
    forms = sorted({n.award_form.name for n in nominations})
    decision = AwardDecision(
        issuer=issuer, campaign=first.campaign, scope=first.scope, year=first.year,
        number_symbol=number_symbol, signed_on=signed_on,
        authority=docs.authority_text(issuer),
        subject=subject.strip() or (f"Về việc tặng {forms[0] if len(forms) == 1 else 'khen thưởng'}"
                                    f" cho các tập thể, cá nhân có thành tích xuất sắc trong "
                                    f"{phrase}"),
        legal_bases=legal_bases.strip() or "\n".join(default_legal_bases(issuer, dossiers,
                                                                         signed_on)),
        achievement=achievement.strip() or f"đã có thành tích xuất sắc trong {phrase}",
        signer=_user(actor), signer_name=signer_name.strip(), signer_title=signer_title.strip(),
    )
    decision.full_clean()
    decision.save()
    for d in dossiers:
        locked = Dossier.objects.select_for_update().get(pk=d.pk)
        _apply(actor, locked, "decide", f"Quyết định số {number_symbol}")
        locked.decision = decision
        locked.version += 1
        _save(locked)
        locked.nominations.exclude(outcome=Outcome.PASSED).update(outcome=Outcome.NOT_AWARDED)
    rates = selectors.base_salaries()
    base = 0
    total = 0
    awards = []
    for n in nominations:
        amount, basis = reward_of(n, signed_on)
        total += amount
        awards.append(Award(
            kind=n.kind, unit=n.unit, person=n.person, form_code=n.award_form.catalogue_id,
            form_name=n.award_form.name, year=n.dossier.year, decided_on=signed_on,
            decision=decision, nomination=n, campaign=first.campaign, scope=first.scope,
            reward=amount, reward_basis=basis[:300]))
        n.outcome = Outcome.AWARDED
        n.save(update_fields=["outcome"])
    Award.objects.bulk_create(awards)
    try:
        from thidua.awards.money import base_salary_on

        base = base_salary_on(signed_on, rates).amount
    except NoRate:
        base = 0
    decision.total_reward = total
    decision.base_salary = base
    decision.docx.save("quyet-dinh.docx", ContentFile(docs.decision_bytes(decision)), save=False)
    decision.save()
    emit("decision_signed", decision=decision, dossiers=list(dossiers))
    return decision


@transaction.atomic
def award_record(*, actor: Actor, kind: str, unit: Unit, form_code: str, form_name: str, year: int,
                 decided_on: date, decision_text: str, person: Person | None = None) -> Award:
    """Enter an award from an earlier paper decision into the history (it feeds the standards)."""
    access_unit(actor, unit, write=True)
    if not (is_admin(actor) or holds_capability_over(actor, unit.path, Capability.EDIT_SCOPE)):
        raise Denied()
    try:
        award_form(form_code)  # an award the catalogue does not know would never match a standard
    except AwardFormError as exc:
        raise ValidationError({"form_code": str(exc)}) from None
    award = Award(kind=kind, unit=person.unit if person and person.unit else unit, person=person,
                  form_code=form_code, form_name=form_name, year=year, decided_on=decided_on,
                  decision_text=decision_text.strip())
    award.full_clean()
    award.save()
    return award
