"""The fetch step: Facts built from the database, and evaluated by the rules engine."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.db import connection

from thidua.org.models import LineageEvent, LineageLink, Membership, Unit, UnitKind
from thidua.results.facts import build_facts
from thidua.results.models import Discipline, PersonRating, RecognisedInitiative
from thidua.results.tests.factories import result
from thidua.rules import evaluate, parse

RULES = """giai đoạn 2021..2023

tiêu chuẩn T-FLAG "Cờ thử" theo "§1"
  áp dụng cho tập thể thuộc khối xa
  xếp loại CCHC >= tốt mỗi năm 2021..2023
  xếp loại CCHC = xuất sắc năm 2023
  không có thành viên nào bị kỷ luật năm 2023
  chỉ tiêu: khối xa 1
  xếp hạng theo điểm CCHC năm 2023 giảm dần

tiêu chuẩn T-IND "Cá nhân thử" theo "§2"
  áp dụng cho cá nhân
  xếp loại chất lượng >= hoàn thành tốt mỗi năm 2021..2023
  có thành tích CCHC xuất sắc trong 2021..2023
"""


def _seed(world):
    for year, (x1, x2, x3) in {2021: ("85", "88", "91"), 2022: ("86", "92", "90"),
                               2023: ("93", "95", "94")}.items():
        for key, score in (("X1", x1), ("X2", x2), ("X3", x3)):
            cls = "xuat_sac" if float(score) >= 90 else "tot"
            result(world, key, year, score, None, cls)
    for year in (2021, 2022, 2023):
        PersonRating.objects.create(person=world.people["p_x1"], year=year, unit=world.units["X1"],
                                    rating="hoan_thanh_tot", outstanding_cchc=year == 2022)
        PersonRating.objects.create(person=world.people["p_x3"], year=year, unit=world.units["X3"],
                                    rating="hoan_thanh" if year == 2021 else "hoan_thanh_tot",
                                    outstanding_cchc=True)
    # X2's member was disciplined in 2023: X2 (best score) fails, X3 takes the only flag.
    Membership.objects.create(person=world.people["p_y1"], unit=world.units["X2"],
                              start=date(2020, 1, 1), end=date(2023, 12, 31))
    Discipline.objects.create(person=world.people["p_y1"], unit=world.units["X2"],
                              level="canh_cao", decided_on=date(2023, 3, 1))


def test_it_builds_the_frames(world):
    _seed(world)
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"], registered="all")
    assert facts.unit_years.height == 9
    assert set(facts.units["code"].to_list()) >= {"P1", "P1-X1", "P1-H1"}
    assert "P2-Y1" not in facts.units["code"].to_list()
    x1 = facts.units.filter(pl.col("code") == "P1-X1")
    assert x1["category"][0] == "xa" and x1["female_share"][0] == 1.0
    years = facts.memberships.filter(pl.col("person_id") == world.people["p_y1"].pk)
    assert sorted(years["year"].to_list()) == [2021, 2022, 2023]
    assert facts.discipline.select("year", "level").rows() == [(2023, "canh_cao")]
    ratings = facts.person_years.filter(pl.col("person_id") == world.people["p_x1"].pk).sort("year")
    assert ratings["rating"].to_list() == ["hoan_thanh_tot"] * 3
    assert ratings["outstanding_cchc"].to_list() == [False, True, False]


def test_the_engine_evaluates_them(world):
    _seed(world)
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"], registered="all")
    run = evaluate(parse(RULES), facts, evaluation_year=2023)
    assert run["T-FLAG"].eligible() == ["P1-X3", "P1-X1"]
    assert run["T-FLAG"].selected() == ["P1-X3"]
    assert "kỷ luật" in run["T-FLAG"].explain("P1-X2")
    assert run["T-IND"].eligible() == ["CB-X1"]


def test_registrations_come_from_the_campaign_or_nowhere(world):
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"], registered="none")
    assert facts.registrations.height == 0


def test_initiatives_and_lineage_are_read(world):
    RecognisedInitiative.objects.create(unit=world.units["X1"], year=2022, title="Một cửa số",
                                        level="tinh", recognised_on=date(2022, 11, 1))
    RecognisedInitiative.objects.create(person=world.people["p_x1"], year=2023, title="Sổ tay",
                                        level="co_quan", recognised_on=date(2023, 5, 1),
                                        applied=True)
    merged = Unit.objects.create(code="P1-XM", name="Xã Mới", kind=UnitKind.COMMUNE,
                                 category=world.categories["xa"], parent=world.units["P1"],
                                 active_from=date(2023, 7, 1))
    event = LineageEvent.objects.create(kind="merge", effective_date=date(2023, 7, 1))
    LineageLink.objects.create(event=event, predecessor=world.units["X1"], successor=merged)
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"])
    assert sorted(facts.initiatives.select("owner_kind", "year", "level", "applied").rows()) == [
        ("person", 2023, "co_quan", True), ("unit", 2022, "tinh", False)]
    assert facts.lineage.rows() == [(merged.pk, world.units["X1"].pk, 2023)]


def test_only_the_frames_a_standard_reads_are_fetched(world):
    from thidua.results.facts import frames_needed

    _seed(world)
    rules = parse(RULES)
    assert frames_needed(rules, ["T-FLAG"]) == {"units", "lineage", "unit_years", "discipline",
                                                "memberships", "people"}
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"],
                        frames=frames_needed(rules, ["T-FLAG"]))
    assert facts.person_years.height == 0 and facts.unit_years.height == 9
    x1 = facts.units.filter(pl.col("code") == "P1-X1")
    assert x1["female_share"][0] == 1.0  # the women tie-break still knows the share
    run = evaluate(rules, facts, evaluation_year=2023, standards=["T-FLAG"])
    assert run["T-FLAG"].selected() == ["P1-X3"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY paths exist on PostgreSQL only")
def test_psql_and_psycopg_copies_read_the_same_facts(monkeypatch):
    """Outside a transaction, facts are read through psql (and in parallel); the psycopg path
    gives the same frames."""
    import shutil

    from thidua.core.testing import build_world
    from thidua.results import facts as module

    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    world = build_world()
    _seed(world)
    fast = build_facts(years=range(2020, 2024), registered="all")
    monkeypatch.setattr(module, "FAST_COPY", False)
    slow = build_facts(years=range(2020, 2024), registered="all", parallel=False)
    for name, frame in fast.frames().items():
        assert frame.sort(frame.columns).equals(slow.frames()[name].sort(frame.columns)), name
    assert fast.person_years.height == 6


def test_the_other_apps_frames_come_from_their_registered_providers():
    from thidua.core.facts_registry import fact_providers

    names = {frame: [name for name, _ in fact_providers(frame)]
             for frame in ("initiatives", "prizes", "prior_awards", "registrations")}
    assert names == {"initiatives": ["initiatives", "results"],
                     "prizes": ["contests", "results", "writing"],
                     "prior_awards": ["awards"], "registrations": ["campaigns"]}


def test_a_provider_that_fails_stops_the_fetch_with_its_reason(world, monkeypatch):
    """Issue 10: a broken selector must not turn "holds the 2022 flag" into "no prior award"."""
    from thidua.core import facts_registry

    def broken(scope):
        raise RuntimeError("bảng quyết định khen thưởng chưa được tạo")

    monkeypatch.setitem(facts_registry._PROVIDERS, ("prior_awards", "awards"),
                        facts_registry._Entry("prior_awards", "awards", broken))
    with pytest.raises(facts_registry.FactProviderError) as error:
        build_facts(years=range(2021, 2024), root=world.units["P1"])
    assert str(error.value) == ("nguồn dữ kiện «awards» của bảng «prior_awards» bị lỗi: "
                                "bảng quyết định khen thưởng chưa được tạo")
    # A run that does not read prior awards is not stopped by them.
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"],
                        frames={"unit_years"})
    assert facts.prior_awards.height == 0


def test_a_frame_nobody_provides_is_an_error(world, monkeypatch):
    from thidua.core import facts_registry

    for key in [k for k in facts_registry._PROVIDERS if k[0] == "prizes"]:
        monkeypatch.delitem(facts_registry._PROVIDERS, key)
    with pytest.raises(facts_registry.FactProviderError, match="không có nguồn dữ kiện nào cho "
                                                               "bảng «prizes»"):
        build_facts(years=range(2021, 2024), root=world.units["P1"])


def test_everyone_registered_is_registered_for_the_whole_campaign(world):
    facts = build_facts(years=range(2021, 2024), root=world.units["P1"], registered="all")
    assert facts.registrations.height > 0
    assert facts.registrations["year"].null_count() == facts.registrations.height
