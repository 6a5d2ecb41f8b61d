"""Campaign documents: the plan and a unit's registration form as .docx and PDF, through the
thidua.documents package (Decree 30/2020 layout). This module only turns campaign rows into the
plain values that package takes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from thidua.campaigns.models import Campaign, Registration
from thidua.campaigns.plan import clause_under
from thidua.campaigns.render import Entry, plan_layout, runs
from thidua.campaigns.render import Heading as RenderHeading
from thidua.campaigns.selectors import IssuerHeading, campaign_heading_on, campaign_plan
from thidua.documents.common import Letterhead, official
from thidua.documents.layout import Block, Heading, Paragraph, Run, Signature, build_docx
from thidua.documents.pdf import to_pdf
from thidua.documents.registration import RegisteredPerson, RegistrationForm, registration_docx
from thidua.documents.text import body_in_text, place_name
from thidua.org.models import Unit
from thidua.org.selectors import successors_on


def _runs(text: str, *, bold: bool = False) -> list[Run]:
    return [Run(piece, italic=italic, bold=bold) for piece, italic in runs(" ".join(text.split()))]


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def _party_number(clause: str, heading: str) -> str:
    """ "§VI.1.a" under "§VI" -> "1. " (the party's number in the original)."""
    rest = clause[len(heading):].lstrip(".").split(".") if clause.startswith(heading) else []
    return f"{rest[0]}. " if len(rest) > 1 and rest[0].isdigit() else ""


def _marker(clause: str, heading: str) -> str:
    """ "§VI.1.a" -> "a) ": the original's list marker of a task."""
    if clause == heading or "¶" in clause:
        return ""
    last = clause.rsplit(".", 1)[-1]
    return f"{last}) " if len(last) == 1 and last.isalpha() else ""


def _entry_blocks(entry: Entry, marker: str = "") -> list[Block]:
    blocks: list[Block] = []
    if entry.title:
        blocks.append(Paragraph(_runs(entry.title, bold=True), keep_with_next=True))
    if entry.text:
        pieces = _runs(entry.text)
        if marker and not entry.text.lstrip().startswith(marker.strip()):
            pieces = [Run(marker), *pieces]
        if entry.kind == "criteria" and entry.label:
            pieces = [Run(f"{entry.label} "), *pieces]
        blocks.append(Paragraph(pieces, align="center", italic=True) if entry.kind == "theme"
                      else Paragraph(pieces))
    return blocks


def plan_signature(plan: dict[str, Any]) -> Signature:
    sig = plan.get("signature") or {}
    return Signature(title=sig.get("title_line") or "", name=sig.get("signer") or "",
                     capacity=sig.get("authority_line") or None)


def _province_place(unit: Unit | None) -> str:
    while unit is not None and unit.kind != "province":
        unit = unit.parent
    return place_name(unit.name) if unit is not None else ""


def _heading(campaign: Campaign, day: date) -> IssuerHeading | None:
    """Who speaks for the campaign on `day` when its issuer had ended by then (a plan or form
    made after 1 July 2025 for Kiên Giang's campaign is An Giang's); None while the issuer is
    active, so a paper issued before the merger keeps the body that issued it."""
    heading = campaign_heading_on(campaign, day)
    return heading if heading.carried_on else None


def plan_letterhead(campaign: Campaign) -> Letterhead:
    """The plan's header; an unnumbered plan keeps "Số:      /KH-UBND" for the office to fill
    and the place of its province before the blank date. A plan dated (or, unissued, printed)
    after its issuer merged is headed by the body that carries the campaign on."""
    kind = "KH" if campaign.doc_type == "KẾ HOẠCH" else "CTr"
    live = _heading(campaign, campaign.issued_on or timezone.localdate())
    issuing_body = live.issuing_body if live else campaign.issuing_body
    parent_body = (live.parent_body if live else campaign.parent_body) or None
    place = live.place if live else campaign.place or _province_place(campaign.issuer)
    body = "UBND" if "ỦY BAN NHÂN DÂN" in (issuing_body or "").upper() else "".join(
        w[0] for w in (issuing_body or "").split() if w[:1].isalpha()).upper()
    return Letterhead(
        issuing_body=issuing_body, parent_body=parent_body,
        place=place,
        number_symbol=campaign.number_symbol or f"/{kind}-{body}",
        issued_on=campaign.issued_on,
        draft_year=None if campaign.issued_on else (campaign.launched_on or campaign.period_start).year,
    )


def plan_docx(campaign: Campaign) -> bytes:
    """The plan in the Decree 30/2020 layout, its body laid out by the plan's own outline."""
    plan = campaign_plan(campaign)
    opening, headings, closing = plan_layout(plan)
    body: list[Block] = []
    for entry in opening:
        if entry.kind != "legal_bases":
            body += _entry_blocks(entry)
    headings = continuous(headings)
    for heading in headings:
        if heading.number or heading.title:
            body.append(Heading(heading.printed, level=min(heading.level, 2)))
        party = None
        for entry in heading.entries:
            if entry.kind == "responsibilities":
                # The responsible unit is typed in once, as the original numbers it
                # ("1. Các Sở, Ban, ngành…:"), and its tasks keep their markers ("a) …").
                if entry.label and entry.label != party and entry.clause != heading.clause and \
                        entry.label.lower() not in f"{heading.title} {entry.title} {entry.text}".lower():
                    number = _party_number(entry.clause, heading.clause)
                    text = entry.label.rstrip()
                    text = text if text.endswith((":", ".", ")")) else f"{text}:"
                    body.append(Paragraph([Run(f"{number}{text}", bold=True)],
                                          keep_with_next=True))
                party = entry.label
                body += _entry_blocks(entry, marker=_marker(entry.clause, heading.clause))
                continue
            body += _entry_blocks(entry)
    for entry in closing:
        body += _entry_blocks(entry)
    document = official(
        plan_letterhead(campaign), doc_type=campaign.doc_type, subject=_plain(campaign.title),
        body=body, signature=plan_signature(plan), recipients=list(plan.get("recipients") or []),
        legal_bases=[_plain(e.text) for e in opening if e.kind == "legal_bases"],
        bases_italic=False)
    return build_docx(document)


_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
           "XIV", "XV")


def continuous(headings: list[RenderHeading]) -> list[RenderHeading]:
    """Drop the sections with nothing in them and number the rest without a gap (I, II, III…;
    1, 2, 3 under each): a plan whose section is empty still reads I, II, III. A plan with
    every section filled (the seed plans) keeps its own numbers exactly."""
    def filled(h: RenderHeading) -> bool:
        return bool(h.entries) or any(o is not h and clause_under(o.clause, h.clause)
                                      and o.entries for o in headings)

    kept = [h for h in headings if filled(h) or not h.number]
    if len(kept) == len(headings):
        return headings
    top = 0
    second = 0
    for h in kept:
        if not h.number:
            continue
        if h.level == 1 and h.number.rstrip(".") in _ROMANS:
            h.number = f"{_ROMANS[top]}."
            top, second = top + 1, 0
        elif h.level == 2 and h.number.rstrip(".").isdigit():
            second += 1
            h.number = f"{second}."
    return kept


def plan_pdf(campaign: Campaign) -> bytes:
    return to_pdf(plan_docx(campaign))


def _annex(campaign: Campaign) -> dict[str, Any]:
    return next((a for a in campaign.annexes if a.get("code") == "registration_form"), {})


_COMMITTEES = {"province", "district", "commune"}


def _body(unit: Unit) -> str:
    """The body a unit's papers are issued by: a commune's are its people's committee's
    ("Ủy ban nhân dân phường Vĩnh Thanh Vân", printed "ỦY BAN NHÂN DÂN / PHƯỜNG …")."""
    if unit.kind in _COMMITTEES:
        return f"Ủy ban nhân dân {body_in_text(unit.name)}"
    return unit.name


def _live(unit: Unit, day: date) -> Unit:
    """The unit itself while it is active on `day`, otherwise the one that carries it on."""
    if unit.is_active_on(day):
        return unit
    live = successors_on(unit, day)
    return live[0] if live else unit


def registration_form(registration: Registration) -> RegistrationForm:
    """The values of the form at the end of seed 002, filled for one unit. A form submitted
    after the campaign's issuer merged names the live bodies: the registering unit's own header
    (its successor's, its parent's successor's), the place and the recipient of the body that
    carries the campaign on; the plan it implements is still cited by its own issuer."""
    campaign = registration.campaign
    submitted = timezone.localtime(registration.submitted_at).date()
    unit = _live(registration.unit, submitted)
    parent = _live(unit.parent, submitted) if unit.parent is not None else None
    live = _heading(campaign, submitted)
    annex = _annex(campaign)
    subject = annex.get("subtitle") or f"Thi đua thực hiện {_plain(campaign.title)}"
    recipients = [r for r in annex.get("recipients") or [] if r.strip(" .")] or ["Lưu: VT"]
    receiver = live.issuing_body if live else campaign.issuing_body
    if receiver and not any("Nội vụ" in r for r in recipients):
        recipients.insert(0, body_in_text(receiver))
    reference = f"{campaign.get_doc_type_display()} "
    reference += f"số {campaign.number_symbol} " if campaign.number_symbol else ""
    reference += f"của {body_in_text(campaign.issuing_body)}" if campaign.issuing_body else ""
    return RegistrationForm(
        letterhead=Letterhead(issuing_body=_body(unit),
                              parent_body=_body(parent)
                              if parent is not None and unit.kind not in _COMMITTEES else None,
                              place=(live.place if live else campaign.place) or "",
                              number_symbol=None, issued_on=submitted),
        subject=_plain(subject),
        unit_name=unit.name,
        collective_targets=[registration.collective_target],
        individuals=[RegisteredPerson(name=rp.person.full_name,
                                      position=", ".join(filter(None, [rp.person.position,
                                                                       unit.name])),
                                      target=rp.target)
                     for rp in registration.people.select_related("person")],
        individual_target=registration.individual_target,
        intro=f"Thực hiện {reference} về {_plain(campaign.title)[0].lower()}"
              f"{_plain(campaign.title)[1:]}, {unit.name} đăng ký thi đua như sau:",
        signature=Signature(title=str(annex.get("signature") or "THỦ TRƯỞNG CƠ QUAN")),
        recipients=recipients,
    )


def registration_form_docx(registration: Registration) -> bytes:
    return registration_docx(registration_form(registration))


def registration_form_pdf(registration: Registration) -> bytes:
    return to_pdf(registration_form_docx(registration))
