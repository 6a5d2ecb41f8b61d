"""notices app: in-app notices and e-mails for work handed to someone, daily digests, scheduled
reminders before deadlines. Other apps never import it: they emit events (thidua.core.events)."""

from django.apps import AppConfig

# Every event another app emits for work handed to someone; handlers.<event> answers each one
# (who is told, the message, the link). docs/notices.md lists them.
EVENTS = (
    "campaign_launched", "campaign_amended", "cascade_reminder", "registration_extended",
    "dossier_submitted", "dossier_returned", "dossier_received", "dossier_appraised",
    "dossier_sent_to_council", "dossier_voted", "dossier_proposed", "dossier_forwarded",
    "dossier_rejected", "dossier_deadline_extended", "decision_signed",
    "contest_round_created", "results_recognised", "judge_reminded",
)


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = "Thông báo"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.core.events import subscribe
        from thidua.notices import handlers, models, tasks  # noqa: F401 - tasks: huey periodic jobs

        register(models.Preference, models.Reminder)
        for event in EVENTS:
            subscribe(event, getattr(handlers, event))
