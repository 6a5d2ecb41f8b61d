"""Signing and verification with pyHanko, offline, with the suite's own CA (no database)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from thidua.signing.pades import Appearance, SigningFailed, sign_pdf, verify_pdf
from thidua.signing.testing import TestAuthority, simple_pdf

APPEARANCE = Appearance(body_name="Ủy ban nhân dân tỉnh Kiên Giang", location="Kiên Giang")


@pytest.fixture
def ca(tmp_path):
    return TestAuthority(tmp_path)


def _signer(ca: TestAuthority, label: str = "chutich", **validity) -> signers.Signer:
    ca.key_for(label, "Nguyễn Văn Ký", organisation="UBND tỉnh Kiên Giang", **validity)
    return signers.SimpleSigner.load_pkcs12_data(ca.p12(label), other_certs=[],
                                                 passphrase=b"mat-khau-thu")


def _sign(ca: TestAuthority, data: bytes | None = None, **validity) -> bytes:
    return sign_pdf(data or simple_pdf(), signer=_signer(ca, **validity),
                    signer_name="Nguyễn Văn Ký", appearance=APPEARANCE)


def test_it_signs_and_verifies(ca):
    signed = _sign(ca)
    check = verify_pdf(signed, trust_roots=[ca.root])
    assert check.status == "valid"
    (sig,) = check.signatures
    assert sig.signer_name == "Nguyễn Văn Ký"
    assert sig.intact and sig.unchanged and sig.trusted
    assert sig.certificate_period == "ok" and sig.revocation == "off"
    assert sig.signed_at is not None
    assert abs(sig.signed_at - datetime.now(tz=UTC)) < timedelta(minutes=5)
    assert not sig.timestamped and sig.problems == ()
    # pyHanko's own validator says the same.
    reader = PdfFileReader(__import__("io").BytesIO(signed))
    # In a thread of its own: pyHanko runs asyncio.run(), which refuses to start inside the
    # event loop a browser test's Playwright leaves running on the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        status = pool.submit(validate_pdf_signature, reader.embedded_signatures[0],
                             ValidationContext(trust_roots=[ca.root], allow_fetching=False)).result()
    assert status.bottom_line


def test_one_changed_byte_makes_it_invalid(ca):
    signed = bytearray(_sign(ca))
    at = signed.index(b"QUYET DINH")
    signed[at] = ord("X")
    check = verify_pdf(bytes(signed), trust_roots=[ca.root])
    assert check.status == "invalid"
    (sig,) = check.signatures
    assert not sig.intact
    assert any("không còn khớp" in p for p in sig.problems)


def test_a_change_appended_after_signing_is_reported(ca):
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(_sign(ca)))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 700 Td (SUA SAU KHI KY) Tj ET")
    page[generic.NameObject("/Contents")] = generic.ArrayObject(
        [page.raw_get("/Contents"), writer.add_object(extra)])
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    check = verify_pdf(out.getvalue(), trust_roots=[ca.root])
    assert check.status == "invalid"
    (sig,) = check.signatures
    assert sig.intact and not sig.unchanged
    assert "Văn bản đã bị thay đổi sau khi ký." in sig.problems


def test_an_unknown_root_is_untrusted(ca, tmp_path):
    other = TestAuthority(tmp_path / "khac", "CA khác")
    check = verify_pdf(_sign(ca), trust_roots=[other.root])
    (sig,) = check.signatures
    assert check.status == "invalid"
    assert sig.intact and not sig.trusted
    assert any("chuỗi tin cậy" in p for p in sig.problems)
    assert verify_pdf(_sign(ca), trust_roots=[]).status == "invalid"


def test_an_expired_certificate_is_flagged(ca):
    now = datetime.now(tz=UTC)
    signed = _sign(ca, not_before=now - timedelta(days=400), not_after=now - timedelta(days=1))
    (sig,) = verify_pdf(signed, trust_roots=[ca.root]).signatures
    assert sig.certificate_period == "expired" and not sig.valid
    assert "Chứng thư số đã hết hạn vào thời điểm ký." in sig.problems


def test_a_not_yet_valid_certificate_is_flagged(ca):
    now = datetime.now(tz=UTC)
    signed = _sign(ca, not_before=now + timedelta(days=2), not_after=now + timedelta(days=400))
    (sig,) = verify_pdf(signed, trust_roots=[ca.root]).signatures
    assert sig.certificate_period == "not_yet_valid" and not sig.valid
    assert "Chứng thư số chưa có hiệu lực vào thời điểm ký." in sig.problems


def test_an_unsigned_pdf_and_a_non_pdf(ca):
    assert verify_pdf(simple_pdf(), trust_roots=[ca.root]).status == "unsigned"
    check = verify_pdf(b"khong phai pdf", trust_roots=[ca.root])
    assert check.status == "unreadable" and "PDF" in check.problem


def test_a_second_signature_keeps_the_first_valid(ca):
    once = _sign(ca)
    twice = sign_pdf(once, signer=_signer(ca, "phochutich"), signer_name="Trần Thị Phó",
                     appearance=Appearance(body_name="UBND tỉnh Kiên Giang", page=0,
                                           box=(60, 60, 280, 130)))
    check = verify_pdf(twice, trust_roots=[ca.root])
    assert [s.valid for s in check.signatures] == [True, True]


def test_it_refuses_what_is_not_a_pdf_and_a_page_that_does_not_exist(ca):
    with pytest.raises(SigningFailed, match="không phải là một văn bản PDF"):
        sign_pdf(b"abc", signer=_signer(ca), signer_name="A", appearance=APPEARANCE)
    with pytest.raises(SigningFailed, match="không có trang 3"):
        sign_pdf(simple_pdf(), signer=_signer(ca), signer_name="A",
                 appearance=Appearance(body_name="UBND", page=2))


# --- B-T: a time-stamp server on this machine (pyHanko's TSA engine behind a real HTTP server)


def _tsa(ca: TestAuthority) -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's TSA: RSA
    now = datetime.now(tz=UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm")]))
            .issuer_name(ca.ca.certificate.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(ca.ca.key, hashes.SHA256()))
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())))


def test_with_a_timestamp_server_the_signature_is_b_t(ca):
    engine = _tsa(ca)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = engine.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        signed = sign_pdf(simple_pdf(), signer=_signer(ca), signer_name="Nguyễn Văn Ký",
                          appearance=APPEARANCE,
                          timestamp_url=f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    (sig,) = verify_pdf(signed, trust_roots=[ca.root]).signatures
    assert sig.timestamped and sig.valid
