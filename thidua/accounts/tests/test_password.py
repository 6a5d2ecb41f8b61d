"""Password change, reset by e-mail, the policy (Vietnamese messages), a forced first change."""

import re

import pytest
from django.core import mail
from django.test import Client

from thidua.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

CHANGE = "/tai-khoan/doi-mat-khau/"
NEW_PASSWORD = "ruong-bac-thang-2026"  # noqa: S105 - test value


def can_log_in(username: str, password: str) -> bool:
    response = Client().post("/tai-khoan/dang-nhap/", {"username": username, "password": password})
    return response.status_code == 302


def test_change_password(world, login):
    client = login(world.users["olga_officer"])
    wrong = client.post(CHANGE, {"old_password": "khong-dung", "new_password1": NEW_PASSWORD,
                                 "new_password2": NEW_PASSWORD}).content.decode()
    assert "Mật khẩu hiện tại không đúng." in wrong
    mismatch = client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                    "new_password2": NEW_PASSWORD + "x"}).content.decode()
    assert "Hai lần nhập mật khẩu mới không khớp nhau." in mismatch
    response = client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                    "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/"
    assert client.get("/").status_code == 200, "this session stays logged in"
    assert can_log_in("olga_officer", NEW_PASSWORD) and not can_log_in("olga_officer", PASSWORD)


@pytest.mark.parametrize(("password", "message"), [
    ("ngan-qua", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
    ("12345678901", "Mật khẩu không được chỉ gồm chữ số."),
    ("password123", "Mật khẩu này quá phổ biến, dễ bị đoán."),
    ("olga_officer1", "Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử."),
])
def test_the_policy_speaks_vietnamese(world, login, password, message):
    client = login(world.users["olga_officer"])
    page = client.post(CHANGE, {"old_password": PASSWORD, "new_password1": password,
                                "new_password2": password}).content.decode()
    assert message in page
    assert can_log_in("olga_officer", PASSWORD)


def test_an_initial_password_must_be_changed_first(world, login):
    user = world.users["olga_officer"]
    user.must_change_password = True
    user.save()
    client = login(user)
    for url in ("/", "/to-chuc/", "/tai-khoan/token-api/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(CHANGE), url
    page = client.get(CHANGE + "?next=/to-chuc/").content.decode()
    assert "Bạn cần đổi mật khẩu ban đầu trước khi dùng hệ thống." in page
    response = client.post(CHANGE, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                    "new_password2": NEW_PASSWORD, "next": "/to-chuc/"})
    assert response["Location"] == "/to-chuc/"
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password


def test_reset_by_email(world):
    user = world.users["olga_officer"]
    user.email, user.must_change_password = "olga@xa-lung-cu.example", True
    user.save()
    client = Client()
    assert "Quên mật khẩu?" in client.get("/tai-khoan/dang-nhap/").content.decode()
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "olga@xa-lung-cu.example"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Đặt lại mật khẩu hệ thống thi đua"
    assert message.to == ["olga@xa-lung-cu.example"] and "olga_officer" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django moves the token out of the address
    assert "Đặt mật khẩu mới" in client.get(form_url).content.decode()
    weak = client.post(form_url, {"new_password1": "123", "new_password2": "123"}).content.decode()
    assert "Mật khẩu quá ngắn" in weak
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    assert can_log_in("olga_officer", NEW_PASSWORD)
    user.refresh_from_db()
    assert not user.must_change_password
    used_again = client.get(link).content.decode()
    assert "Liên kết đặt lại mật khẩu không hợp lệ, đã dùng rồi hoặc đã hết hạn." in used_again


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(world):
    response = Client().post("/tai-khoan/quen-mat-khau/", {"email": "khong-ai@example.org"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []
    bad = Client().post("/tai-khoan/quen-mat-khau/", {"email": "khong-phai-thu"}).content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in bad
