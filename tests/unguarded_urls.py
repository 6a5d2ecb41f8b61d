"""A URL map with one view lacking @guard, to prove the access matrix notices it."""

from django.http import HttpResponse
from django.urls import path

from thidua.core.guard import guard


def naked(request):  # noqa: ANN001, ANN201 - deliberately unguarded
    return HttpResponse("open")


@guard("public")
def dressed(request):  # noqa: ANN001, ANN201
    return HttpResponse("ok")


urlpatterns = [path("naked/", naked, name="naked"), path("dressed/", dressed, name="dressed")]
