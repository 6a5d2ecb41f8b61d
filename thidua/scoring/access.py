"""Who may see and do what in PAR INDEX scoring (one rule per entity, two shapes).

* A criteria set is visible to whoever reads a unit at, under or above its evaluator; it is
  managed (import, open, extend, publish) by whoever may manage campaigns (MANAGE_CAMPAIGN) with
  write access to the evaluator.
* An assessment is the unit's: its officers (write access to the unit) score and answer.
* The appraisal team: whoever may appraise (APPRAISE) over the evaluator (Sở Nội vụ acts for the
  province) appraises every field; a body the set names (AppraisalBody) appraises its fields,
  through its officers (EDIT_SCOPE over the body).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.accounts.access import (
    Actor,
    Denied,
    access_capability,
    access_unit,
    capability_paths,
    is_admin,
)
from thidua.accounts.capabilities import Capability
from thidua.scoring.models import AppraisalBody, Assessment, CriteriaSet


def _ancestors(path: str) -> list[str]:
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "/" and i > 0]


def _related_q(paths: list[str], field: str) -> Q:
    """Rows whose unit at `field` lies under, at or above one of `paths`."""
    q = Q(pk__in=[])
    above: set[str] = set()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
        above.update(_ancestors(path))
    return q | Q(**{f"{field}__in": sorted(above)})


def criteria_sets_visible_to(user: Actor) -> QuerySet[CriteriaSet]:
    qs = CriteriaSet.objects.select_related("evaluator", "category")
    if is_admin(user):
        return qs
    paths = capability_paths(user, Capability.READ_SCOPE)
    if "/" in paths:
        return qs
    return qs.filter(_related_q(paths, "evaluator__path"))


def access_criteria_set(user: Actor, criteria_set: CriteriaSet, *, manage: bool = False) -> CriteriaSet:
    if manage:
        access_capability(user, Capability.MANAGE_CAMPAIGN)
        access_unit(user, criteria_set.evaluator, write=True)
        return criteria_set
    if not criteria_sets_visible_to(user).filter(pk=criteria_set.pk).exists():
        raise Denied("Bộ tiêu chí này nằm ngoài phạm vi của bạn.")
    return criteria_set


def can_manage(user: Actor, criteria_set: CriteriaSet) -> bool:
    try:
        access_criteria_set(user, criteria_set, manage=True)
    except Denied:
        return False
    return True


def _write_paths(user: Actor) -> list[str]:
    return capability_paths(user, Capability.EDIT_SCOPE)


def _appraiser_paths(user: Actor) -> list[str]:
    """Where the user appraises every field (the evaluator's office, Sở Nội vụ for the province)."""
    return capability_paths(user, Capability.APPRAISE)


def appraisal_fields(user: Actor, criteria_set: CriteriaSet) -> set[int] | None:
    """The field ids the user appraises in the set: None = every field, empty = none."""
    if is_admin(user) or any(criteria_set.evaluator.path.startswith(p) for p in _appraiser_paths(user)):
        return None
    paths = _write_paths(user)
    fields: set[int] = set()
    bodies = (AppraisalBody.objects.filter(criteria_set=criteria_set)
              .select_related("body").prefetch_related("fields"))
    for body in bodies:
        if any(body.body.path.startswith(p) for p in paths):
            fields.update(f.pk for f in body.fields.all())
    return fields


def can_appraise(user: Actor, criteria_set: CriteriaSet) -> bool:
    fields = appraisal_fields(user, criteria_set)
    return fields is None or bool(fields)


def assessments_visible_to(user: Actor) -> QuerySet[Assessment]:
    qs = Assessment.objects.select_related("unit", "criteria_set", "criteria_set__evaluator",
                                           "criteria_set__category")
    if is_admin(user):
        return qs
    paths = capability_paths(user, Capability.READ_SCOPE)
    if "/" in paths:
        return qs
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(unit__path__startswith=path)
    writes = _write_paths(user)
    if writes:
        body_q = Q(pk__in=[])
        for path in writes:
            body_q |= Q(body__path__startswith=path)
        sets = AppraisalBody.objects.filter(body_q).values("criteria_set_id")
        q |= Q(criteria_set_id__in=sets)
    return qs.filter(q)


def access_assessment(user: Actor, assessment: Assessment, *, write: bool = False) -> Assessment:
    """Read: the unit's readers and the appraisal team; write: the unit's officers."""
    if write:
        access_capability(user, Capability.EDIT_SCOPE)
        access_unit(user, assessment.unit, write=True)
        return assessment
    if assessments_visible_to(user).filter(pk=assessment.pk).exists():
        return assessment
    raise Denied("Bản chấm điểm này nằm ngoài phạm vi của bạn.")


def can_edit_unit_side(user: Actor, assessment: Assessment) -> bool:
    try:
        access_assessment(user, assessment, write=True)
    except Denied:
        return False
    return True


def access_appraisal(user: Actor, assessment: Assessment) -> set[int] | None:
    """The fields the user may appraise in this assessment (None: all); Denied if none."""
    fields = appraisal_fields(user, assessment.criteria_set)
    if fields is not None and not fields:
        raise Denied("Bạn không thuộc đoàn thẩm định của bộ tiêu chí này.")
    return fields
