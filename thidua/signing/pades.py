"""PAdES signing and verification of PDF papers with pyHanko (no Django here: bytes in, bytes out).

Signing adds one signature field whose appearance follows Decree 30/2020/NĐ-CP, Appendix I: the
signer's handwritten-signature image where the signer signs, and over its left third the
organisation's box ("Ký bởi", the body, the signing time in ISO 8601 with the Vietnam offset,
Times New Roman 10, blue). B-B by default; B-T when a time-stamp server is given.

Verification reads every signature of a PDF and says, in plain Vietnamese, who signed, when,
whether the bytes were changed after signing, whether the certificate chains to one of the
operator's trust roots, whether the certificate was valid at the signing time, and (when the
operator allows fetching) whether it was revoked.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from asn1crypto import x509 as asn1_x509
from pyhanko import stamp
from pyhanko.pdf_utils import images, layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

log = logging.getLogger(__name__)
T = TypeVar("T")
VIETNAM = timezone(timedelta(hours=7))
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)
FIELD_PREFIX = "ChuKySo"


class SigningFailed(Exception):
    """A paper could not be signed; `message` is Vietnamese and says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Appearance:
    """Where and how the signature shows on the paper (configured per body)."""

    body_name: str                      # "Ủy ban nhân dân tỉnh Kiên Giang"
    page: int = -1                      # 0 = first page, -1 = last page
    box: tuple[int, int, int, int] = (300, 90, 540, 170)  # x1, y1, x2, y2 in points
    signature_image: bytes | None = None  # the signer's handwritten signature (PNG)
    seal_image: bytes | None = None       # the body's seal (PNG, red, transparent)
    font_file: str | None = None
    reason: str = "Ban hành văn bản"
    location: str = ""


def font_file(preferred: str | None = None) -> str:
    for candidate in (preferred, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return _per_mille(candidate)
    raise SigningFailed("Không tìm thấy phông chữ Times New Roman (hoặc Liberation Serif) để "
                        "hiển thị chữ ký trên văn bản.")


def _per_mille(path: str) -> str:
    """The font with 1000 units per em. pyHanko writes glyph widths in font units while PDF
    reads them per mille, so a 2048-unit TrueType font (Times New Roman, Liberation) would be
    drawn letter-spaced; a scaled copy is made once, beside the system's temporary files."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = Path(path)
    font = TTFont(source, lazy=True)
    if font["head"].unitsPerEm == 1000:
        return path
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "thidua-fonts" / f"{source.stem}-{digest}-1000.ttf"
    if not target.is_file():
        font = TTFont(source)
        scale_upem(font, 1000)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        partial.replace(target)  # atomic: a concurrent signer never reads half a font
    return str(target)


def iso_vietnam(moment: datetime) -> str:
    """ISO 8601 with the Vietnam offset, as the decree asks: 2026-12-04T09:30:00+07:00."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _stamp_style(appearance: Appearance) -> stamp.TextStampStyle:
    background = None
    image = appearance.signature_image or appearance.seal_image
    if image:
        from PIL import Image

        try:
            background = images.PdfImage(Image.open(io.BytesIO(image)))
        except OSError as exc:
            raise SigningFailed("Ảnh chữ ký hoặc ảnh dấu không đọc được; hãy tải lên lại tệp "
                                "PNG.") from exc
    font = GlyphAccumulatorFactory(font_file(appearance.font_file), font_size=10)
    return stamp.TextStampStyle(
        stamp_text="Ký bởi: %(body)s\nNgười ký: %(signer)s\nThời gian ký: %(when)s",
        text_box_style=TextBoxStyle(font=font, font_size=10, text_color=(0.0, 0.0, 0.8),
                                    box_layout_rule=layout.SimpleBoxLayoutRule(
                                        x_align=layout.AxisAlignment.ALIGN_MIN,
                                        y_align=layout.AxisAlignment.ALIGN_MID)),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(4, 4, 4, 4),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT),
        border_width=1,
        border_color=(0.8, 0.0, 0.0),
        background=background,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(2, 2, 2, 2)),
    )


def _next_field_name(reader: PdfFileReader) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(reader)}
    index = 1
    while f"{FIELD_PREFIX}{index}" in taken:
        index += 1
    return f"{FIELD_PREFIX}{index}"


def _outside_event_loop(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """pyHanko's synchronous calls use asyncio.run(), which cannot run inside a running event
    loop (an async caller, a browser-test thread): there, run them on a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def sign_pdf(data: bytes, *, signer: signers.Signer, signer_name: str, appearance: Appearance,
             timestamp_url: str = "") -> bytes:
    """The PDF signed as PAdES B-B, or B-T when `timestamp_url` is set (see `_sign_pdf`)."""
    return _outside_event_loop(_sign_pdf, data, signer=signer, signer_name=signer_name,
                               appearance=appearance, timestamp_url=timestamp_url)


def verify_pdf(data: bytes, *, trust_roots: Sequence[asn1_x509.Certificate],
               fetch_revocation: bool = False, now: datetime | None = None) -> PdfCheck:
    """Every signature of `data`, verified (see `_verify_pdf`)."""
    return _outside_event_loop(_verify_pdf, data, trust_roots=trust_roots,
                               fetch_revocation=fetch_revocation, now=now)


def _sign_pdf(data: bytes, *, signer: signers.Signer, signer_name: str, appearance: Appearance,
             timestamp_url: str = "") -> bytes:
    """The PDF signed as PAdES B-B, or B-T when `timestamp_url` is set (the time-stamp token
    comes from that server over HTTP)."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError) as exc:
        raise SigningFailed("Tệp không phải là một văn bản PDF đọc được.") from exc
    name = _next_field_name(writer.prev)
    pages = int(writer.root["/Pages"]["/Count"])
    page = appearance.page if appearance.page >= 0 else pages + appearance.page
    if not 0 <= page < pages:
        raise SigningFailed(f"Văn bản có {pages} trang: không có trang {page + 1} để đặt chữ ký.")
    meta = signers.PdfSignatureMetadata(
        field_name=name, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=appearance.reason or None, location=appearance.location or None,
        name=signer_name, use_pades_lta=False)
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    pdf_signer = signers.PdfSigner(
        meta, signer, timestamper=timestamper, stamp_style=_stamp_style(appearance),
        new_field_spec=fields.SigFieldSpec(name, on_page=page, box=appearance.box))
    moment = datetime.now(tz=VIETNAM)
    try:
        out = pdf_signer.sign_pdf(writer, appearance_text_params={
            "body": appearance.body_name, "signer": signer_name, "when": iso_vietnam(moment)})
    except (SigningError, OSError, ValueError) as exc:
        log.warning("signing failed: %s", exc)
        raise SigningFailed("Không ký được văn bản (khóa ký số hoặc máy chủ cấp dấu thời gian "
                            "không phản hồi đúng); hãy thử lại hoặc báo quản trị hệ thống.") \
            from exc
    return bytes(out.getvalue())


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF, as verified."""

    signer_name: str
    subject: str
    issuer: str
    serial: str
    fingerprint: str                 # SHA-256 of the signer's certificate, hex
    signed_at: datetime | None       # the signer's claimed time, or the time stamp's
    timestamped: bool
    intact: bool                     # the bytes it covers are those signed, the maths holds
    unchanged: bool                  # nothing but allowed updates after it
    trusted: bool                    # chains to a configured trust root
    certificate_period: str          # "ok" | "expired" | "not_yet_valid"
    revocation: str                  # "off" | "checked" | "revoked"
    problems: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return (self.intact and self.unchanged and self.trusted
                and self.certificate_period == "ok" and self.revocation != "revoked")


@dataclass(frozen=True)
class PdfCheck:
    """Every signature of one PDF; `readable` False when the bytes are not a PDF."""

    readable: bool
    signatures: tuple[SignatureCheck, ...] = field(default_factory=tuple)
    problem: str = ""

    @property
    def status(self) -> str:
        if not self.readable:
            return "unreadable"
        if not self.signatures:
            return "unsigned"
        return "valid" if all(s.valid for s in self.signatures) else "invalid"


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """A certificate from PEM or DER bytes."""
    from asn1crypto import pem

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def _name(cert: asn1_x509.Certificate) -> str:
    attrs = cert.subject.native
    return str(attrs.get("common_name") or readable_name(cert.subject))


def readable_name(name: asn1_x509.Name) -> str:
    """A distinguished name as a person reads it: "Nguyễn Văn Ký, UBND tỉnh Kiên Giang, VN"."""
    attrs = name.native
    parts = [attrs.get(key) for key in ("common_name", "organizational_unit_name",
                                        "organization_name", "locality_name",
                                        "state_or_province_name", "country_name")]
    flat = [", ".join(p) if isinstance(p, list) else str(p) for p in parts if p]
    return ", ".join(flat) or "(không ghi tên)"


def _period(cert: asn1_x509.Certificate, at: datetime) -> str:
    validity = cert["tbs_certificate"]["validity"]
    if at < validity["not_before"].native:
        return "not_yet_valid"
    if at > validity["not_after"].native:
        return "expired"
    return "ok"


def _verify_pdf(data: bytes, *, trust_roots: Sequence[asn1_x509.Certificate],
               fetch_revocation: bool = False, now: datetime | None = None) -> PdfCheck:
    """Verify every signature in `data`. Revocation is checked (soft-fail: an unreachable
    responder is not a verdict) only when `fetch_revocation` is on; offline it is "off"."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.info("unreadable PDF: %s", exc)
        return PdfCheck(readable=False, problem="Tệp không đọc được như một văn bản PDF (tệp hỏng "
                                                "hoặc không đúng định dạng).")
    checks = []
    for sig in embedded:
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=fetch_revocation,
                                    revocation_mode="soft-fail")
        checks.append(_check(sig, context, fetch_revocation, now or datetime.now(tz=VIETNAM)))
    return PdfCheck(readable=True, signatures=tuple(checks))


def _check(sig: object, context: ValidationContext, fetch: bool, now: datetime) -> SignatureCheck:
    cert = sig.signer_cert  # type: ignore[attr-defined]
    problems: list[str] = []
    try:
        status = validate_pdf_signature(sig, context)  # type: ignore[arg-type]
    except (SignatureValidationError, ValueError) as exc:
        log.info("signature not checkable: %s", exc)
        return SignatureCheck(
            signer_name=_name(cert), subject=readable_name(cert.subject),
            issuer=readable_name(cert.issuer), serial=format(cert.serial_number, "x"),
            fingerprint=cert.sha256.hex(), signed_at=None, timestamped=False, intact=False,
            unchanged=False, trusted=False, certificate_period=_period(cert, now),
            revocation="off", problems=("Chữ ký bị hỏng, không kiểm tra được.",))
    stamp_validity = status.timestamp_validity
    signed_at = (stamp_validity.timestamp if stamp_validity is not None
                 else status.signer_reported_dt)
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append("Nội dung văn bản không còn khớp với chữ ký (văn bản đã bị sửa hoặc "
                        "chữ ký bị hỏng).")
    level = status.modification_level
    unchanged = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and level is not None
        and level <= ModificationLevel.FORM_FILLING and bool(status.docmdp_ok))
    if intact and not unchanged:
        problems.append("Văn bản đã bị thay đổi sau khi ký.")
    period = _period(cert, signed_at or now)
    if period == "expired":
        problems.append("Chứng thư số đã hết hạn vào thời điểm ký.")
    elif period == "not_yet_valid":
        problems.append("Chứng thư số chưa có hiệu lực vào thời điểm ký.")
    trusted = bool(status.trusted)
    indication = str(getattr(status, "trust_problem_indic", "") or "")
    revocation = "checked" if fetch else "off"
    if "REVOKED" in indication:
        revocation = "revoked"
        problems.append("Chứng thư số đã bị thu hồi.")
    elif not trusted and period == "ok":
        problems.append("Chứng thư số không thuộc chuỗi tin cậy đã cấu hình (không xác định "
                        "được tổ chức cấp).")
    return SignatureCheck(
        signer_name=_name(cert), subject=readable_name(cert.subject),
        issuer=readable_name(cert.issuer), serial=format(cert.serial_number, "x"),
        fingerprint=cert.sha256.hex(), signed_at=signed_at,
        timestamped=stamp_validity is not None, intact=intact, unchanged=bool(unchanged),
        trusted=trusted, certificate_period=period, revocation=revocation,
        problems=tuple(problems))
