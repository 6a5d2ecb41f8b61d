"""Evaluation of standards over whole populations: conditions compiled to Polars expressions.

Every unit and person has a dense index (see facts.prepare). A "feature" is one column aligned
to that index (the classification of 2023, the share of members rated ≥ tốt in 2024, whether
the unit is eligible for KG-P-FLAG...). Features are computed once with vectorised scatters,
gathers and numpy bincounts, never with a loop over candidates, and cached for all standards
of a run. A standard's candidates get the features they need, read through their scopes
(themselves, their parent unit, their work unit), and each condition becomes a boolean
column `c:<id>`; the values that decided it stay in the frame for explanations on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from thidua.rules.ast import (
    AllOf,
    AnyOf,
    Atom,
    Compare,
    Condition,
    Counted,
    CountOver,
    Disciplined,
    Flag,
    IfThen,
    InCategory,
    Known,
    MemberShare,
    Not,
    OrderKey,
    Period,
    PerYear,
    Quantifier,
    RankImproved,
    Registered,
    RuleSet,
    Scoped,
    Standard,
    StandardRef,
)
from thidua.rules.errors import RuleError
from thidua.rules.facts import Facts, Parameters, Prepared, filled, prepare

CENTI = {"score", "sipas", "pci", "papi"}  # stored as integer hundredths
UNIT_MEASURES = {"cls", "score", "rank", "sipas", "pci", "papi"}
PERSON_MEASURES = {"rating", "title"}
MAX_FIXPOINT = 12


@dataclass(frozen=True)
class EvaluationContext:
    """When the standards are read: the campaign period and the evaluation year.

    Phase mode (a 2021–2025 review) evaluates in the period's last year; an annual campaign
    evaluates each year of the period separately with evaluation_year set.
    """

    period: Period
    evaluation_year: int

    @classmethod
    def for_ruleset(cls, rules: RuleSet, evaluation_year: int | None = None) -> EvaluationContext:
        return cls(rules.period, evaluation_year or rules.period.end)

    def years(self, quant: Quantifier) -> list[int]:
        return quant.years.resolve(self.period, self.evaluation_year)


def atom_key(atom: Atom) -> str:
    """A short stable name for a per-year test, used in feature names."""
    if isinstance(atom, Compare):
        return f"{atom.measure}{atom.op}{atom.value:g}"
    if isinstance(atom, Known):
        return f"known_{atom.measure}"
    if isinstance(atom, RankImproved):
        return "rank_improved"
    if isinstance(atom, Disciplined):
        return f"disc{atom.min_level}"
    if isinstance(atom, Flag):
        return f"flag_{atom.column}"
    return atom.key()


def scaled(measure: str, value: float) -> int | float:
    if measure in CENTI:
        return int(round(value * 100))
    return int(value) if float(value).is_integer() else value


def _cmp(left: pl.Expr, op: str, right: pl.Expr | float | int) -> pl.Expr:
    if op == ">=":
        return left >= right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    if op == "<":
        return left < right
    if op == "!=":
        return left != right
    return left == right


def cmp_values(left: float, op: str, right: float) -> bool:
    return {">=": left >= right, ">": left > right, "<=": left <= right, "<": left < right,
            "!=": left != right, "=": left == right}[op]


# ------------------------------------------------------------------------------ features


def _one_unit_each(part: pl.DataFrame, active_from: pl.Series, n_people: int,
                   n_units: int) -> pl.DataFrame:
    """pidx, uidx: each person's unit of the year. With several units in the year, the one that
    started last (a unit formed on 1 July 2025 rather than the one it absorbed), then the lowest
    index. After the 2025 mergers most people of a merged commune have two units that year, so
    this runs over millions of rows: one integer per row (person, then preference) sorted once,
    and the first of each person is kept."""
    began = active_from.fill_null(0).clip(0, 9999).to_numpy().astype(np.int64)
    ubits = max(1, n_units.bit_length())
    shift = ubits + 14  # 9999 < 2**14
    if n_people.bit_length() + shift <= 62 and part.height:
        pidx = part["pidx"].to_numpy().astype(np.int64)
        uidx = part["uidx"].to_numpy().astype(np.int64)
        key = pl.Series((pidx << shift) | ((9999 - began[uidx]) << ubits) | uidx).sort()
        k = key.to_numpy()
        person = k >> shift
        first = np.ones(k.size, dtype=bool)
        first[1:] = person[1:] != person[:-1]
        return pl.DataFrame({"pidx": person[first].astype(np.int32),
                             "uidx": (k[first] & ((1 << ubits) - 1)).astype(np.int32)})
    if part["pidx"].n_unique() == part.height:
        return part
    return (part.with_columns(pl.Series("began", began[part["uidx"].to_numpy()]))
            .sort(["began", "uidx"], descending=[True, False])
            .unique("pidx", keep="first").drop("began"))


class Features:
    """Aligned feature columns of units (length n_units) and people (length n_people)."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self.unit: dict[str, pl.Series] = {}
        self.person: dict[str, pl.Series] = {}
        self.atoms: dict[str, Atom] = {}
        self._award_categories: frozenset[str] | None = None
        self._parts: dict[int, list[pl.DataFrame]] = {}
        self.collective = prep.kind_collective.to_numpy()

    def configure(self, rules: RuleSet) -> None:
        """Which units are collectives of their own depends on the campaign: a division is one
        when a collective standard names its category (002's district Phòng Nội vụ for
        KG-P-BODY). Person features that depend on it are dropped when it changes."""
        cats = frozenset(c for s in rules.standards if s.subject == "collective"
                         for c in (s.categories or ()))
        if cats == self._award_categories:
            return
        self._award_categories = cats
        units = self.prep.units
        by_category = units["category"].is_in(list(cats)).fill_null(False).to_numpy()
        self.collective = self.prep.kind_collective.to_numpy() | by_category
        for name in [n for n in self.person if n.startswith(("workunit@", "std["))]:
            del self.person[name]

    # -- helpers --------------------------------------------------------------------------
    def _scatter(self, n: int, idx: pl.Series, values: pl.Series, dtype: pl.DataType) -> pl.Series:
        out = filled("v", None, n, dtype)
        if idx.len():
            out = out.scatter(idx, values.cast(dtype))
        return out

    def _member_parts(self, year: int) -> list[pl.DataFrame]:
        """A year's members of every unit: the memberships as given, those inherited through
        mergers, and the staff of divisions counted for the units above them up to the first
        collective (Reading 1: a department's members include its divisions' staff)."""
        cached = self._parts.get(year)
        if cached is not None:
            return cached
        found = [self.prep.members.get(year), self.prep.inherited_in(year)]
        parts = [part for part in found if part is not None and part.height]
        links = self.prep.member_links
        if links.height:
            src = links["uidx"].to_numpy()
            if np.unique(src).size == src.size:
                # Each division counts for one unit above: a look-up by index, no join of
                # millions of rows.
                lookup = np.full(self.prep.n_units, -1, dtype=np.int32)
                lookup[src] = links["cidx"].to_numpy()
                ups = []
                for part in parts:
                    above = lookup[part["uidx"].to_numpy()]
                    hit = pl.Series(above >= 0)
                    ups.append(part.select("pidx").filter(hit).with_columns(
                        pl.Series("uidx", above).filter(hit)))
                up = pl.concat(ups) if ups else None
            else:
                up = pl.concat([part.join(links, on="uidx")
                                .select("pidx", pl.col("cidx").alias("uidx"))
                                for part in parts]) if parts else None
            if up is not None and up.height:
                # A person counted once per unit above (two divisions of one department).
                key = up["pidx"].cast(pl.Int64) * (1 << 32) + up["uidx"].cast(pl.Int64)
                parts.append(up.filter(key.is_first_distinct()))
        self._parts[year] = parts
        return parts

    def _bincount(self, n: int, idx: np.ndarray, weights: np.ndarray | None = None) -> pl.Series:
        if idx.size == 0:
            return pl.Series("v", np.zeros(n, dtype=np.int64))
        counts = np.bincount(idx, weights=weights, minlength=n)
        return pl.Series("v", counts.astype(np.int64))

    # -- units ----------------------------------------------------------------------------
    def unit_feature(self, name: str) -> pl.Series:
        if name in self.unit:
            return self.unit[name]
        p = self.prep
        units = p.units
        if name == "category":
            # Categorical: gathering it for millions of people moves integers, not strings.
            s = units[name].cast(pl.Categorical)
        elif name in ("women", "parent_idx", "code"):
            s = units[name]
        elif name.startswith("registered@"):
            s = p.registered_units(int(name.split("@")[1]))
        elif name.startswith("live@"):
            s = p.live_in(int(name.split("@")[1]))
        elif name.startswith("up:"):
            # A standard read at a person's collective also holds when the collective is a
            # division (a Phòng Nội vụ) and the unit it belongs to was selected (Reading 2).
            s = self.unit_feature(name[3:]).fill_null(False)
            links = p.member_links
            if links.height:
                lifted = links.filter(s.gather(links["cidx"]))["uidx"].unique()
                if lifted.len():
                    s = s.scatter(lifted, True)
        elif name.startswith("std["):
            raise RuleError(f"chưa đánh giá tiêu chuẩn {name[4:name.index(']')]}")
        elif name.startswith("mt@"):
            year = int(name[3:])
            s = pl.Series("v", np.zeros(p.n_units, dtype=np.int64))
            for part in self._member_parts(year):
                s = s + self._bincount(p.n_units, part["uidx"].to_numpy())
        elif name.startswith("m["):
            key, year_s = name[2:].split("]@")
            year = int(year_s)
            s = pl.Series("v", np.zeros(p.n_units, dtype=np.int64))
            for part in self._member_parts(year):
                passed = self.person_atom(self.atoms[key], year)
                hit = passed.gather(part["pidx"]).fill_null(False).to_numpy()
                s = s + self._bincount(p.n_units, part["uidx"].to_numpy(),
                                       hit.astype(np.float64))
        elif name.startswith("n["):
            key, year_s = name[2:].split("]@")
            s = self._counted(self._counted_atom(key), int(year_s), "unit", p.n_units)
        else:
            measure, year_s = name.split("@")
            year = int(year_s)
            rows = p.unit_years.get(year)
            dtype: pl.DataType = pl.Int8() if measure == "cls" else pl.Int64()
            if rows is None:
                s = filled("v", None, p.n_units, dtype)
            else:
                s = self._scatter(p.n_units, rows["uidx"], rows[measure], dtype)
        self.unit[name] = s
        return s

    # -- people ---------------------------------------------------------------------------
    def person_feature(self, name: str) -> pl.Series:
        if name in self.person:
            return self.person[name]
        p = self.prep
        if name in ("women", "code"):
            s = p.people[name]
        elif name.startswith("registered@"):
            s = p.registered_people(int(name.split("@")[1]))
        elif name.startswith("std["):
            raise RuleError(f"chưa đánh giá tiêu chuẩn {name[4:name.index(']')]}")
        elif name.startswith("n["):
            key, year_s = name[2:].split("]@")
            s = self._counted(self._counted_atom(key), int(year_s), "person", p.n_people)
        elif name.startswith("workunit@"):
            year = int(name.split("@")[1])
            part = p.members.get(year)
            if part is None:
                s = filled("v", None, p.n_people, pl.Int32)
            else:
                own = _one_unit_each(part, p.units["active_from"], p.n_people, p.n_units)
                # The person's collective: the nearest collective at or above their unit
                # (Reading 2: a division's staff work for the department).
                coll = p.collective_of(self.collective)
                at = coll[own["uidx"].to_numpy()]
                values = pl.Series("v", at.astype(np.int32)).set(pl.Series(at < 0), None) \
                    if (at < 0).any() else pl.Series("v", at.astype(np.int32))
                s = self._scatter(p.n_people, own["pidx"], values, pl.Int32())
        elif name.startswith("disc@"):
            year = int(name.split("@")[1])
            part = p.discipline.get(year)
            if part is None:
                s = filled("v", 0, p.n_people, pl.Int8)
            else:
                s = self._scatter(p.n_people, part["pidx"], part["level"], pl.Int8()).fill_null(0)
        elif name.startswith("flag["):
            column, year_s = name[5:].split("]@")
            part = p.person_years.get(int(year_s))
            if part is None or column not in part.columns:
                s = filled("v", False, p.n_people, pl.Boolean)
            else:
                s = self._scatter(p.n_people, part["pidx"], part[column], pl.Boolean())
                s = s.fill_null(False)
        else:
            measure, year_s = name.split("@")
            part = p.person_years.get(int(year_s))
            if part is None:
                s = filled("v", None, p.n_people, pl.Int8)
            else:
                s = self._scatter(p.n_people, part["pidx"], part[measure], pl.Int8())
        self.person[name] = s
        return s

    def person_atom(self, atom: Atom, year: int) -> pl.Series:
        """The per-year test on every person (aligned), for member shares."""
        key = f"a[{atom_key(atom)}]@{year}"
        if key in self.person:
            return self.person[key]
        needs: dict[str, str] = {}

        def need(prefix: str, feat: str) -> str:
            needs[feat] = feat
            return feat

        expr = atom_expr(atom, "", year, need, self, entity="person")
        frame = pl.DataFrame({feat: self.person_feature(feat) for feat in needs}) if needs else \
            pl.DataFrame({"_": filled("_", 0, self.prep.n_people, pl.Int8)})
        s = frame.select(expr.alias("v")).to_series()
        self.person[key] = s
        return s

    def _counted_atom(self, key: str) -> Counted:
        atom = self.atoms[key]
        assert isinstance(atom, Counted)
        return atom

    def _counted(self, atom: Counted, year: int, owner: str, n: int) -> pl.Series:
        p = self.prep
        if atom.kind == "initiative":
            t = p.initiatives.filter((pl.col("owner_kind") == owner) & (pl.col("year") == year))
            if atom.recognised:
                t = t.filter(pl.col("recognised"))
            if atom.applied:
                t = t.filter(pl.col("applied"))
            if atom.level_op == ">=":
                t = t.filter(pl.col("level_v") >= atom.level)
            elif atom.level_op == "=":
                t = t.filter(pl.col("level_v") == atom.level)
        elif atom.kind == "prize":
            t = p.prizes.filter(pl.col("year") == year) if owner == "person" else p.prizes.clear()
            if atom.names:
                t = t.filter(pl.col("contest").is_in(list(atom.names)))
        else:
            t = p.awards.filter((pl.col("owner_kind") == owner) & (pl.col("year") == year))
            if atom.names:
                t = t.filter(pl.col("award").is_in(list(atom.names)))
        return self._bincount(n, t["idx"].to_numpy().astype(np.int64))

    def set_standard(self, entity: str, code: str, eligible: pl.Series, selected: pl.Series) -> None:
        target = self.unit if entity == "unit" else self.person
        target[f"std[{code}].eligible"] = eligible
        target[f"std[{code}].selected"] = selected


# ------------------------------------------------------------------------------ compiling

Need = Callable[[str, str], str]


def atom_expr(atom: Atom, prefix: str, year: int, need: Need, features: Features,
              entity: str) -> pl.Expr:
    """Boolean, null-free expression: does the entity at `prefix` pass `atom` in `year`."""
    if isinstance(atom, Compare):
        col = pl.col(need(prefix, f"{atom.measure}@{year}"))
        return _cmp(col, atom.op, scaled(atom.measure, atom.value)).fill_null(False)
    if isinstance(atom, Known):
        return pl.col(need(prefix, f"{atom.measure}@{year}")).is_not_null()
    if isinstance(atom, RankImproved):
        now = pl.col(need(prefix, f"rank@{year}"))
        before = pl.col(need(prefix, f"rank@{year - 1}"))
        return (now < before).fill_null(False)
    if isinstance(atom, Disciplined):
        return (pl.col(need(prefix, f"disc@{year}")) >= atom.min_level).fill_null(False)
    if isinstance(atom, Flag):
        return pl.col(need(prefix, f"flag[{atom.column}]@{year}")).fill_null(False)
    key = atom_key(atom)
    features.atoms[key] = atom
    return pl.col(need(prefix, f"n[{key}]@{year}")).fill_null(0) >= 1


def quantify_live(quant: Quantifier, per_year: list[pl.Expr], live: list[pl.Expr],
                  earlier: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    """`quantify` for units that may have ended during the period (a district abolished on
    1/7/2025): the years after a unit's end do not apply to it, and a single year it did not
    reach reads its last year (`earlier`: (live, test) of the years before, latest first).
    Units that lived through every year get exactly `quantify`."""
    if not per_year:
        return pl.lit(False)
    if quant.kind == "every":
        return pl.all_horizontal([~a | t for a, t in zip(live, per_year, strict=True)]) \
            & pl.any_horizontal(live)
    if quant.kind == "at_least":
        return pl.sum_horizontal([(a & t).cast(pl.Int32)
                                  for a, t in zip(live, per_year, strict=True)]) >= quant.n
    if quant.kind == "in_a_row":
        both = [a & t for a, t in zip(live, per_year, strict=True)]
        return quantify(quant, both)
    out: pl.Expr = pl.lit(False)
    for a, t in reversed([(live[0], per_year[0]), *earlier]):  # the latest live year wins
        out = pl.when(a).then(t).otherwise(out)
    return out


def quantify(quant: Quantifier, per_year: list[pl.Expr]) -> pl.Expr:
    if not per_year:
        return pl.lit(False)
    if quant.kind == "every":
        return pl.all_horizontal(per_year)
    if quant.kind == "at_least":
        return pl.sum_horizontal([e.cast(pl.Int32) for e in per_year]) >= quant.n
    if quant.kind == "in_a_row":
        n = quant.n
        windows = [pl.all_horizontal(per_year[i:i + n]) for i in range(len(per_year) - n + 1)]
        return pl.any_horizontal(windows) if windows else pl.lit(False)
    return per_year[0]


@dataclass
class Compiled:
    """The expressions of one standard over its candidate frame."""

    columns: dict[str, pl.Expr] = field(default_factory=dict)  # c:<cid> -> expr
    needs: set[tuple[str, str]] = field(default_factory=set)  # (prefix, feature)
    order: list[tuple[str, pl.Expr, bool]] = field(default_factory=list)  # (name, expr, desc)


class Compiler:
    def __init__(self, std: Standard, ctx: EvaluationContext, features: Features) -> None:
        self.std = std
        self.ctx = ctx
        self.features = features
        self.out = Compiled()
        self.quiet = 0  # > 0: compiling a second reading (another former parent): no columns

    def need(self, prefix: str, feat: str) -> str:
        self.out.needs.add((prefix, feat))
        return prefix + feat

    def entity(self, prefix: str) -> str:
        if self.std.subject == "collective" or prefix:
            return "unit"
        return "person"

    def compile(self) -> Compiled:
        root = self.cond(self.std.condition, "")
        self.out.columns["eligible"] = root
        prefix0 = "w." if self.std.subject == "individual" else ""
        self.need(prefix0, "category")
        for i, key in enumerate(self.std.order):
            self.out.order.append((f"k{i}", self.order_key(key), key.descending))
        return self.out

    def cond(self, node: Condition, prefix: str) -> pl.Expr:
        expr = self._cond(node, prefix)
        if node.cid and not self.quiet:
            self.out.columns[f"c:{node.cid}"] = expr
        return expr

    def _cond(self, node: Condition, prefix: str) -> pl.Expr:
        ctx = self.ctx
        if isinstance(node, AllOf):
            return pl.all_horizontal([self.cond(c, prefix) for c in node.children])
        if isinstance(node, AnyOf):
            return pl.any_horizontal([self.cond(c, prefix) for c in node.children])
        if isinstance(node, Not):
            assert node.child is not None
            return ~self.cond(node.child, prefix)
        if isinstance(node, IfThen):
            assert node.when is not None and node.then is not None
            return ~self.cond(node.when, prefix) | self.cond(node.then, prefix)
        if isinstance(node, Scoped):
            assert node.child is not None
            step = "p." if node.scope == "parent" else "w."
            self.need(prefix + step, "__idx")
            first = self.cond(node.child, prefix + step)
            extra = self.features.prep.max_parents if node.scope == "parent" else 1
            if extra == 1:
                return first
            # Reading 6: a unit formed after its predecessors' parents were abolished reads
            # each of them; all must pass (or one, «đơn vị cấp trên khi sáp nhập: một trong»).
            others = []
            self.quiet += 1
            for k in range(2, extra + 1):
                step_k = f"p{k}."
                present = pl.col(self.need(prefix + step_k, "__idx")).is_not_null()
                others.append((present, self.cond(node.child, prefix + step_k)))
            self.quiet -= 1
            if self.std.merged_parents == "any":
                return pl.any_horizontal([first, *[pr & e for pr, e in others]])
            return pl.all_horizontal([first, *[~pr | e for pr, e in others]])
        if isinstance(node, Registered):
            year = ctx.evaluation_year
            return pl.col(self.need(prefix, f"registered@{year}")).fill_null(False)
        if isinstance(node, InCategory):
            return pl.col(self.need(prefix, "category")).is_in(list(node.categories)).fill_null(
                False)
        if isinstance(node, StandardRef):
            lift = "up:" if prefix == "w." else ""
            cols = [pl.col(self.need(prefix, f"{lift}std[{c}].{node.mode}")).fill_null(False)
                    for c in node.codes]
            return pl.any_horizontal(cols)
        if isinstance(node, PerYear):
            assert node.quant is not None
            years = ctx.years(node.quant)
            entity = self.entity(prefix)
            per_year = [atom_expr(node.atom, prefix, y, self.need, self.features, entity)
                        for y in years]
            if entity == "unit" and self.features.prep.has_ended_units:
                return self._live(node.quant, prefix, years, per_year, lambda y: atom_expr(
                    node.atom, prefix, y, self.need, self.features, entity))
            return quantify(node.quant, per_year)
        if isinstance(node, MemberShare):
            assert node.quant is not None
            key = atom_key(node.atom)
            self.features.atoms[key] = node.atom
            per_year = []
            for y in ctx.years(node.quant):
                hit = pl.col(self.need(prefix, f"m[{key}]@{y}")).fill_null(0)
                total = pl.col(self.need(prefix, f"mt@{y}")).fill_null(0)
                if node.measure == "count":
                    per_year.append(_cmp(hit, node.op, node.amount))
                else:
                    per_year.append((total > 0) & _cmp(hit * 100, node.op, total * node.amount))
            if self.features.prep.has_ended_units:
                years = ctx.years(node.quant)
                return self._live(node.quant, prefix, years, per_year, None)
            return quantify(node.quant, per_year)
        if isinstance(node, CountOver):
            assert node.years is not None
            key = atom_key(node.atom)
            self.features.atoms[key] = node.atom
            years = node.years.resolve(ctx.period, ctx.evaluation_year)
            total = pl.sum_horizontal(
                [pl.col(self.need(prefix, f"n[{key}]@{y}")).fill_null(0) for y in years]
            )
            return total >= node.min_count
        raise RuleError(f"không đánh giá được điều kiện {node!r}")

    def _live(self, quant: Quantifier, prefix: str, years: list[int], per_year: list[pl.Expr],
              test: Callable[[int], pl.Expr] | None) -> pl.Expr:
        live = [pl.col(self.need(prefix, f"live@{y}")) for y in years]
        earlier: list[tuple[pl.Expr, pl.Expr]] = []
        if quant.kind == "in_year" and test is not None:
            earlier = [(pl.col(self.need(prefix, f"live@{y}")), test(y))
                       for y in range(years[0] - 1, self.ctx.period.start - 1, -1)]
        return quantify_live(quant, per_year, live, earlier)

    def order_key(self, key: OrderKey) -> pl.Expr:
        ctx = self.ctx
        prefix = "w." if key.scope == "workunit" else ""
        if key.kind == "value":
            assert key.year is not None
            year = key.year.resolve(ctx.period, ctx.evaluation_year)
            return pl.col(self.need(prefix, f"{key.measure}@{year}"))
        assert key.years is not None
        years = key.years.resolve(ctx.period, ctx.evaluation_year)
        if key.kind == "mean":
            cols = [pl.col(self.need(prefix, f"{key.measure}@{y}")) for y in years]
            total = pl.sum_horizontal(cols)
            n = pl.sum_horizontal([c.is_not_null().cast(pl.Int64) for c in cols])
            # integer hundredths, half up: the same result whatever the order of summation
            return pl.when(n > 0).then((2 * total + n) // (2 * n)).otherwise(None)
        if key.kind == "years_count":
            assert key.atom is not None
            entity = self.entity(prefix)
            return pl.sum_horizontal([
                atom_expr(key.atom, prefix, y, self.need, self.features, entity).cast(pl.Int32)
                for y in years
            ])
        assert isinstance(key.atom, Counted)
        k = atom_key(key.atom)
        self.features.atoms[k] = key.atom
        return pl.sum_horizontal([pl.col(self.need(prefix, f"n[{k}]@{y}")).fill_null(0)
                                  for y in years])


# ------------------------------------------------------------------------------ evaluation


def _candidates(std: Standard, ctx: EvaluationContext, features: Features) -> pl.DataFrame:
    """idx of the candidates (and their work unit for individuals), in index order."""
    p = features.prep
    y = ctx.evaluation_year
    units = p.units
    active = (
        (pl.col("active_from").is_null() | (pl.col("active_from") <= y))
        & (pl.col("active_to").is_null() | (pl.col("active_to") >= y))
    )
    if std.subject == "collective":
        keep = active
        ended = p.successors.filter(pl.col("effective_year") <= y)["predecessor"]
        if ended.len():
            keep = keep & ~pl.col("uidx").is_in(ended.implode())
        if std.categories is not None:
            keep = keep & pl.col("category").is_in(list(std.categories))
        return units.lazy().filter(keep).select(pl.col("uidx").alias("__idx")).collect()
    wu = features.person_feature(f"workunit@{y}")
    frame = pl.DataFrame({"__idx": pl.int_range(p.n_people, dtype=pl.Int32, eager=True),
                          "w.__idx": wu}).filter(pl.col("w.__idx").is_not_null())
    if std.categories is not None:
        cats = units["category"]
        frame = frame.filter(cats.gather(frame["w.__idx"]).is_in(list(std.categories)))
    return frame


def _frame(std: Standard, comp: Compiled, cand: pl.DataFrame, features: Features) -> pl.DataFrame:
    """Gather every needed feature for the candidates through their scopes."""
    p = features.prep
    idx: dict[str, pl.Series] = {"": cand["__idx"]}
    if "w.__idx" in cand.columns:
        idx["w."] = cand["w.__idx"]
    prefixes = sorted({pre for pre, _ in comp.needs} | set(idx), key=len)
    for pre in prefixes:  # shortest first
        if pre not in idx:
            # A longer scope is a shorter one plus a parent step: "p." (the parent) or "pK."
            # (the K-th former parent of a unit of Reading 6); "w." comes with the candidates
            # (a person's collective), and the parser allows parents only after a unit.
            steps = pre.rstrip(".").split(".")
            last = steps[-1]
            k = 1 if last == "p" else int(last[1:])
            base = ".".join(steps[:-1]) + "." if len(steps) > 1 else ""
            idx[pre] = p.parent_column(k).gather(idx[base])
    parts = [pl.DataFrame([idx[pre].alias(pre + "__idx") for pre in prefixes])]
    n_self = p.n_units if std.subject == "collective" else p.n_people
    everyone = cand.height == n_self  # candidates are sorted and unique: all, in index order
    by_prefix: dict[str, list[str]] = {}
    for pre, feat in sorted(comp.needs):
        if feat != "__idx":
            by_prefix.setdefault(pre, []).append(feat)
    for pre, feats in by_prefix.items():
        unit_level = std.subject == "collective" or bool(pre)
        get = features.unit_feature if unit_level else features.person_feature
        aligned = pl.DataFrame([get(feat).alias(pre + feat) for feat in feats])
        if pre == "" and everyone:
            parts.append(aligned)  # already in candidate order
        elif idx[pre].null_count() == 0:
            parts.append(aligned[idx[pre]])  # one take for all the columns
        else:  # a missing parent: gather gives nulls
            parts.append(aligned.select(pl.all().gather(idx[pre])))
    return pl.concat(parts, how="horizontal")


def evaluate_standard(
    std: Standard, ctx: EvaluationContext, features: Features
) -> pl.DataFrame:
    """One row per candidate: features, c:<cid> condition columns, eligible, quota columns."""
    from thidua.rules.quota import allocate

    comp = Compiler(std, ctx, features).compile()
    cand = _candidates(std, ctx, features)
    entity = "unit" if std.subject == "collective" else "person"
    self_ref = any(std.code in r.codes for r in std.references())
    n = features.prep.n_units if entity == "unit" else features.prep.n_people
    if self_ref:
        false = filled("v", False, n, pl.Boolean)
        features.set_standard(entity, std.code, false, false)
    base = _frame(std, comp, cand, features)
    own = [c for c in base.columns if f"std[{std.code}]" in c]
    # Allocation is needed inside the loop only when the standard reads its own selection.
    select_inside = any(c.endswith(".selected") for c in own)
    for _ in range(MAX_FIXPOINT):
        frame = base.lazy().with_columns(
            [e.alias(name) for name, e in comp.columns.items()]
        ).with_columns([e.alias(name) for name, e, _ in comp.order]).collect()
        if not self_ref:
            break
        if select_inside:
            frame = allocate(frame, std, comp, features, ctx.evaluation_year)
            eligible, selected = _aligned_result(frame, n)
        else:
            eligible, selected = _aligned_result(frame, n, with_selected=False)
        # Stable when the values the candidates read at their parents would not change:
        # the tree is finite, so this happens after (depth of the tree) rounds at most.
        features.set_standard(entity, std.code, eligible, selected)
        now = [_regather(features, entity, base, col) for col in own]
        if all(a.equals(base[b]) for a, b in zip(now, own, strict=True)):
            break
        base = base.with_columns(now)
    else:
        raise RuleError(f"tiêu chuẩn {std.code} tham chiếu đơn vị cấp trên không hội tụ")
    if not select_inside:
        frame = allocate(frame, std, comp, features, ctx.evaluation_year)
    eligible, selected = _aligned_result(frame, n)
    features.set_standard(entity, std.code, eligible, selected)
    return frame


def _regather(features: Features, entity: str, base: pl.DataFrame, column: str) -> pl.Series:
    """Read an own-standard feature again through the scope it was read at ("p.", "w.p."…)."""
    cut = column.index("std[")
    pre, feat = column[:cut], column[cut:]
    unit_level = entity == "unit" or bool(pre)
    series = features.unit[feat] if unit_level else features.person[feat]
    return series.gather(base[pre + "__idx"]).alias(column)


def _aligned_result(frame: pl.DataFrame, n: int,
                    with_selected: bool = True) -> tuple[pl.Series, pl.Series]:
    idx = frame["__idx"]
    base = filled("v", False, n, pl.Boolean)
    eligible = base.clone().scatter(idx, frame["eligible"]) if frame.height else base
    if not with_selected:
        return eligible, base
    selected = base.clone().scatter(idx, frame["selected"]) if frame.height else base
    return eligible, selected


# ------------------------------------------------------------------------------ results


@dataclass
class CampaignResult:
    """The outcome of every evaluated standard of one run."""

    rules: RuleSet
    context: EvaluationContext
    prepared: Prepared
    frames: dict[str, pl.DataFrame]
    features: Features | None = None  # per-year facts computed for this run, reusable

    def __getitem__(self, code: str) -> StandardResult:
        cache = self.__dict__.setdefault("_results", {})
        if code not in cache:
            cache[code] = StandardResult(self.rules[code], self.frames[code], self)
        return cache[code]

    def codes(self) -> list[str]:
        return list(self.frames)

    def results(self) -> list[StandardResult]:
        """Every evaluated standard's result, in evaluation (dependency) order."""
        return [self[c] for c in self.frames]


@dataclass
class StandardResult:
    standard: Standard
    frame: pl.DataFrame
    run: CampaignResult

    def selected_frame(self) -> pl.DataFrame:
        """The selected rows in rank order (cached: explanations of cut candidates read it)."""
        cached = self.__dict__.get("_selected")
        if cached is None:
            cached = self.frame.filter(pl.col("selected")).sort("q_rank")
            self.__dict__["_selected"] = cached
        return cached

    def _codes(self, mask: str) -> list[str]:
        f = self.frame.filter(pl.col(mask))
        if "q_rank" in f.columns:
            f = f.sort("q_rank")
        return [self._code_of(i) for i in f["__idx"].to_list()]

    def _code_of(self, idx: int) -> str:
        p = self.run.prepared
        if self.standard.subject == "collective":
            return str(p.units["code"][idx])
        return str(p.people["code"][idx])

    def eligible(self) -> list[str]:
        """Codes of the candidates that meet the standard, best ranked first."""
        return self._codes("eligible")

    def selected(self) -> list[str]:
        """Codes of the candidates within the quota, best ranked first."""
        return self._codes("selected")

    def row(self, code: str) -> dict | None:
        from thidua.rules.explain import find_row

        return find_row(self, code)

    def explain(self, code: str) -> str:
        from thidua.rules.explain import explain

        return explain(self, code)

    def record(self, code: str) -> dict:
        from thidua.rules.explain import record

        return record(self, code)

    def outcome_frame(self, only: str | None = None) -> pl.DataFrame:
        """Everyone's outcome as columns, without rendering text (fast at national scale):
        candidate code, eligible, selected, rank, quota columns, one boolean per condition
        (`c:<id>`) and the values the conditions read (feature columns, `p.`/`w.` for the
        parent and work unit). `write_ndjson` on it exports millions of rows in seconds;
        `explain(code)` gives the Vietnamese text of any one of them."""
        frame = self.frame if only is None else self.frame.filter(pl.col(only))
        p = self.run.prepared
        table = p.units if self.standard.subject == "collective" else p.people
        codes = table["code"].gather(frame["__idx"]).alias("candidate")
        return frame.select(
            codes, pl.lit(self.standard.code).alias("standard"), pl.exclude("__idx"),
        )

    def write_jsonl(self, path: str, only: str | None = None) -> int:
        """Every candidate's record, one JSON object per line (UTF-8); returns the count."""
        import json

        n = 0
        with open(path, "w", encoding="utf-8") as out:
            for rec in self.records(only):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n

    def records(self, only: str | None = None) -> Iterable[dict]:
        """Every candidate's record (or only "eligible"/"selected"), for a JSON export."""
        from thidua.rules.explain import records

        return records(self, only)


def evaluate(
    rules: RuleSet,
    facts: Facts | Prepared,
    *,
    evaluation_year: int | None = None,
    parameters: Parameters | None = None,
    standards: Iterable[str] | None = None,
    features: Features | None = None,
) -> CampaignResult:
    """Evaluate the standards (all, or the named ones and what they depend on) in
    dependency order over every candidate at once."""
    prepared = facts if isinstance(facts, Prepared) else prepare(facts, parameters)
    ctx = EvaluationContext.for_ruleset(rules, evaluation_year)
    feats = features or Features(prepared)
    feats.configure(rules)
    wanted = _closure(rules, standards)
    frames: dict[str, pl.DataFrame] = {}
    for std in rules.standards:
        if std.code in wanted:
            frames[std.code] = evaluate_standard(std, ctx, feats)
    return CampaignResult(rules, ctx, prepared, frames, feats)


def _closure(rules: RuleSet, standards: Iterable[str] | None) -> set[str]:
    if standards is None:
        return set(rules.codes())
    todo = list(standards)
    seen: set[str] = set()
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        try:
            std = rules[code]
        except KeyError:
            raise RuleError(f'không có tiêu chuẩn "{code}"') from None
        seen.add(code)
        for ref in std.references():
            todo.extend(c for c in ref.codes if c != code)
        todo.extend(std.higher)
    return seen


__all__ = ["CampaignResult", "EvaluationContext", "Features", "StandardResult", "evaluate"]
