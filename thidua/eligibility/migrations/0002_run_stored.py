"""A run stores its fingerprint, claim and heartbeat, and the records of its shown candidates."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('eligibility', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='eligibilityjob',
            name='heartbeat_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='eligibilityjob',
            name='params',
            field=models.CharField(db_index=True, default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='eligibilityjob',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='EligibilityCandidate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('standard', models.CharField(max_length=60)),
                ('code', models.CharField(max_length=60)),
                ('position', models.PositiveIntegerField(blank=True, null=True)),
                ('eligible', models.BooleanField(default=False)),
                ('selected', models.BooleanField(default=False)),
                ('fails', models.PositiveSmallIntegerField(default=0)),
                ('group', models.CharField(blank=True, max_length=60)),
                ('search', models.TextField(blank=True)),
                ('row', models.JSONField(default=dict)),
                ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='candidates', to='eligibility.eligibilityjob')),
            ],
            options={
                'verbose_name': 'ứng viên trong lượt xét',
                'verbose_name_plural': 'ứng viên trong lượt xét',
                'indexes': [models.Index(fields=['job', 'standard', 'position'], name='eligibility_job_id_24d7f5_idx')],
                'constraints': [models.UniqueConstraint(fields=('job', 'standard', 'code'), name='eligibility_candidate_once')],
            },
        ),
    ]
