"""Workflow actions: deadlines and exceptions, roles and levels, one appraiser per dossier."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards import services, testing
from thidua.awards.models import DeadlineException, Dossier, State


def ready_dossier(world, campaign):
    """A complete draft of X1 (papers generated and uploaded)."""
    dossier = services.dossier_create(actor=world.users["olga_officer"], campaign=campaign,
                                      scope="phase", year=2025, unit=world.units["X1"])
    services.nomination_add(actor=world.users["olga_officer"], dossier=dossier,
                            kind="collective", unit=world.units["X1"],
                            award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-COLL"))
    services.dossier_generate(actor=world.users["olga_officer"], dossier=dossier)
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        services.dossier_file_upload(
            actor=world.users["olga_officer"], dossier=dossier, component=component,
            upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4", content_type="application/pdf"))
    dossier.refresh_from_db()
    return dossier


def submit(client, dossier):
    dossier.refresh_from_db()
    return client.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/submit/",
                       {"version": dossier.version}, follow=True)


def test_it_refuses_a_late_submission_until_the_owner_opens_an_exception(login, world, campaign):
    testing.recognise_results(campaign, year=2025, on=timezone.localdate() - timedelta(days=40))
    dossier = ready_dossier(world, campaign)
    page = submit(login(world.users["olga_officer"]), dossier).content.decode()
    assert "Đã quá hạn nộp hồ sơ" in page
    assert Dossier.objects.get(pk=dossier.pk).state == State.DRAFT

    owner = login(world.users["alice_owner"])
    owner.post("/khen-thuong/gia-han/", {
        "campaign": campaign.pk, "unit": world.units["X1"].pk, "scope": "phase", "year": 2025,
        "valid_until": timezone.localdate() + timedelta(days=3), "reason": "Bão lũ"})
    exception = DeadlineException.objects.get()
    assert exception.granted_by == world.users["alice_owner"]
    submit(login(world.users["olga_officer"]), dossier)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.exception == exception


def test_the_dossier_page_shows_days_left(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    page = login(world.users["olga_officer"]).get(f"/khen-thuong/ho-so/{dossier.pk}/")
    assert "còn 10 ngày" in page.content.decode()


def test_it_rejects_other_units_officer_and_wrong_roles(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    oscar = login(world.users["oscar_officer"])
    assert oscar.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/submit/").status_code == 403
    submit(login(world.users["olga_officer"]), dossier)
    carl = login(world.users["carl_council"])
    page = carl.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/receive/",
                     {"version": Dossier.objects.get(pk=dossier.pk).version}, follow=True)
    assert "dành cho: Cơ quan Nội vụ" in page.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED


def test_two_appraisers_cannot_both_act_on_one_dossier(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    submit(login(world.users["olga_officer"]), dossier)
    bob = User.objects.create_user(username="bob_owner", password="x")
    RoleAssignment.objects.create(user=bob, role=Role.OWNER, unit=world.units["P1"])
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="receive")
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier,
                                name="start_appraisal")
    page = login(bob).post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/appraise/",
                           {"version": Dossier.objects.get(pk=dossier.pk).version}, follow=True)
    assert "Không thể" in page.content.decode() or "người khác thẩm định" in page.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.UNDER_APPRAISAL and dossier.appraiser == world.users["alice_owner"]


def test_returning_needs_a_reason(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    submit(login(world.users["olga_officer"]), dossier)
    for name in ("receive", "start_appraisal"):
        services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name=name)
    page = login(world.users["alice_owner"]).post(
        f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/return_for_revision/",
        {"reason": " ", "version": Dossier.objects.get(pk=dossier.pk).version}, follow=True)
    assert "Hãy ghi rõ lý do" in page.content.decode()


def test_an_edit_read_at_an_old_version_is_refused(login, world, campaign):
    dossier = ready_dossier(world, campaign)
    nomination = dossier.nominations.get()
    stale = dossier.version - 1
    page = login(world.users["olga_officer"]).post(
        f"/khen-thuong/de-cu/{nomination.pk}/",
        {"version": stale, "summary": "Mới", "achievements": "", "justification": "",
         "position_title": ""}, follow=True)
    assert "vừa được người khác cập nhật" in page.content.decode()
