"""Every key of every seed plan survives the trip into the database and back out."""

import pytest

from thidua.campaigns import selectors, services
from thidua.campaigns.plan import prune
from thidua.campaigns.seedplans import PLAN_CODES, load_seed_plan
from thidua.campaigns.testing import seed_issuers

pytestmark = pytest.mark.django_db


def _strip(plan):
    return {k: v for k, v in prune(plan).items()}


@pytest.mark.parametrize("code", PLAN_CODES)
def test_it_keeps_every_key_of_a_seed_plan(code):
    seed_issuers()
    original = load_seed_plan(code)
    campaign = services.campaign_save(actor=None, plan=original, check_access=False)
    assert _strip(selectors.campaign_plan(campaign)) == _strip(original)


@pytest.mark.parametrize("code", PLAN_CODES)
def test_it_keeps_row_ids_when_the_plan_is_saved_again(code):
    seed_issuers()
    campaign = services.campaign_save(actor=None, plan=load_seed_plan(code), check_access=False)
    ids = set(campaign.standards.values_list("pk", flat=True)) | set(
        campaign.milestones.values_list("pk", flat=True))
    again = services.campaign_save(actor=None, plan=selectors.campaign_plan(campaign, with_ids=True),
                                   campaign=campaign, check_access=False)
    assert set(again.standards.values_list("pk", flat=True)) | set(
        again.milestones.values_list("pk", flat=True)) == ids
    assert _strip(selectors.campaign_plan(again)) == _strip(load_seed_plan(code))
