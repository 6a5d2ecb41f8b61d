"""Domain events: an app says that work was handed to someone; subscribers (notices) act on it.

A service calls ``emit("dossier_sent_to_council", dossier=…, meeting=…)`` after its write; the
notices app subscribes in its AppConfig.ready(). Apps thus do not import the notices app. A
subscriber that fails raises into the service's transaction: the step and its notices succeed
or fail together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Handler = Callable[..., Any]

_SUBSCRIBERS: dict[str, list[Handler]] = {}


def subscribe(event: str, handler: Handler) -> None:
    """Call `handler(**kw)` on each `emit(event, **kw)` (a handler is added once)."""
    handlers = _SUBSCRIBERS.setdefault(event, [])
    if handler not in handlers:
        handlers.append(handler)


def emit(event: str, **kw: Any) -> int:
    """Tell the subscribers of `event`; returns how many there were."""
    handlers = list(_SUBSCRIBERS.get(event, ()))
    for handler in handlers:
        handler(**kw)
    return len(handlers)


def subscribers(event: str) -> list[Handler]:
    return list(_SUBSCRIBERS.get(event, ()))
