"""Judging by panels, shared by the writing contest and the initiative council.

A `Panel` has a rubric (`Criterion`: weight and range), judges, rounds (`Stage`: preliminary →
final, with the number or share that advances) and entries. An `Entry` is the judging side of a
thing judged elsewhere (`source` "writing" / "initiatives" and its id): judges see only its blind
`code` until the panel is revealed. A judge from the entrant's unit is recused automatically
(`Declaration` with `automatic=True`); others declare before scoring. `Sheet` is one judge's
scores of one entry in one stage.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Method(models.TextChoices):
    MEAN = "mean", "Trung bình cộng"
    TRIM = "trim", "Trung bình sau khi bỏ điểm cao nhất và thấp nhất"
    NORMALISED = "normalised", "Trung bình sau khi chuẩn hóa theo từng giám khảo"


class Panel(models.Model):
    name = models.CharField("tên hội đồng / ban giám khảo", max_length=300)
    source = models.CharField("loại bài", max_length=30)  # "writing", "initiatives"
    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="panels",
                                  verbose_name="đơn vị tổ chức")
    min_scores = models.PositiveSmallIntegerField(
        "số giám khảo tối thiểu chấm mỗi bài", default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    method = models.CharField("cách tính điểm", max_length=12, choices=Method.choices,
                              default=Method.MEAN)
    revealed_at = models.DateTimeField("công khai tác giả lúc", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "hội đồng chấm"
        verbose_name_plural = "hội đồng chấm"

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    name = models.CharField("tiêu chí", max_length=200)
    weight = models.DecimalField("hệ số", max_digits=5, decimal_places=2, default=1)
    low = models.DecimalField("điểm thấp nhất", max_digits=6, decimal_places=2, default=0)
    high = models.DecimalField("điểm cao nhất", max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "tiêu chí chấm"
        verbose_name_plural = "tiêu chí chấm"
        ordering = ["panel", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(high__gt=models.F("low")),
                                   name="judging_criterion_range"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="judging_criterion_weight"),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """A round of judging: 1 = sơ khảo, 2 = chung khảo…"""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField("vòng số")
    name = models.CharField("tên vòng", max_length=100)
    advance_count = models.PositiveSmallIntegerField("số bài vào vòng sau", null=True, blank=True)
    advance_share = models.DecimalField("tỷ lệ bài vào vòng sau (%)", max_digits=5, decimal_places=2,
                                        null=True, blank=True,
                                        validators=[MinValueValidator(0), MaxValueValidator(100)])
    opened_at = models.DateTimeField("mở chấm lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "vòng chấm"
        verbose_name_plural = "vòng chấm"
        ordering = ["panel", "number"]
        constraints = [models.UniqueConstraint(fields=["panel", "number"], name="judging_stage_number")]

    def __str__(self) -> str:
        return f"{self.name}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None


class Judge(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="judge_seats")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="đơn vị công tác")
    active = models.BooleanField("đang tham gia", default=True)

    class Meta:
        verbose_name = "giám khảo"
        verbose_name_plural = "giám khảo"
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="judging_judge_once")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Entry(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="entries")
    source_id = models.PositiveIntegerField()
    code = models.CharField("mã bài", max_length=20)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name="đơn vị của tác giả")
    stage_reached = models.PositiveSmallIntegerField("đã vào vòng", default=1)
    submitted_at = models.DateTimeField(default=timezone.now)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        verbose_name = "bài dự thi (mã hóa)"
        verbose_name_plural = "bài dự thi (mã hóa)"
        ordering = ["panel", "code"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "source_id"], name="judging_entry_source_once"),
            models.UniqueConstraint(fields=["panel", "code"], name="judging_entry_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class Declaration(models.Model):
    """A judge's declaration on one entry: a conflict (recused) or none."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="declarations")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="declarations")
    conflict = models.BooleanField("có xung đột lợi ích")
    automatic = models.BooleanField("tự động (cùng đơn vị với tác giả)", default=False)
    reason = models.CharField("lý do", max_length=300, blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "cam kết / khai báo xung đột lợi ích"
        verbose_name_plural = "cam kết / khai báo xung đột lợi ích"
        constraints = [models.UniqueConstraint(fields=["judge", "entry"], name="judging_declaration_once")]

    def __str__(self) -> str:
        return f"{self.judge} — {self.entry}"


class Sheet(models.Model):
    """One judge's scores of one entry in one stage; `values` maps criterion id → points."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="sheets")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets")
    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="sheets")
    values = models.JSONField("điểm từng tiêu chí", default=dict)
    total = models.DecimalField("tổng điểm", max_digits=8, decimal_places=2)
    comment = models.TextField("nhận xét", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "phiếu chấm"
        verbose_name_plural = "phiếu chấm"
        constraints = [models.UniqueConstraint(fields=["stage", "entry", "judge"],
                                               name="judging_sheet_once")]

    def __str__(self) -> str:
        return f"{self.judge} — {self.entry} ({self.stage})"


class Reminder(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="reminders")
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="reminders")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    remaining = models.PositiveIntegerField("số bài còn phải chấm")

    class Meta:
        verbose_name = "lời nhắc chấm"
        verbose_name_plural = "lời nhắc chấm"
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.judge} — {self.stage}"
