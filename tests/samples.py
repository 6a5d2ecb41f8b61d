"""URL keyword samples for the access matrix: an object in the persona's scope, and one outside.

Every URL keyword argument must have an entry here. `own` returns None when the persona has no
such object of its own (then the page must be refused). Parts of the product add their kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thidua.core.testing import World

# persona -> (own unit key or None, other unit key)
UNIT_SCOPE = {
    "ada_admin": ("X1", "Y1"),
    "alice_owner": ("X1", "Y1"),
    "olga_officer": ("X1", "X3"),
    "carl_council": ("X1", "Y1"),
    "sam_signer": ("X1", "Y1"),
    "stan_staff": (None, "X3"),
}
PERSON_SCOPE = {
    "ada_admin": ("p_x1", "p_y1"),
    "alice_owner": ("p_x1", "p_y1"),
    "olga_officer": ("p_x1", "p_x3"),
    "carl_council": ("p_x1", "p_y1"),
    "sam_signer": ("p_x1", "p_y1"),
    "stan_staff": ("p_staff", "p_x3"),
}

Sample = Callable[[World, str, bool], Any]


def _unit(world: World, persona: str, own: bool) -> Any:
    key = UNIT_SCOPE[persona][0 if own else 1]
    return None if key is None else world.units[key].pk


def _person(world: World, persona: str, own: bool) -> Any:
    key = PERSON_SCOPE[persona][0 if own else 1]
    return None if key is None else world.people[key].pk


def _result_round(world: World, persona: str, own: bool) -> Any:
    """A results round evaluated by the persona's own unit (or by a unit outside its scope)."""
    from thidua.results.models import ResultRound

    key = UNIT_SCOPE[persona][0 if own else 1]
    if key is None:
        return None
    evaluator = world.units[key]
    made = world.get_or_make(f"results.round.{key}", lambda w: ResultRound.objects.create(
        evaluator=evaluator, year=2024))
    return made.pk


# --- initiatives and contests: the own object is in X1 (stan_staff is its author / a participant)
def _initiative_obj(world: World, persona: str, own: bool) -> Any:
    from thidua.initiatives.testing import make_attachment, make_initiative

    key = "X1" if own else ("X3" if persona == "stan_staff" else UNIT_SCOPE[persona][1])
    authors = {"X1": "p_staff", "X3": "p_x3", "Y1": "p_y1"}

    def make(w: World) -> Any:
        initiative = make_initiative(w.units[key], [w.people[authors[key]]], title=f"Sáng kiến {key}")
        make_attachment(initiative)
        return initiative

    return world.get_or_make(f"initiatives.{key}", make)


def _initiative(world: World, persona: str, own: bool) -> Any:
    return _initiative_obj(world, persona, own).pk


def _initiative_file(world: World, persona: str, own: bool) -> Any:
    return _initiative_obj(world, persona, own).attachments.first().pk


def _contest_obj(world: World, persona: str, own: bool) -> Any:
    from thidua.contests.testing import make_contest, make_round

    key = "X1" if own else ("X3" if persona == "stan_staff" else UNIT_SCOPE[persona][1])

    def make(w: World) -> Any:
        contest = make_contest(w.units[key], public_allowed=True)
        make_round(contest)
        return contest

    return world.get_or_make(f"contests.{key}", make)


def _contest_attempt(world: World, persona: str, own: bool) -> Any:
    from thidua.contests import services

    if own and persona not in ("stan_staff", "ada_admin"):
        return None
    key, person = ("X1", "p_staff") if own else ("X3", "p_x3")
    contest = _contest_obj(world, persona, own)

    def make(w: World) -> Any:
        participant = contest.participants.create(kind="staff", person=w.people[person],
                                                  unit=w.units[key], full_name=w.people[person].full_name)
        return services.attempt_start(participant=participant, round_=contest.rounds.get())

    return world.get_or_make(f"contests.attempt.{key}", make).pk


# Keyword -> sample. Plain (non-object) keywords return the same value for own and other.
SAMPLES: dict[str, Sample] = {
    "unit_id": _unit,
    "person_id": _person,
    "kind": lambda world, persona, own: "can-bo",
    "dataset": lambda world, persona, own: "people",
    "fmt": lambda world, persona, own: "csv",
    "round_id": _result_round,
    "result_kind": lambda world, persona, own: "chi-so-cchc",
    "initiative_id": _initiative,
    "initiative_file_id": _initiative_file,
    "contest_id": lambda world, persona, own: _contest_obj(world, persona, own).pk,
    "contest_round_id": lambda world, persona, own: _contest_obj(world, persona, own).rounds.get().pk,
    "attempt_id": _contest_attempt,
}
# Keywords whose value is not an object in some unit: no "other" check is possible.
NON_OBJECT = {"kind", "dataset", "fmt", "result_kind"}


# --- awards: dossiers, council sessions, decisions (thidua/awards/testing.py builds them) -------
def _awards_key(persona: str, own: bool) -> str | None:
    return UNIT_SCOPE[persona][0 if own else 1]


def _awards_sample(make: Callable[[World, str], Any]) -> Sample:
    def sample(world: World, persona: str, own: bool) -> Any:
        key = _awards_key(persona, own)
        return None if key is None else make(world, key).pk

    return sample


def _awards_file(world: World, key: str) -> Any:
    from django.core.files.base import ContentFile

    from thidua.awards.models import DossierFile, FileSource
    from thidua.awards.testing import sample_dossier

    def make(w: World) -> Any:
        row = DossierFile(dossier=sample_dossier(w, key), component="other", label="Tài liệu",
                          source=FileSource.UPLOADED)
        row.file.save("tai-lieu.pdf", ContentFile(b"%PDF-1.4 mau"), save=False)
        row.save()
        return row

    return world.get_or_make(f"awards.file.{key}", make)


def _awards_meeting(world: World, persona: str, own: bool) -> Any:
    from thidua.awards.testing import sample_meeting

    if own:
        key = {"olga_officer": "X1", "stan_staff": None}.get(persona, "P1")
    else:
        key = "X3" if persona == "olga_officer" else "P2"
    return None if key is None else sample_meeting(world, key).pk


def _awards_samples() -> dict[str, Sample]:
    from thidua.awards import testing

    return {
        "dossier_id": _awards_sample(testing.sample_dossier),
        "nomination_id": _awards_sample(testing.sample_nomination),
        "file_id": _awards_sample(_awards_file),
        "meeting_id": _awards_meeting,
        "decision_id": _awards_sample(testing.sample_decision),
        "award_id": _awards_sample(testing.sample_award),
        "job_id": _awards_sample(testing.sample_job),
        "transition": lambda world, persona, own: "submit",
        "doc_format": lambda world, persona, own: "docx",
    }


SAMPLES.update(_awards_samples())
NON_OBJECT |= {"transition", "doc_format"}


# --- campaigns: P1's launched campaign (X1, X2, X3 take part) and X1's own plan implementing it.
# Officers and staff of X1 work on X1's plan; owners, council and signers on P1's.
CAMPAIGN_SCOPE = {
    "ada_admin": ("P1", "P2"),
    "alice_owner": ("P1", "P2"),
    "olga_officer": ("X1", "X3"),
    "carl_council": ("P1", "P2"),
    "sam_signer": ("P1", "P2"),
    "stan_staff": ("X1", "X3"),
}


def _campaign_obj(world: World, key: str) -> Any:
    from thidua.campaigns.testing import launched_campaign

    def make(w: World) -> Any:
        parent = _campaign_obj(w, "P1") if key in ("X1", "X3") else None
        return launched_campaign(w, f"TEST-{key}", key, parent=parent)

    return world.get_or_make(f"campaigns.{key}", make)


def _campaign(world: World, persona: str, own: bool) -> Any:
    return _campaign_obj(world, CAMPAIGN_SCOPE[persona][0 if own else 1]).pk


def _campaign_participant(world: World, persona: str, own: bool) -> Any:
    from thidua.campaigns.testing import participant

    if own and persona == "stan_staff":
        return None
    if own:
        campaign_key, unit_key = "P1", "X1"
    elif persona in ("olga_officer", "stan_staff"):
        campaign_key, unit_key = "P1", "X3"
    else:
        campaign_key, unit_key = "P2", "Y1"
    return participant(_campaign_obj(world, campaign_key), world.units[unit_key]).pk


SAMPLES.update({
    "campaign_id": _campaign,
    "participant_id": _campaign_participant,
    "version_number": lambda world, persona, own: 1,
})
NON_OBJECT |= {"version_number"}


# --- reports: a campaign's reviews and dashboard (campaign_id above), by plain keywords --------
SAMPLES.update({
    "review_kind": lambda world, persona, own: "tong-ket",
    "review_format": lambda world, persona, own: "xlsx",
    "chart": lambda world, persona, own: "phan-bo",
})
NON_OBJECT |= {"review_kind", "review_format", "chart"}


# --- public honour board: published objects every persona (and the anonymous) may see ----------
def _public_board(world: World) -> Any:
    """A launched campaign of P1 with a published award of X1 and a published story with a photo."""
    import io
    from datetime import date

    from django.core.files.base import ContentFile
    from PIL import Image

    from thidua.awards.models import Award
    from thidua.public.testing import published_story
    from thidua.reports.testing import review_campaign

    def make(w: World) -> Any:
        campaign = review_campaign(w)
        Award.objects.create(kind="collective", unit=w.units["X1"], form_code="giay_khen_district",
                             form_name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện", year=2022,
                             decided_on=date(2023, 1, 5),
                             decision_text="Quyết định 1/QĐ-UBND", campaign=campaign)
        story = published_story(w, campaign)
        photo = io.BytesIO()
        Image.new("RGB", (40, 30), (10, 90, 170)).save(photo, "JPEG")
        story.photo.save("anh.jpg", ContentFile(photo.getvalue()))
        return campaign

    return world.get_or_make("public.board", make)


def _story_id(world: World, persona: str, own: bool) -> Any:
    from thidua.public.models import Story

    key = UNIT_SCOPE[persona][0 if own else 1]
    if key is None:
        return None
    return world.get_or_make(f"public.story.{key}", lambda w: Story.objects.create(
        slug=f"bai-{key.lower()}", title=f"Bài viết {key}", kind="collective", unit=w.units[key],
        summary="Tóm tắt", body="Nội dung")).pk


def _public_samples() -> dict[str, Sample]:
    from thidua.public.selectors import unit_slug

    def board(fn: Callable[[World], Any]) -> Sample:
        return lambda world, persona, own: (_public_board(world), fn(world))[1]

    return {
        "campaign_slug": board(lambda w: "rev-p1"),
        "year": lambda world, persona, own: 2022,
        "unit_slug": board(lambda w: unit_slug(w.units["X1"])),
        "story_slug": board(lambda w: "nguyen-thi-lan-mot-cua-so"),
        "story_id": _story_id,
    }


SAMPLES.update(_public_samples())
NON_OBJECT |= {"campaign_slug", "year", "unit_slug", "story_slug"}


# --- api: campaign parts (campaign_id, participant_id, nomination_id … are above) -------------
def _api_result(world: World, persona: str, own: bool) -> Any:
    from decimal import Decimal

    from thidua.results.models import AnnualResult, ResultRound

    key = UNIT_SCOPE[persona][0 if own else 1]
    if key is None:
        return None

    def make(w: World) -> Any:
        unit = w.units[key]
        round_ = ResultRound.objects.create(evaluator=unit, year=2019, published=True)
        return AnnualResult.objects.create(round=round_, unit=unit, year=2019, category=unit.category,
                                           score=Decimal("88.5"), rank=1, classification="tot")

    return world.get_or_make(f"api.result.{key}", make).pk


SAMPLES["result_id"] = _api_result


# --- accounts: the password reset link (a made-up one: the page says the link is not valid) ------
SAMPLES.update({
    "uidb64": lambda world, persona, own: "MQ",
    "token": lambda world, persona, own: "cxyzab-0123456789abcdef0123456789abcdef",
})
NON_OBJECT |= {"uidb64", "token"}


# --- signing: a decision's signing page and one signed version of it (thidua/signing) ---------
def _signed_paper(world: World, key: str) -> Any:
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from thidua.awards.testing import sample_decision
    from thidua.signing.models import SignedPaper
    from thidua.signing.testing import simple_pdf

    def make(w: World) -> Any:
        decision = sample_decision(w, key)
        data = simple_pdf()
        digest = hashlib.sha256(data).hexdigest()
        row = SignedPaper(kind="quyet-dinh", object_id=decision.pk, version=1,
                          title=str(decision), unit=decision.issuer, sha256=digest,
                          size=len(data), source_sha256=digest, signer_name="Người ký",
                          certificate_subject="Người ký", certificate_issuer="CA thử nghiệm",
                          certificate_serial="1", certificate_fingerprint=digest, level="B-B",
                          signed_at=timezone.now())
        row.file.save("ban-ky.pdf", ContentFile(data), save=False)
        row.save()
        return row

    return world.get_or_make(f"signing.paper.{key}", make)


def _signing_samples() -> dict[str, Sample]:
    from thidua.awards.testing import sample_decision

    return {
        "paper_kind": lambda world, persona, own: "quyet-dinh",
        "paper_object_id": _awards_sample(sample_decision),
        "signed_paper_id": _awards_sample(_signed_paper),
    }


SAMPLES.update(_signing_samples())
NON_OBJECT |= {"paper_kind"}
# --- PAR INDEX scoring: a commune set of P1 (X1, X2, X3) and one of P2 (Y1) -------------------
def _scoring_sets(world: World) -> dict[str, Any]:
    def make(w: World) -> Any:
        from thidua.scoring.testing import make_criteria_set

        xa = w.categories["xa"]
        return {"P1": make_criteria_set(w.units["P1"], xa, [w.units[k] for k in ("X1", "X2", "X3")]),
                "P2": make_criteria_set(w.units["P2"], xa, [w.units["Y1"]])}

    return world.get_or_make("scoring.sets", make)


def _scoring_set(world: World, persona: str, own: bool) -> Any:
    if persona == "stan_staff" and own:
        return None
    return _scoring_sets(world)["P1" if own else "P2"].pk


def _scoring_assessment_obj(world: World, persona: str, own: bool) -> Any:
    key = UNIT_SCOPE[persona][0 if own else 1]
    if key is None:
        return None
    criteria_set = _scoring_sets(world)["P2" if key == "Y1" else "P1"]
    return criteria_set.assessments.get(unit=world.units[key])


def _scoring_assessment(world: World, persona: str, own: bool) -> Any:
    found = _scoring_assessment_obj(world, persona, own)
    return None if found is None else found.pk


def _scoring_evidence(world: World, persona: str, own: bool) -> Any:
    from django.core.files.base import ContentFile

    from thidua.scoring.models import Evidence

    assessment = _scoring_assessment_obj(world, persona, own)
    if assessment is None:
        return None

    def make(w: World) -> Any:
        evidence = Evidence(score=assessment.scores.order_by("pk").first(), title="bien-ban.pdf",
                            filename="bien-ban.pdf")
        evidence.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4 thu"), save=True)
        return evidence

    return world.get_or_make(f"scoring.evidence.{assessment.pk}", make).pk


SAMPLES.update({
    "set_id": _scoring_set,
    "assessment_id": _scoring_assessment,
    "evidence_id": _scoring_evidence,
    "scoring_action": lambda world, persona, own: "mo",
})
NON_OBJECT |= {"scoring_action"}


# --- the writing contest and judging (thidua/writing, thidua/judging): the own contest is organised
# by X1 (stan_staff is the author of its entry, carl_council its judge); the other one by a unit
# outside the persona's scope, with nobody of the world on its panel.
def _writing_world(world: World, persona: str, own: bool) -> Any:
    from thidua.writing.testing import judge_user, make_contest, make_entry

    key = "X1" if own else ("X3" if persona in ("stan_staff", "olga_officer") else "Y1")
    authors = {"X1": "p_staff", "X3": "p_x3", "Y1": "p_y1"}

    def make(w: World) -> Any:
        judges = [w.users["carl_council"]] if key == "X1" else [judge_user(f"gk-{key.lower()}")]
        contest = make_contest(w.units[key], judges=judges)
        make_entry(contest, w.people[authors[key]])
        return contest

    return world.get_or_make(f"writing.{key}", make)


def _writing_published(world: World, persona: str, own: bool) -> Any:
    from thidua.writing.testing import judge_user, make_published

    key = "X1" if own else ("X3" if persona in ("stan_staff", "olga_officer") else "Y1")
    authors = {"X1": "p_staff", "X3": "p_x3", "Y1": "p_y1"}
    return world.get_or_make(f"writing.published.{key}", lambda w: make_published(
        w.units[key], [w.people[authors[key]]], judges=[judge_user(f"gk-cb-{key.lower()}")]))


def _writing_entry(world: World, persona: str, own: bool) -> Any:
    if own and persona in ("carl_council", "sam_signer"):
        return None  # a judge or a reader of the unit does not open the author's page
    return _writing_world(world, persona, own).entries.get()


def _judging_seat(world: World, persona: str, own: bool) -> bool:
    return not own or persona in ("ada_admin", "carl_council")


SAMPLES.update({
    "writing_contest_id": lambda world, persona, own: _writing_world(world, persona, own).pk,
    "writing_entry_id": lambda world, persona, own: (lambda e: e and e.pk)(
        _writing_entry(world, persona, own)),
    "writing_file_id": lambda world, persona, own: (lambda e: e and e.files.get().pk)(
        _writing_entry(world, persona, own)),
    "writing_prize_id": lambda world, persona, own: None if own and persona in (
        "carl_council", "sam_signer") else _writing_published(world, persona, own).prizes.get().pk,
    "panel_id": lambda world, persona, own: _writing_world(world, persona, own).panel_id,
    "stage_id": lambda world, persona, own: None if own and persona in ("sam_signer", "stan_staff")
    else _writing_world(world, persona, own).panel.stages.get(number=1).pk,
    "judged_entry_id": lambda world, persona, own: _writing_world(
        world, persona, own).entries.get().judging_entry_id if _judging_seat(world, persona, own) else None,
    "judged_file_id": lambda world, persona, own: _writing_world(
        world, persona, own).entries.get().files.get().pk if _judging_seat(world, persona, own) else None,
})
