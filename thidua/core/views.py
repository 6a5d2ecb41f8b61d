"""Home page and health endpoint."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from thidua.core.guard import guard


@guard("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@guard("public")
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
