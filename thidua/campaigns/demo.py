"""Demo data of the campaigns part: the five seed plans as launched campaigns, with some of the
life a campaign has (units that issued their plans, registrations, a district's own plan, the
days the province recognised each year's results).

Entry points: ``load(ctx)`` (registered in thidua.demo.registry, run by ``thidua demo``) and
``load_demo_campaigns(seed=…)``. Idempotent: a campaign whose code exists is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Q

from thidua.campaigns import services
from thidua.campaigns.models import Campaign, Participant, PlanIssueStatus
from thidua.campaigns.seedplans import load_seed_plans, with_rules
from thidua.core.audit import Action, audit_bulk, snapshot
from thidua.org.models import Membership, Unit

# None of the seeds prints its date of issue except 004; the demo launches each on a date the
# plan itself makes plausible (said in docs/campaigns.md).
LAUNCH_DAYS: dict[str, date] = {
    "DNO-CCHC-2022-2025": date(2022, 1, 10),  # period "from the date of issue" to 2025
    "TNA-CCHC-2023": date(2023, 1, 16),  # "ngày … tháng 01 năm 2023"
    "KG-CCHC-2021-2025": date(2022, 3, 1),  # after Kế hoạch 39/KH-UBND of 23/02/2022
    "BDT-CCHC-2021-2025": date(2021, 9, 20),  # after Thông báo 616/TB-BDT of 08/9/2021
    "HG-CCHC-2021-2025": date(2021, 10, 9),  # as printed
}
CASCADE_DAYS = 30  # the demo asks units to issue their own plan within a month
# Units that always register for Kiên Giang's campaign, whatever the draw: the predecessors of
# the units the demo logins sit on (thidua.demo.loader.DEMO_LOGINS: so1 on the successor of the
# Ban Dân tộc, xa1 on the ward formed from KGI-X001..X004), so each login has candidates to
# nominate (thidua.results.demo gives them the results the standards read).
ALWAYS_REGISTERED = ("KGI-BDT", "KGI-X003")
# Days the province recognised each year's CCHC results (KG §V.2 counts 15 days from them).
RESULTS_RECOGNISED = {2021: date(2022, 2, 25), 2022: date(2023, 2, 24), 2023: date(2024, 2, 23),
                      2024: date(2025, 2, 21)}


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_campaigns(seed=ctx.seed, log=ctx.log, rng=ctx.rng("campaigns"))


@transaction.atomic
def load_demo_campaigns(*, seed: int = 2025, log: Callable[[str], None] = lambda _m: None,
                        rng: np.random.Generator | None = None) -> list[Campaign]:
    """Load the five seed plans (issued by their units) and a little activity around them."""
    rng = rng if rng is not None else np.random.default_rng(seed)
    loaded: list[Campaign] = []
    for plan in load_seed_plans():
        if Campaign.objects.filter(code=plan["code"]).exists():
            continue
        if not Unit.objects.filter(code=plan["issuer_unit_code"]).exists():
            log(f"  bỏ qua {plan['code']}: chưa có đơn vị {plan['issuer_unit_code']}")
            continue
        campaign = services.campaign_save(actor=None, plan=with_rules(plan), check_access=False)
        launched = LAUNCH_DAYS.get(campaign.code, campaign.issued_on or campaign.period_start)
        services.campaign_launch(
            actor=None, campaign=campaign, launched_on=launched,
            cascade_due=launched + timedelta(days=CASCADE_DAYS), check_access=False, notify=False,
            reason=f"Kế hoạch mẫu chép từ bản gốc {plan['source']}.")
        _activity(campaign, rng)
        loaded.append(campaign)
        log(f"  phong trào {campaign.code}: {campaign.participants.count()} đơn vị tham gia")
    kg = Campaign.objects.filter(code="KG-CCHC-2021-2025").first()
    if kg is not None and kg in loaded:
        _district_plan(kg)
    return loaded


def _activity(campaign: Campaign, rng: np.random.Generator) -> None:
    participants = list(campaign.participants.select_related("unit").order_by("unit__path"))
    launched = campaign.launched_on or campaign.period_start
    issued = [p for p in participants if rng.random() < 0.7]
    before = [snapshot(p) for p in issued]
    for number, p in enumerate(issued, start=1):
        p.plan_status = PlanIssueStatus.ISSUED
        p.plan_number = f"{number:02d}/KH-{p.unit.code.split('-')[-1]}"
        p.plan_issued_on = launched + timedelta(days=int(rng.integers(5, CASCADE_DAYS + 20)))
    Participant.objects.bulk_update(issued, ["plan_status", "plan_number", "plan_issued_on"])
    audit_bulk(issued, Action.UPDATE, before=before, note="Dữ liệu mẫu: đơn vị đã ban hành kế hoạch")
    if campaign.code == "KG-CCHC-2021-2025":
        for year, day in RESULTS_RECOGNISED.items():
            services.milestone_event_record(actor=None, campaign=campaign,
                                            event="results_recognised", year=year,
                                            occurred_on=day, check_access=False)
        _registrations(campaign, participants, rng)


def _registrations(campaign: Campaign, participants: list[Participant],
                   rng: np.random.Generator) -> None:
    from thidua.campaigns.selectors import registration_deadline

    deadline = registration_deadline(campaign)
    launched = campaign.launched_on or campaign.period_start
    if deadline is None:
        return
    annex: dict[str, Any] = next((a for a in campaign.annexes if a.get("code") == "registration_form"), {})
    fields = [f for s in annex.get("sections", []) for f in s.get("fields", [])]
    collective = next((f["value"] for f in fields if f.get("label") == "Đăng ký thi đua:"),
                      "Hoàn thành xuất sắc nhiệm vụ CCHC.")
    individual = next((f["value"] for f in fields if f.get("label") == "Nội dung đăng ký:"), "")
    span = max((deadline - launched).days, 1)
    for participant in participants:
        drawn = rng.random() < 0.75
        if not drawn and participant.unit.code not in ALWAYS_REGISTERED:
            continue
        # A unit registered because it must draws nothing, so the others' draws stay the same.
        day = launched + timedelta(days=int(rng.integers(1, span + 1)) if drawn else span // 2)
        # The two individuals come from the whole collective: the unit and its divisions
        # (phòng, chi cục), where most of a department's staff work (docs/rules.md, Reading 1).
        unit = participant.unit
        pool = list(Membership.objects.filter(start__lte=day)
                    .filter(Q(unit=unit) | Q(unit__path__startswith=unit.path,
                                            unit__kind="division"))
                    .filter(Q(end__isnull=True) | Q(end__gte=day))
                    .exclude(position__startswith="Chủ tịch").select_related("person")
                    .order_by("person__code")[:40])
        picks = (sorted(rng.choice(len(pool), size=min(2, len(pool)), replace=False))
                 if drawn else list(range(min(2, len(pool))))) if pool else []
        staff = [pool[int(i)] for i in picks]
        services.registration_submit(
            actor=None, participant=participant, collective_target=collective,
            individual_target=individual, people=[(m.person, "") for m in staff], today=day,
            check_access=False)


def _district_plan(kg: Campaign) -> None:
    """One district writes its own plan from the province's, linked to it (the cascade)."""
    participant = (kg.participants.filter(unit__category__code="huyen")
                   .select_related("unit").order_by("unit__path").first())
    if participant is None:
        return
    unit = participant.unit
    child = services.campaign_copy(actor=None, source=kg, issuer=unit,
                                   code=f"{unit.code}-CCHC-2021-2025", check_access=False)
    child.issuing_body = f"ỦY BAN NHÂN DÂN {unit.name.upper()}"
    child.number_symbol = "45/KH-UBND"
    child.issued_on = date(2022, 3, 18)
    child.place = unit.name.removeprefix("Huyện ").removeprefix("Thành phố ")
    child.save()
    services.campaign_launch(actor=None, campaign=child, launched_on=child.issued_on,
                             cascade_due=date(2022, 4, 15), check_access=False, notify=False)
