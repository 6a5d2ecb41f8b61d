"""Notices: in-app messages (and e-mails) about work handed to someone, each user's digest
choice, and the record of scheduled reminders (one per deadline, unit and day)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notice(models.Model):
    """A message to one user: what was handed to them, with the link to the work."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notices")
    event = models.CharField("sự kiện", max_length=60)
    message = models.TextField("nội dung")
    url = models.CharField("đường dẫn", max_length=255, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    # Set when the e-mail went out (at once, or in the daily digest); empty: not sent yet.
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"]),
                   models.Index(fields=["emailed_at", "user"])]

    def __str__(self) -> str:
        return self.message[:80]


class Preference(models.Model):
    """How a user wants their e-mails: one per notice (default), or one digest a day."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notice_preference")
    daily_digest = models.BooleanField(
        "nhận thư tổng hợp mỗi ngày một lần", default=False,
        help_text="Không nhận thư cho từng thông báo; mỗi sáng nhận một thư tổng hợp.")
    last_digest_on = models.DateField("gửi thư tổng hợp gần nhất", null=True, blank=True)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"

    def __str__(self) -> str:
        return "Thư tổng hợp hằng ngày" if self.daily_digest else "Thư cho từng thông báo"


class Reminder(models.Model):
    """A scheduled reminder sent for one deadline of one unit, `days_before` days ahead: the
    unique constraint makes sure it is never sent twice, however often the job runs."""

    key = models.CharField("việc", max_length=120)  # e.g. "registration:<participant>:<year>"
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+",
                             verbose_name="đơn vị")
    due = models.DateField("hạn")
    days_before = models.PositiveSmallIntegerField("số ngày trước hạn")
    message = models.TextField("nội dung")
    recipients = models.PositiveIntegerField("số người nhận", default=0)
    sent_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "nhắc hạn tự động"
        verbose_name_plural = "nhắc hạn tự động"
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["key", "unit", "due", "days_before"],
                                               name="uniq_reminder")]

    def __str__(self) -> str:
        return self.message[:80]
