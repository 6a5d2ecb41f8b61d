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
    """One evaluation of a campaign's standards (or a what-if), run by a huey worker.

    `params` names the question (campaign, phase or year, options); `key` is the fingerprint of
    its inputs (the question and a stamp of the data), so a finished run on unchanged data is
    reused and a run on changed data is known to be stale. The summary and the shown candidates'
    records (EligibilityCandidate) are what the page shows: any worker serves them, and an
    explanation always matches the run on screen. It saves no decision."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+",
                                 verbose_name="phong trào")
    phase = models.BooleanField("xét giai đoạn", default=False)
    year = models.PositiveSmallIntegerField(
        "năm xét", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    options = models.JSONField("tùy chọn", default=dict, blank=True)  # registered, what-if
    params = models.CharField(max_length=64, db_index=True, editable=False, default="")
    key = models.CharField(max_length=64, db_index=True, editable=False)  # params + data stamp
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
    started_at = models.DateTimeField(null=True, blank=True)  # claimed by a worker
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # the worker's last sign of life
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

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)


class EligibilityCandidate(models.Model):
    """A candidate's record in one run (docs/eligibility-json.md, plus what the page lists):
    the candidates the page shows, and any other one explained on request."""

    job = models.ForeignKey(EligibilityJob, on_delete=models.CASCADE, related_name="candidates")
    standard = models.CharField(max_length=60)
    code = models.CharField(max_length=60)
    position = models.PositiveIntegerField(null=True, blank=True)  # order shown; null: asked for
    eligible = models.BooleanField(default=False)
    selected = models.BooleanField(default=False)
    fails = models.PositiveSmallIntegerField(default=0)  # top-level conditions not met
    group = models.CharField(max_length=60, blank=True)  # the quota group (category)
    search = models.TextField(blank=True)  # code, name, unit folded (no accents) for the search box
    row = models.JSONField(default=dict)  # name, unit, rank, quota note, conditions…

    class Meta:
        verbose_name = "ứng viên trong lượt xét"
        verbose_name_plural = "ứng viên trong lượt xét"
        constraints = [models.UniqueConstraint(fields=["job", "standard", "code"],
                                               name="eligibility_candidate_once")]
        indexes = [models.Index(fields=["job", "standard", "position"])]

    def __str__(self) -> str:
        return f"{self.code} – {self.standard}"
