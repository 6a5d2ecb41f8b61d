from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "thidua.public"
    label = "public"
