"""Journey: a PDF made while the person waits (the campaign's plan, by LibreOffice) shows
"Đang tạo tệp PDF… (n giây)" beside its link, then arrives under the server's name as a PDF; when
the server cannot make it, its Vietnamese message appears beside the link instead
(thidua/core/static/thidua/pdf.js)."""

import time

import pytest
from playwright.sync_api import expect

from thidua.awards import testing

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

# Records whether the progress line was ever shown, whatever comes first: the line or the file.
WATCH = """() => {
  window.pdfProgressSeen = false;
  new MutationObserver(() => {
    for (const box of document.querySelectorAll('.pdf-progress')) {
      if (box.textContent.includes('Đang tạo tệp PDF… (') && box.querySelector('progress')) {
        window.pdfProgressSeen = true;
      }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_the_plan_pdf_shows_progress_then_arrives(page, world, browser_login, tmp_path):
    campaign = testing.kg_campaign(world)
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/phong-trao/{campaign.pk}/")
    link = page.get_by_role("link", name="Tải văn bản (.pdf)")
    assert link.get_attribute("data-pdf") is not None
    page.evaluate(WATCH)
    href = link.get_attribute("href")

    def slow(route):  # noqa: ANN001, ANN202
        # LibreOffice may answer within a second on a quiet machine; the line is for the
        # person who waits longer, so the answer is held back past the second here.
        response = route.fetch()
        time.sleep(1.5)
        route.fulfill(response=response)

    page.route(f"**{href}", slow)
    with page.expect_download(timeout=120_000) as download:
        link.click()
    assert download.value.suggested_filename == f"{campaign.code}.pdf"
    path = tmp_path / "ke-hoach.pdf"
    download.value.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    # The answer took more than a second: the line was shown while the person waited.
    assert page.evaluate("() => window.pdfProgressSeen") is True
    expect(page.locator(".pdf-progress")).to_have_text("")  # and cleared once the file came
    expect(page).to_have_url(f"{page.url.split('/phong-trao/')[0]}/phong-trao/{campaign.pk}/")


def test_without_libreoffice_the_servers_message_is_shown(page, world, browser_login,
                                                          monkeypatch):
    # The server is configured with a LibreOffice that is not there (as on a machine without it).
    monkeypatch.setenv("THIDUA_SOFFICE", "/khong-co/soffice")
    campaign = testing.kg_campaign(world)
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/phong-trao/{campaign.pk}/")
    page.get_by_role("link", name="Tải văn bản (.pdf)").click()
    expect(page.locator(".pdf-progress")).to_contain_text(
        "Không tìm thấy LibreOffice (soffice) trên máy chủ nên không thể tạo tệp PDF.")
    expect(page.get_by_role("heading", level=1)).to_be_visible()  # still on the campaign page
