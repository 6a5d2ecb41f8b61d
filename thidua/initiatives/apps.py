"""initiatives app: the registry of initiatives; supplies recognised initiatives to the facts."""
from typing import Any

from django.apps import AppConfig


def initiative_frame(scope: Any) -> Any:
    """Fact provider of the `initiatives` frame: the initiatives registry's rows."""
    from thidua.core.facts_registry import rows_frame
    from thidua.initiatives.selectors import initiative_facts

    return rows_frame("initiatives", initiative_facts(scope.first, scope.last))


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến"

    def ready(self) -> None:
        from thidua.core.audit import register
        from thidua.initiatives import models

        register(models.Initiative,
                 exclude=("search_name", "authors", "attachments", "status_changes"))
        register(models.Author, models.Attachment)
        from thidua.core.facts_registry import register_fact_provider

        register_fact_provider("initiatives", "initiatives", initiative_frame)
        from thidua.core.evidence_registry import register_evidence_source

        register_evidence_source("sang-kien", "Sáng kiến được công nhận",
                                 "thidua.initiatives.evidence:documents")
        from thidua.judging.registry import register_source

        register_source("initiatives", "thidua.initiatives.selectors:council_view")
        from thidua.demo.registry import register as register_demo
        register_demo("initiatives", "thidua.initiatives.demo:load", order=40)
