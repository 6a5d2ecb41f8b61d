"""The plan and the registration form as .docx (and, with LibreOffice, as PDF whose first page
has the Decree 30/2020 header where it belongs)."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from thidua.campaigns import documents, services
from thidua.campaigns.models import Campaign
from thidua.campaigns.seedplans import PLAN_CODES, load_seed_plan
from thidua.campaigns.testing import launched_campaign, seed_issuers
from thidua.documents.checks import docx_problems, first_page_problems, page_number_problems, pdf_pages
from thidua.documents.checks import docx_text as full_docx_text
from thidua.documents.pdf import to_pdf_many

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def registered(world):
    today = timezone.localdate()
    campaign = launched_campaign(
        world, "P1-R", "P1", launched_on=today - timedelta(days=10),
        period={"start": today - timedelta(days=20), "end": today + timedelta(days=300)},
        milestones=[{"code": "registration", "label": "Đăng ký", "date": today + timedelta(days=9)}])
    part = campaign.participants.get(unit=world.units["X1"])
    services.registration_submit(actor=world.olga_officer, participant=part,
                                 collective_target="Hoàn thành xuất sắc nhiệm vụ CCHC.",
                                 individual_target="Hoàn thành xuất sắc nhiệm vụ.",
                                 people=[(world.people["p_x1"], "Có sáng kiến.")])
    return part


def test_the_plan_docx_has_the_header_body_signature_and_recipients(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.olga_officer).get(f"/phong-trao/{campaign.pk}/van-ban.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(response.content)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 12/KH-UBND", "Hà Giang, ngày 15 tháng 01 năm 2026", "KẾ HOẠCH",
                     "Phát động phong trào thi đua cải cách hành chính năm 2026",
                     "II. NỘI DUNG THI ĐUA", "b) Có sáng kiến.", "TM. ỦY BAN NHÂN DÂN",
                     "Nguyễn Văn A", "Nơi nhận"):
        assert expected in text, expected
    assert docx_problems(response.content) == []


def test_the_registration_docx_is_the_form_of_seed_002(world, login):
    part = registered(world)
    response = login(world.olga_officer).get(f"/phong-trao/tham-gia/{part.pk}/dang-ky.docx")
    text = full_docx_text(response.content)
    # The header names the issuing body: "ỦY BAN NHÂN DÂN / XÃ LŨNG CÚ".
    assert "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in " ".join(text.split())
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ LŨNG CÚ", "ĐĂNG KÝ", "1. Tập thể: Xã Lũng Cú",
                     "Hoàn thành xuất sắc nhiệm vụ CCHC.", "2. Cá nhân:", "Số lượng: 01",
                     "Nguyễn Thị Lan", "Có sáng kiến.", "THỦ TRƯỞNG CƠ QUAN"):
        assert expected in text, expected


def test_a_unit_without_registration_gets_no_form(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    part = campaign.participants.get(unit=world.units["X1"])
    response = login(world.olga_officer).get(f"/phong-trao/tham-gia/{part.pk}/dang-ky.docx")
    assert response.status_code == 302


@pytest.mark.libreoffice
def test_every_plan_converts_with_its_header_in_place(world, tmp_path):
    seed_issuers()
    campaigns = [services.campaign_save(actor=None, plan=load_seed_plan(code), check_access=False)
                 for code in PLAN_CODES]
    campaigns.append(launched_campaign(world, "P1-L", "P1"))
    paths = []
    for campaign in campaigns:
        path = tmp_path / f"{campaign.code}.docx"
        path.write_bytes(documents.plan_docx(campaign))
        paths.append(path)
    registration_path = tmp_path / "dang-ky.docx"
    part = registered(world)
    registration_path.write_bytes(documents.registration_form_docx(part.registration))
    pdfs = to_pdf_many([*paths, registration_path], tmp_path / "pdf")
    for campaign, pdf in zip(campaigns, pdfs, strict=False):
        pages = pdf_pages(pdf)
        first = pages[0]
        assert first_page_problems(first, issuing_body=campaign.issuing_body,
                                   doc_type=campaign.doc_type) == [], campaign.code
        assert page_number_problems(pages) == [], campaign.code
        doc_type = first.find(campaign.doc_type)
        subject = first.find(" ".join(campaign.title.split()[:4]))
        assert subject is not None and subject.y0 > doc_type.y0, campaign.code
    form = pdf_pages(pdfs[-1])
    assert first_page_problems(form[0], issuing_body="XÃ LŨNG CÚ", doc_type="ĐĂNG KÝ") == []


@pytest.mark.libreoffice
def test_the_plan_downloads_as_pdf(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.alice_owner).get(f"/phong-trao/{campaign.pk}/van-ban.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Campaign.objects.count() == 1


def test_an_unnumbered_plan_keeps_the_number_and_the_place_for_the_office(world):
    campaign = launched_campaign(world, "P1-N", "P1")
    Campaign.objects.filter(pk=campaign.pk).update(number_symbol="", place="", issued_on=None)
    campaign.refresh_from_db()
    text = " ".join(full_docx_text(documents.plan_docx(campaign)).split())
    assert "Số: /KH-" in text
    assert "Hà Giang Thử, ngày tháng năm" in text


def test_a_seed_plan_keeps_every_responsible_unit_and_its_markers(world):
    seed_issuers()
    campaign = services.campaign_save(actor=None, plan=load_seed_plan("DNO-CCHC-2022-2025"),
                                      check_access=False)
    text = full_docx_text(documents.plan_docx(campaign))
    assert "1. Các Sở, Ban, ngành; UBND các huyện, thành phố Gia Nghĩa:" in text
    assert "a) Xây dựng Kế hoạch triển khai thực hiện Phong trào thi đua" in text
    assert "2. Các cơ quan, đơn vị được UBND tỉnh giao làm đầu mối" in text
    assert "Giao Sở Nội vụ" in text
