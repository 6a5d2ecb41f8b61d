"""Dated classification thresholds: page, form, and which version applies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from thidua.results.models import ClassificationThresholds
from thidua.results.selectors import thresholds_for


def test_an_owner_adds_a_province_version(world, login):
    client = login(world.users["alice_owner"])
    response = client.post("/ket-qua/nguong/", {
        "pham_vi": world.units["P1"].pk, "valid_from": "2024-01-01", "excellent_min": "92",
        "good_min": "82", "fair_min": "70", "average_min": "50",
        "legal_basis": "Quyết định 100/QĐ-UBND"})
    assert response.status_code == 302
    version = ClassificationThresholds.objects.get()
    assert version.scope == world.units["P1"] and version.excellent_min == Decimal(92)
    assert thresholds_for(unit=world.units["X1"], year=2024) == version
    assert thresholds_for(unit=world.units["X1"], year=2023) is None
    assert thresholds_for(unit=world.units["Y1"], year=2024) is None


def test_bands_must_decrease(world, login):
    response = login(world.users["alice_owner"]).post("/ket-qua/nguong/", {
        "pham_vi": world.units["P1"].pk, "valid_from": "2024-01-01", "excellent_min": "80",
        "good_min": "85", "fair_min": "70", "average_min": "50"})
    assert response.status_code == 200
    assert "Ngưỡng phải giảm dần" in response.content.decode()
    assert not ClassificationThresholds.objects.exists()


def test_only_the_admin_sets_the_default(world, login):
    response = login(world.users["alice_owner"]).post("/ket-qua/nguong/", {
        "valid_from": "2024-01-01", "excellent_min": "90", "good_min": "80", "fair_min": "70",
        "average_min": "50"})
    assert response.status_code == 403


def test_a_council_member_reads_but_cannot_post(world, login):
    client = login(world.users["carl_council"])
    assert client.get("/ket-qua/nguong/").status_code == 200
    assert client.post("/ket-qua/nguong/", {}).status_code == 403


def test_the_version_in_force_on_31_december_applies(world):
    old = ClassificationThresholds.objects.create(
        valid_from=date(2021, 1, 1), excellent_min=90, good_min=80, fair_min=70, average_min=50)
    new = ClassificationThresholds.objects.create(
        valid_from=date(2024, 7, 1), excellent_min=92, good_min=82, fair_min=70, average_min=50)
    assert thresholds_for(unit=world.units["X1"], year=2023) == old
    assert thresholds_for(unit=world.units["X1"], year=2024) == new
    assert new.classify(Decimal("91")) == "tot" and old.classify(Decimal("91")) == "xuat_sac"
