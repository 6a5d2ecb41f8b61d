"""Enumerate every URL pattern with its view and keyword arguments (for the access matrix)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern text, for messages
    callback: Any
    kwargs: tuple[str, ...]

    @property
    def policy(self) -> str | None:
        view = self.callback
        # DRF and class-based views keep the original function on .cls / .view_class
        return getattr(view, "access_policy", None) or getattr(
            getattr(view, "cls", None), "access_policy", None)


def _kwargs_of(pattern: Any) -> tuple[str, ...]:
    if isinstance(pattern.pattern, RoutePattern):
        return tuple(pattern.pattern.converters)
    regex = getattr(pattern.pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def walk(resolver: URLResolver | None = None, namespace: str = "", prefix: str = "",
         inherited: tuple[str, ...] = ()) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry, child_ns, prefix + str(entry.pattern),
                            inherited + _kwargs_of(entry))
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, prefix + str(entry.pattern), entry.callback,
                        inherited + _kwargs_of(entry))
