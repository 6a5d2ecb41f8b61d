"""A campaign outlives its issuer: the final review of P1's 2021-2025 campaign, dated after P1
merged into a new province on 1 July 2025, is headed, placed and signed by the new province, and
its numbers still count P1's units (docs/lineage.md, issue 15)."""

import io
from datetime import date

import pytest
from docx import Document

from thidua.accounts.models import Role, RoleAssignment
from thidua.org.models import LineageKind, Unit
from thidua.org.services import lineage_record
from thidua.reports.models import Review, ReviewKind

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    """Every paragraph of the body, its tables (the letterhead) and the page headers."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    tables = list(document.tables)
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            parts += [p.text for p in header.paragraphs]
            tables += header.tables
    for table in tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.fixture
def merged(world, campaign):
    """P1 merges into "Tỉnh Sông Hậu" (Q1); an owner of Q1 only."""
    p1 = world.units["P1"]
    q1 = Unit.objects.create(code="Q1", name="Tỉnh Sông Hậu", kind="province",
                             category=p1.category)
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.MERGE,
                   effective_date=date(2025, 7, 1), predecessors=[p1], successors=[q1],
                   legal_basis="Nghị quyết số 202/2025/QH15")
    owner = world.users["olga_officer"].__class__.objects.create_user(
        username="quynh_owner", password="x")
    RoleAssignment.objects.create(user=owner, role=Role.OWNER, unit=q1)
    return q1, owner


def test_a_review_dated_after_the_merger_is_headed_by_the_successor(world, login, campaign,
                                                                    merged):
    q1, owner = merged
    Review.objects.create(campaign=campaign, kind=ReviewKind.FINAL, last_year=2025,
                          issued_on=date(2025, 12, 10), number_symbol="318/BC-UBND")
    before = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/tong-ket.docx")
    client = login(owner)
    response = client.get(f"/bao-cao/{campaign.pk}/tong-ket.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    flat = " ".join(text.split())  # the letterhead breaks its lines
    assert "ỦY BAN NHÂN DÂN TỈNH SÔNG HẬU" in flat  # the letterhead
    assert campaign.issuing_body.upper() not in flat
    assert "Sông Hậu, ngày 10 tháng 12 năm 2025" in text
    # The numbers are those of the campaign's (the old province's) units, unchanged.
    assert before.status_code == 200
    old = docx_text(before.content)
    numbers = [line for line in text.splitlines() if "đơn vị" in line or "lượt" in line]
    assert numbers and numbers == [line for line in old.splitlines()
                                   if "đơn vị" in line or "lượt" in line]


def test_a_review_dated_before_the_merger_keeps_the_old_heading(world, login, campaign, merged):
    _, owner = merged
    Review.objects.create(campaign=campaign, kind=ReviewKind.MID_TERM, last_year=2023,
                          issued_on=date(2023, 12, 15), number_symbol="245/BC-UBND")
    text = docx_text(login(owner).get(f"/bao-cao/{campaign.pk}/so-ket.docx").content)
    flat = " ".join(text.split())
    assert campaign.issuing_body.upper() in flat
    assert "SÔNG HẬU" not in flat
