"""One inbox: the campaigns' notices (launch, reminder, amendment) and the awards' notifications
move into notices.Notice, read and e-mailed state kept; the two old tables are removed by the
next migrations of campaigns and awards (docs/notices.md)."""

from django.db import migrations

# The old campaigns.Notice kinds, as events of the notices app (thidua/notices/apps.py EVENTS).
CAMPAIGN_EVENTS = {"launch": "campaign_launched", "reminder": "cascade_reminder",
                   "amendment": "campaign_amended"}


# The old awards notifications had no kind: their wording (awards/services.py before this
# migration) tells which step sent them; anything else is progress of a dossier.
AWARD_EVENTS = [("bị trả lại", "dossier_returned"), ("chờ tiếp nhận", "dossier_submitted"),
                ("được trình ký", "dossier_proposed"), ("Đã có Quyết định", "decision_signed"),
                ("được gia hạn", "dossier_deadline_extended"),
                ("không được khen thưởng", "dossier_rejected"),
                ("đã được tiếp nhận", "dossier_received"),
                ("đã được thẩm định", "dossier_appraised"),
                ("biểu quyết", "dossier_voted"), ("trình cấp trên", "dossier_forwarded")]


def _award_event(message):
    return next((event for words, event in AWARD_EVENTS if words in message), "dossier_progress")


def forward(apps, schema_editor):
    try:
        CampaignNotice = apps.get_model("campaigns", "Notice")
        Notification = apps.get_model("awards", "Notification")
    except LookupError:  # re-run on today's models (thidua.core.testing.restore_migration_data)
        return
    Notice = apps.get_model("notices", "Notice")
    moved = []
    for old in CampaignNotice.objects.order_by("pk").iterator():
        # the unit's page of what the campaign asks of it; else the campaign
        url = (f"/phong-trao/tham-gia/{old.participant_id}/" if old.participant_id
               else f"/phong-trao/{old.campaign_id}/")
        moved.append(Notice(
            user_id=old.user_id, event=CAMPAIGN_EVENTS.get(old.kind, "campaign_launched"),
            message=old.message, url=url, read_at=old.read_at,
            emailed_at=old.created_at if old.emailed else None, created_at=old.created_at))
    for old in Notification.objects.order_by("pk").iterator():
        url = old.url or (f"/khen-thuong/ho-so/{old.dossier_id}/" if old.dossier_id else "")
        moved.append(Notice(
            user_id=old.user_id, event=_award_event(old.message),
            message=old.message, url=url, read_at=old.read_at,
            emailed_at=old.created_at if old.emailed else None, created_at=old.created_at))
    sent = [n.created_at for n in moved]
    Notice.objects.bulk_create(moved, batch_size=1000)
    # auto_now_add stamped the insert's time: put each notice back at the time it was sent
    for notice, when in zip(moved, sent):
        notice.created_at = when
    Notice.objects.bulk_update(moved, ["created_at"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0001_initial"),
        ("campaigns", "0006_plan_edit_version"),
        ("awards", "0003_room_tally_vote_method"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
