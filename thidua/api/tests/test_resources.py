"""/api/v1 campaign resources: the same row-level access as the pages, filters, bulk export."""

import json

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    from thidua.public.testing import honour_world

    return honour_world(world)


def api(client, user):
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def codes(response, key="code"):
    assert response.status_code == 200, response.content
    return sorted(str(row[key]) for row in response.json()["results"])


def test_campaigns_are_those_the_pages_show(world, client, campaign):
    assert "REV-P1" in codes(api(client, world.users["alice_owner"]).get("/api/v1/campaigns/"))
    assert "REV-P1" not in codes(api(client, world.users["pete_owner"]).get("/api/v1/campaigns/"))
    response = api(client, world.users["pete_owner"]).get(f"/api/v1/campaigns/{campaign.pk}/")
    assert response.status_code == 404


def test_results_are_scoped_and_filtered(world, client, campaign):
    officer = api(client, world.users["olga_officer"])
    rows = officer.get("/api/v1/results/?year=2022").json()["results"]
    assert [(r["unit"], r["classification"], r["published"]) for r in rows] == [
        ("P1-X1", "xuat_sac", True)]
    assert officer.get("/api/v1/results/?year=abc").status_code == 200
    owner = api(client, world.users["alice_owner"])
    assert len(owner.get("/api/v1/results/?year=2024").json()["results"]) == 4  # unpublished too


def test_participants_carry_plans_and_registrations(world, client, campaign):
    rows = api(client, world.users["alice_owner"]).get(
        "/api/v1/participants/?campaign=REV-P1").json()["results"]
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["P1-X1"]["plan_status"] == "issued" and by_unit["P1-X1"]["registered"]
    assert sorted(by_unit["P1-X1"]["people"]) == ["CB-ST", "CB-X1"]
    assert by_unit["P1-X2"]["registered"] is False


def test_nominations_follow_dossier_access(world, client, campaign):
    owner = api(client, world.users["alice_owner"])
    assert [r["person"] for r in owner.get("/api/v1/nominations/").json()["results"]] == ["CB-BIMAT"]
    assert api(client, world.users["olga_officer"]).get("/api/v1/nominations/").json()["results"] == []


def test_decisions_and_awards(world, client, campaign):
    owner = api(client, world.users["alice_owner"])
    numbers = codes(owner.get("/api/v1/decisions/?campaign=REV-P1"), "number_symbol")
    assert numbers == ["(dự thảo)", "10/QĐ-UBND", "20/QĐ-UBND"]
    officer = api(client, world.users["olga_officer"])
    assert codes(officer.get("/api/v1/decisions/"), "number_symbol") == ["10/QĐ-UBND", "20/QĐ-UBND"]
    assert {r["unit"] for r in officer.get("/api/v1/awards/").json()["results"]} == {"P1-X1"}
    staff = api(client, world.users["stan_staff"])
    assert [(r["person"], r["year"]) for r in staff.get("/api/v1/awards/").json()["results"]] == [
        ("CB-ST", 2024)]


def test_initiatives_and_contests(world, client, campaign):
    officer = api(client, world.users["olga_officer"])
    titles = sorted(r["title"] for r in officer.get("/api/v1/initiatives/").json()["results"])
    assert titles == ["Một cửa số", "Sáng kiến đang chờ xét"]
    assert [r["title"] for r in officer.get("/api/v1/initiatives/?q=mot cua").json()["results"]] == [
        "Một cửa số"]
    pete = api(client, world.users["pete_owner"])
    assert codes(pete.get("/api/v1/contests/")) == ["thi-p2-2023"]


@pytest.mark.parametrize("dataset", ["campaigns", "participants", "results", "nominations",
                                     "decisions", "awards", "initiatives", "contests"])
def test_every_dataset_exports_scoped_csv_and_json(world, client, campaign, dataset):
    owner = api(client, world.users["pete_owner"])
    data = json.loads(b"".join(owner.get(f"/api/v1/export/{dataset}.json").streaming_content))
    text = b"".join(owner.get(f"/api/v1/export/{dataset}.csv").streaming_content).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == len(data) + 1
    assert "P1-" not in json.dumps(data, ensure_ascii=False)  # nothing of the other province
    admin = api(client, world.users["ada_admin"])
    everything = json.loads(b"".join(admin.get(f"/api/v1/export/{dataset}.json").streaming_content))
    assert len(everything) >= len(data) and everything


def test_the_schema_lists_the_new_resources(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    text = schema.content.decode()
    for path in ("campaigns", "participants", "results", "nominations", "decisions", "awards",
                 "initiatives", "contests"):
        assert f"/api/v1/{path}/{{" in text, path
