"""Hà Giang's campaign (plan 004) after the 1 July 2025 merger, on the demo through `thidua demo`:
a dossier made today is received by Tuyên Quang, whose council — set up by the demo — holds the
session and votes, all with the demo's own account noivu_hg (Tuyên Quang's Home Affairs office)."""

from datetime import time, timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards import selectors, services
from thidua.awards.models import Council, Dossier, Kind, Outcome, State
from thidua.campaigns.models import Campaign
from thidua.core.testing import restore_migration_data
from thidua.org.models import Unit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.libreoffice]
SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_tuyen_quangs_council_hears_a_ha_giang_dossier_made_today():
    restore_migration_data()  # an earlier transactional test may have flushed the catalogue
    call_command("demo", "--size", "tiny", stdout=StringIO())
    office = User.objects.get(username="noivu_hg")
    campaign = Campaign.objects.get(code="HG-CCHC-2021-2025")
    province = Unit.objects.get(code="TQU")
    council = Council.objects.get(unit=province)  # the demo made it, with its members
    assert council.members.count() == 5
    unit = Unit.objects.filter(path__startswith=province.path, kind="department") \
        .order_by("code").first()
    today = timezone.localdate()

    dossier = services.dossier_create(actor=office, campaign=campaign, scope="mid_term",
                                      year=2023, unit=unit)
    assert dossier.receiver == province
    services.nomination_add(actor=office, dossier=dossier, kind=Kind.COLLECTIVE, unit=unit,
                            award_form=campaign.award_forms.get(code="HG-AF-MERIT-MID-COLL"),
                            summary="Xếp loại cải cách hành chính tốt trở lên ba năm liền.",
                            justification="Đơn vị mới sau sắp xếp, kế thừa kết quả 2021-2023.")
    services.dossier_generate(actor=office, dossier=Dossier.objects.get(pk=dossier.pk))
    for spec in selectors.required_components(dossier):
        if not spec.generated:
            services.dossier_file_upload(
                actor=office, dossier=Dossier.objects.get(pk=dossier.pk), component=spec.code,
                upload=SimpleUploadedFile("ban-chup.pdf", SCAN, content_type="application/pdf"))
    # Plan 004's dates for the mid-term review are long past: the office extends them first.
    services.deadline_exception_grant(actor=office, campaign=campaign, unit=unit,
                                      scope="mid_term", year=2023,
                                      valid_until=today + timedelta(days=7),
                                      reason="Đơn vị mới sau sắp xếp hoàn thiện hồ sơ.")
    dossier = Dossier.objects.get(pk=dossier.pk)
    for step in ("submit", "receive", "start_appraisal", "appraise"):
        dossier = services.dossier_transition(actor=office, dossier=dossier, name=step)
    assert dossier.state == State.APPRAISED

    meeting = services.meeting_create(
        actor=office, council=council, held_on=today, start=time(8, 0),
        venue="Phòng họp tầng 2, Ủy ban nhân dân tỉnh Tuyên Quang",
        purpose="xét khen thưởng sơ kết (đơn vị sau sắp xếp)", secretary="Vàng Thị Dợ",
        minutes_number="03/BB-HĐTĐKT", vote_method="show_of_hands")
    dossier = services.dossier_transition(actor=office, dossier=dossier, name="send_to_council",
                                          meeting=meeting)
    record = selectors.meeting_record(meeting)
    assert record.quorate and len(record.present) == 5
    for nomination, tally in record.rows():
        services.room_tally_set(actor=office, meeting=meeting, nomination=nomination,
                                approve=tally.present_voters, reject=0, abstain=0)
    meeting = services.meeting_close(actor=office, meeting=meeting)
    assert meeting.minutes_file
    assert dossier.nominations.get().outcome == Outcome.PASSED
    dossier = services.dossier_transition(actor=office, dossier=Dossier.objects.get(pk=dossier.pk),
                                          name="propose")
    assert dossier.state == State.PROPOSED
