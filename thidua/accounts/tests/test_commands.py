"""Account commands: an administrator's new account must change its initial password; a lost phone."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from thidua.accounts.models import User
from thidua.accounts.testing import enrolled_device

pytestmark = pytest.mark.django_db


def test_an_account_made_by_an_administrator_must_change_its_password(world):
    out = io.StringIO()
    call_command("create_account", "lan_x1", "--name", "Nguyễn Thị Lan", "--role", "officer",
                 "--unit", "P1-X1", "--email", "lan@example.org", stdout=out)
    password = re.search(r"chỉ hiện lần này\): (\S+)", out.getvalue()).group(1)
    user = User.objects.get(username="lan_x1")
    assert user.must_change_password and user.get_full_name() == "Nguyễn Thị Lan"
    client = Client()
    assert client.post("/tai-khoan/dang-nhap/", {"username": "lan_x1", "password": password}
                       ).status_code == 302
    response = client.get("/to-chuc/")
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/doi-mat-khau/")


def test_create_account_refuses_clearly(world):
    with pytest.raises(CommandError, match="Đã có tài khoản olga_officer."):
        call_command("create_account", "olga_officer")
    with pytest.raises(CommandError, match="Không có đơn vị mã KHONG-CO."):
        call_command("create_account", "moi", "--role", "officer", "--unit", "KHONG-CO")
    with pytest.raises(CommandError, match="Vai trò này cần --unit"):
        call_command("create_account", "moi", "--role", "officer")
    assert not User.objects.filter(username="moi").exists()


def test_reset_two_factor_sends_the_user_back_to_enrolment(world):
    from thidua.core.testing import PASSWORD

    enrolled_device(world.users["sam_signer"])
    call_command("reset_two_factor", "sam_signer", stdout=io.StringIO())
    client = Client()
    client.post("/tai-khoan/dang-nhap/", {"username": "sam_signer", "password": PASSWORD})
    assert client.get("/")["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/cai-dat/")
    with pytest.raises(CommandError, match="Không có tài khoản ai_do."):
        call_command("reset_two_factor", "ai_do")
