"""The person picker's server-side search (issue 11): a long picker renders only the chosen
person and asks /to-chuc/can-bo/tim/ as one types; the search returns only the people the user
may see (accent-insensitive, at most 20, the form's unit first) in a fixed number of queries, and
the form still validates against its whole queryset."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.pickers import PERSON_PICKER_THRESHOLD
from thidua.core.text import fold, person_sort_key
from thidua.initiatives.forms import AuthorForm, InitiativeForm, author_people
from thidua.org.models import Person

pytestmark = pytest.mark.django_db
URL = "/to-chuc/can-bo/tim/"


def _many(unit, count, name="Hoàng Văn Minh"):
    """`count` people called `name` N in `unit`, written at once (save() fills the search keys;
    bulk_create does not call it, so they are filled here the same way)."""
    people = []
    for n in range(count):
        full = f"{name} {n:03d}"
        person = Person(code=f"CB-{unit.code}-{n:04d}", full_name=full, gender="M",
                        position="Chuyên viên", unit=unit)
        person.search_name = fold(f"{full} {person.code}")
        person.sort_key = person_sort_key(full)
        people.append(person)
    return Person.objects.bulk_create(people)


def _labels(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [r["label"] for r in response.json()["results"]]


def test_the_url_is_named():
    assert reverse("org:person_search") == URL


def test_a_commune_officer_finds_no_one_of_another_unit(world, login):
    officer = login(world.users["olga_officer"])  # runs commune X1
    assert _labels(officer, q="tran van duc") == []  # Trần Văn Đức works at X3
    assert _labels(officer, q="le thi ha") == []  # Lê Thị Hà, another province
    assert _labels(officer, q="nguyen thi lan") == [
        f"Nguyễn Thị Lan — Chuyên viên, {world.units['X1'].qualified_name}"]
    owner = login(world.users["alice_owner"])  # owns the province of X1 and X3
    assert _labels(owner, q="TRẦN văn đức") == [
        f"Trần Văn Đức — Chuyên viên, {world.units['X3'].qualified_name}"]
    assert _labels(owner, q="le thi ha") == []


def test_a_unit_out_of_reach_does_not_widen_the_search(world, login):
    officer = login(world.users["olga_officer"])
    assert _labels(officer, q="duc", don_vi=world.units["X3"].pk) == []
    assert _labels(officer, don_vi=world.units["Y1"].pk) == []


def test_it_needs_a_login(client):
    assert client.get(URL, {"q": "lan"}).status_code in (302, 403)


def test_the_unit_of_the_form_comes_first_and_at_most_twenty(world, login):
    _many(world.units["X3"], 15, name="Đỗ Văn Minh")
    _many(world.units["X1"], 15, name="Vũ Văn Minh")
    owner = login(world.users["alice_owner"])
    labels = _labels(owner, q="van minh", don_vi=world.units["X1"].pk)
    assert len(labels) == 20
    assert all("Vũ Văn Minh" in label for label in labels[:15])
    assert all("Đỗ Văn Minh" in label for label in labels[15:])


def test_the_search_costs_the_same_queries_for_more_people(world, login):
    owner = login(world.users["alice_owner"])
    _many(world.units["X1"], 3)
    with CaptureQueriesContext(connection) as few:
        assert len(_labels(owner, q="hoang van minh", don_vi=world.units["X1"].pk)) == 3
    _many(world.units["X3"], 40, name="Hoàng Văn Minh B")
    with CaptureQueriesContext(connection) as many:
        assert len(_labels(owner, q="hoang van minh", don_vi=world.units["X1"].pk)) == 20
    assert len(many.captured_queries) == len(few.captured_queries) <= 8


def test_a_long_picker_renders_only_the_chosen_person(world, django_assert_max_num_queries):
    people = _many(world.units["X1"], PERSON_PICKER_THRESHOLD + 50)
    chosen = people[-1]
    user = world.users["olga_officer"]
    form = AuthorForm(initial={"person": chosen.pk}, people=author_people(user))
    with django_assert_max_num_queries(3):
        html = str(form["person"])
    assert html.count("<option") == 2 < PERSON_PICKER_THRESHOLD  # the empty choice, the chosen
    assert f'value="{chosen.pk}" selected' in html
    assert 'data-remote="/to-chuc/can-bo/tim/"' in html and 'data-unit-field="unit"' in html
    # The unit the search starts on is the user's own (the form's unit picker).
    assert InitiativeForm(user=user)["unit"].value() == world.units["X1"].pk
    # Validation reads the whole queryset: a person never rendered is accepted, one out of
    # the officer's reach is refused in Vietnamese.
    bound = AuthorForm({"person": people[3].pk, "share": "100"}, people=author_people(user))
    assert bound.is_valid(), bound.errors
    outside = AuthorForm({"person": world.people["p_x3"].pk, "share": "100"},
                         people=author_people(user))
    assert not outside.is_valid()
    assert "Hãy chọn" in " ".join(outside.errors["person"]) or "hợp lệ" in " ".join(
        outside.errors["person"])


def test_a_short_picker_lists_everyone(world):
    form = AuthorForm(people=author_people(world.users["olga_officer"]))
    html = str(form["person"])
    assert "data-remote" not in html and "Nguyễn Thị Lan" in html and "Phạm Minh Ánh" in html
