"""The parsed form of award standards: immutable nodes with their source position and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Subject = Literal["collective", "individual"]
Scope = Literal["parent", "workunit"]
RefMode = Literal["eligible", "selected"]


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


@dataclass(frozen=True)
class Period:
    """The campaign period, whole years inclusive (2021..2025)."""

    start: int
    end: int

    def years(self) -> range:
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


# --- years -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearRef:
    """A year written as a number or relative to the evaluation: năm xét, năm trước, năm cuối."""

    base: Literal["abs", "eval", "start", "end"]
    value: int = 0  # the year for "abs", an offset otherwise

    def resolve(self, period: Period, evaluation_year: int) -> int:
        if self.base == "abs":
            return self.value
        anchor = {"eval": evaluation_year, "start": period.start, "end": period.end}[self.base]
        return anchor + self.value

    def __str__(self) -> str:
        if self.base == "abs":
            return str(self.value)
        name = {"eval": "năm xét", "start": "năm đầu", "end": "năm cuối"}[self.base]
        if self.value:
            return f"{name} {'+' if self.value > 0 else '-'} {abs(self.value)}"
        return name


@dataclass(frozen=True)
class YearRange:
    first: YearRef
    last: YearRef

    def resolve(self, period: Period, evaluation_year: int) -> list[int]:
        a = self.first.resolve(period, evaluation_year)
        b = self.last.resolve(period, evaluation_year)
        return list(range(a, b + 1))


@dataclass(frozen=True)
class Quantifier:
    """How a per-year test is read across years."""

    kind: Literal["every", "at_least", "in_a_row", "in_year"]
    years: YearRange
    n: int = 1


# --- per-year tests (atoms) --------------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    """measure OP value in a year: classification, score, rank, SIPAS, PCI, PAPI, rating, title."""

    measure: str
    op: str
    value: float


@dataclass(frozen=True)
class Known:
    """The measure has a value that year ("có điểm CCHC năm xét")."""

    measure: str


@dataclass(frozen=True)
class RankImproved:
    """Rank that year strictly better (smaller) than the year before."""


@dataclass(frozen=True)
class Disciplined:
    """Disciplined that year at min_level or above (1 = khiển trách = any)."""

    min_level: int = 1


@dataclass(frozen=True)
class Flag:
    """A boolean attestation of the person-year (column of person_years)."""

    column: str
    label: str


@dataclass(frozen=True)
class Counted:
    """Initiatives, contest prizes or prior awards of the subject in a year, filtered."""

    kind: Literal["initiative", "prize", "award"]
    recognised: bool = False
    applied: bool = False
    level_op: str = ""  # "", "=", ">="
    level: int = 0
    names: tuple[str, ...] = ()  # contests or award codes

    def key(self) -> str:
        parts = [self.kind, "r" if self.recognised else "", "a" if self.applied else ""]
        parts += [self.level_op.replace(">=", "ge").replace("=", "eq"), str(self.level)]
        parts += [n.replace("-", "_") for n in self.names]
        return "_".join(p for p in parts if p)


Atom = Compare | Known | RankImproved | Disciplined | Flag | Counted


# --- conditions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cond:
    """Common fields: where it was written, its text, its own citation, its id ("2.1")."""

    pos: Pos = field(compare=False)
    text: str = field(compare=False)
    clause: str | None = field(default=None, compare=False)
    cid: str = field(default="", compare=False)


@dataclass(frozen=True)
class PerYear(Cond):
    atom: Atom = field(default_factory=RankImproved)
    quant: Quantifier | None = None


@dataclass(frozen=True)
class MemberShare(Cond):
    """Share (0..100) or count of the members of a year passing an atom, compared per year."""

    measure: Literal["share", "count"] = "share"
    op: str = ">="
    amount: float = 100.0
    atom: Atom = field(default_factory=RankImproved)
    quant: Quantifier | None = None


@dataclass(frozen=True)
class CountOver(Cond):
    """At least n initiatives / prizes / awards over a range of years."""

    atom: Counted = field(default_factory=lambda: Counted("initiative"))
    min_count: int = 1
    years: YearRange | None = None


@dataclass(frozen=True)
class Registered(Cond):
    pass


@dataclass(frozen=True)
class InCategory(Cond):
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class StandardRef(Cond):
    codes: tuple[str, ...] = ()
    mode: RefMode = "eligible"
    code_pos: tuple[Pos, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Scoped(Cond):
    scope: Scope = "parent"
    child: Condition | None = None


@dataclass(frozen=True)
class AllOf(Cond):
    children: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class AnyOf(Cond):
    children: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Not(Cond):
    child: Condition | None = None


@dataclass(frozen=True)
class IfThen(Cond):
    when: Condition | None = None
    then: Condition | None = None


Condition = (
    PerYear | MemberShare | CountOver | Registered | InCategory | StandardRef | Scoped
    | AllOf | AnyOf | Not | IfThen
)


# --- quotas and ranking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """A number of awards, or a percentage of the category's size."""

    count: int | None = None
    percent: float | None = None

    def __str__(self) -> str:
        if self.percent is not None:
            return f"{self.percent:g}%"
        return str(self.count)


@dataclass(frozen=True)
class Quota:
    per_category: tuple[tuple[str, Amount], ...] = ()
    every_category: Amount | None = None
    per_unit: int | None = None
    total: int | None = None

    def is_empty(self) -> bool:
        return not (self.per_category or self.every_category or self.per_unit or self.total)


@dataclass(frozen=True)
class OrderKey:
    """One ranking key: a measure in a year, its average or count of years, or initiatives."""

    kind: Literal["value", "mean", "years_count", "count"]
    measure: str = ""  # for value/mean; atom for years_count/count
    year: YearRef | None = None
    years: YearRange | None = None
    atom: Atom | None = None
    descending: bool = True
    scope: Scope | None = None  # "workunit": key read from the person's unit
    text: str = ""


@dataclass(frozen=True)
class Standard:
    code: str
    title: str
    clause: str
    subject: Subject
    categories: tuple[str, ...] | None
    condition: AllOf
    quota: Quota
    order: tuple[OrderKey, ...]
    tiebreak: tuple[Literal["women", "code"], ...]
    pos: Pos
    source: str  # the standard's own text, as written
    # «hình thức cao hơn: X, Y»: one achievement, one form (Law 06/2022/QH15): a candidate
    # selected for X or Y receives that form and takes no place in this standard's quota.
    higher: tuple[str, ...] = ()
    higher_pos: tuple[Pos, ...] = field(default=(), compare=False)
    higher_clause: str | None = None
    # «đơn vị cấp trên khi sáp nhập: tất cả | một trong»: how a unit formed after its level's
    # parents were abolished (a 2025 commune) reads "its district": all or any of them.
    merged_parents: Literal["all", "any"] = "all"

    def references(self) -> list[StandardRef]:
        out: list[StandardRef] = []

        def walk(node: Condition | None) -> None:
            if isinstance(node, StandardRef):
                out.append(node)
            for child in _children(node):
                walk(child)

        walk(self.condition)
        return out


def _children(node: Condition | None) -> tuple[Condition, ...]:
    if isinstance(node, AllOf | AnyOf):
        return node.children
    if isinstance(node, Not) and node.child is not None:
        return (node.child,)
    if isinstance(node, Scoped) and node.child is not None:
        return (node.child,)
    if isinstance(node, IfThen) and node.when is not None and node.then is not None:
        return (node.when, node.then)
    return ()


def children(node: Condition | None) -> tuple[Condition, ...]:
    """The direct sub-conditions of a group, negation, scope or 'nếu'."""
    return _children(node)


@dataclass(frozen=True)
class RuleSet:
    """All standards of one campaign text, in dependency order."""

    period: Period
    standards: tuple[Standard, ...]
    text: str

    def __getitem__(self, code: str) -> Standard:
        for s in self.standards:
            if s.code == code:
                return s
        raise KeyError(code)

    def codes(self) -> list[str]:
        return [s.code for s in self.standards]
