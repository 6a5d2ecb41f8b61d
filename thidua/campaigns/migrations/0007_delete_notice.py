"""The old inbox campaigns.Notice is gone: its rows moved to notices.Notice (notices 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0006_plan_edit_version'),
        ('notices', '0002_old_inboxes'),  # its rows moved to notices.Notice first
    ]

    operations = [
        migrations.DeleteModel(
            name='Notice',
        ),
    ]
