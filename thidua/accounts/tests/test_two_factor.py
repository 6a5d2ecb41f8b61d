"""Two-step login: required for owners, signers, council and admins; an app code or a recovery code."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.testing import current_code, enrolled_device
from thidua.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

VERIFY = "/tai-khoan/xac-thuc-hai-buoc/"
ENROL = "/tai-khoan/xac-thuc-hai-buoc/cai-dat/"


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/tai-khoan/dang-nhap/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password step itself succeeds"
    return client


def test_a_signer_without_an_app_must_enrol_before_any_page(world):
    client = password_login("sam_signer")
    for url in ("/", "/to-chuc/", "/khen-thuong/", "/tai-khoan/token-api/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), url
    assert client.get("/api/v1/units/").json() == {
        "detail": "Tài khoản của bạn cần đăng nhập hai bước: hãy xác thực trên trang web "
                  "(trang Đăng nhập) trước khi dùng API bằng phiên đăng nhập."}


@pytest.mark.parametrize("persona", ["alice_owner", "carl_council", "ada_admin", "sam_signer"])
def test_every_role_that_needs_it_is_stopped_after_the_password(world, persona):
    enrolled_device(world.users[persona])
    response = password_login(persona).get("/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2F"


def test_an_officer_needs_no_second_step(world):
    assert password_login("olga_officer").get("/").status_code == 200


def test_an_officer_who_enrolled_is_asked_too(world):
    enrolled_device(world.users["olga_officer"])
    assert password_login("olga_officer").get("/")["Location"].startswith(VERIFY)


def test_the_signer_passes_with_the_apps_code_once(world):
    device = enrolled_device(world.users["sam_signer"])
    client = password_login("sam_signer")
    assert client.get("/")["Location"].startswith(VERIFY)
    code = current_code(device)
    response = client.post(VERIFY, {"token": code, "next": "/khen-thuong/"})
    assert response.status_code == 302 and response["Location"] == "/khen-thuong/"
    assert client.get("/").status_code == 200
    # The same code cannot open a second session (replay).
    other = password_login("sam_signer")
    page = other.post(VERIFY, {"token": code}).content.decode()
    assert "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng." in page
    assert other.get("/")["Location"].startswith(VERIFY)


def test_an_outside_next_address_is_not_followed(world):
    device = enrolled_device(world.users["sam_signer"])
    client = password_login("sam_signer")
    response = client.post(VERIFY, {"token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_recovery_code_works_once(world):
    client = password_login("alice_owner")
    page = client.get(ENROL).content.decode()
    key = client.session["otp_pending_key"]
    assert "<svg" in page and "Khoá bí mật" in page
    totp = TOTP(bytes.fromhex(key))
    shown = client.post(ENROL, {"token": f"{totp.token():06d}", "next": "/"}).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown)
    assert len(codes) == 10 and client.get("/").status_code == 200
    assert TOTPDevice.objects.get(user=world.users["alice_owner"]).confirmed

    again = password_login("alice_owner")
    assert again.post(VERIFY, {"token": codes[0].upper()})["Location"] == "/"
    assert again.get("/").status_code == 200
    third = password_login("alice_owner")
    third.post(VERIFY, {"token": codes[0]})
    assert third.get("/")["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=world.users["alice_owner"]).count() == 9


def test_a_wrong_code_does_not_enrol(world):
    client = password_login("carl_council")
    client.get(ENROL)
    page = client.post(ENROL, {"token": "12345x"}).content.decode()
    assert "Mã không khớp" in page
    assert not TOTPDevice.objects.filter(user=world.users["carl_council"]).exists()
    assert client.get("/")["Location"].startswith(ENROL)


def test_replacing_the_app_needs_the_second_step_first(world):
    enrolled_device(world.users["alice_owner"])
    client = password_login("alice_owner")
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_repeated_wrong_codes_are_slowed_down(world):
    device = enrolled_device(world.users["sam_signer"])
    client = password_login("sam_signer")
    for _ in range(5):  # after n failures django-otp waits 2**(n-1) s: 16 s here
        client.post(VERIFY, {"token": "abcdefgh"})
    # The right code is refused too while the device waits after the failures.
    page = client.post(VERIFY, {"token": current_code(device)}).content.decode()
    assert "Đã nhập sai nhiều lần; hãy chờ ít phút rồi thử lại." in page
    assert client.get("/")["Location"].startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(world, login):
    client = login(world.users["alice_owner"])  # force_login: both steps done
    page = client.post("/tai-khoan/xac-thuc-hai-buoc/ma-du-phong/").content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=world.users["alice_owner"])
               .values_list("token", flat=True)) == set(codes)
