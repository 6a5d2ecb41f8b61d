"""API tokens expire and can be revoked; refusals are in Vietnamese, in the API and the bulk export."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

EXPIRED = "Mã token đã hết hạn. Cấp mã mới tại trang Tài khoản → Mã token API."
UNKNOWN = "Mã token không hợp lệ hoặc đã bị thu hồi. Cấp mã mới tại trang Tài khoản → Mã token API."


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_stops_working_when_it_expires(world):
    token = Token.objects.create(user=world.users["olga_officer"])
    assert api(token.key).get("/api/v1/units/").status_code == 200
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - timedelta(days=settings.API_TOKEN_TTL_DAYS, minutes=1))
    for url in ("/api/v1/units/", "/api/v1/export/units.csv"):
        response = api(token.key).get(url)
        assert response.status_code == 401, url
        assert response.json() == {"detail": EXPIRED}, url


def test_a_revoked_token_is_refused(world, login):
    token = Token.objects.create(user=world.users["olga_officer"])
    page = login(world.users["olga_officer"])
    assert "Hết hạn ngày" in page.get("/tai-khoan/token-api/").content.decode()
    page.post("/tai-khoan/token-api/", {"action": "revoke"})
    assert not Token.objects.filter(user=world.users["olga_officer"]).exists()
    for url in ("/api/v1/units/", "/api/v1/export/units.csv"):
        response = api(token.key).get(url)
        assert response.status_code == 401 and response.json() == {"detail": UNKNOWN}, url


def test_a_malformed_header_gets_a_vietnamese_message(world):
    response = Client(HTTP_AUTHORIZATION="Token a b").get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Tiêu đề Authorization không đúng dạng: cần đúng «Token <mã>»."}


def test_a_new_token_replaces_the_old_one(world, login):
    old = Token.objects.create(user=world.users["olga_officer"])
    login(world.users["olga_officer"]).post("/tai-khoan/token-api/", {"action": "issue"})
    new = Token.objects.get(user=world.users["olga_officer"])
    assert new.key != old.key
    assert api(old.key).get("/api/v1/units/").status_code == 401
    assert api(new.key).get("/api/v1/units/").status_code == 200
