"""Registry of fact providers: the apps that supply a frame of the rules engine's facts.

The fetch step (thidua.results.facts) reads the core tables itself and asks the registry for
the frames other apps own (initiatives, contest prizes, prior awards, registrations). An app
adds its provider in its AppConfig.ready(), as a function or a dotted path (imported on first
use, so nothing heavy is imported at start-up)::

    from thidua.core.facts_registry import register_fact_provider
    register_fact_provider("registrations", "campaigns",
                           "thidua.campaigns.selectors:registration_facts")

A provider takes a `FactScope` and returns a Polars frame with the frame's columns
(thidua.rules.facts.SCHEMA). It never hides a failure: whatever it raises stops the run, with
the provider named, so a broken selector cannot turn "already holds the 2022 flag" into
"no prior award".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class FactScope:
    """What a provider is asked for: years first..last, the units under `root` (None: all)."""

    first: int
    last: int
    root: Any = None  # thidua.org.models.Unit or None
    campaign: Any = None  # thidua.campaigns.models.Campaign, for registrations
    # Runs one query of the fetch (COPY on PostgreSQL): read(sql, params, {column: dtype}).
    read: Callable[[str, Sequence[Any], dict[str, Any]], Any] | None = None

    def subtree(self) -> str | None:
        """The LIKE pattern of the root's subtree (units' `path`), or None for everything."""
        return None if self.root is None else self.root.path + "%"


Provider = Callable[[FactScope], Any]


@dataclass(frozen=True)
class _Entry:
    frame: str
    name: str
    target: Provider | str  # the callable, or "package.module:function"

    def resolve(self) -> Provider:
        resolved: Provider = resolve(self.target)
        return resolved


_PROVIDERS: dict[tuple[str, str], _Entry] = {}


class FactProviderError(RuntimeError):
    """A provider failed or gave a frame of the wrong shape; the message is Vietnamese."""


def register_fact_provider(frame: str, name: str, provider: Provider | str) -> None:
    """Add (or replace, by frame and name) the provider `name` of `frame`."""
    _PROVIDERS[(frame, name)] = _Entry(frame, name, provider)


def fact_providers(frame: str) -> list[tuple[str, Provider]]:
    """(name, provider) of `frame`, by name; the dotted paths are imported here."""
    return [(e.name, e.resolve()) for key, e in sorted(_PROVIDERS.items()) if key[0] == frame]


def rows_frame(frame: str, rows: Sequence[dict[str, Any]]) -> Any:
    """Rows (dicts) -> the Polars frame `frame` with its schema's columns and types."""
    import polars as pl

    from thidua.rules.facts import SCHEMA

    required, optional = SCHEMA[frame]
    columns = {**required, **optional}
    return pl.DataFrame([{c: row.get(c) for c in columns} for row in rows], schema=columns,
                        orient="row")
