"""/api/v1 resources of the organisation, and bulk export of every dataset."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import AuthenticationFailed

from thidua.accounts.access import unit_scope_q, visible_units
from thidua.api.authentication import ExpiringTokenAuthentication
from thidua.api.base import ScopedReadOnlyViewSet
from thidua.api.serializers import PersonSerializer, UnitSerializer
from thidua.core.guard import guard
from thidua.core.safe_export import csv_cell
from thidua.core.text import fold
from thidua.org.models import Person, Unit
from thidua.org.selectors import people_list


@extend_schema(tags=["Tổ chức"])
class UnitViewSet(ScopedReadOnlyViewSet):
    """Cơ quan, đơn vị trong phạm vi của người gọi."""

    queryset = Unit.objects.select_related("category", "parent").order_by("path")
    serializer_class = UnitSerializer
    lookup_url_kwarg = "unit_id"


@extend_schema(tags=["Tổ chức"])
class PersonViewSet(ScopedReadOnlyViewSet):
    """Cán bộ, công chức, viên chức trong phạm vi của người gọi (tìm kiếm không dấu: ?q=)."""

    queryset = Person.objects.select_related("unit").prefetch_related("memberships__unit") \
        .order_by("sort_key", "id")
    serializer_class = PersonSerializer
    scope_field = "unit__path"
    lookup_url_kwarg = "person_id"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        from django.db.models import Q


        qs = self.queryset.all()
        scope = unit_scope_q(self.request.user, field="unit__path")
        if scope is not None:  # as on the pages: one's own record is always visible
            qs = qs.filter(scope | Q(pk=getattr(self.request.user, "person_id", None) or 0))
        for word in fold(self.request.query_params.get("q", "")).split():
            qs = qs.filter(search_name__contains=word)
        return qs


# --- bulk export ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    """A dataset for bulk export: rows visible to the user, as flat dicts."""

    title: str
    columns: tuple[str, ...]
    rows: Callable[[Any], Iterator[dict[str, Any]]]


def _units(user: Any) -> Iterator[dict[str, Any]]:
    for unit in visible_units(user).select_related("category", "parent").order_by("path") \
            .iterator(chunk_size=2000):
        yield {"code": unit.code, "name": unit.name, "kind": unit.kind,
               "category": unit.category.code, "parent": unit.parent.code if unit.parent else "",
               "active_from": unit.active_from, "active_to": unit.active_to}


def _people(user: Any) -> Iterator[dict[str, Any]]:
    for person in people_list(user).iterator(chunk_size=2000):
        yield {"code": person.code, "full_name": person.full_name, "gender": person.gender,
               "birth_date": person.birth_date, "position": person.position,
               "unit": person.unit.code if person.unit else ""}


DATASETS: dict[str, Dataset] = {
    "units": Dataset("Đơn vị", ("code", "name", "kind", "category", "parent", "active_from",
                                "active_to"), _units),
    "people": Dataset("Cán bộ", ("code", "full_name", "gender", "birth_date", "position", "unit"),
                      _people),
}


def register_dataset(key: str, dataset: Dataset) -> None:
    """Other apps add their datasets (campaigns, results, nominations …) from AppConfig.ready."""
    DATASETS[key] = dataset


def _authenticate(request: HttpRequest) -> HttpResponse | None:
    """Accept a token as the API does (the export is a plain Django view, for streaming).

    Returns the refusal for a bad, expired or revoked token; None to go on (logged in or not).
    """
    if request.user.is_authenticated:
        return None
    try:
        result = ExpiringTokenAuthentication().authenticate(request)
    except AuthenticationFailed as error:
        return JsonResponse({"detail": str(error.detail)}, status=401)
    if result:
        request.user = result[0]
    return None


def _csv_stream(dataset: Dataset, user: Any) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=dataset.columns, extrasaction="ignore")
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer.writeheader()
    for index, row in enumerate(dataset.rows(user)):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_stream(dataset: Dataset, user: Any) -> Iterator[str]:
    yield "["
    for index, row in enumerate(dataset.rows(user)):
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False, default=str)
    yield "]"


def export_dataset(request: HttpRequest, dataset: str, fmt: str) -> HttpResponseBase:
    refusal = _authenticate(request)
    if refusal is not None:
        return refusal
    return _export(request, dataset=dataset, fmt=fmt)


@guard("authenticated")
def _export(request: HttpRequest, *, dataset: str, fmt: str) -> HttpResponseBase:
    chosen = DATASETS.get(dataset)
    if chosen is None or fmt not in {"csv", "json"}:
        return HttpResponse("Không có tập dữ liệu này.", status=404)
    stream = _csv_stream(chosen, request.user) if fmt == "csv" else _json_stream(chosen, request.user)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
    return response


export_dataset.access_policy = "authenticated"  # type: ignore[attr-defined]


@guard("public")
def index(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import render

    return render(request, "api/index.html", {"datasets": DATASETS})
