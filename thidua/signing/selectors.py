"""Reads of signed papers and of upload verifications (never writes)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from thidua.accounts.access import capability_paths, is_admin
from thidua.accounts.capabilities import Capability
from thidua.accounts.models import Role, RoleAssignment
from thidua.org.models import Unit
from thidua.signing.models import (
    BodyAppearance,
    PaperVerification,
    SignedPaper,
    VerificationStatus,
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signed_versions(kind: str, object_id: int) -> list[SignedPaper]:
    return list(SignedPaper.objects.filter(kind=kind, object_id=object_id)
                .select_related("signer").order_by("-version"))


def latest_signed(kind: str, object_ids: Iterable[int]) -> dict[int, SignedPaper]:
    """The newest signed version of each paper, in one query."""
    out: dict[int, SignedPaper] = {}
    for row in SignedPaper.objects.filter(kind=kind, object_id__in=list(object_ids)) \
            .order_by("object_id", "-version"):
        out.setdefault(row.object_id, row)
    return out


def signed_bytes(paper: SignedPaper) -> bytes:
    """The stored bytes, refused when they no longer match the hash recorded at signing."""
    with paper.file.open("rb") as handle:
        data = handle.read()
    if sha256(data) != paper.sha256:
        raise ValidationError(f"Tệp đã ký “{paper.title}” (lần {paper.version}) trên máy chủ không "
                              "còn khớp với mã băm lưu lúc ký: tệp đã bị thay đổi, không cung cấp.")
    return data


def verifications(subjects: Iterable[str]) -> dict[str, PaperVerification]:
    """The latest check of each subject ("awards.file:12"), in one query."""
    out: dict[str, PaperVerification] = {}
    for row in PaperVerification.objects.filter(subject__in=list(subjects)) \
            .order_by("subject", "-checked_at", "-id"):
        out.setdefault(row.subject, row)
    return out


def unsigned_problems(papers: Iterable[tuple[str, str]]) -> list[str]:
    """For the completeness check when signed papers are required: `papers` are (subject,
    label) of the uploaded papers; each must be a PDF whose signatures are all valid."""
    papers = list(papers)
    checks = verifications(subject for subject, _ in papers)
    problems = []
    for subject, label in papers:
        check = checks.get(subject)
        if check is None:
            problems.append(f"“{label}” không phải tệp PDF có chữ ký số.")
        elif check.status == VerificationStatus.UNSIGNED:
            problems.append(f"“{label}” chưa được ký số.")
        elif check.status != VerificationStatus.VALID:
            problems.append(f"“{label}”: {check.summary}")
    return problems


def by_hash(hashes: Iterable[str]) -> tuple[dict[str, SignedPaper], dict[str, PaperVerification]]:
    """Signed papers and upload checks whose bytes have these SHA-256 (for export manifests)."""
    hashes = list(hashes)
    signed = {p.sha256: p for p in SignedPaper.objects.filter(sha256__in=hashes)}
    checked = {v.sha256: v for v in PaperVerification.objects.filter(sha256__in=hashes)
               .order_by("checked_at", "id")}
    return signed, checked


def appearance_units(user: Any) -> list[Any]:
    """The bodies whose signature box the user may set: those they sign for or own (with their
    current setting), admin: every body that has a setting or a signer."""
    if is_admin(user):
        ids = set(RoleAssignment.objects.filter(role=Role.SIGNER, unit__isnull=False)
                  .values_list("unit_id", flat=True))
        ids |= set(BodyAppearance.objects.values_list("unit_id", flat=True))
        units = Unit.objects.filter(pk__in=ids)
    else:
        paths = capability_paths(user, Capability.SIGN, Capability.MANAGE_CAMPAIGN)
        units = Unit.objects.filter(path__in=paths)
    return list(units.select_related("signing_appearance").order_by("sort_key", "pk"))
