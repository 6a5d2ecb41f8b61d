"""The council's chairman and the provincial chairman (signer): each starts from the notice
and the to-do list — the chairman votes in the session a dossier entered, the signer opens the
decisions to sign and signs; every page in plain Vietnamese."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.workday import build_day, read, todo
from thidua.awards.models import Ballot, State

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


def test_the_council_chairman_is_told_and_votes(page, world, browser_login):
    day = build_day(world)
    member = world.users["carl_council"]
    browser_login(page, member)
    page.goto("/")
    read(page, allow=(member.username,))
    expect(page.get_by_role("link", name="Thông báo: 1 chưa đọc")).to_be_visible()
    page.get_by_role("link", name="Thông báo: 1 chưa đọc").click()
    read(page, allow=(member.username,))
    page.get_by_role("link", name="Hồ sơ đề nghị khen thưởng của Xã Má Lé").click()
    expect(page).to_have_url(f"{page.url.split('/khen-thuong')[0]}/khen-thuong/hoi-dong/"
                             f"phien-hop/{day.meeting.pk}/")
    page.goto("/")
    expect(page.get_by_role("link", name="Thông báo: 0 chưa đọc")).to_be_visible()  # read now
    todo(page).get_by_role("link", name="Biểu quyết").click()
    read(page, allow=(member.username,))
    page.get_by_role("button", name="Đồng ý: Xã Má Lé", exact=True).click()
    expect(page.get_by_role("button", name="Đồng ý: Xã Má Lé", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    assert Ballot.objects.filter(member__user=member, choice="approve").count() == 1
    read(page, allow=(member.username,))


def test_the_signer_signs_the_proposed_decision(page, world, browser_login):
    day = build_day(world)
    signer = world.users["sam_signer"]
    browser_login(page, signer)
    page.goto("/")
    read(page, allow=(signer.username,))
    item = todo(page).locator("li", has_text="Xã Pải Lủng")
    expect(todo(page).get_by_role("heading", name="Ký quyết định khen thưởng")).to_be_visible()
    item.get_by_role("link", name="Xem và ký quyết định").click()
    read(page, allow=(signer.username,))
    page.get_by_label("Số, ký hiệu").fill("125/QĐ-UBND")
    page.get_by_label("Ngày ký").fill(timezone.localdate().isoformat())
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn Ký")
    page.get_by_role("button", name="Ký ban hành quyết định").click()
    expect(page.get_by_text("125/QĐ-UBND").first).to_be_visible()
    read(page, allow=(signer.username,))
    day.proposed.refresh_from_db()
    assert day.proposed.state == State.DECIDED
    page.goto("/")
    expect(todo(page).get_by_role("heading", name="Ký quyết định khen thưởng")).to_have_count(0)
