"""awards app: dossiers, councils, decisions and awards; supplies the prior awards of the facts."""
from typing import Any

from django.apps import AppConfig


def prior_awards_frame(scope: Any) -> Any:
    """Fact provider of the `prior_awards` frame: awards already decided, every year ("has the
    flag of 2022")."""
    from thidua.awards.selectors import award_facts_frame

    return award_facts_frame()


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from thidua.awards import models
        from thidua.core.audit import register

        register(models.Dossier, models.Nomination, models.DossierFile, models.DeadlineException,
                 models.Council, models.CouncilMember, models.CouncilMeeting, models.Attendance,
                 models.Ballot, models.RoomTally, models.AwardDecision, models.Award,
                 models.BaseSalary)
        from thidua.awards import tasks  # noqa: F401 - registers the huey tasks
        from thidua.core.worklist_registry import register_worklist_provider
        register_worklist_provider("awards", "thidua.awards.worklist:items")
        from thidua.core.facts_registry import register_fact_provider

        register_fact_provider("prior_awards", "awards", prior_awards_frame)
        from thidua.awards import signables

        signables.register()  # decision, certificates, minutes, tờ trình can be signed (signing app)

        from thidua.demo.registry import register as register_demo
        # After campaigns (20), results (30), initiatives (40), contests (45); before the honour
        # board (95), which shows the awards.
        register_demo("awards", "thidua.awards.demo:load", order=60)
