"""The demo data: generator shape and determinism, the 1 July 2025 reform, logins, the command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models import Count, F, Q

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.demo import registry
from thidua.demo.loader import DEMO_NOTE, DEMO_PASSWORD
from thidua.demo.organisation import REFORM_DAY, UnitRole, UnitRow, generate_organisation
from thidua.demo.people import iter_people
from thidua.org.models import LineageLink, Membership, Person, Unit, UnitCategory

ROOT = Path(__file__).resolve().parents[3]
SEED_ISSUERS = ("KGI", "HGI", "DNO", "NTH", "NTH-TNA", "KGI-BDT", "KGI-SNV", "KGI-VP",
                "KGI-STTTT")
CCHC_BODIES = ("KGI-SNV-CCHC", "KGI-SNV-TCCC", "KGI-VP-TTHCC", "KGI-STTTT-VTCNTT")


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def only_the_organisation(monkeypatch):
    """Other apps' loaders are theirs to test; the command-line test below runs them all."""
    monkeypatch.setattr(registry, "_ENTRIES", {})


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


# --- the generator, without a database ----------------------------------------------------------


def test_demo_size_has_the_expected_shape():
    org = generate_organisation("demo")
    kgi = [u for u in org.units if u.province == 0]
    roles = Counter(u.role for u in kgi)
    assert roles[UnitRole.DEPARTMENT] == 20
    assert roles[UnitRole.DISTRICT] == 9
    assert 85 <= roles[UnitRole.OLD_COMMUNE] <= 115
    assert 28 <= roles[UnitRole.NEW_COMMUNE] <= 42
    assert roles[UnitRole.DISTRICT_HOME_AFFAIRS] == 9
    assert [u.code for u in kgi if u.role == UnitRole.CCHC_BODY] == list(CCHC_BODIES)
    assert org.unit("KGI-H01").name == "Thành phố Rạch Giá"
    assert org.unit("KGI-X001").name == "Phường Vĩnh Thanh Vân"
    assert 400 <= len(org.units) <= 800
    for code in SEED_ISSUERS:
        assert code in org.index

    communes = [e for e in org.events if e.kind != "dissolve"
                and all(org.units[p].role == UnitRole.OLD_COMMUNE for p, _ in e.links)]
    sizes = Counter(len(e.links) for e in communes)
    assert set(sizes) <= {1, 2, 3, 4} and sizes[3] + sizes[4] > sizes[1]
    assert all((e.kind == "rename") == (len(e.links) == 1) for e in communes)

    blocks = list(iter_people(org))
    assert sum(len(b) for b in blocks) == 3000
    female = sum(int(b.female.sum()) for b in blocks) / 3000
    assert 0.42 <= female <= 0.58
    assert len(set(blocks[0].full_names())) > 1500


def test_national_size_matches_the_country():
    org = generate_organisation("national")
    roles = Counter(u.role for u in org.units)
    assert len(org.provinces) == 34
    assert 36_000 <= len(org.units) <= 44_000
    assert 3_000 <= roles[UnitRole.NEW_COMMUNE] <= 3_600
    assert 9_000 <= roles[UnitRole.OLD_COMMUNE] <= 11_000
    assert 600 <= roles[UnitRole.DISTRICT] <= 800
    assert org.size.people == 2_500_000
    for code in SEED_ISSUERS + CCHC_BODIES + ("KGI-X001", "KGI-XM01"):  # what the logins use
        assert code in org.index, code


def test_same_seed_same_data_other_seed_other_names():
    first, again, other = (generate_organisation("tiny", seed) for seed in (7, 7, 8))
    assert first.units == again.units and first.events == again.events
    for a, b in zip(iter_people(first), iter_people(again), strict=True):
        assert a.codes() == b.codes() and a.full_names() == b.full_names()
        assert np.array_equal(a.m_start, b.m_start) and np.array_equal(a.m_unit, b.m_unit)
    assert all(code in other.index for code in SEED_ISSUERS + CCHC_BODIES)
    assert next(iter_people(first)).full_names() != next(iter_people(other)).full_names()


def test_generator_does_not_import_django():
    code = ("import sys, thidua.demo.organisation, thidua.demo.people, thidua.demo.registry; "
            "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


# --- the command, on the test database ----------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_the_organisation_and_the_reform():
    output = run_demo("--size", "tiny")
    assert "Đã nạp" in output

    for code in SEED_ISSUERS + CCHC_BODIES + ("KGI-H01-PNV",):
        assert Unit.objects.filter(code=code).exists(), code
    assert UnitCategory.objects.count() == 7
    assert Unit.objects.get(code="KGI-H01-PNV").category.code == "phong-noi-vu-huyen"
    assert Unit.objects.get(code="KGI-X001").path == "/KGI/KGI-H01/KGI-X001/"

    districts = Unit.objects.filter(category__code="huyen")
    assert districts.exists()
    assert not districts.filter(Q(active_to__isnull=True) | Q(active_to__gt=date(2025, 6, 30)))

    new = Unit.objects.filter(category__code="xa", active_from=REFORM_DAY)
    assert set(new.values_list("parent__kind", flat=True)) == {"province"}
    # Since 1 July 2025 the new communes belong to the provinces the seed provinces merged into.
    assert set(new.values_list("parent__code", flat=True)) == {"AGG", "TQU", "LDG", "KHA"}
    assert Unit.objects.get(code="KGI-XM01").path == "/AGG/KGI-XM01/"
    assert not new.annotate(n=Count("predecessor_links")).filter(n=0).exists()
    old = Unit.objects.filter(category__code="xa", active_to=date(2025, 6, 30))
    assert not old.annotate(n=Count("successor_links")).filter(n=0).exists()
    link = LineageLink.objects.filter(successor__isnull=False).select_related("event").get(
        predecessor__code="KGI-X001")
    assert "202/2025/QH15" in link.event.legal_basis
    assert LineageLink.objects.filter(successor__isnull=True, predecessor__code="KGI-H01").exists()

    assert Person.objects.count() == 500
    assert not Person.objects.annotate(n=Count("memberships")).filter(n=0).exists()
    assert not Person.objects.filter(unit__active_to__isnull=False).exists()
    open_ones = Membership.objects.filter(end__isnull=True)
    assert open_ones.count() == 500
    assert not open_ones.exclude(unit=F("person__unit")).exists()
    assert not open_ones.exclude(position=F("person__position")).exists()
    moved = Membership.objects.filter(start=REFORM_DAY, unit__active_from=REFORM_DAY)
    assert moved.exists()
    assert LogEntry.objects.filter(changes_text=DEMO_NOTE).count() > 1000


@pytest.mark.django_db
def test_search_keys_are_those_the_models_compute():
    run_demo("--size", "tiny")
    for person in Person.objects.order_by("?")[:20]:
        keys = (person.search_name, person.sort_key)
        person.refresh_derived()
        assert keys == (person.search_name, person.sort_key)
    for unit in Unit.objects.select_related("parent").order_by("?")[:20]:
        stored = (unit.path, unit.depth, unit.search_name, unit.sort_key)
        unit.refresh_derived()
        assert stored == (unit.path, unit.depth, unit.search_name, unit.sort_key)


@pytest.mark.django_db
def test_it_creates_one_login_per_role():
    output = run_demo("--size", "tiny")
    assert f"mật khẩu chung: {DEMO_PASSWORD}" in output

    def scope(username: str) -> list[tuple[str, str]]:
        return list(RoleAssignment.objects.filter(user__username=username)
                    .values_list("role", "unit__code"))

    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="noivu").check_password(DEMO_PASSWORD)
    x001_successor = LineageLink.objects.get(predecessor__code="KGI-X001").successor
    assert x001_successor is not None
    assert scope("noivu") == [(Role.OWNER, "AGG")]
    assert scope("xa1") == [(Role.OFFICER, x001_successor.code)]
    assert scope("xamoi") == [(Role.OFFICER, "KGI-XM01")]
    assert scope("so1") == [(Role.OFFICER, "AGG-SDTTG")]
    assert scope("hoidong") == [(Role.COUNCIL, "AGG")]
    assert scope("chutich") == [(Role.SIGNER, "AGG")]
    assert scope("noivu_hg") == [(Role.OWNER, "TQU")]
    assert scope("noivu_dn") == [(Role.OWNER, "LDG")]
    assert scope("noivu_tn") == [(Role.OWNER, "KHA")]
    # Every demo officer sits on a live unit (DOMAIN.md §7).
    assert not RoleAssignment.objects.filter(unit__active_to__isnull=False).exists()
    xa2 = RoleAssignment.objects.select_related("unit").get(user__username="xa2").unit
    assert xa2 is not None and xa2.category.code == "xa"
    assert xa2.parent != Unit.objects.get(code="KGI-X001").parent

    canbo = User.objects.get(username="canbo")
    assert scope("canbo") == [] and canbo.person is not None
    assert canbo.person.memberships.filter(unit__code="KGI-X001").exists()
    assert f"{canbo.last_name} {canbo.first_name}" == canbo.person.full_name


@pytest.mark.django_db
def test_running_twice_keeps_the_data_and_reset_rebuilds_it_identically():
    run_demo("--size", "tiny", "--seed", "7")
    people = list(Person.objects.order_by("code").values_list("code", "full_name", "unit__code"))
    units = list(Unit.objects.order_by("code").values_list("code", "name"))

    output = run_demo("--size", "tiny", "--seed", "7")
    assert "đã có" in output
    assert Person.objects.count() == len(people) and User.objects.count() == 12

    run_demo("--size", "tiny", "--seed", "7", "--reset")
    assert list(Person.objects.order_by("code").values_list(
        "code", "full_name", "unit__code")) == people
    assert list(Unit.objects.order_by("code").values_list("code", "name")) == units
    assert User.objects.count() == 12
    assert User.objects.get(username="canbo").person is not None
    assert RoleAssignment.objects.filter(user__username="xa1",
                                         unit__active_to__isnull=True).exists()


@pytest.mark.django_db
def test_registered_loaders_run_in_order_after_the_organisation():
    calls: list[tuple[str, bool, int]] = []

    def second(ctx: registry.DemoContext) -> None:
        calls.append(("second", ctx.created, Unit.objects.count()))

    def first(ctx: registry.DemoContext) -> None:
        calls.append(("first", ctx.created, int(ctx.rng("first").integers(1000))))

    registry.register("test-second", second, order=999)
    registry.register("test-first", first, order=998)
    run_demo("--size", "tiny")
    run_demo("--size", "tiny")
    assert [(name, created) for name, created, _ in calls] == [
        ("first", True), ("second", True), ("first", False), ("second", False)]
    assert calls[0][2] == calls[2][2]  # ctx.rng is fixed by the seed
    assert calls[1][2] > 100  # the organisation was there before


def test_the_command_line_works(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
           "DATA_DIR": str(tmp_path), "FAST_PASSWORD_HASHER": "1"}

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=False, timeout=300)

    assert manage("migrate", "-v", "0").returncode == 0
    first = manage("demo", "--size", "tiny")
    assert first.returncode == 0, first.stderr
    assert "xamoi" in first.stdout and DEMO_PASSWORD in first.stdout
    again = manage("demo", "--size", "tiny")
    assert again.returncode == 0 and "đã có" in again.stdout


def test_seed_provinces_merge_into_their_successors_with_their_departments():
    org = generate_organisation("demo")

    def successor(code: str) -> UnitRow:
        index = org.unit(code).successor
        assert index is not None, code
        return org.units[index]

    for old, new in (("KGI", "AGG"), ("HGI", "TQU"), ("DNO", "LDG"), ("NTH", "KHA")):
        assert org.unit(old).active_to == date(2025, 6, 30)
        assert successor(old).code == new
        assert org.unit(new).active_from == REFORM_DAY and org.unit(new).parent is None
    # Sở Thông tin và Truyền thông joined Sở Khoa học và Công nghệ; Ban Dân tộc became a sở.
    assert successor("KGI-STTTT").name == "Sở Khoa học và Công nghệ"
    assert successor("KGI-BDT").code == "AGG-SDTTG"
    assert successor("KGI-SNV-CCHC").code == "AGG-SNV-CCHC"
    ended = [u for u in org.units if u.province == 0 and u.active_to is not None]
    assert all(u.successor is not None for u in ended if u.role != UnitRole.DISTRICT
               and u.role not in (UnitRole.DISTRICT_DIVISION, UnitRole.DISTRICT_HOME_AFFAIRS))
    # After the reform every person works in a live unit of the successor province.
    block = next(iter(iter_people(org)))
    live = {i for i, u in enumerate(org.units) if u.active_to is None}
    assert set(block.unit.tolist()) <= live
