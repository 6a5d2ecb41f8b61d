from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "thidua.contests"
    label = "contests"
    verbose_name = "Cuộc thi trực tuyến"

    def ready(self) -> None:
        from thidua.contests import models
        from thidua.core.audit import register

        # Answers and submissions are written by the lean path (raw SQL), not audited row by row.
        register(models.Contest, exclude=("rounds", "questions", "participants"))
        register(models.Round, models.Participant, exclude=("attempts", "prizes"))
        register(models.Prize)
        try:
            from thidua.demo.registry import register as register_demo
        except ImportError:  # the demo package is optional in a slim deployment
            return
        register_demo("contests", "thidua.contests.demo:load", order=45)
