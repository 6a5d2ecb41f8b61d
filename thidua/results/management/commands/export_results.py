"""thidua export-results KIND OUT.xlsx --scope CODE --year YYYY --user U [--template]."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.access import Denied, access_unit
from thidua.core.commands import resolve_actor
from thidua.core.spreadsheet import template_xlsx, write_xlsx
from thidua.org.models import Unit
from thidua.results.imports import KINDS


class Command(BaseCommand):
    help = ("Xuất kết quả, xếp loại, kỷ luật, sáng kiến hoặc giải thưởng của một năm ra Excel "
            "theo đúng tệp mẫu nhập (hoặc chỉ tệp mẫu của năm với --template).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help="loại dữ liệu")
        parser.add_argument("out", help="đường dẫn tệp .xlsx sẽ ghi")
        parser.add_argument("--scope", required=True, help="mã đơn vị phạm vi, vd. KGI")
        parser.add_argument("--year", type=int, required=True, help="năm của dữ liệu")
        parser.add_argument("--user", required=True, help="tên đăng nhập (quyết định phạm vi)")
        parser.add_argument("--template", action="store_true",
                            help="ghi tệp mẫu của năm (có sẵn danh sách đơn vị/cán bộ)")

    def handle(self, *args: Any, **options: Any) -> None:
        from thidua.results import services

        actor = resolve_actor(options["user"])
        scope = Unit.objects.filter(code=options["scope"]).first()
        if scope is None:
            raise CommandError(f'Không có đơn vị mã "{options["scope"]}".')
        try:
            access_unit(actor, scope)
        except Denied as exc:
            raise CommandError(str(exc)) from None
        spec, year = KINDS[options["kind"]], options["year"]
        title = f"{spec.label[:20]} {year}"
        if options["template"]:
            rows = services.template_rows(kind=spec.slug, year=year, scope=scope)
            note = services.template_note(kind=spec.slug, year=year, scope=scope)
            data = template_xlsx(spec.columns, rows=rows, title=title, note=note)
        else:
            rows = services.export_rows(actor=actor, kind=spec.slug, year=year, scope=scope)
            data = write_xlsx(spec.columns, rows, title=title)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {len(rows)} dòng vào {options['out']}."))
