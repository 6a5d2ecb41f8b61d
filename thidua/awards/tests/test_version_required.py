"""A client that leaves out the dossier version is refused (issue 12), not let past the
optimistic lock: nominating, removing a nomination and moving the dossier on."""

from thidua.awards.models import Dossier, Nomination, State
from thidua.awards.services import dossier_create
from thidua.awards.tests.test_dossier_action import ready_dossier
from thidua.awards.views import VERSION_MISSING


def test_a_nomination_without_the_version_is_refused(login, world, campaign):
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    form = campaign.award_forms.get(code="KG-AF-MERIT-P-IND")
    page = login(world.users["olga_officer"]).post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "kind": "individual", "award_form": form.pk, "person": world.people["p_staff"].pk,
        "justification": "Trực tiếp giải quyết thủ tục hành chính"}, follow=True)
    assert VERSION_MISSING in page.content.decode()
    assert not Nomination.objects.filter(dossier=dossier).exists()
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_removing_or_submitting_without_the_version_is_refused(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    nomination = dossier.nominations.get()
    client = login(world.users["olga_officer"])
    page = client.post(f"/khen-thuong/de-cu/{nomination.pk}/", {"remove": "1"}, follow=True)
    assert VERSION_MISSING in page.content.decode()
    assert Nomination.objects.filter(pk=nomination.pk).exists()
    page = client.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/submit/", {}, follow=True)
    assert VERSION_MISSING in page.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == State.DRAFT
