"""The awards' part of "Việc cần làm": dossiers to complete, resubmit, receive, appraise, send to
the council or to the signer; council sessions to vote in; decisions to sign
(thidua.core.worklist_registry).

The work is the user's own: a unit's officer completes that unit's dossiers; the Home Affairs
office of a level receives what is sent to that level; a council member votes in that council's
sessions; the chairman signs for that level. Every link is a page the awards' access functions
let the user open (the nominating unit's dossier, the receiving level's dossier, meeting,
decisions)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from thidua.accounts.models import Role, RoleAssignment
from thidua.awards import selectors
from thidua.awards.models import (
    CouncilMeeting,
    CouncilMember,
    DeadlineException,
    Dossier,
    MeetingStatus,
    State,
)
from thidua.campaigns.selectors import reminder_days
from thidua.core.worklist_registry import WorkItem

G_COMPLETE = "Hoàn thiện, gửi hồ sơ đề nghị khen thưởng"
G_RESUBMIT = "Bổ sung hồ sơ bị trả lại"
G_RECEIVE = "Tiếp nhận hồ sơ"
G_APPRAISE = "Thẩm định hồ sơ"
G_COUNCIL = "Trình Hội đồng Thi đua – Khen thưởng"
G_AFTER_VOTE = "Trình ký sau biểu quyết"
G_VOTE = "Họp, biểu quyết của Hội đồng"
G_SIGN = "Ký quyết định khen thưởng"


def _assigned(user: Any, roles: tuple[str, ...]) -> list[int]:
    return list(RoleAssignment.objects.filter(user=user, role__in=roles, unit__isnull=False)
                .values_list("unit_id", flat=True))


def _title(d: Dossier) -> str:
    return f"Hồ sơ của {d.unit.name} – “{d.campaign.title}”, năm {d.year}"


def _unit_items(user: Any, units: list[int], today: date) -> list[WorkItem]:
    dossiers = list(Dossier.objects.filter(unit_id__in=units,
                                           state__in=(State.DRAFT, State.RETURNED))
                    .select_related("campaign", "unit").order_by("id"))
    if not dossiers:
        return []
    deadlines = selectors.days_left_map(dossiers)
    extensions: dict[tuple[int, int, str, int], date] = {}
    for e in DeadlineException.objects.filter(unit_id__in=units, valid_until__gte=today):
        key = (e.campaign_id, e.unit_id, e.scope, e.year)
        extensions[key] = max(extensions.get(key, e.valid_until), e.valid_until)
    out = []
    for d in dossiers:
        deadline = deadlines.get(d.pk)
        returned = d.state == State.RETURNED
        note = ""
        if deadline is not None and deadline.due is None and deadline.waiting_for:
            note = f"Hạn nộp tính từ: {deadline.waiting_for}"
        if returned and d.return_reasons:
            note = f"Lý do trả lại: {d.return_reasons}"
        out.append(WorkItem(
            group=G_RESUBMIT if returned else G_COMPLETE, order=30 if returned else 31,
            action="Bổ sung, gửi lại" if returned else "Hoàn thiện, gửi",
            title=_title(d), url=reverse("awards:dossier", args=[d.pk]),
            due=deadline.due if deadline else None,
            extended_to=extensions.get((d.campaign_id, d.unit_id, d.scope, d.year)), note=note,
            key=f"dossier:{d.pk}", unit_id=d.unit_id, remind_days=reminder_days(d.campaign)))
    return out


RECEIVER_STEPS = {
    State.SUBMITTED: (G_RECEIVE, 40, "Tiếp nhận"),
    State.RECEIVED: (G_APPRAISE, 41, "Nhận thẩm định"),
    State.UNDER_APPRAISAL: (G_APPRAISE, 41, "Thẩm định"),
    State.APPRAISED: (G_COUNCIL, 42, "Trình Hội đồng"),
    State.VOTED: (G_AFTER_VOTE, 44, "Trình người ký hoặc cấp trên"),
}


def _receiver_items(user: Any, units: list[int]) -> list[WorkItem]:
    dossiers = (Dossier.objects.filter(receiver_id__in=units, state__in=list(RECEIVER_STEPS))
                .filter(Q(state=State.UNDER_APPRAISAL, appraiser=user)
                        | ~Q(state=State.UNDER_APPRAISAL))
                .select_related("campaign", "unit").order_by("submitted_at", "id"))
    out = []
    for d in dossiers:
        group, order, action = RECEIVER_STEPS[State(d.state)]
        out.append(WorkItem(group=group, order=order, action=action, title=_title(d),
                            url=reverse("awards:dossier", args=[d.pk])))
    return out


def _meeting_items(user: Any, council_units: list[int]) -> list[WorkItem]:
    linked = CouncilMember.objects.filter(user=user, active=True).values("council_id")
    meetings = (CouncilMeeting.objects.filter(status=MeetingStatus.OPEN)
                .filter(Q(council__unit_id__in=council_units) | Q(council_id__in=linked))
                .filter(dossiers__state=State.BEFORE_COUNCIL).distinct()
                .select_related("council").order_by("held_on", "id"))
    return [WorkItem(group=G_VOTE, order=43, action="Biểu quyết",
                     title=f"{m.council.name}: {m.purpose}",
                     url=reverse("awards:meeting", args=[m.pk]), due=m.held_on)
            for m in meetings]


def _sign_items(units: list[int]) -> list[WorkItem]:
    dossiers = (Dossier.objects.filter(receiver_id__in=units, state=State.PROPOSED)
                .select_related("campaign", "unit").order_by("updated_at", "id"))
    return [WorkItem(group=G_SIGN, order=45, action="Xem và ký quyết định", title=_title(d),
                     url=reverse("awards:decisions")) for d in dossiers]


def items(user: Any, today: date) -> list[WorkItem]:
    out: list[WorkItem] = []
    writers = _assigned(user, (Role.OFFICER, Role.OWNER))
    if writers:
        out += _unit_items(user, writers, today)
    owners = _assigned(user, (Role.OWNER,))
    if owners:
        out += _receiver_items(user, owners)
    out += _meeting_items(user, _assigned(user, (Role.COUNCIL,)))
    signers = _assigned(user, (Role.SIGNER,))
    if signers:
        out += _sign_items(signers)
    return out
