"""People list: scoped, diacritic-insensitive search, Vietnamese order, paging, export."""

import io

import pytest
from openpyxl import load_workbook

from thidua.org.models import Gender, Person

pytestmark = pytest.mark.django_db


def test_search_ignores_diacritics(world, login):
    body = login(world.users["alice_owner"]).get("/to-chuc/can-bo/?q=nguyen thi lan").content.decode()
    assert "Nguyễn Thị Lan" in body
    assert "Trần Văn Đức" not in body


def test_officer_sees_only_own_unit(world, login):
    body = login(world.users["olga_officer"]).get("/to-chuc/can-bo/").content.decode()
    assert "Nguyễn Thị Lan" in body and "Phạm Minh Ánh" in body
    assert "Trần Văn Đức" not in body and "Lê Thị Hà" not in body


def test_names_in_vietnamese_order(world, login):
    for code, name in [("A1", "Trần Văn Bình"), ("A2", "Lê Thị Ân"), ("A3", "Võ Văn An")]:
        Person.objects.create(code=code, full_name=name, gender=Gender.MALE, unit=world.units["X1"])
    body = login(world.users["olga_officer"]).get("/to-chuc/can-bo/").content.decode()
    # a < ă < â: every "a" word comes before every "â" word, whatever the tones
    positions = [body.index(n) for n in ["Võ Văn An", "Phạm Minh Ánh", "Lê Thị Ân", "Trần Văn Bình"]]
    assert positions == sorted(positions)


def test_paging_without_n_plus_one(world, login, django_assert_max_num_queries):
    Person.objects.bulk_create([
        Person(code=f"Q{i}", full_name=f"Người Thử {i}", gender=Gender.FEMALE,
               unit=world.units["X1"], search_name=f"nguoi thu {i}", sort_key=f"{i:05d}")
        for i in range(120)])
    client = login(world.users["alice_owner"])
    client.get("/to-chuc/can-bo/")  # warm caches
    with django_assert_max_num_queries(12):
        response = client.get("/to-chuc/can-bo/?page=2")
    assert "Trang 2 / 3" in response.content.decode()


def test_htmx_returns_rows_only(world, login):
    response = login(world.users["alice_owner"]).get("/to-chuc/can-bo/?q=lan", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Nguyễn Thị Lan" in body and "<html" not in body


def test_export_is_scoped(world, login):
    response = login(world.users["olga_officer"]).get("/to-chuc/can-bo/?xuat=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"CB-X1", "CB-ST"}


def test_staff_sees_own_record_only(world, login):
    client = login(world.users["stan_staff"])
    assert client.get(f"/to-chuc/can-bo/{world.people['p_staff'].pk}/").status_code == 200
    assert client.get(f"/to-chuc/can-bo/{world.people['p_x1'].pk}/").status_code == 403
