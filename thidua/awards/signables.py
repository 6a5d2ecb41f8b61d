"""The awards papers the signing app can sign: decision, certificates, council minutes, tờ trình.

Registered in AwardsConfig.ready() through `thidua.signing.registry`; each loader checks the
user's read access on the object (the same `access_*` as the awards pages) and says whether the
user may sign it. The PDF signed is the one the documents package produced (made on demand with
LibreOffice and kept, so that the signed source stays the same file).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.access import holds_capability_over
from thidua.accounts.capabilities import Capability
from thidua.awards import documents as docs
from thidua.awards.access import access_award, access_decision, access_dossier, access_meeting
from thidua.awards.models import Award, AwardDecision, CouncilMeeting, DossierFile, MeetingStatus
from thidua.documents import to_pdf
from thidua.documents.pdf import ConversionError
from thidua.signing import selectors as signing_selectors
from thidua.signing.registry import Paper, register_signable


def _holds(user: Any, unit: Any, *capabilities: Capability) -> bool:
    """The user holds one of `capabilities` over `unit` (or an ancestor)."""
    return holds_capability_over(user, unit.path, *capabilities)


def _read(field: FieldFile) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def _pdf(field: FieldFile, docx: Any, name: str) -> bytes:
    """The stored PDF, or the Word paper converted once (LibreOffice) and stored."""
    if not field:
        try:
            data = to_pdf(docx())
        except ConversionError as exc:
            raise ValidationError(str(exc.args[0]) if exc.args else "Không tạo được bản PDF.") \
                from exc
        field.save(name, ContentFile(data))
    return _read(field)


def load_decision(user: Any, object_id: int) -> Paper:
    decision = access_decision(user, get_object_or_404(
        AwardDecision.objects.select_related("issuer"), pk=object_id))
    may = _holds(user, decision.issuer, Capability.SIGN) and (
        decision.signer_id is None or decision.signer_id == user.pk)
    return Paper(kind="quyet-dinh", object_id=decision.pk, title=str(decision),
                 unit=decision.issuer, back_url=reverse("awards:decision", args=[decision.pk]),
                 may_sign=may,
                 pdf=lambda: _pdf(decision.pdf, lambda: docs.decision_bytes(decision),
                                  "quyet-dinh.pdf"))


def load_certificate(user: Any, object_id: int) -> Paper:
    award = access_award(user, get_object_or_404(
        Award.objects.select_related("unit", "person", "decision", "decision__issuer"),
        pk=object_id))
    decision = award.decision
    who = award.person.full_name if award.person else award.unit.name
    if decision is None:
        return Paper(kind="bang-khen", object_id=award.pk, title=f"{award.form_name} – {who}",
                     unit=award.unit, back_url=reverse("awards:unit_awards", args=[award.unit_id]),
                     may_sign=False, pdf=lambda: None,
                     missing="Khen thưởng nhập từ quyết định giấy: không có bằng khen để ký.")
    return Paper(kind="bang-khen", object_id=award.pk, title=f"{award.form_name} – {who}",
                 unit=decision.issuer, back_url=reverse("awards:decision", args=[decision.pk]),
                 may_sign=_holds(user, decision.issuer, Capability.SIGN),
                 pdf=lambda: _pdf(award.certificate, lambda: docs.certificates_bytes([award]),
                                  "bang-khen.pdf"))


def load_minutes(user: Any, object_id: int) -> Paper:
    meeting = access_meeting(user, get_object_or_404(
        CouncilMeeting.objects.select_related("council", "council__unit"), pk=object_id))
    unit = meeting.council.unit
    closed = meeting.status == MeetingStatus.CLOSED

    def pdf() -> bytes | None:
        if not closed:
            return None
        if not meeting.minutes_file:
            meeting.minutes_file.save("bien-ban-hop-hoi-dong.docx",
                                      ContentFile(docs.council_minutes_bytes(meeting)))
        return _pdf(meeting.minutes_pdf, lambda: _read(meeting.minutes_file),
                    "bien-ban-hop-hoi-dong.pdf")

    return Paper(kind="bien-ban", object_id=meeting.pk,
                 title=f"Biên bản họp {meeting.council.name} ngày {meeting.held_on:%d/%m/%Y}",
                 unit=unit, back_url=reverse("awards:meeting", args=[meeting.pk]),
                 may_sign=_holds(user, unit, Capability.SIGN, Capability.RUN_COUNCIL), pdf=pdf,
                 missing="" if closed else "Biên bản được lập khi kết thúc biểu quyết.")


def load_proposal(user: Any, object_id: int) -> Paper:
    row = get_object_or_404(DossierFile.objects.select_related("dossier", "dossier__unit",
                                                               "dossier__receiver"),
                            pk=object_id, component="proposal_letter")
    dossier = access_dossier(user, row.dossier)

    def pdf() -> bytes:
        return _pdf(row.pdf, lambda: _read(row.file), "to-trinh.pdf")

    return Paper(kind="to-trinh", object_id=row.pk, title=f"{row.label} – {dossier.unit.name}",
                 unit=dossier.unit, back_url=reverse("awards:dossier", args=[dossier.pk]),
                 may_sign=_holds(user, dossier.unit, Capability.SIGN, Capability.MANAGE_CAMPAIGN), pdf=pdf)


def register() -> None:
    register_signable("quyet-dinh", "Quyết định khen thưởng", load_decision)
    register_signable("bang-khen", "Bằng khen, giấy khen", load_certificate)
    register_signable("bien-ban", "Biên bản họp Hội đồng Thi đua – Khen thưởng", load_minutes)
    register_signable("to-trinh", "Tờ trình đề nghị khen thưởng", load_proposal)


# --- the export for the national commendation system -------------------------------------------


def signed_papers_of(dossier: Any) -> list[tuple[str, bytes]]:
    """The newest signed version of each of the dossier's signed papers, as (name in the
    dossier's folder, bytes exactly as signed — checked against the stored hash)."""
    from thidua.awards.jobs import slug

    wanted: list[tuple[str, dict[int, str]]] = [
        ("to-trinh", {pk: "to-trinh" for pk in dossier.files.filter(
            component="proposal_letter").values_list("pk", flat=True)}),
    ]
    if dossier.meeting_id:
        wanted.append(("bien-ban", {dossier.meeting_id: "bien-ban-hop-hoi-dong"}))
    if dossier.decision_id:
        wanted.append(("quyet-dinh", {dossier.decision_id: "quyet-dinh"}))
        awards = Award.objects.filter(decision_id=dossier.decision_id,
                                      nomination__dossier=dossier).select_related("unit", "person")
        wanted.append(("bang-khen", {a.pk: "bang-khen-" + slug(
            a.person.full_name if a.person else a.unit.name) for a in awards}))
    out = []
    for kind, names in wanted:
        for object_id, paper in sorted(signing_selectors.latest_signed(kind, names).items()):
            out.append((f"ky-so/{names[object_id]}-{object_id}-ky-lan-{paper.version}.pdf",
                        signing_selectors.signed_bytes(paper)))
    return out


def export_manifest(files: list[tuple[Path, str]]) -> str:
    """manifest.json: every file of the zip with its SHA-256 and size; signed papers with who
    signed, when and with which certificate; uploaded PDFs with the result of their check."""
    rows: list[dict[str, Any]] = []
    for path, arcname in files:
        data = path.read_bytes()
        rows.append({"path": arcname, "sha256": hashlib.sha256(data).hexdigest(),
                     "size": len(data)})
    signed, checked = signing_selectors.by_hash(str(r["sha256"]) for r in rows)
    for row in rows:
        paper = signed.get(row["sha256"])
        check = checked.get(row["sha256"])
        if paper is not None:
            row["signature"] = {
                "status": "valid", "signer": paper.signer_name,
                "signed_at": paper.signed_at.isoformat(), "level": f"PAdES {paper.level}",
                "certificate_subject": paper.certificate_subject,
                "certificate_issuer": paper.certificate_issuer,
                "certificate_sha256": paper.certificate_fingerprint}
        elif check is not None:
            row["signature"] = {
                "status": check.status, "signer": check.signer_name,
                "signed_at": check.signed_at.isoformat() if check.signed_at else None,
                "summary": check.summary}
    return json.dumps({"generated_at": timezone.now().isoformat(), "algorithm": "SHA-256",
                       "files": rows}, ensure_ascii=False, indent=2)
