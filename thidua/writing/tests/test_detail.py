"""The contest page: what the organiser sees, and no query per entry."""

import pytest
from django.urls import reverse

from thidua.writing.testing import judge_user, make_contest, make_entry

pytestmark = pytest.mark.django_db


def _people(world, first, last):
    from thidua.org.models import Person

    return [Person.objects.create(code=f"CB-N{i}", full_name=f"Người thứ {i}", unit=world.units["X1"],
                                  gender="F") for i in range(first, last)]


def test_the_organisers_page_lists_entries_in_a_bounded_number_of_queries(
        world, login, django_assert_max_num_queries):
    contest = make_contest(world.units["X1"], judges=[judge_user("gk-1")])
    client = login(world.users["olga_officer"])
    for person in _people(world, 0, 3):
        make_entry(contest, person, title=f"Bài của {person.full_name}")
    client.get(reverse("writing:detail", args=[contest.pk]))  # warm the session and caches
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("writing:detail", args=[contest.pk]))
    for person in _people(world, 3, 30):
        make_entry(contest, person, title=f"Bài của {person.full_name}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("writing:detail", args=[contest.pk])).content.decode()
    assert page.count("Bài của Người thứ") == 30


def test_an_eligible_staff_member_sees_the_rules_and_the_submit_link_but_not_the_entries(world, login):
    contest = make_contest(world.units["P1"])
    make_entry(contest, world.people["p_x1"], title="Bài của người khác")
    page = login(world.users["stan_staff"]).get(reverse("writing:detail", args=[contest.pk])).content.decode()
    assert "Nộp bài dự thi" in page and "Thể lệ" in page
    assert "Bài của người khác" not in page
