"""Thin adapters from the awards models to thidua.documents' plain dataclasses.

Nothing here lays out a page: it only picks the words (bodies, names, dates, results) and hands
them to the documents package, which writes the Decree 30/2020 layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import Q

from thidua.awards import selectors
from thidua.awards.authority import CERTIFICATE_FORMS
from thidua.awards.models import (
    Award,
    AwardDecision,
    CouncilMeeting,
    Dossier,
    Kind,
    MemberRole,
    Nomination,
    VoteResult,
)
from thidua.core.text import fold, vn_number
from thidua.documents import (
    AchievementReport,
    Awardee,
    CandidateVote,
    Certificate,
    CouncilMember,
    CouncilMinutes,
    CriterionResult,
    Letterhead,
    Nominee,
    NomineeList,
    PriorAward,
    ProposalLetter,
    Signature,
    achievement_report_docx,
    achievement_report_form,
    award_decision_docx,
    certificate_docx,
    council_minutes_docx,
    nominee_list_docx,
    proposal_docx,
)
from thidua.documents import AwardDecision as DecisionDoc
from thidua.documents.text import short_date
from thidua.org.models import Gender, LineageLink, Person, Unit
from thidua.results.models import (
    AnnualResult,
    Classification,
    ContestPrize,
    PersonRating,
    Rating,
    RecognisedInitiative,
)
from thidua.results.selectors import unit_history
from thidua.rules.award_forms import award_form

COMMITTEE_KINDS = {"province", "district", "commune"}
LAW_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
)


def body_name(unit: Unit) -> str:
    """The issuing body as documents name it: "Ủy ban nhân dân xã Lũng Cú", "Sở Nội vụ"."""
    name = unit.name
    if unit.kind in COMMITTEE_KINDS and not name.lower().startswith(("ủy ban", "ubnd")):
        return f"Ủy ban nhân dân {name[0].lower()}{name[1:]}"
    return name


LEVEL_WORDS = ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Xã ", "Phường ", "Thị trấn ")


def in_running_text(name: str) -> str:
    """A name as running text writes it (sentence case): "Tỉnh Kiên Giang" -> "tỉnh Kiên Giang";
    a body's own name ("Sở Tư pháp") is kept."""
    for word in LEVEL_WORDS:
        if name.startswith(word):
            return word.lower() + name[len(word):]
    return name


def council_in_text(council_name: str, unit: Unit) -> str:
    """ "Hội đồng Thi đua - Khen thưởng Tỉnh Kiên Giang" -> "… tỉnh Kiên Giang"."""
    return council_name.replace(unit.name, in_running_text(unit.name))


def province_of(unit: Unit) -> Unit | None:
    current: Unit | None = unit
    while current is not None and current.kind != "province":
        current = current.parent
    return current


def place_of(unit: Unit) -> str:
    """The place in the date line: the province's name ("Kiên Giang")."""
    province = province_of(unit)
    if province is None:
        return ""
    for prefix in ("Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "):
        if province.name.startswith(prefix):
            return province.name[len(prefix):]
    return province.name


def letterhead(unit: Unit, *, number: str | None, issued_on: date | None,
               draft_year: int | None = None) -> Letterhead:
    parent = None
    if unit.kind not in COMMITTEE_KINDS and unit.parent is not None:
        parent = body_name(unit.parent)
    return Letterhead(issuing_body=body_name(unit), parent_body=parent, place=place_of(unit),
                      number_symbol=number, issued_on=issued_on,
                      draft_year=draft_year or (issued_on.year if issued_on else None))


def head_title(unit: Unit) -> str:
    if unit.kind in COMMITTEE_KINDS:
        return "Chủ tịch"
    if unit.kind == "department":
        return "Giám đốc"
    return "Thủ trưởng đơn vị"


def head_signature(unit: Unit, name: str = "") -> Signature:
    if unit.kind in COMMITTEE_KINDS:
        return Signature.on_behalf_of("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name)
    return Signature(title=head_title(unit).upper(), name=name)


def authority_text(unit: Unit) -> str:
    """Who decides at a level: "Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang"."""
    return f"{head_title(unit)} {body_name(unit)}"


def honorific(person: Person) -> str:
    return ("Bà " if person.gender == Gender.FEMALE else "Ông ") + person.full_name


def subject_position(nomination: Nomination) -> str:
    if nomination.position_title:
        return nomination.position_title
    if nomination.kind == Kind.INDIVIDUAL and nomination.person:
        position = nomination.person.position or "Cán bộ"
        return f"{position}, {body_name(nomination.unit)}"
    return ""


def subject_display(nomination: Nomination) -> str:
    if nomination.kind == Kind.INDIVIDUAL and nomination.person:
        return honorific(nomination.person)
    return body_name(nomination.unit)


def campaign_phrase(dossier: Dossier) -> str:
    c = dossier.campaign
    if dossier.scope == "phase":
        return (f"phong trào thi đua cải cách hành chính giai đoạn "
                f"{c.period_start.year}-{c.period_end.year}")
    return f"phong trào thi đua cải cách hành chính năm {dossier.year}"


def award_form_name(nomination: Nomination) -> str:
    return nomination.award_form.name


def written_summary(nomination: Nomination) -> str:
    """What the officer wrote for the "Tóm tắt thành tích" (summary, achievements or reason)."""
    for text in (nomination.summary, nomination.achievements, nomination.justification):
        if text and text.strip():
            return text.strip()
    return ""


def achievement_summary(nomination: Nomination, facts: ReportFacts | None = None) -> str:
    """The "Tóm tắt thành tích" of a list or a proposal: the officer's words, else the facts the
    dossier and the results hold (`facts_summary`)."""
    return written_summary(nomination) or facts_summary(
        nomination, facts or ReportFacts.load([nomination]))


def symbol_of(unit: Unit) -> str:
    """The body's part of a document symbol: "UBND" for a people's committee, else the initials
    of its name ("Sở Tư pháp" -> "STP")."""
    if unit.kind in COMMITTEE_KINDS:
        return "UBND"
    return fold("".join(word[0] for word in unit.name.split() if word[:1].isalpha())).upper()


def nominee(nomination: Nomination, facts: ReportFacts | None = None) -> Nominee:
    return Nominee(name=subject_display(nomination), kind=nomination.kind,  # type: ignore[arg-type]
                   position=subject_position(nomination), award_form=award_form_name(nomination),
                   summary=achievement_summary(nomination, facts),
                   note="")  # the system's verdict on a standard stays off the paper


def nominees(nominations: Sequence[Nomination]) -> list[Nominee]:
    """The rows of a proposal or a list; the facts of the rows without a written summary are
    fetched once for all of them (a few queries, not a few per row)."""
    unwritten = [n for n in nominations if not written_summary(n)]
    facts = ReportFacts.load(unwritten) if unwritten else ReportFacts()
    return [nominee(n, facts) for n in nominations]


# --- the dossier ---------------------------------------------------------------------------


def _nominations(dossier: Dossier, given: Sequence[Nomination] | None) -> list[Nomination]:
    if given is not None:
        return list(given)
    return list(dossier.nominations.select_related("unit", "person", "award_form"))


def proposal_letter(dossier: Dossier, nominations: Sequence[Nomination] | None = None
                    ) -> ProposalLetter:
    unit, receiver = dossier.unit, dossier.receiver
    nominations = _nominations(dossier, nominations)
    forms = sorted({n.award_form.name for n in nominations})
    asked = forms[0] if len(forms) == 1 else "các hình thức khen thưởng"
    attachments = ["Biên bản họp Hội đồng Thi đua - Khen thưởng;",
                   "Báo cáo thành tích của các tập thể, cá nhân đề nghị khen thưởng."]
    return ProposalLetter(
        letterhead=letterhead(unit, number=dossier.proposal_number or f"/TTr-{symbol_of(unit)}",
                              issued_on=dossier.proposal_date, draft_year=dossier.made_on.year),
        subject=f"Về việc đề nghị tặng {asked} trong {campaign_phrase(dossier)}",
        addressees=[f"{head_title(receiver)} {body_name(receiver)}"],
        requester=body_name(unit),
        decider=f"{head_title(receiver)} {body_name(receiver)}",
        achievement=f"đã có thành tích xuất sắc trong {campaign_phrase(dossier)}",
        nominees=nominees(nominations),
        signature=head_signature(unit),
        legal_bases=[f"Căn cứ {dossier.campaign.doc_type.capitalize()} "
                     f"{dossier.campaign.number_symbol or ''} về việc "
                     f"{dossier.campaign.title[0].lower()}{dossier.campaign.title[1:]};".replace(
                         "  ", " ")],
        attachments=attachments,
    )


def proposal_letter_docx(dossier: Dossier, nominations: Sequence[Nomination] | None = None
                         ) -> bytes:
    return proposal_docx(proposal_letter(dossier, nominations))


def _years(dossier: Dossier) -> list[int]:
    c = dossier.campaign
    if dossier.scope == "annual":
        return [dossier.year]
    return list(range(c.period_start.year, min(c.period_end.year, dossier.year) + 1))


def _number(value: object) -> str:
    return f"{value}".replace(".", ",")


@dataclass
class ReportFacts:
    """What the achievement reports of many nominations read, fetched in a few queries: PAR
    INDEX results by unit and year (a merged unit's earlier years from its predecessors, as
    thidua.results.selectors.unit_history counts them), ratings, initiatives, earlier awards."""

    years: dict[int, list[int]] = field(default_factory=dict)  # nomination id -> years
    unit_years: dict[int, dict[int, Any]] = field(default_factory=dict)  # unit -> year -> row
    ratings: dict[int, dict[int, Any]] = field(default_factory=dict)  # person -> year -> rating
    initiatives: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    awards: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    prizes: dict[int, list[Any]] = field(default_factory=dict)  # person -> contest prizes

    @classmethod
    def load(cls, nominations: Sequence[Nomination]) -> ReportFacts:
        from thidua.awards.models import Award

        facts = cls()
        all_years: set[int] = set()
        for n in nominations:
            facts.years[n.pk] = _years(n.dossier)
            all_years.update(facts.years[n.pk])
        unit_ids = {n.unit_id for n in nominations if n.kind == Kind.COLLECTIVE}
        person_ids = {n.person_id for n in nominations if n.person_id}
        merged = set(LineageLink.objects.filter(successor_id__in=unit_ids)
                     .values_list("successor_id", flat=True))
        for r in AnnualResult.objects.filter(unit_id__in=unit_ids - merged,
                                             year__in=all_years):
            facts.unit_years.setdefault(r.unit_id, {})[r.year] = r
        for unit in Unit.objects.filter(pk__in=merged):
            facts.unit_years[unit.pk] = {h.year: h for h in unit_history(unit)
                                         if h.year in all_years}
        for rating in PersonRating.objects.filter(person_id__in=person_ids, year__in=all_years):
            facts.ratings.setdefault(rating.person_id, {})[rating.year] = rating
        for i in RecognisedInitiative.objects.filter(year__in=all_years).filter(
                Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids)).order_by("year", "id"):
            key = ("person", i.person_id) if i.person_id else ("unit", i.unit_id)
            facts.initiatives.setdefault(key, []).append(i)  # type: ignore[arg-type]
        for a in Award.objects.filter(Q(kind=Kind.COLLECTIVE, unit_id__in=unit_ids)
                                      | Q(kind=Kind.INDIVIDUAL, person_id__in=person_ids)
                                      ).select_related("decision").order_by("-decided_on"):
            key = ("person", a.person_id) if a.person_id else ("unit", a.unit_id)
            facts.awards.setdefault(key, []).append(a)  # type: ignore[arg-type]
        for prize in ContestPrize.objects.filter(person_id__in=person_ids, year__in=all_years
                                                 ).order_by("year", "id"):
            facts.prizes.setdefault(prize.person_id, []).append(prize)
        return facts


def _classification_label(code: str | None) -> str:
    return Classification(code).label if code else ""


def criterion_results(nomination: Nomination, facts: ReportFacts) -> list[CriterionResult]:
    """The candidate's results year by year (PAR INDEX, rank, SIPAS; or the person's ratings)."""
    years = facts.years[nomination.pk]
    if nomination.kind == Kind.COLLECTIVE:
        rows = facts.unit_years.get(nomination.unit_id, {})
        history = [rows[y] for y in years if y in rows]
        score = {h.year: (f"{_number(h.score)} điểm" if h.score is not None else "")
                 + (f" - {_classification_label(h.classification)}" if h.classification else "")
                 for h in history}
        rank = {h.year: str(h.rank) for h in history if h.rank}
        sipas = {h.year: f"{_number(h.sipas)}%" for h in history if h.sipas is not None}
        out = [CriterionResult("Chỉ số CCHC (PAR INDEX), xếp loại", score)]
        if rank:
            out.append(CriterionResult("Xếp hạng trong khối", rank))
        if sipas:
            out.append(CriterionResult("Chỉ số hài lòng (SIPAS)", sipas))
        return out
    ratings = facts.ratings.get(nomination.person_id or 0, {})
    out = [CriterionResult("Xếp loại chất lượng cán bộ",
                           {y: Rating(ratings[y].rating).label for y in years if y in ratings})]
    outstanding = {y: "Có" for y in years if y in ratings and ratings[y].outstanding_cchc}
    if outstanding:
        out.append(CriterionResult("Thành tích xuất sắc trong công tác CCHC", outstanding))
    return out


def _subject_key(nomination: Nomination) -> tuple[str, int]:
    if nomination.person_id:
        return ("person", nomination.person_id)
    return ("unit", nomination.unit_id)


def _initiatives(nomination: Nomination, facts: ReportFacts) -> list[str]:
    return [f"{i.title} (năm {i.year}"
            + (f", Quyết định số {i.decision_number}" if i.decision_number else "")
            + f", công nhận ngày {short_date(i.recognised_on)})"
            for i in facts.initiatives.get(_subject_key(nomination), [])]


def _prizes(nomination: Nomination, facts: ReportFacts) -> list[str]:
    if nomination.kind != Kind.INDIVIDUAL or not nomination.person_id:
        return []
    return [f"{p.prize} {p.contest} (năm {p.year})"
            for p in facts.prizes.get(nomination.person_id, [])]


def _years_text(years: Iterable[int]) -> str:
    """ "năm 2023, 2024" """
    return "năm " + ", ".join(str(y) for y in sorted(years))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def facts_summary(nomination: Nomination, facts: ReportFacts) -> str:
    """A short summary of what the nominee achieved over the dossier's years, from the facts the
    achievement report states (results, initiatives, prizes, titles awarded): "Hoàn thành xuất
    sắc nhiệm vụ năm 2023, 2024; …". It states results only: whether a standard is met is the
    council's judgement, not the paper's."""
    years = facts.years[nomination.pk]
    parts: list[str] = []
    if nomination.kind == Kind.COLLECTIVE:
        rows = facts.unit_years.get(nomination.unit_id, {})
        history = [rows[y] for y in years if y in rows]
        by_class: dict[str, list[int]] = {}
        for h in history:
            if h.classification:
                by_class.setdefault(h.classification, []).append(h.year)
        if by_class:
            order = list(Classification.values)  # best first
            parts.append("Xếp loại cải cách hành chính " + "; ".join(
                f"{_lower_first(_classification_label(code))} {_years_text(ys)}"
                for code, ys in sorted(by_class.items(), key=lambda i: order.index(i[0]))))
        scored = [f"năm {h.year}: {vn_number(h.score)} điểm"
                  + (f", xếp hạng {h.rank}" if h.rank else "")
                  for h in history if h.score is not None]
        if scored:
            parts.append("Chỉ số cải cách hành chính (PAR INDEX) " + "; ".join(scored))
    else:
        ratings = facts.ratings.get(nomination.person_id or 0, {})
        by_rating: dict[str, list[int]] = {}
        for y in years:
            if y in ratings:
                by_rating.setdefault(ratings[y].rating, []).append(y)
        rated = [f"{Rating(code).label} {_years_text(ys)}"
                 for code, ys in sorted(by_rating.items(),
                                        key=lambda item: list(Rating.values).index(item[0]))]
        if rated:
            parts.append("; ".join(rated))
        outstanding = [y for y in years if y in ratings and ratings[y].outstanding_cchc]
        if outstanding:
            parts.append("Có thành tích xuất sắc trong công tác cải cách hành chính "
                         + _years_text(outstanding))
    initiatives = facts.initiatives.get(_subject_key(nomination), [])
    if initiatives:
        parts.append("Sáng kiến, mô hình, giải pháp được công nhận: "
                     + "; ".join(f"{i.title} (năm {i.year})" for i in initiatives))
    prizes = _prizes(nomination, facts)
    if prizes:
        parts.append("Giải thưởng: " + "; ".join(prizes))
    awards = facts.awards.get(_subject_key(nomination), [])
    if awards:
        parts.append("Đã được tặng: " + "; ".join(f"{a.form_name} (năm {a.year})"
                                                   for a in reversed(awards)))
    return ". ".join(parts) + "." if parts else ""


def prior_awards(nomination: Nomination, facts: ReportFacts) -> list[PriorAward]:
    return [PriorAward(a.year, a.form_name, a.decision_text or (
        f"Quyết định số {a.decision.number_symbol} ngày {short_date(a.decision.signed_on)}"
        if a.decision else short_date(a.decided_on)))
        for a in facts.awards.get(_subject_key(nomination), [])]


def standard_lines(nomination: Nomination) -> list[str]:
    out = []
    for item in nomination.explanation or []:
        mark = "đạt" if item.get("met") else ("chưa đánh giá" if item.get("met") is None
                                               else "chưa đạt")
        out.append(f"{item.get('label') or item.get('standard')}: {mark}"
                   + (f" — {item['text']}" if item.get("text") else ""))
    return out


def achievement_report(nomination: Nomination, facts: ReportFacts | None = None
                       ) -> AchievementReport:
    facts = facts or ReportFacts.load([nomination])
    dossier = nomination.dossier
    unit = nomination.unit
    if nomination.kind == Kind.INDIVIDUAL and nomination.person:
        p = nomination.person
        info = [("Họ và tên", p.full_name), ("Giới tính", p.get_gender_display())]
        if p.birth_date:
            info.append(("Ngày, tháng, năm sinh", short_date(p.birth_date)))
        info.append(("Chức vụ, đơn vị công tác", subject_position(nomination)))
        head = Signature(title="Người báo cáo thành tích", name=p.full_name,
                         hint="(Ký, ghi rõ họ tên)")
        confirmer: Signature | None = Signature(
            title=f"Xác nhận của {head_title(unit).lower()}", hint="(Ký, đóng dấu)")
        name, position = honorific(p), subject_position(nomination)
    else:
        info = [("Tên đơn vị", body_name(unit)), ("Khối thi đua", unit.category.name)]
        head = Signature(title=f"{head_title(unit).upper()}", hint="(Ký, đóng dấu)")
        confirmer = None
        name, position = body_name(unit), ""
    # What was achieved, in the unit's own words; never the system's verdict on a standard.
    achievements = [t for t in (nomination.achievements, nomination.justification) if t]
    issuer = unit if nomination.kind == Kind.COLLECTIVE else dossier.unit
    return AchievementReport(
        letterhead=letterhead(issuer, number=None, issued_on=dossier.proposal_date,
                              draft_year=dossier.made_on.year),
        nominee=name, kind=nomination.kind, position=position,  # type: ignore[arg-type]
        award=award_form_name(nomination), campaign=campaign_phrase(dossier), thematic=True,
        as_of=dossier.proposal_date or dossier.made_on,
        general_info=info,
        achievements=achievements or [nomination.summary or "(Nêu thành tích đạt được.)"],
        results=criterion_results(nomination, facts),
        initiatives=_initiatives(nomination, facts),
        prizes=_prizes(nomination, facts),
        prior_awards=prior_awards(nomination, facts),
        head=head, confirmer=confirmer,
    )


def report_form_for(dossier: Dossier, kind: str = "individual") -> tuple[str, str]:
    form = achievement_report_form(dossier.proposal_date or dossier.made_on, True,
                                   kind=kind)  # type: ignore[arg-type]
    return form.key, form.label


def achievement_report_bytes(nomination: Nomination, facts: ReportFacts | None = None) -> bytes:
    return achievement_report_docx(achievement_report(nomination, facts))


def nominee_list(dossier: Dossier, nominations: Sequence[Nomination] | None = None
                 ) -> NomineeList:
    nominations = _nominations(dossier, nominations)
    return NomineeList(
        letterhead=letterhead(dossier.unit, number=None, issued_on=dossier.proposal_date,
                              draft_year=dossier.made_on.year),
        subject=f"Đề nghị khen thưởng trong {campaign_phrase(dossier)}",
        nominees=nominees(nominations),
        signature=head_signature(dossier.unit),
        attached_to=(f"Kèm theo Tờ trình số {dossier.proposal_number}"
                     if dossier.proposal_number else None),
    )


def nominee_list_bytes(dossier: Dossier, nominations: Sequence[Nomination] | None = None
                       ) -> bytes:
    return nominee_list_docx(nominee_list(dossier, nominations))


# --- the council ---------------------------------------------------------------------------


def _percent_of_all(need: int, total: int) -> float:
    return float(Fraction(need * 100, total)) if total else 0.0


def minimum_approvals(result: VoteResult) -> int:
    """The fewest approvals that pass, from the stored threshold (strict '>' or '≥')."""
    text = result.threshold.replace("%", "").replace(",", ".").strip()
    strict = text.startswith(">")
    share = Fraction(text.lstrip(">≥ ").strip()) / 100
    need = share * result.members
    whole = int(need)
    if strict:
        return whole + 1
    return whole if need == whole else whole + 1


COUNCIL_BODY = "Hội đồng Thi đua - Khen thưởng"


def council_letterhead(meeting: CouncilMeeting) -> Letterhead:
    """The council issues its minutes: "ỦY BAN NHÂN DÂN TỈNH … / HỘI ĐỒNG THI ĐUA - KHEN
    THƯỞNG", the number left blank ("Số: …/BB-HĐTĐKT") when the office has not given one."""
    unit = meeting.council.unit
    return Letterhead(issuing_body=COUNCIL_BODY, parent_body=body_name(unit),
                      place=place_of(unit),
                      number_symbol=meeting.minutes_number or "/BB-HĐTĐKT",
                      issued_on=meeting.held_on, draft_year=meeting.held_on.year)


def council_minutes(meeting: CouncilMeeting) -> CouncilMinutes:
    """The minutes from the same record as the session page (`selectors.meeting_record`)."""
    record = selectors.meeting_record(meeting)
    council = meeting.council
    members = []
    chair = None
    for seat in sorted(record.seats, key=lambda s: (s.member.order, s.member.pk)):
        m = seat.member
        member = CouncilMember(name=m.name, position=m.position, role=m.get_role_display(),
                               present=seat.present, written_vote=seat.written,
                               absence_reason=seat.reason)
        members.append(member)
        if m.role == MemberRole.CHAIR and chair is None and seat.present:
            chair = member
    if not members:
        raise ValueError("Hội đồng chưa có thành viên.")
    chair = chair or next((m for m in members if m.present), members[0])
    secretary = CouncilMember(name=meeting.secretary, role="Thư ký")
    votes = []
    conclusion = []
    for n, t in record.rows():
        votes.append(CandidateVote(
            nominee=subject_display(n), award_form=award_form_name(n), approve=t.approve,
            reject=t.reject, abstain=t.abstain, voters=t.members,
            room=(t.room_approve, t.room_reject, t.room_abstain),
            written=(t.written_approve, t.written_reject, t.written_abstain)
            if t.written_voters else None,
            threshold=t.threshold.label(), basis=t.threshold.legal_basis, passed=t.passed,
            recused=t.recused))
        if t.note:
            conclusion.append(f"{subject_display(n)}: {t.note}.")
    passed = [n for n, t in record.rows() if t.passed]
    if passed:
        conclusion.append(
            f"Hội đồng thống nhất đề nghị khen thưởng {len(passed):02d} trường hợp đạt tỷ lệ "
            "phiếu đồng ý theo quy định: "
            + "; ".join(f"{subject_display(n)} ({award_form_name(n)})" for n in passed) + ".")
    failed = [n for n, t in record.rows() if not t.passed]
    if failed:
        conclusion.append("Không đạt tỷ lệ phiếu đồng ý: "
                          + "; ".join(subject_display(n) for n in failed) + ".")
    return CouncilMinutes(
        letterhead=council_letterhead(meeting),
        council=council_in_text(council.name, council.unit), purpose=meeting.purpose,
        held_on=meeting.held_on,
        start=meeting.start, venue=meeting.venue, chair=chair, secretary=secretary,
        members=members, votes=votes, quorum=record.quorum,
        vote_method=record.method_label,
        proceedings=[f"Cơ quan thường trực Hội đồng báo cáo kết quả thẩm định hồ sơ đề nghị "
                     f"khen thưởng; Hội đồng xem xét {len(votes):02d} trường hợp."],
        rules=[f"{r.topic}: {r.text}" for r in record.rules],
        conclusion=conclusion,
        chair_title="Chủ trì",
    )


def council_minutes_bytes(meeting: CouncilMeeting) -> bytes:
    return council_minutes_docx(council_minutes(meeting))


# --- the decision and certificates ----------------------------------------------------------


def awardee(award: Award) -> Awardee:
    if award.kind == Kind.INDIVIDUAL and award.person:
        position = award.nomination.position_title if award.nomination else ""
        position = position or f"{award.person.position or 'Cán bộ'}, {body_name(award.unit)}"
        return Awardee(name=honorific(award.person), kind="individual", position=position,
                       award_form=award.form_name, reward=award.reward)
    return Awardee(name=body_name(award.unit), kind="collective", award_form=award.form_name,
                   reward=award.reward)


# Decided by the people's committee as a body (Law 06/2022 Art. 80): signed "TM. ỦY BAN NHÂN DÂN".
COMMITTEE_DECIDES = {"flag_province", "title_chien_si_thi_dua_tinh"}


def decision_signature(issuer: Unit, signer_title: str, name: str,
                       form_codes: Iterable[str]) -> Signature:
    """Decree 30/2020 Appendix I: a chairman deciding under their own authority (a Bằng khen of
    the chairman) signs "CHỦ TỊCH"; "TM. ỦY BAN NHÂN DÂN" only where the committee decides as a
    body (its flag, Chiến sĩ thi đua cấp tỉnh); a deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
    title = signer_title.strip()
    head = head_title(issuer)
    committee = issuer.kind in COMMITTEE_KINDS
    if title.lower().startswith("phó") and committee:
        deputy = Signature.deputy(head.upper(), title.upper(), name)
        if set(form_codes) & COMMITTEE_DECIDES:
            return Signature(title=title.upper(), name=name,
                             capacity=f"TM. ỦY BAN NHÂN DÂN\n{deputy.capacity}")
        return deputy
    if committee and title.lower() == "chủ tịch" and set(form_codes) & COMMITTEE_DECIDES:
        return Signature.on_behalf_of("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name)
    return Signature(title=(title or head).upper(), name=name)


def decision_document(decision: AwardDecision, awards: Iterable[Award] | None = None
                      ) -> DecisionDoc:
    items = list(awards if awards is not None else decision.awards.select_related(
        "unit", "person", "nomination").order_by("kind", "id"))
    issuer = decision.issuer
    return DecisionDoc(
        letterhead=letterhead(issuer, number=decision.number_symbol, issued_on=decision.signed_on),
        subject=decision.subject,
        authority=decision.authority,
        legal_bases=[line.strip() for line in decision.legal_bases.splitlines() if line.strip()],
        achievement=decision.achievement,
        awardees=[awardee(a) for a in items],
        signature=decision_signature(issuer, decision.signer_title, decision.signer_name,
                                     [a.form_code for a in items]),
        funding_source=f"Quỹ Thi đua, khen thưởng của {body_name(issuer)}",
        executors=[f"Chánh Văn phòng {body_name(issuer)}", "Thủ trưởng cơ quan Nội vụ"],
    )


def decision_bytes(decision: AwardDecision) -> bytes:
    return award_decision_docx(decision_document(decision))


def certificate(award: Award) -> Certificate:
    decision = award.decision
    assert decision is not None
    title = "Giấy khen" if award_form(award.form_code).kind == "giay_khen" else "Bằng khen"
    who = awardee(award)
    return Certificate(
        title=title, authority=decision.authority, awardee_name=who.name,
        awardee_detail=who.position,
        achievement=decision.achievement[:1].upper() + decision.achievement[1:],
        decision_number=decision.number_symbol, decision_date=decision.signed_on,
        place=place_of(decision.issuer), signer_title="Chủ tịch"
        if decision.signer_title.upper() == "CHỦ TỊCH" else decision.signer_title,
        signer_name=decision.signer_name,
    )


def has_certificate(award: Award) -> bool:
    return award.form_code in CERTIFICATE_FORMS


def certificates_bytes(awards: Sequence[Award]) -> bytes:
    return certificate_docx([certificate(a) for a in awards])
