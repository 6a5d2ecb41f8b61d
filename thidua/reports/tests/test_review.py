"""The review page and its .xlsx/.docx: every number reconciles with counts made here, straight
from the tables, independently of thidua.reports.selectors."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from thidua.awards.models import Award
from thidua.campaigns.models import Participant, RegisteredPerson, Registration
from thidua.contests.models import Attempt, Contest
from thidua.initiatives.models import Initiative
from thidua.org.models import Person
from thidua.results.models import AnnualResult

pytestmark = pytest.mark.django_db


def pct(part, whole):
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def expected(campaign, last_year):
    """The review's numbers, counted directly from the tables."""
    path = campaign.issuer.path
    years = list(range(campaign.period_start.year, last_year + 1))
    participants = Participant.objects.filter(campaign=campaign)
    awards = Award.objects.filter(campaign=campaign, year__lte=last_year).exclude(
        decision__status="draft")
    initiatives = Initiative.objects.filter(unit__path__startswith=path, year__in=years)
    contests = Contest.objects.filter(organiser__path__startswith=path)
    finished = Attempt.objects.filter(round__contest__in=contests,
                                      status__in=["submitted", "timed_out"])
    results = AnnualResult.objects.filter(unit__path__startswith=path, year__in=years,
                                          round__published=True)
    out = {
        ("Ban hành kế hoạch", "Số đơn vị tham gia", "Tổng cộng"): participants.count(),
        ("Ban hành kế hoạch", "Đã ban hành kế hoạch", "Tổng cộng"):
            participants.filter(plan_status="issued").count(),
        ("Ban hành kế hoạch", "Tỷ lệ ban hành kế hoạch (%)", "Tổng cộng"): pct(
            participants.filter(plan_status="issued").count(),
            participants.exclude(plan_status="exempt").count()),
        ("Đăng ký thi đua", "Đơn vị đã đăng ký", "Tổng cộng"):
            Registration.objects.filter(campaign=campaign).count(),
        ("Đăng ký thi đua", "Tỷ lệ đăng ký (%)", "Tổng cộng"): pct(
            Registration.objects.filter(campaign=campaign).count(), participants.count()),
        ("Đăng ký thi đua", "Cá nhân đăng ký", "Tổng cộng"):
            RegisteredPerson.objects.filter(registration__campaign=campaign).count(),
        ("Sáng kiến", "Sáng kiến đề xuất", "Tổng cộng"): initiatives.count(),
        ("Sáng kiến", "Sáng kiến được công nhận", "Tổng cộng"):
            initiatives.filter(status="recognised").count(),
        ("Sáng kiến", "Sáng kiến đã áp dụng", "Tổng cộng"):
            initiatives.filter(status="recognised", applied=True).count(),
        ("Cuộc thi", "Cán bộ đã dự thi", "Tổng cộng"):
            finished.filter(participant__person__isnull=False)
            .values("participant__person").distinct().count(),
        ("Cuộc thi", "Tỷ lệ tham gia (%)", "Tổng cộng"): pct(
            finished.filter(participant__person__isnull=False)
            .values("participant__person").distinct().count(),
            sum(Person.objects.filter(unit__path__startswith=c.organiser.path).count()
                for c in contests)),
        ("Khen thưởng", "Lượt khen thưởng", "Tổng cộng"): awards.count(),
        ("Khen thưởng", "Lượt khen thưởng", "Tập thể"): awards.filter(kind="collective").count(),
        ("Khen thưởng", "Lượt khen thưởng", "Cá nhân"): awards.filter(kind="individual").count(),
        ("Khen thưởng", "Tổng tiền thưởng (đồng)", "Tổng cộng"):
            sum(a.reward for a in awards),
    }
    labels = {"xuat_sac": "Xuất sắc", "tot": "Tốt", "kha": "Khá", "trung_binh": "Trung bình",
              "yeu": "Yếu"}
    for year in years:
        for code, label in labels.items():
            out[("Chỉ số CCHC", "Số đơn vị xếp loại", label, year)] = results.filter(
                year=year, classification=code).count()
    for form in awards.values_list("form_name", flat=True).distinct():
        out[("Khen thưởng", "Theo hình thức", form)] = awards.filter(form_name=form).count()
    for unit in awards.values_list("unit__name", flat=True).distinct():
        out[("Khen thưởng", "Theo đơn vị", unit)] = awards.filter(unit__name=unit).count()
    return out


def sheet(content):
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Mục", "Chỉ tiêu", "Nhóm", "Năm", "Giá trị")
    found = {}
    for section, indicator, group, year, value in rows[1:]:
        key = (section, indicator, group) if year in (None, "") else (section, indicator, group, year)
        found[key] = value
    return found


@pytest.mark.parametrize("slug, last_year", [("so-ket", 2023), ("tong-ket", 2025)])
def test_the_spreadsheet_reconciles_with_the_data(world, login, campaign, slug, last_year):
    response = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/{slug}.xlsx")
    assert response.status_code == 200
    found = sheet(response.content)
    want = expected(campaign, last_year)
    assert {k: found.get(k) for k in want} == want
    # The fixture is built so that every kind of exclusion is exercised.
    assert want[("Khen thưởng", "Lượt khen thưởng", "Tổng cộng")] == (3 if last_year == 2023 else 4)
    assert want[("Chỉ số CCHC", "Số đơn vị xếp loại", "Xuất sắc", 2022)] == 1
    if last_year == 2025:  # 2024's round is not published: it counts for nothing
        assert found[("Chỉ số CCHC", "Số đơn vị xếp loại", "Xuất sắc", 2024)] == 0


def docx_text(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_word_report_states_the_same_numbers(world, login, campaign):
    from thidua.documents.checks import docx_problems

    response = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/tong-ket.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert docx_problems(response.content) == []
    text = docx_text(response.content)
    want = expected(campaign, 2025)
    awards = want[("Khen thưởng", "Lượt khen thưởng", "Tổng cộng")]
    assert f"Đã khen thưởng {awards} lượt tập thể, cá nhân" in text
    issued = want[("Ban hành kế hoạch", "Đã ban hành kế hoạch", "Tổng cộng")]
    assert f"{issued} đơn vị đã ban hành kế hoạch thực hiện (đạt 50%" in text
    assert "BÁO CÁO" in text and "Tổng kết phong trào thi đua" in text
    assert "2022 | 1 | 1 | 1 | 0 | 0 | 82,87" in text  # published 2022 results and mean score
    assert "2024 |" not in text.split("Chỉ số cải cách hành chính")[-1].split("Công tác khen")[0]


def test_the_page_shows_the_numbers(world, login, campaign):
    html = login(world.users["carl_council"]).get(f"/bao-cao/{campaign.pk}/tong-ket/").content.decode()
    want = expected(campaign, 2025)
    assert f'data-figure="awards">{want[("Khen thưởng", "Lượt khen thưởng", "Tổng cộng")]}<' in html
    assert 'data-figure="plan-rate">50,0 %<' in html
    assert 'data-figure="registration-rate">66,7 %<' in html


def test_it_rejects_another_province(world, login, campaign):
    client = login(world.users["pete_owner"])
    assert client.get(f"/bao-cao/{campaign.pk}/tong-ket/").status_code == 403
    assert client.get(f"/bao-cao/{campaign.pk}/tong-ket.docx").status_code == 403


def test_an_unknown_kind_is_404(world, login, campaign):
    assert login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/nua-ky/").status_code == 404


def test_the_owner_writes_the_assessment(world, login, campaign):
    client = login(world.users["alice_owner"])
    response = client.post(f"/bao-cao/{campaign.pk}/tong-ket/sua/", {
        "last_year": 2025, "number_symbol": "215/BC-UBND", "place": "Hà Giang",
        "issued_on": "2025-12-10", "achievements": "Phong trào lan tỏa rộng khắp.",
        "shortcomings": "", "lessons": "", "directions": "Duy trì phong trào.\nNhân rộng mô hình.",
        "signer_capacity": "KT. CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Trần Văn Bình", "recipients": "Sở Nội vụ;\nLưu: VT."})
    assert response.status_code == 302
    text = docx_text(client.get(f"/bao-cao/{campaign.pk}/tong-ket.docx").content)
    assert "Phong trào lan tỏa rộng khắp." in text
    assert "Nhân rộng mô hình." in text
    assert "215/BC-UBND" in text and "Trần Văn Bình" in text


def test_the_council_may_read_but_not_write(world, login, campaign):
    client = login(world.users["carl_council"])
    assert client.get(f"/bao-cao/{campaign.pk}/tong-ket/").status_code == 200
    assert client.get(f"/bao-cao/{campaign.pk}/tong-ket/sua/").status_code == 403


def test_a_year_outside_the_period_is_refused(world, login, campaign):
    response = login(world.users["alice_owner"]).post(f"/bao-cao/{campaign.pk}/so-ket/sua/", {
        "last_year": 2030, "signer_title": "CHỦ TỊCH"})
    assert response.status_code == 200
    assert "Năm phải trong thời gian thi đua" in response.content.decode()


def test_a_long_theme_still_makes_a_document(world, login, campaign):
    campaign.theme = "Tăng cường ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính, " * 4
    campaign.save()
    response = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/tong-ket.docx")
    assert response.status_code == 200
    assert "Tổng kết phong trào thi đua “Tăng cường" in docx_text(response.content)


@pytest.mark.libreoffice
def test_the_pdf_is_converted_by_libreoffice(world, login, campaign):
    from thidua.documents import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice không có trên máy này")
    response = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/tong-ket.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
