"""Login: Vietnamese form, throttling after repeated failures, argon2 by default."""

import pytest
from django.conf import settings

from thidua.core.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_logs_in(world, client):
    response = client.post("/tai-khoan/dang-nhap/", {"username": "alice_owner", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_wrong_password_message_is_vietnamese(world, client):
    body = client.post("/tai-khoan/dang-nhap/", {"username": "alice_owner", "password": "sai"}
                       ).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in body


def test_it_locks_out_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/tai-khoan/dang-nhap/", {"username": "alice_owner", "password": "sai"})
    response = client.post("/tai-khoan/dang-nhap/", {"username": "alice_owner", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()


def test_argon2_is_the_production_hasher():
    import subprocess
    import sys

    code = ("import django, os; os.environ.pop('FAST_PASSWORD_HASHER', None); "
            "os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); "
            "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])")
    env = {k: v for k, v in __import__("os").environ.items() if k != "FAST_PASSWORD_HASHER"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout
    assert out.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_logout_is_post_only(world, login):
    client = login(world.users["alice_owner"])
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert client.get("/").status_code == 302
