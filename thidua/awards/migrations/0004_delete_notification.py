"""The old inbox awards.Notification is gone: its rows moved to notices.Notice (notices 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0003_room_tally_vote_method'),
        ('notices', '0002_old_inboxes'),  # its rows moved to notices.Notice first
    ]

    operations = [
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
