"""The path from the database to the rules engine: a generated province loaded through the
product's own importers gives the frames one builds directly from the same generated data.

Issue 10 found the fetch read women's share as a percentage (the engine reads a fraction) and
counted an open-ended discipline for every later year (the model says: its decision year).
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import pytest
from django.db import connection

from thidua.campaigns import services
from thidua.campaigns.models import Campaign
from thidua.campaigns.testing import participant, small_plan
from thidua.org.models import LineageKind, Membership, Person, Unit, UnitCategory, UnitKind
from thidua.org.services import PERSON_COLUMNS, UNIT_COLUMNS, lineage_record, people_import, units_import
from thidua.results.facts import build_facts
from thidua.results.imports import KINDS
from thidua.results.models import Discipline
from thidua.results.services import results_import

YEARS = range(2021, 2026)
MERGED_ON = date(2025, 7, 1)
RATINGS = ["khong_hoan_thanh", "hoan_thanh", "hoan_thanh_tot", "hoan_thanh_xuat_sac"]
LEVELS = ["khien_trach", "canh_cao", "ha_bac_luong"]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _d(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def _classify(score: Decimal) -> str:
    """The bands of the `bands` fixture (90/80/70/50)."""
    for minimum, code in ((90, "xuat_sac"), (80, "tot"), (70, "kha"), (50, "trung_binh")):
        if score >= minimum:
            return code
    return "yeu"


@dataclass
class Province:
    """What the generator decided, kept as plain Python: the expected side of the test."""

    units: list[dict] = field(default_factory=list)  # code, name, kind, category, parent
    people: dict[str, dict] = field(default_factory=dict)  # code -> gender, periods[(unit, start, end)]
    results: dict[int, dict[str, Decimal]] = field(default_factory=dict)  # year -> unit -> score
    ratings: dict[tuple[str, int], tuple[str, bool, bool]] = field(default_factory=dict)
    discipline: list[tuple[str, str, date, date | None]] = field(default_factory=list)
    # unit -> [(year or None for the whole campaign, people it puts forward)]
    registrations: dict[str, list[tuple[int | None, list[str]]]] = field(default_factory=dict)

    def unit(self, code: str) -> dict:
        return next(u for u in self.units if u["code"] == code)


def generate(seed: int) -> Province:
    rng = random.Random(seed)
    p = Province()

    def add(code: str, kind: str, category: str, parent: str | None) -> None:
        p.units.append({"code": code, "name": f"Đơn vị {code}", "kind": kind,
                        "category": category, "parent": parent})

    add("GP", UnitKind.PROVINCE, "tinh", None)
    for s in (1, 2):
        add(f"GP-S{s}", UnitKind.DEPARTMENT, "so-nganh", "GP")
        for d in range(1, s + 2):
            add(f"GP-S{s}-P{d}", UnitKind.DIVISION, "phong", f"GP-S{s}")
    for h in (1, 2):
        add(f"GP-H{h}", UnitKind.DISTRICT, "huyen", "GP")
    for x, h in ((1, 1), (2, 1), (3, 1), (4, 2), (5, 2)):
        add(f"GP-X{x}", UnitKind.COMMUNE, "xa", f"GP-H{h}")
    add("GP-XM", UnitKind.COMMUNE, "xa", "GP")  # formed on 1/7/2025 from X1 and X2

    workplaces = [u["code"] for u in p.units if u["code"] not in ("GP", "GP-XM")]
    for i in range(36):
        code = f"GP-CB{i:03d}"
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
        periods = [[rng.choice(workplaces), start, None]]
        if i % 5 == 0:  # a transfer in the middle of the run
            moved = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 500))
            periods[0][2] = moved - timedelta(days=1)
            periods.append([rng.choice([w for w in workplaces if w != periods[0][0]]), moved, None])
        if periods[-1][0] in ("GP-X1", "GP-X2"):  # the merged communes' staff move on 1/7/2025
            periods[-1][2] = MERGED_ON - timedelta(days=1)
            periods.append(["GP-XM", MERGED_ON, None])
        # Mostly women in some units, few in others: shares far from 0 and 1 and 0.7.
        gender = "F" if rng.random() < (0.8 if i % 3 else 0.3) else "M"
        p.people[code] = {"gender": gender, "periods": [tuple(x) for x in periods]}

    scored = [u["code"] for u in p.units if u["category"] in ("so-nganh", "huyen", "xa")]
    for year in YEARS:
        codes = [c for c in scored if c != "GP-XM"] if year < 2025 else \
            [c for c in scored if c not in ("GP-X1", "GP-X2")]
        p.results[year] = {c: Decimal(rng.randrange(6000, 9900)) / 100 for c in codes}
        for person in p.people:
            p.ratings[(person, year)] = (rng.choice(RATINGS), rng.random() < 0.3,
                                         rng.random() < 0.2)
    people = sorted(p.people)
    for year in (2020, *YEARS):
        for person in rng.sample(people, 3):
            decided = date(year, 1, 1) + timedelta(days=rng.randrange(0, 360))
            # "Hết hiệu lực ngày" is optional: an open-ended decision is the ordinary case.
            ends = decided + timedelta(days=rng.randrange(200, 800)) if rng.random() < 0.5 else None
            p.discipline.append((person, rng.choice(LEVELS), decided, ends))
    # Registrations of the campaign "GP-TD" (2021–2025, annual and phase): for the whole
    # campaign, for some years only, or both.
    for code in [u["code"] for u in p.units if u["category"] in ("so-nganh", "xa")]:
        staff = sorted(c for c, person in p.people.items() if person["periods"][-1][0] == code)
        choices = [None, *rng.sample(list(YEARS), 2)] if rng.random() < 0.5 else \
            rng.sample(list(YEARS), rng.randrange(0, 3))
        p.registrations[code] = [(year, rng.sample(staff, min(len(staff), 1)))
                                 for year in choices]
    return p


def load(province: Province, actor) -> None:
    """Everything through the importers the officers use (the services behind the upload pages)."""
    UnitCategory.objects.get_or_create(code="phong", defaults={
        "name": "Phòng, ban chuyên môn", "kind": UnitKind.DIVISION})
    units_import(actor=actor, filename="don-vi.csv", data=_csv(
        [c.header for c in UNIT_COLUMNS],
        [[u["code"], u["name"], u["kind"], u["category"], u["parent"] or "", "", ""]
         for u in province.units]))
    lineage_record(actor=actor, kind=LineageKind.MERGE, effective_date=MERGED_ON,
                   predecessors=list(Unit.objects.filter(code__in=["GP-X1", "GP-X2"])),
                   successors=[Unit.objects.get(code="GP-XM")])
    # People arrive in waves, as files do: first workplaces, then each later move.
    waves: dict[int, list[list[str]]] = defaultdict(list)
    for code, person in sorted(province.people.items()):
        for index, (unit, start, _end) in enumerate(person["periods"]):
            waves[index].append([code, f"Cán bộ {code}", "Nữ" if person["gender"] == "F" else "Nam",
                                 "", "", "", unit, _d(start)])
    for index in sorted(waves):
        people_import(actor=actor, filename=f"can-bo-{index}.csv",
                      data=_csv([c.header for c in PERSON_COLUMNS], waves[index]))
    scope = Unit.objects.get(code="GP")

    def upload(kind: str, year: int, rows: list[list[str]]) -> None:
        width = len(KINDS[kind].columns)
        results_import(actor=actor, kind=kind, scope=scope, year=year, filename=f"{kind}.csv",
                       data=_csv([c.header for c in KINDS[kind].columns],
                                 [row + [""] * (width - len(row)) for row in rows]))

    for year, scores in province.results.items():
        upload("chi-so-cchc", year, [[code, "", str(score)] for code, score in scores.items()])
        upload("xep-loai-can-bo", year, [
            [person, "", "", rating, "", "", "có" if outstanding else "không",
             "có" if direct else "không"]
            for (person, y), (rating, outstanding, direct) in province.ratings.items() if y == year])
    by_year: dict[int, list[list[str]]] = defaultdict(list)
    for person, level, decided, ends in province.discipline:
        by_year[decided.year].append([person, "", level, _d(decided), _d(ends)])
    for year, rows in by_year.items():
        upload("ky-luat", year, rows)
    campaign = services.campaign_save(actor=None, check_access=False, plan=small_plan(
        "GP-TD", "GP", kind="annual_and_phase",
        period={"start": date(2021, 1, 1), "end": date(2025, 12, 31)},
        targets={"collective": {"text": "Sở, ban, ngành và xã.", "categories": ["so-nganh", "xa"]},
                 "individual": {"text": "Cán bộ, công chức."}},
        standards=[], quotas=[],
        milestones=[{"code": "registration", "label": "Đăng ký thi đua 05 năm và hằng năm",
                     "date": date(2021, 3, 31)}]))
    campaign = services.campaign_launch(actor=None, campaign=campaign, check_access=False,
                                        launched_on=date(2021, 2, 1), notify=False)
    people = {p.code: p for p in Person.objects.filter(code__startswith="GP-")}
    for code, rows in province.registrations.items():
        part = participant(campaign, Unit.objects.get(code=code))
        for year, chosen in rows:
            services.registration_submit(
                actor=None, participant=part, check_access=False, year=year,
                today=date(2021, 3, 1), collective_target="Hoàn thành xuất sắc nhiệm vụ CCHC",
                people=[(people[c], "") for c in chosen])


# --- the frames built directly from the generated data ------------------------------------------


def _competition(scores: dict[str, Decimal]) -> dict[str, int]:
    ordered = sorted(scores.values(), reverse=True)
    return {code: ordered.index(score) + 1 for code, score in scores.items()}


def expected(p: Province, ids: dict[str, int], person_ids: dict[str, int]) -> dict[str, pl.DataFrame]:
    first, last = YEARS[0], YEARS[-1]
    current = {code: person["periods"][-1][0] for code, person in p.people.items()}
    women: dict[str, list[bool]] = defaultdict(list)
    for code, unit in current.items():
        women[unit].append(p.people[code]["gender"] == "F")
    active_to = {"GP-X1": 2025, "GP-X2": 2025}
    units = pl.DataFrame([{
        "unit_id": ids[u["code"]], "code": u["code"], "category": u["category"],
        "kind": str(u["kind"]), "parent_id": ids[u["parent"]] if u["parent"] else None,
        "active_from": 2025 if u["code"] == "GP-XM" else None,
        "active_to": active_to.get(u["code"]),
        "female_share": sum(women[u["code"]]) / len(women[u["code"]]) if women[u["code"]] else None,
    } for u in p.units], schema={"unit_id": pl.Int64, "code": pl.Utf8, "category": pl.Utf8,
                                 "kind": pl.Utf8, "parent_id": pl.Int64, "active_from": pl.Int32,
                                 "active_to": pl.Int32, "female_share": pl.Float64})
    memberships = {(person_ids[code], ids[unit], y)
                   for code, person in p.people.items()
                   for unit, start, end in person["periods"]
                   for y in range(max(start.year, first), min((end or date(9999, 1, 1)).year, last) + 1)}
    unit_years = set()
    for year, scores in p.results.items():
        by_category: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for code, score in scores.items():
            by_category[p.unit(code)["category"]][code] = score
        for group in by_category.values():
            for code, rank in _competition(group).items():
                unit_years.add((ids[code], year, float(group[code]), rank, _classify(group[code])))
    person_years = {(person_ids[code], year, rating, outstanding, direct)
                    for (code, year), (rating, outstanding, direct) in p.ratings.items()}
    discipline = {(person_ids[code], y, level)
                  for code, level, decided, ends in p.discipline
                  for y in range(decided.year, (ends or decided).year + 1) if first <= y <= last}
    lineage = {(ids["GP-XM"], ids["GP-X1"], 2025), (ids["GP-XM"], ids["GP-X2"], 2025)}
    registrations = {("unit", ids[code], year) for code, rows in p.registrations.items()
                     for year, _ in rows}
    registrations |= {("person", person_ids[person], year)
                      for rows in p.registrations.values() for year, chosen in rows
                      for person in chosen}
    return {"units": units, "memberships": memberships, "unit_years": unit_years,
            "person_years": person_years, "discipline": discipline, "lineage": lineage,
            "registrations": registrations}


def _rows(frame: pl.DataFrame, columns: list[str]) -> set[tuple]:
    return set(frame.select(columns).rows())


@pytest.fixture
def province(world, bands):
    generated = generate(seed=10)
    load(generated, world.users["ada_admin"])
    return generated


def test_the_fetched_frames_equal_the_generated_data(province):
    ids = dict(Unit.objects.filter(path__startswith="/GP/").values_list("code", "id"))
    person_ids = dict(Person.objects.filter(code__startswith="GP-").values_list("code", "id"))
    want = expected(province, ids, person_ids)
    facts = build_facts(years=YEARS, root=Unit.objects.get(code="GP"),
                        campaign=Campaign.objects.get(code="GP-TD"))

    columns = want["units"].columns
    got_units = facts.units.select(columns).sort("unit_id")
    assert got_units.drop("female_share").equals(want["units"].drop("female_share").sort("unit_id"))
    # The engine reads a fraction 0..1 (docs/rules.md §5; female_share * 100 >= 70).
    shares = dict(zip(got_units["code"], got_units["female_share"], strict=True))
    for code, share in zip(want["units"]["code"], want["units"]["female_share"], strict=True):
        assert (shares[code] is None) if share is None else \
            shares[code] == pytest.approx(share, abs=1e-12), code
    assert _rows(facts.memberships, ["person_id", "unit_id", "year"]) == want["memberships"]
    assert facts.memberships.height == len(want["memberships"])  # no year twice
    assert _rows(facts.unit_years, ["unit_id", "year", "score", "rank", "classification"]) \
        == want["unit_years"]
    assert _rows(facts.person_years, ["person_id", "year", "rating", "outstanding_cchc",
                                      "direct_cchc"]) == want["person_years"]
    assert _rows(facts.discipline, ["person_id", "year", "level"]) == want["discipline"]
    assert _rows(facts.lineage, ["successor_id", "predecessor_id", "effective_year"]) \
        == want["lineage"]
    # Registrations per year (null: for the whole campaign).
    assert want["registrations"] and any(r[2] is None for r in want["registrations"]) \
        and any(r[2] is not None for r in want["registrations"])
    assert _rows(facts.registrations, ["subject_kind", "subject_id", "year"]) \
        == want["registrations"]


def test_discipline_years_are_the_models_years(province):
    """One definition: the fetch gives each decision exactly Discipline.years() within the run."""
    facts = build_facts(years=YEARS, registered="none")
    from_model = {(d.person_id, y, d.level) for d in Discipline.objects.all()
                  for y in d.years() if y in YEARS}
    assert Discipline.objects.filter(ends_on__isnull=True).exists()
    assert Discipline.objects.filter(decided_on__year=2020).exists()
    assert _rows(facts.discipline, ["person_id", "year", "level"]) == from_model


def test_memberships_came_through_the_import(province):
    """The transfers of the generated data are really periods in the database."""
    moved = [code for code, person in province.people.items() if len(person["periods"]) > 1]
    assert moved
    for code in moved:
        periods = list(Membership.objects.filter(person__code=code).order_by("start")
                       .values_list("unit__code", "start", "end"))
        assert periods == [tuple(x) for x in province.people[code]["periods"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY paths exist on PostgreSQL only")
def test_the_fast_copy_paths_read_the_same_province():
    """Outside a transaction the fetch reads through psql, in parallel, integers in COPY's
    binary format: the same frames as the generated data."""
    from thidua.core.testing import build_world, restore_migration_data
    from thidua.results.models import ClassificationThresholds

    restore_migration_data()  # an earlier transactional test may have flushed them
    world = build_world()
    ClassificationThresholds.objects.create(
        scope=None, valid_from=date(2021, 1, 1), excellent_min=Decimal(90), good_min=Decimal(80),
        fair_min=Decimal(70), average_min=Decimal(50), legal_basis="Ngưỡng chung")
    generated = generate(seed=11)
    load(generated, world.users["ada_admin"])
    ids = dict(Unit.objects.filter(path__startswith="/GP/").values_list("code", "id"))
    person_ids = dict(Person.objects.filter(code__startswith="GP-").values_list("code", "id"))
    want = expected(generated, ids, person_ids)
    facts = build_facts(years=YEARS, root=Unit.objects.get(code="GP"),
                        campaign=Campaign.objects.get(code="GP-TD"))
    assert _rows(facts.memberships, ["person_id", "unit_id", "year"]) == want["memberships"]
    assert _rows(facts.person_years, ["person_id", "year", "rating", "outstanding_cchc",
                                      "direct_cchc"]) == want["person_years"]
    assert _rows(facts.discipline, ["person_id", "year", "level"]) == want["discipline"]
    assert _rows(facts.registrations, ["subject_kind", "subject_id", "year"]) \
        == want["registrations"]
    shares = dict(zip(facts.units["code"], facts.units["female_share"], strict=True))
    for code, share in zip(want["units"]["code"], want["units"]["female_share"], strict=True):
        assert (shares[code] is None) if share is None else \
            shares[code] == pytest.approx(share, abs=1e-12), code
