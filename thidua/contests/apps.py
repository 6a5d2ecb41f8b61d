from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "thidua.contests"
    label = "contests"
