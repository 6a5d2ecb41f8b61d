"""Signed papers, the verification of uploaded PDFs, and how signatures look per body and signer.

No key is ever stored here: keys live in a PKCS#12 file or on a PKCS#11 token (see backends.py).
A `SignedPaper` is frozen once written: its bytes are stored under their SHA-256, the row cannot
be saved again, and a paper changed after signing becomes a new version that must be signed again.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from thidua.org.models import Unit


class Kind(models.TextChoices):
    DECISION = "quyet-dinh", "Quyết định khen thưởng"
    CERTIFICATE = "bang-khen", "Bằng khen, giấy khen"
    MINUTES = "bien-ban", "Biên bản họp Hội đồng"
    PROPOSAL = "to-trinh", "Tờ trình đề nghị khen thưởng"


def signed_upload_to(instance: SignedPaper, filename: str) -> str:
    return f"ky-so/{instance.kind}/{instance.object_id}/{instance.sha256}.pdf"


class SignedPaper(models.Model):
    """One signed version of a paper (a decision, a certificate, minutes, a tờ trình)."""

    kind = models.CharField("loại văn bản", max_length=16, choices=Kind.choices)
    object_id = models.PositiveIntegerField("mã văn bản")
    version = models.PositiveSmallIntegerField("lần ký")
    title = models.CharField("văn bản", max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name="cơ quan ký")
    file = models.FileField("bản đã ký", upload_to=signed_upload_to, max_length=255)
    sha256 = models.CharField("mã băm SHA-256 (bản đã ký)", max_length=64)
    size = models.PositiveIntegerField("dung lượng (byte)")
    source_sha256 = models.CharField("mã băm SHA-256 (bản trước khi ký)", max_length=64)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name="người ký")
    signer_name = models.CharField("người ký", max_length=200)
    certificate_subject = models.CharField("chủ thể chứng thư số", max_length=500)
    certificate_issuer = models.CharField("tổ chức cấp chứng thư số", max_length=500)
    certificate_serial = models.CharField("số hiệu chứng thư số", max_length=100)
    certificate_fingerprint = models.CharField("vân tay SHA-256 chứng thư số", max_length=64)
    level = models.CharField("mức chữ ký PAdES", max_length=8)  # B-B or B-T
    signed_at = models.DateTimeField("thời gian ký")

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["kind", "object_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "version"],
                                    name="uniq_signed_paper_version"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.title} (ký lần {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Frozen: a signed paper is written once; a change is a new version, signed again.
        if self.pk is not None:
            raise ValidationError("Văn bản đã ký số không được sửa; thay đổi phải tạo bản mới "
                                  "và ký lại.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("Văn bản đã ký số không được xóa.")


class VerificationStatus(models.TextChoices):
    VALID = "valid", "Đã ký số hợp lệ"
    INVALID = "invalid", "Chữ ký không hợp lệ"
    UNSIGNED = "unsigned", "Chưa ký số"
    UNREADABLE = "unreadable", "Không đọc được tệp PDF"


class PaperVerification(models.Model):
    """The check of one uploaded PDF (a dossier paper), made when it was uploaded."""

    subject = models.CharField("tệp được kiểm tra", max_length=80, db_index=True)  # "awards.file:12"
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    status = models.CharField("kết quả", max_length=12, choices=VerificationStatus.choices)
    signer_name = models.CharField("người ký", max_length=200, blank=True)
    signed_at = models.DateTimeField("thời gian ký", null=True, blank=True)
    certificate_issuer = models.CharField("tổ chức cấp chứng thư số", max_length=500, blank=True)
    signatures = models.PositiveSmallIntegerField("số chữ ký", default=0)
    problems = models.TextField("vấn đề", blank=True)  # one per line, Vietnamese
    revocation_checked = models.BooleanField("đã kiểm tra thu hồi", default=False)
    checked_at = models.DateTimeField("thời điểm kiểm tra", auto_now_add=True)

    class Meta:
        verbose_name = "kết quả kiểm tra chữ ký số"
        verbose_name_plural = "kết quả kiểm tra chữ ký số"
        ordering = ["subject", "-checked_at", "-id"]

    def __str__(self) -> str:
        return self.summary

    @property
    def problem_list(self) -> list[str]:
        return [line for line in self.problems.splitlines() if line.strip()]

    @property
    def summary(self) -> str:
        from django.utils import timezone

        if self.status == VerificationStatus.VALID:
            when = timezone.localtime(self.signed_at).strftime("%H:%M ngày %d/%m/%Y") \
                if self.signed_at else "không rõ thời gian"
            return f"Đã ký số hợp lệ — Ký bởi {self.signer_name}, lúc {when}"
        if self.status == VerificationStatus.INVALID:
            return "Chữ ký không hợp lệ: " + " ".join(self.problem_list)
        return self.get_status_display()


class BodyAppearance(models.Model):
    """How a body's signature box looks and where it stands (Decree 30/2020, Appendix I)."""

    class Page(models.IntegerChoices):
        FIRST = 0, "Trang đầu"
        LAST = -1, "Trang cuối"

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="signing_appearance",
                                verbose_name="cơ quan")
    display_name = models.CharField("tên cơ quan trên chữ ký", max_length=200,
                                    help_text="Ví dụ: Ủy ban nhân dân tỉnh Kiên Giang")
    location = models.CharField("địa danh", max_length=100, blank=True)
    page = models.SmallIntegerField("trang đặt chữ ký", choices=Page.choices, default=Page.LAST)
    x = models.PositiveSmallIntegerField("cách mép trái (điểm)", default=300)
    y = models.PositiveSmallIntegerField("cách mép dưới (điểm)", default=90)
    width = models.PositiveSmallIntegerField("rộng (điểm)", default=240)
    height = models.PositiveSmallIntegerField("cao (điểm)", default=80)
    seal_image = models.FileField("ảnh dấu (PNG nền trong suốt)", upload_to="ky-so/dau/",
                                  blank=True, max_length=255)

    class Meta:
        verbose_name = "cách hiển thị chữ ký số của cơ quan"
        verbose_name_plural = "cách hiển thị chữ ký số của cơ quan"

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        if self.x + self.width > 595 or self.y + self.height > 842:
            raise ValidationError("Ô chữ ký vượt ra ngoài trang A4 (595 × 842 điểm).")
        if self.width < 80 or self.height < 40:
            raise ValidationError("Ô chữ ký quá nhỏ (tối thiểu 80 × 40 điểm).")


class SignerProfile(models.Model):
    """A signer's name on signatures, their handwritten-signature image and key label."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="signing_profile")
    display_name = models.CharField("họ và tên trên chữ ký", max_length=200)
    key_label = models.CharField(
        "nhãn khóa", max_length=100, blank=True,
        help_text="Tên tệp .p12 (không có đuôi) hoặc nhãn khóa trên thiết bị ký số; để trống: "
                  "tên đăng nhập.")
    signature_image = models.FileField("ảnh chữ ký (PNG nền trong suốt)",
                                       upload_to="ky-so/chu-ky/", blank=True, max_length=255)

    class Meta:
        verbose_name = "người ký số"
        verbose_name_plural = "người ký số"

    def __str__(self) -> str:
        return self.display_name
