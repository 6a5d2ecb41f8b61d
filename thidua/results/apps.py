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
