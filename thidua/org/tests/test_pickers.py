"""Unit and person pickers (issue 11): units named with their parent where names repeat, people
with their position, searchable, starting on the user's own unit; one query however long."""

import pytest
from django.urls import reverse

from thidua.core.pickers import PersonChoiceField, UnitChoiceField
from thidua.org.models import Person, Unit, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(world):
    """Two divisions called "Văn phòng", under two communes."""
    made = []
    for key in ("X1", "X2"):
        parent = world.units[key]
        made.append(Unit.objects.create(code=f"{parent.code}-VP", name="Văn phòng",
                                        kind=UnitKind.DIVISION, category=parent.category,
                                        parent=parent))
    return made


def test_units_under_a_unit_carry_its_name(world, offices):
    first, second = offices
    assert first.qualified_name == f"Văn phòng — {world.units['X1'].name}"
    assert second.qualified_name != first.qualified_name
    province = Unit.objects.get(depth=0, pk=world.units["P1"].pk)
    assert province.qualified_name == province.name
    directly_under = Unit.objects.filter(depth=1).first()
    assert directly_under is not None and directly_under.qualified_name == directly_under.name


def test_the_unit_picker_names_units_in_one_query(world, offices, django_assert_num_queries):
    field = UnitChoiceField(queryset=Unit.objects.order_by("path"))
    with django_assert_num_queries(1):
        labels = [label for _, label in field.choices]
    assert f"Văn phòng — {world.units['X1'].name}" in labels
    assert f"Văn phòng — {world.units['X2'].name}" in labels
    assert field.widget.attrs["data-search"]


def test_the_person_picker_shows_position_and_unit(world, offices, django_assert_num_queries):
    Person.objects.create(code="CB-VP", full_name="Hoàng Văn Nam", gender="M",
                          position="Chánh Văn phòng", unit=offices[0])
    field = PersonChoiceField(queryset=Person.objects.all())
    with django_assert_num_queries(1):
        labels = [label for _, label in field.choices]
    assert (f"Hoàng Văn Nam — Chánh Văn phòng, Văn phòng — {world.units['X1'].name}") in labels


def test_the_people_page_names_units_with_their_parent(world, offices, login):
    Person.objects.create(code="CB-VP", full_name="Hoàng Văn Nam", gender="M", unit=offices[1])
    page = login(world.users["alice_owner"]).get(reverse("org:people")).content.decode()
    assert f"Văn phòng — {world.units['X2'].name}" in page
    assert 'data-search="Gõ để tìm (không cần dấu)"' in page
