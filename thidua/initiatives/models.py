"""Initiatives (sáng kiến, mô hình, giải pháp CCHC): authors, council scores, recognition, history.

A recognised initiative is a fact the award standards read (001 §II.2; 003 §III.2.2; 004 §IV.1.b):
see `selectors.initiative_facts`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.core.text import fold
from thidua.rules.vocab import INITIATIVE_LEVEL


class CchcField(models.TextChoices):
    """The seven CCHC fields an initiative belongs to (003 §II.2.1)."""

    DIRECTION = "chi_dao", "Chỉ đạo, điều hành CCHC"
    INSTITUTIONS = "the_che", "Cải cách thể chế"
    PROCEDURES = "thu_tuc", "Cải cách thủ tục hành chính"
    ORGANISATION = "bo_may", "Cải cách tổ chức bộ máy"
    CIVIL_SERVICE = "cong_vu", "Cải cách chế độ công vụ"
    PUBLIC_FINANCE = "tai_chinh_cong", "Cải cách tài chính công"
    DIGITAL = "chinh_quyen_so", "Xây dựng, phát triển chính quyền điện tử, chính quyền số"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Đã nộp, chờ xét"
    REVIEW = "review", "Hội đồng đang chấm"
    RECOGNISED = "recognised", "Đã công nhận"
    REJECTED = "rejected", "Không công nhận"


class Level(models.TextChoices):
    """Level of the council that recognised it: the levels of thidua.rules.vocab.INITIATIVE_LEVEL
    up to the province (a central recognition is not made in this registry)."""

    AGENCY = INITIATIVE_LEVEL.choice("co_quan")
    DISTRICT = INITIATIVE_LEVEL.choice("huyen")
    PROVINCE = INITIATIVE_LEVEL.choice("tinh")


class Initiative(models.Model):
    title = models.CharField("tên sáng kiến", max_length=300)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="initiatives",
                             verbose_name="đơn vị")
    field = models.CharField("lĩnh vực CCHC", max_length=20, choices=CchcField.choices)
    year = models.PositiveSmallIntegerField("năm", validators=[MinValueValidator(2000),
                                                                MaxValueValidator(2100)])
    description = models.TextField("nội dung, mô tả")
    effect = models.TextField("hiệu quả mang lại")
    scope = models.TextField("phạm vi áp dụng")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name="người nộp")
    submitted_at = models.DateTimeField("ngày nộp")
    # The recognition decision ("Quyết định công nhận sáng kiến", 002 §V.1, 003 §IV.1).
    level = models.CharField("cấp công nhận", max_length=12, choices=Level.choices, blank=True)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    decision_body = models.CharField("cơ quan công nhận", max_length=200, blank=True)
    applied = models.BooleanField("đã được áp dụng trong thực tế", default=False)
    search_name = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="recognised")
                | (~models.Q(level="") & ~models.Q(decision_number="")
                   & models.Q(decision_date__isnull=False)),
                name="initiative_recognised_has_decision",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.search_name = fold(self.title)[:400]
        super().save(*args, **kwargs)

    @property
    def recognised(self) -> bool:
        return self.status == Status.RECOGNISED


class Author(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="initiative_authorships",
                               verbose_name="tác giả")
    share = models.DecimalField("tỷ lệ đóng góp (%)", max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        verbose_name = "tác giả sáng kiến"
        verbose_name_plural = "tác giả sáng kiến"
        ordering = ["-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="uniq_initiative_author")]

    def __str__(self) -> str:
        return f"{self.person} ({self.share}%)"


class Attachment(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="sang-kien/%Y/")
    name = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField("thời điểm tải lên")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


# Council scoring scale: 100 points (novelty 30, effectiveness 40, applicability 30).
MAX_NOVELTY, MAX_EFFECTIVENESS, MAX_APPLICABILITY = 30, 40, 30


class StatusChange(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("từ", max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField("sang", max_length=12, choices=Status.choices)
    at = models.DateTimeField("thời điểm")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "lịch sử trạng thái"
        verbose_name_plural = "lịch sử trạng thái"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
