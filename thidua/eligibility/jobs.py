"""Eligibility runs as background jobs (huey), stored so any worker can serve them.

A run is asked for by a POST from the page (never by a GET). Its `params` name the question
(campaign, phase or year, options incl. the what-if) and its `key` fingerprints the inputs (the
question plus a stamp of the data: the newest row of every table the facts read, and of the
audit log), so the same question on unchanged data shows the finished run instead of evaluating
again, and a run on changed data is known to be stale.

The huey task (thidua/eligibility/tasks.py) claims the row with a conditional UPDATE
(queued -> running), so it runs once; it records when it started and beats a heartbeat with
its progress. A run left "running" by a killed worker is recovered after
settings.ELIGIBILITY_RUN_TIMEOUT_MINUTES without a heartbeat: marked failed with the reason, so
it can be started again. The summary and the records of the shown candidates are stored with
the run (EligibilityCandidate); a failure is stored with its Vietnamese message.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.accounts.access import Actor, account_of
from thidua.campaigns.models import RegisteredPerson, Registration
from thidua.core.text import fold
from thidua.eligibility.models import EligibilityCandidate, EligibilityJob, JobStatus
from thidua.eligibility.services import (
    EVALUATION_STEPS,
    EligibilityError,
    EligibilityRun,
    eligibility_run,
    standard_item,
    step_label,
    summary,
)
from thidua.results.models import ContestPrize, RecognisedInitiative
from thidua.results.snapshot import facts_stamp

log = logging.getLogger("thidua.eligibility")
BATCH = 1_000
CODE_MAX = EligibilityCandidate._meta.get_field("code").max_length or 60


def data_stamp(campaign: Any) -> str:
    """Changes whenever a fact the standards read may have changed: the stamp of the large
    fact tables (the one the facts snapshot is keyed on, audit log included) and the smaller
    tables a campaign's run also reads."""
    parts = [str(campaign.updated_at.timestamp() if campaign.updated_at else ""), facts_stamp()]
    for model in (RecognisedInitiative, ContestPrize, Registration, RegisteredPerson):
        parts.append(str(model._default_manager.aggregate(m=Max("pk"))["m"]))
    return "|".join(parts)


def params_key(campaign: Any, phase: bool, year: int, options: dict[str, Any]) -> str:
    """The question asked: the same campaign, mode, year and options (what-if included)."""
    raw = json.dumps([campaign.pk, phase, year, options], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def fingerprint(campaign: Any, phase: bool, year: int, options: dict[str, Any]) -> str:
    """The question and the data it was answered on."""
    raw = json.dumps([params_key(campaign, phase, year, options), data_stamp(campaign)])
    return hashlib.sha256(raw.encode()).hexdigest()


def is_current(job: EligibilityJob) -> bool:
    """True while the data the run read has not changed."""
    return job.key == fingerprint(job.campaign, job.phase, job.year, job.options)


# --- recovery ---------------------------------------------------------------------------------


def recover_stale(*, now: Any = None) -> int:
    """Mark failed the runs whose worker gave no sign of life for the timeout; returns how many.

    A queued run nobody claimed is recovered the same way (no worker is running)."""
    now = now or timezone.now()
    minutes = settings.ELIGIBILITY_RUN_TIMEOUT_MINUTES
    limit = now - timedelta(minutes=minutes)
    running = EligibilityJob.objects.filter(status=JobStatus.RUNNING).annotate(
        seen=Coalesce("heartbeat_at", "started_at", "created_at")).filter(seen__lt=limit)
    count = running.update(
        status=JobStatus.FAILED, finished_at=now,
        message=(f"Lượt xét bị gián đoạn: tiến trình chạy nền không còn báo tiến độ quá {minutes} "
                 "phút (có thể đã bị dừng). Hãy bấm “Xét chọn” để xét lại."))
    count += EligibilityJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=limit).update(
        status=JobStatus.FAILED, finished_at=now,
        message=(f"Lượt xét chờ quá {minutes} phút mà chưa được tiến trình chạy nền nhận xử lý. "
                 "Hãy báo quản trị kiểm tra tiến trình chạy nền, rồi bấm “Xét chọn” để xét lại."))
    if count:
        log.warning("recovered %s stale eligibility run(s)", count)
    return count


# --- finding and starting runs ------------------------------------------------------------------


def runs_for(campaign: Any, phase: bool, year: int,
             options: dict[str, Any]) -> tuple[EligibilityJob | None, EligibilityJob | None]:
    """For the page: the newest run of this question (any status) and the newest finished one."""
    recover_stale()
    qs = EligibilityJob.objects.select_related("campaign", "campaign__issuer").filter(
        campaign=campaign, params=params_key(campaign, phase, year, options))
    newest = qs.order_by("-created_at", "-pk").first()
    if newest is None or newest.status == JobStatus.DONE:
        return newest, newest
    return newest, qs.filter(status=JobStatus.DONE).order_by("-created_at", "-pk").first()


def job_start(*, actor: Actor, campaign: Any, phase: bool, year: int,
              options: dict[str, Any]) -> EligibilityJob:
    """The run answering this question on the current data: a finished or active one, or a new
    one queued for a worker."""
    recover_stale()
    key = fingerprint(campaign, phase, year, options)
    found = (EligibilityJob.objects.filter(key=key).exclude(status=JobStatus.FAILED)
             .order_by("-created_at", "-pk").first())
    if found is not None:
        return found
    job = EligibilityJob.objects.create(
        campaign=campaign, phase=phase, year=year, options=options, key=key,
        params=params_key(campaign, phase, year, options),
        created_by=account_of(actor))
    job_enqueue(job)
    job.refresh_from_db()
    return job


def job_enqueue(job: EligibilityJob) -> None:
    """Run now when huey is immediate (tests, HUEY_IMMEDIATE=1), otherwise queue it once the
    row is committed (a worker must see it)."""
    from thidua.eligibility.tasks import run_eligibility

    if settings.HUEY.get("immediate"):
        job_run(job.pk)
    else:
        transaction.on_commit(lambda: run_eligibility(job.pk))


# --- running ------------------------------------------------------------------------------------


def _parse_options(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "registered": options.get("registered", "campaign"),
        "standards": options.get("standards") or None,
        "thresholds": [tuple(t) for t in options.get("thresholds") or ()] or None,
        "quotas": options.get("quotas") or None,
    }


def _evaluate(job: EligibilityJob, progress: Any = None) -> EligibilityRun:
    extra = {"progress": progress} if progress is not None else {}
    return eligibility_run(campaign=job.campaign, phase=job.phase,
                           year=None if job.phase else job.year,
                           **_parse_options(job.options), **extra)


def job_run(job_id: int) -> None:
    """Claim and run a queued job, beating its heartbeat with the progress, then store its
    summary and shown candidates, or its failure."""
    now = timezone.now()
    claimed = EligibilityJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, step="bắt đầu", total=100, done=1, started_at=now,
        heartbeat_at=now)
    if not claimed:
        return  # already claimed, finished or recovered: a job runs once
    job = EligibilityJob.objects.select_related("campaign", "campaign__issuer").get(pk=job_id)
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        moment = time.perf_counter()
        if moment - last[0] < 0.3 and done < total:
            return
        last[0] = moment
        share = 90 if step in EVALUATION_STEPS else 5 + int(80 * done / max(total, 1))
        EligibilityJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            step=step_label(step), done=share, heartbeat_at=timezone.now())

    try:
        run = _evaluate(job, progress)
        data = summary(run)
    except EligibilityError as exc:
        _fail(job_id, exc.message)
        return
    except Exception as exc:
        # Stored so the officer sees the run failed and why; raised again for the worker's log.
        _fail(job_id, f"Không xét được do lỗi của hệ thống ({exc.__class__.__name__}: {exc}). "
                      "Hãy báo quản trị.")
        raise
    _store(job_id, data)


def _fail(job_id: int, message: str) -> None:
    EligibilityJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, message=message[:2000], finished_at=timezone.now())


def _candidate(job_id: int, standard: str, item: dict[str, Any],
               position: int | None) -> EligibilityCandidate:
    return EligibilityCandidate(
        job_id=job_id, standard=standard, code=item["code"], position=position,
        eligible=item["eligible"], selected=item["selected"], fails=item["fails"],
        group=item["group"] or "",
        search=fold(f"{item['code']} {item['name'] or ''} {item['unit_name'] or ''}"), row=item)


def _store(job_id: int, data: dict[str, Any]) -> None:
    rows = data.pop("rows")
    with transaction.atomic():
        # A run recovered as stale while it was still working keeps its failed state (the
        # UPDATE locks the row until the commit, so recovery cannot slip in between).
        claimed = EligibilityJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            heartbeat_at=timezone.now())
        if not claimed:
            return
        batch: list[EligibilityCandidate] = []
        for standard, items in rows.items():
            for position, item in enumerate(items):
                batch.append(_candidate(job_id, standard, item, position))
                if len(batch) >= BATCH:
                    EligibilityCandidate.objects.bulk_create(batch)
                    batch = []
        EligibilityCandidate.objects.bulk_create(batch)
        EligibilityJob.objects.filter(pk=job_id).update(
            status=JobStatus.DONE, summary=data, step="xong", done=100,
            finished_at=timezone.now())


# --- reading a stored run -------------------------------------------------------------------------


def rows_of(job: EligibilityJob, standard: str, *, how: str = "", category: str = "",
            query: str = "") -> Any:
    """The shown candidates of a standard in a run, filtered as the page asks, best first."""
    qs = EligibilityCandidate.objects.filter(job=job, standard=standard, position__isnull=False)
    if how == "du":
        qs = qs.filter(eligible=True)
    elif how == "chon":
        qs = qs.filter(selected=True)
    elif how == "sat":
        qs = qs.filter(eligible=False, fails=1)
    elif how == "khong":
        qs = qs.filter(eligible=False)
    if category:
        qs = qs.filter(group=category)
    for word in fold(query).split():
        qs = qs.filter(search__contains=word)
    return qs.order_by("position")


def all_rows(job: EligibilityJob) -> dict[str, list[dict[str, Any]]]:
    """Every shown candidate of a run, per standard (the Excel export)."""
    out: dict[str, list[dict[str, Any]]] = {}
    qs = EligibilityCandidate.objects.filter(job=job, position__isnull=False)
    for standard, row in qs.order_by("standard", "position").values_list("standard", "row"):
        out.setdefault(standard, []).append(row)
    return out


def stored_candidate(job: EligibilityJob, standard: str, code: str) -> dict[str, Any] | None:
    found = EligibilityCandidate.objects.filter(job=job, standard=standard, code=code).first()
    return found.row if found is not None else None


def explain_again(job: EligibilityJob, standard: str, code: str) -> dict[str, Any]:
    """The record of a candidate the run did not store, by evaluating the same question again;
    only while the data is unchanged (the same inputs give the same answer), else an error."""
    if not code or len(code) > CODE_MAX:
        raise EligibilityError("Hãy nhập mã đơn vị hoặc mã cán bộ (tối đa 60 ký tự).")
    if job.status != JobStatus.DONE:
        raise EligibilityError("Lượt xét này chưa xong nên chưa giải thích được.")
    if not is_current(job):
        raise EligibilityError(STALE)
    run = _evaluate(job)
    if not is_current(job):  # the data changed while evaluating
        raise EligibilityError(STALE)
    if standard not in run.result.codes():
        raise EligibilityError(f"Lượt xét này không có tiêu chuẩn {standard}.")
    item = standard_item(run, standard, code)
    made = _candidate(job.pk, standard, item, None)
    EligibilityCandidate.objects.get_or_create(
        job=job, standard=standard, code=code,
        defaults={"eligible": made.eligible, "selected": made.selected, "fails": made.fails,
                  "group": made.group, "search": made.search, "row": made.row})
    return item


STALE = ("Dữ liệu đã thay đổi sau lượt xét này, nên không giải thích lại được trên cùng dữ liệu. "
         "Hãy bấm “Xét chọn” để xét lại trên dữ liệu mới.")
