"""The columnar snapshot of the large fact tables: a whole-tree fetch writes it, the next one
reads it and gets the same frames, and any change to the data makes it unusable (never a stale
list). Importing results rebuilds it in the background."""

from __future__ import annotations

import polars as pl
import pytest

from thidua.results import snapshot
from thidua.results.facts import FetchReport, build_facts
from thidua.results.models import PersonRating
from thidua.results.tests.test_fetch_matches_engine import YEARS, generate, load


@pytest.fixture
def snapshots(settings, tmp_path):
    settings.FACTS_SNAPSHOT_MIN_PEOPLE = 0  # small test data: use it anyway
    settings.FACTS_SNAPSHOT_DIR = str(tmp_path / "facts")
    return tmp_path / "facts"


@pytest.fixture
def province(world, bands):
    generated = generate(seed=12)
    load(generated, world.users["ada_admin"])
    return generated


def _frames(facts) -> dict[str, pl.DataFrame]:
    keys = {"people": ["person_id"], "memberships": ["person_id", "unit_id", "year"],
            "person_years": ["person_id", "year"], "unit_years": ["unit_id", "year"],
            "discipline": ["person_id", "year", "level"]}
    return {name: getattr(facts, name).sort(cols) for name, cols in keys.items()}


def test_a_second_whole_tree_fetch_reads_the_snapshot_and_gets_the_same_facts(
        snapshots, province):
    first = FetchReport()
    before = build_facts(years=YEARS, registered="none", report=first)
    assert "snapshot" not in first.seconds and (snapshots / "manifest.json").exists()
    second = FetchReport()
    after = build_facts(years=YEARS, registered="none", report=second)
    assert "snapshot" in second.seconds
    assert "person_years" not in second.rows  # not read from the database
    for name, frame in _frames(before).items():
        assert _frames(after)[name].equals(frame), name
    # A narrower span is served from the same snapshot, with the rows of that span only.
    narrow = build_facts(years=range(2023, 2025), registered="none")
    assert set(narrow.person_years["year"].unique().to_list()) <= {2023, 2024}


def test_a_change_to_the_data_makes_the_snapshot_unusable(snapshots, province, world):
    build_facts(years=YEARS, registered="none")
    rating = PersonRating.objects.filter(rating="hoan_thanh_tot").first()
    assert rating is not None
    rating.rating = "khong_hoan_thanh"
    rating.save()  # an ordinary edit: no new row, but the audit log records it
    report = FetchReport()
    facts = build_facts(years=YEARS, registered="none", report=report)
    assert "snapshot" not in report.seconds
    row = facts.person_years.filter((pl.col("person_id") == rating.person_id)
                                    & (pl.col("year") == rating.year))
    assert row["rating"].to_list() == ["khong_hoan_thanh"]


def test_small_installations_do_not_keep_one(settings, tmp_path, province):
    settings.FACTS_SNAPSHOT_DIR = str(tmp_path / "facts")
    settings.FACTS_SNAPSHOT_MIN_PEOPLE = 10**9
    build_facts(years=YEARS, registered="none")
    assert not (tmp_path / "facts").exists()
    assert snapshot.snapshot_enabled() is False


def test_importing_results_rebuilds_the_snapshot(snapshots, world, bands,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load(generate(seed=13), world.users["ada_admin"])
    manifest = snapshot._manifest(snapshots)
    assert manifest is not None and manifest["stamp"] == snapshot.facts_stamp()
    assert {"person_years", "memberships", "people"} <= set(manifest["frames"])
    report = FetchReport()
    build_facts(years=YEARS, registered="none", report=report)
    assert "snapshot" in report.seconds
