"""thidua send-notices: the morning job run by hand (reminders before deadlines, work that
appeared by a date passing, contest rounds opening today, digests)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.notices.services import arrivals_send, digests_send, reminders_send, rounds_opening_send


class Command(BaseCommand):
    help = ("Gửi nhắc hạn tự động (theo số ngày trước hạn của từng phong trào), thông báo việc mới "
            "phát sinh khi đến hạn (đơn vị chậm kế hoạch, vòng thi chờ trao giải, kết quả cần "
            "nhập), vòng thi mở trong ngày (cho công chức, viên chức các đơn vị dự thi) "
            "và thư tổng hợp thông báo hằng ngày. Chạy lại trong ngày không gửi trùng.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", dest="day", default="",
                            help="Coi hôm nay là ngày này (định dạng NNNN-TT-NN), để chạy bù.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["day"]:
            try:
                today = date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError(f"Ngày “{options['day']}” không đúng định dạng NNNN-TT-NN "
                                   "(ví dụ 2026-03-23).") from None
        reminders = reminders_send(today=today)
        arrivals = arrivals_send(today=today)
        rounds = rounds_opening_send(today=today)
        digests = digests_send(today=today)
        self.stdout.write(f"Đã gửi {reminders} lượt nhắc hạn, {arrivals} thông báo việc mới, "
                          f"thông báo mở {rounds} vòng thi và {digests} thư tổng hợp.")
