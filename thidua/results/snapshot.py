"""A columnar snapshot of the large fact tables, so a national eligibility run reads Parquet
files instead of streaming 12 million rows from PostgreSQL.

The facts of published years change rarely. When a run reads the whole tree, the raw frames it
fetched (ratings, memberships, people, results, discipline) are written to
`DATA_DIR/facts-snapshot/` with a stamp of the database (the largest id of every table they
come from and of the audit log, which records every update and deletion of those rows). The
next run whose stamp matches and whose years lie inside the snapshot's reads them from there;
any change to the data gives another stamp, and the snapshot is not used (never a stale list).
Importing or publishing results rebuilds it in the background (`results.tasks`).

Only large installations use it (`FACTS_SNAPSHOT_MIN_PEOPLE`, default 200,000 people): for a
province the database answers in under a second.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import connection

# The tables the snapshot's frames come from; any new row, and (through the audit log) any
# change or deletion, changes the stamp.
STAMP_TABLES = ("org_unit", "org_person", "org_membership", "org_lineagelink",
                "results_annualresult", "results_personrating", "results_discipline",
                "auditlog_logentry")
# The raw frames of build_facts that are worth keeping (the others are small or per campaign).
FRAMES = ("person_years", "memberships", "people", "unit_years", "discipline")
FORMAT = 1


def snapshot_dir() -> Path:
    return Path(getattr(settings, "FACTS_SNAPSHOT_DIR", "") or
                Path(settings.DATA_DIR) / "facts-snapshot")


def snapshot_enabled() -> bool:
    """Large installations only: the threshold is a setting (0 = always)."""
    minimum = int(getattr(settings, "FACTS_SNAPSHOT_MIN_PEOPLE", 200_000))
    if minimum <= 0:
        return True
    with connection.cursor() as cursor:
        # The largest id, not COUNT(*): instant on an index, and an upper bound is enough here.
        cursor.execute("SELECT MAX(id) FROM org_person")
        top = cursor.fetchone()[0]
    return bool(top) and int(top) >= minimum


def facts_stamp() -> str:
    """The state of the tables the snapshot reads, in one query."""
    # Constant table names (STAMP_TABLES), no user input.
    parts = ", ".join(f"(SELECT MAX(id) FROM {table})" for table in STAMP_TABLES)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + parts)
        row = cursor.fetchone()
    return "|".join(str(v) for v in row)


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads((path / "manifest.json").read_text("utf-8"))
    except FileNotFoundError:
        return None


def _narrow(name: str, frame: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """The rows a fetch of [first, last] would have returned (same filters as its SQL)."""
    if name in ("person_years", "unit_years"):
        return frame.filter(pl.col("year").is_between(first, last))
    if name == "memberships":
        return frame.filter((pl.col("start") <= last) & (pl.col("end") >= first))
    if name == "discipline":
        return frame.filter((pl.col("from_year") <= last) & (pl.col("to_year") >= first))
    return frame


def snapshot_load(*, stamp: str, first: int, last: int, names: bool,
                  wanted: set[str]) -> dict[str, pl.DataFrame] | None:
    """The wanted raw frames from the snapshot, or None when it is missing, stale (another
    stamp), does not cover the years, or lacks a frame or the people's names."""
    path = snapshot_dir()
    manifest = _manifest(path)
    if manifest is None or manifest.get("format") != FORMAT or manifest.get("stamp") != stamp:
        return None
    if not (manifest["first"] <= first and last <= manifest["last"]):
        return None
    if names and not manifest.get("names"):
        return None
    want = [name for name in FRAMES if name in wanted]
    if any(name not in manifest["frames"] for name in want):
        return None
    out = {}
    for name in want:
        frame = pl.read_parquet(path / f"{name}.parquet")
        if name == "people" and not names and "name" in frame.columns:
            frame = frame.drop("name")
        out[name] = _narrow(name, frame, first, last)
    return out


def snapshot_store(*, stamp: str, first: int, last: int, names: bool,
                   frames: dict[str, pl.DataFrame]) -> None:
    """Write the raw frames of a whole-tree fetch; the directory is replaced at once (readers
    see the old snapshot or the new one, never half of each)."""
    keep = {name: frame for name, frame in frames.items() if name in FRAMES}
    if not keep:
        return
    path = snapshot_dir()
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _manifest(path)
    if old is not None and old.get("stamp") == stamp and old.get("first") == first \
            and old.get("last") == last and old.get("names") == names:
        # Same data and span: keep the frames already there that this fetch did not read.
        for name in old.get("frames", []):
            if name not in keep and (path / f"{name}.parquet").exists():
                keep[name] = pl.read_parquet(path / f"{name}.parquet")
    staging = Path(tempfile.mkdtemp(prefix=".facts-", dir=path.parent))
    try:
        for name, frame in keep.items():
            frame.write_parquet(staging / f"{name}.parquet", compression="lz4")
        (staging / "manifest.json").write_text(json.dumps({
            "format": FORMAT, "stamp": stamp, "first": first, "last": last, "names": names,
            "frames": sorted(keep),
        }), "utf-8")
        os.chmod(staging, 0o700)  # personal data: readable by the service account only
        retired = path.with_name(path.name + ".old")
        shutil.rmtree(retired, ignore_errors=True)
        if path.exists():
            path.rename(retired)
        staging.rename(path)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def snapshot_rebuild(*, first: int, last: int) -> bool:
    """Read the whole tree's facts of [first, last] from the database and store them (the
    background job after an import or a publication). False when the installation is too
    small to need one."""
    from thidua.results.facts import build_facts

    if not snapshot_enabled():
        return False
    build_facts(years=range(first, last + 1), root=None, registered="none",
                frames=set(FRAMES) | {"units", "lineage"}, use_snapshot=False)
    return True
