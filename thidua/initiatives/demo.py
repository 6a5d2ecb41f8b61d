"""Demo initiatives of Kiên Giang: a few at each status, with council scores and decisions, so the
list, the filters, the standards panel and the honour board have something to show.

Entry points: ``load(ctx)`` (registered in thidua.demo.registry) and ``load_demo_initiatives``.
Idempotent: nothing is added when a demo initiative already exists.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from thidua.accounts.models import User
from thidua.initiatives import services
from thidua.initiatives.models import Initiative
from thidua.org.models import Person, Unit

MARK = "Tra cứu tiến độ hồ sơ bằng mã QR trên phiếu hẹn"
# title, field, year, status, level
ITEMS: list[tuple[str, str, int, str, str]] = [
    (MARK, "thu_tuc", 2025, "recognised", "tinh"),
    ("Sổ tay điện tử hướng dẫn thủ tục đất đai cho người dân", "thu_tuc", 2024, "recognised", "huyen"),
    ("Lịch tiếp công dân trực tuyến và nhắc hẹn qua Zalo", "chinh_quyen_so", 2024, "recognised", "co_quan"),
    ("Chấm điểm công vụ hằng tháng bằng bảng tính dùng chung", "cong_vu", 2023, "recognised", "co_quan"),
    ("Số hoá kho lưu trữ hồ sơ hộ tịch 1990–2015", "chinh_quyen_so", 2025, "review", ""),
    ("Mô hình “Cà phê doanh nhân” đối thoại với doanh nghiệp", "chi_dao", 2025, "submitted", ""),
    ("Khoán chi văn phòng phẩm theo định mức", "tai_chinh_cong", 2025, "submitted", ""),
    ("Rà soát, gộp đầu mối phòng chuyên môn", "bo_may", 2024, "rejected", ""),
    ("Quy trình nội bộ liên thông một cấp giải quyết hồ sơ người có công", "the_che", 2023, "recognised",
     "tinh"),
]


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_initiatives(seed=ctx.seed, log=ctx.log)


@transaction.atomic
def load_demo_initiatives(*, seed: int = 2025, log: Callable[[str], None] = lambda _m: None) -> int:
    if Initiative.objects.filter(title=MARK).exists():
        return 0
    owner = User.objects.filter(username="noivu").first()
    council = User.objects.filter(username="hoidong").first()
    staff = User.objects.filter(username="canbo").select_related("person__unit").first()
    if owner is None or council is None or staff is None or staff.person is None or staff.person.unit is None:
        log("  bỏ qua sáng kiến: chưa có tài khoản mẫu noivu, hoidong, canbo")
        return 0
    rng = random.Random(seed)
    home: Unit = staff.person.unit
    province = "/" + home.path.strip("/").split("/")[0] + "/"
    others = list(Unit.objects.filter(path__startswith=province, people__isnull=False)
                  .exclude(pk=home.pk).distinct().order_by("code")[:40])
    made = 0
    for index, (title, field, year, status, level) in enumerate(ITEMS):
        if index == 0:
            unit, authors, actor = home, [staff.person], staff
        else:
            unit = home if index % 3 == 0 or not others else rng.choice(others)
            people = list(Person.objects.filter(unit=unit).order_by("code")[:30])
            authors = rng.sample(people, min(len(people), 1 + index % 2))
            actor = owner
        shares = [Decimal(100)] if len(authors) == 1 else [Decimal(60), Decimal(40)]
        initiative = services.initiative_submit(
            actor=actor, title=title, unit=unit, field=field, year=year,
            description=f"{title}: mô tả giải pháp, cách làm, các bước triển khai.",
            effect="Rút ngắn thời gian giải quyết công việc, giảm chi phí đi lại của người dân.",
            scope=f"Áp dụng tại {unit.name} và có thể nhân rộng.",
            authors=[services.AuthorShare(p, s) for p, s in zip(authors, shares, strict=True)])
        made += 1
        if status == "submitted":
            continue
        services.initiative_send_to_council(actor=owner, initiative=initiative)
        if status == "rejected":
            services.initiative_reject(actor=owner, initiative=initiative,
                                       reason="Chưa có tính mới so với quy định hiện hành.")
            continue
        services.initiative_score(actor=council, initiative=initiative, novelty=rng.randint(18, 30),
                                  effectiveness=rng.randint(25, 40), applicability=rng.randint(18, 30),
                                  comment="Giải pháp thiết thực.")
        if status == "recognised":
            services.initiative_recognise(
                actor=owner, initiative=initiative, level=level,
                decision_number=f"{100 + index}/QĐ-{'SNV' if level == 'tinh' else 'UBND'}",
                decision_date=date(year, 12, 10), decision_body="Sở Nội vụ" if level == "tinh" else unit.name,
                applied=index % 2 == 0)
    log(f"  sáng kiến: {made}")
    return made
