"""The scoring cycle through HTTP: self-assessment with evidence, deadline and version checks,
appraisal with an explanation round, survey import, publication into the year's results."""

from __future__ import annotations

import html
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from thidua.results.models import AnnualResult, ClassificationThresholds, ResultRound
from thidua.scoring import services
from thidua.scoring.models import Assessment, CriteriaSet, Evidence, Score
from thidua.scoring.testing import make_criteria_set

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def scoring(world):
    xa = world.categories["xa"]
    cs = make_criteria_set(world.units["P1"], xa, [world.units[k] for k in ("X1", "X2", "X3")])
    subs = {s.code: s for s in cs.sub_criteria.all()}
    ClassificationThresholds.objects.create(
        valid_from=date(2020, 1, 1), excellent_min=90, good_min=80, fair_min=70, average_min=50)
    return cs, subs


def _self_post(client, assessment, subs, points: dict[str, str], action="luu", **extra):
    data = {"phien_ban": assessment.version, "thao_tac": action}
    for code, value in points.items():
        data[f"d_{subs[code].pk}"] = value
        data[f"gt_{subs[code].pk}"] = extra.get(code, "")
    return client.post(reverse("scoring:assessment", args=[assessment.pk]), data, follow=True)


def _full_self(client, world, cs, subs, unit_key, values=("4", "6", "30")):
    a = cs.assessments.get(unit=world.units[unit_key])
    _self_post(client, a, subs, dict(zip(("1.1.1", "1.1.2", "2.1.1"), values, strict=True)),
               action="luu", **{"1.1.1": "Kế hoạch CCHC số 12/KH-UBND"})
    a.refresh_from_db()
    _self_post(client, a, subs, {}, action="nop")
    a.refresh_from_db()
    return a


def test_it_saves_points_with_a_running_total_and_submits(world, login, scoring):
    cs, subs = scoring
    client = login(world.users["olga_officer"])
    a = cs.assessments.get(unit=world.units["X1"])
    page = _self_post(client, a, subs, {"1.1.1": "3,5", "1.1.2": "6", "2.1.1": "25"})
    assert "Đã lưu điểm tự chấm" in page.content.decode()
    a.refresh_from_db()
    assert a.self_total == Decimal("34.5") and a.version == 2
    # 1.1.1 needs evidence or a written explanation: the submission is refused and says so.
    page = _self_post(client, a, subs, {}, action="nop")
    assert "Tiêu chí 1.1.1: cần tài liệu kiểm chứng hoặc giải trình." in page.content.decode()
    a.refresh_from_db()
    assert a.status == Assessment.Status.DRAFT
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 ke hoach", content_type="application/pdf")
    client.post(reverse("scoring:evidence", args=[a.pk]),
                {"tieu_chi": subs["1.1.1"].pk, "tep": upload})
    assert Evidence.objects.filter(score__assessment=a).count() == 1
    page = _self_post(client, a, subs, {}, action="nop")
    a.refresh_from_db()
    assert a.status == Assessment.Status.SUBMITTED and a.submitted_at is not None
    evidence = Evidence.objects.get(score__assessment=a)
    download = client.get(reverse("scoring:evidence_file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ke hoach"


def test_it_refuses_points_above_the_maximum_and_saves_nothing(world, login, scoring):
    cs, subs = scoring
    client = login(world.users["olga_officer"])
    a = cs.assessments.get(unit=world.units["X1"])
    page = _self_post(client, a, subs, {"1.1.1": "3", "1.1.2": "7"})
    assert "Tiêu chí 1.1.2: điểm 7 phải từ 0 đến 6." in page.content.decode()
    assert not Score.objects.filter(assessment=a, self_points__isnull=False).exists()


def test_it_refuses_a_stale_version(world, login, scoring):
    cs, subs = scoring
    client = login(world.users["olga_officer"])
    a = cs.assessments.get(unit=world.units["X1"])
    _self_post(client, a, subs, {"1.1.2": "5"})  # a.version is still the old one here
    page = _self_post(client, a, subs, {"1.1.2": "2"})
    assert "vừa được người khác thay đổi" in page.content.decode()
    assert Score.objects.get(assessment=a, sub_criterion=subs["1.1.2"]).self_points == 5


def test_it_refuses_a_late_submission_unless_extended(world, login, scoring):
    cs, subs = scoring
    CriteriaSet.objects.filter(pk=cs.pk).update(self_deadline=timezone.now() - timedelta(hours=1))
    client = login(world.users["olga_officer"])
    a = cs.assessments.get(unit=world.units["X1"])
    _self_post(client, a, subs, {"1.1.1": "0", "1.1.2": "6", "2.1.1": "30"})
    a.refresh_from_db()
    page = _self_post(client, a, subs, {}, action="nop")
    assert "Đã quá hạn nộp" in page.content.decode()
    a.refresh_from_db()
    assert a.status == Assessment.Status.DRAFT
    owner = login(world.users["alice_owner"])
    until = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    owner.post(reverse("scoring:appraisal", args=[a.pk]),
               {"phien_ban": a.version, "thao_tac": "gia_han", "den": until})
    a.refresh_from_db()
    assert a.extended_until is not None
    client = login(world.users["olga_officer"])
    _self_post(client, a, subs, {}, action="nop")
    a.refresh_from_db()
    assert a.status == Assessment.Status.SUBMITTED


def test_it_lets_the_unit_withdraw_before_the_deadline(world, login, scoring):
    cs, subs = scoring
    client = login(world.users["olga_officer"])
    a = _full_self(client, world, cs, subs, "X1")
    assert a.status == Assessment.Status.SUBMITTED
    client.post(reverse("scoring:assessment", args=[a.pk]),
                {"phien_ban": a.version, "thao_tac": "rut"})
    a.refresh_from_db()
    assert a.status == Assessment.Status.DRAFT


def test_it_rejects_another_units_officer(world, login, scoring):
    cs, subs = scoring
    client = login(world.users["oscar_officer"])  # officer of X3
    a = cs.assessments.get(unit=world.units["X1"])
    response = client.post(reverse("scoring:assessment", args=[a.pk]),
                           {"phien_ban": a.version, "thao_tac": "luu",
                            f"d_{subs['1.1.2'].pk}": "6"})
    assert response.status_code in (403, 404)
    assert not Score.objects.filter(assessment=a, self_points__isnull=False).exists()


def _appraise(client, a, subs, entries: dict[str, dict], action="luu"):
    data = {"phien_ban": a.version, "thao_tac": action}
    for code, values in entries.items():
        pk = subs[code].pk
        data[f"td_{pk}"] = values.get("points", "")
        data[f"ly_do_{pk}"] = values.get("reason", "")
        data[f"nx_{pk}"] = values.get("comment", "")
        if values.get("ask"):
            data[f"yc_{pk}"] = "1"
            data[f"nd_{pk}"] = values["ask"]
    return client.post(reverse("scoring:appraisal", args=[a.pk]), data, follow=True)


def test_appraisal_explanation_survey_and_publication(world, login, scoring):
    cs, subs = scoring
    officer = login(world.users["olga_officer"])
    a1 = _full_self(officer, world, cs, subs, "X1")
    oscar = login(world.users["oscar_officer"])
    a3 = _full_self(oscar, world, cs, subs, "X3", values=("4", "5", "28"))
    olga_x2 = login(world.users["alice_owner"])  # the owner may score for a commune too
    a2 = _full_self(olga_x2, world, cs, subs, "X2", values=("2", "3", "20"))
    assert {a.status for a in (a1, a2, a3)} == {Assessment.Status.SUBMITTED}

    owner = login(world.users["alice_owner"])
    # An adjustment needs a reason.
    page = _appraise(owner, a1, subs, {"2.1.1": {"points": "20"}})
    assert "Tiêu chí 2.1.1: điều chỉnh điểm phải ghi lý do." in page.content.decode()
    page = _appraise(owner, a1, subs, {
        "2.1.1": {"points": "20", "reason": "Còn 3 TTHC công khai chậm",
                  "ask": "Cung cấp danh mục TTHC công khai quý IV"},
        "2.1.2": {"points": "15"}}, action="yeu_cau")
    a1.refresh_from_db()
    assert a1.status == Assessment.Status.EXPLANATION and a1.explanation_deadline is not None
    # The unit cannot withdraw or edit now; it answers.
    officer = login(world.users["olga_officer"])
    page = officer.post(reverse("scoring:assessment", args=[a1.pk]),
                        {"phien_ban": a1.version, "thao_tac": "giai_trinh"}, follow=True)
    assert "Tiêu chí 2.1.1: chưa có nội dung giải trình." in page.content.decode()
    officer.post(reverse("scoring:assessment", args=[a1.pk]),
                 {"phien_ban": a1.version, "thao_tac": "giai_trinh",
                  f"tl_{subs['2.1.1'].pk}": "Đã bổ sung danh mục tại Báo cáo số 45/BC-UBND"})
    a1.refresh_from_db()
    assert a1.status == Assessment.Status.ANSWERED
    owner = login(world.users["alice_owner"])
    _appraise(owner, a1, subs, {"2.1.1": {"points": "26", "reason": "Giải trình được chấp nhận một phần"}},
              action="ket_thuc")
    a1.refresh_from_db()
    assert a1.status == Assessment.Status.APPRAISED
    assert a1.final_total == Decimal("51")  # 4 + 6 + 26 + 15 (survey not yet)
    for a, points in ((a2, "10"), (a3, "18")):
        a.refresh_from_db()
        _appraise(owner, a, subs, {"2.1.2": {"points": points}}, action="ket_thuc")

    # Publishing needs the survey.
    page = owner.post(reverse("scoring:set_action", args=[cs.pk, "cong-bo"]),
                      {"ngay": "2026-02-10", "so_quyet_dinh": "215/QĐ-UBND"}, follow=True)
    assert "Còn 3 ô kết quả điều tra chưa nhập." in page.content.decode()
    bad = _xlsx([["Mã đơn vị", "Mã tiêu chí thành phần", "Kết quả điều tra (%)"],
                 ["P1-X1", "3.1.1-sipas", 90], ["P1-X9", "3.1.1-sipas", 80],
                 ["P1-X3", "1.1.1", 50]])
    page = owner.post(reverse("scoring:set_action", args=[cs.pk, "dieu-tra"]),
                      {"tep": SimpleUploadedFile("sipas.xlsx", bad)}, follow=True)
    text = html.unescape(page.content.decode())
    assert 'Dòng 3, cột A (Mã đơn vị): đơn vị "P1-X9" không được chấm theo bộ tiêu chí này' in text
    assert "Dòng 4, cột B (Mã tiêu chí thành phần): tiêu chí 1.1.1 không lấy điểm từ điều tra" in text
    assert not Score.objects.filter(survey_value__isnull=False).exists()
    good = _xlsx([["Mã đơn vị", "Mã tiêu chí thành phần", "Kết quả điều tra (%)"],
                  ["P1-X1", "3.1.1-sipas", 90], ["P1-X2", "3.1.1-sipas", 75],
                  ["P1-X3", "3.1.1-sipas", 95]])
    owner.post(reverse("scoring:set_action", args=[cs.pk, "dieu-tra"]),
               {"tep": SimpleUploadedFile("sipas.xlsx", good)})
    page = owner.post(reverse("scoring:set_action", args=[cs.pk, "cong-bo"]),
                      {"ngay": "2026-02-10", "so_quyet_dinh": "215/QĐ-UBND"}, follow=True)
    assert "Đã công bố kết quả của 3 đơn vị" in page.content.decode()
    # X1: 51 + 36 = 87; X2: 2+3+20+10 + 30 = 65; X3: 4+5+28+18 + 38 = 93 (maximum 100).
    results = {r.unit.code: r for r in AnnualResult.objects.filter(year=2025).select_related("unit")}
    assert {k: (r.score, r.rank, r.classification) for k, r in results.items()} == {
        "P1-X3": (Decimal("93.00"), 1, "xuat_sac"), "P1-X1": (Decimal("87.00"), 2, "tot"),
        "P1-X2": (Decimal("65.00"), 3, "trung_binh")}
    assert results["P1-X1"].sipas == Decimal("90.00")
    round_ = ResultRound.objects.get(evaluator=world.units["P1"], year=2025)
    assert round_.published and round_.decision_number == "215/QĐ-UBND"
    # The published units' officers are told their dossier deadlines start (thidua.notices).
    from thidua.notices.models import Notice

    told = Notice.objects.filter(event="results_recognised")
    assert {n.user.username for n in told} == {"olga_officer", "oscar_officer"}
    assert "đã được công nhận ngày 10/02/2026 (Quyết định số 215/QĐ-UBND)" in told[0].message
    cs.refresh_from_db()
    assert cs.status == CriteriaSet.Status.PUBLISHED
    # The unit sees its comparison with the group's median after publication.
    officer = login(world.users["olga_officer"])
    page = officer.get(reverse("scoring:assessment", args=[a1.pk])).content.decode()
    assert "So sánh với trung vị của khối" in page
    export = owner.get(reverse("scoring:export", args=[cs.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_appraisal_body_appraises_only_its_fields(world, login, scoring):
    from thidua.accounts.models import Role, RoleAssignment
    from thidua.scoring.models import AppraisalBody

    cs, subs = scoring
    officer = login(world.users["olga_officer"])
    a1 = _full_self(officer, world, cs, subs, "X1")
    owner = login(world.users["alice_owner"])
    owner.post(reverse("scoring:set_action", args=[cs.pk, "doan-tham-dinh"]),
               {"co_quan": world.units["D1"].pk, "linh_vuc": [cs.fields.get(code="tthc").pk]})
    body = AppraisalBody.objects.get(criteria_set=cs)
    assert body.body == world.units["D1"]
    assert list(body.fields.values_list("code", flat=True)) == ["tthc"]
    page = owner.get(reverse("scoring:set", args=[cs.pk])).content.decode()
    assert "Sở Nội vụ: Cải cách thủ tục hành chính" in page
    user = type(world.users["olga_officer"]).objects.create_user("sonv", password="x" * 12)
    RoleAssignment.objects.create(user=user, role=Role.OFFICER, unit=world.units["D1"])
    client = login(user)
    page = _appraise(client, a1, subs, {"1.1.2": {"points": "3", "reason": "thiếu"}})
    assert "Tiêu chí 1.1.2: lĩnh vực này không giao cho cơ quan của bạn." in page.content.decode()
    _appraise(client, a1, subs, {"2.1.2": {"points": "12"}})
    assert Score.objects.get(assessment=a1, sub_criterion=subs["2.1.2"]).appraised_points == 12
    a1.refresh_from_db()
    with pytest.raises(Exception, match="Chỉ Sở Nội vụ"):
        services.assessment_finalise(actor=user, assessment=a1, version=a1.version)
