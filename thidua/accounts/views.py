"""The user's own account pages: API token."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from rest_framework.authtoken.models import Token

from thidua.core.guard import guard


@guard("authenticated")
def api_token(request: HttpRequest) -> HttpResponse:
    """Show the user's API token; POST issues a new one (the old one stops working)."""
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        Token.objects.create(user=request.user)
        messages.success(request, "Đã cấp mã token mới; mã cũ không còn hiệu lực.")
        return redirect("accounts:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/api_token.html", {"token": token})
