from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.initiatives import models

        register(models.Initiative,
                 exclude=("search_name", "authors", "attachments", "scores", "status_changes"))
        register(models.Author, models.Attachment, models.Score)
        try:
            from thidua.demo.registry import register as register_demo
        except ImportError:  # the demo package is optional in a slim deployment
            return
        register_demo("initiatives", "thidua.initiatives.demo:load", order=40)
