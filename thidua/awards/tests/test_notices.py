"""Each step of a dossier that hands work to someone tells them in the one inbox (thidua.notices):
who is told, the message, the link — through the awards services that emit the events."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards import services, testing
from thidua.awards.models import Outcome, State
from thidua.core.testing import PASSWORD
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def told(event):
    """{username: (message, url)} of the notices of one event."""
    return {n.user.username: (n.message, n.url)
            for n in Notice.objects.filter(event=event).select_related("user")}


def label(dossier):
    return (f"Hồ sơ đề nghị khen thưởng của Xã Lũng Cú – “{dossier.campaign.title}”, "
            f"năm {dossier.year}")


def url(dossier):
    return f"/khen-thuong/ho-so/{dossier.pk}/"


def under_appraisal(world, campaign):
    dossier = testing.make_dossier(world, "X1", state=State.UNDER_APPRAISAL, campaign=campaign)
    dossier.appraiser = world.users["alice_owner"]
    dossier.save()
    return dossier


def test_a_submitted_dossier_reaches_the_receiving_office_by_mail_too(
        world, campaign, django_capture_on_commit_callbacks):
    olga, alice = world.users["olga_officer"], world.users["alice_owner"]
    alice.email = "alice@example.vn"
    alice.save()
    dossier = services.dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                                      unit=world.units["X1"])
    services.nomination_add(actor=olga, dossier=dossier, kind="collective", unit=world.units["X1"],
                            award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-COLL"))
    services.dossier_generate(actor=olga, dossier=dossier)
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        services.dossier_file_upload(actor=olga, dossier=dossier, component=component,
                                     upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4"))
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_transition(actor=olga, dossier=dossier, name="submit")
    assert told("dossier_submitted") == {"alice_owner": (
        f"{label(dossier)} đã được gửi đến Tỉnh Hà Giang Thử, chờ tiếp nhận.", url(dossier))}
    assert [m.to for m in mail.outbox] == [["alice@example.vn"]]
    assert url(dossier) in mail.outbox[0].body


def test_a_received_dossier_tells_the_nominating_unit(world, campaign):
    dossier = testing.make_dossier(world, "X1", state=State.SUBMITTED, campaign=campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="receive")
    message = f"{label(dossier)} đã được Tỉnh Hà Giang Thử tiếp nhận."
    # the unit's officer and the dossier's author
    assert told("dossier_received") == {"olga_officer": (message, url(dossier)),
                                        "ada_admin": (message, url(dossier))}


def test_a_returned_dossier_goes_back_to_the_units_officers(world, campaign):
    dossier = under_appraisal(world, campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier,
                                name="return_for_revision", reason="Thiếu biên bản họp")
    message = f"{label(dossier)} bị trả lại để bổ sung: Thiếu biên bản họp. Đề nghị bổ sung và gửi lại."
    assert told("dossier_returned") == {"olga_officer": (message, url(dossier)),
                                        "ada_admin": (message, url(dossier))}


def test_a_recipient_who_may_not_open_the_dossier_gets_no_link(world, campaign):
    dossier = under_appraisal(world, campaign)
    gone = User.objects.create_user(username="cu_can_bo", password=PASSWORD)  # no role any more
    dossier.created_by = gone
    dossier.save()
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier,
                                name="return_for_revision", reason="Thiếu biên bản họp")
    notices = told("dossier_returned")
    assert notices["olga_officer"][1] == url(dossier)
    assert notices["cu_can_bo"][1] == ""


def test_an_appraised_dossier_tells_the_nominating_unit(world, campaign):
    dossier = under_appraisal(world, campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="appraise")
    assert told("dossier_appraised")["olga_officer"] == (
        f"{label(dossier)} đã được Tỉnh Hà Giang Thử thẩm định xong.", url(dossier))


def test_the_council_is_told_then_the_office_after_the_vote(world, campaign, council):
    alice = world.users["alice_owner"]
    dossier = testing.make_dossier(world, "X1", state=State.APPRAISED, campaign=campaign)
    meeting = services.meeting_create(actor=alice, council=council,
                                      held_on=timezone.localdate() + timedelta(days=1),
                                      start=time(8), venue="Hội trường", purpose="xét khen thưởng",
                                      secretary="Lê Thư Ký")
    services.dossier_transition(actor=alice, dossier=dossier, name="send_to_council",
                                meeting=meeting)
    members = told("dossier_sent_to_council")
    assert set(members) == {m.user.username for m in council.members.all()}
    assert all(link == f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/" for _m, link in
               members.values())
    nomination = dossier.nominations.get()
    for member in council.members.all():
        services.ballot_cast(actor=member.user, meeting=meeting, nomination=nomination,
                             choice="approve")
    services.meeting_close(actor=alice, meeting=meeting)
    notices = told("dossier_voted")
    assert notices["alice_owner"] == (
        f"{label(dossier)} đã được Hội đồng biểu quyết. Đề nghị trình người ký hoặc trình cấp "
        "trên.", url(dossier))
    assert notices["olga_officer"] == (
        f"{label(dossier)} đã được Hội đồng Thi đua – Khen thưởng biểu quyết.", url(dossier))


def voted(world, campaign):
    dossier = testing.make_dossier(world, "X1", state=State.VOTED, campaign=campaign)
    dossier.nominations.update(outcome=Outcome.PASSED)
    return dossier


def test_a_proposed_dossier_reaches_the_signer(world, campaign):
    dossier = voted(world, campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="propose")
    notices = told("dossier_proposed")
    assert notices["sam_signer"] == (
        f"{label(dossier)} được trình ký quyết định khen thưởng.", "/khen-thuong/quyet-dinh/")
    assert notices["olga_officer"] == (
        f"{label(dossier)} đã được trình người có thẩm quyền ký quyết định khen thưởng.",
        url(dossier))
    assert "alice_owner" not in notices


def test_a_signed_decision_reaches_the_nominating_unit(world, campaign):
    dossier = voted(world, campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="propose")
    dossier.refresh_from_db()
    today = timezone.localdate()
    decision = services.decision_issue(actor=world.users["sam_signer"], dossiers=[dossier],
                                       number_symbol="125/QĐ-UBND", signed_on=today,
                                       signer_name="Nguyễn Văn Chủ Tịch")
    message = f"Đã có Quyết định số 125/QĐ-UBND ngày {today:%d/%m/%Y} khen thưởng 1 tập thể, cá nhân."
    assert told("decision_signed") == {
        "olga_officer": (message, f"/khen-thuong/quyet-dinh/{decision.pk}/"),
        "ada_admin": (message, f"/khen-thuong/quyet-dinh/{decision.pk}/")}


def test_a_rejected_dossier_tells_the_unit_why(world, campaign):
    dossier = testing.make_dossier(world, "X1", state=State.APPRAISED, campaign=campaign)
    services.dossier_transition(actor=world.users["alice_owner"], dossier=dossier, name="reject",
                                reason="Chưa đủ tiêu chuẩn")
    assert told("dossier_rejected")["olga_officer"] == (
        f"{label(dossier)} không được khen thưởng: Chưa đủ tiêu chuẩn.", url(dossier))


def test_a_late_dossier_allowed_tells_the_units_officers(world, campaign):
    dossier = testing.make_dossier(world, "X1", state=State.DRAFT, campaign=campaign)
    until = timezone.localdate() + timedelta(days=5)
    services.deadline_exception_grant(actor=world.users["alice_owner"], campaign=campaign,
                                      unit=world.units["X1"], scope="phase", year=2025,
                                      valid_until=until, reason="Đơn vị mới sáp nhập")
    assert told("dossier_deadline_extended") == {"olga_officer": (
        f"Xã Lũng Cú được gia hạn nộp hồ sơ đề nghị khen thưởng theo “{campaign.title}” đến hết "
        f"ngày {until:%d/%m/%Y}: Đơn vị mới sáp nhập", url(dossier))}


def test_the_old_notifications_page_leads_to_the_one_inbox(world, login):
    response = login(world.users["olga_officer"]).get("/khen-thuong/thong-bao/")
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
