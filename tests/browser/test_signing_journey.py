"""Journey: the signer opens an issued decision, signs it digitally, sees who signed and when,
and downloads the signed PDF, which verifies against the suite's own trust root."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from thidua.awards import testing
from thidua.signing.pades import verify_pdf
from thidua.signing.testing import TestAuthority, simple_pdf

pytestmark = pytest.mark.browser


def test_the_signer_signs_a_decision(page, world, browser_login, tmp_path, settings):
    authority = TestAuthority(tmp_path / "ky-so")
    authority.configure(settings)
    signer = world.users["sam_signer"]
    authority.key_for(signer.username, "Nguyễn Văn Ký", organisation="UBND tỉnh")
    decision = testing.sample_decision(world, "X1")
    decision.pdf.save("quyet-dinh.pdf", ContentFile(simple_pdf("QUYET DINH")))

    browser_login(page, signer)
    page.goto(f"/khen-thuong/quyet-dinh/{decision.pk}/")
    expect(page.locator(".signed-box")).to_contain_text("Chưa ký số")
    page.get_by_role("link", name="Ký số quyết định").click()
    expect(page.locator("#sign-state")).to_contain_text("Chưa ký số")
    page.get_by_role("button", name="Ký số văn bản").click()
    expect(page.get_by_text("Đã ký số “Quyết định số")).to_be_visible()
    expect(page.locator("#sign-state")).to_contain_text("lần 1")
    expect(page.locator("#signed-versions")).to_contain_text("CA thử nghiệm của bộ kiểm thử")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản đã ký (PDF)").click()
    data = open(info.value.path(), "rb").read()
    assert verify_pdf(data, trust_roots=[authority.root]).status == "valid"
    page.get_by_role("link", name="← Quay lại văn bản").click()
    expect(page.locator(".signed-box")).to_contain_text("Đã ký số")
