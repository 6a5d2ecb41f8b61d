from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        from thidua.campaigns import models
        from thidua.core.audit import register

        register(
            models.Campaign, models.PlanItem, models.Criterion, models.CampaignAwardForm,
            models.AwardStandard, models.Quota, models.Milestone, models.MilestoneEvent,
            models.DossierComponent, models.CampaignVersion, models.Participant,
            models.Registration, models.RegisteredPerson, models.RegistrationException,
            models.AwardFormType, models.AwardFormVersion,
        )
        from thidua.core.worklist_registry import register_worklist_provider
        register_worklist_provider("campaigns", "thidua.campaigns.worklist:items")
        from thidua.core.facts_registry import register_fact_provider

        register_fact_provider("registrations", "campaigns",
                               "thidua.campaigns.selectors:registration_facts")
        from thidua.core.evidence_registry import register_evidence_source

        register_evidence_source("ke-hoach", "Kế hoạch của đơn vị",
                                 "thidua.campaigns.evidence:documents")
        from thidua.demo.registry import register as register_demo
        register_demo("campaigns", "thidua.campaigns.demo:load", order=20)
        # An Giang's two-level 2026-2030 campaign, after the seeds (issue 15).
        register_demo("campaigns-2026", "thidua.campaigns.demo_2026:load", order=21)
