"""The demo loaders of contests and initiatives on the tiny demo organisation: data, idempotence."""

import pytest

from thidua.contests.demo import load_demo_contests
from thidua.contests.models import Attempt, Contest, Prize, Question
from thidua.contests.selectors import round_ranking
from thidua.initiatives.demo import load_demo_initiatives
from thidua.initiatives.models import Initiative

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


def test_it_loads_once(demo_org):
    assert load_demo_initiatives() == 9
    contest = load_demo_contests()
    assert contest is not None and contest.code == "truc-tuyen-cchc"
    assert Question.objects.filter(contest=contest, active=True).count() == 40
    first, second = contest.rounds.order_by("number")
    assert Prize.objects.filter(round=first).exists() and round_ranking(second)
    assert Attempt.objects.filter(status="active").count() == 0
    assert set(Initiative.objects.values_list("status", flat=True)) == {
        "submitted", "review", "recognised", "rejected"}
    assert load_demo_initiatives() == 0 and load_demo_contests() is None
    assert Contest.objects.count() == 1
