"""Reads of the writing contest: the blind view for judges, results, prizes as facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.access import WRITE_ROLES, scope_paths, unit_scope_q
from thidua.judging import selectors as judging_selectors
from thidua.judging.registry import BlindEntry, BlindFile
from thidua.org.models import Unit
from thidua.writing.models import Entry, Prize, WritingContest


def blind_entry(entry_id: int) -> BlindEntry:
    """What a judge sees of an entry (thidua.judging.registry): no author, no unit."""
    entry = Entry.objects.select_related("topic", "contest__panel", "unit").get(pk=entry_id)
    author = ""
    if entry.contest.panel.revealed_at is not None:
        author = ", ".join(c.person.full_name for c in entry.coauthors.select_related("person")) \
            + f" ({entry.unit.name})"
    return BlindEntry(title=entry.title, text=entry.text, topic=entry.topic.title, author=author,
                      files=[BlindFile(f"Tệp đính kèm {i}", reverse("writing:judge_file", args=[f.pk]))
                             for i, f in enumerate(entry.files.order_by("pk"), start=1)])


def contest_entries(contest: WritingContest) -> QuerySet[Entry]:
    return (Entry.objects.filter(contest=contest)
            .select_related("author", "unit", "topic", "judging_entry")
            .prefetch_related("coauthors__person", "files"))


@dataclass
class ResultLine:
    entry: Entry
    rank: int | None
    average: Any
    count: int
    advances: bool


def stage_lines(contest: WritingContest, stage: Any) -> list[ResultLine]:
    """The stage's results joined to the entries (organiser's view, authors shown)."""
    entries = {e.judging_entry_id: e for e in contest_entries(contest)}
    return [ResultLine(entries[r.entry.pk], r.rank, r.average, r.count, r.advances)
            for r in judging_selectors.stage_results(stage) if r.entry.pk in entries]


def published_prizes(contest: WritingContest) -> QuerySet[Prize]:
    return (Prize.objects.filter(contest=contest, contest__published_at__isnull=False)
            .select_related("entry__author", "entry__unit").prefetch_related("entry__coauthors__person")
            .order_by("rank"))


def prize_facts(first: int, last: int) -> list[dict[str, Any]]:
    """Published prizes as the rules engine's `prizes` rows, one per author (co-authors too).

    `year` is the year of the deadline (local time); `contest` the contest code
    (e.g. "viet-sang-kien"), which the standards name.
    """
    rows = []
    prizes = (Prize.objects.filter(contest__published_at__isnull=False)
              .select_related("contest").prefetch_related("entry__coauthors"))
    for prize in prizes:
        year = timezone.localtime(prize.contest.closes_at).year
        if not first <= year <= last:
            continue
        for author in prize.entry.coauthors.all():
            rows.append({"person_id": author.person_id, "year": year, "contest": prize.contest.code,
                         "prize": prize.level})
    return rows


@dataclass(frozen=True)
class BoardLine:
    title: str
    lines: list[str]


def honour_board_lines() -> list[BoardLine]:
    """Published contests with their prize winners, for the public honour board."""
    out = []
    for contest in WritingContest.objects.filter(published_at__isnull=False).order_by("-published_at")[:10]:
        out.append(BoardLine(contest.title, [
            f"{p.get_level_display()}: «{p.entry.title}» — "
            + ", ".join(a.person.full_name for a in p.entry.coauthors.all())
            + f" ({p.entry.unit.name})"
            for p in published_prizes(contest)]))
    return out


def _current_units() -> QuerySet[Unit]:
    today = timezone.localdate()
    return Unit.objects.filter(Q(active_to__isnull=True) | Q(active_to__gte=today)).order_by("path")


def organiser_choices(user: Any) -> QuerySet[Unit]:
    """Units the user may organise a contest for: those they manage (write scope), still existing."""
    q = unit_scope_q(user, field="path", write=True)
    return _current_units() if q is None else _current_units().filter(q)


def scope_choices(user: Any) -> QuerySet[Unit]:
    """Units whose staff a contest may be open to: the units the user reads and those above the
    units they manage (a department's officer opens a contest to the whole province)."""
    q = unit_scope_q(user, field="path")
    if q is None:
        return _current_units()
    above = {p[:i + 1] for p in scope_paths(user, WRITE_ROLES) for i, ch in enumerate(p) if ch == "/" and i}
    return _current_units().filter(q | Q(path__in=above))
