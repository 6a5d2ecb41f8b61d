"""contests app: online contests; supplies contest prizes to the facts of the standards."""
from typing import Any

from django.apps import AppConfig


def prize_frame(scope: Any) -> Any:
    """Fact provider of the `prizes` frame: prizes of the online contests' rounds."""
    from thidua.contests.selectors import prize_facts
    from thidua.core.facts_registry import rows_frame

    return rows_frame("prizes", prize_facts(scope.first, scope.last))


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
        from thidua.core.worklist_registry import register_worklist_provider
        register_worklist_provider("contests", "thidua.contests.worklist:items")
        from thidua.core.facts_registry import register_fact_provider

        register_fact_provider("prizes", "contests", prize_frame)
        from thidua.demo.registry import register as register_demo
        register_demo("contests", "thidua.contests.demo:load", order=45)
