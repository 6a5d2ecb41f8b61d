"""`thidua signing-demo-keys`: a test CA and the demo signers' keys (0600, idempotent); a decision
issued in the demo, signed with the demo key, is accepted by pyHanko's own validator."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from thidua.accounts.models import User
from thidua.signing.models import SignedPaper
from thidua.signing.pades import load_certificate


@pytest.fixture
def dirs(tmp_path, settings):
    settings.SIGNING_KEY_DIR = str(tmp_path / "keys")
    settings.SIGNING_TRUST_ROOTS = str(tmp_path / "trust")
    settings.SIGNING_KEY_PASSPHRASE = ""
    settings.SIGNING_KEY_BACKEND = "pkcs12"
    return tmp_path


def _run(dirs: Path) -> str:
    out = StringIO()
    call_command("signing_demo_keys", ca_dir=str(dirs / "ca"), stdout=out)
    return out.getvalue()


def test_it_makes_a_ca_and_a_key_per_signer_readable_by_the_owner_only(world, dirs):
    text = _run(dirs)
    assert "Đã tạo CA thử nghiệm" in text
    key = dirs / "keys" / "sam_signer.p12"
    for path in (key, dirs / "ca" / "goc-tin-cay.key"):
        assert path.stat().st_mode & 0o777 == 0o600
    assert (dirs / "trust" / "ca-thu-nghiem-thidua.pem").read_bytes().startswith(
        b"-----BEGIN CERTIFICATE-----")
    before = key.read_bytes()
    again = _run(dirs)
    assert "0 khóa mới, 1 khóa đã có" in again and "Đã tạo CA" not in again
    assert key.read_bytes() == before


def test_it_refuses_an_unknown_user_and_production(world, dirs, settings):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có tài khoản: khong-co"):
        call_command("signing_demo_keys", user=["khong-co"], ca_dir=str(dirs / "ca"),
                     stdout=StringIO())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        _run(dirs)


@pytest.mark.libreoffice
def test_a_demo_decision_signed_with_the_demo_key_passes_pyhanko(db, client, dirs, monkeypatch,
                                                                  settings):
    from thidua.awards.models import AwardDecision
    from thidua.demo import registry

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(registry, "_ENTRIES", {})
    registry.register("campaigns", "thidua.campaigns.demo:load", order=20)
    registry.register("results", "thidua.results.demo:load", order=30)
    registry.register("awards", "thidua.awards.demo:load", order=60)
    monkeypatch.setattr("thidua.awards.demo._papers", lambda dossier, log: None)
    call_command("demo", "--size", "tiny", stdout=StringIO())
    _run(dirs)
    decision = AwardDecision.objects.get()
    signer = User.objects.get(username="chutich")
    assert (dirs / "keys" / "chutich.p12").exists()
    client.force_login(signer)
    response = client.post(f"/ky-so/quyet-dinh/{decision.pk}/", follow=True)
    assert "Đã ký số" in response.content.decode()
    row = SignedPaper.objects.get(kind="quyet-dinh", object_id=decision.pk)
    data = client.get(f"/ky-so/ban-da-ky/{row.pk}/").content
    root = load_certificate((dirs / "trust" / "ca-thu-nghiem-thidua.pem").read_bytes())
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(embedded) == 1
    status = validate_pdf_signature(embedded[0], ValidationContext(trust_roots=[root],
                                                                   allow_fetching=False))
    assert status.bottom_line and status.trusted and status.intact
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
