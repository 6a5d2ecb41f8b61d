"""The eligibility list and the standards check, as the nomination pages need them.

The standards are evaluated by the results part (thidua.results.eligibility, over the rules
engine, with explanations). This module only asks it, per dossier, and turns the answer into
rows a nomination keeps. When that service is not installed, only the registration rule is
checked here (002 §IV.1.1.a: only registered participants can be commended) and the other
standards are shown as not evaluated.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from thidua.awards.models import Dossier, Kind
from thidua.campaigns.models import AwardStandard, CampaignAwardForm
from thidua.org.models import Person, Unit


@dataclass(frozen=True)
class StandardCheck:
    code: str
    label: str
    met: bool | None  # None: not evaluated
    text: str = ""


@dataclass
class CandidateCheck:
    standard: AwardStandard | None
    checks: list[StandardCheck] = field(default_factory=list)

    @property
    def unmet(self) -> list[StandardCheck]:
        return [c for c in self.checks if c.met is False]

    @property
    def met(self) -> bool:
        return bool(self.checks) and not self.unmet and all(c.met for c in self.checks)

    def rows(self) -> list[dict[str, Any]]:
        return [{"standard": c.code, "label": c.label, "met": c.met, "text": c.text}
                for c in self.checks]

    def unmet_rows(self) -> list[dict[str, Any]]:
        return [{"standard": c.code, "label": c.label, "met": False, "text": c.text}
                for c in self.unmet]


@dataclass
class EligibleCandidate:
    kind: str
    unit: Unit
    person: Person | None
    award_form: CampaignAwardForm
    check: CandidateCheck
    selected: bool = True  # within the quota
    rank: int | None = None
    note: str = ""

    @property
    def name(self) -> str:
        return self.person.full_name if self.person else self.unit.name

    @property
    def key(self) -> str:
        subject = f"p{self.person.pk}" if self.person else f"u{self.unit.pk}"
        return f"{self.award_form.pk}:{subject}"


def _service(name: str) -> Callable[..., Any] | None:
    """A function of the results part's eligibility service, when it is installed."""
    try:
        module = importlib.import_module("thidua.results.eligibility")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if callable(found) else None


def standards_of(award_form: CampaignAwardForm, kind: str) -> list[AwardStandard]:
    return list(award_form.standards.filter(subject=kind).order_by("position", "id"))


def _registration_check(dossier: Dossier, kind: str, unit: Unit, person: Person | None
                        ) -> StandardCheck:
    from thidua.campaigns.selectors import is_registered

    campaign = dossier.campaign
    if not campaign.registrations.exists():
        return StandardCheck("registered", "Đăng ký thi đua", None,
                             "Phong trào chưa có dữ liệu đăng ký thi đua.")
    subject: Unit | Person = person if kind == Kind.INDIVIDUAL and person else unit
    registered = is_registered(campaign, subject)
    return StandardCheck("registered", "Có đăng ký thi đua theo kế hoạch", registered,
                         "Đã đăng ký." if registered else "Không có trong danh sách đăng ký thi đua.")


def check_candidate(*, dossier: Dossier, kind: str, unit: Unit, person: Person | None,
                    award_form: CampaignAwardForm) -> CandidateCheck:
    """Which standards of `award_form` the candidate meets, each with its explanation."""
    standards = standards_of(award_form, kind)
    service = _service("candidate_checks")
    if service is not None:
        found = service(campaign=dossier.campaign, year=dossier.year, standards=standards,
                        unit=unit if kind == Kind.COLLECTIVE else None,
                        person=person if kind == Kind.INDIVIDUAL else None)
        checks = [StandardCheck(str(c["code"]), str(c["label"]), c.get("met"),
                                str(c.get("text", ""))) for c in found]
        return CandidateCheck(standards[0] if standards else None, checks)
    checks = [_registration_check(dossier, kind, unit, person)]
    for std in standards:
        checks.append(StandardCheck(std.code, std.text[:200] or std.code, None,
                                    "Chưa đánh giá tự động (chưa có dịch vụ xét tiêu chuẩn)."))
    return CandidateCheck(standards[0] if standards else None, checks)


def eligible_candidates(*, dossier: Dossier) -> list[EligibleCandidate]:
    """The candidates of the dossier's unit (and below) that meet a standard of an award form of
    the dossier's round, best ranked first, as the results part computes them."""
    forms = list(dossier.campaign.award_forms.filter(scope=dossier.scope).order_by("position", "id"))
    service = _service("eligibility_list")
    out: list[EligibleCandidate] = []
    if service is not None:
        for row in service(campaign=dossier.campaign, year=dossier.year,
                           award_forms=forms, within=dossier.unit):
            form = next(f for f in forms if f.pk == row["award_form_id"])
            unit = Unit.objects.get(pk=row["unit_id"])
            person = Person.objects.get(pk=row["person_id"]) if row.get("person_id") else None
            checks = [StandardCheck(str(c["code"]), str(c["label"]), c.get("met"),
                                    str(c.get("text", ""))) for c in row.get("checks", [])]
            out.append(EligibleCandidate(row["kind"], unit, person, form,
                                         CandidateCheck(None, checks),
                                         selected=bool(row.get("selected", True)),
                                         rank=row.get("rank"), note=str(row.get("note", ""))))
        return out
    return _registered_candidates(dossier, forms)


def _registered_candidates(dossier: Dossier, forms: list[CampaignAwardForm]
                           ) -> list[EligibleCandidate]:
    """Without the results service: the registered participants under the dossier's unit."""
    from thidua.campaigns.models import RegisteredPerson, Registration

    out: list[EligibleCandidate] = []
    prefix = dossier.unit.path
    registrations = Registration.objects.filter(campaign=dossier.campaign,
                                                unit__path__startswith=prefix)
    units = [r.unit for r in registrations.select_related("unit").order_by("unit__path")]
    people = [rp.person for rp in RegisteredPerson.objects.filter(registration__in=registrations)
              .select_related("person__unit").order_by("registration__unit__path", "position")]
    for form in forms:
        if form.subject in (Kind.COLLECTIVE, "both"):
            for unit in units:
                check = check_candidate(dossier=dossier, kind=Kind.COLLECTIVE, unit=unit,
                                        person=None, award_form=form)
                if not check.unmet:
                    out.append(EligibleCandidate(Kind.COLLECTIVE, unit, None, form, check,
                                                 note="Đã đăng ký thi đua"))
        if form.subject in (Kind.INDIVIDUAL, "both"):
            for person in people:
                if person.unit is None:
                    continue
                check = check_candidate(dossier=dossier, kind=Kind.INDIVIDUAL, unit=person.unit,
                                        person=person, award_form=form)
                if not check.unmet:
                    out.append(EligibleCandidate(Kind.INDIVIDUAL, person.unit, person, form,
                                                 check, note="Đã đăng ký thi đua"))
    return out
