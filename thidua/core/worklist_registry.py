"""Registry of to-do providers: each app says what a user has to do in its part ("Việc cần làm").

An app adds its provider in its AppConfig.ready(), as a function or a dotted path (imported on
first use)::

    from thidua.core.worklist_registry import register_worklist_provider
    register_worklist_provider("campaigns", "thidua.campaigns.worklist:items")

A provider takes the user and today's date and returns `WorkItem`s: only work the user may do,
each with the link to the action (a page the user's access allows). Its queries are bounded (a
fixed number per call, not one per item). It never hides a failure: whatever it raises reaches
the page, so a broken provider cannot pass for "nothing to do".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: what, for which unit or campaign, where, by when."""

    group: str  # the kind of work, e.g. "Đăng ký thi đua" (headings and header counts)
    title: str  # the thing, e.g. the unit and the campaign
    url: str  # the action's page
    action: str  # the link's words, e.g. "Đăng ký"
    due: date | None = None  # the deadline set by the plan
    extended_to: date | None = None  # an extension granted to this unit, if any
    note: str = ""  # e.g. "chờ công nhận kết quả năm 2025" when the due date is not known yet
    order: int = 50  # position of the group on the page (smaller first)
    # For the scheduled reminders (thidua.notices): which deadline of which unit this is, and
    # on how many days before it the campaign wants a reminder. Empty key: never reminded.
    key: str = ""
    unit_id: int | None = None
    remind_days: tuple[int, ...] = ()
    # An item that appears because a date passed, not because someone handed it over (late units
    # after the cascade deadline, a closed round waiting for its prizes, last year's results to
    # import): the morning job tells the user once when it first appears. Needs key and unit_id.
    announce: bool = False

    @property
    def effective_due(self) -> date | None:
        """The last day the work may be done: the extension when there is one."""
        return self.extended_to or self.due

    def overdue(self, today: date) -> bool:
        due = self.effective_due
        return due is not None and due < today

    def days_left(self, today: date) -> int | None:
        due = self.effective_due
        return None if due is None else (due - today).days


Provider = Callable[[Any, date], Iterable[WorkItem]]


@dataclass(frozen=True)
class _Entry:
    name: str
    target: Provider | str

    def resolve(self) -> Provider:
        resolved: Provider = resolve(self.target)
        return resolved


_PROVIDERS: dict[str, _Entry] = {}


def register_worklist_provider(name: str, provider: Provider | str) -> None:
    """Add (or replace, by name) the to-do provider `name`."""
    _PROVIDERS[name] = _Entry(name, provider)


def worklist_providers() -> list[tuple[str, Provider]]:
    return [(name, entry.resolve()) for name, entry in sorted(_PROVIDERS.items())]


def worklist_for(user: Any, today: date) -> list[WorkItem]:
    """Everything `user` has to do, by group, then overdue and nearest deadline first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    items: list[WorkItem] = []
    for _name, provider in worklist_providers():
        items.extend(provider(user, today))
    far = date.max
    return sorted(items, key=lambda i: (i.order, i.group, i.effective_due or far, i.title))


@dataclass(frozen=True)
class WorkGroup:
    name: str
    items: list[WorkItem]

    @property
    def count(self) -> int:
        return len(self.items)


def group_items(items: Iterable[WorkItem]) -> list[WorkGroup]:
    """Items (already sorted by `worklist_for`) in their groups, groups kept in order."""
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return [WorkGroup(name, rows) for name, rows in groups.items()]


def request_worklist(request: Any) -> list[WorkItem]:
    """The user's to-do list, computed once per request (the header's count and the home page)."""
    cached = getattr(request, "_worklist", None)
    if cached is None:
        from django.utils import timezone

        cached = worklist_for(getattr(request, "user", None), timezone.localdate())
        request._worklist = cached
    return cached
