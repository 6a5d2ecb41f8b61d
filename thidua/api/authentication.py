"""API token authentication with an expiry, and Vietnamese error messages.

A token works API_TOKEN_TTL_DAYS after it was issued; its owner issues a new one (or revokes it)
on the account's token page. A revoked token is deleted, so it is simply unknown here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.authtoken.models import Token

TOKEN_PAGE_HINT = "Cấp mã mới tại trang Tài khoản → Mã token API."  # noqa: S105 - a message


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, Token] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Tiêu đề Authorization không đúng dạng: cần đúng «Token <mã>».")
        try:
            key = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed("Mã token chứa ký tự không hợp lệ.") from error
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        token = Token.objects.select_related("user").filter(key=key).first()
        if token is None:
            raise exceptions.AuthenticationFailed(
                f"Mã token không hợp lệ hoặc đã bị thu hồi. {TOKEN_PAGE_HINT}")
        if token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS) <= timezone.now():
            raise exceptions.AuthenticationFailed(f"Mã token đã hết hạn. {TOKEN_PAGE_HINT}")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Tài khoản gắn với mã token này đã bị khoá.")
        return token.user, token
