"""writing app: the writing contest; supplies its prizes to the facts and to the honour board."""
from typing import Any

from django.apps import AppConfig


def prize_frame(scope: Any) -> Any:
    """Fact provider of the `prizes` frame: published prizes of the writing contests."""
    from thidua.core.facts_registry import rows_frame
    from thidua.writing.selectors import prize_facts

    return rows_frame("prizes", prize_facts(scope.first, scope.last))


class WritingConfig(AppConfig):
    name = "thidua.writing"
    label = "writing"
    verbose_name = "Cuộc thi viết"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.core.facts_registry import register_fact_provider
        from thidua.judging.registry import register_source
        from thidua.public.registry import register_board_section
        from thidua.writing import models

        register(models.WritingContest, exclude=("topics", "entries", "prizes"))
        register(models.Topic, models.CoAuthor, models.EntryFile, models.Prize)
        register(models.Entry, exclude=("coauthors", "files"))
        register_fact_provider("prizes", "writing", prize_frame)
        register_source("writing", "thidua.writing.selectors:blind_entry")
        register_board_section("writing", "thidua.writing.selectors:honour_board_lines")
        try:
            from thidua.demo.registry import register as register_demo
        except ImportError:  # the demo package is optional in a slim deployment
            return
        register_demo("writing", "thidua.writing.demo:load", order=47)
