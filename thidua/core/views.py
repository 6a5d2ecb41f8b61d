"""Home page and health endpoint."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from thidua.accounts.access import user_roles
from thidua.accounts.models import Role
from thidua.core.guard import guard


@guard("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    labels = dict(Role.choices)
    roles = [labels[r] for r in Role.values if r in user_roles(request.user)]
    return render(request, "core/home.html", {"role_labels": roles})


@guard("public")
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
