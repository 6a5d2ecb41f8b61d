"""The rows the rules engine reads."""

from datetime import date

import pytest

from thidua.initiatives import services
from thidua.initiatives.selectors import initiative_facts
from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_it_gives_a_row_for_the_unit_and_each_author(world):
    recognised = make_initiative(world.units["X1"], [world.people["p_x1"], world.people["p_staff"]],
                                 year=2024)
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=recognised)
    services.initiative_score(actor=world.users["carl_council"], initiative=recognised, novelty=20,
                              effectiveness=20, applicability=20)
    services.initiative_recognise(actor=world.users["alice_owner"], initiative=recognised, level="huyen",
                                  decision_number="1/QĐ", decision_date=date(2024, 12, 1), applied=True)
    pending = make_initiative(world.units["X3"], [world.people["p_x3"]], year=2024)
    make_initiative(world.units["X3"], [world.people["p_x3"]], year=2019)
    rows = initiative_facts(2021, 2025)
    assert {"owner_kind": "unit", "owner_id": world.units["X1"].pk, "year": 2024, "level": "huyen",
            "recognised": True, "applied": True} in rows
    assert {"owner_kind": "person", "owner_id": world.people["p_staff"].pk, "year": 2024, "level": "huyen",
            "recognised": True, "applied": True} in rows
    assert {"owner_kind": "unit", "owner_id": pending.unit_id, "year": 2024, "level": None,
            "recognised": False, "applied": False} in rows
    assert len(rows) == 5


def test_the_honour_board_gets_recognised_ones_only(world):
    from thidua.initiatives.selectors import recognised_initiatives

    make_initiative(world.units["X1"], [world.people["p_x1"]], year=2024)
    done = make_initiative(world.units["X1"], [world.people["p_x1"]], year=2024, status="recognised",
                           level="tinh", decision_number="9/QĐ", decision_date=date(2024, 12, 1))
    found = recognised_initiatives(year_from=2024, year_to=2024, unit_path=world.units["P1"].path)
    assert list(found) == [done]
