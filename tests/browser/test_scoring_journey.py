"""Journey: a commune scores itself with evidence and submits; Sở Nội vụ's appraiser adjusts a
point with a reason and asks for an explanation; the commune answers; the appraisal is closed and
publication writes the year's results and ranks (PAR INDEX scoring, thidua/scoring)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


def _prepare(world):
    """The set, and the two other communes already appraised, SIPAS imported for all."""
    from thidua.results.models import ClassificationThresholds
    from thidua.scoring import services
    from thidua.scoring.models import Score
    from thidua.scoring.testing import make_criteria_set

    ClassificationThresholds.objects.create(valid_from=date(2020, 1, 1), excellent_min=90,
                                            good_min=80, fair_min=70, average_min=50)
    cs = make_criteria_set(world.units["P1"], world.categories["xa"],
                           [world.units[k] for k in ("X1", "X2", "X3")])
    subs = {s.code: s for s in cs.sub_criteria.all()}
    owner = world.users["alice_owner"]
    for key, points in (("X2", ("2", "3", "20", "10")), ("X3", ("4", "5", "28", "18"))):
        a = cs.assessments.get(unit=world.units[key])
        a = services.assessment_save_self(actor=owner, assessment=a, version=a.version, entries={
            subs["1.1.1"].pk: services.SelfEntry(Decimal(points[0]), "Kế hoạch số 5/KH-UBND"),
            subs["1.1.2"].pk: services.SelfEntry(Decimal(points[1]), ""),
            subs["2.1.1"].pk: services.SelfEntry(Decimal(points[2]), "")})
        a = services.assessment_submit(actor=owner, assessment=a, version=a.version)
        a = services.assessment_appraise(actor=owner, assessment=a, version=a.version, entries={
            subs["2.1.2"].pk: services.AppraisalEntry(Decimal(points[3]))})
        services.assessment_finalise(actor=owner, assessment=a, version=a.version)
    for key, value in (("X1", 90), ("X2", 75), ("X3", 95)):
        Score.objects.filter(assessment__unit=world.units[key],
                             sub_criterion=subs["3.1.1-sipas"]).update(survey_value=value)
    return cs


def test_self_assessment_appraisal_explanation_and_publication(page, world, browser_login,
                                                               tmp_path):
    cs = _prepare(world)
    evidence = tmp_path / "ke-hoach-cchc.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% ke hoach CCHC 2025\n")

    # The commune's officer scores, attaches evidence and submits.
    browser_login(page, world.users["olga_officer"])
    page.goto("/cham-diem-cchc/")
    page.get_by_role("link", name="Xã Lũng Cú").first.click()
    page.get_by_label("Điểm tự chấm 1.1.1").fill("4")
    page.get_by_label("Điểm tự chấm 1.1.2").fill("6")
    page.get_by_label("Điểm tự chấm 2.1.1").fill("30")
    expect(page.locator("#running-total")).to_have_text("40,00")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu điểm tự chấm.")).to_be_visible()
    page.get_by_label("Tệp kiểm chứng 1.1.1").set_input_files(str(evidence))
    page.locator("tr[data-code='1.1.1']").get_by_role("button", name="Thêm tài liệu").click()
    expect(page.get_by_text("Đã thêm tài liệu kiểm chứng.")).to_be_visible()
    expect(page.locator("tr[data-code='1.1.1']").get_by_role("link",
                                                             name="ke-hoach-cchc.pdf")).to_be_visible()
    page.get_by_role("button", name="Lưu và nộp").click()
    expect(page.locator("#status")).to_have_text("Đã nộp, chờ thẩm định")
    _logout(page)

    # Sở Nội vụ adjusts a point with a reason and asks for an explanation.
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/cham-diem-cchc/bo/{cs.pk}/")
    page.locator("#assessments tr", has_text="Xã Lũng Cú").get_by_role("link", name="Thẩm định").click()
    page.get_by_label("Điểm thẩm định 2.1.1").fill("20")
    page.get_by_label("Lý do điều chỉnh 2.1.1").fill("Còn 3 thủ tục hành chính công khai chậm")
    page.get_by_role("checkbox", name="Yêu cầu giải trình 2.1.1").check()
    page.get_by_label("Nội dung yêu cầu giải trình 2.1.1").fill("Cung cấp danh mục TTHC đã công khai")
    page.get_by_label("Điểm thẩm định 2.1.2").fill("15")
    page.get_by_role("button", name="Lưu và gửi yêu cầu giải trình").click()
    expect(page.locator("#status")).to_have_text("Đang giải trình")
    _logout(page)

    # The commune answers within the deadline.
    browser_login(page, world.users["olga_officer"])
    page.goto("/cham-diem-cchc/")
    page.get_by_role("link", name="Xã Lũng Cú").first.click()
    expect(page.get_by_text("Cung cấp danh mục TTHC đã công khai")).to_be_visible()
    expect(page.get_by_text("Lý do: Còn 3 thủ tục hành chính công khai chậm")).to_be_visible()
    page.get_by_label("Trả lời giải trình 2.1.1").fill("Danh mục đã công khai tại Báo cáo 45/BC-UBND")
    page.get_by_role("button", name="Gửi giải trình").click()
    expect(page.locator("#status")).to_have_text("Đã giải trình")
    _logout(page)

    # The appraisal is closed and the results are published.
    browser_login(page, world.users["alice_owner"])
    page.goto(f"/cham-diem-cchc/bo/{cs.pk}/")
    page.locator("#assessments tr", has_text="Xã Lũng Cú").get_by_role("link", name="Thẩm định").click()
    expect(page.get_by_text("Danh mục đã công khai tại Báo cáo 45/BC-UBND")).to_be_visible()
    page.get_by_role("button", name="Lưu và kết thúc thẩm định").click()
    expect(page.locator("#status")).to_have_text("Đã thẩm định xong")
    page.goto(f"/cham-diem-cchc/bo/{cs.pk}/")
    page.get_by_label("Ngày quyết định công bố").fill("2026-02-10")
    page.get_by_label("Số quyết định công bố").fill("215/QĐ-UBND")
    page.get_by_role("button", name="Công bố kết quả").click()
    expect(page.get_by_text("Đã công bố kết quả của 3 đơn vị")).to_be_visible()
    # X1: 4 + 6 + 20 + 15 + 36 = 81 → second; X3 93 first; X2 65 third.
    row = page.locator("#assessments tr", has_text="Xã Lũng Cú")
    expect(row).to_contain_text("81,00")
    expect(row.locator("td").nth(5)).to_have_text("2")
    expect(row).to_contain_text("Tốt")
    page.goto("/ket-qua/?nam=2025")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Xã Pải Lủng"))
    expect(page.get_by_role("main")).to_contain_text("Xã Lũng Cú")
