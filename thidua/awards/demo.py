"""Demo data of the awards part: Kiên Giang nominations (plan 002, phase 2021-2025) in every
state, the province's council with a closed and an open session, and one decision with its
reward money and certificates.

Entry points: ``load(ctx)`` (registered in thidua.demo.registry, run by ``thidua demo``) and
``load_demo_awards(seed=…)``. Everything goes through the awards services with the demo logins
(so1, xamoi, noivu, hoidong, chutich), so the transitions are recorded as a user would leave
them. Idempotent: nothing is done when the campaign already has dossiers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.awards import services
from thidua.awards.models import (
    Attendance,
    Award,
    CouncilMember,
    DocumentJob,
    Dossier,
    Kind,
    MemberRole,
)
from thidua.campaigns.models import Campaign
from thidua.campaigns.selectors import campaign_issuer_on
from thidua.documents import find_soffice
from thidua.org.models import Gender, Person, Unit
from thidua.rules.award_forms import award_form

CAMPAIGN = "KG-CCHC-2021-2025"
# The council of the province that runs the campaign today: since 1 July 2025 Kiên Giang's
# campaign is An Giang's (docs/lineage.md), so the members come from An Giang's bodies.
COUNCIL = (  # name, position, role, login, unit the member comes from
    ("Lâm Văn Thắng", "Chủ tịch UBND tỉnh", MemberRole.CHAIR, "chutich", "AGG"),
    ("Võ Thị Kim Loan", "Giám đốc Sở Nội vụ", MemberRole.VICE_CHAIR, "hoidong", "AGG-SNV"),
    ("Trần Văn Hậu", "Chánh Văn phòng UBND tỉnh", MemberRole.STANDING, None, "AGG-VP"),
    ("Danh Thị Sa Rên", "Giám đốc Sở Dân tộc và Tôn giáo", MemberRole.MEMBER, None,
     "AGG-SDTTG"),
    ("Nguyễn Hoàng Phúc", "Giám đốc Sở Tư pháp", MemberRole.MEMBER, None, "AGG-STP"),
)


def _scan(title: str) -> SimpleUploadedFile:
    """A one-page PDF standing for a signed scan (plain ASCII: a placeholder, not a document)."""
    text = f"BAN CHUP CO CHU KY - DU LIEU MAU: {title}".encode("ascii", "ignore")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return SimpleUploadedFile("ban-chup.pdf", bytes(out), content_type="application/pdf")


class _Demo:
    def __init__(self, campaign: Campaign, users: dict[str, User], rng: np.random.Generator,
                 log: Callable[[str], None]) -> None:
        self.campaign, self.users, self.rng, self.log = campaign, users, rng, log
        self.noivu = users["noivu"]

    def person(self, unit: Unit, women: bool = False) -> Person | None:
        qs = Person.objects.filter(unit=unit).order_by("code")
        if women:
            qs = qs.filter(gender=Gender.FEMALE)
        return qs.first()

    def dossier(self, unit_code: str, actor: User, *, individual: bool = True,
                made_on: date | None = None) -> Dossier:
        unit = Unit.objects.get(code=unit_code)
        dossier = services.dossier_create(actor=actor, campaign=self.campaign, scope="phase",
                                          year=2025, unit=unit, made_on=made_on)
        collective = self.campaign.award_forms.get(code="KG-AF-MERIT-P-COLL")
        services.nomination_add(
            actor=actor, dossier=dossier, kind=Kind.COLLECTIVE, unit=unit, award_form=collective,
            summary="Xếp loại cải cách hành chính tốt trở lên hằng năm, xuất sắc 03 năm.",
            justification="Đơn vị dẫn đầu khối trong giai đoạn 2021-2025.")
        person = self.person(unit, women=True) if individual else None
        if person is not None:
            services.nomination_add(
                actor=actor, dossier=dossier, kind=Kind.INDIVIDUAL, person=person,
                award_form=self.campaign.award_forms.get(code="KG-AF-MERIT-P-IND"),
                summary="Trực tiếp tham mưu thực hiện nhiệm vụ cải cách hành chính.",
                justification="Cán bộ trực tiếp làm công tác CCHC của đơn vị.")
        dossier.refresh_from_db()
        return dossier

    def complete(self, dossier: Dossier, actor: User) -> None:
        services.dossier_generate(actor=actor, dossier=dossier)
        for spec in services.selectors.required_components(dossier):
            if not spec.generated:
                dossier.refresh_from_db()
                services.dossier_file_upload(actor=actor, dossier=dossier, component=spec.code,
                                             upload=_scan(spec.label))

    def submit(self, dossier: Dossier, actor: User) -> Dossier:
        try:
            return services.dossier_transition(actor=actor, dossier=dossier, name="submit")
        except ValidationError as exc:
            if "quá hạn" not in " ".join(exc.messages):
                raise
        services.deadline_exception_grant(
            actor=self.noivu, campaign=self.campaign, unit=dossier.unit, scope=dossier.scope,
            year=dossier.year, valid_until=timezone.localdate() + timedelta(days=7),
            reason="Dữ liệu mẫu: đơn vị được gia hạn để hoàn thiện hồ sơ.")
        return services.dossier_transition(actor=actor, dossier=dossier, name="submit")

    def move(self, dossier: Dossier, *steps: str, reason: str = "") -> Dossier:
        for step in steps:
            dossier = services.dossier_transition(actor=self.noivu, dossier=dossier, name=step,
                                                  reason=reason)
        return dossier


# The rounds a new user tries with the officer logins (README): the phase, and the annual rounds
# whose results are recognised. Their deadlines passed long before the demo's today, so without
# an extension the officer's first dossier could not be sent.
OPEN_ROUNDS = (("phase", 2025), ("annual", 2025), ("annual", 2024))
OFFICER_LOGINS = ("xa1", "xa2", "so1")


def _open_for_new_users(campaign: Campaign, noivu: User, today: date) -> None:
    """The Home Affairs office extends the deadline for the officer logins' units, as it does for
    a unit that asks: a new user signing in as xa1, xa2 or so1 can nominate and send."""
    units = Unit.objects.filter(pk__in=RoleAssignment.objects.filter(
        user__username__in=OFFICER_LOGINS, role=Role.OFFICER).values("unit_id")).order_by("code")
    for unit in units:
        for scope, year in OPEN_ROUNDS:
            services.deadline_exception_grant(
                actor=noivu, campaign=campaign, unit=unit, scope=scope, year=year,
                valid_until=today + timedelta(days=60),
                reason="Sở Nội vụ gia hạn để đơn vị hoàn thiện và gửi hồ sơ (dữ liệu mẫu).")


def _council(province: Unit, users: dict[str, User]) -> Any:
    council = services.council_ensure(actor=users["noivu"], unit=province)
    if not council.members.exists():
        for name, position, role, login, unit_code in COUNCIL:
            CouncilMember.objects.create(
                council=council, name=name, position=position, role=role,
                user=users.get(login) if login else None,
                home_unit=Unit.objects.filter(code=unit_code).first(),
                order=council.members.count() + 1)
    return council


def _vote_in_room(meeting: Any, office: User, reject: int = 0) -> None:
    """The secretary records the show of hands (all present for, `reject` against) and the
    office enters each absent member's written ballot (for), as at a real session."""
    record = services.selectors.meeting_record(meeting)
    for n, t in record.rows():
        against = min(reject, t.present_voters)
        services.room_tally_set(actor=office, meeting=meeting, nomination=n,
                                approve=t.present_voters - against, reject=against, abstain=0)
    for seat in record.written:
        for n, t in record.rows():
            if seat.member.name in t.recused:
                continue
            services.ballot_cast(actor=office, meeting=meeting, nomination=n, choice="approve",
                                 member=seat.member)


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_awards(seed=ctx.seed, log=ctx.log, rng=ctx.rng("awards"))


def load_demo_awards(*, seed: int = 2025, log: Callable[[str], None] = lambda _m: None,
                     rng: np.random.Generator | None = None) -> list[Dossier]:
    campaign = Campaign.objects.filter(code=CAMPAIGN).first()
    if campaign is None:
        log("  bỏ qua khen thưởng: chưa có phong trào KG-CCHC-2021-2025")
        return []
    if Dossier.objects.filter(campaign=campaign).exists():
        return []
    users = {u.username: u for u in User.objects.filter(
        username__in=["noivu", "so1", "xamoi", "hoidong", "chutich"])}
    missing = {"noivu", "so1", "xamoi", "hoidong", "chutich"} - set(users)
    if missing:
        log(f"  bỏ qua khen thưởng: thiếu tài khoản {', '.join(sorted(missing))}")
        return []
    with transaction.atomic():
        made = _load(campaign, users, rng if rng is not None else np.random.default_rng(seed),
                     log)
    decided = next((d for d in made if d.decision_id), None)
    if decided is not None:
        _papers(decided, log)
    return made


def _load(campaign: Campaign, users: dict[str, User], rng: np.random.Generator,
          log: Callable[[str], None]) -> list[Dossier]:
    demo = _Demo(campaign, users, rng, log)
    today = timezone.localdate()
    province = campaign_issuer_on(campaign, today)
    noivu = users["noivu"]
    _history(province)
    council = _council(province, users)
    made: list[Dossier] = []

    # 1. Ban Dân tộc: the whole path, to a decision with money and certificates.
    bdt = demo.dossier("KGI-BDT", users["so1"], made_on=today - timedelta(days=30))
    demo.complete(bdt, users["so1"])
    bdt = demo.submit(bdt, users["so1"])
    bdt = demo.move(bdt, "receive", "start_appraisal")
    bdt = demo.move(bdt, "appraise", reason="Hồ sơ đầy đủ, đúng tiêu chuẩn 002 §IV.1.1.")
    closed = services.meeting_create(
        actor=noivu, council=council, held_on=today - timedelta(days=12), start=time(8, 0),
        venue="Phòng họp số 1, Ủy ban nhân dân tỉnh",
        purpose="xét khen thưởng phong trào thi đua cải cách hành chính giai đoạn 2021-2025",
        secretary="Trần Thị Thu Thảo", minutes_number="07/BB-HĐTĐKT",
        vote_method="show_of_hands")
    Attendance.objects.filter(meeting=closed, member__name="Trần Văn Hậu").update(
        present=False, written_vote=True, absence_reason="Đi công tác")
    bdt = services.dossier_transition(actor=noivu, dossier=bdt, name="send_to_council",
                                      meeting=closed)
    _vote_in_room(closed, noivu)
    services.meeting_close(actor=users["hoidong"], meeting=closed)
    bdt = demo.move(Dossier.objects.get(pk=bdt.pk), "propose")
    services.decision_issue(actor=users["chutich"], dossiers=[bdt], number_symbol="125/QĐ-UBND",
                            signed_on=today - timedelta(days=5), signer_name="Lâm Văn Thắng")
    made.append(Dossier.objects.get(pk=bdt.pk))

    # 2. Sở Tư pháp: before the council, in an open session whose count the council member
    # (hoidong, the vice-chair) records.
    s01 = demo.dossier("KGI-S01", noivu)
    demo.complete(s01, noivu)
    s01 = demo.move(demo.submit(s01, noivu), "receive", "start_appraisal", "appraise")
    session = services.meeting_create(
        actor=noivu, council=council, held_on=today, start=time(14, 0),
        venue="Phòng họp số 1, Ủy ban nhân dân tỉnh", purpose="xét khen thưởng (đợt bổ sung)",
        secretary="Trần Thị Thu Thảo", minutes_number="09/BB-HĐTĐKT",
        # Three of the five members have no account: the council votes by show of hands and
        # the secretary records the count (online, their votes could never be cast).
        vote_method="show_of_hands")
    made.append(services.dossier_transition(actor=noivu, dossier=s01, name="send_to_council",
                                            meeting=session))

    # 3. Sở Kế hoạch và Đầu tư: under appraisal by the Home Affairs office.
    s02 = demo.dossier("KGI-S02", noivu, individual=False)
    demo.complete(s02, noivu)
    made.append(demo.move(demo.submit(s02, noivu), "receive", "start_appraisal"))

    # 4. Phường Vĩnh Lạc: returned for revision, with the reasons.
    xm02 = demo.dossier("KGI-XM02", noivu, individual=False)
    demo.complete(xm02, noivu)
    made.append(demo.move(demo.submit(xm02, noivu), "receive", "start_appraisal"))
    made[-1] = services.dossier_transition(
        actor=noivu, dossier=made[-1], name="return_for_revision",
        reason="Bổ sung Quyết định công bố phân loại năm 2025 và số liệu Chỉ số CCHC của các "
               "phường trước sắp xếp.")

    # 5. Phường Vĩnh Thanh Vân: sent by its officer, waiting to be received.
    xm01 = demo.dossier("KGI-XM01", users["xamoi"])
    demo.complete(xm01, users["xamoi"])
    made.append(demo.submit(xm01, users["xamoi"]))

    # 6. Xã Thới Quới: a draft with a hand-picked nomination and its unmet standards.
    made.append(demo.dossier("KGI-XM03", noivu, individual=False))
    _open_for_new_users(campaign, noivu, today)
    log(f"  khen thưởng: {len(made)} hồ sơ, 1 quyết định, 2 phiên họp Hội đồng")
    made += _ha_giang(users, rng, log)
    return made


HG_CAMPAIGN = "HG-CCHC-2021-2025"
HG_COUNCIL = (  # name, position, role (fictional people: the demo's Hà Giang council)
    ("Nguyễn Văn Sơn", "Chủ tịch UBND tỉnh", MemberRole.CHAIR),
    ("Lò Thị Mai", "Giám đốc Sở Nội vụ", MemberRole.VICE_CHAIR),
    ("Hoàng Văn Chung", "Chánh Văn phòng UBND tỉnh", MemberRole.STANDING),
    ("Vàng Thị Dợ", "Trưởng Ban Thi đua - Khen thưởng", MemberRole.MEMBER),
    ("Đặng Quốc Hưng", "Giám đốc Sở Tài chính", MemberRole.MEMBER),
)


def _ha_giang(users: dict[str, User], rng: np.random.Generator,
              log: Callable[[str], None]) -> list[Dossier]:
    """Hà Giang's council (mid-term review 2023, plan 004 §IV.2.a): a closed show-of-hands
    session with a written ballot and its minutes, and an open paper-ballot session in which
    `noivu_hg` records the counts."""
    campaign = Campaign.objects.filter(code=HG_CAMPAIGN).first()
    office = User.objects.filter(username="noivu_hg").first()
    province = Unit.objects.filter(code="HGI").first()
    if campaign is None or office is None or province is None:
        log("  bỏ qua Hội đồng tỉnh Hà Giang: chưa có phong trào, đơn vị hoặc tài khoản noivu_hg")
        return []
    departments = list(Unit.objects.filter(parent=province, kind="department")
                       .order_by("code")[:2])
    if len(departments) < 2:
        log("  bỏ qua Hội đồng tỉnh Hà Giang: chưa có sở, ngành")
        return []
    council = services.council_ensure(actor=office, unit=province)
    if not council.members.exists():
        for name, position, role in HG_COUNCIL:
            services.council_member_add(actor=office, council=council, name=name,
                                        position=position, role=role)
    demo = _Demo(campaign, {**users, "noivu": office}, rng, log)
    form = campaign.award_forms.get(code="HG-AF-MERIT-MID-COLL")
    made: list[Dossier] = []
    for unit in departments:
        dossier = services.dossier_create(actor=office, campaign=campaign, scope="mid_term",
                                          year=2023, unit=unit, made_on=date(2023, 11, 20))
        services.nomination_add(
            actor=office, dossier=dossier, kind=Kind.COLLECTIVE, unit=unit, award_form=form,
            summary="Xếp loại cải cách hành chính tốt trở lên ba năm liền 2021-2023.",
            justification="Sơ kết giai đoạn 2021-2023 (Kế hoạch 004 §IV.2.a).")
        dossier.refresh_from_db()
        demo.complete(dossier, office)
        made.append(demo.move(demo.submit(dossier, office), "receive", "start_appraisal",
                              "appraise"))
    closed = services.meeting_create(
        actor=office, council=council, held_on=date(2023, 12, 5), start=time(8, 30),
        venue="Phòng họp tầng 3, Ủy ban nhân dân tỉnh",
        purpose="xét khen thưởng sơ kết phong trào thi đua cải cách hành chính 2021-2023",
        secretary="Vàng Thị Dợ", minutes_number="12/BB-HĐTĐKT", vote_method="show_of_hands")
    Attendance.objects.filter(meeting=closed, member__name="Đặng Quốc Hưng").update(
        present=False, written_vote=True, absence_reason="Đi công tác Hà Nội")
    made[0] = services.dossier_transition(actor=office, dossier=made[0], name="send_to_council",
                                          meeting=closed)
    _vote_in_room(closed, office)
    services.meeting_close(actor=office, meeting=closed)
    made[0] = Dossier.objects.get(pk=made[0].pk)
    session = services.meeting_create(
        actor=office, council=council, held_on=timezone.localdate(), start=time(14, 0),
        venue="Phòng họp tầng 3, Ủy ban nhân dân tỉnh", purpose="xét khen thưởng (đợt bổ sung)",
        secretary="Vàng Thị Dợ", minutes_number="", vote_method="paper_ballot")
    made[1] = services.dossier_transition(actor=office, dossier=made[1], name="send_to_council",
                                          meeting=session)
    _successor_council(campaign, office)
    log("  khen thưởng: Hội đồng tỉnh Hà Giang, 1 phiên đã họp, 1 phiên chờ ghi số phiếu")
    return made


def _successor_council(campaign: Campaign, office: User) -> None:
    """Since 1 July 2025 a new Hà Giang dossier is received by Tuyên Quang (receiver_for), so
    it is Tuyên Quang's council that hears it: the demo gives it its members, as An Giang's has,
    so that noivu_hg can convene a session without first building the council."""
    live = campaign_issuer_on(campaign, timezone.localdate())
    if live is None or live.code == "HGI":
        return
    council = services.council_ensure(actor=office, unit=live)
    if not council.members.exists():
        for name, position, role in HG_COUNCIL:
            services.council_member_add(actor=office, council=council, name=name,
                                        position=position, role=role)


def _history(province: Unit) -> None:
    """Earlier awards from paper decisions: the facts "belongs to a collective awarded …" read."""
    for code, year, text in (
            ("KGI-BDT", 2023, "Quyết định số 312/QĐ-UBND ngày 20/02/2024 của Chủ tịch UBND tỉnh"),
            ("KGI-S01", 2022, "Quyết định số 288/QĐ-UBND ngày 15/02/2023 của Chủ tịch UBND tỉnh")):
        unit = Unit.objects.filter(code=code).first()
        if unit is None or Award.objects.filter(unit=unit, year=year).exists():
            continue
        Award.objects.create(kind=Kind.COLLECTIVE, unit=unit, form_code="merit_province_chairman",
                             form_name=award_form("merit_province_chairman").name, year=year,
                             decided_on=date(year + 1, 2, 15), decision_text=text, scope="annual")


def _papers(dossier: Dossier, log: Callable[[str], None]) -> None:
    """The decision's PDF and certificates (LibreOffice); without it the .docx stay available."""
    from thidua.awards.jobs import run_job

    decision = dossier.decision
    if decision is None:
        return
    if find_soffice() is None:
        log("  khen thưởng: không có LibreOffice, bỏ qua bản PDF của quyết định và bằng khen")
        return
    job = DocumentJob.objects.create(kind="decision_papers", unit=decision.issuer,
                                     label=f"Quyết định số {decision.number_symbol}: bản PDF và "
                                           "bằng khen", params={"decision_id": decision.pk})
    run_job(job.pk)
    job.refresh_from_db()
    log(f"  khen thưởng: {job.get_status_display().lower()} bản PDF và bằng khen "
        f"({job.message or decision.awards.count()})")
