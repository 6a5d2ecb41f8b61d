from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "thidua.results"
    label = "results"
