"""huey tasks of the awards part (SqliteHuey by default, RedisHuey with REDIS_URL)."""

from huey.contrib.djhuey import db_task


@db_task(retries=1, retry_delay=10)
def build_documents(job_id: int) -> None:
    from thidua.awards.jobs import run_job

    run_job(job_id)
