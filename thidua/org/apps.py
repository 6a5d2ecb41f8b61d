from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Tổ chức"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.org import models

        register(
            models.UnitCategory, models.Unit, models.LineageEvent, models.LineageLink,
            models.Person, models.Membership,
            exclude=("search_name", "sort_key", "path", "depth"),
        )
