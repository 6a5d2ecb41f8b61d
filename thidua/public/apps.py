"""public app: the honour board (no login) and its stories of exemplary people and collectives."""
from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "thidua.public"
    label = "public"
    verbose_name = "Vinh danh"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.public import models

        register(models.Story, exclude=("search_text",))
        from thidua.demo.registry import register as register_demo
        register_demo("public", "thidua.public.demo:load", order=95)
