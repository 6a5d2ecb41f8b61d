"""reports app: mid-term and final reviews of a campaign, and the campaign dashboard."""
from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = "Sơ kết, tổng kết"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.reports import models

        register(models.Review)
        from thidua.demo.registry import register as register_demo
        register_demo("reports", "thidua.reports.demo:load", order=90)
