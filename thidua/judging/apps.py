"""judging app: panels, blind entries, recusal, rubric scoring and rounds (shared by contests)."""
from django.apps import AppConfig


class JudgingConfig(AppConfig):
    name = "thidua.judging"
    label = "judging"
    verbose_name = "Chấm thi"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.core.pickers import register_person_source
        from thidua.judging import models, selectors

        # The judge picker searches the panel's candidates only (JudgeAddForm's queryset).
        register_person_source("giam-khao", selectors.judge_candidates_source)

        register(models.Panel, exclude=("criteria", "stages", "judges", "entries"))
        register(models.Criterion, models.Stage, models.Judge, models.Declaration, models.Reminder)
        register(models.Entry, exclude=("declarations", "sheets"))
        register(models.Sheet)
