from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.initiatives import models

        register(models.Initiative, exclude=("search_name",))
        register(models.Author, models.Attachment, models.Score)
