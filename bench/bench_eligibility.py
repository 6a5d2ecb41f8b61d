"""Benchmark of the eligibility engine (thidua.rules) on synthetic facts, in memory.

Generates seeded facts at province scale (~1,200 units, 50,000 people, 5 years) and national
scale (~40,000 units, 2.5 million people, 5 years) with numpy, then measures:

  * the whole Kiên Giang catalogue (6 standards, quotas) and explanations on demand;
  * KG-P-FLAG alone with the engine, against (a) a plain per-object Python loop over dicts
    and (b) one hand-written DuckDB SQL query on the same frames (the floor);
  * peak memory (ru_maxrss) of the process.

All three KG-P-FLAG implementations must select the same units; the script checks it.
Usage: .venv/bin/python bench/bench_eligibility.py [--scale province|national|both]
       [--write] (append the measured table to bench/RESULTS.md, section of this engine)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thidua.rules import Facts, catalogue, evaluate, prepare  # noqa: E402

YEARS = list(range(2021, 2026))
CLS_CODES = ["yeu", "trung_binh", "kha", "tot", "xuat_sac"]  # ordinal 1..5
RATING_CODES = ["khong_hoan_thanh", "hoan_thanh", "hoan_thanh_tot", "hoan_thanh_xuat_sac"]
SCALES = {
    "province": {"units": 1_200, "people": 50_000},
    "national": {"units": 40_000, "people": 2_500_000},
}
FLAG_QUOTA = {"so-nganh": 2, "huyen": 1, "xa": 3}
FLAG_TOTAL = 6


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


# ------------------------------------------------------------------------------ synthetic data


def classify(score: np.ndarray) -> np.ndarray:
    """Bands of parameters.yaml: xuất sắc ≥ 90, tốt ≥ 80, khá ≥ 70, trung bình ≥ 50."""
    out = np.full(score.shape, 1, dtype=np.int8)
    for value, minimum in ((2, 50), (3, 70), (4, 80), (5, 90)):
        out[score >= minimum] = value
    return out


def generate(n_units: int, n_people: int, seed: int = 2025) -> Facts:
    rng = np.random.default_rng(seed)
    n_dep = max(15, n_units // 60)
    n_dist = max(10, n_units // 100)
    n_body = max(4, n_units // 300)
    n_div = n_dist  # one Home Affairs division per district
    n_com = n_units - 1 - n_dep - n_dist - n_body - n_div
    n_merge_pairs = n_com // 40  # 5 % of communes merge pairwise in 2025
    kinds = (["province"] + ["department"] * n_dep + ["district"] * n_dist
             + ["cchc_body"] * n_body + ["division"] * n_div + ["commune"] * n_com
             + ["commune"] * n_merge_pairs)
    cats = (["tinh"] + ["so-nganh"] * n_dep + ["huyen"] * n_dist
            + ["co-quan-chuyen-trach-tinh"] * n_body + ["phong-noi-vu-huyen"] * n_div + ["xa"] * n_com
            + ["xa"] * n_merge_pairs)
    total = len(kinds)
    ids = np.arange(1, total + 1, dtype=np.int64)
    parent = np.zeros(total, dtype=np.int64)
    dep0, dist0 = 1, 1 + n_dep
    body0 = dist0 + n_dist
    div0 = body0 + n_body
    com0 = div0 + n_div
    parent[1:1 + n_dep] = 1
    parent[dist0:body0] = 1
    parent[body0:div0] = ids[dep0 + rng.integers(0, n_dep, n_body)]
    parent[div0:com0] = ids[dist0 + np.arange(n_div)]
    parent[com0:] = ids[dist0 + rng.integers(0, n_dist, total - com0)]
    active_from = np.full(total, -1, dtype=np.int32)
    active_to = np.full(total, -1, dtype=np.int32)
    new0 = com0 + n_com
    preds = com0 + rng.permutation(n_com)[: 2 * n_merge_pairs].reshape(n_merge_pairs, 2)
    active_from[new0:] = 2025
    active_to[preds.ravel()] = 2024
    parent[new0:] = parent[preds[:, 0]]
    units = pl.DataFrame({
        "unit_id": ids, "code": [f"U{i:06d}" for i in ids], "name": [f"Đơn vị {i}" for i in ids],
        "kind": kinds, "category": cats,
        "parent_id": pl.Series(np.where(parent > 0, parent, 0)).replace(0, None),
        "female_share": np.round(rng.uniform(0.2, 0.9, total), 2),
        "active_from": pl.Series(active_from).replace(-1, None),
        "active_to": pl.Series(active_to).replace(-1, None),
    })
    lineage = pl.DataFrame({
        "successor_id": np.repeat(ids[new0:], 2), "predecessor_id": ids[preds.ravel()],
        "effective_year": np.full(2 * n_merge_pairs, 2025, dtype=np.int32),
    })
    # Unit results: a lasting level per unit plus yearly noise, one decimal.
    level = rng.normal(86, 5, total)
    uy_unit, uy_year, uy_score = [], [], []
    for y in YEARS:
        alive = np.ones(total, dtype=bool)
        alive[new0:] = y >= 2025
        alive[preds.ravel()] = y <= 2024
        alive[0] = False
        missing = rng.random(total) < 0.005  # a few missing results
        keep = alive & ~missing
        score = np.clip(np.round(level + rng.normal(0, 3, total), 1), 0, 100)
        uy_unit.append(ids[keep])
        uy_year.append(np.full(keep.sum(), y, dtype=np.int32))
        uy_score.append(score[keep])
    score = np.concatenate(uy_score)
    cls_codes = np.array(CLS_CODES)[classify(score) - 1]
    unit_years = pl.DataFrame({
        "unit_id": np.concatenate(uy_unit), "year": np.concatenate(uy_year), "score": score,
        "classification": cls_codes,
        "sipas": np.clip(np.round(rng.normal(90, 4, score.size), 1), 0, 100),
    }).join(units.select("unit_id", "category"), on="unit_id").with_columns(
        pl.col("score").rank("ordinal", descending=True).over("category", "year").cast(pl.Int64)
        .alias("rank")
    ).drop("category")
    registrations = pl.DataFrame({
        "subject_kind": "unit", "subject_id": ids[rng.random(total) < 0.9],
    })

    # People: a unit each (most in communes), 4 % move in 2024.
    weights = np.where(np.array(kinds) == "commune", 1.0, 4.0)
    weights[0] = 0
    alive25 = np.ones(total, dtype=bool)
    alive25[preds.ravel()] = False
    w_early = weights.copy()
    w_early[new0:] = 0
    w_early /= w_early.sum()
    pids = np.arange(1, n_people + 1, dtype=np.int64)
    home = rng.choice(total, n_people, p=w_early)
    moved = rng.random(n_people) < 0.04
    later = np.where(moved, rng.choice(total, n_people, p=w_early), home)
    # People of merged communes belong to the successor from 2025.
    succ_of = np.arange(total)
    succ_of[preds[:, 0]] = np.arange(new0, total)
    succ_of[preds[:, 1]] = np.arange(new0, total)
    m_unit, m_person, m_year = [], [], []
    for y in YEARS:
        where = home if y < 2024 else later
        if y >= 2025:
            where = succ_of[where]
        m_unit.append(ids[where])
        m_person.append(pids)
        m_year.append(np.full(n_people, y, dtype=np.int32))
    memberships = pl.DataFrame({
        "person_id": np.concatenate(m_person), "unit_id": np.concatenate(m_unit),
        "year": np.concatenate(m_year),
    })
    people = pl.DataFrame({
        "person_id": pids, "code": pl.Series(pids).cast(pl.Utf8).str.zfill(8),
        "gender": np.where(rng.random(n_people) < 0.5, "F", "M"),
    })
    n_py = n_people * len(YEARS)
    rating = rng.choice(4, n_py, p=[0.01, 0.09, 0.7, 0.2]).astype(np.int8)
    person_years = pl.DataFrame({
        "person_id": np.tile(pids, len(YEARS)),
        "year": np.repeat(np.array(YEARS, dtype=np.int32), n_people),
        "rating": pl.Series(np.array(RATING_CODES)[rating]).cast(pl.Enum(RATING_CODES)),
        "outstanding_cchc": rng.random(n_py) < 0.15,
        "direct_cchc": rng.random(n_py) < 0.2,
    })
    n_disc = n_py // 200
    discipline = pl.DataFrame({
        "person_id": rng.choice(pids, n_disc), "year": rng.choice(YEARS, n_disc).astype(np.int32),
        "level": rng.choice(["khien_trach", "canh_cao"], n_disc),
    })
    preg = pl.DataFrame({"subject_kind": "person", "subject_id": pids[rng.random(n_people) < 0.4]})
    return Facts(
        units=units, unit_years=unit_years, people=people, memberships=memberships,
        person_years=person_years, discipline=discipline,
        registrations=pl.concat([registrations, preg]), lineage=lineage,
    )


# ------------------------------------------------------------------------------ (a) objects


def flag_python(facts: Facts) -> tuple[list[str], float, float]:
    """KG-P-FLAG as plain per-object Python: rows -> dicts, then a loop. Returns the
    selected codes, the seconds to build the objects and the seconds of the loop."""
    gc.collect()
    t0 = time.perf_counter()
    units = {r["unit_id"]: r for r in facts.units.iter_rows(named=True)}
    results: dict[tuple[int, int], dict[str, Any]] = {
        (r["unit_id"], r["year"]): r for r in facts.unit_years.iter_rows(named=True)
    }
    registered = {r["subject_id"] for r in facts.registrations.iter_rows(named=True)
                  if r["subject_kind"] == "unit"}
    preds: dict[int, list[int]] = defaultdict(list)
    effective: dict[int, int] = {}
    for r in facts.lineage.iter_rows(named=True):
        preds[r["successor_id"]].append(r["predecessor_id"])
        effective[r["successor_id"]] = r["effective_year"]
    t1 = time.perf_counter()
    order = {c: i + 1 for i, c in enumerate(CLS_CODES)}
    ended = {p for ps in preds.values() for p in ps}

    def year_result(uid: int, year: int) -> tuple[int | None, int | None]:
        """(classification value, score in hundredths), with the lineage rule."""
        own = results.get((uid, year))
        if own is not None:
            return order[own["classification"]], round(own["score"] * 100)
        if uid in preds and year < effective[uid]:
            got = [results.get((p, year)) for p in preds[uid]]
            if any(g is None for g in got):
                return None, None
            worst = min(order[g["classification"]] for g in got)  # type: ignore[index]
            cents = [round(g["score"] * 100) for g in got]  # type: ignore[index]
            n = len(cents)
            return worst, (2 * sum(cents) + n) // (2 * n)
        return None, None

    eligible: dict[int, tuple] = {}
    by_depth = sorted(units.values(), key=lambda u: u["category"] == "xa")  # districts first
    for u in by_depth:
        uid = u["unit_id"]
        if u["category"] not in FLAG_QUOTA or uid in ended:
            continue
        if (u["active_from"] or 0) > 2025 or (u["active_to"] or 9999) < 2025:
            continue
        if uid not in registered and not any(p in registered for p in preds.get(uid, [])):
            continue
        yrs = [year_result(uid, y) for y in YEARS]
        cls = [c for c, _ in yrs]
        if any(c is None or c < 4 for c in cls):
            continue
        if sum(1 for c in cls if c == 5) < 3 or cls[-1] != 5:
            continue
        if u["category"] == "xa" and u["parent_id"] not in eligible:
            continue
        scores = [s for _, s in yrs if s is not None]
        mean = (2 * sum(scores) + len(scores)) // (2 * len(scores)) if scores else None
        women = (u["female_share"] or 0) * 100 >= 70 - 1e-9
        excellent = sum(1 for c in cls if c == 5)
        eligible[uid] = (yrs[-1][1], mean, women, u["code"], u["category"], excellent)
    # 002 §IV.2.1, lưu ý, as the catalogue reads it: the period's mean score, then the number of
    # xuất sắc years, then the last year's score; women first (Decree 152/2025 Art. 4.6); code.
    ranked = sorted(eligible.values(), key=lambda k: (
        -(k[1] if k[1] is not None else -1), -k[5], -(k[0] if k[0] is not None else -1),
        not k[2], k[3]))
    taken: dict[str, int] = defaultdict(int)
    selected = []
    for key in ranked:
        if taken[key[4]] < FLAG_QUOTA[key[4]] and len(selected) < FLAG_TOTAL:
            taken[key[4]] += 1
            selected.append(key[3])
        elif taken[key[4]] < FLAG_QUOTA[key[4]]:
            taken[key[4]] += 1
    t2 = time.perf_counter()
    return selected, t1 - t0, t2 - t1


# ------------------------------------------------------------------------------ (b) DuckDB

FLAG_SQL = """
WITH lin AS (SELECT * FROM lineage),
npred AS (SELECT successor_id, count(*) AS n FROM lin GROUP BY 1),
own AS (
  SELECT unit_id, year, score, CAST(round(score * 100) AS BIGINT) AS cents,
    CASE classification WHEN 'xuat_sac' THEN 5 WHEN 'tot' THEN 4 WHEN 'kha' THEN 3
      WHEN 'trung_binh' THEN 2 ELSE 1 END AS cls
  FROM unit_years),
inherited AS (
  SELECT l.successor_id AS unit_id, o.year,
    CASE WHEN count(*) = max(np.n) THEN min(o.cls) END AS cls,
    CASE WHEN count(*) = max(np.n) THEN (2 * sum(o.cents) + count(*)) // (2 * count(*)) END
      AS cents
  FROM lin l JOIN own o ON o.unit_id = l.predecessor_id AND o.year < l.effective_year
  JOIN npred np ON np.successor_id = l.successor_id
  GROUP BY 1, 2),
yr AS (
  SELECT unit_id, year, cls, cents FROM own
  UNION ALL
  SELECT i.unit_id, i.year, i.cls, i.cents FROM inherited i
  WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.unit_id = i.unit_id AND o.year = i.year)),
reg AS (
  SELECT subject_id AS unit_id FROM registrations WHERE subject_kind = 'unit'
  UNION SELECT l.successor_id FROM lin l JOIN registrations r
    ON r.subject_kind = 'unit' AND r.subject_id = l.predecessor_id),
agg AS (
  SELECT unit_id,
    count(*) FILTER (WHERE cls >= 4) AS good_years,
    count(*) FILTER (WHERE cls = 5) AS excellent_years,
    max(CASE WHEN year = 2025 THEN cls END) AS cls_last,
    max(CASE WHEN year = 2025 THEN cents END) AS cents_last,
    CASE WHEN count(cents) > 0 THEN (2 * sum(cents) + count(cents)) // (2 * count(cents)) END
      AS cents_mean
  FROM yr WHERE year BETWEEN 2021 AND 2025 GROUP BY unit_id),
base AS (
  SELECT u.unit_id, u.code, u.category, u.parent_id, a.cents_last, a.cents_mean,
    a.excellent_years, coalesce(u.female_share, 0) * 100 >= 70 - 1e-9 AS women
  FROM units u JOIN agg a USING (unit_id) JOIN reg r USING (unit_id)
  WHERE u.category IN ('so-nganh', 'huyen', 'xa')
    AND coalesce(u.active_from, 0) <= 2025 AND coalesce(u.active_to, 9999) >= 2025
    AND u.unit_id NOT IN (SELECT predecessor_id FROM lin WHERE effective_year <= 2025)
    AND a.good_years = 5 AND a.excellent_years >= 3 AND a.cls_last = 5),
elig AS (
  SELECT b.* FROM base b
  WHERE b.category <> 'xa' OR b.parent_id IN (SELECT unit_id FROM base WHERE category <> 'xa')),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY category ORDER BY cents_mean DESC NULLS LAST,
      excellent_years DESC, cents_last DESC NULLS LAST, women DESC, code) AS rk
  FROM elig),
within AS (
  SELECT *, row_number() OVER (ORDER BY cents_mean DESC NULLS LAST, excellent_years DESC,
      cents_last DESC NULLS LAST, women DESC, code) AS overall
  FROM ranked
  WHERE rk <= CASE category WHEN 'so-nganh' THEN 2 WHEN 'huyen' THEN 1 ELSE 3 END)
SELECT code FROM within WHERE overall <= 6 ORDER BY overall
"""


def duckdb_load(facts: Facts, tmp: Path) -> tuple[duckdb.DuckDBPyConnection, float]:
    """Copy the frames into an in-memory DuckDB (through Parquet: no pyarrow here)."""
    t0 = time.perf_counter()
    con = duckdb.connect()
    for name in ("units", "unit_years", "registrations", "lineage"):
        file = tmp / f"{name}.parquet"
        getattr(facts, name).write_parquet(file)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{file}')")
    return con, time.perf_counter() - t0


def flag_duckdb(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(FLAG_SQL).fetchall()]


# ------------------------------------------------------------------------------ the engine


def flag_engine(facts: Any) -> list[str]:
    """KG-P-FLAG from Facts (preparation included), or again on prepared facts."""
    result = evaluate(catalogue.load("002"), facts, evaluation_year=2025,
                      standards=["KG-P-FLAG"])
    return result["KG-P-FLAG"].selected()


def campaign_engine(facts: Facts) -> dict[str, Any]:
    """Every KG standard (phase ones and annual ones for 2025) with quotas and explanations."""
    rules = catalogue.load("002")
    out: dict[str, Any] = {}
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    prepared = prepare(facts)
    t1 = time.perf_counter()
    result = evaluate(rules, prepared, evaluation_year=2025)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    explained = 0
    for code in result.codes():
        res = result[code]
        frame = res.frame
        shown = frame.filter(pl.col("eligible")).head(200)["__idx"].to_list()
        table = prepared.units if res.standard.subject == "collective" else prepared.people
        for idx in shown + frame.filter(~pl.col("eligible")).head(50)["__idx"].to_list():
            res.explain(str(table["code"][idx]))
            explained += 1
    t3 = time.perf_counter()
    unit_records = sum(1 for s in ("KG-P-FLAG", "KG-P-MERIT") for _ in result[s].records())
    json.dumps(next(iter(result["KG-P-FLAG"].records())), ensure_ascii=False)
    t4 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        outcome = result["KG-P-IND"].outcome_frame()
        outcome.write_ndjson(Path(tmp) / "kg-p-ind.ndjson")
    t5 = time.perf_counter()
    out.update(
        prepare=t1 - t0, evaluate=t2 - t1, cpu=cpu, explain=t3 - t2, explained=explained,
        export=t4 - t3, exported=unit_records, outcome=t5 - t4, outcome_rows=outcome.height,
        counts={c: (result[c].frame.height, int(result[c].frame["eligible"].sum()),
                    int(result[c].frame["selected"].sum())) for c in result.codes()},
    )
    return out


def best_of(n: int, fn: Any, *args: Any) -> tuple[Any, float, float]:
    """Run n times; the fastest wall time and the smallest CPU time (all threads) seen.

    The machine is shared and noisy: CPU time does not grow when other jobs take the cores.
    """
    walls, cpus, value = [], [], None
    for _ in range(n):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        value = fn(*args)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return value, min(walls), min(cpus)


def run(scale: str, repeats: int) -> dict[str, Any]:
    size = SCALES[scale]
    t0 = time.perf_counter()
    facts = generate(size["units"], size["people"])
    gen = time.perf_counter() - t0
    print(f"\n== {scale}: {facts.units.height:,} units, {facts.people.height:,} people, "
          f"{facts.person_years.height:,} person-years (generated in {gen:.1f} s)")
    camp = campaign_engine(facts)
    for _ in range(repeats - 1):  # keep the fastest evaluation (the machine is shared)
        again = campaign_engine(facts)
        if again["prepare"] + again["evaluate"] < camp["prepare"] + camp["evaluate"]:
            again["cpu"] = min(again["cpu"], camp["cpu"])
            camp = again
        else:
            camp["cpu"] = min(again["cpu"], camp["cpu"])
    print(f"KG campaign (6 standards): prepare {camp['prepare']:.2f} s, evaluate "
          f"{camp['evaluate']:.2f} s (cpu {camp['cpu']:.2f} s); {camp['explained']} "
          f"explanations in {camp['explain']:.2f} s;"
          f" JSON records of {camp['exported']:,} unit candidates in {camp['export']:.2f} s;"
          f" outcome columns of {camp['outcome_rows']:,} KG-P-IND candidates as NDJSON in "
          f"{camp['outcome']:.2f} s")
    for code, (cand, el, sel) in camp["counts"].items():
        print(f"   {code:11s} candidates {cand:>9,}  eligible {el:>8,}  selected {sel:>6,}")
    eng_sel, eng_t, eng_c = best_of(repeats, flag_engine, facts)
    warm_prepared = prepare(facts)
    flag_engine(warm_prepared)
    _, warm_t, warm_c = best_of(repeats, flag_engine, warm_prepared)
    with tempfile.TemporaryDirectory() as tmp:
        con, db_load = duckdb_load(facts, Path(tmp))
        db_sel, db_t, db_c = best_of(repeats, flag_duckdb, con)
        con.close()
    runs = []
    for _ in range(max(1, repeats - 1)):
        c0 = time.process_time()
        sel, build, loop = flag_python(facts)
        runs.append((sel, build, loop, time.process_time() - c0))
    py_sel, py_build, py_loop, py_c = min(runs, key=lambda r: r[1] + r[2])
    py_t = py_build + py_loop
    same = eng_sel == db_sel == py_sel
    print(f"KG-P-FLAG wall (cpu) seconds: engine {eng_t:.3f} ({eng_c:.3f}) | DuckDB SQL "
          f"{db_t:.3f} ({db_c:.3f}), loading its tables {db_load:.2f} not counted | Python "
          f"objects {py_t:.3f} ({py_c:.3f}) = building dicts {py_build:.3f} + loop {py_loop:.3f}")
    print(f"   engine vs per-object Python: {py_t / eng_t:.1f}× faster (cpu {py_c / eng_c:.1f}×);"
          f" on prepared facts {warm_t:.3f} s vs the loop over built dicts: "
          f"{py_loop / warm_t:.1f}×; engine / DuckDB = {eng_t / db_t:.2f}× (cpu "
          f"{eng_c / db_c:.2f}×); same selection in all three: {same} {eng_sel}")
    if not same:
        print(f"   DIFFERENT: engine {eng_sel} duckdb {db_sel} python {py_sel}")
    peak = peak_gib()
    load = os.getloadavg()[0]
    print(f"peak memory so far (ru_maxrss): {peak:.2f} GiB; load average {load:.1f}")
    return {"scale": scale, "units": facts.units.height, "people": facts.people.height,
            **camp, "flag_engine": eng_t, "flag_engine_cpu": eng_c, "flag_warm": warm_t,
            "flag_duckdb": db_t, "flag_duckdb_cpu": db_c, "duckdb_load": db_load,
            "flag_python": py_t, "flag_python_cpu": py_c, "flag_python_build": py_build,
            "flag_python_loop": py_loop, "same": same, "peak": peak, "load": load}


def write_results(rows: list[dict[str, Any]]) -> None:
    path = Path(__file__).with_name("RESULTS.md")
    heading = "## Eligibility engine (in memory)"
    lines = [
        heading, "",
        f"Measured by `bench/bench_eligibility.py` on {platform.machine()}, "
        f"Python {platform.python_version()}, Polars {pl.__version__}, DuckDB "
        f"{duckdb.__version__}; {time.strftime('%Y-%m-%d')}. Synthetic seeded facts, 5 years, "
        "5 % of communes merged in 2025.",
        "",
        "Wall-clock seconds, best of the repeats, with CPU seconds (all threads) in "
        "brackets: the machine is shared, so wall time varies with the load of other jobs "
        "(load average in the last column) while CPU time does not.",
        "",
        "| scale | units | people | KG campaign: prepare + evaluate, 6 standards with quotas "
        "| explanations on demand | KG-P-FLAG engine, from Facts | DuckDB SQL (tables "
        "loaded beforehand) | per-object Python: build dicts + loop | engine vs Python | "
        "engine / DuckDB | KG-P-FLAG on prepared facts vs the loop alone | same selection | "
        "peak memory | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- "
        "| ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['scale']} | {r['units']:,} | {r['people']:,} | "
            f"{r['prepare'] + r['evaluate']:.2f} ({r['cpu']:.2f}) | "
            f"{r['explained']} in {r['explain']:.2f} | "
            f"{r['flag_engine']:.3f} ({r['flag_engine_cpu']:.3f}) | "
            f"{r['flag_duckdb']:.3f} ({r['flag_duckdb_cpu']:.3f}) | "
            f"{r['flag_python_build']:.3f} + {r['flag_python_loop']:.3f} = "
            f"{r['flag_python']:.3f} ({r['flag_python_cpu']:.3f}) | "
            f"{r['flag_python'] / r['flag_engine']:.1f}× "
            f"({r['flag_python_cpu'] / r['flag_engine_cpu']:.1f}×) | "
            f"{r['flag_engine'] / r['flag_duckdb']:.2f}× "
            f"({r['flag_engine_cpu'] / r['flag_duckdb_cpu']:.2f}×) | "
            f"{r['flag_warm']:.3f} vs {r['flag_python_loop']:.3f} = "
            f"{r['flag_python_loop'] / r['flag_warm']:.1f}× | {'yes' if r['same'] else 'NO'} | "
            f"{r['peak']:.2f} GiB | {r['load']:.1f} |")
    for r in rows:
        if r["scale"] != "national":
            continue
        total = r["prepare"] + r["evaluate"]
        lines += [
            "",
            "Goals at national scale, as measured in this run:",
            "",
            f"* whole KG campaign in memory < 5 s: {total:.2f} s wall, {r['cpu']:.2f} s CPU "
            f"({'met' if total < 5 else 'met in CPU time, not in wall time under this load'}).",
            f"* KG-P-FLAG ≥ 20× faster than per-object Python: "
            f"{r['flag_python'] / r['flag_engine']:.1f}× wall, "
            f"{r['flag_python_cpu'] / r['flag_engine_cpu']:.1f}× CPU "
            f"({'met' if r['flag_python'] / r['flag_engine'] >= 20 else 'not met'}). "
            "KG-P-FLAG reads only the "
            "units (40,000 units × 5 years), so most of the Python cost is building the dicts; "
            f"the loop alone over already built dicts is {r['flag_python_loop']:.3f} s against "
            f"{r['flag_warm']:.3f} s for the engine on already prepared facts. The engine's "
            "remaining time is mostly fixed per-operation cost of Polars (about 150 small "
            "operations: encoding, lineage, two rounds for the commune → district reference, "
            "quota); it grows little with the data, while the loop grows with it.",
            f"* within 3× of the hand-written DuckDB query: "
            f"{r['flag_engine'] / r['flag_duckdb']:.2f}× wall, "
            f"{r['flag_engine_cpu'] / r['flag_duckdb_cpu']:.2f}× CPU "
            f"({'met' if r['flag_engine'] / r['flag_duckdb'] <= 3 else 'not met'}).",

            f"* peak memory < 4 GB: {r['peak']:.2f} GiB (ru_maxrss of the whole run, synthetic "
            f"data included; {'met' if r['peak'] < 4 else 'not met'}).",
            "* All three implementations select the same six units; explanations are rendered "
            "on demand only (the figure above is for about 1,100 candidates, the first one "
            "building the code index of 2.5 million people).",
            f"* Export for everyone: Vietnamese JSON records of the {r['exported']:,} unit "
            f"candidates of KG-P-FLAG and KG-P-MERIT took {r['export']:.2f} s (rendering is "
            "per candidate, about 0.1–0.2 ms); the outcome columns (every condition's pass "
            f"flag and the values it read) of all {r['outcome_rows']:,} KG-P-IND candidates "
            f"were written as NDJSON in {r['outcome']:.2f} s.",
        ]
    lines.append("")
    section = "\n".join(lines)
    text = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    if heading in text:
        start = text.index(heading)
        nxt = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("\n" + text[nxt + 1:] if nxt != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, "utf-8")
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["province", "national", "both"], default="both")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    scales = ["province", "national"] if args.scale == "both" else [args.scale]
    rows = [run(s, args.repeats) for s in scales]
    if args.write:
        write_results(rows)


if __name__ == "__main__":
    main()
