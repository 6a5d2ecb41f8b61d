"""Objects of the awards part for tests and the access matrix, built in the test world.

The campaign is the Kiên Giang plan (seed 002) issued by the world's province P1; dossiers are
written straight to the database (no access checks), in the state a test asks for.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.utils import timezone

from thidua.awards.models import (
    Award,
    AwardDecision,
    Council,
    CouncilMeeting,
    CouncilMember,
    DocumentJob,
    Dossier,
    Kind,
    MemberRole,
    Nomination,
    Source,
    State,
)
from thidua.awards.selectors import receiver_for
from thidua.campaigns.models import (
    Campaign,
    CampaignAwardForm,
    MilestoneEvent,
    Participant,
    RegisteredPerson,
    Registration,
)
from thidua.campaigns.seedplans import load_seed_plan
from thidua.campaigns.services import campaign_launch, campaign_save
from thidua.org.models import Unit, UnitCategory

KG_CODE = "KG-CCHC-2021-2025"


def kg_campaign(world: Any, *, issuer: str = "P1", code: str = "KG-THU-NGHIEM") -> Campaign:
    """The Kiên Giang 2021-2025 plan (002), issued by the world's province."""

    def make(w: Any) -> Campaign:
        for cat, name in (("co-quan-chuyen-trach-tinh", "Cơ quan chuyên trách CCHC cấp tỉnh"),
                          ("phong-noi-vu-huyen", "Phòng Nội vụ cấp huyện")):
            UnitCategory.objects.get_or_create(code=cat, defaults={"name": name,
                                                                   "kind": "cchc_body"})

        plan = dict(load_seed_plan(KG_CODE), issuer_unit_code=w.units[issuer].code, code=code)
        campaign = campaign_save(actor=w.users["ada_admin"], plan=plan, check_access=False)
        return campaign_launch(actor=None, campaign=campaign, launched_on=date(2022, 3, 1),
                               cascade_due=date(2022, 3, 30), check_access=False, notify=False)

    return world.get_or_make(f"awards.campaign.{issuer}.{code}", make)


def register(campaign: Campaign, unit: Unit, people: list[Any] = ()) -> Any:  # type: ignore[assignment]
    """The unit registers for the campaign with these individuals (002 §III.2)."""
    participant, _ = Participant.objects.get_or_create(campaign=campaign, unit=unit)
    registration, _ = Registration.objects.get_or_create(
        campaign=campaign, unit=unit, participant=participant,
        defaults={"collective_target": "Hoàn thành xuất sắc nhiệm vụ CCHC giai đoạn 2021-2025.",
                  "individual_target": "Hoàn thành xuất sắc nhiệm vụ CCHC.",
                  "submitted_at": timezone.now()})
    for i, person in enumerate(people):
        RegisteredPerson.objects.get_or_create(registration=registration, person=person,
                                               defaults={"position": i})
    return registration


def award_form(campaign: Campaign, code: str) -> CampaignAwardForm:
    return campaign.award_forms.get(code=code)


def recognise_results(campaign: Campaign, *, year: int, on: date) -> MilestoneEvent:
    """Record the day the province recognised `year`'s results (relative deadlines start)."""
    event, _ = MilestoneEvent.objects.update_or_create(
        campaign=campaign, event="results_recognised", year=year,
        defaults={"occurred_on": on})
    return event


def make_dossier(world: Any, unit_key: str, *, state: str = State.DRAFT, scope: str = "phase",
                 year: int = 2025, with_nomination: bool = True, campaign: Campaign | None = None
                 ) -> Dossier:
    campaign = campaign or kg_campaign(world)
    unit: Unit = world.units[unit_key]
    today = timezone.localdate()
    receiver = receiver_for(unit, today) or unit
    dossier = Dossier(campaign=campaign, scope=scope, year=year, unit=unit, receiver=receiver,
                      made_on=today, state=state, created_by=world.users["ada_admin"])
    if state != State.DRAFT:
        dossier.submitted_at = timezone.now()
    dossier.save()
    if with_nomination:
        form = campaign.award_forms.filter(scope=scope, subject=Kind.COLLECTIVE).first()
        if form is not None:
            Nomination.objects.create(dossier=dossier, kind=Kind.COLLECTIVE, unit=unit,
                                      award_form=form, source=Source.MANUAL, order=1)
    return dossier


def sample_dossier(world: Any, unit_key: str) -> Dossier:
    return world.get_or_make(f"awards.dossier.{unit_key}",
                             lambda w: make_dossier(w, unit_key, state=State.SUBMITTED))


def make_council(world: Any, unit_key: str, *, members: int = 3) -> Council:
    unit = world.units[unit_key]
    council, _ = Council.objects.get_or_create(
        unit=unit, defaults={"name": f"Hội đồng Thi đua - Khen thưởng {unit.name}"})
    if not council.members.exists():
        names = ["Nguyễn Văn Chủ", "Trần Thị Phó", "Lê Văn Ủy", "Phạm Thị Viên", "Hoàng Văn Năm"]
        for i in range(members):
            CouncilMember.objects.create(
                council=council, name=names[i % len(names)],
                role=MemberRole.CHAIR if i == 0 else MemberRole.MEMBER,
                position="Thành viên", order=i + 1,
                user=world.users.get("carl_council") if i == 0 and unit_key == "P1" else None)
    return council


def sample_meeting(world: Any, unit_key: str) -> CouncilMeeting:
    def make(w: Any) -> CouncilMeeting:
        from thidua.awards.models import Attendance

        council = make_council(w, unit_key)
        meeting = CouncilMeeting.objects.create(
            council=council, held_on=timezone.localdate(), start=time(8, 0),
            venue="Phòng họp", purpose="xét khen thưởng", secretary="Thư ký Hội đồng")
        for m in council.members.all():
            Attendance.objects.create(meeting=meeting, member=m, present=True)
        return meeting

    return world.get_or_make(f"awards.meeting.{unit_key}", make)


def sample_decision(world: Any, unit_key: str) -> AwardDecision:
    """A decided dossier of `unit_key` with its decision and one collective award."""

    def make(w: Any) -> AwardDecision:
        dossier = make_dossier(w, unit_key, state=State.DECIDED)
        issuer = dossier.receiver
        decision = AwardDecision.objects.create(
            issuer=issuer, campaign=dossier.campaign, scope=dossier.scope, year=dossier.year,
            number_symbol=f"{dossier.pk}/QĐ-UBND", signed_on=timezone.localdate(),
            authority=f"Chủ tịch {issuer.name}", subject="Về việc tặng Bằng khen",
            legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            achievement="đã có thành tích xuất sắc", signer_name="Nguyễn Văn Ký")
        dossier.decision = decision
        dossier.save()
        n = dossier.nominations.first()
        Award.objects.create(kind=Kind.COLLECTIVE, unit=dossier.unit,
                             form_code=n.award_form.catalogue_id if n else "merit_province_chairman",
                             form_name=(n.award_form.name if n
                                        else "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
                             year=dossier.year, decided_on=decision.signed_on, decision=decision,
                             nomination=n, campaign=dossier.campaign, scope=dossier.scope)
        return decision

    return world.get_or_make(f"awards.decision.{unit_key}", make)


def sample_award(world: Any, unit_key: str) -> Award:
    decision = sample_decision(world, unit_key)
    return decision.awards.first()  # type: ignore[return-value]


def sample_job(world: Any, unit_key: str) -> DocumentJob:
    return world.get_or_make(f"awards.job.{unit_key}", lambda w: DocumentJob.objects.create(
        kind="dossier_export", label="Xuất hồ sơ", unit=w.units[unit_key], params={}))


def sample_nomination(world: Any, unit_key: str) -> Nomination:
    return sample_dossier(world, unit_key).nominations.first()  # type: ignore[return-value]
