"""Pages over many units keep a fixed number of queries (no query per unit)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.campaigns import services
from thidua.campaigns.testing import launched_campaign
from thidua.org.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def make_communes(world, count):
    for i in range(count):
        Unit.objects.create(code=f"P1-XN{i:03d}", name=f"Xã Thử {i}", kind=UnitKind.COMMUNE,
                            category=world.categories["xa"], parent=world.units["P1"])


@pytest.mark.parametrize("page", ["theo-doi", "dang-ky"])
def test_the_tracking_pages_do_not_query_per_unit(world, login, page):
    small = launched_campaign(world, "P1-S", "P1")
    make_communes(world, 30)
    large = launched_campaign(world, "P1-L", "P1")
    for campaign in (small, large):
        for part in campaign.participants.filter(unit__code__in=["P1-X1", "P1-XN001"]):
            people = [(world.people["p_x1"], "")] if part.unit.code == "P1-X1" else []
            services.registration_submit(actor=None, participant=part, collective_target="x",
                                         people=people, today=date(2026, 3, 1),
                                         check_access=False)
    client = login(world.alice_owner)
    counts = []
    for campaign in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/phong-trao/{campaign.pk}/{page}/").status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 2, counts
