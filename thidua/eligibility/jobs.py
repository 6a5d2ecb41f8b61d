"""Eligibility jobs: a run of the web page, in the request when small, in the background when large.

A job is identified by its parameters and a stamp of the data (the newest row of every table the
facts read, and of the audit log), so asking again for the same list on unchanged data shows the
finished job instead of evaluating again. A background job runs in a thread of the web process
(no separate worker needed) and is claimed with a conditional UPDATE (queued -> running), so it
runs once; its progress is written to the row, which the page polls.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Max
from django.utils import timezone

from thidua.eligibility.models import EligibilityJob, JobStatus
from thidua.eligibility.services import EligibilityError, EligibilityRun, eligibility_run, summary

INLINE_PEOPLE = 100_000  # below this many people in scope the request waits for the result
_RUNS: OrderedDict[int, EligibilityRun] = OrderedDict()  # job id -> run, for explanations
_RUNS_KEPT = 2
_LOCK = threading.Lock()


def data_stamp(campaign: Any) -> str:
    """Changes whenever a fact the standards read may have changed."""
    from auditlog.models import LogEntry

    from thidua.campaigns.models import RegisteredPerson, Registration
    from thidua.org.models import LineageLink, Membership
    from thidua.results.models import (
        AnnualResult,
        ContestPrize,
        Discipline,
        PersonRating,
        RecognisedInitiative,
    )

    parts = [str(campaign.updated_at.timestamp() if campaign.updated_at else "")]
    for model in (AnnualResult, PersonRating, Discipline, RecognisedInitiative, ContestPrize,
                  Membership, LineageLink, Registration, RegisteredPerson, LogEntry):
        parts.append(str(model._default_manager.aggregate(m=Max("pk"))["m"]))
    return "|".join(parts)


def job_key(campaign: Any, phase: bool, year: int, options: dict[str, Any]) -> str:
    raw = json.dumps([campaign.pk, phase, year, options, data_stamp(campaign)], sort_keys=True,
                     default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def job_find(key: str) -> EligibilityJob | None:
    """A finished, running or queued job of the same parameters on the same data."""
    return (EligibilityJob.objects.filter(key=key)
            .exclude(status=JobStatus.FAILED).order_by("-created_at").first())


def _people_in_scope(campaign: Any) -> int:
    from thidua.org.models import Person

    return Person.objects.filter(unit__path__startswith=campaign.issuer.path).count()


def job_start(*, actor: Any, campaign: Any, phase: bool, year: int,
              options: dict[str, Any], background: bool | None = None) -> EligibilityJob:
    """The job for these parameters: an existing one, or a new one run now or in background."""
    key = job_key(campaign, phase, year, options)
    found = job_find(key)
    if found is not None:
        return found
    job = EligibilityJob.objects.create(
        campaign=campaign, phase=phase, year=year, options=options, key=key,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    if background is None:
        background = (not settings.HUEY.get("immediate")
                      and _people_in_scope(campaign) >= INLINE_PEOPLE)
    if background and not connection.in_atomic_block:
        threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True,
                         name=f"eligibility-{job.pk}").start()
    else:
        job_run(job.pk)
        job.refresh_from_db()
    return job


def _run_in_thread(job_id: int) -> None:
    try:
        job_run(job_id)
    finally:
        close_old_connections()
        connection.close()


def _parse_options(options: dict[str, Any]) -> dict[str, Any]:
    thresholds = {tuple(k.split("|", 1)): v for k, v in (options.get("thresholds") or {}).items()}
    return {
        "registered": options.get("registered", "campaign"),
        "standards": options.get("standards") or None,
        "thresholds": thresholds or None,
        "quotas": options.get("quotas") or None,
    }


def job_run(job_id: int) -> None:
    """Claim and run a queued job, writing its progress and then its summary."""
    claimed = EligibilityJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, step="bắt đầu", total=100, done=1)
    if not claimed:
        return
    job = EligibilityJob.objects.select_related("campaign", "campaign__issuer").get(pk=job_id)
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] < 0.3 and done < total:
            return
        last[0] = now
        share = 5 + int(80 * done / max(total, 1)) if step in _FETCH_STEPS else 90
        EligibilityJob.objects.filter(pk=job_id).update(step=_label(step), done=share)

    try:
        run = eligibility_run(campaign=job.campaign, phase=job.phase,
                              year=None if job.phase else job.year, progress=progress,
                              **_parse_options(job.options))
        data = summary(run)
    except EligibilityError as exc:
        EligibilityJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=exc.message, finished_at=timezone.now())
        return
    except Exception as exc:  # noqa: BLE001 - the officer sees why, the log has the rest
        import logging

        logging.getLogger("thidua.eligibility").exception("eligibility job %s failed", job_id)
        EligibilityJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=f"Không xét được: {exc}"[:2000],
            finished_at=timezone.now())
        return
    remember(job_id, run)
    EligibilityJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, summary=data, step="xong", done=100, finished_at=timezone.now())


_FETCH_STEPS = {"person_years", "memberships", "people", "unit_years", "discipline"}
_LABELS = {
    "person_years": "đọc xếp loại cán bộ", "memberships": "đọc quá trình công tác",
    "people": "đọc danh sách cán bộ", "unit_years": "đọc kết quả Chỉ số CCHC",
    "discipline": "đọc kỷ luật", "chuẩn bị dữ liệu": "chuẩn bị dữ liệu",
    "đánh giá tiêu chuẩn": "đánh giá các tiêu chuẩn", "xong": "tổng hợp kết quả",
}


def _label(step: str) -> str:
    return _LABELS.get(step, step)


def remember(job_id: int, run: EligibilityRun) -> None:
    with _LOCK:
        _RUNS[job_id] = run
        _RUNS.move_to_end(job_id)
        evicted = len(_RUNS) > _RUNS_KEPT
        while len(_RUNS) > _RUNS_KEPT:
            _RUNS.popitem(last=False)
    if evicted:
        # A run's frames (hundreds of MB at national scale) sit in reference cycles that the
        # collector, counting objects rather than bytes, would reach much later.
        gc.collect()


def run_of(job: EligibilityJob) -> EligibilityRun:
    """The in-memory run of a finished job (evaluated again if this process does not have it)."""
    with _LOCK:
        found = _RUNS.get(job.pk)
    if found is not None:
        return found
    run = eligibility_run(campaign=job.campaign, phase=job.phase,
                          year=None if job.phase else job.year, **_parse_options(job.options))
    remember(job.pk, run)
    return run
