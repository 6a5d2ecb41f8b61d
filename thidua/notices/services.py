"""Writes of the notices app: notify users (in the app, and by e-mail at once or in the daily
digest), mark read, choose the digest, send the daily digests and the scheduled reminders."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.contests.models import Round
from thidua.core.text import vn_date
from thidua.core.worklist_registry import WorkItem, worklist_for
from thidua.notices.models import Notice, Preference, Reminder

log = logging.getLogger(__name__)
SUBJECT = "[Thi đua CCHC] "


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def _mail(address: str, subject: str, body: str) -> bool:
    """Send one e-mail; False when the mail server refused it (logged; the notice stays marked
    as not e-mailed, so the next digest run sends it again)."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("notice e-mail to %s failed: %s", address, error)
        return False
    return True


def _digest_users(user_ids: Iterable[int]) -> set[int]:
    return set(Preference.objects.filter(user_id__in=list(user_ids), daily_digest=True)
               .values_list("user_id", flat=True))


@transaction.atomic
def notify(*, users: Iterable[Any], message: str, url: str = "", event: str = "work_handed"
           ) -> list[Notice]:
    """A notice to each user (once each); e-mailed after commit to those with an address who did
    not choose the daily digest."""
    return notify_each(event=event, notices=[(user, message, url) for user in users])


@transaction.atomic
def notify_each(*, event: str, notices: Iterable[tuple[Any, str, str]]) -> list[Notice]:
    """Notices of one event, each (user, message, url) its own — one insert for all of them; a
    user gets one notice per message. E-mailed after commit to those with an address who did not
    choose the daily digest."""
    wanted: dict[tuple[int, str], tuple[Any, str, str]] = {}
    for user, message, url in notices:
        if user is not None and user.is_active:
            wanted.setdefault((user.pk, message), (user, message, url))
    if not wanted:
        return []
    rows = Notice.objects.bulk_create(
        [Notice(user=u, event=event, message=m, url=url) for u, m, url in wanted.values()])
    users = {u.pk: u for u, _m, _url in wanted.values()}
    digest = _digest_users(users)
    now_mail = [(n.pk, users[n.user_id].email, n.message, n.url) for n in rows
                if n.user_id not in digest and users[n.user_id].email]
    if now_mail:
        def deliver() -> None:
            for pk, address, message, url in now_mail:
                body = message + (f"\n\nXem và xử lý: {_absolute(url)}" if url else "")
                if _mail(address, SUBJECT + message[:100], body):
                    Notice.objects.filter(pk=pk).update(emailed_at=timezone.now())
        transaction.on_commit(deliver)
    return rows


def notices_mark_read(*, user: Any, ids: Sequence[int] | None = None) -> int:
    qs = Notice.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: Any, daily_digest: bool) -> Preference:
    preference, _ = Preference.objects.select_for_update().get_or_create(user=user)
    if preference.daily_digest != daily_digest:
        preference.daily_digest = daily_digest
        preference.full_clean()
        preference.save()
    return preference


def digests_send(*, today: date | None = None) -> int:
    """One e-mail per user who chose the digest, listing the notices not yet e-mailed; a user
    gets at most one digest a day. Returns how many digests went out."""
    today = today or timezone.localdate()
    sent = 0
    preferences = (Preference.objects.filter(daily_digest=True, user__is_active=True)
                   .exclude(last_digest_on=today).exclude(user__email="").select_related("user"))
    for preference in preferences:
        with transaction.atomic():
            locked = Preference.objects.select_for_update().get(pk=preference.pk)
            if locked.last_digest_on == today:
                continue  # another worker sent it
            pending = list(Notice.objects.filter(user_id=locked.user_id, emailed_at__isnull=True)
                           .order_by("created_at", "id"))
            if not pending:
                continue
            lines = [f"Thông báo trên hệ thống Thi đua CCHC đến {vn_date(today)}:", ""]
            for n in pending:
                when = timezone.localtime(n.created_at).strftime("%d/%m/%Y %H:%M")
                lines.append(f"- {when}: {n.message}")
                if n.url:
                    lines.append(f"  {_absolute(n.url)}")
            if not _mail(preference.user.email, SUBJECT + f"Tổng hợp thông báo {today:%d/%m/%Y}",
                         "\n".join(lines)):
                continue
            Notice.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
            locked.last_digest_on = today
            locked.save(update_fields=["last_digest_on"])
            sent += 1
    return sent


REMINDED_ROLES = (Role.OFFICER, Role.OWNER)


def _in_sentence(heading: str) -> str:
    """A heading inside a sentence: its first letter in lower case, the rest as written
    («Trình Hội đồng Thi đua – Khen thưởng» -> «trình Hội đồng Thi đua – Khen thưởng»)."""
    return heading[:1].lower() + heading[1:]


def _reminder_text(item: WorkItem, days: int) -> str:
    due = item.effective_due
    assert due is not None
    when = "hôm nay là hạn cuối" if days == 0 else f"còn {days} ngày"
    return (f"Nhắc hạn: {_in_sentence(item.group)} – {item.title}: {when} "
            f"({'gia hạn đến' if item.extended_to else 'hạn'} {due:%d/%m/%Y}).")


def _tell_once(*, key: str, unit_id: int, due: date, days_before: int, message: str,
               users: Sequence[Any], url: str, event: str) -> bool:
    """Notify `users` unless this (key, unit, due date, day) was told before. The Reminder row is
    created first: its unique constraint stops a second run or a second worker, which then tells
    nobody. False when it was told already."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Reminder.objects.create(key=key, unit_id=unit_id, due=due, days_before=days_before,
                                        message=message, recipients=len(users))
        except IntegrityError:
            return False  # an earlier run, another worker right now, or the round's creation
        notify(users=users, message=message, url=url, event=event)
    return True


def reminders_send(*, today: date | None = None) -> int:
    """Remind each unit of its deadlines on the days its campaign sets (7, 3, 1 days before by
    default). A (deadline, unit, due date, day) is reminded once, ever: the Reminder row is
    created first and its unique constraint stops a second run or a second worker. Returns how
    many reminders went out."""
    today = today or timezone.localdate()
    wanted: dict[tuple[str, int, date, int], tuple[WorkItem, list[User]]] = {}
    users = User.objects.filter(is_active=True, role_assignments__role__in=REMINDED_ROLES
                                ).distinct().order_by("pk")
    for user in users:
        for item in worklist_for(user, today):
            due = item.effective_due
            if not item.key or item.unit_id is None or due is None:
                continue
            days = (due - today).days
            if days not in item.remind_days:
                continue
            wanted.setdefault((item.key, item.unit_id, due, days), (item, []))[1].append(user)
    sent = 0
    for (work, unit_id, due, days), (item, recipients) in sorted(wanted.items(),
                                                                 key=lambda kv: kv[0][:2]):
        sent += _tell_once(key=work, unit_id=unit_id, due=due, days_before=days,
                           message=_reminder_text(item, days), users=recipients, url=item.url,
                           event="reminder")
    return sent


# An item without a deadline is announced once, whatever the day: its Reminder row carries this
# date in place of a deadline (the unique constraint then holds per item and unit).
NO_DUE = date(2000, 1, 1)
ARRIVAL = "moi:"  # prefix of an arrival's Reminder key, apart from the reminders of that item


def _items_by_unit(today: date, wanted: Callable[[WorkItem], bool]
                   ) -> dict[tuple[str, int], tuple[WorkItem, list[User]]]:
    """The to-do items of the officers and owners that `wanted` picks, each (key, unit) once with
    the users whose list has it."""
    found: dict[tuple[str, int], tuple[WorkItem, list[User]]] = {}
    users = User.objects.filter(is_active=True, role_assignments__role__in=REMINDED_ROLES
                                ).distinct().order_by("pk")
    for user in users:
        for item in worklist_for(user, today):
            if item.key and item.unit_id is not None and wanted(item):
                found.setdefault((item.key, item.unit_id), (item, []))[1].append(user)
    return found


def arrivals_send(*, today: date | None = None) -> int:
    """Tell the officers and owners once of the to-do items that appear by a date passing, not by
    a step someone took (`WorkItem.announce`): the step-driven ones are told by their events.
    Once ever per item and unit (a Reminder row, created first). Returns how many went out."""
    today = today or timezone.localdate()
    sent = 0
    for (key, unit_id), (item, recipients) in sorted(
            _items_by_unit(today, lambda i: i.announce).items()):
        sent += _tell_once(key=(ARRIVAL + key)[:120], unit_id=unit_id,
                           due=item.effective_due or NO_DUE, days_before=0,
                           message=f"Việc mới: {_in_sentence(item.group)} – {item.title}.",
                           users=recipients, url=item.url, event="work_appeared")
    return sent


# --- contest rounds: the staff are told on the day a round opens ------------------------------

ROUND_OPENS = "vong-mo:"  # prefix of the Reminder key of a round's opening-day notice


def contest_staff(round_: Round) -> QuerySet[User]:
    """The accounts of the people working in the organiser's units: who takes the contest
    (contests.access.is_eligible_staff, 003 §I.2: all staff)."""
    return (User.objects.filter(is_active=True,
                                person__unit__path__startswith=round_.contest.organiser.path)
            .order_by("pk"))


def round_opening_message(round_: Round) -> str:
    opens = timezone.localtime(round_.opens_at)
    closes = timezone.localtime(round_.closes_at)
    until = (f"{closes:%H:%M}" if closes.date() == opens.date()
             else f"{closes:%H:%M} ngày {closes:%d/%m/%Y}")
    return (f"Vòng thi mở hôm nay: Cuộc thi “{round_.contest.title}” – {round_.title}, "
            f"từ {opens:%H:%M} ngày {opens:%d/%m/%Y} đến {until}. Mời vào thi.")


def round_opening_notify(*, round_: Round) -> bool:
    """Tell the staff once that the round opens (or opened) today, with the link to take it (keyed
    by the round, the organiser and the opening day). False when they were told already."""
    # Staff of a unit under the organiser see its contests (contests_visible_to): every one of
    # them may open the round's page.
    return _tell_once(key=f"{ROUND_OPENS}{round_.pk}", unit_id=round_.contest.organiser_id,
                      due=timezone.localtime(round_.opens_at).date(), days_before=0,
                      message=round_opening_message(round_), users=list(contest_staff(round_)),
                      url=reverse("contests:round", args=[round_.pk]),
                      event="contest_round_opened")


def rounds_opening_send(*, today: date | None = None) -> int:
    """The morning job's part for contests: each round opening today (and not closed yet) is
    announced to the staff of the organiser's units, once. Returns how many rounds were
    announced."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    rounds = (Round.objects.filter(opens_at__gte=start, opens_at__lt=start + timedelta(days=1),
                                   closes_at__gt=timezone.now())
              .select_related("contest__organiser").order_by("opens_at", "pk"))
    return sum(round_opening_notify(round_=r) for r in rounds)
