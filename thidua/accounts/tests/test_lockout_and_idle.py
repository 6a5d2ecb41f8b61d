"""Lockout across usernames from one address (password spraying), and the idle session timeout."""

import time

import pytest
from django.conf import settings
from django.test import Client

from thidua.accounts.models import User
from thidua.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"


def test_spraying_one_password_over_many_accounts_locks_the_address(world):
    """One wrong attempt per account never reaches the per-username limit; the address's total does."""
    for index in range(settings.AXES_IP_FAILURE_LIMIT):
        User.objects.create_user(username=f"cb{index:02d}", password=PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for index in range(settings.AXES_IP_FAILURE_LIMIT):
        response = attacker.post(LOGIN, {"username": f"cb{index:02d}", "password": "Mua-thu-2026"})
        assert response.status_code == 200, "each account alone is below its own limit"
    # Even the right password of an account never tried from there is refused now.
    locked = attacker.post(LOGIN, {"username": "olga_officer", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()
    # Another address is not affected.
    office = Client(REMOTE_ADDR="198.51.100.20")
    assert office.post(LOGIN, {"username": "olga_officer", "password": PASSWORD}).status_code == 302


def test_a_few_typos_from_one_office_do_not_lock_it(world):
    office = Client(REMOTE_ADDR="198.51.100.20")
    for username in ("olga_officer", "oscar_officer", "stan_staff"):
        office.post(LOGIN, {"username": username, "password": "go-nham"})
    assert office.post(LOGIN, {"username": "olga_officer", "password": PASSWORD}).status_code == 302


def _last_activity(client: Client, minutes_ago: int) -> None:
    session = client.session
    session["last_activity"] = int(time.time()) - minutes_ago * 60
    session.save()


def test_an_idle_session_ends(world, login):
    client = login(world.users["olga_officer"])
    assert client.get("/").status_code == 200
    _last_activity(client, settings.SESSION_IDLE_TIMEOUT_MINUTES + 1)
    response = client.get("/to-chuc/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc vì lâu không thao tác; mời đăng nhập lại." in page
    assert client.get("/").status_code == 302, "the session is gone, not only this request"


def test_an_active_session_stays(world, login):
    client = login(world.users["olga_officer"])
    _last_activity(client, settings.SESSION_IDLE_TIMEOUT_MINUTES - 1)
    assert client.get("/to-chuc/").status_code == 200
    assert time.time() - client.session["last_activity"] < 60, "the request counts as activity"


def test_sessions_no_longer_live_fourteen_days():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_IDLE_TIMEOUT_MINUTES == 30
