"""thidua create_account USERNAME: an account made by an administrator, with an initial password
that its owner must change at the first login."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.org.models import Unit


class Command(BaseCommand):
    help = ("Tạo tài khoản với mật khẩu ban đầu ngẫu nhiên (in ra một lần); người dùng phải đổi "
            "mật khẩu ở lần đăng nhập đầu.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--email", default="", help="thư điện tử (để tự đặt lại mật khẩu)")
        parser.add_argument("--name", default="", help='họ và tên, ví dụ "Nguyễn Thị Lan"')
        parser.add_argument("--role", choices=[r.value for r in Role if r != Role.STAFF],
                            help="vai trò: " + ", ".join(f"{r.value} ({r.label})" for r in Role
                                                          if r != Role.STAFF))
        parser.add_argument("--unit", default="", help="mã đơn vị phạm vi của vai trò, ví dụ P1-X1")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise CommandError("Thiếu tên đăng nhập.")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Đã có tài khoản {username}.")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        if options["role"] and unit is None and options["role"] not in (Role.ADMIN, Role.OWNER):
            raise CommandError("Vai trò này cần --unit (mã đơn vị phạm vi).")
        last_name, _, first_name = options["name"].strip().rpartition(" ")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User(username=username, email=options["email"], first_name=first_name,
                        last_name=last_name, must_change_password=True)
            user.set_password(password)
            user.save()
            if options["role"]:
                RoleAssignment.objects.create(user=user, role=options["role"], unit=unit)
        self.stdout.write(f"Đã tạo tài khoản {username}. Mật khẩu ban đầu (chỉ hiện lần này): {password}")
        self.stdout.write("Người dùng phải đổi mật khẩu này ở lần đăng nhập đầu.")
