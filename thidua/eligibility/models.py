"""Eligibility runs: one evaluation of a campaign's standards, its progress and what the page shows."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang xét"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Lỗi"


class EligibilityJob(models.Model):
    """One evaluation of a campaign's standards (or a what-if), run in the request or in the
    background, with its progress and the summary the page shows. It saves no decision: the
    same parameters on the same data give the same list, so a finished job is reused."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+",
                                 verbose_name="phong trào")
    phase = models.BooleanField("xét giai đoạn", default=False)
    year = models.PositiveSmallIntegerField(
        "năm xét", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    options = models.JSONField("tùy chọn", default=dict, blank=True)
    key = models.CharField(max_length=64, db_index=True, editable=False)  # parameters + data
    status = models.CharField("trạng thái", max_length=12, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    step = models.CharField("bước", max_length=120, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField("thông báo", blank=True)
    summary = models.JSONField("kết quả", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt xét tiêu chuẩn"
        verbose_name_plural = "lượt xét tiêu chuẩn"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        what = "giai đoạn" if self.phase else f"năm {self.year}"
        return f"Xét {self.campaign_id} {what} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
