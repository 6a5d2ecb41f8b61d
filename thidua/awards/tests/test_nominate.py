"""Nominating from the eligibility list, and by hand with the unmet standards shown."""

from thidua.awards.models import Dossier, Nomination
from thidua.awards.services import dossier_create


def test_a_hand_nomination_keeps_and_shows_its_unmet_standards(login, world, campaign):
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    form = campaign.award_forms.get(code="KG-AF-MERIT-P-IND")
    page = login(world.users["olga_officer"]).post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "kind": "individual", "award_form": form.pk, "person": world.people["p_staff"].pk,
        "justification": "Trực tiếp giải quyết thủ tục hành chính", "version": dossier.version},
        follow=True)
    nomination = Nomination.objects.get(dossier=dossier)
    assert nomination.source == "manual"
    assert [u["standard"] for u in nomination.unmet] == ["registered"]
    assert "chưa đạt" in page.content.decode()
    owner_page = login(world.users["alice_owner"]).get(f"/khen-thuong/ho-so/{dossier.pk}/")
    assert "Không có trong danh sách đăng ký thi đua" in owner_page.content.decode()


def test_the_eligibility_list_offers_registered_candidates_once(login, world, campaign):
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    client = login(world.users["olga_officer"])
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/").content.decode()
    assert "Nguyễn Thị Lan" in page and "Phạm Minh Ánh" not in page.split("Đề nghị trực tiếp")[0]
    person_form = campaign.award_forms.get(code="KG-AF-MERIT-P-IND")
    key = f"{person_form.pk}:p{world.people['p_x1'].pk}"
    client.post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {"candidate": key,
                                                            "version": dossier.version})
    again = client.post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "candidate": key, "version": Dossier.objects.get(pk=dossier.pk).version}, follow=True)
    assert "đã được đề nghị" in again.content.decode()
    assert Nomination.objects.filter(dossier=dossier).count() == 1


def test_it_rejects_other_unit(login, world, campaign):
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    assert login(world.users["oscar_officer"]).get(
        f"/khen-thuong/ho-so/{dossier.pk}/de-cu/").status_code == 403


def test_an_optional_paper_is_never_missing(world, campaign):
    from thidua.awards.selectors import completeness_problems
    from thidua.campaigns.models import DossierComponent

    DossierComponent.objects.create(campaign=campaign, code="initiative_decision",
                                    label="Quyết định công nhận sáng kiến", clause="§IV.1¶3",
                                    data={"optional": True}, position=99)
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    assert not any("sáng kiến" in p for p in completeness_problems(dossier))


def test_standards_are_named_by_their_words_not_their_codes(login, world, campaign):
    # One standard of the demo's plan 002 (KG-A-IND) has no text of its own: it is named by
    # where the plan states it, never by its code.
    campaign.standards.update(text="")
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    client = login(world.users["olga_officer"])
    form = campaign.award_forms.get(code="KG-AF-MERIT-P-IND")
    client.post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "kind": "individual", "award_form": form.pk, "person": world.people["p_staff"].pk,
        "justification": "Trực tiếp giải quyết thủ tục hành chính", "version": dossier.version})
    nomination = Nomination.objects.get(dossier=dossier)
    pages = [client.get(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/").content.decode(),
             client.get(f"/khen-thuong/de-cu/{nomination.pk}/").content.decode()]
    codes = set(campaign.standards.values_list("code", flat=True))
    assert codes
    for page in pages:
        assert not [code for code in codes if code in page]
    assert "Tiêu chuẩn tại §" in pages[1] or "Tiêu chuẩn của hình thức" in pages[1]
