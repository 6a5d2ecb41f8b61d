"""thidua contests-grade: grade submitted and timed-out attempts (safe to run from many workers)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.contests.services import grade_pending


class Command(BaseCommand):
    help = ("Chấm các lượt thi đã nộp hoặc đã hết giờ (chấm theo câu đã lưu). Nhiều tiến trình chạy "
            "cùng lúc vẫn an toàn: mỗi lượt chỉ được một tiến trình nhận chấm.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--vong", type=int, help="chỉ chấm một vòng thi (mã số)")
        parser.add_argument("--lap", type=float, default=0,
                            help="chạy lặp, nghỉ số giây này giữa hai lần (0: chạy một lần)")
        parser.add_argument("--so-lan", type=int, default=0, help="số lần lặp tối đa (0: không giới hạn)")

    def handle(self, *args: Any, **options: Any) -> None:
        rounds = 0
        while True:
            graded = grade_pending(round_id=options.get("vong"))
            self.stdout.write(f"Đã chấm {graded} lượt thi.")
            rounds += 1
            if not options["lap"] or (options["so_lan"] and rounds >= options["so_lan"]):
                return
            time.sleep(options["lap"])
