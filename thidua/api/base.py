"""Building blocks of /api/v1: the same @guard policies and row-level scope as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from thidua.accounts.access import access_capability, filter_by_unit_scope
from thidua.accounts.capabilities import Capability


class Guarded:
    """Declares the access policy for the access matrix, as @guard does for views."""

    access_policy = "scoped"  # "capability" with access_capabilities set
    access_capabilities: tuple[Capability, ...] = ()

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.access_capabilities:
            access_capability(request.user, *self.access_capabilities)


class ScopedReadOnlyViewSet(Guarded, viewsets.ReadOnlyModelViewSet):
    """Lists and details of rows that live in a unit; rows outside the user's scope are 404."""

    permission_classes = [IsAuthenticated]
    scope_field = "path"  # the unit path of a row, e.g. "unit__path"

    def get_queryset(self) -> QuerySet:
        qs = super().get_queryset()
        return filter_by_unit_scope(qs, self.request.user, field=self.scope_field)
