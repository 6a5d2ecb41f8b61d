"""Journey: a Kiên Giang (002) nomination from the eligibility list to a decision — the officer
nominates and submits, the Home Affairs office returns it for revision then appraises it, the
council votes by show of hands (the secretary records the count) with one absent member's
written ballot, the signer decides; the minutes, the decision and the certificate are downloaded
and their figures compared with the session page and the dossier."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.workday import sign_out, upload
from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards import testing
from thidua.awards.models import Award, Dossier, State
from thidua.core.testing import PASSWORD
from thidua.documents.checks import docx_text, pdf_pages

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


@pytest.fixture
def setup(world):
    campaign = testing.kg_campaign(world)
    testing.recognise_results(campaign, year=2025, on=timezone.localdate() - timedelta(days=5))
    testing.register(campaign, world.units["X1"], [world.people["p_x1"]])
    council = testing.make_council(world, "P1", members=3)
    voters = [world.users["carl_council"]]
    for member in council.members.exclude(user=world.users["carl_council"]):
        user = User.objects.create_user(username=f"uyvien{member.pk}", password=PASSWORD)
        RoleAssignment.objects.create(user=user, role=Role.COUNCIL, unit=world.units["P1"])
        member.user = user
        member.save()
        voters.append(user)
    return campaign, voters


def test_a_kien_giang_nomination_goes_from_the_list_to_a_decision(page, world, setup,
                                                                    browser_login, tmp_path):
    campaign, voters = setup
    # --- the commune's officer nominates from the eligibility list and submits ----------------
    browser_login(page, world.users["olga_officer"])
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Khen thưởng").click()
    page.get_by_role("link", name="Lập hồ sơ mới").click()
    page.get_by_label("Phong trào thi đua").select_option(label=campaign.title)
    page.get_by_label("Đợt khen thưởng").select_option(label="Giai đoạn")
    page.get_by_label("Năm xét").fill("2025")
    # the picker names a commune with its parent («Xã Lũng Cú — Huyện Đồng Văn»)
    page.get_by_label("Đơn vị trình").select_option(value=str(world.units["X1"].pk))
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.get_by_role("heading", name="Chọn tập thể, cá nhân đề nghị khen thưởng")).to_be_visible()
    page.get_by_label("Chọn Xã Lũng Cú – Bằng khen của Chủ tịch UBND tỉnh").check()
    page.get_by_role("button", name="Đề nghị những người đã chọn").click()
    expect(page.get_by_text("Đã đề nghị 1 tập thể, cá nhân.")).to_be_visible()
    expect(page.get_by_text("còn 10 ngày")).to_be_visible()
    page.get_by_role("button", name="Tạo văn bản từ dữ liệu").click()
    upload(page, "Biên bản họp Hội đồng Thi đua-Khen thưởng", "bien-ban.pdf")
    upload(page, "Quyết định công bố phân loại của Ủy ban nhân dân cấp huyện", "phan-loai.pdf")
    expect(page.get_by_text("Hồ sơ đủ thành phần")).to_be_visible()
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator("#dossier-state")).to_have_text("Đã gửi")
    dossier = Dossier.objects.get(unit=world.units["X1"])
    sign_out(page)

    # --- the province's Home Affairs office receives it and returns it for revision -----------
    browser_login(page, world.users["alice_owner"])
    page.goto("/khen-thuong/tham-dinh/")
    page.get_by_label("Chọn hồ sơ Xã Lũng Cú").check()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Tiếp nhận: 1 hồ sơ.")).to_be_visible()
    page.get_by_role("link", name="Xã Lũng Cú").click()
    page.get_by_role("button", name="Nhận thẩm định").click()
    page.get_by_label("Lý do (trả lại để bổ sung)").fill("Bổ sung số liệu Chỉ số CCHC năm 2025")
    page.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(page.locator("#dossier-state")).to_have_text("Trả lại để bổ sung")
    sign_out(page)

    browser_login(page, world.users["olga_officer"])
    page.goto(f"/khen-thuong/ho-so/{dossier.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("Bổ sung số liệu Chỉ số CCHC năm 2025")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator("#dossier-state")).to_have_text("Đã gửi")
    sign_out(page)

    # --- appraisal, and the dossier goes before the council --------------------------------------
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/khen-thuong/ho-so/{dossier.pk}/")
    for step, state in (("Tiếp nhận", "Đã tiếp nhận"), ("Nhận thẩm định", "Đang thẩm định"),
                        ("Hoàn thành thẩm định", "Đã thẩm định")):
        page.get_by_role("button", name=step, exact=True).click()
        expect(page.locator("#dossier-state")).to_have_text(state)
    page.goto("/khen-thuong/hoi-dong/")
    form = page.get_by_role("form", name="Triệu tập phiên họp")
    form.get_by_label("Ngày họp").fill(timezone.localdate().isoformat())
    form.get_by_label("Giờ bắt đầu").fill("08:00")
    form.get_by_label("Địa điểm").fill("Hội trường Ủy ban nhân dân tỉnh")
    form.get_by_label("Nội dung").fill("xét khen thưởng giai đoạn 2021-2025")
    form.get_by_label("Thư ký").fill("Lê Văn Thư")
    form.get_by_label("Số biên bản").fill("05/BB-HĐTĐKT")
    form.get_by_label("Thành viên có mặt biểu quyết bằng").select_option(
        label="Giơ tay tại phòng họp (thư ký ghi số phiếu)")
    form.get_by_role("button", name="Tạo phiên họp").click()
    page.get_by_role("link", name=re.compile("Phiên họp ngày")).click()
    page.get_by_label(re.compile("Xã Lũng Cú")).check()
    page.get_by_role("button", name="Trình Hội đồng").click()
    expect(page.get_by_text("Đã trình Hội đồng 1 hồ sơ.")).to_be_visible()
    expect(page.locator("#rules")).to_contain_text("Phiếu bằng văn bản")

    # --- at the session: one member is away and sends a written ballot; the secretary records
    # the show of hands and the written ballot, then closes the vote -------------------------
    row = page.locator("#attendance tr", has_text="Lê Văn Ủy")
    row.get_by_label("Tham dự của Lê Văn Ủy").select_option(label="Vắng, có phiếu văn bản")
    row.get_by_label("Lý do vắng của Lê Văn Ủy").fill("Đi công tác")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("#quorum")).to_contain_text("2/3 thành viên có mặt, 1 thành viên vắng")
    page.get_by_label("Đồng ý tại phòng họp: Xã Lũng Cú", exact=True).fill("2")
    page.get_by_label("Không đồng ý tại phòng họp: Xã Lũng Cú", exact=True).fill("0")
    page.get_by_label("Không biểu quyết tại phòng họp: Xã Lũng Cú").fill("0")
    page.get_by_role("button", name="Ghi số phiếu: Xã Lũng Cú").click()
    expect(page.get_by_text("Đã ghi số phiếu tại phòng họp: Xã Lũng Cú.")).to_be_visible()
    written = page.get_by_role("form", name="Nhập phiếu văn bản")
    written.get_by_label("Thành viên vắng có phiếu").select_option(label="Lê Văn Ủy")
    written.get_by_label("Biểu quyết").select_option(label="Đồng ý")
    written.get_by_role("button", name="Nhập phiếu văn bản").click()
    expect(page.get_by_text("Đã ghi nhận biểu quyết: Xã Lũng Cú.")).to_be_visible()
    page.get_by_role("button", name="Kết thúc biểu quyết và lập biên bản").click()
    results = page.locator("#results")
    expect(results).to_contain_text("Đạt")
    for figure in ("2 / 0 / 0", "1 / 0 / 0", "3/3 (100%)", "> 50%"):
        expect(results).to_contain_text(figure)
    with page.expect_download() as minutes:
        page.get_by_role("link", name="Tải biên bản (Word)").click()
    minutes_path = tmp_path / "bien-ban.docx"
    minutes.value.save_as(minutes_path)
    minutes_text = docx_text(minutes_path.read_bytes())
    for figure in ("2 / 0 / 0", "1 / 0 / 0", "3/3 (100%)", "> 50%", "Lê Văn Ủy",
                   "Đi công tác; có phiếu biểu quyết bằng văn bản", "05/BB-HĐTĐKT",
                   "giơ tay biểu quyết tại phòng họp", "Ủy ban nhân dân xã Lũng Cú"):
        assert figure in minutes_text, figure
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in " ".join(minutes_text.upper().split())
    sign_out(page)

    # --- the office proposes it to the signer, who issues the decision ------------------------
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/khen-thuong/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Trình người ký").click()
    expect(page.locator("#dossier-state")).to_have_text("Trình người ký")
    sign_out(page)

    browser_login(page, world.users["sam_signer"])
    page.goto("/khen-thuong/quyet-dinh/")
    page.get_by_label("Số, ký hiệu").fill("125/QĐ-UBND")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn Chủ Tịch")
    page.get_by_role("button", name="Ký ban hành quyết định").click(timeout=90_000)
    expect(page.get_by_role("heading", name="Quyết định số 125/QĐ-UBND")).to_be_visible()
    expect(page.locator("#awardees")).to_contain_text("7.020.000")
    with page.expect_download() as decision:
        page.get_by_role("link", name="Tải quyết định (Word)").click()
    decision_path = tmp_path / "quyet-dinh.docx"
    decision.value.save_as(decision_path)
    decision_text = docx_text(decision_path.read_bytes())
    for figure in ("125/QĐ-UBND", "Lũng Cú", "7.020.000", "Nguyễn Văn Chủ Tịch"):
        assert figure in decision_text, figure
    # The chairman awards a Bằng khen under his own authority: "CHỦ TỊCH", no "TM.".
    assert "CHỦ TỊCH" in decision_text.split("Nguyễn Văn Chủ Tịch")[0]
    assert "TM. ỦY BAN NHÂN DÂN" not in decision_text
    with page.expect_download() as certificate:
        page.get_by_role("link", name=re.compile("Tải bằng khen \\(PDF\\) – Xã Lũng Cú")).click()
    certificate_path = tmp_path / "bang-khen.pdf"
    certificate.value.save_as(certificate_path)
    assert certificate_path.read_bytes()[:4] == b"%PDF"
    words = " ".join(p.text for p in pdf_pages(certificate_path)).replace("\n", " ")
    for figure in ("Lũng Cú", "125/QĐ-UBND"):
        assert figure in words, figure
    assert Dossier.objects.get(pk=dossier.pk).state == State.DECIDED
    assert Award.objects.get().unit == world.units["X1"]
