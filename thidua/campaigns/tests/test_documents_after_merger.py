"""Papers after the merger (issue 11): a plan or a registration form made after P1 merged into a
new province on 1 July 2025 carries the live body's header ("ỦY BAN NHÂN DÂN / TỈNH SÔNG HẬU"),
its place and its recipient, while a plan issued before the merger keeps the body that issued it.
Read from the .docx the user downloads."""

from datetime import date

import pytest
from django.utils import timezone

from thidua.campaigns.models import Registration
from thidua.campaigns.testing import launched_campaign, participant
from thidua.documents.checks import docx_text
from thidua.org.models import LineageKind, Unit
from thidua.org.services import lineage_record

pytestmark = pytest.mark.django_db

OLD = "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG THỬ"
NEW = "ỦY BAN NHÂN DÂN TỈNH SÔNG HẬU"


@pytest.fixture
def merged(world):
    """P1 merges into "Tỉnh Sông Hậu" (Q1) on 1 July 2025, as Kiên Giang into An Giang."""
    p1 = world.units["P1"]
    q1 = Unit.objects.create(code="Q1", name="Tỉnh Sông Hậu", kind="province",
                             category=p1.category)
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.MERGE,
                   effective_date=date(2025, 7, 1), predecessors=[p1], successors=[q1],
                   legal_basis="Nghị quyết số 202/2025/QH15")
    return q1


def _flat(content: bytes) -> str:
    return " ".join(docx_text(content).split())  # the letterhead breaks its lines


def test_a_plan_issued_after_the_merger_is_headed_by_the_live_body(world, login, merged):
    campaign = launched_campaign(world, "P1-L", "P1")  # issued 15/01/2026
    response = login(world.users["alice_owner"]).get(f"/phong-trao/{campaign.pk}/van-ban.docx")
    assert response.status_code == 200
    text = _flat(response.content)
    assert NEW in text and OLD not in text
    assert "Sông Hậu, ngày 15 tháng 01 năm 2026" in text
    assert "Số: 12/KH-UBND" in text


def test_a_plan_issued_before_the_merger_keeps_its_issuer(world, login, merged):
    campaign = launched_campaign(world, "P1-L", "P1", issued_on=date(2025, 3, 10),
                                 launched_on=date(2025, 3, 12))
    text = _flat(login(world.users["alice_owner"]).get(
        f"/phong-trao/{campaign.pk}/van-ban.docx").content)
    assert OLD in text and "SÔNG HẬU" not in text
    assert "Hà Giang, ngày 10 tháng 3 năm 2025" in text or "Hà Giang, ngày 10 tháng 03 năm 2025" in text


def _registration(campaign, unit):
    return Registration.objects.create(
        campaign=campaign, unit=unit, participant=participant(campaign, unit),
        collective_target="Hoàn thành xuất sắc nhiệm vụ CCHC.", submitted_at=timezone.now())


def test_a_registration_after_the_merger_names_the_live_bodies(world, login, merged):
    campaign = launched_campaign(world, "P1-R", "P1")
    commune = _registration(campaign, world.units["X1"])
    department = _registration(campaign, world.units["D1"])
    client = login(world.users["alice_owner"])
    text = _flat(client.get(f"/phong-trao/tham-gia/{commune.participant.pk}/dang-ky.docx").content)
    assert "ỦY BAN NHÂN DÂN XÃ LŨNG CÚ" in text
    assert "Sông Hậu, ngày" in text and "Hà Giang, ngày" not in text
    assert "Ủy ban nhân dân tỉnh Sông Hậu" in text  # sent to the body that runs the campaign now
    # The plan it implements is still cited by the body that issued it.
    assert "Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh Hà Giang Thử" in text
    # A department's header names its parent body: the live province, not the merged one.
    text = _flat(client.get(
        f"/phong-trao/tham-gia/{department.participant.pk}/dang-ky.docx").content)
    assert NEW in text and OLD not in text and "SỞ NỘI VỤ" in text
