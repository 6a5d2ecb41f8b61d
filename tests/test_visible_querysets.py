"""One rule per entity, two shapes: `<entity>s_visible_to(user)` (a queryset) and the per-object
`access_*` check built on it. The API lists exactly the queryset, the pages admit exactly its
rows, for every persona, with objects inside and outside each persona's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.samples import SAMPLES
from thidua.accounts.access import Denied
from thidua.awards.access import (
    access_award,
    access_decision,
    access_dossier,
    awards_visible_to,
    decisions_visible_to,
    dossiers_visible_to,
)
from thidua.awards.models import Award, AwardDecision, Dossier, Nomination
from thidua.campaigns.access import (
    access_campaign,
    access_participant,
    campaigns_visible_to,
    participants_visible_to,
)
from thidua.campaigns.models import Campaign, Participant
from thidua.contests.access import access_contest, contests_visible_to
from thidua.contests.models import Contest
from thidua.initiatives.access import access_initiative, initiatives_visible_to
from thidua.initiatives.models import Initiative
from thidua.results.access import results_visible_to
from thidua.results.models import AnnualResult

pytestmark = pytest.mark.django_db

PERSONAS = ["ada_admin", "alice_owner", "pete_owner", "olga_officer", "carl_council", "sam_signer",
            "stan_staff"]
SAMPLE_PERSONAS = ["alice_owner", "olga_officer", "carl_council", "sam_signer", "stan_staff"]
DENIED = {401, 403, 404}


@dataclass(frozen=True)
class Entity:
    api: str  # /api/v1/<api>/
    model: type
    visible: Callable[[Any], Any]
    check: Callable[[Any, Any], Any] | None = None  # the per-object access_* function
    kwarg: str | None = None  # the URL keyword naming one object (tests/samples.py)
    page: str | None = None  # the page showing one object


ENTITIES = [
    Entity("campaigns", Campaign, campaigns_visible_to, access_campaign, "campaign_id", "campaigns:detail"),
    Entity("participants", Participant, participants_visible_to, access_participant, "participant_id",
           "campaigns:participant"),
    Entity("results", AnnualResult, results_visible_to),
    Entity("decisions", AwardDecision, decisions_visible_to, access_decision, "decision_id",
           "awards:decision"),
    Entity("awards", Award, awards_visible_to, access_award, "award_id"),
    Entity("initiatives", Initiative, initiatives_visible_to, access_initiative, "initiative_id",
           "initiatives:detail"),
    Entity("contests", Contest, contests_visible_to, access_contest, "contest_id", "contests:detail"),
]


@pytest.fixture
def populated(world):
    """The honour-board world (campaign, results, dossiers, decisions, awards, initiatives) and
    every persona's own and other sample object of each kind."""
    from thidua.public.testing import honour_world

    honour_world(world)
    samples: dict[str, set[int]] = {}
    for entity in ENTITIES:
        if entity.kwarg is None:
            continue
        for persona in SAMPLE_PERSONAS:
            for own in (True, False):
                value = SAMPLES[entity.kwarg](world, persona, own)
                if value is not None:
                    samples.setdefault(entity.kwarg, set()).add(value)
    return samples


def api_ids(client, user, prefix: str) -> set[int]:
    token, _ = Token.objects.get_or_create(user=user)
    url: str | None = f"/api/v1/{prefix}/"
    ids: set[int] = set()
    while url:
        response = client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
        assert response.status_code == 200, response.content
        body = response.json()
        ids.update(row["id"] for row in body["results"])
        url = body["next"]
    return ids


def passes(check: Callable[[Any, Any], Any], user, obj) -> bool:
    try:
        check(user, obj)
    except Denied:
        return False
    return True


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.api for e in ENTITIES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_and_the_pages_answer_from_the_same_queryset(entity, persona, world, populated, client):
    user = world.users[persona]
    visible = set(entity.visible(user).values_list("pk", flat=True))
    everything = set(entity.model.objects.values_list("pk", flat=True))
    assert everything, f"no {entity.api} in the test world"

    assert api_ids(client, user, entity.api) == visible

    if entity.check is not None:
        for obj in entity.model.objects.all():
            assert passes(entity.check, user, obj) == (obj.pk in visible), (entity.api, obj.pk)

    if entity.page is not None:
        client.force_login(user)
        for pk in sorted(populated.get(entity.kwarg or "", set())):
            status = client.get(reverse(entity.page, kwargs={entity.kwarg: pk})).status_code
            assert status < 500, (entity.page, pk, status)
            assert (status not in DENIED) == (pk in visible), (entity.page, pk, status)


@pytest.mark.parametrize("persona", PERSONAS)
def test_nominations_follow_the_dossiers_queryset(persona, world, populated, client):
    user = world.users[persona]
    dossiers = dossiers_visible_to(user)
    expected = set(Nomination.objects.filter(dossier__in=dossiers).values_list("pk", flat=True))
    assert api_ids(client, user, "nominations") == expected
    for dossier in Dossier.objects.select_related("unit", "receiver"):
        assert passes(access_dossier, user, dossier) == dossiers.filter(pk=dossier.pk).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_decisions_page_lists_the_queryset_in_a_bounded_number_of_queries(
        persona, world, populated, login, django_assert_max_num_queries):
    user = world.users[persona]
    client = login(user)
    url = reverse("awards:decisions")
    with django_assert_max_num_queries(25):
        response = client.get(url)
    if response.status_code in DENIED:
        return
    assert response.status_code == 200
    shown = {d.pk for d in response.context["decisions"]}
    assert shown == set(decisions_visible_to(user).values_list("pk", flat=True))


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.api for e in ENTITIES])
def test_the_world_tells_the_personas_apart(entity, world, populated):
    """Each entity has rows some persona sees and others it does not, so the tests above compare
    real scopes, not 'everything' with 'everything'."""
    total = entity.model.objects.count()
    seen = [entity.visible(world.users[p]).count() for p in PERSONAS]
    assert any(0 < n < total for n in seen), (entity.api, seen, total)
