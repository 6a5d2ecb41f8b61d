"""A campaign whose issuer merged reads the units that continue the issuer's own units — never
the successor's units of its own (docs/lineage.md, "A campaign outlives its issuer").

P1 merges into Q1 on 1 July 2025; its communes X1 and X2 merge into N1, a commune of Q1; Q1 also
has Z1, a commune it had of its own (in the real reform: An Giang's own communes, which never
took part in Kiên Giang's 2021-2025 campaign)."""

from datetime import date

import pytest

from thidua.org.models import LineageKind, Unit, UnitKind
from thidua.org.services import lineage_record
from thidua.results.facts import build_facts

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(world):
    p1, xa = world.units["P1"], world.categories["xa"]
    q1 = Unit.objects.create(code="Q1", name="Tỉnh Sông Hậu", kind=UnitKind.PROVINCE,
                             category=p1.category)
    z1 = Unit.objects.create(code="Q1-Z1", name="Xã Mỹ Hòa", kind=UnitKind.COMMUNE,
                             category=xa, parent=q1, active_from=date(2020, 1, 1))
    n1 = Unit.objects.create(code="Q1-N1", name="Xã Lũng Cú Mới", kind=UnitKind.COMMUNE,
                             category=xa, parent=q1)
    admin = world.users["ada_admin"]
    lineage_record(actor=admin, kind=LineageKind.MERGE, effective_date=date(2025, 7, 1),
                   predecessors=[world.units["X1"], world.units["X2"]], successors=[n1])
    lineage_record(actor=admin, kind=LineageKind.MERGE, effective_date=date(2025, 7, 1),
                   predecessors=[p1], successors=[q1])
    return p1, q1, z1, n1


def test_the_merged_issuers_campaign_reads_the_commune_that_continues_its_communes(merged):
    p1, _, _, n1 = merged
    p1.refresh_from_db()
    codes = set(build_facts(years=range(2024, 2026), root=p1, frames=["units"],
                            use_snapshot=False).units["code"])
    assert {"P1-X1", "P1-X2", "P1-X3", n1.code} <= codes


def test_it_never_reads_the_successors_own_units(merged):
    p1, q1, z1, _ = merged
    p1.refresh_from_db()
    codes = set(build_facts(years=range(2024, 2026), root=p1, frames=["units"],
                            use_snapshot=False).units["code"])
    assert z1.code not in codes
    assert "P2-Y1" not in codes


def test_the_successors_campaign_reads_its_predecessors_units(merged):
    _, q1, z1, n1 = merged
    codes = set(build_facts(years=range(2023, 2027), root=q1, frames=["units"],
                            use_snapshot=False).units["code"])
    assert {z1.code, n1.code, "P1-X1", "P1-X3"} <= codes
