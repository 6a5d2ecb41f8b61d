"""The plan editor over HTTP: write from scratch, errors next to their field with nothing saved,
rows added and removed, amendments after launch."""

import re
from datetime import date

import pytest

from thidua.campaigns import selectors, services
from thidua.campaigns.models import Campaign, CampaignVersion
from thidua.campaigns.seedplans import load_seed_plan
from thidua.campaigns.testing import editor_data, launched_campaign, seed_issuers, small_plan

pytestmark = pytest.mark.django_db


def field_block(html: str, field_id: str) -> str:
    """The markup of the field wrapper holding the input ``field_id`` (label, input, errors)."""
    position = html.index(f'id="{field_id}"')
    start = html.rfind('<div class="field', 0, position)
    end = html.index("</div>", position)
    return html[start:end]


def test_it_creates_a_plan_from_scratch(world, login):
    plan = small_plan("P1-CCHC-2026", "P1")
    response = login(world.alice_owner).post("/phong-trao/moi/",
                                              editor_data(plan, issuer=world.units["P1"]))
    campaign = Campaign.objects.get(code="P1-CCHC-2026")
    assert response.status_code == 302 and response["Location"] == f"/phong-trao/{campaign.pk}/"
    assert campaign.issuer == world.units["P1"] and campaign.is_draft
    assert list(campaign.plan_items.filter(section="contents").values_list("clause", flat=True)) \
        == ["§II.1", "§II.2"]
    assert campaign.criteria.get(letter="b").clause == "§IV.1.b"
    assert campaign.milestones.get(code="registration").on_date == date(2026, 3, 31)
    assert campaign.quotas.get().category_id == "xa"


def test_it_shows_a_deadline_outside_the_period_next_to_the_date(world, login):
    plan = small_plan("P1-X", "P1")
    plan["milestones"][0]["date"] = date(2027, 1, 5)
    response = login(world.alice_owner).post("/phong-trao/moi/",
                                              editor_data(plan, issuer=world.units["P1"]))
    assert response.status_code == 400
    block = field_block(response.content.decode(), "id_milestones-0-date")
    assert "nằm ngoài thời gian thi đua" in block
    assert not Campaign.objects.exists()


def test_it_shows_a_quota_for_a_category_not_targeted_next_to_the_category(world, login):
    plan = small_plan("P1-X", "P1")
    plan["quotas"].append({"award_form": "FLAG", "category": "huyen", "count": 1})
    response = login(world.alice_owner).post("/phong-trao/moi/",
                                              editor_data(plan, issuer=world.units["P1"]))
    assert response.status_code == 400
    assert "không thuộc đối tượng thi đua" in field_block(response.content.decode(),
                                                          "id_quotas-1-category")
    assert not Campaign.objects.exists()


def test_it_shows_a_letter_used_twice_next_to_the_letter(world, login):
    plan = small_plan("P1-X", "P1")
    plan["criteria"][1]["letter"] = "a"
    response = login(world.alice_owner).post("/phong-trao/moi/",
                                              editor_data(plan, issuer=world.units["P1"]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "bị dùng hai lần" in field_block(html, "id_criteria-1-letter")
    assert "bị dùng hai lần" not in field_block(html, "id_criteria-0-letter")
    assert not Campaign.objects.exists()


def test_it_adds_and_removes_rows_inline(world, login):
    campaign = services.campaign_save(actor=None, plan=small_plan("P1-D", "P1"),
                                      check_access=False)
    plan = selectors.campaign_plan(campaign, with_ids=True)
    data = editor_data(plan)
    data["contents-0-DELETE"] = "on"
    data["contents-TOTAL_FORMS"] = "3"
    data["contents-2-text"] = "Thi đua nâng cao chỉ số hài lòng SIPAS."
    response = login(world.alice_owner).post(f"/phong-trao/{campaign.pk}/sua/", data)
    assert response.status_code == 302
    texts = list(campaign.plan_items.filter(section="contents").order_by("position")
                 .values_list("clause", "text"))
    assert texts == [("§II.1", "Thi đua xây dựng chính quyền số."),
                     ("§II.2", "Thi đua nâng cao chỉ số hài lòng SIPAS.")]


def test_it_keeps_what_the_form_does_not_edit_in_a_seed_plan(world, login):
    seed_issuers()
    kg = services.campaign_save(actor=None, plan=load_seed_plan("KG-CCHC-2021-2025"),
                                check_access=False)
    plan = selectors.campaign_plan(kg, with_ids=True)
    data = editor_data(plan)
    data["plan-theme"] = "Chủ đề mới"
    response = login(world.ada_admin).post(f"/phong-trao/{kg.pk}/sua/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    flag = kg.standards.get(code="KG-P-FLAG")
    assert flag.data["provisos"][0]["clause"] == "§IV.1.1.a¶3"
    assert flag.clause == "§IV.1.1.a"
    assert kg.plan_items.get(section="legal_bases", clause="§Mở đầu¶1").data["refs"]
    kg.refresh_from_db()
    assert kg.theme == "Chủ đề mới" and kg.annexes[0]["code"] == "registration_form"


def test_it_asks_for_a_reason_before_amending_a_launched_plan(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    data = editor_data(selectors.campaign_plan(campaign, with_ids=True))
    data["quotas-0-value"] = "2"
    client = login(world.alice_owner)
    response = client.get(f"/phong-trao/{campaign.pk}/sua/")
    assert "Sửa đổi, bổ sung kế hoạch" in response.content.decode()
    response = client.post(f"/phong-trao/{campaign.pk}/sua/", data)
    assert response.status_code == 400
    assert "Lý do sửa đổi" in field_block(response.content.decode(), "id_plan-reason")
    assert campaign.quotas.get().value == 1

    data.update({"plan-reason": "Tăng số cờ cho khối xã theo Tờ trình 15/TTr-SNV.",
                 "plan-effective_on": "2026-04-01"})
    response = client.post(f"/phong-trao/{campaign.pk}/sua/", data)
    assert response.status_code == 302
    assert campaign.quotas.get().value == 2
    version = CampaignVersion.objects.get(campaign=campaign, number=2)
    assert version.reason.startswith("Tăng số cờ") and version.effective_on == date(2026, 4, 1)
    assert version.plan["quotas"][0]["count"] == 2
    assert CampaignVersion.objects.get(campaign=campaign, number=1).plan["quotas"][0]["count"] == 1

    page = client.get(f"/phong-trao/{campaign.pk}/phien-ban/2/").content.decode()
    assert "Thay đổi so với phiên bản 1" in page and "Sửa đổi" in page
    history = client.get(f"/phong-trao/{campaign.pk}/lich-su/").content.decode()
    assert re.search(r"Phiên bản 2</a>.*Sửa đổi, bổ sung.*01/04/2026", history, re.S)


def test_it_makes_no_version_when_nothing_changed(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    data = editor_data(selectors.campaign_plan(campaign, with_ids=True), reason="Không đổi",
                       effective_on=date(2026, 4, 1))
    assert login(world.alice_owner).post(f"/phong-trao/{campaign.pk}/sua/", data).status_code == 302
    assert campaign.versions.count() == 1


def test_it_refuses_a_plan_of_another_unit(world, login):
    campaign = launched_campaign(world, "P2-L", "P2")
    assert login(world.alice_owner).get(f"/phong-trao/{campaign.pk}/sua/").status_code == 403
    p1 = launched_campaign(world, "P1-L", "P1")
    assert login(world.olga_officer).get(f"/phong-trao/{p1.pk}/sua/").status_code == 403
