"""Test helpers: a CA made in a temporary folder, keys for personas, a small PDF to sign."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

from thidua.signing import pki


def simple_pdf(text: str = "QUYET DINH KHEN THUONG") -> bytes:
    """A one-page A4 PDF whose content stream (uncompressed) carries `text` (ASCII)."""
    writer = PdfFileWriter()
    content = generic.StreamObject(stream_data=f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode())
    font = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Times-Roman")})
    page = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(
            [generic.NumberObject(n) for n in (0, 0, 595, 842)]),
        generic.NameObject("/Contents"): writer.add_object(content),
        generic.NameObject("/Resources"): generic.DictionaryObject({
            generic.NameObject("/Font"): generic.DictionaryObject({
                generic.NameObject("/F1"): writer.add_object(font)})}),
    })
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class TestAuthority:
    """A CA in `base`: the root in trust/, keys in keys/; `configure(settings)` points the
    signing settings at them (pytest-django's `settings` fixture)."""

    __test__ = False  # not a pytest test class

    def __init__(self, base: Path, common_name: str = "CA thử nghiệm của bộ kiểm thử") -> None:
        self.base = base
        self.ca = pki.make_ca(common_name)
        self.trust = base / "trust"
        self.keys = base / "keys"
        self.keys.mkdir(parents=True, exist_ok=True)
        pki.save_ca(self.ca, base / "ca")
        (self.trust).mkdir(parents=True, exist_ok=True)
        (self.trust / "goc.pem").write_bytes(self.ca.pem)

    def configure(self, settings: Any) -> None:
        settings.SIGNING_KEY_BACKEND = "pkcs12"
        settings.SIGNING_KEY_DIR = str(self.keys)
        settings.SIGNING_TRUST_ROOTS = str(self.trust)
        settings.SIGNING_KEY_PASSPHRASE = "mat-khau-thu"  # noqa: S105 - the test CA's own
        settings.SIGNING_TIMESTAMP_URL = ""
        settings.SIGNING_REVOCATION = False

    def key_for(self, label: str, name: str, *, organisation: str = "",
                not_before: datetime | None = None, not_after: datetime | None = None) -> Path:
        return pki.save_signer(self.ca, self.keys / f"{label}.p12", name,
                               organisation=organisation, passphrase=b"mat-khau-thu",
                               not_before=not_before, not_after=not_after)

    def p12(self, label: str) -> bytes:
        return (self.keys / f"{label}.p12").read_bytes()

    @property
    def root(self) -> Any:
        from thidua.signing.pades import load_certificate

        return load_certificate(self.ca.pem)
