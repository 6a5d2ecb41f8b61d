"""Registry of demo loaders that run after the organisation: campaigns, results, nominations…

An app adds its loader in its AppConfig.ready(), by dotted path so nothing heavy is imported
at start-up::

    from thidua.demo.registry import register
    register("campaigns", "thidua.campaigns.demo:load", order=20)

`manage.py demo` calls the loaders in (order, name) order with a `DemoContext`. A loader must be
idempotent: it looks for its own data first and returns without change when it is there, because
the command runs every loader again when the organisation already exists (that is how a loader
added later fills an existing demo). It should use `ctx.rng(name)` for anything random, so the
same seed gives the same data.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from thidua.core.dotted import resolve


@dataclass(frozen=True)
class DemoContext:
    size: str  # tiny | demo | province | national
    seed: int
    log: Callable[[str], None]  # progress line, shown by the command
    created: bool  # False when the organisation already existed before this run

    def rng(self, name: str) -> np.random.Generator:
        """A random generator of its own for `name`, fixed by the seed."""
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])


Loader = Callable[[DemoContext], object]


@dataclass(frozen=True)
class Entry:
    name: str
    target: Loader | str  # the callable, or "package.module:function"
    order: int

    def resolve(self) -> Loader:
        resolved: Loader = resolve(self.target)
        return resolved


_ENTRIES: dict[str, Entry] = {}


def register(name: str, loader: Loader | str, *, order: int = 100) -> None:
    """Add (or replace, by name) a loader; lower `order` runs first."""
    _ENTRIES[name] = Entry(name, loader, order)


def unregister(name: str) -> None:
    _ENTRIES.pop(name, None)


def entries() -> list[Entry]:
    return sorted(_ENTRIES.values(), key=lambda entry: (entry.order, entry.name))
