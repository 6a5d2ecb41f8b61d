"""thidua reform-report: what still sits on units a reorganisation ended (nothing orphaned)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from thidua.accounts.selectors import assignments_on_ended_units
from thidua.campaigns.selectors import campaign_issuer_on, campaigns_of_ended_issuers
from thidua.org.selectors import open_memberships_on_ended_units


class Command(BaseCommand):
    help = ("Báo cáo những gì còn gắn với đơn vị đã kết thúc hoạt động: cán bộ, phân quyền tài "
            "khoản, phong trào (và đơn vị đang chủ trì thay).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chi-tiet", action="store_true", dest="detail",
                            help="liệt kê từng người, từng tài khoản")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        out = self.stdout.write
        memberships = open_memberships_on_ended_units(today)
        assignments = assignments_on_ended_units(day=today)
        out(f"Báo cáo ngày {today:%d/%m/%Y}: những gì còn gắn với đơn vị đã kết thúc hoạt động")
        out(f"- Cán bộ còn tính ở đơn vị đã kết thúc: {memberships.count()} "
            "(chuyển bằng «thidua follow-lineage» hoặc «thidua import-people»)")
        if options["detail"]:
            for m in memberships:
                out(f"    {m.person.code}  {m.person.full_name}  —  {m.unit.name} ({m.unit.code})")
        out(f"- Tài khoản còn phân quyền trên đơn vị đã kết thúc: {assignments.count()} "
            "(người dùng chọn đơn vị kế thừa ở trang «Đơn vị kế thừa»)")
        if options["detail"]:
            for a in assignments:
                unit = a.unit
                out(f"    {a.user.username}  {a.get_role_display()}  —  "
                    f"{unit.name if unit else ''} ({unit.code if unit else ''})")
        campaigns = campaigns_of_ended_issuers(today)
        out(f"- Phong trào có đơn vị ban hành đã kết thúc: {len(campaigns)}")
        for campaign in campaigns:
            runner = campaign_issuer_on(campaign, today)
            who = (f"do {runner.name} ({runner.code}) chủ trì tiếp" if runner.pk != campaign.issuer_id
                   else "không có đơn vị kế thừa: cần quản trị hệ thống giao đơn vị chủ trì")
            out(f"    {campaign.code}: {campaign.issuer.name} ({campaign.issuer.code}) — {who}")
