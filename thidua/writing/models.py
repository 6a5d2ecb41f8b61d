"""The writing contest (cuộc thi viết tìm kiếm sáng kiến CCHC, 003 §III.2.2): rules, topics, a
period with a server-side deadline, entries with co-authors and attachments, prizes.

Entries are judged blind by a `thidua.judging` panel (one per contest); the contest keeps the
author, the unit and the text, the panel keeps the code, the sheets and the rounds.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

# One definition of the prize levels for every contest (nhất, nhì, ba, khuyến khích).
from thidua.contests.models import PrizeLevel


class WritingContest(models.Model):
    code = models.SlugField("mã cuộc thi", max_length=60)
    title = models.CharField("tên cuộc thi", max_length=300)
    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="writing_contests",
                                  verbose_name="đơn vị tổ chức")
    scope = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                              verbose_name="phạm vi dự thi (cán bộ các đơn vị thuộc)")
    rules = models.TextField("thể lệ")
    opens_at = models.DateTimeField("nhận bài từ")
    closes_at = models.DateTimeField("hạn nộp bài")
    open_to_public = models.BooleanField("người dân được dự thi", default=False)
    max_words = models.PositiveIntegerField("số chữ tối đa", default=5000,
                                            validators=[MinValueValidator(100)])
    prize_first = models.PositiveSmallIntegerField("số giải Nhất", default=1)
    prize_second = models.PositiveSmallIntegerField("số giải Nhì", default=1)
    prize_third = models.PositiveSmallIntegerField("số giải Ba", default=2)
    prize_consolation = models.PositiveSmallIntegerField("số giải Khuyến khích", default=3)
    panel = models.OneToOneField("judging.Panel", on_delete=models.PROTECT, related_name="writing_contest")
    published_at = models.DateTimeField("công bố kết quả lúc", null=True, blank=True)
    decision_number = models.CharField("số quyết định trao giải", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "cuộc thi viết"
        verbose_name_plural = "cuộc thi viết"
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="writing_period_order"),
            models.UniqueConstraint(fields=["code", "closes_at"], name="writing_code_per_deadline"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return timezone.localtime(self.closes_at).year

    def is_open(self, now: object = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at  # type: ignore[operator]


class Topic(models.Model):
    contest = models.ForeignKey(WritingContest, on_delete=models.CASCADE, related_name="topics")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField("chủ đề", max_length=300)

    class Meta:
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề"
        ordering = ["contest", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Entry(models.Model):
    contest = models.ForeignKey(WritingContest, on_delete=models.PROTECT, related_name="entries")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="entries",
                              verbose_name="chủ đề")
    title = models.CharField("tên bài viết", max_length=300)
    text = models.TextField("nội dung bài viết")
    author = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="writing_entries",
                               verbose_name="tác giả")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name="đơn vị của tác giả")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("nộp lúc", default=timezone.now)
    updated_at = models.DateTimeField("sửa lần cuối", default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    judging_entry = models.OneToOneField("judging.Entry", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "bài dự thi"
        verbose_name_plural = "bài dự thi"
        ordering = ["contest", "submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["contest", "author"],
                                               name="writing_one_entry_per_author")]

    def __str__(self) -> str:
        return self.title


class CoAuthor(models.Model):
    """Every author with a share (%): the main author first; shares add up to 100."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="coauthors")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name="đồng tác giả")
    share = models.DecimalField("tỷ lệ đóng góp (%)", max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        verbose_name = "đồng tác giả"
        verbose_name_plural = "đồng tác giả"
        constraints = [models.UniqueConstraint(fields=["entry", "person"], name="writing_coauthor_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.share}%)"


def entry_file_path(instance: EntryFile, filename: str) -> str:
    return f"cuoc-thi-viet/{instance.entry.contest_id}/{instance.entry_id}/{filename}"


class EntryFile(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=entry_file_path, max_length=255)
    name = models.CharField("tên tệp", max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.name


class Prize(models.Model):
    contest = models.ForeignKey(WritingContest, on_delete=models.CASCADE, related_name="prizes")
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="prize")
    rank = models.PositiveSmallIntegerField("thứ hạng")
    level = models.CharField("giải", max_length=14, choices=PrizeLevel.choices)
    average = models.DecimalField("điểm bình quân", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "giải thưởng"
        verbose_name_plural = "giải thưởng"
        ordering = ["contest", "rank"]
        constraints = [models.UniqueConstraint(fields=["contest", "rank"], name="writing_prize_rank")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} — {self.entry}"
