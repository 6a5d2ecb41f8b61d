"""Building many documents in the background (huey), with progress the user can watch.

A `DocumentJob` row is created in the request; the huey task (thidua/awards/tasks.py) claims it
with a conditional UPDATE (queued -> running), so a job runs once even if enqueued twice, and
advances `done` as it goes. Kinds:

* ``dossiers_generate``: write the generated papers (.docx) of many dossiers;
* ``dossier_export``: the dossiers' papers as the national electronic commendation system takes
  them — each paper as .docx and PDF, one folder per dossier, the signed PDFs (thidua.signing)
  as signed, and manifest.json with every file's SHA-256, in one .zip;
* ``decision_papers``: the decision's PDF and one print-ready PDF certificate per awardee;
* ``minutes_pdf``: the council minutes as PDF.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from thidua.accounts.access import Actor, account_of
from thidua.awards import documents as docs
from thidua.awards import signables
from thidua.awards.models import (
    AwardDecision,
    CouncilMeeting,
    DocumentJob,
    Dossier,
    FileSource,
    JobStatus,
)
from thidua.core.text import fold
from thidua.documents import to_pdf, to_pdf_many
from thidua.org.models import Unit


def job_create(*, actor: Actor, kind: str, unit: Unit, label: str, params: dict[str, Any],
               total: int = 0) -> DocumentJob:
    return DocumentJob.objects.create(kind=kind, unit=unit, label=label, params=params,
                                      total=total,
                                      created_by=account_of(actor))


def job_enqueue(job: DocumentJob) -> None:
    """Run now when huey is immediate (tests, HUEY_IMMEDIATE=1), otherwise queue it."""
    from thidua.awards.tasks import build_documents

    if settings.HUEY.get("immediate"):
        run_job(job.pk)
    else:
        build_documents(job.pk)


def _progress(job: DocumentJob, step: int = 1) -> None:
    DocumentJob.objects.filter(pk=job.pk).update(done=F("done") + step)


def run_job(job_id: int) -> None:
    claimed = DocumentJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING)
    if not claimed:
        return  # already running or finished: a job runs once
    job = DocumentJob.objects.get(pk=job_id)
    try:
        RUNNERS[job.kind](job)
    except Exception as exc:  # noqa: BLE001 - the user sees why the job failed
        message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
        DocumentJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message=f"Không tạo được văn bản: {message}"[:2000],
            finished_at=timezone.now())
        return
    DocumentJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, finished_at=timezone.now(),
                                                 done=F("total"))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")[:60] or "van-ban"


def _convert(sources: Sequence[Path], outdir: Path, workers: int = 1) -> list[Path]:
    return to_pdf_many(sources, outdir, workers=workers) if sources else []


# --- dossier export ----------------------------------------------------------------------


def dossier_export(job: DocumentJob) -> None:
    """Every paper of the dossiers as .docx (generated ones written when missing) and PDF, in
    one .zip; params: dossier_ids, pdf (default true), workers (soffice processes, default 1)."""
    from thidua.awards.services import papers_generate

    ids = list(job.params.get("dossier_ids", []))
    pdf = bool(job.params.get("pdf", True))
    workers = int(job.params.get("workers", 1))
    dossiers = list(Dossier.objects.filter(pk__in=ids).select_related("unit", "campaign",
                                                                        "receiver"))
    DocumentJob.objects.filter(pk=job.pk).update(total=len(dossiers) * (2 if pdf else 1))
    with tempfile.TemporaryDirectory(prefix="thidua-export-") as work:
        root = Path(work)
        word: list[Path] = []
        entries: list[tuple[Path, str]] = []
        have = set(Dossier.objects.filter(pk__in=ids, files__source=FileSource.GENERATED)
                   .values_list("pk", flat=True))
        papers_generate(actor=job.created_by, dossiers=[d for d in dossiers if d.pk not in have])
        for d in dossiers:
            folder = f"{d.pk:05d}-{slug(d.unit.name)}"
            for index, f in enumerate(d.files.order_by("component", "nomination_id", "id"), 1):
                name = f"{index:02d}-{slug(f.label)}"
                suffix = Path(f.file.name).suffix.lower()
                target = root / f"{d.pk:05d}-{name}{suffix}"
                with f.file.open("rb") as handle:
                    target.write_bytes(handle.read())
                entries.append((target, f"{folder}/{name}{suffix}"))
                if suffix == ".docx":
                    word.append(target)
            for arcname, data in signables.signed_papers_of(d):  # the signed PDFs, as signed
                target = root / f"{d.pk:05d}-ky-so-{len(entries)}.pdf"
                target.write_bytes(data)
                entries.append((target, f"{folder}/{arcname}"))
            _progress(job)
        pdfs = _convert(word, root / "pdf", workers) if pdf else []
        _progress(job, len(dossiers) if pdf else 0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            written = list(entries)
            by_stem = {p.stem: p for p in pdfs}
            for path, arcname in entries:
                if path.suffix == ".docx" and path.stem in by_stem:
                    written.append((by_stem[path.stem], arcname[:-5] + ".pdf"))
            for path, arcname in written:
                archive.write(path, arcname)
            archive.writestr("manifest.json", signables.export_manifest(written))
    job.result.save("ho-so-khen-thuong.zip", ContentFile(buffer.getvalue()), save=True)


def dossiers_generate(job: DocumentJob) -> None:
    """Write the generated papers (.docx) of many dossiers, one dossier at a time."""
    from thidua.awards.services import papers_generate

    ids = list(job.params.get("dossier_ids", []))
    DocumentJob.objects.filter(pk=job.pk).update(total=len(ids))
    step = 100
    for start in range(0, len(ids), step):
        chunk = list(Dossier.objects.filter(pk__in=ids[start:start + step]).select_related(
            "unit__category", "unit__parent", "campaign", "receiver__parent"))
        papers_generate(actor=job.created_by, dossiers=chunk)
        _progress(job, len(chunk))


# --- decision papers ---------------------------------------------------------------------


def decision_papers(job: DocumentJob) -> None:
    decision = AwardDecision.objects.select_related("issuer").get(pk=job.params["decision_id"])
    awards = [a for a in decision.awards.select_related("unit", "person", "nomination")
              .order_by("kind", "id") if docs.has_certificate(a)]
    DocumentJob.objects.filter(pk=job.pk).update(total=len(awards) + 1)
    with tempfile.TemporaryDirectory(prefix="thidua-decision-") as work:
        root = Path(work)
        sources = []
        source = root / "quyet-dinh.docx"
        source.write_bytes(docs.decision_bytes(decision))
        sources.append(source)
        for a in awards:
            path = root / f"bang-khen-{a.pk}.docx"
            path.write_bytes(docs.certificates_bytes([a]))
            sources.append(path)
        pdfs = _convert(sources, root / "pdf")
        decision.pdf.save("quyet-dinh.pdf", ContentFile(pdfs[0].read_bytes()), save=True)
        _progress(job)
        for award, pdf_path in zip(awards, pdfs[1:], strict=True):
            award.certificate.save(f"bang-khen-{award.pk}.pdf", ContentFile(pdf_path.read_bytes()),
                                   save=True)
            _progress(job)


# --- minutes -------------------------------------------------------------------------------


def minutes_pdf(job: DocumentJob) -> None:
    meeting = CouncilMeeting.objects.get(pk=job.params["meeting_id"])
    DocumentJob.objects.filter(pk=job.pk).update(total=1)
    meeting.minutes_pdf.save("bien-ban-hop-hoi-dong.pdf",
                             ContentFile(to_pdf(docs.council_minutes_bytes(meeting))), save=True)


RUNNERS: dict[str, Callable[[DocumentJob], None]] = {
    "dossiers_generate": dossiers_generate,
    "dossier_export": dossier_export,
    "decision_papers": decision_papers,
    "minutes_pdf": minutes_pdf,
}
