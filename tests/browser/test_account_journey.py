"""Journey: a signer's first login sets up the authenticator app from the page (QR code and key),
keeps the recovery codes, later logs in with one of them, and changes the password."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from thidua.core.testing import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_with_password(page, username: str, password: str) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_signer_enrols_uses_a_recovery_code_and_changes_the_password(page, world):
    sign_in_with_password(page, "sam_signer", PASSWORD)
    page.wait_for_url("**/xac-thuc-hai-buoc/cai-dat/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cài đặt đăng nhập hai bước")
    expect(page.locator("figure.qr svg")).to_be_visible()
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    totp = TOTP(b32decode(secret))  # what the phone's app computes from the key
    totp.time = time.time()
    page.get_by_label("Mã xác thực").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Xác nhận").click()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Tiếp tục").click()
    expect(page.get_by_role("link", name="sam_signer")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")
    sign_in_with_password(page, "sam_signer", PASSWORD)
    page.wait_for_url("**/xac-thuc-hai-buoc/?**")
    page.get_by_label("Mã xác thực").fill(codes[0])
    page.get_by_role("button", name="Xác nhận").click()

    page.get_by_role("link", name="sam_signer").click()
    expect(page.get_by_text("Còn 9 mã dự phòng.")).to_be_visible()
    page.get_by_role("link", name="Đổi mật khẩu").click()
    page.get_by_label("Mật khẩu hiện tại").fill(PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill("1234")
    page.get_by_label("Nhập lại mật khẩu mới").fill("1234")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_text("Mật khẩu quá ngắn: cần ít nhất 10 ký tự.")).to_be_visible()
    page.get_by_label("Mật khẩu hiện tại").fill(PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=True).fill("ruong-bac-thang-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("ruong-bac-thang-2026")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
