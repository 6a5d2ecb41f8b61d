"""scoring app: PAR INDEX criteria sets, self-assessment, appraisal, publication into results."""
from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = "Chấm điểm Chỉ số CCHC"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.scoring import models

        register(models.CriteriaSet, models.Field, models.Criterion, models.SubCriterion,
                 models.AppraisalBody, models.Assessment, models.Score, models.Evidence)
        from thidua.demo.registry import register as register_demo

        # After the results (30) and initiatives (40): the published 2025 results replace
        # the generated ones.
        register_demo("scoring", "thidua.scoring.demo:load", order=60)
