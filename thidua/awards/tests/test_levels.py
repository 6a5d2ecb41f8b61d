"""Levels: a commune's dossier goes to its district before 1/7/2025 and to the province after;
a district council forwards what is beyond its authority to the province."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.awards import services, testing
from thidua.awards.models import Dossier, State


def test_a_commune_goes_to_its_district_before_the_reform_and_to_the_province_after(world,
                                                                                    campaign):
    olga = world.users["olga_officer"]
    before = services.dossier_create(actor=olga, campaign=campaign, scope="annual", year=2024,
                                     unit=world.units["X1"], made_on=date(2025, 2, 20))
    after = services.dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                                    unit=world.units["X1"])
    assert before.receiver == world.units["H1"] and after.receiver == world.units["P1"]


def test_a_district_forwards_what_is_beyond_its_authority(world, campaign):
    olga, alice = world.users["olga_officer"], world.users["alice_owner"]
    dossier = services.dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                                      unit=world.units["X1"], made_on=date(2025, 3, 1))
    services.nomination_add(actor=olga, dossier=dossier, kind="collective",
                            unit=world.units["X1"],
                            award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-COLL"))
    services.dossier_generate(actor=olga, dossier=dossier)
    for component in ("council_minutes", "classification_decision"):
        dossier.refresh_from_db()
        services.dossier_file_upload(actor=olga, dossier=dossier, component=component,
                                     upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4"))
    for actor, name in ((olga, "submit"), (alice, "receive"), (alice, "start_appraisal"),
                        (alice, "appraise")):
        dossier = services.dossier_transition(actor=actor, dossier=dossier, name=name)
    council = testing.make_council(world, "H1", members=1)
    member = council.members.get()
    member.user = world.users["carl_council"]
    member.save()
    meeting = services.meeting_create(actor=alice, council=council, held_on=timezone.localdate(),
                                      start=time(8, 0), venue="Huyện", purpose="xét",
                                      secretary="Thư ký")
    dossier = services.dossier_transition(actor=alice, dossier=dossier, name="send_to_council",
                                          meeting=meeting)
    services.ballot_cast(actor=world.users["carl_council"], meeting=meeting,
                         nomination=dossier.nominations.get(), choice="approve")
    services.meeting_close(actor=alice, meeting=meeting)
    with pytest.raises(ValidationError, match="vượt thẩm quyền"):
        services.dossier_transition(actor=alice, dossier=dossier, name="propose")
    services.dossier_transition(actor=alice, dossier=dossier, name="forward")
    upper = Dossier.objects.get(forwarded_from=dossier)
    assert upper.state == State.SUBMITTED and upper.unit == world.units["H1"]
    assert upper.receiver == world.units["P1"]
    assert upper.nominations.get().unit == world.units["X1"]
    assert upper.files.filter(component="council_minutes").exists()
    # The province's office is told a dossier waits for it (thidua.notices).
    from thidua.notices.models import Notice

    told = Notice.objects.get(user=alice, url=f"/khen-thuong/ho-so/{upper.pk}/")
    assert told.event == "dossier_forwarded"
    assert told.message == ("Hồ sơ đề nghị khen thưởng của Huyện Đồng Văn được trình lên "
                            "Tỉnh Hà Giang Thử, chờ tiếp nhận.")
    # ... and the commune's officer where its dossier went (the link: its own dossier)
    olga_told = Notice.objects.get(user=olga, event="dossier_forwarded")
    assert olga_told.url == f"/khen-thuong/ho-so/{dossier.pk}/"
    assert olga_told.message.endswith("đã được trình lên Tỉnh Hà Giang Thử.")
