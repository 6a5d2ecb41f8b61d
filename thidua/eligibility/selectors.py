"""Reads of the eligibility part: the names people read for the codes a rule or an explanation
writes (categories, contests, award forms, standards), and `plain`, which puts them in. Other
parts showing an explanation of the rules engine (the initiative page) read it through here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from thidua.contests.models import Contest
from thidua.org.models import UnitCategory
from thidua.rules.award_forms import catalogue as award_form_catalogue
from thidua.writing.models import WritingContest

_CATEGORY_LIST = re.compile(r"\bkhối ([a-z0-9][a-z0-9-]*(?:, [a-z0-9][a-z0-9-]*)*)")


def category_names() -> dict[str, str]:
    """Category code -> the name people read («Sở, ban, ngành»)."""
    return dict(UnitCategory.objects.values_list("code", "name"))


def code_names(rules: Any = None) -> dict[str, str]:
    """The other codes a rule or an explanation writes, by the name people read: contests
    («truc-tuyen-cchc» -> its title), award forms of the catalogue («flag_province» -> «Cờ thi
    đua của Ủy ban nhân dân tỉnh»), and the standards of `rules` (a code -> its title). Keys are
    lower case (the rule language reads codes without case)."""
    pairs: list[tuple[str, str]] = []
    forms = award_form_catalogue()
    pairs += [(code, forms.name_of(code)) for code in forms.codes()]
    pairs += list(WritingContest.objects.order_by("closes_at").values_list("code", "title"))
    pairs += list(Contest.objects.values_list("code", "title"))
    pairs += [(s.code, s.title or s.code) for s in (rules.standards if rules is not None else ())]
    return {code.lower(): name for code, name in pairs if _looks_like_code(code)}


def _looks_like_code(code: str) -> bool:
    """Only what cannot be an ordinary word of a sentence is replaced: a code with a hyphen,
    an underscore or a capital and at least one letter ("viet-sang-kien", "flag_province",
    "KG-P-FLAG") — never a bare word ("thi") or a number (a year) that a sentence may hold."""
    return (len(code) >= 3 and any(c.isalpha() for c in code)
            and (any(c in "-_" for c in code) or any(c.isupper() for c in code)))


@lru_cache(maxsize=16)
def _codes_pattern(codes: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(codes, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in ordered) + r")(?![\w-])",
                      re.IGNORECASE)


def plain(text: str, names: Mapping[str, str], codes: Mapping[str, str] | None = None) -> str:
    """Category codes in a sentence of the engine or the rule replaced by their names:
    «hạng 4 trong khối xa» -> «hạng 4 trong khối «Xã, phường, thị trấn»»; and the contests, award
    forms and standards of `codes` (code_names) by theirs, in «»: «giải viet-sang-kien» ->
    «giải «Cuộc thi viết tìm kiếm sáng kiến CCHC»». Words that are no code stay as written."""

    def name(match: re.Match[str]) -> str:
        parts = match.group(1).split(", ")
        known = 0
        while known < len(parts) and parts[known] in names:
            known += 1
        if not known:
            return match.group(0)
        shown = ", ".join(f"«{names[c]}»" for c in parts[:known])
        rest = ", ".join(parts[known:])
        return f"khối {shown}" + (f", {rest}" if rest else "")

    if not text:
        return text
    if "khối " in text:  # the category pattern needs the word: most texts lack it
        text = _CATEGORY_LIST.sub(name, text)
    if codes:
        text = _codes_pattern(frozenset(codes)).sub(
            lambda m: f"«{codes[m.group(0).lower()]}»", text)
        # «tiêu chuẩn KG-P-FLAG «Cờ thi đua…»» (a code before its own title) reads the title once.
        text = _TWICE.sub(r"«\1»", text)
    return text


_TWICE = re.compile(r"«([^«»]+)» «\1»")


