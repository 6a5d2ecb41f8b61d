"""Registry of evidence sources: documents already in the system (plans, reports, recognised
initiatives) that a unit may cite as evidence, offered by the apps that own them.

The supplier registers a provider in its AppConfig.ready(), by dotted path::

    from thidua.core.evidence_registry import register_evidence_source
    register_evidence_source("sang-kien", "Sáng kiến được công nhận",
                             "thidua.initiatives.evidence:documents")

A provider takes (unit, year) and returns `EvidenceDocument`s of that unit for that year. The
consumer (scoring) lists them and stores the (source, reference, title) it was given. A
provider that fails raises; nobody turns that into an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class EvidenceDocument:
    source: str  # the registered source's key
    reference: str  # the document's id in its app, as text
    title: str  # what a person sees
    url: str = ""  # where the document can be read (the owner's guarded page)


Provider = Callable[[Any, int], list[EvidenceDocument]]


@dataclass(frozen=True)
class _Entry:
    key: str
    label: str
    target: Provider | str

    def resolve(self) -> Provider:
        resolved: Provider = resolve(self.target)
        return resolved


_SOURCES: dict[str, _Entry] = {}


def register_evidence_source(key: str, label: str, provider: Provider | str) -> None:
    """Add (or replace, by key) a source of documents a unit may cite."""
    _SOURCES[key] = _Entry(key, label, provider)


def evidence_sources() -> list[tuple[str, str]]:
    """(key, Vietnamese label) of every registered source, by key."""
    return [(e.key, e.label) for e in sorted(_SOURCES.values(), key=lambda e: e.key)]


def evidence_documents(unit: Any, year: int) -> list[EvidenceDocument]:
    """Every registered source's documents of `unit` for `year`."""
    out: list[EvidenceDocument] = []
    for entry in sorted(_SOURCES.values(), key=lambda e: e.key):
        out.extend(entry.resolve()(unit, year))
    return out


def evidence_document(unit: Any, year: int, source: str, reference: str) -> EvidenceDocument | None:
    """The document `reference` of `source` if the unit may cite it for that year."""
    entry = _SOURCES.get(source)
    if entry is None:
        return None
    for document in entry.resolve()(unit, year):
        if document.reference == reference:
            return document
    return None
