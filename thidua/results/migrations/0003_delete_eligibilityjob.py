"""EligibilityJob moved to the eligibility app (a job table: nothing to carry over)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('results', '0002_eligibilityjob'),
    ]

    operations = [
        migrations.DeleteModel(
            name='EligibilityJob',
        ),
    ]
