"""Reviews of a campaign: the mid-term review ("sơ kết") and the final review ("tổng kết").

The figures of a review are never stored: they are computed from the data each time
(`thidua.reports.selectors.review_figures`), so the report always reconciles with the records.
A Review row keeps only what people write: the header of the report (number, place, date), its
assessment (achievements, shortcomings, lessons), the directions, and who signs it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from thidua.campaigns.models import Campaign


class ReviewKind(models.TextChoices):
    MID_TERM = "mid_term", "Sơ kết"
    FINAL = "final", "Tổng kết"


# URL slugs of the two kinds (/bao-cao/<campaign>/so-ket/, /tong-ket/).
KIND_SLUGS: dict[str, str] = {"so-ket": ReviewKind.MID_TERM, "tong-ket": ReviewKind.FINAL}
SLUG_OF_KIND: dict[str, str] = {kind: slug for slug, kind in KIND_SLUGS.items()}


class Review(models.Model):
    """What people write in a campaign's mid-term or final review report."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reviews",
                                 verbose_name="phong trào")
    kind = models.CharField("loại", max_length=10, choices=ReviewKind.choices)
    last_year = models.PositiveSmallIntegerField(
        "số liệu đến hết năm",
        help_text="Sơ kết: năm giữa giai đoạn (vd. 2023); tổng kết: năm cuối của phong trào.")
    number_symbol = models.CharField("số, ký hiệu", max_length=60, blank=True,
                                     help_text="Ví dụ: 215/BC-UBND; để trống số khi chưa ban hành.")
    place = models.CharField("địa danh", max_length=120, blank=True)
    issued_on = models.DateField("ngày báo cáo", null=True, blank=True)
    achievements = models.TextField("kết quả nổi bật", blank=True)
    shortcomings = models.TextField("tồn tại, hạn chế", blank=True)
    lessons = models.TextField("bài học kinh nghiệm", blank=True)
    directions = models.TextField("phương hướng, nhiệm vụ thời gian tới", blank=True)
    signer_capacity = models.CharField("thẩm quyền ký", max_length=120, blank=True,
                                       help_text="Ví dụ: TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH")
    signer_title = models.CharField("chức vụ người ký", max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo sơ kết, tổng kết"
        verbose_name_plural = "báo cáo sơ kết, tổng kết"
        ordering = ["campaign", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="uniq_review_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.campaign.code}"

    @property
    def slug(self) -> str:
        return SLUG_OF_KIND[self.kind]

    def clean(self) -> None:
        campaign = self.campaign if self.campaign_id else None
        if campaign is not None and self.last_year and not (
                campaign.period_start.year <= self.last_year <= campaign.period_end.year):
            raise ValidationError({"last_year": (
                f"Năm phải trong thời gian thi đua ({campaign.period_start.year}–"
                f"{campaign.period_end.year}).")})


def default_last_year(campaign: Campaign, kind: str) -> int:
    """Final review: the last year of the period; mid-term: its middle year (2021–2025 → 2023)."""
    first, last = campaign.period_start.year, campaign.period_end.year
    return last if kind == ReviewKind.FINAL else first + (last - first) // 2
