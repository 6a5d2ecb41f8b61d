"""results app: yearly PAR INDEX results, person ratings, discipline, facts for the standards."""
from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "thidua.results"
    label = "results"
    verbose_name = "Kết quả đánh giá"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.results import models

        register(
            models.ClassificationThresholds, models.ResultRound, models.AnnualResult,
            models.PersonRating, models.Discipline, models.RecognisedInitiative,
            models.ContestPrize,
        )
        from thidua.core.worklist_registry import register_worklist_provider
        register_worklist_provider("results", "thidua.results.worklist:items")
        from thidua.core.facts_registry import register_fact_provider

        # The minimal records kept with the results; the registries add theirs (their apps).
        register_fact_provider("initiatives", "results", "thidua.results.facts:own_initiatives")
        register_fact_provider("prizes", "results", "thidua.results.facts:own_prizes")
        from thidua.org.registry import register_unit_section

        # The unit page shows the unit's results and those of the units it absorbed.
        register_unit_section("results", "thidua.results.selectors:unit_results_section",
                              order=10)
        from thidua.demo.registry import register as register_demo
        # After the campaigns (order 20): their registered people get candidates' ratings.
        register_demo("results", "thidua.results.demo:load", order=30)
