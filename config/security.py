"""Site-wide security pieces that belong to no app: the Permissions-Policy header and the
Vietnamese page shown when a form fails Django's CSRF check."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY to every response (Django has no setting for it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is Django's English diagnostic: logged by Django, never shown to the user.
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
