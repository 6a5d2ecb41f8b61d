"""Benchmark: 1,000 commendation dossiers (achievement report + proposal letter) as .docx, then PDF.

Prints the time and peak memory of each step and the ratio against a reference measured in the
same run: writing 1,000 plain one-paragraph python-docx documents. The PDFs are made with the
batch converter (one soffice invocation per 200 files). ``--record`` rewrites the "## Documents" section of
bench/RESULTS.md and nothing else.

    .venv/bin/python bench/bench_documents.py                 # 1,000 dossiers, PDFs included
    .venv/bin/python bench/bench_documents.py -n 200 --no-pdf
    .venv/bin/python bench/bench_documents.py --record --workers 2
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from thidua.documents import (  # noqa: E402
    achievement_report_docx,
    proposal_docx,
    to_pdf,
    to_pdf_many,
)
from thidua.documents.pdf import MAX_FILES_PER_PROCESS  # noqa: E402
from thidua.documents.samples import sample_achievement_report, sample_proposal  # noqa: E402

GOAL_DOCX_SECONDS = 60.0
REPORT_DATES = (date(2022, 12, 1), date(2024, 12, 2), date(2025, 12, 5))  # the three decrees


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def reference(count: int, outdir: Path) -> float:
    """The floor: one plain python-docx paragraph document, written ``count`` times."""
    started = time.perf_counter()
    for i in range(count):
        doc = Document()
        doc.add_paragraph(f"Văn bản số {i}: Báo cáo thành tích đề nghị khen thưởng.")
        doc.save(str(outdir / f"ref-{i:04d}.docx"))
    return time.perf_counter() - started


def dossiers(count: int, outdir: Path) -> tuple[float, list[Path], int]:
    """Write ``count`` dossiers; returns seconds, the files, and their total size."""
    paths: list[Path] = []
    size = 0
    started = time.perf_counter()
    for i in range(count):
        report = sample_achievement_report(i, on=REPORT_DATES[i % 3], thematic=i % 5 != 0)
        letter = sample_proposal(i, nominees=3 + i % 6)
        for name, data in ((f"{i:04d}-bao-cao-thanh-tich", achievement_report_docx(report)),
                           (f"{i:04d}-to-trinh", proposal_docx(letter))):
            path = outdir / f"{name}.docx"
            path.write_bytes(data)
            paths.append(path)
            size += len(data)
    return time.perf_counter() - started, paths, size


def pdf_pages(paths: list[Path]) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        return 0
    pages = 0
    for path in paths:
        out = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True).stdout
        pages += int(next((line.split()[-1] for line in out.splitlines()
                           if line.startswith("Pages:")), "0"))
    return pages


def record(section: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    start = text.find("## Documents")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--dossiers", type=int, default=1000)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice step")
    parser.add_argument("--workers", type=int, default=1,
                        help="also convert with this many soffice processes (default: only 1)")
    parser.add_argument("--single", type=int, default=5,
                        help="files converted one soffice process each, for the comparison")
    parser.add_argument("--record", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-documents-"))
    (work / "ref").mkdir(parents=True, exist_ok=True)
    (work / "docx").mkdir(parents=True, exist_ok=True)
    n = args.dossiers
    lines: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    say(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(other work on the machine slows both the reference and the run alike)")
    ref_s = reference(n, work / "ref")
    say(f"reference: {n} plain one-paragraph python-docx documents: {ref_s:.2f} s "
        f"({ref_s / n * 1000:.1f} ms each)")
    rss_before = peak_rss_mb()
    docx_s, paths, size = dossiers(n, work / "docx")
    say(f"dossiers: {n} × (achievement report + proposal letter) = {len(paths)} .docx, "
        f"{size / 1e6:.1f} MB: {docx_s:.2f} s ({docx_s / len(paths) * 1000:.1f} ms per file, "
        f"{docx_s / n * 1000:.1f} ms per dossier)")
    say(f"ratio to the reference (same count): {docx_s / ref_s:.2f}× "
        f"(per file: {docx_s / len(paths) / (ref_s / n):.2f}×)")
    say(f"goal < {GOAL_DOCX_SECONDS:.0f} s for the .docx: "
        f"{'met' if docx_s < GOAL_DOCX_SECONDS else 'NOT met'}")
    say(f"peak memory of this process (RSS): {peak_rss_mb():.0f} MB "
        f"(before the dossiers: {rss_before:.0f} MB)")

    pdf_figures: list[str] = []
    if not args.no_pdf:
        single = paths[: args.single]
        started = time.perf_counter()
        for path in single:
            to_pdf(path.read_bytes())
        per_single = (time.perf_counter() - started) / max(len(single), 1)
        say(f"pdf, one soffice process per file: {per_single:.2f} s per file "
            f"(measured on {len(single)})")

        started = time.perf_counter()
        pdfs = to_pdf_many(paths, work / "pdf")
        batch_s = time.perf_counter() - started
        pages = pdf_pages(pdfs)
        say(f"pdf, batch converter (≤ {MAX_FILES_PER_PROCESS} files per soffice invocation): "
            f"{len(pdfs)} files, {pages} pages: "
            f"{batch_s:.1f} s ({batch_s / len(pdfs) * 1000:.0f} ms per file; "
            f"{per_single * len(pdfs) / batch_s:.1f}× faster than one process per file)")
        say(f"peak memory of soffice (RSS, largest child): "
            f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        pdf_figures.append(f"| PDF, batch converter, 1 soffice at a time | {len(pdfs)} | "
                           f"{batch_s:.1f} s | {batch_s / len(pdfs) * 1000:.0f} ms |")
        if args.workers > 1:
            started = time.perf_counter()
            to_pdf_many(paths, work / f"pdf-{args.workers}", workers=args.workers)
            par_s = time.perf_counter() - started
            say(f"pdf, batch over {args.workers} soffice processes: {par_s:.1f} s "
                f"({par_s / len(paths) * 1000:.0f} ms per file)")
            pdf_figures.append(f"| PDF, batch converter, {args.workers} soffice at a time | "
                               f"{len(paths)} | {par_s:.1f} s | "
                               f"{par_s / len(paths) * 1000:.0f} ms |")
        pdf_figures.append(f"| PDF, one soffice process per file | {len(single)} | "
                           f"{per_single * len(single):.1f} s | {per_single * 1000:.0f} ms |")

    say(f"load average at end: {os.getloadavg()[0]:.1f}")
    if args.record:
        machine = f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPU, " \
                  f"Python {platform.python_version()}"
        record("\n".join([
            "## Documents",
            "",
            f"`bench/bench_documents.py` on {date.today():%Y-%m-%d} ({machine}). A dossier is an "
            "achievement report (2 pages, results table over five years) plus a proposal "
            "letter (2 pages, nominee table), built from `thidua.documents.samples`.",
            "",
            "| step | files | time | per file |",
            "| --- | ---: | ---: | ---: |",
            f"| reference: plain one-paragraph python-docx document | {n} | {ref_s:.1f} s | "
            f"{ref_s / n * 1000:.1f} ms |",
            f"| dossier .docx (report + letter) | {len(paths)} | {docx_s:.1f} s | "
            f"{docx_s / len(paths) * 1000:.1f} ms |",
            *pdf_figures,
            "",
            "```",
            *lines,
            "```",
            "",
        ]))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
