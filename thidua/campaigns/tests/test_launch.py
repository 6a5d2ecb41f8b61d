"""Launching: version 1, every subordinate unit in scope asked to issue its plan, told in the app
and by e-mail; statuses move on; a child plan answers its unit's part of the cascade."""

from datetime import date

import pytest
from django.core import mail

from thidua.campaigns import services
from thidua.campaigns.models import CampaignStatus, PlanIssueStatus
from thidua.campaigns.testing import launched_campaign, small_plan
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


def draft(world, code="P1-D", issuer="P1", **overrides):
    return services.campaign_save(actor=None, plan=small_plan(code, world.units[issuer].code,
                                                             **overrides), check_access=False)


def test_it_asks_every_commune_in_scope_and_tells_their_officers(world, login, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.olga_officer.email = "olga@example.vn"
    world.olga_officer.save()
    campaign = draft(world)
    client = login(world.alice_owner)
    assert "3 đơn vị" in client.get(f"/phong-trao/{campaign.pk}/phat-dong/").content.decode()
    response = client.post(f"/phong-trao/{campaign.pk}/phat-dong/",
                           {"launched_on": "2026-01-20", "cascade_due": "2026-02-20"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED and campaign.version == 1
    assert campaign.versions.get().plan["code"] == "P1-D"
    assert sorted(campaign.participants.values_list("unit__code", flat=True)) == [
        "P1-X1", "P1-X2", "P1-X3"]
    notice = Notice.objects.get(user=world.olga_officer)
    assert "ban hành kế hoạch" in notice.message and notice.event == "campaign_launched"
    x1 = campaign.participants.get(unit=world.units["X1"])
    assert notice.url == f"/phong-trao/tham-gia/{x1.pk}/"


def test_it_sends_the_launch_e_mail_after_commit(world, django_capture_on_commit_callbacks,
                                                 settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.olga_officer.email = "olga@example.vn"
    world.olga_officer.save()
    campaign = draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(actor=world.alice_owner, campaign=campaign,
                                 launched_on=date(2026, 1, 20), cascade_due=date(2026, 2, 20))
    assert [m.to for m in mail.outbox] == [["olga@example.vn"]]
    assert "ban hành kế hoạch" in mail.outbox[0].body


def test_it_refuses_to_launch_a_plan_with_problems(world, login):
    campaign = draft(world)
    campaign.milestones.filter(code="registration").update(on_date=date(2027, 5, 1))
    response = login(world.alice_owner).post(f"/phong-trao/{campaign.pk}/phat-dong/",
                                              {"launched_on": "2026-01-20"})
    assert response.status_code == 200
    assert "nằm ngoài thời gian thi đua" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.is_draft and not campaign.participants.exists()


def test_it_moves_to_mid_term_reviewed_then_closed(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    client = login(world.alice_owner)
    client.post(f"/phong-trao/{campaign.pk}/trang-thai/", {"status": "mid_term_reviewed"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.MID_TERM_REVIEWED
    client.post(f"/phong-trao/{campaign.pk}/trang-thai/", {"status": "launched"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.MID_TERM_REVIEWED
    client.post(f"/phong-trao/{campaign.pk}/trang-thai/", {"status": "closed"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    assert client.get(f"/phong-trao/{campaign.pk}/trang-thai/").status_code == 405


def test_it_refuses_to_launch_another_units_plan(world, login):
    campaign = draft(world, "P2-D", "P2")
    assert login(world.alice_owner).post(f"/phong-trao/{campaign.pk}/phat-dong/",
                                         {"launched_on": "2026-01-20"}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.is_draft


def test_a_copied_plan_of_a_commune_answers_its_part_once_launched(world, login):
    parent = launched_campaign(world, "P1-L", "P1")
    client = login(world.olga_officer)
    response = client.post(f"/phong-trao/{parent.pk}/sao-chep/", {
        "issuer": world.units["X1"].pk, "code": "X1-CCHC-2026", "title": parent.title})
    child = parent.children.get()
    assert response["Location"] == f"/phong-trao/{child.pk}/sua/"
    assert child.issuer == world.units["X1"] and child.is_draft
    assert child.issuing_body == "XÃ LŨNG CÚ"
    assert child.standards.get().code == "STD-FLAG"
    services.campaign_launch(actor=world.olga_officer, campaign=child,
                             launched_on=date(2026, 2, 1))
    part = parent.participants.get(unit=world.units["X1"])
    assert part.plan_status == PlanIssueStatus.ISSUED and part.child_campaign == child


def test_an_officer_cannot_copy_into_a_unit_outside_their_scope(world, login):
    parent = launched_campaign(world, "P1-L", "P1")
    response = login(world.olga_officer).post(f"/phong-trao/{parent.pk}/sao-chep/", {
        "issuer": world.units["X3"].pk, "code": "X3-COPY"})
    assert response.status_code == 200
    assert not parent.children.exists()
