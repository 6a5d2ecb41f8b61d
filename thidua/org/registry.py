"""Registry of sections other apps add to a unit's page (its results, its awards …).

The org app does not import its neighbours: an app registers a provider in its
AppConfig.ready(), as a function or a dotted path, and the unit page asks each one::

    from thidua.org.registry import register_unit_section
    register_unit_section("results", "thidua.results.selectors:unit_results_section", order=10)

A provider takes the unit and returns a `UnitSection` or None (nothing to show). It never hides
a failure: what it raises stops the page, with the provider named in the traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class UnitSection:
    """A titled table on the unit page, with a link to the app's own page."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    link: str = ""
    link_text: str = ""
    note: str = ""


Provider = Callable[[Any], UnitSection | None]


@dataclass(frozen=True)
class _Entry:
    name: str
    target: Provider | str
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)

    def resolve(self) -> Provider:
        resolved: Provider = resolve(self.target)
        return resolved


_ENTRIES: dict[str, _Entry] = {}


def register_unit_section(name: str, provider: Provider | str, *, order: int = 100) -> None:
    _ENTRIES[name] = _Entry(name, provider, order)


def unit_sections(unit: Any) -> list[UnitSection]:
    """The sections of the unit's page, in registration order."""
    found = []
    for entry in sorted(_ENTRIES.values(), key=lambda e: (e.order, e.name)):
        section = entry.resolve()(unit)
        if section is not None:
            found.append(section)
    return found
