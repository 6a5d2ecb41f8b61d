"""Home page and health endpoint."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from thidua.accounts.access import user_roles
from thidua.accounts.models import Role
from thidua.core.guard import guard
from thidua.core.worklist_registry import group_items, request_worklist


@guard("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    labels = dict(Role.choices)
    roles = [labels[r] for r in Role.values if r in user_roles(request.user)]
    today = timezone.localdate()
    return render(request, "core/home.html", {
        "role_labels": roles, "today": today,
        "work_groups": group_items(request_worklist(request))})


@guard("authenticated")
def header_counts(request: HttpRequest) -> HttpResponse:
    """The header's counts (to-dos, unread notices), loaded after the page (htmx): a page's own
    queries do not grow with the user's to-do list."""
    return render(request, "core/_header_counts.html")


@guard("public")
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
