"""The writing contest's demo on the tiny organisation: a recusal, two rounds, published prizes,
and the first prize making its Ban Dân tộc author eligible for BDT-A-IND in 2025."""

import pytest

from thidua.judging.models import Declaration
from thidua.writing.demo import load_demo_writing
from thidua.writing.models import Prize, WritingContest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    from thidua.demo import loader
    from thidua.demo.organisation import generate_organisation
    from thidua.demo.people import iter_people
    from thidua.demo.sizes import SIZES

    org = generate_organisation(SIZES["tiny"], 2025)
    loader.load_organisation(org, iter_people(org))
    loader.ensure_demo_users()


def test_it_loads_once_with_a_recusal_two_rounds_and_prizes(demo_org):
    contest = load_demo_writing()
    assert contest is not None and contest.published_at is not None
    assert Declaration.objects.filter(judge__panel=contest.panel, automatic=True, conflict=True).exists()
    assert [s.closed_at is not None for s in contest.panel.stages.order_by("number")] == [True, True]
    first = Prize.objects.get(contest=contest, level="nhat")
    # The Ban Dân tộc — after 1/7/2025 the department that carries it on (Sở Dân tộc và Tôn giáo).
    unit = first.entry.unit
    assert unit.code.endswith("-BDT") or unit.predecessor_links.filter(
        predecessor__code__endswith="-BDT").exists()
    assert load_demo_writing() is None
    assert WritingContest.objects.count() == 2  # 2025 (published) and this year's (open)


def test_the_first_prize_winner_is_eligible_for_the_bdt_individual_standard(demo_org):
    from thidua.campaigns.demo import load_demo_campaigns
    from thidua.campaigns.models import Campaign
    from thidua.eligibility.services import eligibility_run, run_records

    load_demo_campaigns(seed=2025)
    contest = load_demo_writing()
    winner = Prize.objects.get(contest=contest, level="nhat").entry.author
    campaign = Campaign.objects.get(code="BDT-CCHC-2021-2025")
    run = eligibility_run(campaign=campaign, year=2025, standards=["BDT-A-IND"], parallel=False)
    record = next(r for r in run_records(run, standards=["BDT-A-IND"]) if r["candidate"] == winner.code)
    assert record["eligible"]
    prize_condition = next(c for c in record["conditions"] if c["id"] == "2.1")
    assert prize_condition["explanation"] == "1 giải truc-tuyen-cchc, viet-sang-kien (2025: 1) ≥ 1"
