"""Journey on the demo itself (`thidua demo`, what `make run` serves), with its logins and password:
the commune officer xa2 nominates from the eligibility list of Kiên Giang's plan 002 (carried on
by An Giang), generates and uploads the dossier's papers and sends it; noivu (An Giang's Home
Affairs office) receives it, returns it once, then appraises it and puts it before the council's
open session; hoidong (the council's vice-chair) records the show of hands and closes the vote;
noivu proposes it; chutich signs the decision, and the certificate is made. The proposal (tờ
trình), the minutes, the decision and the certificate are downloaded and their names and figures
compared with the dossier and the session page. Every page visited reads as plain Vietnamese.

No step uses the test world or an administrator: what a new user would meet is what this walks."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser import workday
from tests.browser.workday import sign_out, todo
from tests.plain import assert_page_plain, database_codes
from thidua.accounts.models import User
from thidua.accounts.testing import browser_sign_in
from thidua.awards.models import Award, Dossier, State
from thidua.documents.checks import docx_text, pdf_pages

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

PASSWORD = "demo12345"  # the demo's (README)
CAMPAIGN = ("Phát động phong trào thi đua cải cách hành chính hàng năm và giai đoạn 2021-2025 "
            "trên địa bàn tỉnh Kiên Giang")
COMMUNE = "Xã Tường Châu"  # xa2's commune since 1 July 2025
NOMINEE = "Vũ Xuân Nghĩa"  # on the demo's eligibility list of 2024 (KG-A-IND), in xa2's commune
SUMMARY = "Tham mưu đưa 100% thủ tục hành chính của xã lên dịch vụ công trực tuyến năm 2024."


_READING: dict[str, Any] = {}


def read(page: Any) -> None:
    """The page as a person reads it: no raw code, "None", English or traceback. The codes and
    the login names (a person's own data) are read from the database once per walk: a query from
    the test's thread while the live server answers the page's own requests would contend for
    the in-memory database."""
    if not _READING:
        _READING["codes"] = database_codes()
        _READING["allow"] = tuple(User.objects.values_list("username", flat=True))
    page.wait_for_load_state("load")
    assert_page_plain(page, codes=_READING["codes"], allow=_READING["allow"])


def state(page: Any, text: str) -> None:
    expect(page.locator("#dossier-state")).to_have_text(text)
    read(page)


def upload(page: Any, component: str, name: str) -> None:
    workday.upload(page, component, name)
    read(page)


def download(page: Any, link: Any, path: Path) -> bytes:
    with page.expect_download() as event:
        link.click()
    event.value.save_as(path)
    return path.read_bytes()


def walk(page: Any, sign_in: Any, tmp_path: Path) -> None:
    """The whole chain through the browser; `sign_in(page, username)` logs a demo user in."""
    _READING.clear()
    # --- xa2 nominates from the eligibility list, makes the papers and sends the dossier -------
    sign_in(page, "xa2")
    read(page)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Khen thưởng").click()
    read(page)
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    read(page)
    page.get_by_label("Phong trào thi đua").select_option(label=CAMPAIGN)
    page.get_by_label("Đợt khen thưởng").select_option(label="Hằng năm")
    page.get_by_label("Năm xét").fill("2024")
    page.get_by_label("Đơn vị trình").select_option(label=COMMUNE)
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.get_by_role("heading", name="Chọn tập thể, cá nhân đề nghị khen thưởng")).to_be_visible()
    read(page)
    page.get_by_label(f"Chọn {NOMINEE} – Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh").check()
    page.get_by_role("button", name="Đề nghị những người đã chọn").click()
    expect(page.get_by_text("Đã đề nghị 1 tập thể, cá nhân.")).to_be_visible()
    # The deadline passed long ago; the demo's Home Affairs office extended it for this commune.
    expect(page.locator(".past-deadline")).to_contain_text("Đơn vị được gia hạn đến hết ngày")
    read(page)
    # What the papers say of the nominee comes from the dossier: the officer writes it once.
    page.get_by_role("link", name=NOMINEE).click()
    read(page)
    page.get_by_label("Tóm tắt thành tích").fill(SUMMARY)
    page.get_by_label("Thành tích đạt được (đưa vào báo cáo thành tích)").fill(SUMMARY)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name=f"Hồ sơ đề nghị khen thưởng: {COMMUNE}")).to_be_visible()
    page.get_by_role("button", name="Tạo văn bản từ dữ liệu").click()
    read(page)
    upload(page, "Biên bản họp Hội đồng Thi đua-Khen thưởng", "bien-ban-xa.pdf")
    upload(page, "Quyết định công bố phân loại của Ủy ban nhân dân cấp huyện", "phan-loai.pdf")
    expect(page.get_by_text("Hồ sơ đủ thành phần")).to_be_visible()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    state(page, "Đã gửi")
    dossier = Dossier.objects.get(campaign__code="KG-CCHC-2021-2025", unit__name=COMMUNE,
                                  scope="annual", year=2024)
    sign_out(page)

    # --- noivu receives it and returns it once -------------------------------------------------
    sign_in(page, "noivu")
    read(page)
    page.goto("/khen-thuong/tham-dinh/")
    read(page)
    page.get_by_label(f"Chọn hồ sơ {COMMUNE}").check()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Tiếp nhận: 1 hồ sơ.")).to_be_visible()
    read(page)
    page.get_by_role("link", name=COMMUNE).first.click()
    page.get_by_role("button", name="Nhận thẩm định").click()
    state(page, "Đang thẩm định")
    page.get_by_label("Lý do (trả lại để bổ sung)").fill(
        "Bổ sung bản chụp quyết định công bố phân loại năm 2024")
    page.get_by_role("button", name="Trả lại để bổ sung").click()
    state(page, "Trả lại để bổ sung")
    sign_out(page)

    sign_in(page, "xa2")  # the returned dossier is on the officer's to-do list
    todo(page).locator("li", has_text=COMMUNE).get_by_role("link", name="Bổ sung, gửi lại").click()
    expect(page).to_have_url(re.compile(f"/khen-thuong/ho-so/{dossier.pk}/$"))
    expect(page.get_by_role("alert").filter(has_text="Lý do trả lại")).to_contain_text(
        "Bổ sung bản chụp quyết định công bố phân loại")
    read(page)
    upload(page, "Quyết định công bố phân loại của Ủy ban nhân dân cấp huyện", "phan-loai-2.pdf")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    state(page, "Đã gửi")
    sign_out(page)

    # --- noivu appraises it and puts it before the council's open session ----------------------
    sign_in(page, "noivu")
    page.goto(f"/khen-thuong/ho-so/{dossier.pk}/")
    for step, after in (("Tiếp nhận", "Đã tiếp nhận"), ("Nhận thẩm định", "Đang thẩm định"),
                        ("Hoàn thành thẩm định", "Đã thẩm định")):
        page.get_by_role("button", name=step, exact=True).click()
        state(page, after)
    page.goto("/khen-thuong/hoi-dong/")
    read(page)
    page.get_by_role("link", name=re.compile("Phiên họp ngày")).first.click()
    read(page)
    page.get_by_label(re.compile(COMMUNE)).check()
    page.get_by_role("button", name="Trình Hội đồng").click()
    expect(page.get_by_text("Đã trình Hội đồng 1 hồ sơ.")).to_be_visible()
    read(page)
    meeting_url = page.url
    sign_out(page)

    # --- hoidong: the members vote by show of hands; the count is recorded, the vote closed -----
    sign_in(page, "hoidong")  # the session is on the member's to-do list
    read(page)
    todo(page).locator("li", has_text="xét khen thưởng (đợt bổ sung)").get_by_role(
        "link", name="Biểu quyết").click()
    expect(page).to_have_url(meeting_url)
    read(page)
    quorum = page.locator("#quorum").inner_text()
    present = int(re.match(r"(\d+)/(\d+)", quorum).group(1))
    members = int(re.match(r"(\d+)/(\d+)", quorum).group(2))
    ballot = page.locator("#ballot")
    # The session also hears the demo's Sở Tư pháp dossier: every case gets the room's count.
    cells = ballot.locator("tbody tr td:nth-child(2)").all_inner_texts()
    for name in (cell.split("\n")[0] for cell in cells):
        page.get_by_label(f"Đồng ý tại phòng họp: {name}", exact=True).fill(str(present))
        page.get_by_label(f"Không đồng ý tại phòng họp: {name}", exact=True).fill("0")
        page.get_by_label(f"Không biểu quyết tại phòng họp: {name}", exact=True).fill("0")
        page.get_by_role("button", name=f"Ghi số phiếu: {name}").click()
        expect(page.get_by_text(f"Đã ghi số phiếu tại phòng họp: {name}.")).to_be_visible()
    read(page)
    page.get_by_role("button", name="Kết thúc biểu quyết và lập biên bản").click()
    results = page.locator("#results")
    row = results.locator("tr", has_text=NOMINEE)
    expect(row).to_contain_text("Đạt")
    tally = f"{present} / 0 / 0"
    share = f"{present}/{members}"
    expect(row).to_contain_text(tally)
    expect(row).to_contain_text(share)
    read(page)
    minutes = docx_text(download(page, page.get_by_role("link", name="Tải biên bản (Word)"),
                                 tmp_path / "bien-ban.docx"))
    facts = dict(zip(page.locator("dl.facts dt").all_inner_texts(),
                     page.locator("dl.facts dd").all_inner_texts(), strict=True))
    venue = facts["Thời gian, địa điểm"].split(", ", 1)[1]
    for figure in (NOMINEE, tally, share, "giơ tay biểu quyết tại phòng họp", facts["Thư ký"],
                   venue, "Lâm Văn Thắng", "Võ Thị Kim Loan"):
        assert figure in minutes, figure
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in " ".join(minutes.upper().split())
    sign_out(page)

    # --- noivu proposes it to the signer ---------------------------------------------------------
    sign_in(page, "noivu")
    page.goto(f"/khen-thuong/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Trình người ký").click()
    state(page, "Trình người ký")
    proposal = page.locator("#dossier-files tr", has_text="Tờ trình").get_by_role(
        "link", name="Tải DOCX")
    proposal_text = docx_text(download(page, proposal, tmp_path / "to-trinh.docx"))
    for figure in (NOMINEE, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Tường Châu", SUMMARY,
                   "/TTr-UBND", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh An Giang"):
        assert figure in proposal_text, figure
    sign_out(page)

    # --- chutich signs the decision; the certificate is made ------------------------------------
    sign_in(page, "chutich")  # the proposed dossier is on the signer's to-do list
    read(page)
    todo(page).locator("li", has_text=COMMUNE).get_by_role(
        "link", name="Xem và ký quyết định").click()
    read(page)
    page.get_by_label("Số, ký hiệu").fill("131/QĐ-UBND")
    page.get_by_label("Họ tên người ký").fill("Lâm Văn Thắng")
    page.get_by_role("button", name="Ký ban hành quyết định").click(timeout=120_000)
    expect(page.get_by_role("heading", name="Quyết định số 131/QĐ-UBND")).to_be_visible()
    read(page)
    awardees = page.locator("#awardees")
    expect(awardees).to_contain_text(NOMINEE)
    money = re.search(r"\d{1,3}(?:\.\d{3})+", awardees.locator("tr", has_text=NOMINEE).inner_text())
    assert money, awardees.inner_text()
    decision_text = docx_text(download(page, page.get_by_role("link", name="Tải quyết định (Word)"),
                                       tmp_path / "quyet-dinh.docx"))
    for figure in ("131/QĐ-UBND", NOMINEE, money.group(0), "Lâm Văn Thắng"):
        assert figure in decision_text, figure
    certificate = download(
        page, page.get_by_role("link", name=re.compile(f"Tải bằng khen \\(PDF\\) – {NOMINEE}")),
        tmp_path / "bang-khen.pdf")
    assert certificate[:4] == b"%PDF"
    words = " ".join(p.text for p in pdf_pages(tmp_path / "bang-khen.pdf")).replace("\n", " ")
    for figure in (NOMINEE, "131/QĐ-UBND"):
        assert figure in words, figure
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    assert Award.objects.filter(decision=dossier.decision, person__full_name=NOMINEE).exists()


def test_a_new_user_walks_the_demo_from_nomination_to_certificate(page, tmp_path):
    call_command("demo", stdout=io.StringIO())  # the same data as `make run`
    walk(page, lambda tab, username: browser_sign_in(tab, username, PASSWORD), tmp_path)
