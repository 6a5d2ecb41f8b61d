from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from thidua.awards import models
        from thidua.core.audit import register

        register(models.Dossier, models.Nomination, models.DossierFile, models.DeadlineException,
                 models.Council, models.CouncilMember, models.CouncilMeeting, models.Attendance,
                 models.Ballot, models.AwardDecision, models.Award, models.BaseSalary)
        from thidua.awards import tasks  # noqa: F401 - registers the huey tasks
