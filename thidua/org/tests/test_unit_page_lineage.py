"""A unit formed by a merger shows, on its page, the results of the units it absorbed, year by
year, next to the chain of events that formed it (issue 15)."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.org.models import LineageKind, Unit
from thidua.org.services import lineage_record
from thidua.results.models import AnnualResult, ResultRound

pytestmark = pytest.mark.django_db


def test_a_merged_commune_shows_its_predecessors_results(world, login):
    u = world.units
    round_ = ResultRound.objects.create(evaluator=u["P1"], year=2023, published=True)
    for unit, score, cls in ((u["X1"], "92.10", "xuat_sac"), (u["X2"], "85.50", "tot")):
        AnnualResult.objects.create(round=round_, unit=unit, year=2023, category=unit.category,
                                    score=Decimal(score), rank=1, classification=cls)
    new = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú Mới", kind="commune",
                              category=u["X1"].category, parent=u["P1"])
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.MERGE,
                   effective_date=date(2025, 7, 1), predecessors=[u["X1"], u["X2"]],
                   successors=[new], legal_basis="Nghị quyết số 202/2025/QH15")

    page = login(world.users["alice_owner"]).get(f"/to-chuc/don-vi/{new.pk}/").content.decode()
    assert "Kết quả Chỉ số CCHC (cả các đơn vị tiền thân)" in page
    # The inherited year: both predecessors named, the mean score, the worst classification.
    assert "<td>2023</td><td>Xã Lũng Cú; Xã Má Lé</td><td>88,80</td><td>—</td><td>Tốt</td>" in page
    assert "kế thừa" in page and "Nghị quyết số 202/2025/QH15" in page


def test_a_unit_without_results_shows_no_results_table(world, login):
    page = login(world.users["alice_owner"]).get(f"/to-chuc/don-vi/{world.units['X1'].pk}/")
    assert "Kết quả Chỉ số CCHC" not in page.content.decode()
