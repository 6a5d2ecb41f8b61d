"""huey tasks of the contests part: grading runs every minute in the background workers
(`thidua run_huey`), so rankings and participation are current without waiting for a page view.
Safe alongside page views and `thidua contests-grade`: attempts are claimed with SKIP LOCKED."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*"))
def grade_contest_attempts() -> int:
    from thidua.contests.services import grade_pending

    return grade_pending()
