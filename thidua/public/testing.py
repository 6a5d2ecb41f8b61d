"""The honour board's test world: the reports campaign, plus things that must never be public."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.org.models import Person, Unit, UnitKind
from thidua.public.models import Story, StoryStatus

# Names that exist only in unpublished data: none may appear on any public page.
SECRETS = ("Võ Thị Bí Mật", "Xã Chưa Công Bố", "Bản nháp không được lộ", "Sáng kiến đang chờ xét",
           "Đinh Văn Dự Thảo")


def published_story(world: Any, campaign: Any = None, **extra: Any) -> Story:
    values: dict[str, Any] = {
        "slug": "nguyen-thi-lan-mot-cua-so", "title": "Nguyễn Thị Lan và bộ phận một cửa số",
        "kind": "individual", "unit": world.units["X1"], "person": world.people["p_x1"],
        "campaign": campaign, "year": 2022,
        "summary": "Người cán bộ một cửa đưa 100% hồ sơ lên môi trường số.",
        "body": "Chị Lan đã đề xuất sáng kiến Một cửa số.\nNhờ đó thời gian giải quyết hồ sơ giảm.",
        "status": StoryStatus.PUBLISHED, "published_at": timezone.now()}
    values.update(extra)
    return Story.objects.create(**values)


def honour_world(world: Any) -> Any:
    """The reports campaign with its published data, and a set of unpublished secrets."""
    from thidua.awards.models import Award, AwardDecision, Dossier, Nomination
    from thidua.initiatives.testing import make_initiative
    from thidua.reports.testing import populate, review_campaign
    from thidua.results.models import AnnualResult, ResultRound

    campaign = populate(world, review_campaign(world))
    u = world.units
    secret_person = Person.objects.create(code="CB-BIMAT", full_name="Võ Thị Bí Mật", gender="F",
                                          unit=u["X2"])
    draft_awardee = Person.objects.create(code="CB-DUTHAO", full_name="Đinh Văn Dự Thảo",
                                          gender="M", unit=u["X3"])
    dossier = Dossier.objects.create(campaign=campaign, scope="annual", year=2024, unit=u["X2"],
                                     receiver=u["P1"], made_on=date(2025, 1, 10))
    Nomination.objects.create(dossier=dossier, kind="individual", unit=u["X2"],
                              person=secret_person, award_form=campaign.award_forms.all()[0],
                              source="manual", summary="Đề nghị chưa gửi")
    draft = AwardDecision.objects.filter(campaign=campaign, status="draft").first()
    Award.objects.create(kind="individual", unit=u["X3"], person=draft_awardee,
                         form_code="merit_province_chairman",
                         form_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", year=2024,
                         decided_on=date(2025, 3, 1), decision=draft, campaign=campaign)
    hidden = Unit.objects.create(code="P1-XCB", name="Xã Chưa Công Bố", kind=UnitKind.COMMUNE,
                                 category=world.categories["xa"], parent=u["H2"])
    unpublished = ResultRound.objects.get(evaluator=u["P1"], year=2024, published=False)
    AnnualResult.objects.create(round=unpublished, unit=hidden, year=2024, category=hidden.category,
                                score=Decimal("99.00"), rank=1, classification="xuat_sac")
    make_initiative(u["X1"], [world.people["p_x1"]], title="Sáng kiến đang chờ xét", year=2024)
    Story.objects.create(slug="ban-nhap", title="Bản nháp không được lộ", kind="collective",
                         unit=u["X3"], campaign=campaign, summary="Chưa công bố", body="Nháp")
    published_story(world, campaign)
    return campaign
