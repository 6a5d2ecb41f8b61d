"""The product's URL map plus /bench/floor/: one INSERT per request on the same stack (the floor)."""

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as product_urls
from thidua.contests import lean
from thidua.core.guard import guard


@csrf_exempt
@guard("public")
def floor(request: HttpRequest) -> HttpResponse:
    token = request.headers.get("X-Client-Token", "")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (client_token) VALUES (%s)", [token])
    return HttpResponse(json.dumps({"ok": True, "a": 0, "t": token}), content_type="application/json")


# The same Django view as /cuoc-thi/bai-thi/nop/, at a URL the WSGI fast path does not intercept:
# the submit measured through Django's full request cycle.
urlpatterns = [*product_urls, path("bench/floor/", floor, name="bench_floor"),
               path("bench/view-submit/", lean.submit, name="bench_view_submit")]
