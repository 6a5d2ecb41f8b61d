"""PDF conversion with LibreOffice headless: one document, or many in one soffice invocation."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

__all__ = ["ConversionError", "find_soffice", "to_pdf", "to_pdf_many"]

SOFFICE_ENV = "THIDUA_SOFFICE"  # an explicit path to soffice wins over PATH
DEFAULT_TIMEOUT = 120.0  # seconds for a single document
PER_FILE_TIMEOUT = 5.0  # extra seconds allowed for each further file of a batch
MAX_FILES_PER_PROCESS = 200  # LibreOffice 7.4 stops silently after ~240 documents per process


class ConversionError(RuntimeError):
    """LibreOffice is missing or failed. ``message`` is for users (Vietnamese), ``detail`` for logs."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message if not detail else f"{message} ({detail})")
        self.message = message
        self.detail = detail


def find_soffice() -> str | None:
    """The LibreOffice executable: $THIDUA_SOFFICE, else ``soffice`` or ``libreoffice`` on PATH."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _executable(soffice: str | None) -> str:
    found = soffice or find_soffice()
    if not found:
        raise ConversionError(
            "Không tìm thấy LibreOffice (soffice) trên máy chủ nên không thể tạo tệp PDF. "
            "Vui lòng liên hệ quản trị hệ thống để cài đặt LibreOffice.",
            "soffice not found on PATH",
        )
    return found


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End the soffice we started and everything in its session (soffice.bin), nothing else."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _run(soffice: str, files: Sequence[Path], outdir: Path, timeout: float) -> None:
    """One soffice process with its own throw-away profile, so parallel calls never collide."""
    profile = Path(tempfile.mkdtemp(prefix="thidua-lo-profile-"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *(str(f) for f in files),
    ]
    try:
        # its own session, so a timeout can end soffice and the soffice.bin it starts, and only those
        process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill(process)
            raise ConversionError(
                f"Quá thời gian chuyển văn bản sang PDF ({timeout:.0f} giây). "
                "Vui lòng thử lại sau hoặc chia nhỏ số văn bản cần chuyển.",
                f"soffice timed out after {timeout:.0f}s",
            ) from exc
        except BaseException:
            _kill(process)
            raise
        if process.returncode != 0:
            raise ConversionError(
                "LibreOffice không chuyển được văn bản sang PDF. Vui lòng thử lại hoặc liên hệ "
                "quản trị hệ thống.",
                f"soffice exit {process.returncode}: {err.decode(errors='replace')[-500:]}",
            )
    except FileNotFoundError as exc:
        raise ConversionError(
            "Không chạy được LibreOffice (soffice) nên không thể tạo tệp PDF. Vui lòng liên hệ "
            "quản trị hệ thống.",
            str(exc),
        ) from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def to_pdf(docx: bytes, *, timeout: float = DEFAULT_TIMEOUT, soffice: str | None = None) -> bytes:
    """Convert one .docx (as bytes) to PDF bytes."""
    executable = _executable(soffice)
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as work:
        source = Path(work) / "van-ban.docx"
        source.write_bytes(docx)
        _run(executable, [source], Path(work), timeout)
        target = source.with_suffix(".pdf")
        if not target.exists() or target.stat().st_size == 0:
            raise ConversionError(
                "LibreOffice không tạo được tệp PDF từ văn bản này. Vui lòng kiểm tra lại nội dung "
                "văn bản.",
                "no PDF produced",
            )
        return target.read_bytes()


def to_pdf_many(
    paths: Sequence[str | Path],
    outdir: str | Path,
    *,
    timeout: float | None = None,
    soffice: str | None = None,
    workers: int = 1,
) -> list[Path]:
    """Convert many files with one soffice invocation per batch; returns the PDFs in input order.

    Starting LibreOffice costs about a second; a batch pays it once and then converts small
    documents at a few dozen a second. LibreOffice 7.4 quietly stops after about 240 documents
    in one process (exit code 0), so batches hold at most ``MAX_FILES_PER_PROCESS`` files, and
    files that still come out missing are retried once in a fresh process. ``workers`` > 1 runs
    that many soffice processes at a time, each with its own profile, to use more CPU cores.
    ``timeout`` applies to each soffice process.
    """
    executable = _executable(soffice)
    sources = [Path(p).resolve() for p in paths]
    if not sources:
        return []
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):
        raise ValueError("file names must be distinct: each PDF is written as <outdir>/<name>.pdf")
    target_dir = Path(outdir)
    target_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()

    def missing(files: Sequence[Path]) -> list[Path]:
        out = []
        for src in files:
            pdf = target_dir / f"{src.stem}.pdf"
            if not pdf.exists() or pdf.stat().st_mtime < started - 1:
                out.append(src)
        return out

    todo = sources
    for _attempt in range(2):
        per_process = -(-len(todo) // max(1, workers))  # spread evenly over the workers
        size = max(1, min(MAX_FILES_PER_PROCESS, per_process))
        batches = [todo[i:i + size] for i in range(0, len(todo), size)]
        budget = timeout or DEFAULT_TIMEOUT + PER_FILE_TIMEOUT * (size - 1)
        if workers <= 1 or len(batches) == 1:
            for batch in batches:
                _run(executable, batch, target_dir, budget)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for future in [pool.submit(_run, executable, b, target_dir, budget)
                               for b in batches]:
                    future.result()
        todo = missing(todo)
        if not todo:
            break
    if todo:
        names = [src.name for src in todo]
        shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        raise ConversionError(
            f"Không chuyển được {len(names)}/{len(sources)} tệp sang PDF: {shown}.",
            f"missing outputs after a retry: {names[:20]}" + (" …" if len(names) > 20 else ""),
        )
    return [target_dir / f"{src.stem}.pdf" for src in sources]
