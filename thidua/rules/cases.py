"""Readable case files (YAML): facts written by code and year -> expected outcomes with reasons.

In the spirit of OpenFisca's YAML tests: an officer can read a case, see the units, people and
their results, and the expected verdict with the words of the explanation that justify it.
The format is documented in docs/rules.md ("Case files"); `run_case` checks one case and
returns the list of failures (empty when it holds).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl
import yaml

from thidua.rules import catalogue
from thidua.rules.ast import Period, RuleSet
from thidua.rules.engine import CampaignResult, evaluate
from thidua.rules.errors import FactsError
from thidua.rules.facts import Facts
from thidua.rules.parser import parse
from thidua.rules.vocab import fold_words

UNIT_YEAR_KEYS = {
    "classification": "classification", "xep loai": "classification", "xep loai cchc":
    "classification", "score": "score", "diem": "score", "diem cchc": "score", "rank": "rank",
    "hang": "rank", "hang cchc": "rank", "sipas": "sipas", "pci": "pci", "papi": "papi",
}
# A unit's kind when the case does not write it, read from its category code (prefix match):
# the kinds of the units frame (docs/rules.md §5). A division is part of the collective above it
# unless a collective standard of the rule set applies to its category (docs/rules.md, Readings).
KIND_BY_CATEGORY = (
    ("so-nganh", "department"), ("huyen", "district"), ("xa", "commune"), ("tinh", "province"),
    ("co-quan-chuyen-trach", "cchc_body"), ("phong", "division"),
)
KINDS = {"province", "department", "district", "commune", "cchc_body", "division"}

PERSON_YEAR_KEYS = {
    "rating": "rating", "xep loai": "rating", "xep loai chat luong": "rating", "title": "title",
    "danh hieu": "title",
}


def _years(spec: Any, period: Period) -> list[int]:
    """2023, "2021..2025", [2021, 2023] or "kỳ" (the whole period)."""
    if spec is None or (isinstance(spec, str) and fold_words(spec) in ("ky", "giai doan")):
        return list(period.years())
    if isinstance(spec, int):
        return [spec]
    if isinstance(spec, str) and ".." in spec:
        a, b = spec.split("..")
        return list(range(int(a), int(b) + 1))
    if isinstance(spec, list):
        return [int(y) for y in spec]
    return [int(spec)]


def _kind(unit: dict[str, Any]) -> str:
    """The unit's `kind:` as written, else the default of its category; an unknown one is an error."""
    kind = unit.get("kind")
    if kind is None:
        category = str(unit.get("category", ""))
        for prefix, default in KIND_BY_CATEGORY:
            if category == prefix or category.startswith(prefix + "-"):
                return default
        raise FactsError(f"đơn vị {unit['code']!r}: khối {category!r} không cho biết loại đơn vị; "
                         f"hãy ghi kind: một trong {', '.join(sorted(KINDS))}")
    if kind not in KINDS:
        raise FactsError(f"đơn vị {unit['code']!r}: không biết loại đơn vị {kind!r}; "
                         f"dùng một trong {', '.join(sorted(KINDS))}")
    return str(kind)


def facts_from_dict(data: dict[str, Any], period: Period) -> Facts:
    """Build Facts from a case's `units`, `people`, `registered`, `lineage`… (codes, not ids)."""
    units_in = data.get("units") or []
    people_in = data.get("people") or []
    unit_ids = {u["code"]: i + 1 for i, u in enumerate(units_in)}
    person_ids = {p["code"]: i + 1 for i, p in enumerate(people_in)}

    def uid(code: str) -> int:
        if code not in unit_ids:
            raise FactsError(f"không có đơn vị {code!r} trong units")
        return unit_ids[code]

    def owner(code: str) -> tuple[str, int]:
        if code in person_ids:
            return "person", person_ids[code]
        return "unit", uid(code)

    units, unit_years = [], []
    for u in units_in:
        units.append({
            "unit_id": unit_ids[u["code"]], "code": u["code"], "name": u.get("name"),
            "kind": _kind(u), "category": u.get("category", ""),
            "collective": u.get("collective"),  # overrides the kind (a division that is one)
            "parent_id": uid(u["parent"]) if u.get("parent") else None,
            "female_share": u.get("female_share"),
            "active_from": u.get("active_from"), "active_to": u.get("active_to"),
        })
        per_year: dict[int, dict[str, Any]] = {}
        for year, value in (u.get("results") or {}).items():
            row = per_year.setdefault(int(year), {})
            if isinstance(value, dict):
                for k, v in value.items():
                    row[UNIT_YEAR_KEYS[fold_words(str(k))]] = v
            elif isinstance(value, int | float):
                row["score"] = value
            else:
                row["classification"] = value
        for field_name, column in (("scores", "score"), ("ranks", "rank"), ("sipas", "sipas"),
                                   ("pci", "pci"), ("papi", "papi")):
            for year, v in (u.get(field_name) or {}).items():
                per_year.setdefault(int(year), {})[column] = v
        for year, row in per_year.items():
            unit_years.append({"unit_id": unit_ids[u["code"]], "year": year, **row})

    people, memberships, person_years = [], [], []
    for p in people_in:
        pid = person_ids[p["code"]]
        people.append({"person_id": pid, "code": p["code"], "name": p.get("name"),
                       "gender": p.get("gender", "M")})
        if p.get("units"):
            for years, code in p["units"].items():
                for y in _years(years, period):
                    memberships.append({"person_id": pid, "unit_id": uid(code), "year": y})
        elif p.get("unit"):
            for y in _years(p.get("years"), period):
                memberships.append({"person_id": pid, "unit_id": uid(p["unit"]), "year": y})
        rows: dict[int, dict[str, Any]] = {}
        for year, value in (p.get("ratings") or {}).items():
            if isinstance(value, dict):
                for k, v in value.items():
                    rows.setdefault(int(year), {})[PERSON_YEAR_KEYS[fold_words(str(k))]] = v
            else:
                rows.setdefault(int(year), {})["rating"] = value
        for year, value in (p.get("titles") or {}).items():
            rows.setdefault(int(year), {})["title"] = value
        for flag in ("outstanding_cchc", "direct_cchc"):
            for y in p.get(flag) or []:
                rows.setdefault(int(y), {})[flag] = True
        for year, row in rows.items():
            person_years.append({"person_id": pid, "year": year, **row})

    def frame(rows: list[dict[str, Any]], name: str) -> pl.DataFrame | None:
        if not rows:
            return None
        if name == "registrations":   # the year column stays an integer when every row is null
            return pl.DataFrame(rows, schema={"subject_kind": pl.Utf8, "subject_id": pl.Int64,
                                              "year": pl.Int32})
        return pl.DataFrame(rows, infer_schema_length=None)

    discipline = [{"person_id": person_ids[d["person"]], "year": d["year"],
                   "level": d.get("level", "khiển trách")} for d in data.get("discipline") or []]
    initiatives = []
    for i in data.get("initiatives") or []:
        kind, oid = owner(i["owner"])
        for y in _years(i.get("year"), period):
            for _ in range(int(i.get("count", 1))):
                initiatives.append({
                    "owner_kind": kind, "owner_id": oid, "year": y,
                    "level": i.get("level", "cơ quan"), "recognised": i.get("recognised", True),
                    "applied": i.get("applied", False),
                })
    prizes = [{"person_id": person_ids[z["person"]], "year": z["year"], "contest": z["contest"],
               "prize": z.get("prize")} for z in data.get("prizes") or []]
    registrations = []
    for entry in data.get("registered") or []:
        # A code registers for the whole campaign (year null); {subject: X, year: 2023} for
        # one year (002's "đăng ký thi đua chuyên đề hằng năm", Hà Giang's yearly registration).
        if isinstance(entry, dict):
            kind, oid = owner(entry["subject"])
            year = entry.get("year")
            registrations.append({"subject_kind": kind, "subject_id": oid,
                                  "year": None if year is None else int(year)})
        else:
            kind, oid = owner(entry)
            registrations.append({"subject_kind": kind, "subject_id": oid, "year": None})
    awards = []
    for a in data.get("awards") or []:
        kind, oid = owner(a["subject"])
        awards.append({"subject_kind": kind, "subject_id": oid, "award": a["award"],
                       "year": a["year"]})
    lineage = []
    for link in data.get("lineage") or []:
        for pred in link["predecessors"]:
            lineage.append({"successor_id": uid(link["successor"]), "predecessor_id": uid(pred),
                            "effective_year": link["year"]})

    kwargs: dict[str, pl.DataFrame] = {}
    for name, table in (("unit_years", unit_years), ("people", people),
                       ("memberships", memberships), ("person_years", person_years),
                       ("discipline", discipline), ("initiatives", initiatives),
                       ("prizes", prizes), ("registrations", registrations),
                       ("prior_awards", awards), ("lineage", lineage)):
        f = frame(table, name)
        if f is not None:
            kwargs[name] = f
    return Facts(units=pl.DataFrame(units, infer_schema_length=None), **kwargs)


def rules_of(case: dict[str, Any]) -> RuleSet:
    period = None
    if case.get("period") is not None:
        years = _years(case["period"], Period(2000, 2000))
        period = Period(years[0], years[-1])
    if case.get("rules"):
        return parse(case["rules"], period=period)
    return catalogue.load(str(case["plan"]), period=period)


def evaluate_case(case: dict[str, Any]) -> CampaignResult:
    rules = rules_of(case)
    facts = facts_from_dict(case, rules.period)
    wanted = list(case.get("expect") or {})
    return evaluate(rules, facts, evaluation_year=case.get("evaluation_year"),
                    standards=wanted or None)


def _as_set(value: Iterable[str] | None) -> set[str]:
    return set(value or [])


def run_case(case: dict[str, Any]) -> list[str]:
    """Check one case; return what did not hold (Vietnamese-free developer messages)."""
    result = evaluate_case(case)
    problems: list[str] = []
    for code, exp in (case.get("expect") or {}).items():
        res = result[code]
        eligible, selected = res.eligible(), res.selected()
        if "eligible" in exp and _as_set(exp["eligible"]) != set(eligible):
            problems.append(f"{code}: eligible {sorted(eligible)} != {sorted(exp['eligible'])}")
        if "selected" in exp and _as_set(exp["selected"]) != set(selected):
            problems.append(f"{code}: selected {sorted(selected)} != {sorted(exp['selected'])}")
        if "ranked" in exp and list(exp["ranked"]) != eligible:
            problems.append(f"{code}: ranking {eligible} != {exp['ranked']}")
        for who, needles in (exp.get("explain") or {}).items():
            text = res.explain(who)
            for needle in [needles] if isinstance(needles, str) else needles:
                if needle not in text:
                    problems.append(f"{code}/{who}: explanation lacks {needle!r}:\n{text}")
    return problems


def load_cases(text: str) -> list[dict[str, Any]]:
    """A file holds one case, or several under `cases:` sharing the file's other keys."""
    data = yaml.safe_load(text) or {}
    if "cases" not in data:
        return [data]
    shared = {k: v for k, v in data.items() if k != "cases"}
    return [{**shared, **c} for c in data["cases"]]
