"""Writes to campaigns: save a plan (amendments after launch), copy, launch and cascade, remind,
record events, register, grant exceptions. Each function is atomic; plans are validated as a
whole and nothing is saved when a problem is found (``PlanInvalid`` carries every problem)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from thidua.accounts.access import Actor, access_unit, account_of, signed_in
from thidua.accounts.models import RoleAssignment
from thidua.campaigns import selectors
from thidua.campaigns.access import access_campaign, access_participant
from thidua.campaigns.models import (
    AwardFormType,
    AwardStandard,
    Campaign,
    CampaignAwardForm,
    CampaignStatus,
    CampaignVersion,
    Criterion,
    DossierComponent,
    Milestone,
    MilestoneEvent,
    MilestoneTiming,
    Participant,
    PlanIssueStatus,
    PlanItem,
    Quota,
    QuotaBasis,
    RegisteredPerson,
    Registration,
    RegistrationException,
    VersionKind,
)
from thidua.campaigns.plan import (
    HEADER_KEYS,
    ITEM_SECTIONS,
    JSON_KEYS,
    KNOWN_TOP,
    PERIOD_COLUMNS,
    QUOTA_BASES,
    TITLE_KEY,
    as_date,
    assign_clauses,
    jsonable,
    prune,
    split_row,
)
from thidua.campaigns.validation import Problem, plan_problems
from thidua.core.events import emit
from thidua.core.text import vn_date
from thidua.org.models import Membership, Person, Unit, UnitCategory


class PlanInvalid(ValidationError):
    """A plan with problems; ``problems`` place each message on its row and field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__([p.message for p in self.problems])


def _fail(message: str, field: str | None = None, section: str | None = None,
          index: int | None = None) -> PlanInvalid:
    return PlanInvalid([Problem(message, section, index, field)])


def catalogue_codes() -> set[str]:
    return set(AwardFormType.objects.values_list("code", flat=True))


# --- checking a plan ----------------------------------------------------------------------------


def plan_prepare(plan: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the plan with clauses filled in (the form a plan is stored in)."""
    prepared = copy.deepcopy(dict(plan))
    return assign_clauses(prepared)


def plan_check(plan: Mapping[str, Any], *, campaign: Campaign | None = None) -> list[Problem]:
    """Every problem of a prepared plan: the seed rules (validate_plan) and database checks."""
    problems = plan_problems(plan, catalogue_codes=catalogue_codes())
    code = str(plan.get("code") or "").strip()
    if code:
        clash = Campaign.objects.filter(code=code)
        if campaign is not None:
            clash = clash.exclude(pk=campaign.pk)
        if clash.exists():
            problems.append(Problem(f"Mã phong trào “{code}” đã được dùng cho phong trào khác.",
                                    field="code"))
    else:
        problems.append(Problem("Hãy nhập mã phong trào.", field="code"))
    issuer_code = plan.get("issuer_unit_code")
    if issuer_code and not Unit.objects.filter(code=issuer_code).exists():
        problems.append(Problem(f"Không có đơn vị mã “{issuer_code}”.", field="issuer"))
    known = set(UnitCategory.objects.values_list("code", flat=True))
    for index, quota in enumerate(plan.get("quotas") or []):
        category = quota.get("category")
        if category and category not in known and not any(
                p.section == "quotas" and p.index == index and p.field == "category"
                for p in problems):
            problems.append(Problem(f"Khối “{category}” chưa có trong cơ cấu tổ chức.",
                                    "quotas", index, "category"))
    return problems


# --- saving a plan ------------------------------------------------------------------------------


def _header_values(plan: Mapping[str, Any]) -> dict[str, Any]:
    period = dict(plan.get("period") or {})
    values: dict[str, Any] = {
        "code": str(plan.get("code") or "").strip(),
        "source": plan.get("source") or "",
        "parent_body": plan.get("parent_body") or "",
        "issuing_body": plan.get("issuing_body") or "",
        "header_note": plan.get("header_note") or "",
        "number_symbol": plan.get("number_symbol") or "",
        "number_symbol_note": plan.get("number_symbol_note") or "",
        "place": plan.get("place") or "",
        "place_date_line": plan.get("place_date_line") or "",
        "issued_on": as_date(plan.get("issued_on")),
        "issued_on_note": plan.get("issued_on_note") or "",
        "doc_type": plan.get("doc_type") or "KẾ HOẠCH",
        "title": plan.get("title") or "",
        "theme": plan.get("theme") or "",
        "theme_clause": plan.get("theme_clause") or "",
        "kind": plan.get("kind") or "",
        "period_start": as_date(period.get("start")),
        "period_end": as_date(period.get("end")),
        "period_clause": period.get("clause") or "",
        "period_text": period.get("text") or "",
        "period_note": period.get("note") or "",
        "enacting_clause": plan.get("enacting_clause") or {},
        "targets": plan.get("targets") or {},
        "signature": plan.get("signature") or {},
        "recipients": list(plan.get("recipients") or []),
        "outline": list(plan.get("outline") or []),
        "notes": list(plan.get("notes") or []),
        "annexes": list(plan.get("annexes") or []),
        "parameters": plan.get("parameters") or {},
    }
    extra = {k: v for k, v in plan.items()
             if k not in KNOWN_TOP and k != "parameters" and not k.startswith("_")}
    period_extra = {k: v for k, v in period.items() if k not in PERIOD_COLUMNS}
    if period_extra:
        extra["_period"] = period_extra
    values["extra"] = jsonable(extra)
    for key in JSON_KEYS:
        values[key] = jsonable(values[key])
    values["parameters"] = jsonable(values["parameters"])
    return values


def _sync(model: type[models.Model], existing: Sequence[Any], rows: Sequence[Mapping[str, Any]],
          fill: Callable[[Any, Mapping[str, Any], int], None], *, key: str | None,
          unique: str | None, make: Callable[[], Any]) -> list[Any]:
    """Update rows in place (by id, then by key, then by position), create new, delete the rest.

    Rows keep their primary keys across edits, so what other parts point at (a nomination's
    standard) survives an amendment that rewords it.
    """
    by_id = {obj.pk: obj for obj in existing}
    by_key = {getattr(obj, key): obj for obj in existing} if key else {}
    claimed: set[int] = set()
    chosen: list[Any] = []
    for row in rows:
        obj = by_id.get(row.get("_id"))  # type: ignore[arg-type]
        if obj is None and key and row.get(key) in by_key:
            obj = by_key[row.get(key)]
        if obj is not None and obj.pk in claimed:
            obj = None
        if obj is not None:
            claimed.add(obj.pk)
        chosen.append(obj)
    if key is None:  # rows without identity: match the rest by position
        spare = [obj for obj in existing if obj.pk not in claimed]
        for i, obj in enumerate(chosen):
            if obj is None and spare:
                chosen[i] = spare.pop(0)
                claimed.add(chosen[i].pk)
    removed = [obj for obj in existing if obj.pk not in claimed]
    for obj in removed:
        try:
            obj.delete()
        except ProtectedError as exc:
            raise _fail(f"Không thể xoá “{obj}” vì phần khác của hệ thống đang dùng.") from exc
    if unique:  # move changed unique values out of the way first (swaps of letters, codes)
        for obj, row in zip(chosen, rows, strict=True):
            if obj is not None and getattr(obj, unique) != row.get(unique):
                model.objects.filter(pk=obj.pk).update(**{unique: f"~{obj.pk}"})  # type: ignore[attr-defined]
    saved = []
    for position, (obj, row) in enumerate(zip(chosen, rows, strict=True)):
        target = obj if obj is not None else make()
        fill(target, row, position)
        target.full_clean(validate_unique=False)
        target.save()
        saved.append(target)
    return saved


def _write_rows(campaign: Campaign, plan: Mapping[str, Any]) -> None:
    for section in ITEM_SECTIONS:
        rows = list(plan.get(section.key) or [])
        title_key = TITLE_KEY.get(section.key, "title")

        def fill_item(obj: PlanItem, row: Mapping[str, Any], position: int,
                      _section: str = section.key, _title: str = title_key,
                      _cols: tuple[str, ...] = section.columns) -> None:
            mapped, rest = split_row(row, _cols)
            obj.section, obj.position = _section, position
            obj.clause = mapped.get("clause") or ""
            obj.text = mapped.get("text") or ""
            obj.title = mapped.get(_title) or ""
            obj.data = jsonable(rest)

        _sync(PlanItem, list(campaign.plan_items.filter(section=section.key).order_by("position", "id")),
              rows, fill_item, key=None, unique=None,
              make=lambda: PlanItem(campaign=campaign))

    def fill_criterion(obj: Criterion, row: Mapping[str, Any], position: int) -> None:
        mapped, rest = split_row(row, ("clause", "subject", "letter", "text"))
        obj.position, obj.clause = position, mapped.get("clause") or ""
        obj.subject, obj.letter = mapped.get("subject") or "", str(mapped.get("letter") or "")
        obj.text, obj.data = mapped.get("text") or "", jsonable(rest)

    # The unique key of a criterion is (subject, letter); letters are moved aside by subject too.
    _sync(Criterion, list(campaign.criteria.order_by("position", "id")),
          list(plan.get("criteria") or []), fill_criterion, key=None, unique="letter",
          make=lambda: Criterion(campaign=campaign))

    def fill_form(obj: CampaignAwardForm, row: Mapping[str, Any], position: int) -> None:
        mapped, rest = split_row(row, ("clause", "code", "catalogue", "name", "subject", "scope"))
        obj.position, obj.clause, obj.code = position, mapped.get("clause") or "", mapped["code"]
        obj.catalogue_id = str(mapped.get("catalogue") or "")
        obj.name, obj.subject = mapped.get("name") or "", mapped.get("subject") or ""
        obj.scope, obj.data = mapped.get("scope") or "", jsonable(rest)

    forms_rows = list(plan.get("award_forms") or [])
    wanted_codes = {r.get("code") for r in forms_rows}
    existing_forms = list(campaign.award_forms.order_by("position", "id"))
    keep = [f for f in existing_forms if f.code in wanted_codes or any(
        r.get("_id") == f.pk for r in forms_rows)]
    saved_forms = _sync(CampaignAwardForm, keep, forms_rows, fill_form, key="code", unique="code",
                        make=lambda: CampaignAwardForm(campaign=campaign))
    forms = {f.code: f for f in saved_forms}

    def fill_standard(obj: AwardStandard, row: Mapping[str, Any], position: int) -> None:
        cols = ("clause", "code", "award_form", "subject", "scope", "text", "text_clause",
                "categories", "rule_text")
        mapped, rest = split_row(row, cols)
        obj.position, obj.clause, obj.code = position, mapped.get("clause") or "", mapped["code"]
        obj.award_form = forms[mapped["award_form"]]
        obj.subject, obj.scope = mapped.get("subject") or "", mapped.get("scope") or ""
        obj.text, obj.text_clause = mapped.get("text") or "", mapped.get("text_clause") or ""
        obj.categories = list(mapped.get("categories") or [])
        obj.rule_text = mapped.get("rule_text") or ""
        obj.data = jsonable(rest)

    _sync(AwardStandard, list(campaign.standards.order_by("position", "id")),
          list(plan.get("standards") or []), fill_standard, key="code", unique="code",
          make=lambda: AwardStandard(campaign=campaign))

    def fill_quota(obj: Quota, row: Mapping[str, Any], position: int) -> None:
        cols = ("clause", "award_form", "category", "text", *QUOTA_BASES)
        mapped, rest = split_row(row, cols)
        obj.position, obj.clause = position, mapped.get("clause") or ""
        obj.award_form = forms[mapped["award_form"]]
        obj.category_id = mapped.get("category") or None
        obj.text, obj.data = mapped.get("text") or "", jsonable(rest)
        basis = next(b for b in QUOTA_BASES if mapped.get(b) not in (None, False))
        obj.basis, obj.value, obj.determined_by = basis, None, ""
        if basis == QuotaBasis.DETERMINED_BY:
            obj.determined_by = str(mapped[basis])
        elif basis != QuotaBasis.ALL_QUALIFYING:
            obj.value = mapped[basis]

    _sync(Quota, list(campaign.quotas.order_by("position", "id")), list(plan.get("quotas") or []),
          fill_quota, key=None, unique=None, make=lambda: Quota(campaign=campaign))

    for form in existing_forms:
        if form.code not in forms and form.pk not in {f.pk for f in saved_forms}:
            try:
                form.delete()
            except ProtectedError as exc:
                raise _fail(f"Không thể xoá hình thức khen thưởng “{form.code}” vì tiêu chuẩn "
                            "hoặc số lượng khen thưởng đang dùng.", "award_forms") from exc

    def fill_milestone(obj: Milestone, row: Mapping[str, Any], position: int) -> None:
        cols = ("clause", "code", "label", "bound", "text", "date", "window", "relative",
                "recurring")
        mapped, rest = split_row(row, cols)
        obj.position, obj.clause = position, mapped.get("clause") or ""
        obj.code, obj.label = mapped.get("code") or "", mapped.get("label") or ""
        obj.bound, obj.text = mapped.get("bound") or "", mapped.get("text") or ""
        obj.on_date = obj.window_start = obj.window_end = None
        obj.event, obj.event_year, obj.offset_days, obj.recurrence = "", "", None, {}
        data = jsonable(rest)
        if mapped.get("date"):
            obj.timing, obj.on_date = MilestoneTiming.DATE, as_date(mapped["date"])
        elif mapped.get("window"):
            window = dict(mapped["window"])
            obj.timing = MilestoneTiming.WINDOW
            obj.window_start, obj.window_end = as_date(window.pop("start", None)), as_date(
                window.pop("end", None))
            if window:
                data["_window"] = jsonable(window)
        elif mapped.get("relative"):
            relative = dict(mapped["relative"])
            obj.timing, obj.event = MilestoneTiming.RELATIVE, str(relative.pop("event", ""))
            year = relative.pop("year", None)
            obj.event_year = "" if year is None else str(year)
            days = relative.pop("days", None)
            obj.offset_days = int(days) if days is not None else None
            if relative:
                data["_relative"] = jsonable(relative)
        else:
            obj.timing, obj.recurrence = MilestoneTiming.RECURRING, jsonable(
                mapped.get("recurring") or {})
        obj.data = data

    _sync(Milestone, list(campaign.milestones.order_by("position", "id")),
          list(plan.get("milestones") or []), fill_milestone, key="code", unique="code",
          make=lambda: Milestone(campaign=campaign))

    def fill_component(obj: DossierComponent, row: Mapping[str, Any], position: int) -> None:
        cols = ("clause", "code", "label", "copies", "form", "applies_to", "text")
        mapped, rest = split_row(row, cols)
        obj.position, obj.clause = position, mapped.get("clause") or ""
        obj.code, obj.label = mapped.get("code") or "", mapped.get("label") or ""
        obj.copies = mapped.get("copies")
        obj.form, obj.applies_to = mapped.get("form") or "", list(mapped.get("applies_to") or [])
        obj.text, obj.data = mapped.get("text") or "", jsonable(rest)

    _sync(DossierComponent, list(campaign.dossier_components.order_by("position", "id")),
          list(plan.get("dossier_components") or []), fill_component, key=None, unique=None,
          make=lambda: DossierComponent(campaign=campaign))


def _substance(plan: Mapping[str, Any]) -> Any:
    """What counts as the plan's substance: everything but row ids."""
    def strip(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: strip(v) for k, v in value.items() if k != "_id"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return jsonable(prune(strip(plan)))


PLAN_VERSION_MISSING = ("Thiếu số phiên bản của trang sửa kế hoạch nên không lưu được. "
                        "Hãy tải lại trang sửa kế hoạch rồi thao tác lại.")
PLAN_STALE = ("Kế hoạch vừa được người khác lưu sau khi bạn mở trang này; thay đổi của bạn chưa "
              "được lưu để không ghi đè lên họ. Hãy tải lại trang, xem nội dung mới rồi sửa lại.")


def _claim_edit(campaign: Campaign, edit_version: int | None, *, required: bool) -> None:
    """Move the plan's edit version on, from `edit_version` when given: the UPDATE holds the row
    until commit, so of two saves read at the same number only the first passes."""
    if edit_version is None and required:
        raise PlanInvalid([Problem(PLAN_VERSION_MISSING, field="edit_version")])
    expected = campaign.edit_version if edit_version is None else edit_version
    claimed = Campaign.objects.filter(pk=campaign.pk, edit_version=expected).update(
        edit_version=F("edit_version") + 1)
    if not claimed:
        raise PlanInvalid([Problem(PLAN_STALE, field="edit_version")])
    campaign.edit_version = expected + 1


@transaction.atomic
def campaign_save(*, actor: Actor | None, plan: Mapping[str, Any], campaign: Campaign | None = None,
                  parent: Campaign | None = None, reason: str = "",
                  effective_on: date | None = None, check_access: bool = True,
                  edit_version: int | None = None) -> Campaign:
    """Create or change a campaign from its plan dict. After launch a change of substance is an
    amendment: it needs a reason and a date and becomes a new version; nothing else is saved when
    the plan has a problem.

    A person's change (check_access) of an existing plan carries the `edit_version` the page was
    read at: missing or outdated, the save is refused (optimistic locking, as for dossiers)."""
    prepared = plan_prepare(plan)
    issuer_code = prepared.get("issuer_unit_code") or (campaign.issuer.code if campaign else None)
    prepared["issuer_unit_code"] = issuer_code
    problems = plan_check(prepared, campaign=campaign)
    amending = campaign is not None and not campaign.is_draft
    if amending:
        if not reason.strip():
            problems.append(Problem("Kế hoạch đã phát động: hãy ghi lý do sửa đổi, bổ sung.",
                                    field="reason"))
        if effective_on is None:
            problems.append(Problem("Hãy ghi ngày áp dụng của sửa đổi, bổ sung.",
                                    field="effective_on"))
    if problems:
        raise PlanInvalid(problems)
    issuer = Unit.objects.get(code=issuer_code)
    if campaign is None:
        if check_access:
            access_unit(signed_in(actor), issuer, write=True)
        campaign = Campaign(issuer=issuer, parent=parent,
                            created_by=account_of(actor))
        before = None
    else:
        if check_access:
            access_campaign(actor, campaign, write=True)
            if issuer.pk != campaign.issuer_id:
                access_unit(signed_in(actor), issuer, write=True)
        _claim_edit(campaign, edit_version, required=check_access)
        before = _substance(selectors.campaign_plan(campaign))
        campaign.issuer = issuer
        if parent is not None:
            campaign.parent = parent
    for key, value in _header_values(prepared).items():
        setattr(campaign, key, value)
    campaign.full_clean()
    campaign.save()
    _write_rows(campaign, prepared)
    if amending and effective_on is not None:
        after = _substance(selectors.campaign_plan(campaign))
        if after != before:
            campaign.version += 1
            campaign.save(update_fields=["version", "updated_at"])
            CampaignVersion.objects.create(
                campaign=campaign, number=campaign.version, kind=VersionKind.AMENDMENT,
                plan=after, reason=reason.strip(), effective_on=effective_on,
                created_by=account_of(actor))
            emit("campaign_amended", campaign=campaign, effective_on=effective_on,
                 reason=reason.strip())
    return campaign


@transaction.atomic
def campaign_copy(*, actor: Actor | None, source: Campaign, issuer: Unit, code: str,
                  title: str | None = None, check_access: bool = True) -> Campaign:
    """A draft copy of a campaign for ``issuer``; linked as implementing it when the source was
    issued above the issuer (a unit writing its own plan from the province's)."""
    if check_access:
        access_campaign(actor, source)
        access_unit(signed_in(actor), issuer, write=True)
    plan = selectors.campaign_plan(source)
    plan.update({
        "code": code, "issuer_unit_code": issuer.code, "source": None, "number_symbol": None,
        "number_symbol_note": None, "issued_on": None, "issued_on_note": None,
        "place_date_line": None, "header_note": None,
    })
    if issuer.pk != source.issuer_id:
        plan["issuing_body"] = issuer.name.upper()
        plan["parent_body"] = None
        plan["signature"] = {}
    if title:
        plan["title"] = title
    parent = source if (issuer.path.startswith(source.issuer.path) and issuer.pk != source.issuer_id
                        and not source.is_draft) else None
    return campaign_save(actor=actor, plan=plan, parent=parent, check_access=check_access)


# --- launch, cascade, reminders -----------------------------------------------------------------


def cascade_units(campaign: Campaign, on: date) -> list[Unit]:
    """Units asked to issue their own plan: active units below the issuer whose category is a
    collective target of the plan (all direct subordinates when the plan names no category)."""
    categories = campaign.target_categories
    below = Unit.objects.filter(path__startswith=campaign.issuer.path).exclude(pk=campaign.issuer_id)
    below = below.filter(models.Q(active_from__isnull=True) | models.Q(active_from__lte=on)).filter(
        models.Q(active_to__isnull=True) | models.Q(active_to__gte=on))
    if categories:
        below = below.filter(category__code__in=categories)
    else:
        below = below.filter(parent=campaign.issuer)
    return list(below.select_related("category").order_by("path"))


@transaction.atomic
def campaign_launch(*, actor: Actor | None, campaign: Campaign, launched_on: date | None = None,
                    cascade_due: date | None = None, reason: str = "",
                    check_access: bool = True, notify: bool = True) -> Campaign:
    """Launch a draft: version 1 of the plan, and every subordinate unit in scope is asked to
    issue its own plan (and told in the app and by e-mail)."""
    if check_access:
        access_campaign(actor, campaign, write=True)
    if not campaign.is_draft:
        raise _fail("Phong trào đã được phát động.")
    launched_on = launched_on or timezone.localdate()
    if cascade_due is not None and cascade_due < launched_on:
        raise _fail("Hạn ban hành kế hoạch của đơn vị cấp dưới phải sau ngày phát động.",
                    "cascade_due")
    plan = selectors.campaign_plan(campaign)
    problems = plan_check(plan, campaign=campaign)
    if problems:
        raise PlanInvalid(problems)
    campaign.status = CampaignStatus.LAUNCHED
    campaign.launched_on = launched_on
    campaign.cascade_due = cascade_due
    campaign.version = 1
    campaign.save(update_fields=["status", "launched_on", "cascade_due", "version", "updated_at"])
    CampaignVersion.objects.create(
        campaign=campaign, number=1, kind=VersionKind.LAUNCH, plan=_substance(plan),
        reason=reason or "Ban hành kế hoạch.", effective_on=campaign.issued_on or launched_on,
        created_by=account_of(actor))
    participants = [Participant(campaign=campaign, unit=unit)
                    for unit in cascade_units(campaign, launched_on)]
    Participant.objects.bulk_create(participants, ignore_conflicts=True)
    if campaign.parent_id:
        _link_to_parent(campaign)
    if notify:  # the units' officers: issue their plan, register (thidua.notices)
        emit("campaign_launched", campaign=campaign)
    return campaign


def _link_to_parent(child: Campaign) -> None:
    """A launched child campaign answers its unit's part in the parent's cascade."""
    if child.parent_id is None:
        return
    Participant.objects.filter(campaign_id=child.parent_id, unit_id=child.issuer_id).update(
        plan_status=PlanIssueStatus.ISSUED, child_campaign=child,
        plan_number=child.number_symbol, plan_issued_on=child.issued_on or child.launched_on,
        reported_at=timezone.now())


TRANSITIONS = {
    CampaignStatus.LAUNCHED: {CampaignStatus.MID_TERM_REVIEWED, CampaignStatus.CLOSED},
    CampaignStatus.MID_TERM_REVIEWED: {CampaignStatus.CLOSED},
}


@transaction.atomic
def campaign_transition(*, actor: Actor, campaign: Campaign, status: str) -> Campaign:
    """launched → mid-term reviewed → closed (a campaign without a mid-term review may close)."""
    access_campaign(actor, campaign, write=True)
    if status not in TRANSITIONS.get(CampaignStatus(campaign.status), set()):
        raise _fail(f"Không thể chuyển phong trào từ “{campaign.get_status_display()}” sang "
                    f"“{CampaignStatus(status).label if status in CampaignStatus.values else status}”.",
                    "status")
    campaign.status = status
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


@transaction.atomic
def participants_add(*, actor: Actor, campaign: Campaign, units: Iterable[Unit]) -> int:
    """Ask more units (e.g. a unit formed by a merger) to take part."""
    access_campaign(actor, campaign, write=True)
    added = 0
    for unit in units:
        if not unit.path.startswith(campaign.issuer.path) or unit.pk == campaign.issuer_id:
            raise _fail(f"{unit.name} không trực thuộc đơn vị ban hành.", "units")
        _, created = Participant.objects.get_or_create(campaign=campaign, unit=unit)
        added += int(created)
    return added


@transaction.atomic
def cascade_remind(*, actor: Actor, campaign: Campaign,
                   participants: Iterable[Participant] | None = None) -> int:
    """Remind units that have not issued their plan or not registered; returns how many units."""
    access_campaign(actor, campaign, write=True)
    chosen = list(participants) if participants is not None else [
        p for p in campaign.participants.select_related("unit")
        if p.plan_status == PlanIssueStatus.PENDING or not hasattr(p, "registration")]
    deadline = selectors.registration_deadline(campaign)
    now = timezone.now()
    count = 0
    for participant in chosen:
        plan_missing = participant.plan_status == PlanIssueStatus.PENDING
        registration_missing = not Registration.objects.filter(participant=participant).exists()
        if not (plan_missing or registration_missing):
            continue
        emit("cascade_reminder", participant=participant, plan_missing=plan_missing,
             plan_due=campaign.cascade_due, registration_missing=registration_missing,
             registration_due=deadline)
        Participant.objects.filter(pk=participant.pk).update(
            reminder_count=models.F("reminder_count") + 1, last_reminded_at=now)
        count += 1
    return count


@transaction.atomic
def participant_report_plan(*, actor: Actor, participant: Participant, number: str = "",
                            issued_on: date | None = None, file: UploadedFile | None = None,
                            child_campaign: Campaign | None = None) -> Participant:
    """A unit reports the plan it issued: number and date with the file, or its campaign here."""
    access_participant(actor, participant, write=True)
    if child_campaign is not None:
        if child_campaign.issuer_id != participant.unit_id:
            raise _fail("Kế hoạch được chọn không do đơn vị này ban hành.", "child_campaign")
        participant.child_campaign = child_campaign
        number = number or child_campaign.number_symbol
        issued_on = issued_on or child_campaign.issued_on or child_campaign.launched_on
        if child_campaign.parent_id is None:
            Campaign.objects.filter(pk=child_campaign.pk).update(parent=participant.campaign)
    if issued_on is None:
        raise _fail("Hãy ghi ngày ban hành kế hoạch của đơn vị.", "issued_on")
    if not number.strip() and child_campaign is None:
        raise _fail("Hãy ghi số, ký hiệu kế hoạch của đơn vị.", "number")
    if file is None and child_campaign is None and not participant.plan_file:
        raise _fail("Hãy đính kèm tệp kế hoạch hoặc chọn kế hoạch đã soạn trên hệ thống.", "file")
    if file is not None:
        participant.plan_file = file
    participant.plan_number = number.strip()
    participant.plan_issued_on = issued_on
    participant.plan_status = PlanIssueStatus.ISSUED
    participant.reported_at = timezone.now()
    participant.reported_by = account_of(actor)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def milestone_event_record(*, actor: Actor | None, campaign: Campaign, event: str, year: int | None,
                           occurred_on: date, note: str = "",
                           check_access: bool = True) -> MilestoneEvent:
    """The day an event happened (results recognised for a year …): relative deadlines resolve."""
    if check_access:
        access_campaign(actor, campaign, write=True)
    record, _ = MilestoneEvent.objects.update_or_create(
        campaign=campaign, event=event, year=year,
        defaults={"occurred_on": occurred_on, "note": note,
                  "recorded_by": account_of(actor)})
    return record


# --- registration -------------------------------------------------------------------------------


def _registration_window(participant: Participant, today: date) -> RegistrationException | None:
    """None when registration is open today; raises when closed and no exception is granted."""
    campaign = participant.campaign
    if campaign.is_draft:
        raise ValidationError({"unit": "Phong trào chưa được phát động nên chưa thể đăng ký."})
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError({"unit": "Phong trào đã tổng kết, không nhận đăng ký."})
    deadline = selectors.registration_deadline(campaign)
    if deadline is None or today <= deadline:
        return None
    exception = selectors.open_exception(participant, today)
    if exception is None:
        raise ValidationError({"unit": (
            f"Đã hết hạn đăng ký thi đua (chậm nhất {vn_date(deadline)}). Đơn vị cần được cơ quan "
            "chủ trì gia hạn mới đăng ký được.")})
    return exception


def _belongs(person: Person, unit: Unit, on: date) -> bool:
    """The person works in the unit (or below it) now, or did on ``on`` (a historical record)."""
    if person.unit is not None and person.unit.path.startswith(unit.path):
        return True
    return Membership.objects.filter(
        person=person, unit__path__startswith=unit.path, start__lte=on).filter(
        models.Q(end__isnull=True) | models.Q(end__gte=on)).exists()


def _check_people(participant: Participant, people: Sequence[tuple[Person, str]],
                  on: date) -> None:
    errors = []
    seen: set[int] = set()
    for index, (person, _target) in enumerate(people, start=1):
        if person.pk in seen:
            errors.append(f"Cá nhân thứ {index} ({person.full_name}) bị đăng ký hai lần.")
        seen.add(person.pk)
        if not _belongs(person, participant.unit, on):
            errors.append(f"{person.full_name} không thuộc {participant.unit.name}.")
    if errors:
        raise ValidationError({"people": errors})


def _moment(today: date | None) -> Any:
    """Now, or 9:00 of ``today`` when a past registration is recorded (demo data, imports)."""
    if today is None or today == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(today, time(9, 0)))


@transaction.atomic
def registration_submit(*, actor: Actor | None, participant: Participant, collective_target: str,
                        individual_target: str = "",
                        people: Sequence[tuple[Person, str]] = (),
                        today: date | None = None, check_access: bool = True,
                        year: int | None = None) -> Registration:
    """Register the unit (once for the whole campaign, or once for `year` where the plan asks
    for a yearly registration) with its collective target and the individuals it puts
    forward, by the deadline unless the owner granted an exception."""
    if check_access:
        access_participant(actor, participant, write=True)
    submitted_at = _moment(today)
    today = today or timezone.localdate()
    participant = Participant.objects.select_for_update().select_related(
        "campaign", "unit").get(pk=participant.pk)
    when = f" năm {year}" if year is not None else ""
    if year is not None and year not in selectors.registration_years(participant.campaign):
        raise ValidationError({"year": f"Kế hoạch này không đăng ký thi đua riêng cho năm {year}."})
    if selectors.participant_registration(participant, year) is not None:
        raise ValidationError({"unit": f"{participant.unit.name} đã đăng ký thi đua{when} theo kế "
                                       "hoạch này; hãy sửa bản đăng ký đã có."})
    exception = _registration_window(participant, today)
    if not collective_target.strip():
        raise ValidationError({"collective_target": "Hãy ghi nội dung đăng ký của tập thể."})
    _check_people(participant, people, today)
    registration = Registration(
        campaign=participant.campaign, unit=participant.unit, participant=participant, year=year,
        collective_target=collective_target.strip(), individual_target=individual_target.strip(),
        submitted_at=submitted_at, exception=exception,
        submitted_by=account_of(actor))
    registration.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError({"unit": f"{participant.unit.name} đã đăng ký thi đua{when} theo kế "
                                       "hoạch này."}) from exc
    _write_people(registration, people)
    return registration


def _write_people(registration: Registration, people: Sequence[tuple[Person, str]]) -> None:
    registration.people.all().delete()
    RegisteredPerson.objects.bulk_create([
        RegisteredPerson(registration=registration, person=person, target=target.strip(),
                         position=index)
        for index, (person, target) in enumerate(people)])


@transaction.atomic
def registration_update(*, actor: Actor, registration: Registration, collective_target: str,
                        individual_target: str = "",
                        people: Sequence[tuple[Person, str]] = (),
                        today: date | None = None) -> Registration:
    """Change a registration; the same deadline applies."""
    participant = registration.participant
    access_participant(actor, participant, write=True)
    today = today or timezone.localdate()
    exception = _registration_window(participant, today)
    if not collective_target.strip():
        raise ValidationError({"collective_target": "Hãy ghi nội dung đăng ký của tập thể."})
    _check_people(participant, people, today)
    registration.collective_target = collective_target.strip()
    registration.individual_target = individual_target.strip()
    if exception is not None:
        registration.exception = exception
    registration.full_clean(validate_unique=False)
    registration.save()
    _write_people(registration, people)
    return registration


@transaction.atomic
def registration_exception_grant(*, actor: Actor, participant: Participant, valid_until: date,
                                 reason: str, today: date | None = None) -> RegistrationException:
    """The owner lets a unit register late, until a date, for a recorded reason."""
    access_campaign(actor, participant.campaign, write=True)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if valid_until < today:
        errors["valid_until"] = "Ngày gia hạn phải từ hôm nay trở đi."
    if valid_until > participant.campaign.period_end:
        errors["valid_until"] = "Ngày gia hạn phải trong thời gian thi đua."
    if not reason.strip():
        errors["reason"] = "Hãy ghi lý do gia hạn."
    if errors:
        raise ValidationError(errors)
    granted = RegistrationException.objects.create(
        participant=participant, valid_until=valid_until, reason=reason.strip(),
        granted_by=account_of(actor))
    emit("registration_extended", exception=granted)  # the unit's officers (thidua.notices)
    return granted


__all__ = ["HEADER_KEYS", "PlanInvalid", "RoleAssignment"]
