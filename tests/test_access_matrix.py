"""Every URL pattern × every role × own/other unit: the server answers as the policy says.

A view without @guard (thidua.core.guard) fails here, and so does a URL keyword without a sample
in tests/samples.py — a new page cannot ship without an access rule and a test of it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.samples import NON_OBJECT, SAMPLES
from thidua.accounts.capabilities import ROLE_CAPABILITIES
from thidua.accounts.models import Role
from thidua.core.urlwalk import Route, walk

PERSONA_ROLE = {
    "ada_admin": Role.ADMIN,
    "alice_owner": Role.OWNER,
    "olga_officer": Role.OFFICER,
    "carl_council": Role.COUNCIL,
    "sam_signer": Role.SIGNER,
    "stan_staff": Role.STAFF,
}
DENIED = {401, 403, 404}


def routes() -> list[Route]:
    return sorted(walk(), key=lambda r: r.name)


def unguarded(found: list[Route]) -> list[str]:
    return [f"{r.name} ({r.route})" for r in found if r.policy is None]


def role_passes(route: Route, persona: str) -> bool:
    """A persona passes a capability guard when its role holds the capability
    (thidua.accounts.capabilities.ROLE_CAPABILITIES), and a roles guard when it is listed."""
    role = PERSONA_ROLE[persona]
    if route.policy == "capability":
        return role == Role.ADMIN or bool(ROLE_CAPABILITIES[role] & set(route.callback.access_capabilities))
    if route.policy != "roles":
        return True
    return role == Role.ADMIN or role in route.callback.access_roles


def test_every_url_declares_an_access_policy():
    assert unguarded(routes()) == []


def test_every_url_keyword_has_a_sample():
    missing = sorted({f"{r.name}: {k}" for r in routes() for k in r.kwargs if k not in SAMPLES})
    assert missing == []


def test_the_check_catches_an_unguarded_view():
    """The guard check really fails for a view without @guard (see tests/unguarded_urls.py)."""
    from django.urls import get_resolver

    found = list(walk(get_resolver("tests.unguarded_urls")))
    assert [r.name for r in found] == ["naked", "dressed"]
    assert unguarded(found) == ["naked (naked/)"]


def _status(client, url: str) -> int:
    return client.get(url).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(PERSONA_ROLE))
def test_matrix(world, client, persona):
    user = world.users[persona]
    client.force_login(user)
    failures: list[str] = []
    for route in routes():
        if route.policy is None or any(k not in SAMPLES for k in route.kwargs):
            continue  # reported by the two tests above
        own_kwargs = {k: SAMPLES[k](world, persona, True) for k in route.kwargs}
        has_own = all(v is not None for v in own_kwargs.values())
        if has_own:
            url = reverse(route.name, kwargs=own_kwargs)
            status = _status(client, url)
            should_pass = role_passes(route, persona) and (
                route.policy != "public" or True)
            if status >= 500:
                failures.append(f"{route.name} own → {status}")
            elif should_pass and status in DENIED:
                failures.append(f"{route.name} own → {status}, expected allowed")
            elif not should_pass and status not in DENIED:
                failures.append(f"{route.name} own → {status}, expected refused")
        else:
            fallback = {k: SAMPLES[k](world, persona, False) for k in route.kwargs}
            status = _status(client, reverse(route.name, kwargs=fallback))
            if status not in DENIED:
                failures.append(f"{route.name} (no own object) → {status}, expected refused")
        object_kwargs = [k for k in route.kwargs if k not in NON_OBJECT]
        if object_kwargs and route.policy != "public":
            other = {k: SAMPLES[k](world, persona, False) for k in route.kwargs}
            status = _status(client, reverse(route.name, kwargs=other))
            expected_allowed = PERSONA_ROLE[persona] == Role.ADMIN and role_passes(route, persona)
            if expected_allowed and status in DENIED:
                failures.append(f"{route.name} other → {status}, admin expected allowed")
            if not expected_allowed and status not in DENIED:
                failures.append(f"{route.name} other unit → {status}, expected refused")
    assert failures == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(world, client):
    failures = []
    for route in routes():
        if any(k not in SAMPLES for k in route.kwargs):
            continue
        kwargs = {k: SAMPLES[k](world, "ada_admin", True) for k in route.kwargs}
        response = client.get(reverse(route.name, kwargs=kwargs))
        if route.policy == "public":
            if response.status_code >= 500:
                failures.append(f"{route.name} → {response.status_code}")
        elif route.route.startswith("api/"):
            if response.status_code not in (401, 403):
                failures.append(f"{route.name} → {response.status_code}, expected 401/403")
        elif response.status_code != 302 or "/tai-khoan/dang-nhap/" not in response["Location"]:
            failures.append(f"{route.name} → {response.status_code}, expected login redirect")
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(PERSONA_ROLE))
def test_starting_an_eligibility_run_is_guarded_like_its_page(world, client, persona):
    """The eligibility page's POST starts a run (stored, run by a worker): it answers every
    persona, own and other campaign, as the page's GET does, and a refused POST stores nothing."""
    from thidua.campaigns.models import AwardStandard
    from thidua.eligibility.models import EligibilityJob

    client.force_login(world.users[persona])
    for own in (True, False):
        campaign_id = SAMPLES["campaign_id"](world, persona, own)
        # One standard written as a rule, so an allowed POST really starts a run.
        AwardStandard.objects.filter(campaign_id=campaign_id).update(rule_text="")
        standard = AwardStandard.objects.filter(campaign_id=campaign_id).first()
        assert standard is not None
        standard.rule_text = (f'tiêu chuẩn {standard.code} "Thử" theo "§1"\n'
                              "  áp dụng cho tập thể\n  xếp loại CCHC = xuất sắc năm xét")
        standard.scope = ""
        standard.save(update_fields=["rule_text", "scope"])
        url = reverse("eligibility:page", kwargs={"campaign_id": campaign_id})
        before = EligibilityJob.objects.count()
        seen = client.get(url).status_code
        started = client.post(url, {"hanh_dong": "xet"}).status_code
        assert (seen in DENIED) == (started in DENIED), (own, seen, started)
        if persona in ("ada_admin", "alice_owner") and own:
            assert started not in DENIED  # the check is not vacuous
        if started in DENIED:
            assert EligibilityJob.objects.count() == before
        else:
            assert started == 303 and EligibilityJob.objects.count() == before + 1
