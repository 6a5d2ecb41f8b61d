"""One way for every registry to name a provider lazily: the callable itself, or
"package.module:attribute", imported on first use (so start-up imports nothing heavy)."""

from __future__ import annotations

import importlib
from typing import Any


def resolve(target: Any) -> Any:
    """The callable `target` names (itself when it is not a string)."""
    if not isinstance(target, str):
        return target
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)
