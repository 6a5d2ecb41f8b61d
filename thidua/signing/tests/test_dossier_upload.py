"""Every PDF uploaded into a dossier is verified; the dossier page (HTTP) shows the result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyhanko.sign import signers

from thidua.awards import testing
from thidua.awards.models import DossierFile
from thidua.signing.models import PaperVerification
from thidua.signing.pades import Appearance, sign_pdf
from thidua.signing.testing import TestAuthority, simple_pdf


@pytest.fixture
def dossier(world):
    return testing.make_dossier(world, "X1")


def _signed(ca: TestAuthority, label: str = "xa1") -> bytes:
    ca.key_for(label, "Lê Thị Xã", organisation="UBND xã X1")
    signer = signers.SimpleSigner.load_pkcs12_data(ca.p12(label), other_certs=[],
                                                   passphrase=b"mat-khau-thu")
    return sign_pdf(simple_pdf("QUYET DINH CONG NHAN"), signer=signer, signer_name="Lê Thị Xã",
                    appearance=Appearance(body_name="Ủy ban nhân dân xã X1"))


def _upload(client, dossier, data: bytes, name: str = "quyet-dinh.pdf"):
    dossier.refresh_from_db()
    return client.post(f"/khen-thuong/ho-so/{dossier.pk}/tai-len/", {
        "version": dossier.version, "component": "other",
        "file": SimpleUploadedFile(name, data, content_type="application/pdf")}, follow=True)


def test_the_dossier_page_shows_a_valid_signature(login, world, dossier, authority):
    client = login(world.users["olga_officer"])
    assert "Đã tải lên." in _upload(client, dossier, _signed(authority)).content.decode()
    row = DossierFile.objects.get(dossier=dossier)
    check = PaperVerification.objects.get(subject=f"awards.file:{row.pk}")
    assert check.status == "valid" and check.signer_name == "Lê Thị Xã"
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Đã ký số hợp lệ</span> — Ký bởi Lê Thị Xã, lúc" in page
    assert "CA thử nghiệm của bộ kiểm thử" in page
    assert "Chưa kiểm tra thu hồi chứng thư" in page  # offline: revocation off, and said so


def test_a_changed_byte_shows_an_invalid_signature(login, world, dossier, authority):
    data = bytearray(_signed(authority))
    at = data.index(b"QUYET DINH")
    data[at + 1] = ord("X")
    client = login(world.users["olga_officer"])
    _upload(client, dossier, bytes(data))
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Chữ ký không hợp lệ:</span> Nội dung văn bản không còn khớp với chữ ký" in page


def test_a_signature_from_an_unknown_root_is_untrusted(login, world, dossier, authority, tmp_path):
    stranger = TestAuthority(tmp_path / "la", "CA lạ")
    client = login(world.users["olga_officer"])
    _upload(client, dossier, _signed(stranger))
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Chữ ký không hợp lệ:</span> Chứng thư số không thuộc chuỗi tin cậy" in page


def test_an_unsigned_pdf_is_shown_and_can_be_required(login, world, dossier, authority, settings):
    client = login(world.users["olga_officer"])
    _upload(client, dossier, simple_pdf(), "bao-cao.pdf")
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "Chưa ký số" in page
    assert "chưa được ký số" not in page
    settings.SIGNING_REQUIRE_SIGNED_UPLOADS = True
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert "“Tài liệu khác” chưa được ký số." in page
    _upload(client, dossier, _signed(authority))
    page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert page.count("chưa được ký số.") == 1  # the signed one passes, the unsigned one not


def test_the_page_reads_the_checks_in_one_query(login, world, dossier, authority):
    client = login(world.users["olga_officer"])
    signed = _signed(authority)
    _upload(client, dossier, signed)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/khen-thuong/ho-so/{dossier.pk}/")
    for _ in range(3):
        _upload(client, dossier, signed)
    with CaptureQueriesContext(connection) as four:
        page = client.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert page.count("Đã ký số hợp lệ") == 4
    assert len(four) == len(one)
