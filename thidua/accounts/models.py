"""Accounts: users, their role assignments scoped to a unit subtree."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OWNER = "owner", "Cơ quan chủ trì (Nội vụ)"
    OFFICER = "officer", "Cán bộ thi đua đơn vị"
    COUNCIL = "council", "Thành viên Hội đồng TĐKT"
    SIGNER = "signer", "Người ký (Chủ tịch, Thủ trưởng)"
    STAFF = "staff", "Cán bộ, công chức, viên chức"


class User(AbstractUser):
    """A login. Its person (if any) links it to the organisation as a staff member."""

    person = models.OneToOneField(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user",
        verbose_name="cán bộ",
    )
    # Set for an account whose password someone else chose (an administrator, an import): the
    # AccountSecurityMiddleware sends its owner to the password change page until they pick their own.
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def get_full_name(self) -> str:
        """Vietnamese order: họ và tên đệm (last_name) then tên (first_name)."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()


class RoleAssignment(models.Model):
    """A role held over a unit and its subtree (for an owner: the whole province)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name="phạm vi đơn vị",
    )

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="uniq_role_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit or 'toàn hệ thống'}"
