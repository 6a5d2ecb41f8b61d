"""The set-based engine agrees with a naive per-object reference on random facts (KG-P-FLAG)."""

from collections import defaultdict

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules import Facts, catalogue, evaluate

YEARS = range(2021, 2026)
QUOTA = {"so-nganh": 2, "huyen": 1, "xa": 3}
CLASSES = ["yeu", "trung_binh", "kha", "tot", "xuat_sac"]


def random_facts(seed: int) -> Facts:
    rng = np.random.default_rng(seed)
    n_dep, n_dist, n_com = rng.integers(1, 5), rng.integers(1, 5), rng.integers(2, 15)
    cats = ["so-nganh"] * n_dep + ["huyen"] * n_dist + ["xa"] * n_com
    n = len(cats)
    ids = np.arange(1, n + 1)
    parent = [None] * (n_dep + n_dist) + [int(1 + n_dep + rng.integers(0, n_dist))
                                          for _ in range(n_com)]
    lineage, active_to, active_from = [], [None] * n, [None] * n
    if n_com >= 4 and rng.random() < 0.7:  # two communes merge into a new one in 2025
        a, b = n_dep + n_dist, n_dep + n_dist + 1
        cats.append("xa")
        parent.append(parent[a])
        active_to[a] = active_to[b] = 2024
        active_to.append(None)
        active_from.append(2025)
        new_id = n + 1
        lineage = [{"successor_id": new_id, "predecessor_id": int(ids[a]), "effective_year": 2025},
                   {"successor_id": new_id, "predecessor_id": int(ids[b]), "effective_year": 2025}]
        ids = np.append(ids, new_id)
        n += 1
    units = pl.DataFrame({
        "unit_id": ids, "code": [f"U{i:03d}" for i in ids], "category": cats,
        "parent_id": pl.Series(parent, dtype=pl.Int64),
        "female_share": rng.choice([0.3, 0.75], n),
        "active_from": pl.Series(active_from, dtype=pl.Int32),
        "active_to": pl.Series(active_to, dtype=pl.Int32),
    })
    rows = []
    for i in range(n):
        for y in YEARS:
            if active_to[i] is not None and y > active_to[i]:
                continue
            if active_from[i] is not None and y < active_from[i]:
                continue
            if rng.random() < 0.05:
                continue  # a missing year
            rows.append({"unit_id": int(ids[i]), "year": y,
                         "classification": CLASSES[int(rng.choice([2, 3, 4, 4, 4]))],
                         "score": float(rng.choice([90.0, 91.5, 92.0, 95.5]))})
    regs = pl.DataFrame({"subject_kind": "unit",
                         "subject_id": ids[rng.random(n) < 0.85]})
    return Facts(units=units, unit_years=pl.DataFrame(rows), registrations=regs,
                 lineage=pl.DataFrame(lineage, schema={
                     "successor_id": pl.Int64, "predecessor_id": pl.Int64,
                     "effective_year": pl.Int32}))


def reference_flag(facts: Facts) -> tuple[set[str], list[str]]:
    """KG-P-FLAG the slow, obvious way: one unit at a time."""
    units = {r["unit_id"]: r for r in facts.units.iter_rows(named=True)}
    res = {(r["unit_id"], r["year"]): r for r in facts.unit_years.iter_rows(named=True)}
    reg = set(facts.registrations["subject_id"].to_list())
    preds: dict[int, list[int]] = defaultdict(list)
    for r in facts.lineage.iter_rows(named=True):
        preds[r["successor_id"]].append(r["predecessor_id"])
    ended = {p for ps in preds.values() for p in ps}
    order = {c: i + 1 for i, c in enumerate(CLASSES)}

    def year(uid: int, y: int) -> tuple[int | None, int | None]:
        own = res.get((uid, y))
        if own:
            return order[own["classification"]], round(own["score"] * 100)
        if uid in preds and y < 2025:
            got = [res.get((p, y)) for p in preds[uid]]
            if all(got):
                cents = [round(g["score"] * 100) for g in got]  # type: ignore[index]
                return (min(order[g["classification"]] for g in got),  # type: ignore[index]
                        (2 * sum(cents) + len(cents)) // (2 * len(cents)))
        return None, None

    eligible: dict[int, tuple] = {}
    for u in sorted(units.values(), key=lambda u: u["category"] == "xa"):
        uid = u["unit_id"]
        if uid in ended or (u["active_to"] or 9999) < 2025:
            continue
        if uid not in reg and not any(p in reg for p in preds.get(uid, [])):
            continue
        ys = [year(uid, y) for y in YEARS]
        cls = [c for c, _ in ys]
        if any(c is None or c < 4 for c in cls) or cls.count(5) < 3 or cls[-1] != 5:
            continue
        if u["category"] == "xa" and u["parent_id"] not in eligible:
            continue
        scores = [s for _, s in ys if s is not None]
        mean = (2 * sum(scores) + len(scores)) // (2 * len(scores))
        eligible[uid] = (ys[-1][1], mean, (u["female_share"] or 0) >= 0.7, u["code"],
                         u["category"], cls.count(5))
    # 002 §IV.2.1, lưu ý, as the catalogue reads it: the period's mean score, the number of
    # xuất sắc years, the 2025 score, then women first and the code.
    ranked = sorted(eligible.values(), key=lambda k: (-k[1], -k[5], -k[0], not k[2], k[3]))
    taken: dict[str, int] = defaultdict(int)
    selected = []
    for key in ranked:
        if taken[key[4]] < QUOTA[key[4]]:
            taken[key[4]] += 1
            if len(selected) < 6:
                selected.append(key[3])
    return {k[3] for k in eligible.values()}, selected


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_engine_agrees_with_the_per_object_reference(seed: int) -> None:
    facts = random_facts(seed)
    result = evaluate(catalogue.load("002"), facts, standards=["KG-P-FLAG"])["KG-P-FLAG"]
    eligible, selected = reference_flag(facts)
    assert set(result.eligible()) == eligible
    assert result.selected() == selected
