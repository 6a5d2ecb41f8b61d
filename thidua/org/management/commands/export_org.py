"""thidua export-org --what units|people --user U OUT.xlsx: the same columns as the templates."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.accounts.access import visible_units
from thidua.core.commands import resolve_actor
from thidua.core.spreadsheet import template_xlsx, write_xlsx
from thidua.org import selectors, services


class Command(BaseCommand):
    help = "Xuất đơn vị hoặc cán bộ (trong phạm vi của người dùng) ra Excel, hoặc tệp mẫu nhập."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="đường dẫn tệp .xlsx sẽ ghi")
        parser.add_argument("--what", choices=["units", "people"], default="units")
        parser.add_argument("--user", required=True, help="tên đăng nhập (quyết định phạm vi)")
        parser.add_argument("--template", action="store_true", help="chỉ ghi tệp mẫu để nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = resolve_actor(options["user"])
        units = options["what"] == "units"
        columns = services.UNIT_COLUMNS if units else services.PERSON_COLUMNS
        if options["template"]:
            data = template_xlsx(columns, title="Mẫu nhập", options=services.import_options(
                "don-vi" if units else "can-bo"))
            count = 0
        elif units:
            qs = visible_units(actor).select_related("category", "parent").order_by("path")
            rows = [[u.code, u.name, u.get_kind_display(), u.category.name,
                     u.parent.code if u.parent else "",
                     u.active_from, u.active_to] for u in qs]
            data, count = write_xlsx(columns, rows, title="Đơn vị"), len(rows)
        else:
            people = selectors.people_list(actor)
            rows = [[p.code, p.full_name, p.get_gender_display(), p.birth_date, p.position,
                     p.email, p.unit.code if p.unit else "", None] for p in people.iterator(2000)]
            data, count = write_xlsx(columns, rows, title="Cán bộ"), len(rows)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {count} dòng vào {options['out']}."))
