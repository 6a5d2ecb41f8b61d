"""Registry of honour-board sections supplied by other apps (e.g. the writing contest's prizes).

An app registers, in its AppConfig.ready(), a provider returning what it publishes, as objects
with `title` and `lines` (plain Vietnamese text)::

    from thidua.public.registry import register_board_section
    register_board_section("writing", "thidua.writing.selectors:honour_board_lines")

The board shows only what providers return; a provider shows only published data. A provider
that fails raises: nothing is caught here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from thidua.core.dotted import resolve

Provider = Callable[[], Sequence[Any]]
_SECTIONS: dict[str, Provider | str] = {}


def register_board_section(name: str, provider: Provider | str) -> None:
    _SECTIONS[name] = provider


def board_sections() -> list[Any]:
    """Every provider's items, by provider name."""
    out: list[Any] = []
    for name in sorted(_SECTIONS):
        target = _SECTIONS[name]
        if isinstance(target, str):
            target = resolve(target)
            _SECTIONS[name] = target
        out.extend(target())
    return out
