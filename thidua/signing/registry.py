"""Papers that can be signed: other apps register how to fetch one (and who may sign it).

The awards app registers its decision, certificates, council minutes and tờ trình in its
AppConfig.ready(); this app never imports theirs. A loader checks read access on the object
(raising PermissionDenied/Http404, or the app's own Denied) and returns a `Paper`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Paper:
    kind: str
    object_id: int
    title: str                     # "Quyết định số 12/QĐ-UBND ngày 04/12/2026"
    unit: Any                      # the body that signs (thidua.org Unit)
    back_url: str                  # the page the paper belongs to
    may_sign: bool                 # the user holds the right to sign it
    pdf: Callable[[], bytes | None]  # the current unsigned PDF (built on demand), None: none yet
    missing: str = ""              # why there is no PDF yet, in Vietnamese


Loader = Callable[[Any, int], Paper]


@dataclass(frozen=True)
class Signable:
    kind: str
    label: str
    load: Loader


_SIGNABLES: dict[str, Signable] = {}


def register_signable(kind: str, label: str, load: Loader) -> None:
    if kind in _SIGNABLES and _SIGNABLES[kind].load is not load:
        raise ValueError(f"signable kind {kind!r} registered twice")
    _SIGNABLES[kind] = Signable(kind, label, load)


def signable(kind: str) -> Signable | None:
    return _SIGNABLES.get(kind)


def signables() -> list[Signable]:
    return list(_SIGNABLES.values())
