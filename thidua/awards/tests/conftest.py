"""Fixtures of the awards tests: the Kiên Giang campaign in the test world, its council."""

from datetime import timedelta

import pytest
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards import testing
from thidua.core.testing import PASSWORD


@pytest.fixture
def campaign(world):
    campaign = testing.kg_campaign(world)
    testing.recognise_results(campaign, year=2025, on=timezone.localdate() - timedelta(days=5))
    testing.register(campaign, world.units["X1"], [world.people["p_x1"]])
    return campaign


@pytest.fixture
def council(world):
    """The province's council: carl_council and two more members with accounts."""
    council = testing.make_council(world, "P1", members=3)
    for member in council.members.exclude(user=world.users["carl_council"]):
        user = User.objects.create_user(username=f"hd{member.pk}", password=PASSWORD)
        RoleAssignment.objects.create(user=user, role=Role.COUNCIL, unit=world.units["P1"])
        member.user = user
        member.home_unit = world.units["D1"]
        member.save()
    return council
