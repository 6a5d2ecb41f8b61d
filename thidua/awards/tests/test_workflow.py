"""The whole path of a dossier through HTTP, each step by the role at the level that owns it."""

from datetime import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.awards.models import (
    Award,
    AwardDecision,
    CouncilMeeting,
    Dossier,
    Nomination,
    Outcome,
    State,
    TransitionRecord,
)
from thidua.awards.selectors import award_facts


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 scan", content_type="application/pdf")


def as_(client, user):
    client.force_login(user)
    return client


def post_action(client, dossier, name, **data):
    dossier.refresh_from_db()
    data.setdefault("version", dossier.version)
    return client.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/{name}/", data, follow=True)


def make_complete_dossier(client, world, campaign):
    olga = as_(client, world.users["olga_officer"])
    response = olga.post("/khen-thuong/ho-so/moi/", {
        "campaign": campaign.pk, "scope": "phase", "year": 2025, "unit": world.units["X1"].pk})
    dossier = Dossier.objects.get(unit=world.units["X1"])
    assert response.status_code == 302 and dossier.receiver == world.units["P1"]
    page = olga.get(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/")
    assert "Xã Lũng Cú" in page.content.decode() and "Nguyễn Thị Lan" in page.content.decode()
    merit = campaign.award_forms.get(code="KG-AF-MERIT-P-COLL")
    olga.post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "candidate": f"{merit.pk}:u{world.units['X1'].pk}", "version": dossier.version})
    return olga, dossier


def test_it_walks_a_dossier_from_nomination_to_decision(client, world, campaign, council):
    olga, dossier = make_complete_dossier(client, world, campaign)
    nomination = dossier.nominations.get()
    assert nomination.source == "eligibility" and nomination.unmet == []

    # incomplete: refused, the missing papers named
    page = post_action(olga, dossier, "submit")
    assert "Thiếu" in page.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == State.DRAFT

    olga.post(f"/khen-thuong/ho-so/{dossier.pk}/tao-van-ban/")
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        olga.post(f"/khen-thuong/ho-so/{dossier.pk}/tai-len/", {
            "component": component, "file": pdf(), "version": dossier.version})
    page = post_action(olga, dossier, "submit")
    assert "Đã thực hiện: Gửi hồ sơ" in page.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED

    # the officer cannot receive; the province's office can
    post_action(olga, dossier, "receive")
    assert Dossier.objects.get(pk=dossier.pk).state == State.SUBMITTED
    alice = as_(client, world.users["alice_owner"])
    post_action(alice, dossier, "receive")
    post_action(alice, dossier, "start_appraisal")
    page = post_action(alice, dossier, "return_for_revision", reason="Bổ sung báo cáo thành tích")
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED and dossier.return_reasons == "Bổ sung báo cáo thành tích"

    olga = as_(client, world.users["olga_officer"])
    assert "Bổ sung báo cáo thành tích" in olga.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    post_action(olga, dossier, "submit")
    alice = as_(client, world.users["alice_owner"])
    for step in ("receive", "start_appraisal", "appraise"):
        post_action(alice, dossier, step)
    dossier.refresh_from_db()
    assert dossier.state == State.APPRAISED

    alice.post("/khen-thuong/hoi-dong/", {
        "what": "meeting", "unit": world.units["P1"].pk, "held_on": timezone.localdate(),
        "start": time(8, 0), "venue": "Hội trường", "purpose": "xét khen thưởng giai đoạn",
        "secretary": "Lê Thư Ký", "minutes_number": "05/BB-HĐTĐKT"})
    meeting = CouncilMeeting.objects.get(council=council)
    alice.post(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/trinh/", {"dossier": [dossier.pk]})
    assert Dossier.objects.get(pk=dossier.pk).state == State.BEFORE_COUNCIL

    for member in council.members.all():
        voter = as_(client, member.user)
        voter.post(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/bieu-quyet/",
                   {"nomination": nomination.pk, "choice": "approve"})
    as_(client, world.users["carl_council"]).post(
        f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/ket-thuc/")
    meeting.refresh_from_db()
    assert meeting.status == "closed" and meeting.minutes_file
    minutes = client.get(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/bien-ban/")
    assert minutes.status_code == 200 and b"".join(minutes.streaming_content)[:2] == b"PK"
    dossier.refresh_from_db()
    assert dossier.state == State.VOTED
    assert Nomination.objects.get(pk=nomination.pk).outcome == Outcome.PASSED

    alice = as_(client, world.users["alice_owner"])
    post_action(alice, dossier, "propose")
    sam = as_(client, world.users["sam_signer"])
    response = sam.post("/khen-thuong/quyet-dinh/ban-hanh/", {
        "dossier": [dossier.pk], "number_symbol": "125/QĐ-UBND", "signed_on": timezone.localdate(),
        "signer_name": "Nguyễn Văn Chủ Tịch", "signer_title": "Chủ tịch"})
    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.reward == 7_020_000 and decision.total_reward == 7_020_000  # 3 × 2,340,000
    assert Dossier.objects.get(pk=dossier.pk).state == State.DECIDED
    assert award_facts(units=[world.units["X1"].pk])[0].award == "merit_province_chairman"
    names = [t.name for t in TransitionRecord.objects.filter(dossier=dossier)]
    assert names == ["submit", "receive", "start_appraisal", "return_for_revision", "submit",
                     "receive", "start_appraisal", "appraise", "send_to_council", "record_vote",
                     "propose", "decide"]
    olga = as_(client, world.users["olga_officer"])
    assert olga.get(f"/khen-thuong/quyet-dinh/{decision.pk}/").status_code == 200
    assert olga.get(f"/khen-thuong/bang-khen/{award.pk}/").status_code == 200


def test_a_double_click_submits_once(client, world, campaign):
    olga, dossier = make_complete_dossier(client, world, campaign)
    olga.post(f"/khen-thuong/ho-so/{dossier.pk}/tao-van-ban/")
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        olga.post(f"/khen-thuong/ho-so/{dossier.pk}/tai-len/", {
            "component": component, "file": pdf(), "version": dossier.version})
    dossier.refresh_from_db()
    version = dossier.version
    first = olga.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/submit/", {"version": version},
                      follow=True)
    second = olga.post(f"/khen-thuong/ho-so/{dossier.pk}/thao-tac/submit/", {"version": version},
                       follow=True)
    assert "Đã thực hiện" in first.content.decode()
    assert "vừa được người khác cập nhật" in second.content.decode()
    assert TransitionRecord.objects.filter(dossier=dossier, name="submit").count() == 1
