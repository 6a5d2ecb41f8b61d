"""The demo's two-level campaign (issue 15): An Giang's 2026-2030 plan takes the province's
departments and the communes of 1 July 2025 (no district, no ended unit), the new communes
register, and its 2026 eligibility reads the merged communes' 2023-2025 results through the
lineage — through `thidua demo` and `thidua eligibility` as an officer runs them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.campaigns.models import Campaign, Registration

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_giangs_2026_campaign_runs_on_the_two_level_structure(tmp_path):
    from thidua.core.testing import restore_migration_data

    restore_migration_data()  # an earlier transactional test may have flushed the catalogue
    call_command("demo", "--size", "tiny", stdout=StringIO())
    call_command("demo", "--size", "tiny", stdout=StringIO())  # idempotent
    campaign = Campaign.objects.get(code="AG-CCHC-2026-2030")
    assert Campaign.objects.filter(code="AG-CCHC-2026-2030").count() == 1
    assert campaign.issuer.code == "AGG"
    units = list(campaign.participants.values_list("unit__category__code", "unit__active_to",
                                                   "unit__path"))
    assert {c for c, _, _ in units} == {"so-nganh", "xa"}
    assert all(end is None and path.startswith("/AGG/") for _, end, path in units)
    registered = Registration.objects.filter(campaign=campaign)
    assert registered.exists()
    assert set(registered.values_list("unit__category__code", flat=True)) <= {"so-nganh", "xa"}
    # The seeds stay as written, with their pre-reform issuers.
    assert Campaign.objects.get(code="KG-CCHC-2021-2025").issuer.code == "KGI"

    out = tmp_path / "ag.json"
    call_command("eligibility", "--campaign", "AG-CCHC-2026-2030", "--year", "2026",
                 "--format", "json", "--output", str(out), "--quiet", stdout=StringIO())
    records = json.loads(out.read_text("utf-8"))["records"]
    flag = [r for r in records if r["standard"] == "AG26-A-FLAG"]
    communes = {r["candidate"] for r in flag if r["candidate"].startswith("KGI-XM")}
    assert communes, flag[:3]
    # A new commune's 2023-2025 come from the communes it absorbed (values for those years).
    row = next(r for r in flag if r["candidate"] in communes)
    history = next(c for c in row["conditions"] if "năm xét - 3..năm xét - 1" in c["text"])
    assert set(history["values"]) == {"2023", "2024", "2025"}
    assert all(v for v in history["values"].values()), (history["values"], history["explanation"])
