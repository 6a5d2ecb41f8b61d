"""API errors answer in Vietnamese (issue 11): DRF's English messages are replaced by code,
the product's own Vietnamese messages pass unchanged."""

import pytest
from rest_framework.authtoken.models import Token

from tests.plain import assert_plain

pytestmark = pytest.mark.django_db


def _api(client, user):
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_it_answers_a_missing_token_in_vietnamese(client):
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Bạn chưa đăng nhập: hãy gửi mã token API hoặc đăng nhập."


def test_it_answers_a_wrong_token_in_vietnamese(world, client):
    client.defaults["HTTP_AUTHORIZATION"] = "Token khong-co-ma-nay"
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert_plain(response.json()["detail"], where="token sai")


def test_it_answers_a_wrong_method_and_page_in_vietnamese(world, client):
    api = _api(client, world.users["alice_owner"])
    response = api.delete("/api/v1/units/")
    assert response.status_code == 405
    assert "DELETE" in response.json()["detail"]
    assert_plain(response.json()["detail"], where="phương thức sai")
    response = api.get("/api/v1/units/?page=999")
    assert response.status_code == 404
    assert_plain(response.json()["detail"], where="trang không có")
    response = api.get(f"/api/v1/units/{world.units['Y1'].pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy."
