"""Uploaded files are served only through guarded views (issue 12): /media/ serves nothing, not
even with DEBUG=1, and a unit's plan file is read through its participation's page rules."""

import importlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches

import config.urls
from thidua.campaigns.testing import launched_campaign

pytestmark = pytest.mark.django_db

PLAN = b"%PDF-1.4 ke hoach cua xa"


@pytest.fixture
def reported(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    part = campaign.participants.get(unit=world.units["X1"])
    response = login(world.olga_officer).post(f"/phong-trao/tham-gia/{part.pk}/", {
        "number": "07/KH-UBND", "issued_on": "2026-02-10",
        "file": SimpleUploadedFile("ke-hoach.pdf", PLAN, "application/pdf")})
    assert response.status_code == 302
    part.refresh_from_db()
    return campaign, part


@pytest.fixture
def debug_urls():
    """The URL map as a DEBUG=1 server builds it."""
    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


def test_media_is_not_served_without_login_even_in_debug(reported, client, debug_urls):
    _, part = reported
    client.logout()
    response = client.get(f"/media/{part.plan_file.name}")
    assert response.status_code == 404
    assert PLAN not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_media_is_not_served_to_a_signed_in_user_either(reported, world, login, debug_urls):
    _, part = reported
    assert login(world.users["pete_owner"]).get(f"/media/{part.plan_file.name}").status_code == 404


def test_the_plan_file_goes_through_its_guarded_view(reported, world, login, client):
    campaign, part = reported
    tracking = login(world.alice_owner).get(f"/phong-trao/{campaign.pk}/theo-doi/").content.decode()
    link = re.search(r'href="([^"]+)">tệp</a>', tracking).group(1)
    assert link == f"/phong-trao/tham-gia/{part.pk}/ke-hoach-tep/" and "/media/" not in tracking
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PLAN
    assert login(world.users["pete_owner"]).get(link).status_code in (403, 404)
    client.logout()
    assert "/tai-khoan/dang-nhap/" in client.get(link)["Location"]
