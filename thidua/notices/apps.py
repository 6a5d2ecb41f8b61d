"""notices app: in-app notices and e-mails for work handed to someone, daily digests, scheduled
reminders before deadlines. Other apps never import it: they emit events (thidua.core.events)."""

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = "Thông báo"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.core.events import subscribe
        from thidua.notices import handlers, models, tasks  # noqa: F401 - tasks: huey periodic jobs

        register(models.Preference, models.Reminder)
        subscribe("work_handed", handlers.work_handed)
        subscribe("dossier_sent_to_council", handlers.dossier_sent_to_council)
