"""The list: scope, filters without diacritics, Excel export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_it_lists_only_what_the_user_may_see(world, login):
    make_initiative(world.units["X1"], [world.people["p_x1"]], title="Một cửa điện tử Lũng Cú")
    make_initiative(world.units["X3"], [world.people["p_x3"]], title="Sổ tay Pải Lủng")
    page = login(world.users["olga_officer"]).get(reverse("initiatives:list")).content.decode()
    assert "Một cửa điện tử Lũng Cú" in page and "Sổ tay Pải Lủng" not in page


def test_it_filters_and_exports(world, login):
    make_initiative(world.units["X1"], [world.people["p_x1"]], title="Một cửa điện tử")
    make_initiative(world.units["X1"], [world.people["p_x1"]], title="Sổ tay công vụ", year=2023)
    client = login(world.users["alice_owner"])
    page = client.get(reverse("initiatives:list"), {"q": "mot cua"}).content.decode()
    assert "Một cửa điện tử" in page and "Sổ tay công vụ" not in page
    response = client.get(reverse("initiatives:list"), {"nam": 2023, "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Sổ tay công vụ"]
