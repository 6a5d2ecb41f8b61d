"""A launch tells every participating unit's officers, each link checked against their access:
the queries do not grow with the recipients (the access check is batched)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.campaigns import services
from thidua.campaigns.testing import small_plan
from thidua.notices.models import Notice
from thidua.org.models import Unit

pytestmark = pytest.mark.django_db


def _launch_to(world, units: int) -> tuple[int, int]:
    """A plan of P1 launched to `units` new communes (one officer each, besides the world's):
    (queries of the launch, notices sent)."""
    district = world.units["D1"]
    for n in range(units):
        commune = Unit.objects.create(code=f"P1-N{units}-{n}", name=f"Xã Thử {units}-{n}",
                                      kind="commune",
                                      category=world.categories["xa"], parent=district)
        officer = User.objects.create_user(username=f"officer_{units}_{n}")
        RoleAssignment.objects.create(user=officer, role=Role.OFFICER, unit=commune)
    today = timezone.localdate()
    campaign = services.campaign_save(
        actor=None, plan=small_plan(f"LAUNCH-{units}", "P1", issued_on=today), check_access=False)
    with CaptureQueriesContext(connection) as captured:
        services.campaign_launch(actor=None, campaign=campaign, launched_on=today,
                                 cascade_due=today + timedelta(days=20), check_access=False)
    return len(captured), Notice.objects.filter(event="campaign_launched").count()


@pytest.mark.parametrize("units", [56])
def test_the_queries_of_a_launch_to_56_units(world, units, capsys):
    queries, told = _launch_to(world, units)
    with capsys.disabled():
        print(f"\nphát động tới {units} đơn vị mới: {queries} truy vấn, {told} thông báo")
    assert told >= units


def test_the_queries_of_a_launch_do_not_grow_with_the_recipients(world):
    few, told_few = _launch_to(world, 3)
    Notice.objects.all().delete()
    more, told_more = _launch_to(world, 30)  # 3 + 30 new units now
    assert told_more - told_few == 30
    assert more == few
