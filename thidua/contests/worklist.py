"""The contests' part of "Việc cần làm": rounds about to open or waiting for their prizes (the
organiser's officers), open rounds a staff member has not taken yet
(thidua.core.worklist_registry)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment
from thidua.contests.models import Attempt, Round
from thidua.core.worklist_registry import WorkItem

SOON_DAYS = 14  # a round opening within two weeks is worth preparing now
G_OPEN = "Chuẩn bị mở vòng thi"
G_PRIZES = "Trao giải vòng thi"
G_TAKE = "Tham gia cuộc thi trực tuyến"


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def items(user: Any, today: date) -> list[WorkItem]:
    out: list[WorkItem] = []
    now = timezone.now()
    organisers = list(RoleAssignment.objects.filter(
        user=user, role__in=(Role.OWNER, Role.OFFICER), unit__isnull=False)
        .values_list("unit_id", flat=True))
    if organisers:
        start = timezone.make_aware(datetime.combine(today, time.min))
        rounds = (Round.objects.filter(contest__organiser_id__in=organisers)
                  .select_related("contest").order_by("opens_at", "id"))
        soon = rounds.filter(opens_at__gte=start, opens_at__lt=start + timedelta(days=SOON_DAYS + 1))
        for r in soon:
            if r.opens_at <= now:
                continue
            out.append(WorkItem(group=G_OPEN, order=60, action="Kiểm tra ngân hàng câu hỏi, thể lệ",
                                title=f"{r.contest.title} – {r}", due=_day(r.opens_at),
                                url=reverse("contests:round", args=[r.pk])))
        for r in rounds.filter(closes_at__lte=now, prizes_awarded_at__isnull=True):
            out.append(WorkItem(group=G_PRIZES, order=61, action="Xét, trao giải",
                                title=f"{r.contest.title} – {r}",
                                url=reverse("contests:round", args=[r.pk]),
                                key=f"prizes:{r.pk}", unit_id=r.contest.organiser_id,
                                announce=True))
    person = getattr(user, "person", None)
    if person is not None and person.unit_id:
        taken = Attempt.objects.filter(round=OuterRef("pk"), participant__person=person)
        open_rounds = (Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
                       .filter(contest__organiser__path__in=_ancestors(person.unit.path))
                       .annotate(taken=Exists(taken)).filter(taken=False)
                       .select_related("contest").order_by("closes_at", "id"))
        for r in open_rounds:
            out.append(WorkItem(group=G_TAKE, order=70, action="Vào thi",
                                title=f"{r.contest.title} – {r}", due=_day(r.closes_at),
                                url=reverse("contests:round", args=[r.pk])))
    return out


def _ancestors(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
