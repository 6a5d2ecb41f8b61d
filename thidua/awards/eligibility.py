"""The eligibility list and the standards check, as the nomination pages need them.

The standards are evaluated by the results part (thidua.eligibility.services.eligibility_run,
over the rules engine, with explanations). This module only asks it, once per dossier, and turns
the answer into rows a nomination keeps. When the campaign has no standard written as a rule
yet, only the registration rule is checked here (002 §IV.1.1.a: only registered participants can
be commended) and the other standards are shown as not evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua.awards.models import Dossier, Kind
from thidua.campaigns.models import AwardStandard, CampaignAwardForm, RegisteredPerson, Registration
from thidua.campaigns.selectors import is_registered
from thidua.eligibility.selectors import category_names, code_names, plain
from thidua.eligibility.services import EligibilityError, eligibility_run
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


def _run(dossier: Dossier) -> Any | None:
    """The evaluation of the campaign's standards for the dossier's round, or None when it
    cannot run (no standard written as a rule yet). Kept on the dossier instance, so one page
    or one bulk action evaluates once."""
    cached = getattr(dossier, "_eligibility_run", False)
    if cached is not False:
        return cached
    run = None
    phase = dossier.scope != "annual"
    try:
        run = eligibility_run(campaign=dossier.campaign, phase=phase,
                              year=None if phase else dossier.year, parallel=False)
    except EligibilityError:
        run = None
    dossier._eligibility_run = run  # type: ignore[attr-defined]
    return run


def _condition_text(record: dict[str, Any], say: Any) -> str:
    conditions = record.get("conditions", [])
    top = min((c.get("depth", 0) for c in conditions), default=0)
    failed = [c for c in conditions if not c.get("passed") and c.get("depth", 0) == top]
    return "; ".join(say(f"{c.get('text', '')}")
                     + (f" ({say(c['explanation'])})" if c.get("explanation") else "")
                     for c in failed)


def standard_label(std: AwardStandard, limit: int = 160) -> str:
    """How a person reads a standard: its words in the plan, or where the plan states it —
    never its code (KG-A-IND), which is the system's."""
    if std.text:
        return std.text[:limit]
    if std.text_clause:
        return f"Tiêu chuẩn tại {std.text_clause} của kế hoạch"
    return f"Tiêu chuẩn của hình thức {std.award_form.name}"


def _say(run: Any) -> Any:
    """The run's texts as a person reads them: categories, contests, award forms and standards
    by their names, not their codes (issue 11); the names are read once per run."""
    cached = getattr(run, "_say", None)
    if cached is None:
        names, codes = category_names(), code_names(run.rules)

        def cached(text: str) -> str:
            return plain(text, names, codes)

        run._say = cached
    return cached


def _standard_check(run: Any, std: AwardStandard, code: str) -> StandardCheck | None:
    if std.code not in run.result.codes():
        return None
    record = run.result[std.code].record(code)
    say = _say(run)
    title = run.rules[std.code].title or standard_label(std)
    label = f"{title}: {std.text[:160]}" if std.text and std.text[:160] != title else title
    if not record["candidate_of_standard"]:
        return StandardCheck(std.code, label, False, "Không thuộc đối tượng xét của tiêu chuẩn.")
    if record["eligible"]:
        note = (record.get("quota") or {}).get("note", "")
        return StandardCheck(std.code, label, True, say(note))
    return StandardCheck(std.code, label, False, _condition_text(record, say))


def standards_of(award_form: CampaignAwardForm, kind: str) -> list[AwardStandard]:
    return list(award_form.standards.filter(subject=kind).order_by("position", "id"))


def _registration_check(dossier: Dossier, kind: str, unit: Unit, person: Person | None
                        ) -> StandardCheck:
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
    run = _run(dossier)
    if run is not None:
        code = person.code if kind == Kind.INDIVIDUAL and person else unit.code
        found = [c for c in (_standard_check(run, std, code) for std in standards) if c]
        if found:
            # one standard met is enough for the form (a form may have several standards)
            met = [c for c in found if c.met]
            return CandidateCheck(standards[0] if standards else None, met or found)
    checks = [_registration_check(dossier, kind, unit, person)]
    for std in standards:
        checks.append(StandardCheck(std.code, standard_label(std, 200), None,
                                    "Chưa đánh giá tự động (chưa có dịch vụ xét tiêu chuẩn)."))
    return CandidateCheck(standards[0] if standards else None, checks)


def eligible_candidates(*, dossier: Dossier) -> list[EligibleCandidate]:
    """The candidates of the dossier's unit (and below) that meet a standard of an award form of
    the dossier's round, best ranked first, as the results part computes them."""
    forms = list(dossier.campaign.award_forms.filter(scope=dossier.scope).order_by("position", "id"))
    run = _run(dossier)
    if run is not None:
        found = _engine_candidates(dossier, forms, run)
        if found is not None:
            return found
    return _registered_candidates(dossier, forms)


def _registered_candidates(dossier: Dossier, forms: list[CampaignAwardForm]
                           ) -> list[EligibleCandidate]:
    """Without the results service: the registered participants under the dossier's unit."""
    out: list[EligibleCandidate] = []
    prefix = dossier.unit.path
    registrations = Registration.objects.filter(campaign=dossier.campaign,
                                                unit__path__startswith=prefix)
    # A unit may register for the whole campaign and for single years: each candidate once.
    units = list(dict.fromkeys(r.unit for r in registrations.select_related("unit")
                               .order_by("unit__path")))
    people = list(dict.fromkeys(
        rp.person for rp in RegisteredPerson.objects.filter(registration__in=registrations)
        .select_related("person__unit").order_by("registration__unit__path", "position")))
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


def _engine_candidates(dossier: Dossier, forms: list[CampaignAwardForm], run: Any
                       ) -> list[EligibleCandidate] | None:
    """Candidates eligible under a standard the engine evaluated, within the dossier's unit."""
    out: list[EligibleCandidate] = []
    evaluated = False
    prefix = dossier.unit.path
    for form in forms:
        for std in form.standards.order_by("position", "id"):
            if std.code not in run.result.codes():
                continue
            evaluated = True
            result = run.result[std.code]
            codes = result.eligible()
            selected = set(result.selected())
            if std.subject == Kind.COLLECTIVE:
                units = {u.code: u for u in Unit.objects.filter(code__in=codes,
                                                                path__startswith=prefix)}
                for rank, code in enumerate(codes, 1):
                    if code in units:
                        check = CandidateCheck(std, [_standard_check(run, std, code)])  # type: ignore[list-item]
                        out.append(EligibleCandidate(Kind.COLLECTIVE, units[code], None, form,
                                                     check, selected=code in selected, rank=rank))
            else:
                people = {p.code: p for p in Person.objects.filter(
                    code__in=codes, unit__path__startswith=prefix).select_related("unit")}
                for rank, code in enumerate(codes, 1):
                    person = people.get(code)
                    if person is not None and person.unit is not None:
                        check = CandidateCheck(std, [_standard_check(run, std, code)])  # type: ignore[list-item]
                        out.append(EligibleCandidate(Kind.INDIVIDUAL, person.unit, person, form,
                                                     check, selected=code in selected, rank=rank))
    return out if evaluated else None
