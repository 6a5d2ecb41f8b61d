"""/api/v1: token authentication, the same row-level scope as the pages, bulk export."""

import json

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def token_client(client, user):
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_it_requires_a_token(world, client):
    assert client.get("/api/v1/units/").status_code == 401


def test_units_are_scoped(world, client):
    api = token_client(client, world.users["olga_officer"])
    codes = {u["code"] for u in api.get("/api/v1/units/").json()["results"]}
    assert codes == {"P1-X1"}
    assert api.get(f"/api/v1/units/{world.units['X3'].pk}/").status_code == 404
    assert api.get(f"/api/v1/units/{world.units['X1'].pk}/").json()["category"] == "xa"


def test_people_search_without_diacritics(world, client):
    api = token_client(client, world.users["alice_owner"])
    names = [p["full_name"] for p in api.get("/api/v1/people/?q=tran van duc").json()["results"]]
    assert names == ["Trần Văn Đức"]


def test_owner_of_other_province_sees_nothing_here(world, client):
    api = token_client(client, world.users["pete_owner"])
    codes = {u["code"] for u in api.get("/api/v1/units/").json()["results"]}
    assert codes == {"P2", "P2-Y1"}


def test_bulk_export_csv_and_json_are_scoped(world, client):
    api = token_client(client, world.users["olga_officer"])
    response = api.get("/api/v1/export/people.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "code,full_name,gender,birth_date,position,unit"
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["CB-ST", "CB-X1"]
    data = json.loads(b"".join(api.get("/api/v1/export/units.json").streaming_content))
    assert [row["code"] for row in data] == ["P1-X1"]


def test_unknown_dataset_is_404(world, login):
    assert login(world.users["alice_owner"]).get("/api/v1/export/secrets.csv").status_code == 404


def test_schema_is_published(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/units/" in response.content.decode()


def test_token_page_issues_a_token(world, login):
    client = login(world.users["olga_officer"])
    client.post("/tai-khoan/token-api/")
    key = Token.objects.get(user=world.users["olga_officer"]).key
    assert key in client.get("/tai-khoan/token-api/").content.decode()
