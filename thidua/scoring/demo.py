"""Demo of PAR INDEX scoring (the `scoring` demo loader): the 2025 criteria sets — An Giang's,
which carries Kiên Giang on from 1 July 2025 and scored its units for 2025 — for
departments (sở, ban, ngành) and communes, every scored unit's self-assessment with evidence,
the appraisal (adjustments with reasons, appraisal-only points), an explanation round for some
units, the SIPAS survey, and the publication that writes the 2025 results the annual standards
read.

The results demo already generated 2025 results tuned for the standards' scenarios (ties at the
quota line, near misses); the scoring reproduces each unit's generated score exactly (its points
are drawn to add up to it), so publishing through the product keeps those scenarios while the
rows now come from the scoring. Units are found by lookup (the evaluator of the 2025 round and
the units it scored), never by id.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.org.models import Unit
from thidua.org.selectors import successors_on
from thidua.results.models import AnnualResult, ResultRound
from thidua.scoring import services
from thidua.scoring.models import Assessment, CriteriaSet, Evidence, Score, Source
from thidua.scoring.services import AppraisalEntry, SelfEntry

MAIN = "KGI"
YEAR = 2025
CENT = Decimal("0.01")

# field code (Decision 876's fields, as results.models.COMPONENTS), field name, sub-criteria:
# (code, content, max points, source, evidence required)
SET: list[tuple[str, str, list[tuple[str, str, str, str, bool]]]] = [
    ("chi_dao", "Công tác chỉ đạo, điều hành CCHC", [
        ("1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", "3", "self", True),
        ("1.2", "Mức độ hoàn thành kế hoạch CCHC năm", "4", "self", True),
        ("1.3", "Báo cáo CCHC định kỳ đầy đủ, đúng hạn", "2", "self", True),
        ("1.4", "Kiểm tra công tác CCHC", "3", "appraisal", False)]),
    ("the_che", "Xây dựng và tổ chức thực hiện thể chế", [
        ("2.1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "4", "self", True),
        ("2.2", "Theo dõi thi hành pháp luật", "4", "self", False)]),
    ("tthc", "Cải cách thủ tục hành chính", [
        ("3.1", "Công khai thủ tục hành chính đúng quy định", "5", "self", True),
        ("3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "7", "self", False),
        ("3.3", "Tiếp nhận, xử lý phản ánh, kiến nghị", "4", "appraisal", False)]),
    ("to_chuc", "Cải cách tổ chức bộ máy hành chính", [
        ("4.1", "Thực hiện quy định về tổ chức bộ máy", "5", "self", True),
        ("4.2", "Thực hiện biên chế được giao", "4", "self", False)]),
    ("cong_vu", "Cải cách chế độ công vụ", [
        ("5.1", "Vị trí việc làm và cơ cấu ngạch công chức", "5", "self", True),
        ("5.2", "Kỷ luật, kỷ cương hành chính", "5", "appraisal", False)]),
    ("tai_chinh", "Cải cách tài chính công", [
        ("6.1", "Thực hiện giải ngân vốn đầu tư công", "5", "self", False),
        ("6.2", "Thực hiện tự chủ tài chính", "4", "self", True)]),
    ("chinh_phu_so", "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số", [
        ("7.1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "6", "self", False),
        ("7.2", "Văn bản điện tử, chữ ký số", "5", "self", True)]),
    ("tac_dong", "Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH", [
        ("8.1", "Tác động đến chất lượng thể chế, TTHC", "5", "self", False),
        ("8.2-sipas", "Chỉ số hài lòng SIPAS (điều tra xã hội học)", "10", "survey", False)]),
]
CATEGORIES = (("so-nganh", "sở, ban, ngành"), ("xa", "UBND cấp xã"))


def _criteria_xlsx() -> bytes:
    from thidua.core.spreadsheet import write_xlsx

    rows = []
    for number, (field_code, field_name, subs) in enumerate(SET, start=1):
        for code, name, maximum, source, evidence in subs:
            rows.append([field_code, field_name, str(number), field_name, code, name,
                         Decimal(maximum),
                         "Chấm theo mức độ hoàn thành; có tài liệu chứng minh." if evidence else "",
                         "có" if evidence else "không",
                         {"self": "tự chấm", "appraisal": "thẩm định", "survey": "điều tra"}[source]])
    return write_xlsx(services.CRITERIA_COLUMNS, rows, title="Bộ tiêu chí")


def _split(target: Decimal, maxima: list[Decimal]) -> list[Decimal]:
    """Points for sub-criteria of these maxima adding up exactly to `target` (≤ their sum)."""
    total = sum(maxima, Decimal(0))
    shares = [(m * target / total).quantize(CENT, ROUND_DOWN) for m in maxima]
    rest = target - sum(shares, Decimal(0))
    for i, m in enumerate(maxima):  # put the remainder where there is room
        room = m - shares[i]
        step = min(room, rest)
        shares[i] += step
        rest -= step
    return shares


def load(ctx: Any) -> None:
    """Entry of `thidua demo` (thidua.demo.registry)."""
    load_demo_scoring(log=ctx.log, rng=ctx.rng("scoring"))


def _round_of_the_year() -> ResultRound | None:
    """Kiên Giang's 2025 round: published by An Giang, which carries Kiên Giang on from 1 July
    2025 (docs/lineage.md) — or by Kiên Giang itself in a demo without the reform."""
    main = Unit.objects.filter(code=MAIN).first()
    if main is None:
        return None
    evaluators = [main, *successors_on(main, date(YEAR, 7, 1))]
    return (ResultRound.objects.filter(evaluator__in=evaluators, year=YEAR)
            .select_related("evaluator").order_by("-evaluator__active_from").first())


def load_demo_scoring(*, log: Any = print, rng: Any = None) -> None:
    import numpy as np

    rng = rng if rng is not None else np.random.default_rng(2025)
    round_ = _round_of_the_year()
    if round_ is None:
        log("  chưa có kết quả 2025 của Kiên Giang: bỏ qua chấm điểm Chỉ số CCHC")
        return
    if CriteriaSet.objects.filter(evaluator=round_.evaluator, year=YEAR).exists():
        log("  chấm điểm Chỉ số CCHC mẫu đã có: giữ nguyên")
        return
    owner = get_user_model().objects.filter(username="noivu").first()
    if owner is None:
        log("  chưa có tài khoản noivu: bỏ qua chấm điểm Chỉ số CCHC")
        return
    for category_code, label in CATEGORIES:
        results = list(AnnualResult.objects.filter(round=round_, category__code=category_code,
                                                   score__isnull=False)
                       .select_related("unit", "category").order_by("unit__sort_key"))
        if not results:
            continue
        _score_category(owner, round_, results, label, rng, log)


def _score_category(owner: Any, round_: ResultRound, results: list[AnnualResult], label: str,
                    rng: Any, log: Any) -> None:
    evaluator, category = round_.evaluator, results[0].category
    data = _criteria_xlsx()
    criteria_set = services.criteria_set_import(
        actor=owner, evaluator=evaluator, year=YEAR, category=category,
        name=f"Bộ tiêu chí xác định Chỉ số CCHC năm {YEAR} của các {label}",
        issued_on=date(YEAR, 3, 10), decision_number=f"{'512' if 'sở' in label else '513'}/QĐ-UBND",
        data=data, filename="bo-tieu-chi-2025.xlsx")
    services.criteria_set_open(actor=owner, criteria_set=criteria_set,
                               self_deadline=timezone.now() + timedelta(days=30),
                               units=[r.unit for r in results])
    subs = list(criteria_set.sub_criteria.order_by("order"))
    survey = [s for s in subs if s.source == Source.SURVEY]
    others = [s for s in subs if s.source != Source.SURVEY]
    assessments = {a.unit_id: a for a in criteria_set.assessments.all()}
    survey_rows = []
    explained = 0
    for number, result in enumerate(results):
        assessment = assessments[result.unit_id]
        score = Decimal(result.score or 0)
        survey_max = sum((s.max_points for s in survey), Decimal(0))
        survey_points = min(survey_max, (score * survey_max / 100).quantize(Decimal("0.1")))
        finals = _split(score - survey_points, [s.max_points for s in others])
        final_by_sub = dict(zip((s.pk for s in others), finals, strict=True))
        # The unit claims a little more on one or two sub-criteria; the appraisal takes it back.
        over = {s.pk for s in others if s.source == Source.SELF and rng.random() < 0.12
                and final_by_sub[s.pk] < s.max_points}
        entries = {}
        for s in others:
            if s.source != Source.SELF:
                continue
            claimed = s.max_points if s.pk in over else final_by_sub[s.pk]
            entries[s.pk] = SelfEntry(claimed, "Có báo cáo kết quả thực hiện kèm theo."
                                      if s.evidence_required else "")
        assessment = services.assessment_save_self(actor=owner, assessment=assessment,
                                                   version=assessment.version, entries=entries)
        first = Score.objects.filter(assessment=assessment, sub_criterion__evidence_required=True,
                                     self_points__gt=0).order_by("sub_criterion__order").first()
        if first is not None:
            item = Evidence(score=first, title="Kế hoạch CCHC năm 2025.pdf",
                            filename="ke-hoach-cchc-2025.pdf", added_by=owner)
            item.file.save("ke-hoach-cchc-2025.pdf", ContentFile(b"%PDF-1.4\n% demo\n"),
                           save=False)
            item.save()
        assessment = services.assessment_submit(actor=owner, assessment=assessment,
                                                version=assessment.version)
        appraisal: dict[int, AppraisalEntry] = {}
        ask = number % 4 == 0 and bool(over)
        for s in others:
            if s.source == Source.APPRAISAL:
                appraisal[s.pk] = AppraisalEntry(final_by_sub[s.pk])
            elif s.pk in over:
                appraisal[s.pk] = AppraisalEntry(
                    final_by_sub[s.pk], "Tài liệu kiểm chứng chưa chứng minh mức điểm tối đa",
                    "Kế hoạch chưa nêu kết quả cụ thể", ask,
                    "Đề nghị cung cấp báo cáo kết quả thực hiện" if ask else "")
        assessment = services.assessment_appraise(actor=owner, assessment=assessment,
                                                  version=assessment.version, entries=appraisal)
        if ask:
            assessment = services.assessment_request_explanation(
                actor=owner, assessment=assessment, version=assessment.version)
            answers = {s.pk: "Đơn vị đã bổ sung báo cáo kết quả thực hiện kế hoạch CCHC."
                       for s in others if s.pk in over}
            assessment = services.assessment_answer(actor=owner, assessment=assessment,
                                                    version=assessment.version, answers=answers)
            explained += 1
        services.assessment_finalise(actor=owner, assessment=assessment,
                                     version=assessment.version)
        for s in survey:
            value = (survey_points * 100 / s.max_points).quantize(CENT)
            survey_rows.append([result.unit.code, s.code, value])
    from thidua.core.spreadsheet import write_xlsx

    services.survey_import(actor=owner, criteria_set=criteria_set,
                           data=write_xlsx(services.SURVEY_COLUMNS, survey_rows),
                           filename="sipas-2025.xlsx")
    services.criteria_set_publish(
        actor=owner, criteria_set=criteria_set,
        published_on=round_.recognised_on or date(YEAR + 1, 1, 20),
        decision_number=round_.decision_number or "Quyết định công bố Chỉ số CCHC năm 2025")
    log(f"  chấm điểm Chỉ số CCHC {YEAR} ({label}): {len(results)} đơn vị, {explained} giải trình, "
        "đã công bố")
    assert Assessment.objects.filter(criteria_set=criteria_set).exclude(
        status=Assessment.Status.PUBLISHED).count() == 0
