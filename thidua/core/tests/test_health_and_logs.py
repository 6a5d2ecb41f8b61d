"""Health endpoint and structured request logs."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db


def test_health_is_public_and_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_requests_are_logged_as_json(world, login, caplog):
    from thidua.core.logging import JsonFormatter

    with caplog.at_level(logging.INFO, logger="thidua.request"):
        login(world.users["alice_owner"]).get("/to-chuc/can-bo/")
    record = next(r for r in caplog.records if r.name == "thidua.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/to-chuc/can-bo/" and line["status"] == 200
    assert line["user"] == "alice_owner" and line["duration_ms"] >= 0


def test_nul_bytes_in_parameters_are_refused(world, login):
    response = login(world.users["alice_owner"]).get("/to-chuc/can-bo/?q=a%00b")
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
