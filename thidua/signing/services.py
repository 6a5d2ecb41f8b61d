"""Writes: sign a paper (a new frozen version), record the verification of an uploaded PDF."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.accounts.access import Actor, signed_in
from thidua.signing import backends
from thidua.signing.models import (
    BodyAppearance,
    PaperVerification,
    SignedPaper,
    SignerProfile,
    VerificationStatus,
)
from thidua.signing.pades import (
    Appearance,
    SigningFailed,
    readable_name,
    sign_pdf,
    verify_pdf,
)
from thidua.signing.registry import Paper
from thidua.signing.selectors import sha256


def _read(field: Any) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return bytes(handle.read())


def appearance_for(paper: Paper, profile: SignerProfile | None) -> Appearance:
    body = BodyAppearance.objects.filter(unit=paper.unit).first()
    signature = _read(profile.signature_image) if profile else None
    if body is None:
        return Appearance(body_name=paper.unit.name, signature_image=signature)
    return Appearance(
        body_name=body.display_name, page=body.page, location=body.location,
        box=(body.x, body.y, body.x + body.width, body.y + body.height),
        signature_image=signature, seal_image=_read(body.seal_image))


def signer_name(user: Any, profile: SignerProfile | None) -> str:
    if profile and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.get_username()


def paper_sign(*, actor: Actor, paper: Paper) -> SignedPaper:
    """Sign the paper's current PDF with the actor's key; a new version when the paper changed
    since its last signature, refused when that very PDF is already signed."""
    if not paper.may_sign:
        raise PermissionDenied("Bạn không có quyền ký văn bản này.")
    data = paper.pdf()
    if data is None:
        raise ValidationError(paper.missing or "Chưa có bản PDF của văn bản để ký.")
    source_hash = sha256(data)
    latest = SignedPaper.objects.filter(kind=paper.kind, object_id=paper.object_id) \
        .order_by("-version").first()
    if latest is not None and latest.source_sha256 == source_hash:
        raise ValidationError(f"Văn bản này đã được ký (lần {latest.version}, bởi "
                              f"{latest.signer_name}); nội dung chưa thay đổi nên không ký lại.")
    profile = SignerProfile.objects.filter(user=signed_in(actor)).first()
    name = signer_name(actor, profile)
    key_label = (profile.key_label if profile and profile.key_label else actor.get_username())
    timestamp_url = settings.SIGNING_TIMESTAMP_URL
    try:
        with backends.signer_for(key_label) as signer:
            cert = signer.signing_cert
            if cert is None:
                raise SigningFailed("Thiết bị ký số không có chứng thư số của khóa này.")
            validity = cert["tbs_certificate"]["validity"]
            now = timezone.now()
            if now > validity["not_after"].native:
                raise SigningFailed("Chứng thư số của bạn đã hết hạn: không thể ký.")
            if now < validity["not_before"].native:
                raise SigningFailed("Chứng thư số của bạn chưa có hiệu lực: không thể ký.")
            signed = sign_pdf(data, signer=signer, signer_name=name,
                              appearance=appearance_for(paper, profile),
                              timestamp_url=timestamp_url)
    except SigningFailed as exc:
        raise ValidationError(exc.message) from exc
    row = SignedPaper(
        kind=paper.kind, object_id=paper.object_id, version=(latest.version + 1 if latest else 1),
        title=paper.title[:300], unit=paper.unit, sha256=sha256(signed), size=len(signed),
        source_sha256=source_hash, signer=signed_in(actor), signer_name=name,
        certificate_subject=readable_name(cert.subject)[:500],
        certificate_issuer=readable_name(cert.issuer)[:500],
        certificate_serial=format(cert.serial_number, "x")[:100],
        certificate_fingerprint=cert.sha256.hex(), level="B-T" if timestamp_url else "B-B",
        signed_at=timezone.now())
    row.file.save(f"{row.sha256}.pdf", ContentFile(signed), save=False)
    try:
        with transaction.atomic():
            row.full_clean()
            row.save()
    except IntegrityError as exc:
        row.file.delete(save=False)
        raise ValidationError("Văn bản vừa được người khác ký; hãy tải lại trang.") from exc
    return row


def dossier_upload_check(subject: str, kind: str, data: bytes) -> None:
    """The check registered with the awards app: every PDF put into a dossier is verified."""
    if kind == "pdf":
        upload_verify(subject=subject, data=data)


@transaction.atomic
def upload_verify(*, subject: str, data: bytes) -> PaperVerification:
    """Check an uploaded PDF's signatures against the operator's trust roots and record it."""
    try:
        check = verify_pdf(data, trust_roots=backends.trust_roots(),
                           fetch_revocation=settings.SIGNING_REVOCATION)
    except SigningFailed as exc:
        raise ValidationError(exc.message) from exc
    first = check.signatures[0] if check.signatures else None
    problems: list[str] = [check.problem] if check.problem else []
    for sig in check.signatures:
        prefix = f"Chữ ký của {sig.signer_name}: " if len(check.signatures) > 1 else ""
        problems.extend(prefix + p for p in sig.problems)
    row = PaperVerification(
        subject=subject, sha256=sha256(data), status=VerificationStatus(check.status),
        signer_name=", ".join(s.signer_name for s in check.signatures)[:200],
        signed_at=first.signed_at if first else None,
        certificate_issuer=first.issuer[:500] if first else "",
        signatures=len(check.signatures), problems="\n".join(problems),
        revocation_checked=bool(settings.SIGNING_REVOCATION))
    row.full_clean()
    row.save()
    return row


MAX_IMAGE = 1024 * 1024


def _png(upload: Any, what: str) -> ContentFile:
    """A PNG image, checked by content (thidua.core.uploads), at most 1 MB."""
    from thidua.core.uploads import check_upload, open_image

    if upload.size and upload.size > MAX_IMAGE:
        raise ValidationError(f"{what} lớn hơn 1 MB.")
    check_upload(upload, {".png"})
    image = open_image(upload, formats=("PNG",))
    image.load()
    upload.seek(0)
    return ContentFile(upload.read(), name="anh.png")


@transaction.atomic
def signer_profile_update(*, actor: Actor, display_name: str, signature_image: Any = None
                          ) -> SignerProfile:
    """The actor's own name on signatures and (optionally) a new handwritten-signature image."""
    user = signed_in(actor)
    profile = SignerProfile.objects.filter(user=user).first() or SignerProfile(user=user)
    profile.display_name = display_name.strip()
    if signature_image is not None:
        profile.signature_image.save("chu-ky.png", _png(signature_image, "Ảnh chữ ký"),
                                     save=False)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def body_appearance_update(*, actor: Actor, unit: Any, display_name: str, location: str, page: int,
                           x: int, y: int, width: int, height: int, seal_image: Any = None
                           ) -> BodyAppearance:
    """How the body's signature box looks and where it stands (access checked by the caller)."""
    row = BodyAppearance.objects.filter(unit=unit).first() or BodyAppearance(unit=unit)
    row.display_name, row.location, row.page = display_name.strip(), location.strip(), page
    row.x, row.y, row.width, row.height = x, y, width, height
    if seal_image is not None:
        row.seal_image.save("dau.png", _png(seal_image, "Ảnh dấu"), save=False)
    row.full_clean()
    row.save()
    return row
