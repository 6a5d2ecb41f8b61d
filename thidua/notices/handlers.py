"""What the notices app does when another app emits an event (thidua.core.events): one handler
per event decides who receives it, the plain-Vietnamese message and the link. The table of
events, recipients and messages is in docs/notices.md.

A link is given only to a recipient whose access lets them open it (the app's access
functions); anyone else gets the message without the link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.access import access_prime
from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards.access import can_read_dossier, decisions_visible_to, meetings_visible_to
from thidua.awards.models import AwardDecision, Council, CouncilMeeting, Dossier
from thidua.campaigns.access import participants_visible_to
from thidua.campaigns.models import Campaign, Participant, RegistrationException
from thidua.contests.models import Round
from thidua.core.text import vn_date
from thidua.documents.text import body_in_text
from thidua.notices import services
from thidua.org.models import Unit

# (user, message, url) — one notice each.
Told = tuple[Any, str, str]


def _ancestor_paths(unit: Unit) -> list[str]:
    parts = unit.path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def holding_role_over(unit: Unit, *roles: str) -> list[User]:
    """Active users holding one of `roles` over `unit`: on the unit itself or an ancestor."""
    return list(User.objects.filter(
        pk__in=RoleAssignment.objects.filter(role__in=roles, unit__path__in=_ancestor_paths(unit))
        .values("user_id"), is_active=True).order_by("pk"))


def officers_of(units: Iterable[Unit]) -> dict[int, list[User]]:
    """The officers assigned to each unit itself (not its ancestors), in one query: the people
    who answer what a campaign asks of that unit."""
    ids = [u.pk for u in units]
    found: dict[int, list[User]] = {pk: [] for pk in ids}
    for a in (RoleAssignment.objects.filter(role=Role.OFFICER, unit_id__in=ids,
                                            user__is_active=True)
              .select_related("user").order_by("user_id")):
        assert a.unit_id is not None
        if a.user not in found[a.unit_id]:
            found[a.unit_id].append(a.user)
    return found


def _linked(users: Iterable[Any], message: str, url: str,
            may_open: Callable[[Any], bool]) -> list[Told]:
    """(user, message, url) for each user; the url only for those who may open it."""
    return [(u, message, url if url and may_open(u) else "") for u in users]


# Users whose access is checked in one query (one EXISTS each); more recipients take more queries.
VISIBLE_CHUNK = 100


def visible_pairs(visible_to: Callable[[Any], QuerySet[Any]], ids: Iterable[int],
                  users: Sequence[Any]) -> set[tuple[int, int]]:
    """(object pk, user pk) for each object among `ids` that the user may open, by the entity's
    own `<entity>s_visible_to` — one query per VISIBLE_CHUNK users, not one per recipient: their
    roles and scopes are learnt together (access_prime), then each user's queryset is one EXISTS
    of a single query over the objects."""
    ids = list(ids)
    users = [u for u in users if u is not None]
    if not ids or not users:
        return set()
    access_prime(users)
    model = visible_to(users[0]).model
    found: set[tuple[int, int]] = set()
    for start in range(0, len(users), VISIBLE_CHUNK):
        chunk = users[start:start + VISIBLE_CHUNK]
        rows = model._default_manager.filter(pk__in=ids).values("pk").annotate(**{
            f"u{user.pk}": Exists(visible_to(user).filter(pk=OuterRef("pk"))) for user in chunk})
        for row in rows:
            found.update((row["pk"], user.pk) for user in chunk if row[f"u{user.pk}"])
    return found


def _tell(event: str, told: Iterable[Told]) -> None:
    services.notify_each(event=event, notices=told)


# --- campaigns ------------------------------------------------------------------------------


def _participant_url(participant: Participant) -> str:
    return reverse("campaigns:participant", args=[participant.pk])


def _may_open_participant(participant: Participant) -> Callable[[Any], bool]:
    return lambda user: participants_visible_to(user).filter(pk=participant.pk).exists()


def _to_participants(event: str, campaign: Campaign, message: str) -> None:
    """Each participating unit's officers, with the unit's part when they may open it: the
    access of all of them is checked together (visible_pairs), so a launch to 56 units costs the
    same queries as a launch to 3."""
    participants = list(campaign.participants.select_related("unit").order_by("unit__path"))
    officers = officers_of(p.unit for p in participants)
    everyone = list({u.pk: u for p in participants for u in officers[p.unit_id]}.values())
    may_open = visible_pairs(participants_visible_to, [p.pk for p in participants], everyone)
    told: list[Told] = []
    for p in participants:
        told += [(u, message, _participant_url(p) if (p.pk, u.pk) in may_open else "")
                 for u in officers[p.unit_id]]
    _tell(event, told)


def campaign_launched(*, campaign: Campaign, **_: Any) -> None:
    """A plan was launched: each participating unit's officers are asked to issue the unit's own
    plan (the cascade) and to register."""
    due = f" trước {vn_date(campaign.cascade_due)}" if campaign.cascade_due else ""
    _to_participants(
        "campaign_launched", campaign,
        f"{body_in_text(campaign.issuing_body)} phát động “{campaign.title}”. Đề nghị đơn vị ban hành "
        f"kế hoạch thực hiện{due} và đăng ký thi đua theo kế hoạch.")


def campaign_amended(*, campaign: Campaign, effective_on: date, reason: str, **_: Any) -> None:
    """A launched plan was amended: the participating units' officers read the new version."""
    _to_participants(
        "campaign_amended", campaign,
        f"Kế hoạch “{campaign.title}” được sửa đổi, bổ sung (phiên bản {campaign.version}, áp "
        f"dụng từ {effective_on:%d/%m/%Y}): {reason}")


def cascade_reminder(*, participant: Participant, plan_due: date | None = None,
                     plan_missing: bool = False, registration_missing: bool = False,
                     registration_due: date | None = None, **_: Any) -> None:
    """The issuing office reminds a late unit: its officers are told what is still missing."""
    missing = []
    if plan_missing:
        due = f" (hạn {plan_due:%d/%m/%Y})" if plan_due else ""
        missing.append(f"ban hành kế hoạch thực hiện{due}")
    if registration_missing:
        due = f" (hạn {registration_due:%d/%m/%Y})" if registration_due else ""
        missing.append(f"đăng ký thi đua{due}")
    if not missing:
        return
    message = (f"Nhắc việc: {participant.unit.name} chưa " + " và ".join(missing)
               + f" theo “{participant.campaign.title}”.")
    url = (_participant_url(participant) if plan_missing
           else reverse("campaigns:register", args=[participant.pk]))
    _tell("cascade_reminder", _linked(officers_of([participant.unit])[participant.unit_id],
                                      message, url, _may_open_participant(participant)))


def registration_extended(*, exception: RegistrationException, **_: Any) -> None:
    """A unit may register late: its officers are told until when."""
    participant = exception.participant
    message = (f"{participant.unit.name} được gia hạn đăng ký thi đua theo “"
               f"{participant.campaign.title}” đến hết ngày {exception.valid_until:%d/%m/%Y}.")
    _tell("registration_extended", _linked(
        officers_of([participant.unit])[participant.unit_id], message,
        reverse("campaigns:register", args=[participant.pk]), _may_open_participant(participant)))


# --- award dossiers -------------------------------------------------------------------------


def _dossier_url(dossier: Dossier) -> str:
    return reverse("awards:dossier", args=[dossier.pk])


def _label(dossier: Dossier) -> str:
    return (f"Hồ sơ đề nghị khen thưởng của {dossier.unit.name} – “{dossier.campaign.title}”, "
            f"năm {dossier.year}")


def _unit_people(dossier: Dossier) -> list[User]:
    """Who writes the dossier: the nominating unit's officers (there or above) and its author."""
    people = holding_role_over(dossier.unit, Role.OFFICER)
    author = dossier.created_by
    if author is not None and author.is_active and author not in people:
        people.append(author)
    return people


def _office(unit: Unit) -> list[User]:
    """The emulation office (Home Affairs) that receives and appraises at `unit`'s level."""
    return holding_role_over(unit, Role.OWNER)


def _about_dossier(dossier: Dossier, users: Iterable[Any], message: str) -> list[Told]:
    return _linked(users, message, _dossier_url(dossier),
                   lambda user: can_read_dossier(user, dossier))


def dossier_submitted(*, dossier: Dossier, **_: Any) -> None:
    """A unit sent its dossier: the receiving level's office has it to receive."""
    _tell("dossier_submitted", _about_dossier(
        dossier, _office(dossier.receiver),
        f"{_label(dossier)} đã được gửi đến {dossier.receiver.name}, chờ tiếp nhận."))


def dossier_returned(*, dossier: Dossier, reason: str, **_: Any) -> None:
    """The office returned a dossier: the unit's officers have it to complete and resubmit."""
    _tell("dossier_returned", _about_dossier(
        dossier, _unit_people(dossier),
        f"{_label(dossier)} bị trả lại để bổ sung: {reason}. Đề nghị bổ sung và gửi lại."))


_PROGRESS = {
    "dossier_received": "đã được {receiver} tiếp nhận",
    "dossier_appraised": "đã được {receiver} thẩm định xong",
    "dossier_voted": "đã được Hội đồng Thi đua – Khen thưởng biểu quyết",
    "dossier_proposed": "đã được trình người có thẩm quyền ký quyết định khen thưởng",
}


def _progress(event: str, dossier: Dossier) -> list[Told]:
    what = _PROGRESS[event].format(receiver=dossier.receiver.name)
    return _about_dossier(dossier, _unit_people(dossier), f"{_label(dossier)} {what}.")


def dossier_received(*, dossier: Dossier, **_: Any) -> None:
    """Progress for the nominating unit: its dossier was received."""
    _tell("dossier_received", _progress("dossier_received", dossier))


def dossier_appraised(*, dossier: Dossier, **_: Any) -> None:
    """Progress for the nominating unit: the appraisal is done (next: the council)."""
    _tell("dossier_appraised", _progress("dossier_appraised", dossier))


def dossier_voted(*, dossier: Dossier, **_: Any) -> None:
    """The council voted: the receiving office has the dossier to propose to the signer or to
    forward; the nominating unit is told of the progress."""
    told = _progress("dossier_voted", dossier)
    told += _about_dossier(
        dossier, _office(dossier.receiver),
        f"{_label(dossier)} đã được Hội đồng biểu quyết. Đề nghị trình người ký hoặc trình "
        "cấp trên.")
    _tell("dossier_voted", told)


def dossier_proposed(*, dossier: Dossier, **_: Any) -> None:
    """The office proposed the dossier to the signer: the chairman has a decision to sign."""
    told = _progress("dossier_proposed", dossier)
    signers = holding_role_over(dossier.receiver, Role.SIGNER)
    told += _linked(signers, f"{_label(dossier)} được trình ký quyết định khen thưởng.",
                    reverse("awards:decisions"), lambda user: True)  # the signer's own page
    _tell("dossier_proposed", told)


def dossier_forwarded(*, dossier: Dossier, upper: Dossier, **_: Any) -> None:
    """The receiving level proposes to the level above: that level's office has a dossier to
    receive; the nominating unit is told where its dossier went."""
    told = _about_dossier(
        dossier, _unit_people(dossier),
        f"{_label(dossier)} đã được trình lên {upper.receiver.name}.")
    told += _about_dossier(
        upper, _office(upper.receiver),
        f"Hồ sơ đề nghị khen thưởng của {upper.unit.name} được trình lên {upper.receiver.name}, "
        "chờ tiếp nhận.")
    _tell("dossier_forwarded", told)


def dossier_rejected(*, dossier: Dossier, reason: str, **_: Any) -> None:
    """The dossier will not be awarded: the nominating unit is told why."""
    _tell("dossier_rejected", _about_dossier(
        dossier, _unit_people(dossier), f"{_label(dossier)} không được khen thưởng: {reason}."))


def dossier_deadline_extended(*, campaign: Campaign, unit: Unit, scope: str, year: int,
                              valid_until: date, reason: str, **_: Any) -> None:
    """A unit may send its dossier late: its officers are told until when (with the dossier,
    when there is one)."""
    message = (f"{unit.name} được gia hạn nộp hồ sơ đề nghị khen thưởng theo “{campaign.title}” "
               f"đến hết ngày {valid_until:%d/%m/%Y}: {reason}")
    dossier = (Dossier.objects.filter(campaign=campaign, unit=unit, scope=scope, year=year)
               .select_related("unit").order_by("-pk").first())
    users = holding_role_over(unit, Role.OFFICER)
    told = (_about_dossier(dossier, users, message) if dossier is not None
            else _linked(users, message, reverse("awards:index"), lambda user: True))
    _tell("dossier_deadline_extended", told)


def council_recipients(council: Council) -> list[User]:
    """The accounts of a council's members: each active member's linked account when members
    are linked to accounts, otherwise whoever holds the council role over the council's unit."""
    linked = [m.user for m in council.members.filter(active=True, user__isnull=False,
                                                     user__is_active=True).select_related("user")
              if m.user is not None]
    return linked or holding_role_over(council.unit, Role.COUNCIL)


def dossier_sent_to_council(*, dossier: Dossier, meeting: CouncilMeeting, **_: Any) -> None:
    """A dossier entered a council session: its members have candidates to vote on."""
    council = meeting.council
    held = meeting.held_on.strftime("%d/%m/%Y")
    _tell("dossier_sent_to_council", _linked(
        council_recipients(council),
        f"Hồ sơ đề nghị khen thưởng của {dossier.unit.name} đã được trình {council.name} "
        f"(phiên họp ngày {held}: {meeting.purpose}). Đề nghị xem xét, biểu quyết.",
        reverse("awards:meeting", args=[meeting.pk]),
        lambda user: meetings_visible_to(user).filter(pk=meeting.pk).exists()))


def decision_signed(*, decision: AwardDecision, dossiers: Sequence[Dossier], **_: Any) -> None:
    """The decision was signed: the nominating units (their officers, the dossiers' authors)
    have it to read and to hand the certificates over. A decision of many dossiers reads their
    officers in one query."""
    rows = list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers])
                .select_related("unit", "created_by").order_by("unit__path"))
    paths = {p for d in rows for p in _ancestor_paths(d.unit)}
    assignments = list(RoleAssignment.objects.filter(
        role=Role.OFFICER, unit__path__in=paths, user__is_active=True)
        .select_related("user", "unit").order_by("user_id"))
    people: list[User] = []
    for d in rows:
        for a in assignments:
            if a.unit is not None and d.unit.path.startswith(a.unit.path) and a.user not in people:
                people.append(a.user)
        if d.created_by is not None and d.created_by.is_active and d.created_by not in people:
            people.append(d.created_by)
    count = decision.awards.count()
    may_read = visible_pairs(decisions_visible_to, [decision.pk], people)  # one check for all
    _tell("decision_signed", _linked(
        people, f"Đã có Quyết định số {decision.number_symbol} ngày "
                f"{decision.signed_on:%d/%m/%Y} khen thưởng {count} tập thể, cá nhân.",
        reverse("awards:decision", args=[decision.pk]),
        lambda user: (decision.pk, user.pk) in may_read))


# --- contests and results ------------------------------------------------------------------


def contest_round_created(*, round_: Round, **_: Any) -> None:
    """A round of an online contest was set: the organiser's staff (accounts of people working
    in its units) are told when it opens, so they can plan; on the opening day the morning job
    calls them to take it (services.rounds_opening_send). A round set on its opening day, or
    already open, is that call at once (and the morning job does not repeat it); a round entered
    after it closed asks nothing of anyone."""
    if round_.closes_at <= timezone.now():
        return
    if timezone.localtime(round_.opens_at).date() <= timezone.localdate():
        services.round_opening_notify(round_=round_)
        return
    contest = round_.contest
    opens = timezone.localtime(round_.opens_at)
    closes = timezone.localtime(round_.closes_at)
    message = (f"Cuộc thi “{contest.title}” – {round_.title}: mở từ {opens:%H:%M} ngày "
               f"{opens:%d/%m/%Y} đến {closes:%H:%M} ngày {closes:%d/%m/%Y}. Đề nghị tham gia.")
    _tell("contest_round_created", _linked(
        services.contest_staff(round_), message, reverse("contests:round", args=[round_.pk]),
        # staff of a unit under the organiser see its contests (contests_visible_to); a
        # whole province's staff is not checked one by one
        lambda user: True))


def judge_reminded(*, stage: Any, judge: Any, progress: str, remaining: int, **_: Any) -> None:
    """The organiser reminds a judge behind in a stage: the judge is told what is left, with the
    stage's page (a judge sees their own list there)."""
    _tell("judge_reminded", _linked(
        [judge.user], f"Nhắc chấm bài: {stage.panel.name} — {stage.name}: bạn {progress}, còn "
                      f"{remaining} bài chưa chấm. Mời vào chấm.",
        reverse("judging:stage", args=[stage.pk]), lambda user: True))


def results_recognised(*, evaluator: Unit, year: int, recognised_on: date,
                       decision_number: str = "", units: Sequence[Unit] = (), **_: Any) -> None:
    """The year's PAR INDEX results were recognised: relative dossier deadlines start now, so
    the scored units' officers are told to prepare their dossiers."""
    decision = f" (Quyết định số {decision_number})" if decision_number else ""
    message = (f"Kết quả Chỉ số CCHC năm {year} của {evaluator.name} đã được công nhận ngày "
               f"{recognised_on:%d/%m/%Y}{decision}. Hạn nộp hồ sơ đề nghị khen thưởng tính từ "
               "ngày này.")
    officers = officers_of(units)
    people: list[User] = []
    for unit in units:
        people += [u for u in officers[unit.pk] if u not in people]
    _tell("results_recognised", _linked(people, message, reverse("awards:index"),
                                        lambda user: True))  # every signed-in user's page

