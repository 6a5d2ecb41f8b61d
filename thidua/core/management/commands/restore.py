"""thidua restore IN.tar.gz --yes: replace the database and files with a backup."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp đính kèm từ bản sao lưu (ghi đè dữ liệu hiện có)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="tệp .tar.gz do lệnh backup tạo ra")
        parser.add_argument("--yes", action="store_true", help="xác nhận ghi đè dữ liệu hiện có")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Khôi phục sẽ ghi đè toàn bộ dữ liệu hiện có; thêm --yes để xác nhận.")
        try:
            manifest = backup_restore(Path(options["source"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục bản sao lưu tạo lúc {manifest.created} ({manifest.engine})."))
