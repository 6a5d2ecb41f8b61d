"""The demo loader: the five seed plans launched by their units in the demo organisation, with
some life around them, through `thidua demo` (only this part's loader registered)."""

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.campaigns import selectors
from thidua.campaigns.models import Campaign, CampaignStatus, PlanIssueStatus, Registration
from thidua.campaigns.plan import prune
from thidua.campaigns.seedplans import PLAN_CODES, load_seed_plan
from thidua.demo import registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_campaigns(monkeypatch, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(registry, "_ENTRIES", {})
    registry.register("campaigns", "thidua.campaigns.demo:load", order=20)


def without_rules(plan):
    plan = prune(plan)
    plan["standards"] = [{k: v for k, v in s.items() if k != "rule_text"}
                         for s in plan.get("standards", [])]
    return plan


def test_it_loads_the_seed_plans_faithfully_and_launched():
    call_command("demo", "--size", "tiny", stdout=StringIO())
    for code in PLAN_CODES:
        campaign = Campaign.objects.get(code=code)
        seed = load_seed_plan(code)
        assert campaign.issuer.code == seed["issuer_unit_code"]
        assert campaign.status == CampaignStatus.LAUNCHED and campaign.version == 1
        assert without_rules(selectors.campaign_plan(campaign)) == without_rules(seed)
        assert campaign.participants.exists(), code
    kg = Campaign.objects.get(code="KG-CCHC-2021-2025")
    assert kg.standards.get(code="KG-P-FLAG").rule_text.startswith("tiêu chuẩn KG-P-FLAG")
    assert Registration.objects.filter(campaign=kg).exists()
    assert all(r.submitted_at.date() <= selectors.registration_deadline(kg)
               for r in Registration.objects.filter(campaign=kg))
    assert kg.participants.filter(plan_status=PlanIssueStatus.ISSUED).exists()
    child = kg.children.get()
    assert kg.participants.get(unit=child.issuer).child_campaign == child
    assert kg.events.filter(event="results_recognised").count() == 4


def test_it_changes_nothing_when_run_again():
    call_command("demo", "--size", "tiny", stdout=StringIO())
    counts = (Campaign.objects.count(), Registration.objects.count())
    call_command("demo", "--size", "tiny", stdout=StringIO())
    assert (Campaign.objects.count(), Registration.objects.count()) == counts
