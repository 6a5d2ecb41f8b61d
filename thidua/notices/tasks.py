"""huey periodic jobs of the notices app: every morning the reminders before deadlines, the work
that appeared by a date passing, the contest rounds opening today (to their staff), then the daily
digests. All are idempotent: run them again the same day and nothing is sent twice."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="0"))
def morning_notices() -> None:
    from thidua.notices.services import arrivals_send, digests_send, reminders_send, rounds_opening_send

    reminders_send()
    arrivals_send()
    rounds_opening_send()
    digests_send()
