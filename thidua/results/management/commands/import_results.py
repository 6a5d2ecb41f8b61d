"""thidua import-results KIND FILE --scope CODE --year YYYY --user U [--replace]."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.access import Denied
from thidua.core.commands import resolve_actor
from thidua.core.spreadsheet import ImportRejected
from thidua.org.models import Unit
from thidua.results.imports import KINDS


class Command(BaseCommand):
    help = ("Nhập kết quả Chỉ số CCHC, xếp loại cán bộ, kỷ luật, sáng kiến hoặc giải thưởng của "
            "một năm từ Excel/CSV theo tệp mẫu (một dòng sai thì không nhập dòng nào).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help="loại dữ liệu")
        parser.add_argument("file", help="tệp .xlsx hoặc .csv theo mẫu")
        parser.add_argument("--scope", required=True,
                            help="mã cơ quan đánh giá / đơn vị phạm vi, vd. KGI")
        parser.add_argument("--year", type=int, required=True, help="năm của dữ liệu")
        parser.add_argument("--user", required=True, help="tên đăng nhập người thực hiện")
        parser.add_argument("--replace", action="store_true",
                            help="xoá các dòng của năm trong phạm vi mà tệp không có (ghi nhật ký); "
                                 "dòng có trong tệp luôn được cập nhật, dòng không đổi giữ nguyên")

    def handle(self, *args: Any, **options: Any) -> None:
        from auditlog.context import set_actor

        from thidua.results.services import results_import

        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}")
        actor = resolve_actor(options["user"])
        scope = Unit.objects.filter(code=options["scope"]).first()
        if scope is None:
            raise CommandError(f'Không có đơn vị mã "{options["scope"]}".')
        with set_actor(actor):
            try:
                summary = results_import(actor=actor, kind=options["kind"], scope=scope,
                                         year=options["year"], data=path.read_bytes(),
                                         filename=path.name, replace=options["replace"])
            except ImportRejected as rejected:
                for problem in rejected.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"Tệp bị từ chối ({len(rejected.problems)} lỗi); không có dữ "
                                   "liệu nào được lưu.") from None
            except Denied as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
