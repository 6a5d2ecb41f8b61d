"""The data migration moves the two old inboxes (campaigns.Notice, awards.Notification) into
notices.Notice — event from the kind or the wording, link to the unit's page or the dossier,
read and e-mailed state and time kept — before their tables are dropped."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("notices", "0001_initial"), ("campaigns", "0006_plan_edit_version"),
          ("awards", "0003_room_tally_vote_method")]
AFTER = [("campaigns", "0007_delete_notice"), ("awards", "0004_delete_notification")]


@pytest.fixture
def _reference_data():
    # A transactional test empties every table afterwards, so the migrations' reference rows
    # (the award-form catalogue) may be gone when this one starts, and are gone when it ends:
    # put them back both times.
    from thidua.core.testing import restore_migration_data

    restore_migration_data()
    yield
    restore_migration_data()


@pytest.mark.django_db(transaction=True)
def test_old_notices_and_notifications_move_to_the_one_inbox(_reference_data, world):
    from thidua.awards.testing import make_dossier
    from thidua.campaigns.testing import launched_campaign

    campaign = launched_campaign(world, "P1-L", "P1")
    x1 = campaign.participants.get(unit=world.units["X1"])
    dossier = make_dossier(world, "X1")
    olga, alice = world.users["olga_officer"], world.users["alice_owner"]
    sent = timezone.make_aware(datetime(2025, 3, 1, 8, 30))
    read = sent + timedelta(hours=2)

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    CampaignNotice = old.get_model("campaigns", "Notice")
    Notification = old.get_model("awards", "Notification")
    for kind, message, emailed, read_at in (
            ("launch", "Ủy ban nhân dân tỉnh phát động phong trào.", True, read),
            ("reminder", "Nhắc việc: Xã Lũng Cú chưa đăng ký thi đua.", False, None),
            ("amendment", "Kế hoạch được sửa đổi, bổ sung.", False, None)):
        row = CampaignNotice.objects.create(
            user_id=olga.pk, campaign_id=campaign.pk, participant_id=x1.pk, kind=kind,
            message=message, emailed=emailed, read_at=read_at)
        CampaignNotice.objects.filter(pk=row.pk).update(created_at=sent)
    returned = Notification.objects.create(
        user_id=olga.pk, dossier_id=dossier.pk, message="Hồ sơ bị trả lại để bổ sung: thiếu biên bản",
        url="", emailed=True)
    submitted = Notification.objects.create(
        user_id=alice.pk, dossier_id=dossier.pk, url=f"/khen-thuong/ho-so/{dossier.pk}/",
        message="Hồ sơ đề nghị khen thưởng của Xã Lũng Cú đã được gửi, chờ tiếp nhận.",
        emailed=False, read_at=read)
    Notification.objects.filter(pk=returned.pk).update(created_at=sent)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from thidua.notices.models import Notice

    moved = {n.message: n for n in Notice.objects.all()}
    assert len(moved) == 5
    launch = moved["Ủy ban nhân dân tỉnh phát động phong trào."]
    assert (launch.user_id, launch.event, launch.url) == (
        olga.pk, "campaign_launched", f"/phong-trao/tham-gia/{x1.pk}/")
    assert launch.read_at == read and launch.created_at == sent and launch.emailed_at == sent
    reminder = moved["Nhắc việc: Xã Lũng Cú chưa đăng ký thi đua."]
    assert reminder.event == "cascade_reminder" and reminder.read_at is None
    assert reminder.emailed_at is None
    assert moved["Kế hoạch được sửa đổi, bổ sung."].event == "campaign_amended"
    back = moved["Hồ sơ bị trả lại để bổ sung: thiếu biên bản"]
    assert (back.user_id, back.event, back.url) == (
        olga.pk, "dossier_returned", f"/khen-thuong/ho-so/{dossier.pk}/")
    assert back.created_at == sent and back.emailed_at == sent and back.read_at is None
    waiting = moved[submitted.message]
    assert (waiting.user_id, waiting.event, waiting.read_at) == (alice.pk, "dossier_submitted", read)
    assert waiting.emailed_at is None
    # the old tables are gone
    tables = connection.introspection.table_names()
    assert "campaigns_notice" not in tables and "awards_notification" not in tables
