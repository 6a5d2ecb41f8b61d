"""Demo data of the honour board: published stories of exemplary collectives and people of the
Kiên Giang campaign, with photos drawn here (no picture is fetched from anywhere), and one draft.

Idempotent: stories are looked up by slug. Run by `thidua demo` after the reports loader, so the
awarded units and people it tells about exist.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from thidua.awards.models import Award
from thidua.campaigns.models import Campaign, CampaignStatus
from thidua.core.text import fold
from thidua.org.models import Person, Unit
from thidua.public.models import Story, StoryKind, StoryStatus

KG_CODE = "KG-CCHC-2021-2025"
Log = Callable[[str], None]

COLLECTIVE_TEXT = (
    "{unit} là một trong những đơn vị dẫn đầu phong trào thi đua cải cách hành chính của tỉnh "
    "giai đoạn 2021 - 2025.\n"
    "Đơn vị đã sớm ban hành kế hoạch, đăng ký thi đua đầy đủ và đưa 100% thủ tục hành chính đủ "
    "điều kiện lên dịch vụ công trực tuyến; bộ phận một cửa được bố trí khoa học, thân thiện.\n"
    "Nhiều năm liền đơn vị được xếp loại xuất sắc Chỉ số CCHC, mức độ hài lòng của người dân "
    "luôn ở nhóm cao nhất tỉnh.")
INDIVIDUAL_TEXT = (
    "{person} công tác tại {unit}, trực tiếp làm công tác cải cách hành chính.\n"
    "Với tinh thần “lấy người dân làm trung tâm”, {person} đã đề xuất sáng kiến số hóa hồ sơ, "
    "kết quả giải quyết thủ tục hành chính, giúp rút ngắn thời gian trả kết quả và giảm giấy tờ "
    "cho người dân.\n"
    "Sáng kiến đã được công nhận và nhân rộng ra nhiều xã, phường trong tỉnh.")


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_public(seed=ctx.seed, log=ctx.log)


def photo(seed: int) -> bytes:
    """A simple drawn picture (a stylised office front) as a JPEG."""
    rng = np.random.default_rng(seed)
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (236, 242, 248))
    draw = ImageDraw.Draw(image)
    sky = tuple(int(v) for v in rng.integers(150, 220, size=3))
    draw.rectangle([0, 0, width, 430], fill=sky)  # type: ignore[arg-type]
    draw.rectangle([160, 220, 1040, 700], fill=(250, 246, 235), outline=(163, 18, 29), width=8)
    draw.polygon([(120, 230), (600, 90), (1080, 230)], fill=(163, 18, 29))
    for i in range(5):
        x = 220 + i * 165
        draw.rectangle([x, 300, x + 110, 420], fill=(11, 92, 173))
        draw.rectangle([x, 480, x + 110, 600], fill=(11, 92, 173))
    draw.rectangle([540, 520, 660, 700], fill=(120, 72, 40))
    draw.ellipse([560, 120, 640, 200], fill=(241, 179, 0))
    draw.rectangle([0, 700, width, height], fill=(90, 140, 80))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _subjects(campaign: Campaign) -> tuple[list[Unit], list[Person]]:
    awards = Award.objects.filter(campaign=campaign).select_related("unit", "person") \
        .order_by("-year", "id")
    units = list(dict.fromkeys(a.unit for a in awards if a.kind == "collective"))
    people = list(dict.fromkeys(a.person for a in awards if a.person is not None))
    if not units:
        units = [p.unit for p in campaign.participants.select_related("unit").order_by("unit__path")[:3]]
    if not people:
        people = list(Person.objects.filter(unit__in=units).order_by("sort_key")[:2])
    return units, people


@transaction.atomic
def load_demo_public(*, seed: int = 2025, log: Log = lambda _m: None) -> list[Story]:
    campaign = Campaign.objects.filter(code=KG_CODE).exclude(status=CampaignStatus.DRAFT).first()
    if campaign is None:
        log("  bỏ qua bảng vinh danh: chưa có phong trào Kiên Giang 2021-2025")
        return []
    if Story.objects.filter(campaign=campaign).exists():
        return []
    units, people = _subjects(campaign)
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    made: list[Story] = []

    def add(slug: str, title: str, kind: str, unit: Unit, person: Person | None, summary: str,
            body: str, year: int, published: bool = True) -> None:
        story = Story(slug=slug, title=title, kind=kind, unit=unit, person=person,
                      campaign=campaign, year=year, summary=summary, body=body,
                      photo_alt=f"Trụ sở {unit.name}",
                      status=StoryStatus.PUBLISHED if published else StoryStatus.DRAFT,
                      published_at=datetime(2025, 12, 20, 9, tzinfo=tz) if published else None)
        story.photo.save(f"{slug}.jpg", ContentFile(photo(seed + len(made))), save=False)
        story.full_clean()
        story.save()
        made.append(story)

    from django.utils.text import slugify


    for unit in units[:2]:
        add(slugify(fold(f"{unit.name} dan dau cai cach hanh chinh")), f"{unit.name}: dẫn đầu "
            "cải cách hành chính", StoryKind.COLLECTIVE, unit, None,
            f"{unit.name} nhiều năm liền xếp loại xuất sắc Chỉ số CCHC.",
            COLLECTIVE_TEXT.format(unit=unit.name), 2025)
    for person in people[:2]:
        unit = person.unit or units[0]
        add(slugify(fold(f"{person.full_name} so hoa ho so mot cua"))[:100],
            f"{person.full_name}: số hóa hồ sơ một cửa", StoryKind.INDIVIDUAL, unit, person,
            f"Sáng kiến của {person.full_name} giúp người dân nhận kết quả nhanh hơn.",
            INDIVIDUAL_TEXT.format(person=person.full_name, unit=unit.name), 2024)
    if units:
        add("ban-nhap-guong-dien-hinh-2026", "Bài viết đang soạn (chưa công bố)",
            StoryKind.COLLECTIVE, units[-1], None, "Bản nháp.", "Bản nháp chưa công bố.", 2025,
            published=False)
    log(f"  {len(made)} bài viết gương điển hình")
    return made
