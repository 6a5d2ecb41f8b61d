"""Roles map to capabilities in one place; checks ask for a capability over a unit subtree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.accounts.access import (
    TWO_FACTOR_ROLES,
    Denied,
    access_capability,
    capability_paths,
    has_capability,
    holds_capability_over,
    requires_two_factor,
)
from thidua.accounts.capabilities import ROLE_CAPABILITIES, Capability, roles_with
from thidua.accounts.models import Role
from thidua.core.guard import guard

pytestmark = pytest.mark.django_db


def test_every_role_has_its_capabilities_and_the_admin_holds_all():
    assert set(ROLE_CAPABILITIES) == set(Role.values)
    assert ROLE_CAPABILITIES[Role.ADMIN] == frozenset(Capability)
    assert roles_with(Capability.SIGN) == {Role.ADMIN, Role.SIGNER}
    assert roles_with(Capability.NOMINATE) == {Role.ADMIN, Role.OWNER, Role.OFFICER}


def test_the_second_step_follows_the_capabilities_that_cost_most():
    assert TWO_FACTOR_ROLES == {Role.ADMIN, Role.OWNER, Role.COUNCIL, Role.SIGNER}


def test_it_holds_a_capability_over_its_subtree_only(world):
    olga, units = world.users["olga_officer"], world.units
    assert holds_capability_over(olga, units["X1"].path, Capability.NOMINATE)
    assert not holds_capability_over(olga, units["X3"].path, Capability.NOMINATE)
    assert not holds_capability_over(olga, units["X1"].path, Capability.SIGN)
    assert capability_paths(olga, Capability.EDIT_SCOPE) == [units["X1"].path]
    assert capability_paths(olga, Capability.APPRAISE) == []


def test_it_refuses_a_capability_the_role_lacks(world):
    assert has_capability(world.users["carl_council"], Capability.VOTE)
    assert not has_capability(world.users["carl_council"], Capability.NOMINATE)
    with pytest.raises(Denied):
        access_capability(world.users["stan_staff"], Capability.READ_SCOPE)
    access_capability(world.users["ada_admin"], Capability.ADMINISTER)
    assert not requires_two_factor(world.users["olga_officer"])
    assert requires_two_factor(world.users["sam_signer"])


def test_an_anonymous_visitor_holds_nothing():
    anonymous = AnonymousUser()
    assert not has_capability(anonymous, Capability.READ_SCOPE)
    assert capability_paths(anonymous, Capability.READ_SCOPE) == []
    assert not holds_capability_over(anonymous, "/P1/", Capability.READ_SCOPE)


def test_a_capability_guard_declares_the_roles_for_the_access_matrix():
    @guard(Capability.VOTE)
    def view(request):  # noqa: ANN001, ANN202
        return None

    assert view.access_policy == "capability"
    assert view.access_capabilities == (Capability.VOTE,)
    assert set(view.access_roles) == {Role.ADMIN, Role.COUNCIL}
