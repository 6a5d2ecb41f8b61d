"""Demo data of the reports part: the mid-term (2023) and final (2025) reviews of the Kiên Giang
campaign, with the written assessment a Home Affairs department would put in them.

The figures come from whatever the other demo loaders made. So that the demo dashboard is never
empty, this loader fills in what no other loader made, and only that: yearly PAR INDEX results of
Kiên Giang's units (published rounds 2021–2024) when the province has none, and the award
decisions of the campaign when it has none. Idempotent; run by `thidua demo` after the others.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction

from thidua.awards.models import Award, AwardDecision
from thidua.awards.money import NoRate, base_salary_on, reward_for
from thidua.campaigns.models import Campaign, CampaignStatus
from thidua.campaigns.selectors import campaign_issuer_on
from thidua.core.audit import Action, audit_bulk
from thidua.org.models import Person, Unit
from thidua.reports.models import Review, ReviewKind
from thidua.reports.services import review_save
from thidua.results.models import AnnualResult, Classification, ResultRound
from thidua.rules.award_forms import award_form
from thidua.rules.facts import Parameters
from thidua.rules.vocab import CLASSIFICATION

KG_CODE = "KG-CCHC-2021-2025"
RESULT_YEARS = (2021, 2022, 2023, 2024)
RECOGNISED = {2021: date(2022, 2, 25), 2022: date(2023, 2, 24), 2023: date(2024, 2, 23),
              2024: date(2025, 2, 21)}
SCORED = ("so-nganh", "huyen", "xa")
NOTE = "Nạp dữ liệu mẫu (báo cáo)"

Log = Callable[[str], None]

REVIEWS: dict[str, dict[str, Any]] = {
    ReviewKind.MID_TERM: {
        "number_symbol": "245/BC-UBND", "place": "Kiên Giang", "issued_on": date(2023, 12, 15),
        "achievements": (
            "Phong trào được các sở, ban, ngành, UBND các huyện, thành phố và các xã, phường, "
            "thị trấn hưởng ứng tích cực; hầu hết các đơn vị đã ban hành kế hoạch thực hiện và "
            "đăng ký thi đua đúng thời hạn.\n"
            "Chỉ số CCHC của các đơn vị được cải thiện qua từng năm; nhiều sáng kiến, mô hình "
            "cải cách thủ tục hành chính, chuyển đổi số được công nhận và nhân rộng."),
        "shortcomings": (
            "Một số đơn vị ban hành kế hoạch còn chậm, nội dung đăng ký thi đua chưa cụ thể.\n"
            "Việc phát hiện, bồi dưỡng và nhân rộng gương điển hình ở cơ sở chưa thường xuyên."),
        "lessons": (
            "Người đứng đầu trực tiếp chỉ đạo thì phong trào có chuyển biến rõ rệt.\n"
            "Gắn kết quả thi đua với đánh giá, xếp loại Chỉ số CCHC hằng năm."),
        "directions": (
            "Tiếp tục đẩy mạnh phong trào đến hết năm 2025.\n"
            "Chú trọng phát hiện, tuyên truyền gương điển hình tiên tiến.\n"
            "Chuẩn bị tổng kết phong trào và khen thưởng giai đoạn 2021 - 2025."),
        "signer_capacity": "KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Lê Quốc Anh",
        "recipients": "Bộ Nội vụ;\nBan Thi đua - Khen thưởng Trung ương;\nTT. Tỉnh ủy, TT. HĐND tỉnh;\n"
                      "Các sở, ban, ngành tỉnh;\nUBND các huyện, thành phố;\nLưu: VT.",
    },
    ReviewKind.FINAL: {
        # Issued after 1 July 2025: An Giang, which absorbed Kiên Giang, closes the campaign.
        "number_symbol": "318/BC-UBND", "place": "An Giang", "issued_on": date(2025, 12, 10),
        "achievements": (
            "Sau 5 năm triển khai, phong trào thi đua đã trở thành động lực thúc đẩy công tác cải "
            "cách hành chính của tỉnh Kiên Giang (trước sắp xếp); 100% cơ quan, đơn vị, địa "
            "phương được giao đã tổ chức thực hiện. Từ ngày 01/7/2025, UBND tỉnh An Giang tiếp "
            "tục chỉ đạo phong trào đến khi tổng kết.\n"
            "Kết quả Chỉ số CCHC của các sở, ngành, địa phương tăng đều; số đơn vị xếp loại xuất "
            "sắc và tốt tăng qua từng năm.\n"
            "Nhiều tập thể, cá nhân tiêu biểu được khen thưởng, được giới thiệu trên bảng vinh "
            "danh để học tập, nhân rộng."),
        "shortcomings": (
            "Chất lượng phong trào giữa các đơn vị chưa đồng đều; một số đơn vị chưa có sáng kiến "
            "được công nhận.\n"
            "Việc sắp xếp đơn vị hành chính từ ngày 01/7/2025 ảnh hưởng đến tiến độ tổng hợp "
            "hồ sơ của một số địa phương."),
        "lessons": (
            "Kế hoạch rõ tiêu chí, rõ mốc thời gian giúp việc theo dõi, đánh giá khách quan.\n"
            "Số liệu thi đua tập trung trên một hệ thống giúp sơ kết, tổng kết nhanh, chính xác."),
        "directions": (
            "Tiếp tục phát động phong trào thi đua cải cách hành chính giai đoạn 2026 - 2030.\n"
            "Nhân rộng các mô hình, sáng kiến hiệu quả trên toàn tỉnh.\n"
            "Kịp thời khen thưởng, động viên các tập thể, cá nhân có thành tích xuất sắc."),
        "signer_capacity": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH",
        "signer_name": "Lâm Văn Thắng",
        "recipients": "Bộ Nội vụ;\nBan Thi đua - Khen thưởng Trung ương;\nTT. Tỉnh ủy, TT. HĐND tỉnh;\n"
                      "Các sở, ban, ngành tỉnh;\nUBND các xã, phường, đặc khu;\nLưu: VT.",
    },
}


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_reports(seed=ctx.seed, log=ctx.log)


@transaction.atomic
def load_demo_reports(*, seed: int = 2025, log: Log = lambda _m: None) -> list[Review]:
    campaign = Campaign.objects.filter(code=KG_CODE).exclude(status=CampaignStatus.DRAFT) \
        .select_related("issuer").first()
    if campaign is None:
        log("  bỏ qua báo cáo: chưa có phong trào Kiên Giang 2021-2025")
        return []
    rng = np.random.default_rng([seed, 30])
    _results(campaign.issuer, rng, log)
    _awards(campaign, rng, log)
    made = []
    for kind, values in REVIEWS.items():
        if not Review.objects.filter(campaign=campaign, kind=kind).exists():
            year = 2023 if kind == ReviewKind.MID_TERM else campaign.period_end.year
            made.append(review_save(actor=None, campaign=campaign, kind=kind,
                                    values={**values, "last_year": year}, check_access=False))
    if made:
        log(f"  {len(made)} báo cáo sơ kết, tổng kết của {campaign.code}")
    return made


def _classify(score: float, year: int) -> str:
    """The classification a score earns under the engine's dated bands (rules/parameters.yaml)."""
    bands = Parameters.default().bands_for(year)
    if bands is None:
        raise ValueError(f"no classification bands for {year}")
    for value, minimum in bands.thresholds:  # best first
        if score >= minimum:
            return CLASSIFICATION.codes[value - 1]
    return CLASSIFICATION.codes[0]


def _results(province: Unit, rng: np.random.Generator, log: Log) -> None:
    """Published yearly results of the province's units, for the years nobody loaded."""
    units = list(Unit.objects.filter(path__startswith=province.path, category__code__in=SCORED)
                 .exclude(pk=province.pk).select_related("category").order_by("path"))
    if not units:
        return
    base = {u.pk: float(rng.normal(84, 5)) for u in units}
    for year in RESULT_YEARS:
        if ResultRound.objects.filter(evaluator=province, year=year).exists():
            continue
        round_ = ResultRound.objects.create(
            evaluator=province, year=year, published=True, recognised_on=RECOGNISED[year],
            decision_number=f"{300 + year - 2020}/QĐ-UBND", note=NOTE)
        rows: list[AnnualResult] = []
        for category in SCORED:
            group = [u for u in units if u.category.code == category and u.is_active_in_year(year)]
            scores = {u.pk: min(99.5, max(55.0, base[u.pk] + (year - 2021) * 1.2
                                          + float(rng.normal(0, 3)))) for u in group}
            ranked = sorted(group, key=lambda u: -scores[u.pk])
            for rank, unit in enumerate(ranked, 1):
                score = round(scores[unit.pk], 2)
                rows.append(AnnualResult(
                    round=round_, unit=unit, year=year, category=unit.category,
                    score=Decimal(f"{score:.2f}"), rank=rank, classification=_classify(score, year),
                    sipas=Decimal(f"{min(99.0, score + float(rng.normal(2, 2))):.2f}")))
        AnnualResult.objects.bulk_create(rows)
        audit_bulk(rows, Action.CREATE, actor=None, note=NOTE)
        log(f"  kết quả Chỉ số CCHC năm {year}: {len(rows)} đơn vị")


def _awards(campaign: Campaign, rng: np.random.Generator, log: Log) -> None:
    """Annual decisions 2021–2024 and the final decision of the phase, when the campaign has none."""
    if Award.objects.filter(campaign=campaign).exists() or AwardDecision.objects.filter(
            campaign=campaign).exists():
        return
    province = campaign.issuer
    made: list[Award] = []

    def decision(number: str, year: int, scope: str, signed: date) -> AwardDecision:
        # After 1 July 2025 the province that absorbed the issuer decides (An Giang).
        issuer = campaign_issuer_on(campaign, signed)
        return AwardDecision.objects.create(
            issuer=issuer, campaign=campaign, scope=scope, year=year, number_symbol=number,
            signed_on=signed, authority=("Chủ tịch Ủy ban nhân dân "
                       f"{issuer.name[:1].lower()}{issuer.name[1:]}"),
            subject="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            achievement=f"đã có thành tích xuất sắc trong phong trào thi đua cải cách hành chính {year}",
            signer_name="Lâm Minh Thành" if issuer.pk == province.pk else "Lâm Văn Thắng",
            base_salary=base_salary_on(signed).amount)

    def award(d: AwardDecision, unit: Unit, person: Person | None, code: str) -> None:
        kind = "individual" if person else "collective"
        # Money as a decision computes it: the catalogue's multiple in force on the day, or
        # nothing and the reason when the catalogue records none for that period.
        try:
            reward = reward_for(code, kind, d.signed_on)
            amount, basis = reward.amount, reward.basis
        except NoRate as exc:
            amount, basis = 0, str(exc)
        made.append(Award(kind=kind, unit=unit, person=person, form_code=code,
                          form_name=award_form(code).name, year=d.year, decided_on=d.signed_on,
                          decision=d, campaign=campaign, scope=d.scope, reward=amount,
                          reward_basis=basis[:300]))

    merit, flag = "merit_province_chairman", "flag_province"
    for year in RESULT_YEARS:
        best = list(AnnualResult.objects.filter(round__evaluator=province, round__published=True,
                                                year=year, classification=Classification.EXCELLENT)
                    .select_related("unit").order_by("rank", "-score")[:5])
        if not best:
            continue
        d = decision(f"{500 + year - 2020}/QĐ-UBND", year, "annual", RECOGNISED[year].replace(
            month=RECOGNISED[year].month + 1))
        for result in best:
            award(d, result.unit, None, merit)
            person = Person.objects.filter(unit=result.unit).order_by("sort_key").first()
            if person is not None and rng.random() < 0.7:
                award(d, result.unit, person, merit)
    final_units = list(AnnualResult.objects.filter(round__evaluator=province, round__published=True,
                                                   classification=Classification.EXCELLENT)
                       .values_list("unit_id", flat=True))
    counts: dict[int, int] = {}
    for unit_id in final_units:
        counts[unit_id] = counts.get(unit_id, 0) + 1
    top = sorted(counts, key=lambda k: -counts[k])[:8]
    if top:
        d = decision("68/QĐ-UBND", 2025, "phase", date(2026, 1, 15))
        for i, unit in enumerate(Unit.objects.filter(pk__in=top).order_by("sort_key")):
            award(d, unit, None, flag if i < 3 else merit)
            for person in Person.objects.filter(unit=unit).order_by("sort_key")[:2]:
                award(d, unit, person, merit)
    Award.objects.bulk_create(made)
    audit_bulk(made, Action.CREATE, actor=None, note=NOTE)
    log(f"  {len(made)} lượt khen thưởng của {campaign.code}")
