"""Registry of judged things: an app that sends entries to a panel says how a judge sees one.

The judging pages never import the app that owns the entries; the app registers, in its
AppConfig.ready(), a function returning the blind view of an entry (no author, no unit)::

    from thidua.judging.registry import register_source
    register_source("writing", "thidua.writing.selectors:blind_entry")

and a function telling whether a user organises a panel's source objects is not needed: the
panel's organiser unit decides. A provider that fails raises; nothing is caught here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class BlindFile:
    name: str
    url: str


@dataclass(frozen=True)
class BlindEntry:
    """What a judge sees: title, topic, text and files — never the author or the unit."""

    title: str
    text: str
    topic: str = ""
    files: list[BlindFile] = field(default_factory=list)
    author: str = ""  # filled only once the panel is revealed (results published)


BlindProvider = Callable[[int], BlindEntry]
_SOURCES: dict[str, BlindProvider | str] = {}


def register_source(source: str, provider: BlindProvider | str) -> None:
    _SOURCES[source] = provider


def blind_entry(source: str, source_id: int) -> BlindEntry:
    target = _SOURCES[source]
    if isinstance(target, str):
        target = resolve(target)
        _SOURCES[source] = target
    return target(source_id)


def source_names() -> list[str]:
    return sorted(_SOURCES)
