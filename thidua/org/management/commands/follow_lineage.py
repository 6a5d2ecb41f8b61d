"""thidua follow-lineage --user U: move people still counted on ended units to their successor."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from thidua.core.commands import resolve_actor
from thidua.org.services import memberships_follow_lineage


class Command(BaseCommand):
    help = ("Chuyển quá trình công tác còn mở trên đơn vị đã kết thúc hoạt động sang đơn vị kế "
            "thừa duy nhất theo sự kiện sắp xếp; liệt kê các trường hợp cần nhập bằng tệp.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="tên đăng nhập của người thực hiện")

    def handle(self, *args: Any, **options: Any) -> None:
        from auditlog.context import set_actor

        actor = resolve_actor(options["user"])
        with set_actor(actor):
            result = memberships_follow_lineage(actor=actor, day=timezone.localdate())
        self.stdout.write(f"Đã chuyển {result.moved} người sang đơn vị kế thừa.")
        if result.undecided:
            self.stdout.write(
                f"{len(result.undecided)} người ở đơn vị giải thể hoặc chia tách, sắp xếp không "
                "xác định được đơn vị mới; hãy nhập bằng «thidua import-people» (cột đơn vị và "
                "ngày bắt đầu):")
            for m in result.undecided:
                self.stdout.write(f"  {m.person.code}  {m.person.full_name}  —  {m.unit.name} "
                                  f"({m.unit.code}), hoạt động đến {m.unit.active_to:%d/%m/%Y}")
