"""thidua reset_two_factor USERNAME: remove a user's authenticator app and recovery codes (a lost
phone without codes); the user sets up a new app at the next login."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import User


class Command(BaseCommand):
    help = "Xoá ứng dụng xác thực và mã dự phòng của một tài khoản (mất điện thoại, hết mã dự phòng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {options['username']}.")
        with transaction.atomic():
            apps, _ = TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Đã xoá {apps} ứng dụng xác thực và các mã dự phòng của {user.username}; "
                          "lần đăng nhập tới người dùng cài đặt lại.")
