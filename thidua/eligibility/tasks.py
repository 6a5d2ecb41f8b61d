"""huey tasks of the eligibility part: a run, and the recovery of runs left by a dead worker."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def run_eligibility(job_id: int) -> None:
    # No retry: a failed run is stored as failed and the officer starts a new one.
    from thidua.eligibility.jobs import job_run

    job_run(job_id)


@db_periodic_task(crontab(minute="*/5"))
def recover_stale_runs() -> None:
    from thidua.eligibility.jobs import recover_stale

    recover_stale()
