"""A campaign with five years of life in the test world, for the review and dashboard tests.

P1 launches a 2021-2025 campaign; its communes X1, X2, X3 take part. The data mixes what must be
counted with what must not: an unpublished results round, a draft decision, an initiative of
another province, a contest of another province, an award of another campaign.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from thidua.campaigns.models import Campaign, Participant, PlanIssueStatus, RegisteredPerson, Registration
from thidua.results.models import AnnualResult, ResultRound
from thidua.rules.award_forms import award_form

PERIOD = {"start": date(2021, 1, 1), "end": date(2025, 12, 31),
          "text": "Từ ngày ban hành đến hết năm 2025."}


def aware(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def review_campaign(world: Any, *, key: str = "P1", code: str = "REV-P1") -> Campaign:
    """A launched 2021-2025 campaign of `world.units[key]` (participants: its communes)."""
    from thidua.campaigns.testing import launched_campaign

    return world.get_or_make(f"reports.campaign.{code}", lambda w: launched_campaign(
        w, code, key, launched_on=date(2021, 3, 5), issued_on=date(2021, 3, 1), period=PERIOD,
        title="Phát động phong trào thi đua cải cách hành chính giai đoạn 2021 - 2025",
        milestones=[{"code": "registration", "label": "Đăng ký thi đua",
                     "date": date(2021, 4, 30), "bound": "on_or_before"}]))


def _result(round_: ResultRound, unit: Any, score: str, rank: int, classification: str) -> None:
    AnnualResult.objects.create(round=round_, unit=unit, year=round_.year, category=unit.category,
                                score=Decimal(score), rank=rank, classification=classification)


def populate(world: Any, campaign: Campaign) -> Campaign:
    """Plans, registrations, results, initiatives, a contest and awards around `campaign`."""
    from thidua.initiatives.testing import make_initiative

    u, p = world.units, world.people
    participants = {pt.unit.code: pt for pt in Participant.objects.filter(campaign=campaign)
                    .select_related("unit")}
    Participant.objects.filter(pk=participants["P1-X1"].pk).update(
        plan_status=PlanIssueStatus.ISSUED, plan_number="05/KH-UBND", plan_issued_on=date(2021, 4, 1))
    Participant.objects.filter(pk=participants["P1-X2"].pk).update(plan_status=PlanIssueStatus.EXEMPT)
    first = Registration.objects.create(
        campaign=campaign, unit=u["X1"], participant=participants["P1-X1"],
        collective_target="Đạt xếp loại xuất sắc", submitted_at=aware(2021, 4, 10))
    RegisteredPerson.objects.create(registration=first, person=p["p_x1"], target="HTXSNV")
    RegisteredPerson.objects.create(registration=first, person=p["p_staff"], target="HTTNV")
    Registration.objects.create(
        campaign=campaign, unit=u["X3"], participant=participants["P1-X3"],
        collective_target="Đạt xếp loại tốt", submitted_at=aware(2021, 5, 3))

    for year, published in ((2022, True), (2023, True), (2024, False)):
        round_ = ResultRound.objects.create(evaluator=u["P1"], year=year, published=published)
        _result(round_, u["X1"], "92.10" if year != 2023 else "88.00", 1 if year != 2023 else 2,
                "xuat_sac" if year != 2023 else "tot")
        _result(round_, u["X2"], "85.50" if year != 2023 else "91.25", 2 if year != 2023 else 1,
                "tot" if year != 2023 else "xuat_sac")
        _result(round_, u["X3"], "71.00", 3, "kha")
    other = ResultRound.objects.create(evaluator=u["P2"], year=2022, published=True)
    _result(other, u["Y1"], "95.00", 1, "xuat_sac")

    make_initiative(u["X1"], [p["p_x1"]], title="Một cửa số", year=2022, status="recognised",
                    level="co_quan", decision_number="12/QĐ-UBND", decision_date=date(2022, 11, 2),
                    applied=True)
    make_initiative(u["X3"], [p["p_x3"]], title="Tra cứu hồ sơ", year=2023)
    make_initiative(u["X2"], [], title="Sổ tay số", year=2023, status="recognised", level="huyen",
                    decision_number="30/QĐ-UBND", decision_date=date(2023, 12, 1))
    make_initiative(u["Y1"], [p["p_y1"]], title="Ngoài phạm vi", year=2022, status="recognised",
                    level="tinh", decision_number="1/QĐ", decision_date=date(2022, 5, 5))

    _contest(world, "H1", year=2023, finished=[p["p_x1"]], public=1)
    _contest(world, "P2", year=2023, finished=[p["p_y1"]], public=0)
    _awards(world, campaign)
    return campaign


def _contest(world: Any, key: str, *, year: int, finished: list[Any], public: int) -> None:
    from thidua.contests.models import Attempt, Contest, Round

    contest = Contest.objects.create(code=f"thi-{key.lower()}-{year}", title=f"Tìm hiểu CCHC {key} {year}",
                                     organiser=world.units[key], public_allowed=True)
    round_ = Round.objects.create(contest=contest, number=1, opens_at=aware(year, 5, 1),
                                  closes_at=aware(year, 5, 31))

    def attempt(participant: Any) -> None:
        Attempt.objects.create(round=round_, participant=participant, number=1,
                               started_at=aware(year, 5, 2), deadline=aware(year, 5, 2, 10),
                               status="submitted", correct_count=10, total=15)

    for person in finished:
        attempt(contest.participants.create(kind="staff", person=person, unit=person.unit,
                                            full_name=person.full_name))
    for i in range(public):
        attempt(contest.participants.create(kind="public", full_name=f"Người dân {i}",
                                            phone=f"09000000{i:02d}"))
    # Someone who started but never finished does not count.
    Attempt.objects.create(
        round=round_, number=1, started_at=aware(year, 5, 3), deadline=aware(year, 5, 3, 10),
        participant=contest.participants.create(kind="public", full_name="Bỏ dở", phone="0911111111"))


def _awards(world: Any, campaign: Campaign) -> None:
    from thidua.awards.models import Award, AwardDecision, DecisionStatus

    u, p = world.units, world.people

    def decision(number: str, year: int, status: str = DecisionStatus.ISSUED) -> AwardDecision:
        return AwardDecision.objects.create(
            issuer=u["P1"], campaign=campaign, scope="annual", year=year,
            number_symbol=number, signed_on=date(year + 1, 3, 1), authority="Chủ tịch UBND tỉnh",
            subject="Về việc tặng Bằng khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
            achievement="đã có thành tích xuất sắc", signer_name="Nguyễn Văn Ký", status=status)

    issued_2022 = decision("10/QĐ-UBND", 2022)
    issued_2024 = decision("20/QĐ-UBND", 2024)
    draft = decision("(dự thảo)", 2024, DecisionStatus.DRAFT)

    def award(kind: str, unit: str, person: str | None, form: tuple[str, str], year: int,
              decision: AwardDecision | None, reward: int = 0, target: Campaign | None = None
              ) -> None:
        Award.objects.create(kind=kind, unit=u[unit], person=p[person] if person else None,
                             form_code=form[0], form_name=form[1], year=year,
                             decided_on=decision.signed_on if decision else date(year + 1, 1, 5),
                             decision=decision, campaign=target or campaign, reward=reward,
                             decision_text="" if decision else "Quyết định 5/QĐ-UBND (bản giấy)")

    merit = ("merit_province_chairman", award_form("merit_province_chairman").name)
    giay = ("giay_khen_district", award_form("giay_khen_district").name)
    award("collective", "X1", None, merit, 2022, issued_2022, 3_540_000)
    award("individual", "X1", "p_x1", merit, 2022, issued_2022, 1_770_000)
    award("individual", "X1", "p_staff", giay, 2024, issued_2024, 450_000)
    award("collective", "X2", None, giay, 2023, None)
    award("collective", "X3", None, merit, 2024, draft, 3_540_000)  # draft: never counted
    other = world.get_or_make("reports.other-campaign", lambda w: Campaign.objects.create(
        code="KHAC", issuer=u["P1"], issuing_body="UBND", title="Phong trào khác",
        kind="annual", period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)))
    award("collective", "X3", None, merit, 2022, None, target=other)

