"""The home page's "Việc cần làm": each role's own work, with deadlines and links it may follow."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from thidua.awards import services as award_services
from thidua.awards import testing as award_testing
from thidua.awards.models import CouncilMeeting, State
from thidua.campaigns.models import RegistrationException
from thidua.notices.testing import campaign_due_in

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    start = html.index('id="viec-can-lam"')
    return html[start:html.index("</section>", start)]


def _links(section: str) -> list[str]:
    import re

    return re.findall(r'<a href="([^"]+)"', section)


def test_an_officer_sees_the_plan_overdue_and_the_registration_with_its_extension(world, login):
    campaign = campaign_due_in(world, "TODO-1", registration_in=-2, cascade_in=-3)
    x1 = campaign.participants.get(unit=world.units["X1"])
    today = timezone.localdate()
    RegistrationException.objects.create(participant=x1, valid_until=today + timedelta(days=5),
                                         reason="Đơn vị mới sáp nhập")
    client = login(world.olga_officer)
    html = client.get("/").content.decode()
    section = _section(html)
    assert "Ban hành kế hoạch thực hiện" in section
    assert f"hạn {(today - timedelta(days=3)):%d/%m/%Y}" in section
    assert "quá hạn 3 ngày" in section
    assert "Đăng ký thi đua" in section
    assert f"gia hạn đến {(today + timedelta(days=5)):%d/%m/%Y}" in section
    assert "còn 5 ngày" not in section  # 5 days left is not yet "soon" (3 days or fewer)
    # Only the officer's own unit: X2 (same campaign, not hers) is not listed.
    assert "Xã Lũng Cú" in section and "Xã Má Lé" not in section
    # The header counts the same two items.
    assert 'Việc cần làm<span class="count">2</span>' in html
    for url in _links(section):
        assert client.get(url).status_code == 200, url


def test_a_unit_without_an_extension_is_not_asked_to_register_after_the_deadline(world, login):
    campaign_due_in(world, "TODO-2", registration_in=-1, cascade_in=10)
    section = _section(login(world.olga_officer).get("/").content.decode())
    assert "Đăng ký thi đua" not in section
    assert "Ban hành kế hoạch thực hiện" in section


def test_the_owner_sees_units_late_on_their_plan_and_dossiers_to_receive(world, login):
    campaign_due_in(world, "TODO-3", registration_in=10, cascade_in=-1)
    dossier = award_testing.make_dossier(world, "X1", state=State.SUBMITTED)
    client = login(world.alice_owner)
    section = _section(client.get("/").content.decode())
    assert "3 đơn vị chưa ban hành kế hoạch thực hiện" in section
    assert "Tiếp nhận hồ sơ" in section and f"/khen-thuong/ho-so/{dossier.pk}/" in section
    # The province's owner is not asked to register each commune.
    assert "Đăng ký thi đua" not in section
    for url in _links(section):
        assert client.get(url).status_code == 200, url


def test_council_members_see_sessions_to_vote_in_and_signers_decisions_to_sign(world, login):
    council = award_testing.make_council(world, "P1")
    meeting = CouncilMeeting.objects.create(
        council=council, held_on=timezone.localdate() + timedelta(days=2), start=time(8),
        venue="Phòng họp số 1", purpose="Xét khen thưởng năm 2025", secretary="Lê Thư Ký")
    dossier = award_testing.make_dossier(world, "X1", state=State.BEFORE_COUNCIL)
    dossier.meeting = meeting
    dossier.save()
    award_testing.make_dossier(world, "X3", state=State.PROPOSED)
    council_page = login(world.carl_council).get("/").content.decode()
    section = _section(council_page)
    assert "Họp, biểu quyết của Hội đồng" in section
    assert f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/" in section
    assert "Ký quyết định" not in section
    signer = login(world.sam_signer)
    section = _section(signer.get("/").content.decode())
    assert "Ký quyết định khen thưởng" in section and "Xã Pải Lủng" in section
    for url in _links(section):
        assert signer.get(url).status_code == 200, url


def test_someone_with_nothing_to_do_is_told_so(world, login):
    html = login(world.stan_staff).get("/").content.decode()
    assert "Hiện không có việc nào đang chờ bạn." in html
    assert 'Việc cần làm<span class="count">0</span>' in html


def _queries(client) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    return len(captured.captured_queries), html


def test_the_home_page_queries_do_not_grow_with_the_items(world, login,
                                                          django_assert_max_num_queries):
    """One campaign and two dossiers, then ten campaigns and twenty dossiers: the same number
    of queries (each provider reads its rows in a fixed number of queries)."""
    campaign_due_in(world, "TODO-N0", registration_in=5, cascade_in=5)
    award_testing.make_dossier(world, "X1", state=State.DRAFT)
    award_testing.make_dossier(world, "X1", state=State.RETURNED)
    client = login(world.olga_officer)
    client.get("/")  # the session and the roles, once
    few, html = _queries(client)
    assert html.count("Báo cáo kế hoạch đã ban hành") == 2  # with the awards' campaign
    for i in range(1, 10):
        campaign_due_in(world, f"TODO-N{i}", registration_in=5, cascade_in=5)
    for _ in range(9):
        award_testing.make_dossier(world, "X1", state=State.DRAFT)
        award_testing.make_dossier(world, "X1", state=State.RETURNED)
    many, html = _queries(client)
    assert html.count("Báo cáo kế hoạch đã ban hành") == 11
    assert html.count("Hoàn thiện, gửi<") == 10
    assert html.count("Bổ sung, gửi lại<") == 10
    assert many == few
    with django_assert_max_num_queries(40):
        client.get("/")


def test_extensions_of_dossier_deadlines_show_in_the_worklist(world, login):
    dossier = award_testing.make_dossier(world, "X1", state=State.DRAFT)
    until = timezone.localdate() + timedelta(days=4)
    award_services.DeadlineException.objects.create(
        campaign=dossier.campaign, unit=dossier.unit, scope=dossier.scope, year=dossier.year,
        valid_until=until, reason="Thiên tai")
    section = _section(login(world.olga_officer).get("/").content.decode())
    assert f"gia hạn đến {until:%d/%m/%Y}" in section


def test_a_page_past_its_deadline_says_so_before_the_form(world, login):
    campaign = campaign_due_in(world, "LATE-1", registration_in=-2, cascade_in=10)
    x1 = campaign.participants.get(unit=world.units["X1"])
    client = login(world.olga_officer)
    html = client.get(f"/phong-trao/tham-gia/{x1.pk}/dang-ky/").content.decode()
    assert html.index("Đã quá hạn đăng ký thi đua") < html.index('<form method="post" class="editor"')
    assert "cần được cơ quan chủ trì gia hạn" in html
    until = timezone.localdate() + timedelta(days=2)
    RegistrationException.objects.create(participant=x1, valid_until=until, reason="Sáp nhập")
    html = client.get(f"/phong-trao/tham-gia/{x1.pk}/dang-ky/").content.decode()
    assert f"Đơn vị được gia hạn đến hết ngày {until:%d/%m/%Y}" in html


def test_a_draft_dossier_past_its_deadline_says_so_and_shows_its_extension(world, login):
    from thidua.awards.testing import recognise_results

    dossier = award_testing.make_dossier(world, "X1", state=State.DRAFT, scope="annual",
                                         year=2025)
    recognise_results(dossier.campaign, year=2025,
                      on=timezone.localdate() - timedelta(days=30))  # due 15 days later: past
    client = login(world.olga_officer)
    html = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Đã quá hạn nộp hồ sơ" in html
    until = timezone.localdate() + timedelta(days=3)
    award_services.DeadlineException.objects.create(
        campaign=dossier.campaign, unit=dossier.unit, scope=dossier.scope, year=dossier.year,
        valid_until=until, reason="Thiên tai")
    html = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert f"Đơn vị được gia hạn đến hết ngày {until:%d/%m/%Y}" in html
    assert f"gia hạn đến {until:%d/%m/%Y}</span>" in html
