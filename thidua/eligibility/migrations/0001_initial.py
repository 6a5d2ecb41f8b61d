"""Eligibility runs move here from the results app; a job table starts empty."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('campaigns', '0003_plan_items_related_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EligibilityJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phase', models.BooleanField(default=False, verbose_name='xét giai đoạn')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='năm xét')),
                ('options', models.JSONField(blank=True, default=dict, verbose_name='tùy chọn')),
                ('key', models.CharField(db_index=True, editable=False, max_length=64)),
                ('status', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang xét'), ('done', 'Đã xong'), ('failed', 'Lỗi')], default='queued', max_length=12, verbose_name='trạng thái')),
                ('step', models.CharField(blank=True, max_length=120, verbose_name='bước')),
                ('done', models.PositiveIntegerField(default=0)),
                ('total', models.PositiveIntegerField(default=0)),
                ('message', models.TextField(blank=True, verbose_name='thông báo')),
                ('summary', models.JSONField(blank=True, null=True, verbose_name='kết quả')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='campaigns.campaign', verbose_name='phong trào')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'lượt xét tiêu chuẩn',
                'verbose_name_plural': 'lượt xét tiêu chuẩn',
                'ordering': ['-created_at'],
            },
        ),
    ]
