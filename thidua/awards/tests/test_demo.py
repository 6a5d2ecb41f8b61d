"""The demo loader through `thidua demo`: Kiên Giang dossiers in every state, one decided with
reward money and certificates (campaigns and results loaders registered before it)."""

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.awards.models import Award, AwardDecision, CouncilMeeting, Dossier, State
from thidua.demo import registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_these_loaders(monkeypatch, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(registry, "_ENTRIES", {})
    registry.register("campaigns", "thidua.campaigns.demo:load", order=20)
    registry.register("results", "thidua.results.demo:load", order=30)
    registry.register("awards", "thidua.awards.demo:load", order=60)
    monkeypatch.setattr("thidua.awards.demo._papers", lambda dossier, log: None)  # no soffice here


def test_it_loads_dossiers_in_every_state_and_one_decision():
    call_command("demo", "--size", "tiny", stdout=StringIO())
    states = set(Dossier.objects.values_list("state", flat=True))
    assert {State.DECIDED, State.BEFORE_COUNCIL, State.UNDER_APPRAISAL, State.RETURNED,
            State.SUBMITTED, State.DRAFT} <= states
    decision = AwardDecision.objects.get()
    assert decision.total_reward > 0 and decision.docx
    assert Award.objects.filter(decision=decision).count() >= 1
    assert CouncilMeeting.objects.filter(status="open").exists()
    call_command("demo", "--size", "tiny", stdout=StringIO())
    assert AwardDecision.objects.count() == 1


def test_ha_giang_council_voted_in_the_room_and_waits_for_counts():
    call_command("demo", "--size", "tiny", stdout=StringIO())
    hg = CouncilMeeting.objects.filter(council__unit__code="HGI")
    closed = hg.get(status="closed")
    assert closed.vote_method == "show_of_hands" and closed.room_tallies.exists()
    assert closed.ballots.filter(written=True).exists() and closed.minutes_file
    assert closed.results.get().passed
    waiting = hg.get(status="open")
    assert waiting.vote_method == "paper_ballot"
    assert Dossier.objects.filter(meeting=waiting, state=State.BEFORE_COUNCIL).exists()
    # Kiên Giang's campaign is heard by An Giang's council since 1 July 2025 (issue 15).
    kg = CouncilMeeting.objects.filter(council__unit__code="AGG", status="closed").get()
    assert kg.room_tallies.exists() and kg.council.members.filter(user__username="chutich")
