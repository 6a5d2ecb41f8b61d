"""Canonical texts of the seed plans' standards, one .thidua file per plan, and their loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua.rules.ast import Period, RuleSet
from thidua.rules.parser import parse

HERE = Path(__file__).parent

PLANS: dict[str, str] = {
    "000": "000_dak_nong.thidua",
    "001": "001_thuan_nam.thidua",
    "002": "002_kien_giang.thidua",
    "003": "003_ban_dan_toc.thidua",
    "004": "004_ha_giang.thidua",
    "law-2022": "law_2022.thidua",
    "AG26": "an_giang_2026.thidua",  # the demo's two-level 2026-2030 plan (issue 15)
}


@dataclass(frozen=True)
class CatalogueEntry:
    """One standard as the campaigns app stores it: code, title, clause and its own text."""

    code: str
    title: str
    clause: str
    subject: str
    text: str


def text(plan: str) -> str:
    """The whole rule text of a plan ("002" or "law-2022")."""
    try:
        name = PLANS[plan]
    except KeyError:
        raise KeyError(f"không có danh mục tiêu chuẩn cho kế hoạch {plan!r}") from None
    return (HERE / name).read_text("utf-8")


def load(plan: str, *, period: Period | None = None) -> RuleSet:
    """Parse a plan's standards (the law file needs a period: it has no «giai đoạn» line)."""
    return parse(text(plan), period=period)


def entries(plan: str, *, period: Period | None = None) -> list[CatalogueEntry]:
    """The standards of a plan, each with its own text (as written, in dependency order)."""
    rules = load(plan, period=period)
    return [CatalogueEntry(s.code, s.title, s.clause, s.subject, s.source) for s in rules.standards]


def compose(period: Period, texts: list[str]) -> str:
    """One campaign text from its standards' own texts (as stored one by one), with the
    period line first; parse the result to evaluate them together."""
    head = f"giai đoạn {period.start}..{period.end}"
    return "\n\n".join([head, *[t.strip("\n") for t in texts]]) + "\n"
