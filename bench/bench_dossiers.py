"""Benchmark: 1,000 real commendation dossiers built from the awards models, as .docx then PDF.

A throw-away SQLite database gets a province with N communes (one officer's dossier each: the
commune nominated for the Kiên Giang plan's certificate of merit, 002 §IV.1.1.a, with five years
of PAR INDEX results), created through `thidua.awards.services`. The papers are then written by
the background job path (huey task `build_documents`, run in-process): a `dossiers_generate` job
writes the proposal letter, the list of nominees and each achievement report (.docx) for every
dossier; a `dossier_export` job converts them to PDF with LibreOffice (batch) and zips them as the
national electronic commendation system takes them (Word and PDF of each paper).

Prints time and peak memory per step and the ratio against a reference measured in the same run
(1,000 plain one-paragraph python-docx documents). ``--record`` rewrites the "## Dossiers"
section of bench/RESULTS.md and nothing else.

    .venv/bin/python bench/bench_dossiers.py                  # 1,000 dossiers, PDFs included
    .venv/bin/python bench/bench_dossiers.py -n 100 --no-pdf
    .venv/bin/python bench/bench_dossiers.py --record --workers 2
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL_DOCX_SECONDS = 60.0


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def configure(work: Path) -> None:
    """A database and media folder of the benchmark's own, then Django."""
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["DATA_DIR"] = str(work)
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ["HUEY_IMMEDIATE"] = "1"  # the huey task runs in this process, timed with the rest
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_world(n: int) -> tuple[object, list[object], object]:
    """A province, its Home Affairs department and n communes with one officer and one person."""
    from thidua.accounts.models import Role, RoleAssignment, User
    from thidua.org.models import Person, Unit, UnitCategory

    cats = {code: UnitCategory.objects.create(code=code, name=name, kind=kind) for code, name, kind in (
        ("tinh", "Tỉnh", "province"), ("so-nganh", "Sở, ban, ngành tỉnh", "department"),
        ("huyen", "UBND huyện", "district"), ("xa", "UBND xã, phường, thị trấn", "commune"),
        ("co-quan-chuyen-trach-tinh", "Cơ quan chuyên trách CCHC", "cchc_body"),
        ("phong-noi-vu-huyen", "Phòng Nội vụ cấp huyện", "cchc_body"))}
    province = Unit.objects.create(code="KGB", name="Tỉnh Kiên Giang", kind="province",
                                   category=cats["tinh"])
    Unit.objects.create(code="KGB-SNV", name="Sở Nội vụ", kind="department",
                        category=cats["so-nganh"], parent=province)
    communes = []
    for i in range(n):
        unit = Unit(code=f"KGB-X{i:04d}", name=f"Xã Thạnh Lộc {i + 1}", kind="commune",
                    category=cats["xa"], parent=province)
        unit.refresh_derived()
        communes.append(unit)
    Unit.objects.bulk_create(communes, batch_size=500)
    communes = list(Unit.objects.filter(kind="commune").order_by("code"))
    people = []
    for i, unit in enumerate(communes):
        person = Person(code=f"CB{i:05d}", full_name=f"Nguyễn Thị Mai {i + 1}", gender="F",
                        unit=unit, position="Công chức Văn phòng - Thống kê",
                        birth_date=date(1988, 3, 4))
        person.refresh_derived()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=500)
    officer = User.objects.create_user(username="canbo", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=officer, role=Role.OWNER, unit=province)
    RoleAssignment.objects.create(user=officer, role=Role.OFFICER, unit=province)
    return province, communes, officer


def build_campaign(province: object, communes: list[object]) -> object:
    """The Kiên Giang plan (002) issued by the province, all communes registered, 5 years of
    results recognised; the phase deadline still open."""
    from django.utils import timezone

    from thidua.campaigns.models import MilestoneEvent, Participant, Registration
    from thidua.campaigns.seedplans import load_seed_plan
    from thidua.campaigns.services import campaign_launch, campaign_save
    from thidua.results.models import AnnualResult, ResultRound

    plan = dict(load_seed_plan("KG-CCHC-2021-2025"), issuer_unit_code=province.code)  # type: ignore[attr-defined]
    campaign = campaign_save(actor=None, plan=plan, check_access=False)
    campaign = campaign_launch(actor=None, campaign=campaign, launched_on=date(2022, 3, 1),
                               cascade_due=date(2022, 3, 30), check_access=False, notify=False)
    MilestoneEvent.objects.create(campaign=campaign, event="results_recognised", year=2025,
                                  occurred_on=timezone.localdate() - timedelta(days=3))
    now = timezone.now()
    participants = {p.unit_id: p for p in Participant.objects.filter(campaign=campaign)}
    missing = [Participant(campaign=campaign, unit=u) for u in communes
               if u.pk not in participants]  # type: ignore[attr-defined]
    Participant.objects.bulk_create(missing)
    participants = {p.unit_id: p for p in Participant.objects.filter(campaign=campaign)}
    Registration.objects.bulk_create([
        Registration(campaign=campaign, unit=u, participant=participants[u.pk],  # type: ignore[attr-defined]
                     collective_target="Hoàn thành xuất sắc nhiệm vụ CCHC giai đoạn 2021-2025.",
                     submitted_at=now) for u in communes], batch_size=500)
    category = communes[0].category  # type: ignore[attr-defined]
    results = []
    for year in range(2021, 2026):
        round_ = ResultRound.objects.create(evaluator=province, year=year, published=True,
                                            recognised_on=date(year + 1, 2, 20))
        for i, unit in enumerate(communes):
            excellent = (i + year) % 3 != 0
            results.append(AnnualResult(
                round=round_, unit=unit, year=year, category=category, rank=i + 1,
                classification="xuat_sac" if excellent else "tot",
                score=Decimal("92.50") if excellent else Decimal("84.25"),
                sipas=Decimal("91.00")))
    AnnualResult.objects.bulk_create(results, batch_size=1000)
    return campaign


def create_dossiers(campaign: object, communes: list[object], officer: object) -> list[int]:
    from thidua.awards import services

    form = campaign.award_forms.get(code="KG-AF-MERIT-P-COLL")  # type: ignore[attr-defined]
    ids = []
    for unit in communes:
        dossier = services.dossier_create(actor=officer, campaign=campaign, scope="phase",
                                          year=2025, unit=unit)
        services.nomination_add(actor=officer, dossier=dossier, kind="collective", unit=unit,
                                award_form=form, summary="Xếp loại CCHC xuất sắc 03 năm.")
        ids.append(dossier.pk)
    return ids


def run_job(kind: str, label: str, params: dict, unit: object, officer: object) -> tuple[float, object]:
    """A DocumentJob through the huey task (immediate: executed by huey in this process)."""
    from huey.contrib.djhuey import HUEY

    from thidua.awards.jobs import job_create
    from thidua.awards.models import DocumentJob
    from thidua.awards.tasks import build_documents

    HUEY.immediate = True
    job = job_create(actor=officer, kind=kind, unit=unit, label=label, params=params)
    started = time.perf_counter()
    build_documents(job.pk)
    seconds = time.perf_counter() - started
    job = DocumentJob.objects.get(pk=job.pk)
    if job.status != "done":
        raise SystemExit(f"{kind} failed: {job.message}")
    return seconds, job


def reference(count: int, outdir: Path) -> float:
    from docx import Document

    started = time.perf_counter()
    for i in range(count):
        doc = Document()
        doc.add_paragraph(f"Văn bản số {i}: Báo cáo thành tích đề nghị khen thưởng.")
        doc.save(str(outdir / f"ref-{i:04d}.docx"))
    return time.perf_counter() - started


def record(section: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    start = text.find("## Dossiers")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", "--dossiers", type=int, default=1000)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice step")
    parser.add_argument("--workers", type=int, default=2, help="soffice processes for the PDFs")
    parser.add_argument("--record", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    n = args.dossiers
    work = Path(tempfile.mkdtemp(prefix="bench-dossiers-"))
    (work / "ref").mkdir()
    lines: list[str] = []
    rows: list[tuple[str, str, str, str]] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    say(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    configure(work)
    started = time.perf_counter()
    province, communes, officer = build_world(n)
    campaign = build_campaign(province, communes)
    say(f"setup: {n} communes, registrations, {5 * n} PAR INDEX results: "
        f"{time.perf_counter() - started:.1f} s")

    ref_s = reference(n, work / "ref")
    say(f"reference: {n} plain one-paragraph python-docx documents: {ref_s:.2f} s")
    rows.append(("reference: plain one-paragraph python-docx document", f"{n}", f"{ref_s:.1f} s",
                 f"{ref_s / n * 1000:.1f} ms"))

    started = time.perf_counter()
    ids = create_dossiers(campaign, communes, officer)
    create_s = time.perf_counter() - started
    say(f"create {n} dossiers with their nomination through the services (standards checked): "
        f"{create_s:.2f} s ({create_s / n * 1000:.1f} ms each)")
    rows.append(("dossier + nomination through the services", f"{n}", f"{create_s:.1f} s",
                 f"{create_s / n * 1000:.1f} ms"))

    rss_before = peak_rss_mb()
    docx_s, _ = run_job("dossiers_generate", "Tạo văn bản", {"dossier_ids": ids}, province,
                        officer)
    from thidua.awards.models import DossierFile

    files = DossierFile.objects.filter(dossier_id__in=ids, source="generated")
    count = files.count()
    size = sum(Path(f.file.path).stat().st_size for f in files)
    rss_docx = peak_rss_mb()
    say(f"job dossiers_generate: {n} dossiers = {count} .docx (Tờ trình, báo cáo "
        f"thành tích theo mẫu Nghị định 152/2025), {size / 1e6:.1f} MB: {docx_s:.2f} s "
        f"({docx_s / n * 1000:.1f} ms per dossier, {docx_s / count * 1000:.1f} ms per file)")
    say(f"ratio to the reference (same count of dossiers): {docx_s / ref_s:.2f}×")
    say(f"goal < {GOAL_DOCX_SECONDS:.0f} s for the .docx: "
        f"{'met' if docx_s < GOAL_DOCX_SECONDS else 'NOT met'}")
    say(f"peak memory of this process (RSS): {rss_docx:.0f} MB (before the job: {rss_before:.0f} MB)")
    rows.append(("job: generated papers of every dossier (.docx)", f"{count}", f"{docx_s:.1f} s",
                 f"{docx_s / n * 1000:.1f} ms per dossier"))

    if not args.no_pdf:
        pdf_s, job = run_job("dossier_export", "Xuất hồ sơ",
                             {"dossier_ids": ids, "pdf": True, "workers": args.workers}, province, officer)
        with zipfile.ZipFile(job.result.path) as archive:  # type: ignore[attr-defined]
            names = archive.namelist()
        pdfs = sum(1 for name in names if name.endswith(".pdf"))
        say(f"job dossier_export: {pdfs} PDF (LibreOffice batch, {args.workers} soffice "
            f"processes) + zip of {len(names)} files, "
            f"{Path(job.result.path).stat().st_size / 1e6:.1f} MB: {pdf_s:.1f} s "  # type: ignore[attr-defined]
            f"({pdf_s / n:.2f} s per dossier)")
        say(f"peak memory: this process {peak_rss_mb():.0f} MB, largest soffice "
            f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        rows.append((f"job: PDF of every paper + zip ({args.workers} soffice)", f"{pdfs}",
                     f"{pdf_s:.1f} s", f"{pdf_s / n * 1000:.0f} ms per dossier"))
    say(f"load average at end: {os.getloadavg()[0]:.1f}")

    if args.record:
        table = ["| step | files | time | per item |", "| --- | ---: | ---: | ---: |"]
        table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
        section = "\n".join([
            "## Dossiers",
            "",
            f"`bench/bench_dossiers.py` on {date.today():%Y-%m-%d} ({platform.machine()}, "
            f"{os.cpu_count()} CPU, Python {platform.python_version()}, SQLite). {n} dossiers "
            "built from the awards models: one commune nominated for the Kiên Giang certificate "
            "of merit each, its papers written by the background job path (huey task run "
            "in-process).",
            "",
            *table,
            "",
            "```",
            *lines,
            "```",
            "",
        ])
        record(section)


if __name__ == "__main__":
    main()
