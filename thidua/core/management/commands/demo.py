"""`manage.py demo`: load the seeded demo organisation, people and logins, then other apps' demos."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings

from thidua.core.text import vn_duration
from thidua.demo import loader, registry
from thidua.demo.organisation import DEFAULT_SEED, generate_organisation
from thidua.demo.people import iter_people
from thidua.demo.sizes import SIZES


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: tỉnh Kiên Giang và các tỉnh khác, cán bộ, sắp xếp 01/7/2025, tài khoản."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", choices=list(SIZES), default="demo",
            help="tiny: kiểm thử; demo: ~600 đơn vị, 3.000 người (mặc định); "
                 "province: ~1.200 đơn vị, 50.000 người; national: 34 tỉnh, 2,5 triệu người",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=f"hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED})")
        parser.add_argument("--reset", action="store_true",
                            help="xóa toàn bộ dữ liệu nghiệp vụ (đơn vị, cán bộ, phong trào…) trước khi nạp; "
                                 "tài khoản giữ nguyên")

    def handle(self, *args: Any, size: str, seed: int, reset: bool, **options: Any) -> None:
        spec = SIZES[size]
        say = self.stdout.write
        if reset:
            say(self.style.WARNING("Xóa dữ liệu nghiệp vụ hiện có…"))
            loader.wipe_domain_data(log=say)

        created = not loader.demo_exists()
        if created:
            say(f"Tạo dữ liệu mẫu cỡ {spec.name} ({spec.label}), seed {seed}…")
            started = time.perf_counter()
            org = generate_organisation(spec, seed)
            report = loader.load_organisation(org, iter_people(org), log=say)
            counts = report.counts
            say(self.style.SUCCESS(
                f"Đã nạp {loader.as_text(counts['units'])} đơn vị, "
                f"{loader.as_text(counts.get('people', 0))} cán bộ, "
                f"{loader.as_text(counts.get('memberships', 0))} quá trình công tác, "
                f"{loader.as_text(counts['lineage_events'])} sự kiện sắp xếp "
                f"trong {vn_duration(round(time.perf_counter() - started, 1))}."))
        else:
            say(f"Dữ liệu mẫu về tổ chức đã có (đơn vị {loader.MARKER_CODE}): giữ nguyên. "
                "Dùng --reset để xóa và nạp lại.")

        say("Tài khoản mẫu…")
        logins = loader.ensure_demo_users(log=say)

        context = registry.DemoContext(size=size, seed=seed, log=say, created=created)
        # The demo's people have made-up addresses: its flows notify in the product, never by mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for entry in registry.entries():
                say(f"Dữ liệu mẫu: {entry.name}…")
                entry.resolve()(context)

        say("")
        say(self.style.SUCCESS(f"Tài khoản mẫu (mật khẩu chung: {loader.DEMO_PASSWORD}):"))
        width = max((len(login.username) for login, _ in logins), default=0)
        for login, scope in logins:
            line = f"  {login.username:<{width}}  {login.description}"
            say(f"{line} – {scope}" if scope else line)
