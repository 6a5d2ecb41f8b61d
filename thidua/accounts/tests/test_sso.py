"""Single sign-on (OpenID Connect) against a local provider the test starts: existing accounts only,
off by default, and the two-step login still asked unless the provider is trusted to enforce it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.test import Client

from thidua.accounts.models import User
from thidua.accounts.testing import enrolled_device
from thidua.accounts.tests.oidc_provider import Provider

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
SSO = "/tai-khoan/dang-nhap-sso/"
CALLBACK = "/tai-khoan/dang-nhap-sso/ket-qua/"
VERIFY = "/tai-khoan/xac-thuc-hai-buoc/"
ENROL = "/tai-khoan/xac-thuc-hai-buoc/cai-dat/"
BUTTON = "Đăng nhập bằng tài khoản một lần (SSO)"


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS,
                                            "thidua.accounts.sso.SSOBackend"]
        yield running


def at_provider(client: Client, provider: Provider, next_url: str = "") -> str:
    """Start the login on the site and 'log in' at the provider; the address it sends the browser
    back to (the browser's part, done here with requests since the test client stays local)."""
    start = client.get(SSO + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(f"{provider.issuer}/authorize?")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    back = answer.headers["Location"]
    assert back.startswith(f"http://testserver{CALLBACK}?code=")
    return back


def sso_login(client: Client, provider: Provider, next_url: str = "") -> object:
    return client.get(at_provider(client, provider, next_url))


def test_off_by_default_no_button_and_no_address(world):
    client = Client()
    assert BUTTON not in client.get(LOGIN).content.decode()
    for url in (SSO, CALLBACK + "?code=x&state=y"):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(LOGIN, 302)]
        assert "Hệ thống chưa bật đăng nhập một lần (SSO)" in response.content.decode()


def test_the_login_page_offers_it_when_enabled(world, provider):
    page = Client().get(LOGIN + "?next=/to-chuc/").content.decode()
    assert BUTTON in page and f'href="{SSO}?next=/to-chuc/"' in page


def test_an_officer_logs_in_through_the_provider(world, provider):
    provider.identity = {"preferred_username": "olga_officer", "email": "olga@example.vn"}
    client = Client()
    response = sso_login(client, provider, next_url="/to-chuc/")
    assert response.status_code == 302 and response["Location"] == "/to-chuc/"
    assert int(client.session["_auth_user_id"]) == world.users["olga_officer"].pk
    assert client.get("/").status_code == 200
    # The code was exchanged with the client secret and the PKCE verifier, over the back channel.
    (exchange,) = provider.token_requests
    assert exchange["grant_type"] == "authorization_code" and len(exchange["code_verifier"]) >= 43


def test_an_unknown_identity_is_refused_and_no_account_is_created(world, provider):
    provider.identity = {"preferred_username": "stranger", "email": "stranger@example.vn"}
    accounts = User.objects.count()
    client = Client()
    response = sso_login(client, provider)
    assert response.status_code == 403
    assert "chưa gắn với tài khoản nào trong hệ thống" in response.content.decode()
    assert User.objects.count() == accounts
    assert client.get("/")["Location"].startswith(LOGIN)


def test_a_missing_claim_is_refused(world, provider):
    provider.identity = {"email": "olga@example.vn"}  # no preferred_username
    response = sso_login(Client(), provider)
    assert response.status_code == 403
    assert "không gửi thông tin định danh cần thiết" in response.content.decode()


def test_the_claim_can_be_the_email(world, provider, settings):
    settings.OIDC_ACCOUNT_CLAIM = "email"
    settings.OIDC_ACCOUNT_FIELD = "email"
    olga = world.users["olga_officer"]
    olga.email = "Olga.Nguyen@Example.vn"
    olga.save(update_fields=["email"])
    provider.identity = {"preferred_username": "someone-else", "email": "olga.nguyen@example.vn"}
    client = Client()
    assert sso_login(client, provider).status_code == 302
    assert int(client.session["_auth_user_id"]) == olga.pk


def test_an_inactive_account_is_refused(world, provider):
    User.objects.filter(username="olga_officer").update(is_active=False)
    provider.identity = {"preferred_username": "olga_officer"}
    response = sso_login(Client(), provider)
    assert response.status_code == 403 and "đã bị khoá" in response.content.decode()


def test_a_signer_still_needs_the_local_second_step(world, provider):
    """Without OIDC_IDP_ENFORCES_MFA even an `amr` of mfa does not replace the TOTP step."""
    enrolled_device(world.users["sam_signer"])
    provider.identity = {"preferred_username": "sam_signer"}
    provider.amr = ["pwd", "mfa"]
    client = Client()
    assert sso_login(client, provider).status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2F"


def test_a_signer_without_an_app_is_sent_to_enrol(world, provider):
    provider.identity = {"preferred_username": "sam_signer"}
    client = Client()
    sso_login(client, provider)
    assert client.get("/khen-thuong/")["Location"].startswith(ENROL)


def test_a_trusted_providers_mfa_counts_as_the_second_step(world, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    enrolled_device(world.users["sam_signer"])
    provider.identity = {"preferred_username": "sam_signer"}
    provider.amr = ["pwd", "otp"]
    client = Client()
    sso_login(client, provider)
    assert client.get("/").status_code == 200
    assert client.get("/khen-thuong/").status_code == 200
    # Turning the trust off asks the same session for the local code again.
    settings.OIDC_IDP_ENFORCES_MFA = False
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_trusted_provider_without_mfa_this_time_still_needs_the_code(world, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    enrolled_device(world.users["alice_owner"])
    provider.identity = {"preferred_username": "alice_owner"}
    provider.amr = ["pwd"]
    client = Client()
    sso_login(client, provider)
    assert client.get("/")["Location"].startswith(VERIFY)


def test_an_acr_value_can_show_the_mfa(world, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    settings.OIDC_MFA_ACR_VALUES = ["urn:example:loa:high"]
    enrolled_device(world.users["sam_signer"])
    provider.identity = {"preferred_username": "sam_signer"}
    provider.acr = "urn:example:loa:high"
    client = Client()
    sso_login(client, provider)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("field", ["issuer_override", "audience_override", "userinfo_sub_override"])
def test_an_id_token_for_another_issuer_or_client_is_refused(world, provider, field):
    setattr(provider, field, "https://other.example")
    provider.identity = {"preferred_username": "olga_officer"}
    client = Client()
    response = sso_login(client, provider)
    assert response.status_code == 403
    assert "không hợp lệ hoặc đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_address_lockout_holds_for_sso_too(world, provider, settings):
    """Failed logins from one address (here a password tried on another account) lock SSO too."""
    settings.AXES_IP_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        client.post(LOGIN, {"username": "carl_council", "password": "sai-mat-khau-1"})
    provider.identity = {"preferred_username": "olga_officer"}
    response = sso_login(client, provider)
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_a_refused_sso_login_counts_as_a_failure_of_the_address(world, provider, settings):
    settings.AXES_IP_FAILURE_LIMIT = 2
    provider.identity = {"preferred_username": "stranger"}
    client = Client()
    for _ in range(2):
        assert sso_login(client, provider).status_code == 403
    provider.identity = {"preferred_username": "olga_officer"}
    assert sso_login(client, provider).status_code == 429


def test_a_callback_cannot_be_replayed(world, provider):
    provider.identity = {"preferred_username": "olga_officer"}
    client = Client()
    back = at_provider(client, provider)
    assert client.get(back).status_code == 302
    client.logout()
    replay = client.get(back)
    assert replay.status_code == 403
    assert "Phiên đăng nhập SSO không hợp lệ hoặc đã được dùng" in replay.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forged_state_is_refused(world, provider):
    provider.identity = {"preferred_username": "olga_officer"}
    client = Client()
    back = at_provider(client, provider)
    forged = back.split("&state=")[0] + "&state=forged"
    response = client.get(forged)
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def test_the_provider_refusing_is_explained(world, provider):
    client = Client()
    client.get(SSO)
    response = client.get(CALLBACK + "?error=access_denied&state=x")
    assert response.status_code == 403
    assert "đã từ chối hoặc huỷ việc đăng nhập" in response.content.decode()


def test_a_failing_token_endpoint_is_explained(world, provider, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.issuer}/no-such-endpoint"
    provider.identity = {"preferred_username": "olga_officer"}
    response = sso_login(Client(), provider)
    assert response.status_code == 403
    assert "Không liên lạc được với nhà cung cấp đăng nhập" in response.content.decode()


def test_enabled_without_its_settings_refuses_to_start():
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "OIDC_ENABLED": "1", "OIDC_RP_CLIENT_ID": "x"}
    env.pop("OIDC_OP_TOKEN_ENDPOINT", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "OIDC_ENABLED=1 nhưng còn thiếu biến môi trường: OIDC_OP_AUTHORIZATION_ENDPOINT" in result.stderr
    assert "OIDC_RP_CLIENT_ID" not in result.stderr.split("thiếu biến môi trường:")[1].splitlines()[0]
