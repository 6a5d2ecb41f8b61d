"""Notices: council members told when a dossier enters their session, e-mail at once or in the
daily digest, the notices page (open one, mark all read, the digest choice)."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards import services as award_services
from thidua.awards import testing as award_testing
from thidua.awards.models import CouncilMeeting, State
from thidua.core.testing import PASSWORD
from thidua.notices import services
from thidua.notices.models import Notice, Preference

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _open_meeting(world):
    council = award_testing.make_council(world, "P1")  # member 1 is carl_council's account
    return CouncilMeeting.objects.create(
        council=council, held_on=timezone.localdate() + timedelta(days=1), start=time(8),
        venue="Phòng họp số 1", purpose="Xét khen thưởng năm 2025", secretary="Lê Thư Ký")


def test_linked_council_members_are_told_when_a_dossier_enters_their_session(
        world, django_capture_on_commit_callbacks):
    world.carl_council.email = "carl@example.vn"
    world.carl_council.save()
    meeting = _open_meeting(world)
    dossier = award_testing.make_dossier(world, "X1", state=State.APPRAISED)
    with django_capture_on_commit_callbacks(execute=True):
        award_services.dossier_transition(actor=world.alice_owner, dossier=dossier,
                                          name="send_to_council", meeting=meeting)
    notice = Notice.objects.get(user=world.carl_council)
    assert "Hồ sơ đề nghị khen thưởng của Xã Lũng Cú đã được trình" in notice.message
    assert notice.url == f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/"
    assert notice.emailed_at is not None
    assert [m.to for m in mail.outbox if "Xã Lũng Cú" in m.body] == [["carl@example.vn"]]
    assert f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/" in mail.outbox[-1].body


def test_without_linked_accounts_the_council_role_holders_are_told(world):
    meeting = _open_meeting(world)
    meeting.council.members.update(user=None)
    other = User.objects.create_user(username="hd_p1", password=PASSWORD)
    RoleAssignment.objects.create(user=other, role=Role.COUNCIL, unit=world.units["P1"])
    dossier = award_testing.make_dossier(world, "X1", state=State.APPRAISED)
    award_services.dossier_transition(actor=world.alice_owner, dossier=dossier,
                                      name="send_to_council", meeting=meeting)
    told = set(Notice.objects.values_list("user__username", flat=True))
    assert told == {"carl_council", "hd_p1"}


def test_a_digest_user_gets_one_mail_a_day_with_every_notice(world,
                                                             django_capture_on_commit_callbacks):
    olga = world.olga_officer
    olga.email = "olga@example.vn"
    olga.save()
    services.preference_set(user=olga, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(users=[olga], message="Việc thứ nhất", url="/khen-thuong/")
        services.notify(users=[olga], message="Việc thứ hai")
    assert mail.outbox == []  # nothing at once
    today = timezone.localdate()
    assert services.digests_send(today=today) == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Việc thứ nhất" in body and "Việc thứ hai" in body and "/khen-thuong/" in body
    assert services.digests_send(today=today) == 0  # never twice the same day
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()
    services.notify(users=[olga], message="Việc thứ ba")
    assert services.digests_send(today=today + timedelta(days=1)) == 1
    assert "Việc thứ ba" in mail.outbox[-1].body and "Việc thứ nhất" not in mail.outbox[-1].body


def test_the_notices_page_opens_a_notice_and_marks_all_read(world, login):
    mine = services.notify(users=[world.olga_officer], message="Hồ sơ bị trả lại",
                           url="/khen-thuong/")[0]
    services.notify(users=[world.olga_officer], message="Nhắc hạn đăng ký")
    theirs = services.notify(users=[world.oscar_officer], message="Việc của người khác")[0]
    client = login(world.olga_officer)
    html = client.get("/thong-bao/").content.decode()
    assert "Hồ sơ bị trả lại" in html and "Việc của người khác" not in html
    assert "Có 2 thông báo chưa đọc." in html
    assert 'hx-get="/viec-can-lam/dem/"' in html  # the header's counts come after the page
    counts = client.get("/viec-can-lam/dem/").content.decode()
    assert 'Thông báo<span class="count">2</span>' in counts
    response = client.get(f"/thong-bao/?mo={mine.pk}")
    assert response.status_code == 302 and response["Location"] == "/khen-thuong/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(f"/thong-bao/?mo={theirs.pk}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.get("/thong-bao/?mo=abc").status_code == 404
    client.post("/thong-bao/", {"action": "read_all"})
    assert not Notice.objects.filter(user=world.olga_officer, read_at__isnull=True).exists()


def test_the_digest_choice_is_saved_and_audited(world, login):
    from thidua.core.audit import history

    client = login(world.olga_officer)
    response = client.post("/thong-bao/", {"daily_digest": "on"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=world.olga_officer)
    assert preference.daily_digest
    assert list(history(preference))
    import re

    box = re.search(r'<input[^>]*name="daily_digest"[^>]*>', client.get("/thong-bao/").content.decode())
    assert box is not None and "checked" in box.group(0)


def test_a_unit_granted_a_late_registration_is_told(world, login):
    from thidua.notices.testing import campaign_due_in

    campaign = campaign_due_in(world, "GIA-HAN-1", registration_in=-3, cascade_in=5)
    x1 = campaign.participants.get(unit=world.units["X1"])
    until = timezone.localdate() + timedelta(days=4)
    response = login(world.alice_owner).post(f"/phong-trao/tham-gia/{x1.pk}/gia-han/", {
        "valid_until": until.isoformat(), "reason": "Đơn vị mới sáp nhập"})
    assert response.status_code == 302
    notice = Notice.objects.get(user=world.olga_officer)
    assert notice.message == (f"Xã Lũng Cú được gia hạn đăng ký thi đua theo “{campaign.title}” "
                              f"đến hết ngày {until:%d/%m/%Y}.")
    assert notice.url == f"/phong-trao/tham-gia/{x1.pk}/dang-ky/"
