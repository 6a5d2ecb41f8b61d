"""eligibility app: a campaign's standards evaluated on the facts, runs stored and served by jobs."""
from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = "Xét tiêu chuẩn khen thưởng"
