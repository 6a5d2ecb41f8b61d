"""After a reorganisation nothing is orphaned: `thidua reform-report` lists what still sits on
ended units, `thidua follow-lineage` moves people to the one successor the lineage names and
lists the ones an import must settle (issue 15)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.org.models import LineageKind, Membership, Person, Unit
from thidua.org.services import lineage_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def reformed(world):
    """H1's communes X1 and X2 merge into P1-XM1; X3 is dissolved; P1 merges into Q1."""
    admin = world.users["ada_admin"]
    x1, x2, x3 = world.units["X1"], world.units["X2"], world.units["X3"]
    from thidua.campaigns.testing import launched_campaign

    campaign = launched_campaign(world, "P1-OLD", "P1", launched_on=date(2022, 1, 10))
    q1 = Unit.objects.create(code="Q1", name="Tỉnh Sông Hậu", kind="province",
                             category=world.units["P1"].category)
    new = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú Mới", kind="commune",
                              category=x1.category, parent=q1)
    lineage_record(actor=admin, kind=LineageKind.MERGE, effective_date=date(2025, 7, 1),
                   predecessors=[x1, x2], successors=[new])
    lineage_record(actor=admin, kind=LineageKind.DISSOLVE, effective_date=date(2025, 7, 1),
                   predecessors=[x3], successors=[])
    lineage_record(actor=admin, kind=LineageKind.MERGE, effective_date=date(2025, 7, 1),
                   predecessors=[world.units["P1"]], successors=[q1])
    return new, campaign


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_report_lists_what_sits_on_ended_units(world, reformed):
    text = run("reform_report", "--chi-tiet")
    assert "Cán bộ còn tính ở đơn vị đã kết thúc: 3"  # two on X1, one on X3 in text
    assert "CB-X1  Nguyễn Thị Lan  —  Xã Lũng Cú (P1-X1)" in text
    assert "olga_officer" in text and "oscar_officer" in text
    assert "P1-OLD: Tỉnh Hà Giang Thử (P1) — do Tỉnh Sông Hậu (Q1) chủ trì tiếp" in text


def test_follow_lineage_moves_people_to_the_one_successor(world, reformed):
    new, _ = reformed
    text = run("follow_lineage", "--user", "ada_admin")
    assert "Đã chuyển 2 người sang đơn vị kế thừa." in text
    # X3 was dissolved: the lineage cannot say where Trần Văn Đức went.
    assert "CB-X3  Trần Văn Đức  —  Xã Pải Lủng (P1-X3)" in text
    lan = Person.objects.get(code="CB-X1")
    assert lan.unit == new
    history = list(lan.memberships.order_by("start").values_list("unit__code", "start", "end"))
    assert history == [("P1-X1", date(2020, 1, 1), date(2025, 6, 30)),
                       ("P1-XM1", date(2025, 7, 1), None)]
    assert Membership.objects.filter(end__isnull=True, unit__active_to__isnull=False).count() == 1
    assert "Cán bộ còn tính ở đơn vị đã kết thúc: 1" in run("reform_report")
    # Running it again changes nothing.
    assert "Đã chuyển 0 người" in run("follow_lineage", "--user", "ada_admin")
