"""Demo writing contest of 003 §III.2.2: "Cuộc thi viết tìm kiếm sáng kiến cải cách hành chính"
organised by the Home Affairs department (Sở Nội vụ) of Kiên Giang in 2025, with entries from
Ban Dân tộc staff (and a few from other departments), a panel of four judges — one of them works at
the Ban Dân tộc and is recused from its entries automatically — two rounds (sơ khảo → chung khảo)
and published prizes. The first prize goes to a Ban Dân tộc author, who is then eligible for the
individual standard BDT-A-IND in 2025. A 2026 round of the contest is open for entries.
Entry points: ``load(ctx)`` (thidua.demo.registry) and ``load_demo_writing``. Idempotent.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.judging import services as judging
from thidua.org.models import Person, Unit
from thidua.org.selectors import successors_on
from thidua.writing import services
from thidua.writing.models import Entry, WritingContest

REFORM_DAY = date(2025, 7, 1)  # provinces merged, districts ended (DOMAIN.md §7)
CODE = "viet-sang-kien"  # the contest code the Ban Dân tộc standard reads (BDT-A-IND)
PASSWORD = "demo12345"  # noqa: S105 - printed on purpose: demo logins only
TITLES = [
    "Số hóa hồ sơ chính sách dân tộc: tra cứu một lần, dùng nhiều lần",
    "Tổ công tác lưu động hỗ trợ đồng bào vùng sâu làm thủ tục trực tuyến",
    "Bảng theo dõi tiến độ giải quyết hồ sơ công khai tại bộ phận một cửa",
    "Ứng dụng tin nhắn Zalo OA nhắc hạn trả kết quả cho người dân",
    "Chuẩn hóa quy trình nội bộ cấp giấy xác nhận người có uy tín",
    "Thư viện mẫu văn bản điện tử dùng chung của cơ quan",
    "Họp không giấy: tiết kiệm chi phí và thời gian của cơ quan",
    "Một phiếu khảo sát sự hài lòng gọn cho cả năm thủ tục",
    "Đào tạo kỹ năng số cho công chức lớn tuổi theo cặp kèm cặp",
    "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực",
]
PARAGRAPH = ("Thực trạng: người dân vùng đồng bào dân tộc thiểu số phải đi lại nhiều lần để bổ sung "
             "hồ sơ. Giải pháp: {title_lower}. Cách làm: xây dựng quy trình, phân công người phụ "
             "trách, áp dụng thử tại một đơn vị trong ba tháng rồi nhân rộng. Hiệu quả: giảm thời gian "
             "giải quyết hồ sơ, giảm chi phí đi lại của người dân, tăng mức độ hài lòng.")


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_writing(seed=ctx.seed, log=ctx.log)


def _local(year: int, month: int, day: int, hour: int = 17) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, month, day), time(hour)))


def _judge(username: str, person: Person | None, first: str, last: str, password: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, password=password,
                    email=f"{username}@thidua.example")
        if person is not None and not User.objects.filter(person=person).exists():
            user.person = person
            user.last_name, _, user.first_name = person.full_name.rpartition(" ")
        user.save()
    return user


def _ban_dan_toc(province: Unit) -> Unit | None:
    """The province's Ban Dân tộc — after the 2025 reform the department that carries it on
    (Kiên Giang's Ban Dân tộc became part of An Giang's Sở Dân tộc và Tôn giáo on 1/7/2025)."""
    own = Unit.objects.filter(code=f"{province.code}-BDT").first()
    if own is not None:
        return own
    merged = Unit.objects.filter(code__endswith="-BDT",
                                 successor_links__successor__path__startswith=province.path)
    for old in merged.order_by("code"):
        for unit in successors_on(old, REFORM_DAY):
            return unit
    return None


@transaction.atomic
def load_demo_writing(*, seed: int = 2025, log: Callable[[str], None] = lambda _m: None
                      ) -> WritingContest | None:
    if WritingContest.objects.filter(code=CODE).exists():
        return None
    owner = User.objects.filter(username="noivu").first()
    council = User.objects.filter(username="hoidong").first()
    role = owner.role_assignments.filter(role="owner").select_related("unit").first() if owner else None
    if owner is None or council is None or role is None or role.unit is None:
        log("  bỏ qua cuộc thi viết: chưa có tài khoản mẫu noivu, hoidong")
        return None
    province = role.unit
    snv = Unit.objects.filter(code=f"{province.code}-SNV").first() or province
    bdt = _ban_dan_toc(province)
    if bdt is None:
        log("  bỏ qua cuộc thi viết: không có Ban Dân tộc")
        return None
    rng = random.Random(seed)
    bdt_people = list(Person.objects.filter(unit__path__startswith=bdt.path).order_by("code")[:7])
    others = list(Person.objects.filter(unit__path__startswith=province.path, unit__kind="department")
                  .exclude(unit__path__startswith=bdt.path).exclude(unit=snv).order_by("code")[:3])
    snv_people = list(Person.objects.filter(unit=snv).order_by("code")[:2])
    if len(bdt_people) < 4:
        log("  bỏ qua cuộc thi viết: Ban Dân tộc có quá ít cán bộ")
        return None
    password = make_password(PASSWORD)
    judges = [council,
              _judge("giamkhao1", snv_people[0] if snv_people else None, "Thành", "Lê Văn", password),
              _judge("giamkhao2", snv_people[1] if len(snv_people) > 1 else None, "Hoa", "Trần Thị",
                     password),
              # Works at the Ban Dân tộc: recused from its entries automatically.
              _judge("giamkhao3", bdt_people[-1], "Sơn", "Kiên", password)]
    authors = bdt_people[:-1] + others
    contest = services.contest_create(
        actor=owner, code=CODE, organiser=snv, scope=province,
        title="Cuộc thi viết tìm kiếm sáng kiến cải cách hành chính năm 2025",
        rules=("Đối tượng: cán bộ, công chức, viên chức, người lao động các cơ quan, đơn vị trong tỉnh.\n"
               "Mỗi tác giả (hoặc nhóm tác giả) gửi một bài viết về một giải pháp, sáng kiến cải cách "
               "hành chính đã hoặc có thể áp dụng, dài không quá 5.000 chữ; được đính kèm tài liệu "
               "minh họa. Bài được mã hóa trước khi chấm; giám khảo cùng đơn vị với tác giả không chấm "
               "bài đó. Vòng sơ khảo chọn một nửa số bài có điểm cao nhất vào vòng chung khảo."),
        opens_at=_local(2025, 6, 2, 7), closes_at=_local(2025, 8, 29),
        topics=["Cải cách thủ tục hành chính, một cửa, một cửa liên thông",
                "Chuyển đổi số, chính quyền điện tử",
                "Cải cách chế độ công vụ, nâng cao chất lượng phục vụ người dân"],
        judges=judges, min_scores=3,
        stages=[judging.StageSpec("Sơ khảo", advance_share=Decimal(50)), judging.StageSpec("Chung khảo")])
    contest.prize_first, contest.prize_second, contest.prize_third, contest.prize_consolation = 1, 1, 1, 2
    contest.save()
    topics = list(contest.topics.all())
    for i, person in enumerate(authors):
        user = User.objects.filter(person=person).first() or _judge(
            f"tacgia{i + 1}", person, "", "", password)
        when = _local(2025, 6, 10, 9) + timedelta(days=5 * i, minutes=rng.randint(0, 600))
        title = TITLES[i % len(TITLES)]
        co = [services.Share(bdt_people[i + 1], Decimal(30))] if i == 1 else []
        entry = services.entry_submit(actor=user, contest=contest, topic=topics[i % len(topics)],
                                      title=title, text="\n\n".join([PARAGRAPH.format(
                                          title_lower=title[:1].lower() + title[1:])] * 3),
                                      coauthors=co, now=when)
        Entry.objects.filter(pk=entry.pk).update(submitted_at=when, updated_at=when)
        entry.judging_entry.__class__.objects.filter(pk=entry.judging_entry_id).update(submitted_at=when)
    # Quality: the first Ban Dân tộc author writes the best entry; the rest is random.
    quality = {e.pk: (0.93 if e.author_id == bdt_people[0].pk else rng.uniform(0.55, 0.85))
               for e in Entry.objects.filter(contest=contest)}
    criteria = list(contest.panel.criteria.all())
    for stage in contest.panel.stages.order_by("number"):
        for judge in contest.panel.judges.all():
            bias = rng.uniform(-0.05, 0.05)
            for entry in Entry.objects.filter(contest=contest,
                                              judging_entry__stage_reached__gte=stage.number):
                if entry.judging_entry.declarations.filter(judge=judge, conflict=True).exists():
                    continue
                values = {c.pk: min(c.high, max(c.low, (c.high * Decimal(
                    quality[entry.pk] + bias + rng.uniform(-0.04, 0.04))).quantize(Decimal("0.5"))))
                    for c in criteria}
                judging.sheet_save(judge=judge, stage=stage, entry=entry.judging_entry, values=values,
                                   no_conflict=True, comment="Giải pháp rõ ràng, có số liệu minh chứng."
                                   if quality[entry.pk] > 0.8 else "")
        judging.stage_close(stage=stage)
    services.contest_publish(actor=owner, contest=contest, decision_number="215/QĐ-SNV",
                             decision_date=_local(2025, 10, 15).date(), signer_title="Giám đốc",
                             signer_name="Nguyễn Văn Bình")
    contest.refresh_from_db()
    log(f"  cuộc thi viết 2025: {len(authors)} bài, {contest.prizes.count()} giải")
    # This year's round of the contest, open for entries (the demo staff can enter it).
    now = timezone.now().replace(microsecond=0)
    services.contest_create(
        actor=owner, code=CODE, organiser=snv, scope=province,
        title=f"Cuộc thi viết tìm kiếm sáng kiến cải cách hành chính năm {timezone.localdate().year}",
        rules=contest.rules, opens_at=now - timedelta(days=7), closes_at=now + timedelta(days=21),
        topics=[t.title for t in topics], judges=judges, min_scores=3)
    return contest
