"""Optimistic locking of the plan editor (issue 12): of two people editing one plan, the second
save is refused instead of silently overwriting; a save without the version is refused too."""

import re

import pytest

from thidua.campaigns import selectors, services
from thidua.campaigns.models import Campaign
from thidua.campaigns.testing import editor_data, small_plan

pytestmark = pytest.mark.django_db


def _page_version(client, campaign: Campaign) -> int:  # noqa: ANN001
    html = client.get(f"/phong-trao/{campaign.pk}/sua/").content.decode()
    found = re.search(r'<input type="hidden" name="plan-edit_version" value="(\d+)"', html)
    assert found, "the edit page carries the plan's edit version"
    return int(found.group(1))


@pytest.fixture
def draft(world) -> Campaign:
    return services.campaign_save(actor=None, plan=small_plan("P1-KHOA", "P1"), check_access=False)


def test_the_second_of_two_concurrent_edits_is_refused(world, login, client, draft):
    alice = login(world.users["alice_owner"])
    ada = type(client)()  # a second browser, logged in the same way as the fixture's
    ada.force_login(world.users["ada_admin"])
    read_by_alice, read_by_ada = _page_version(alice, draft), _page_version(ada, draft)
    assert read_by_alice == read_by_ada
    plan = selectors.campaign_plan(draft, with_ids=True)

    first = editor_data(plan, edit_version=read_by_alice) | {"plan-theme": "Chủ đề của Alice"}
    assert alice.post(f"/phong-trao/{draft.pk}/sua/", first).status_code == 302

    second = editor_data(plan, edit_version=read_by_ada) | {"plan-theme": "Chủ đề của Ada"}
    response = ada.post(f"/phong-trao/{draft.pk}/sua/", second)
    assert response.status_code == 400
    assert "vừa được người khác lưu" in response.content.decode()
    draft.refresh_from_db()
    assert draft.theme == "Chủ đề của Alice"
    assert draft.edit_version == read_by_alice + 1
    # Reloading the page gives the new number, and then the save goes through.
    again = editor_data(plan, edit_version=_page_version(ada, draft)) | {
        "plan-theme": "Chủ đề của Ada"}
    assert ada.post(f"/phong-trao/{draft.pk}/sua/", again).status_code == 302
    draft.refresh_from_db()
    assert draft.theme == "Chủ đề của Ada"


def test_a_save_without_the_version_is_refused_not_let_through(world, login, draft):
    data = editor_data(selectors.campaign_plan(draft, with_ids=True)) | {"plan-theme": "Mới"}
    del data["plan-edit_version"]
    response = login(world.users["alice_owner"]).post(f"/phong-trao/{draft.pk}/sua/", data)
    assert response.status_code == 400
    assert "Thiếu số phiên bản của trang sửa kế hoạch" in response.content.decode()
    draft.refresh_from_db()
    assert draft.theme != "Mới" and draft.edit_version == 0
