"""Shared shape of the import/export commands of every app: read a file, act as a named user,
report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.models import User
from thidua.core.spreadsheet import ImportRejected


def resolve_actor(username: str | None) -> User:
    if not username:
        raise CommandError("Cần --user TÊN_ĐĂNG_NHẬP: thao tác được ghi nhật ký theo người thực hiện.")
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f'Không có tài khoản "{username}".') from None


class ImportCommand(BaseCommand):
    action: Any = None
    label = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp .xlsx hoặc .csv theo mẫu")
        parser.add_argument("--user", required=True, help="tên đăng nhập của người thực hiện")

    def handle(self, *args: Any, **options: Any) -> None:
        from auditlog.context import set_actor

        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}")
        actor = resolve_actor(options["user"])
        with set_actor(actor):
            try:
                summary = type(self).action(actor=actor, data=path.read_bytes(), filename=path.name)
            except ImportRejected as rejected:
                for problem in rejected.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"Tệp bị từ chối ({len(rejected.problems)} lỗi); không có dữ liệu nào được lưu."
                ) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
