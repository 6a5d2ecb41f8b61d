"""The papers the awards part writes open in LibreOffice headless and keep the Decree 30 layout;
the dossier export holds each paper as Word and PDF."""

import io
import zipfile
from datetime import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.awards import documents as docs
from thidua.awards import services
from thidua.awards.models import Award, DocumentJob, JobStatus
from thidua.documents import to_pdf, to_pdf_many
from thidua.documents.checks import first_page_problems, pdf_pages

pytestmark = pytest.mark.libreoffice


@pytest.fixture
def decided(world, campaign, council):
    """A dossier of X1 taken to a decision through the services, with a woman nominated too."""
    olga, alice = world.users["olga_officer"], world.users["alice_owner"]
    dossier = services.dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                                      unit=world.units["X1"])
    services.nomination_add(actor=olga, dossier=dossier, kind="collective",
                            unit=world.units["X1"],
                            award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-COLL"))
    services.nomination_add(actor=olga, dossier=dossier, kind="individual",
                            person=world.people["p_x1"],
                            award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-IND"))
    services.dossier_generate(actor=olga, dossier=dossier)
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        services.dossier_file_upload(actor=olga, dossier=dossier, component=component,
                                     upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4"))
    for actor, name in ((olga, "submit"), (alice, "receive"), (alice, "start_appraisal"),
                        (alice, "appraise")):
        services.dossier_transition(actor=actor, dossier=dossier, name=name)
    meeting = services.meeting_create(actor=alice, council=council, held_on=timezone.localdate(),
                                      start=time(8, 0), venue="Hội trường",
                                      purpose="xét khen thưởng", secretary="Lê Thư Ký")
    services.dossier_transition(actor=alice, dossier=dossier, name="send_to_council",
                                meeting=meeting)
    for member in council.members.all():
        for n in dossier.nominations.all():
            services.ballot_cast(actor=member.user, meeting=meeting, nomination=n,
                                 choice="approve")
    services.meeting_close(actor=alice, meeting=meeting)
    services.dossier_transition(actor=alice, dossier=dossier, name="propose")
    decision = services.decision_issue(actor=world.users["sam_signer"], dossiers=[dossier],
                                       number_symbol="12/QĐ-UBND", signed_on=timezone.localdate(),
                                       signer_name="Nguyễn Văn Chủ")
    return dossier, meeting, decision


def test_every_generated_paper_opens_in_libreoffice(tmp_path, decided):
    dossier, meeting, decision = decided
    papers = {f.label: f.file.read() for f in dossier.files.filter(source="generated")}
    papers["Biên bản"] = docs.council_minutes_bytes(meeting)
    papers["Quyết định"] = docs.decision_bytes(decision)
    papers["Bằng khen"] = docs.certificates_bytes(list(decision.awards.all()))
    paths = []
    for i, data in enumerate(papers.values()):
        path = tmp_path / f"van-ban-{i}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = to_pdf_many(paths, tmp_path / "pdf")
    texts = [" ".join(p.text for p in pdf_pages(pdf.read_bytes())) for pdf in pdfs]
    assert all(texts)
    joined = " ".join(texts)
    for phrase in ("TỜ TRÌNH", "BÁO CÁO THÀNH TÍCH", "BIÊN BẢN", "QUYẾT ĐỊNH", "Lũng Cú",
                   "Nguyễn Thị Lan", "12/QĐ-UBND"):
        assert phrase in joined, phrase


def test_the_decision_keeps_the_decree_30_header(decided):
    _, _, decision = decided
    page = pdf_pages(to_pdf(docs.decision_bytes(decision)), 1, 1)[0]
    assert first_page_problems(page, doc_type="QUYẾT ĐỊNH") == []
    assert "10.530.000" in page.text or "Tổng" in " ".join(
        p.text for p in pdf_pages(to_pdf(docs.decision_bytes(decision))))


def test_the_decision_papers_job_makes_the_pdf_and_one_certificate_per_awardee(login, world,
                                                                                decided):
    _, _, decision = decided
    job = DocumentJob.objects.create(kind="decision_papers", label="x", unit=decision.issuer,
                                     params={"decision_id": decision.pk})
    from thidua.awards.jobs import run_job

    run_job(job.pk)
    job.refresh_from_db()
    decision.refresh_from_db()
    assert job.status == JobStatus.DONE and job.percent == 100
    assert decision.pdf and all(a.certificate for a in Award.objects.filter(decision=decision))
    award = Award.objects.filter(decision=decision, kind="individual").get()
    response = login(world.users["olga_officer"]).get(f"/khen-thuong/bang-khen/{award.pk}/")
    content = b"".join(response.streaming_content)
    assert content[:4] == b"%PDF" and "Nguyễn Thị Lan" in pdf_pages(content)[0].text


def test_the_dossier_export_has_word_and_pdf_of_each_paper(login, world, decided):
    dossier, _, _ = decided
    client = login(world.users["olga_officer"])
    response = client.post(f"/khen-thuong/ho-so/{dossier.pk}/xuat/")
    job = DocumentJob.objects.get(kind="dossier_export")
    assert response.status_code == 302 and job.status == JobStatus.DONE, job.message
    archive = zipfile.ZipFile(io.BytesIO(b"".join(
        client.get(f"/khen-thuong/cong-viec/{job.pk}/tai/").streaming_content)))
    names = archive.namelist()
    word = [n for n in names if n.endswith(".docx")]
    assert word and all(n[:-5] + ".pdf" in names for n in word)
