"""The export for the national commendation system carries the signed PDFs, as signed, and a
manifest whose hashes match the files of the zip."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.sign import signers

from thidua.awards import jobs, services, testing
from thidua.awards.models import DocumentJob, JobStatus
from thidua.signing.models import SignedPaper
from thidua.signing.pades import Appearance, sign_pdf, verify_pdf
from thidua.signing.testing import simple_pdf


def test_the_export_manifest_matches_the_files(login, world, authority):
    officer, signer = world.users["olga_officer"], world.users["sam_signer"]
    authority.key_for(signer.username, "Nguyễn Văn Ký")
    authority.key_for("xa1", "Lê Thị Xã")
    dossier = testing.make_dossier(world, "X1")
    services.dossier_generate(actor=officer, dossier=dossier)
    letter = dossier.files.get(component="proposal_letter")
    letter.pdf.save("to-trinh.pdf", ContentFile(simple_pdf("TO TRINH")))
    # the head signs the tờ trình (HTTP), the unit uploads a PDF signed elsewhere
    response = login(signer).post(f"/ky-so/to-trinh/{letter.pk}/", follow=True)
    assert "Đã ký số" in response.content.decode()
    signed_letter = SignedPaper.objects.get(kind="to-trinh", object_id=letter.pk)
    outside = sign_pdf(simple_pdf("QUYET DINH CONG NHAN"), signer=signers.SimpleSigner
                       .load_pkcs12_data(authority.p12("xa1"), [], passphrase=b"mat-khau-thu"),
                       signer_name="Lê Thị Xã", appearance=Appearance(body_name="UBND xã X1"))
    dossier.refresh_from_db()
    services.dossier_file_upload(actor=officer, dossier=dossier, component="other",
                                 upload=SimpleUploadedFile("qd.pdf", outside, "application/pdf"),
                                 version=dossier.version)

    job = jobs.job_create(actor=officer, kind="dossier_export", unit=dossier.unit, label="Xuất",
                          params={"dossier_ids": [dossier.pk], "pdf": False})
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    with job.result.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = json.loads(archive.read("manifest.json"))
    names = sorted(n for n in archive.namelist() if n != "manifest.json")
    assert sorted(f["path"] for f in manifest["files"]) == names
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    by_hash = {f["sha256"]: f for f in manifest["files"]}
    # the signed tờ trình, byte for byte as signed, with who signed it
    signed_entry = by_hash[signed_letter.sha256]
    assert signed_entry["path"].endswith(f"ky-so/to-trinh-{letter.pk}-ky-lan-1.pdf")
    assert signed_entry["signature"]["signer"] == signed_letter.signer_name
    assert signed_entry["signature"]["certificate_sha256"] == signed_letter.certificate_fingerprint
    assert verify_pdf(archive.read(signed_entry["path"]),
                      trust_roots=[authority.root]).status == "valid"
    # the uploaded signed PDF, with the result of its check
    uploaded = by_hash[hashlib.sha256(outside).hexdigest()]
    assert uploaded["signature"]["status"] == "valid"
    assert uploaded["signature"]["signer"] == "Lê Thị Xã"
    assert DocumentJob.objects.get(pk=job.pk).status == JobStatus.DONE
