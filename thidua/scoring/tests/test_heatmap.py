"""The heat map through HTTP: each unit's share of every field's maximum, in a number of
queries that does not grow with the units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.scoring.models import Score
from thidua.scoring.testing import make_criteria_set

pytestmark = pytest.mark.django_db


def test_it_shows_each_units_share_of_the_field(world, login):
    units = [world.units[k] for k in ("X1", "X2")]
    criteria_set = make_criteria_set(world.units["P1"], world.categories["xa"], units)
    x1 = criteria_set.assessments.get(unit=world.units["X1"])
    Score.objects.filter(assessment=x1, sub_criterion__code="1.1.1").update(
        self_points=Decimal(4))
    Score.objects.filter(assessment=x1, sub_criterion__code="1.1.2").update(
        self_points=Decimal(3), appraised_points=Decimal(3))
    client = login(world.users["alice_owner"])
    page = client.get(reverse("scoring:heatmap", args=[criteria_set.pk])).content.decode()
    row = page.split(f'href="{reverse("scoring:assessment", args=[x1.pk])}"')[1].split("</tr>")[0]
    # chi_dao: 7 of 10 points = 70 %, hue 84; the other fields nothing yet.
    assert '<td style="background: hsl(84, 70%, 80%)">70 %</td>' in row
    assert row.count("0 %</td>") == 3


def test_its_queries_do_not_grow_with_the_units(world, login, django_assert_max_num_queries):
    xa = world.categories["xa"]
    client = login(world.users["alice_owner"])
    one = make_criteria_set(world.units["P1"], xa, [world.units["X1"]], year=2024)
    three = make_criteria_set(world.units["P1"], xa, [world.units[k] for k in ("X1", "X2", "X3")])
    client.get(reverse("scoring:heatmap", args=[one.pk]))  # sessions, caches warmed
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("scoring:heatmap", args=[one.pk]))
    # Each page reads both years (the per-year table); only the number of units differs.
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("scoring:heatmap", args=[three.pk]))
    assert page.content.decode().count("<tr><td><a href=") == 3
