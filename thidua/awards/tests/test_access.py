"""The access matrix restricted to the awards pages (the same rules as tests/test_access_matrix.py),
so this part's access rules are checked even while other parts are under construction."""

import pytest
from django.urls import reverse

from tests.samples import NON_OBJECT, SAMPLES
from tests.test_access_matrix import DENIED, PERSONA_ROLE, role_passes
from thidua.accounts.models import Role
from thidua.core.urlwalk import walk

ROUTES = sorted((r for r in walk() if r.name.startswith("awards:")), key=lambda r: r.name)


def test_every_awards_url_is_guarded_and_sampled():
    assert ROUTES
    assert [r.name for r in ROUTES if r.policy is None] == []
    assert sorted({k for r in ROUTES for k in r.kwargs if k not in SAMPLES}) == []


@pytest.mark.parametrize("persona", list(PERSONA_ROLE))
def test_it_allows_own_and_refuses_other(world, client, persona):
    client.force_login(world.users[persona])
    failures = []
    for route in ROUTES:
        own = {k: SAMPLES[k](world, persona, True) for k in route.kwargs}
        if all(v is not None for v in own.values()):
            status = client.get(reverse(route.name, kwargs=own)).status_code
            allowed = role_passes(route, persona)
            if status >= 500 or (allowed and status in DENIED) or (not allowed and status not in DENIED):
                failures.append(f"{route.name} own → {status}")
        else:
            other = {k: SAMPLES[k](world, persona, False) for k in route.kwargs}
            status = client.get(reverse(route.name, kwargs=other)).status_code
            if status not in DENIED:
                failures.append(f"{route.name} (no own object) → {status}")
        if [k for k in route.kwargs if k not in NON_OBJECT]:
            other = {k: SAMPLES[k](world, persona, False) for k in route.kwargs}
            status = client.get(reverse(route.name, kwargs=other)).status_code
            admin = PERSONA_ROLE[persona] == Role.ADMIN and role_passes(route, persona)
            if (admin and status in DENIED) or (not admin and status not in DENIED):
                failures.append(f"{route.name} other → {status}")
    assert "\n".join(failures) == ""


def test_anonymous_is_sent_to_login(world, client):
    for route in ROUTES:
        kwargs = {k: SAMPLES[k](world, "ada_admin", True) for k in route.kwargs}
        response = client.get(reverse(route.name, kwargs=kwargs))
        assert response.status_code == 302, route.name
