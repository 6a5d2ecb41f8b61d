"""Journey: single sign-on through a provider the test starts on 127.0.0.1 — an officer goes straight
in, a signer still types the authenticator code, a stranger is refused in Vietnamese."""

import pytest
from playwright.sync_api import expect

from thidua.accounts.testing import current_code, enrolled_device
from thidua.accounts.tests.oidc_provider import Provider

pytestmark = pytest.mark.browser

BUTTON = "Đăng nhập bằng tài khoản một lần (SSO)"


@pytest.fixture
def provider(settings):
    with Provider() as running:
        running.interactive = True
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS,
                                            "thidua.accounts.sso.SSOBackend"]
        yield running


def sign_in_at_provider(page, username: str) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_role("link", name=BUTTON).click()
    page.get_by_label("Tài khoản tại nhà cung cấp").fill(username)
    page.get_by_role("button", name="Đăng nhập tại nhà cung cấp").click()


def test_sso_officer_signer_and_stranger(page, world, provider):
    sign_in_at_provider(page, "olga_officer")
    expect(page.get_by_role("link", name="olga_officer")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")

    device = enrolled_device(world.users["sam_signer"])
    sign_in_at_provider(page, "sam_signer")
    page.wait_for_url("**/xac-thuc-hai-buoc/**")  # the provider did not vouch for a second factor
    page.get_by_label("Mã xác thực").fill(current_code(device))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("link", name="sam_signer")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")

    sign_in_at_provider(page, "nguoi-la")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Không đăng nhập được bằng tài khoản một lần (SSO)")
    expect(page.get_by_role("alert")).to_contain_text("chưa gắn với tài khoản nào trong hệ thống")
