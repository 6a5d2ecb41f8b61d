"""What a person reads must be plain Vietnamese: `assert_plain(text)` fails on what leaks.

It fails on a raw internal code — a unit-category code (`so-nganh`), an award-form code
(`flag_province`), a standard code (`KG-P-FLAG`), a status value stored in the database
(`under_appraisal`, `draft`), any snake_case identifier —, on "None", on English UI words and
Django/DRF's English messages, on escaped JSON and on tracebacks.

The codes are read from the catalogues, never from a hand-kept list: the demo's unit categories
(thidua/demo/organisation.py), the award-form catalogue (thidua/rules/award_forms.yaml), the
standards of the rule catalogue (thidua/rules/catalogue/*.thidua), the emulation-title scale, and
the choices of every model field (Django's app registry). Codes that live only in a database (a
campaign's own standards) are passed by the caller: `assert_plain(text, codes=database_codes())`.

What a page shows as code on purpose — the rule language in a <pre>, <code> or <textarea> — is
left out by `html_text` and `page_text`, which turn a page into the text a person reads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

# English a Vietnamese screen never needs (case-sensitive; whole words or phrases).
ENGLISH_UI = (
    "Submit", "Save", "Cancel", "Delete", "Edit", "Search", "Login", "Log in", "Logout",
    "Log out", "Sign in", "Sign out", "Password", "Username", "Loading", "Next", "Previous",
    "Back", "Home", "Dashboard", "Settings", "Download", "Upload", "Error", "Warning",
    "Success", "Failed", "Yes", "True", "False", "true", "false", "null", "undefined", "NaN",
    "Not Found", "Forbidden", "Server Error", "Bad Request", "Page not found", "Unauthorized",
    "This field", "Enter a valid", "Select a valid", "Ensure this", "is required",
    "Authentication credentials", "You do not have permission", "not allowed",
    "does not exist", "Invalid", "invalid", "required", "Method", "Object of type",
)
_ENGLISH = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ENGLISH_UI) + r")(?![\w-])")
_NONE = re.compile(r"(?<![\w-])None(?![\w-])")
_SNAKE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-]|\.\w)")
_ESCAPED_JSON = re.compile(r"[{\[]\s*\"[^\"\n]{1,60}\"\s*:|\\u[0-9a-fA-F]{4}|\\\"|&quot;|&#x?[0-9a-fA-F]+;")
_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|"
    r"(?<![\w-])[A-Z][A-Za-z]*(?:Error|Exception|DoesNotExist)(?![\w-])")

# A lower-case ASCII word shaped like a Vietnamese syllable written without its marks ("ba",
# "tinh", "xa") is ordinary text, not a leaked code: only codes not shaped so are looked for
# as single words (hyphenated and snake_case codes are always looked for).
_SYLLABLE = re.compile(
    r"(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnptiouy])?")

ROOT = Path(__file__).resolve().parents[1]


def _is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.fullmatch(word))


@lru_cache(maxsize=1)
def catalogue_codes() -> frozenset[str]:
    """Every internal code the catalogues define (see the module docstring)."""
    from django.apps import apps

    from thidua.demo.organisation import CATEGORIES
    from thidua.rules.award_forms import catalogue
    from thidua.rules.vocab import SCALES

    codes: set[str] = {c.code for c in CATEGORIES}
    codes.update(catalogue().codes())
    for scale in SCALES.values():
        codes.update(scale.codes)
    for path in sorted((ROOT / "thidua" / "rules" / "catalogue").glob("*.thidua")):
        codes.update(re.findall(r"^tiêu chuẩn (\S+)", path.read_text("utf-8"), flags=re.M))
    for model in apps.get_models():
        if not model.__module__.startswith("thidua."):
            continue
        for field in model._meta.concrete_fields:
            if field.choices:
                for value, label in field.flatchoices:
                    if isinstance(value, str) and value != label:
                        codes.add(value)
    return frozenset(_worth_looking_for(codes))


def _worth_looking_for(codes: Iterable[str]) -> Iterable[str]:
    for code in codes:
        if not code.isascii() or len(code) < 2:
            continue  # labels stored as values ("KẾ HOẠCH"), one-letter codes ("F", "M")
        if code.islower() and code.isalpha() and _is_syllable(code):
            continue
        yield code


def database_codes() -> frozenset[str]:
    """Codes stored only in the database: unit categories and every campaign's standards."""
    from thidua.campaigns.models import AwardStandard
    from thidua.org.models import UnitCategory

    codes = set(UnitCategory.objects.values_list("code", flat=True))
    codes.update(AwardStandard.objects.values_list("code", flat=True))
    return frozenset(_worth_looking_for(codes))


def contest_codes() -> frozenset[str]:
    """The codes of the contests (online and writing) a standard names in «đạt giải cuộc thi …»:
    an explanation names the contest, never its code. Not in database_codes() because a
    contest's own pages show its code as the code it is."""
    from thidua.contests.models import Contest
    from thidua.writing.models import WritingContest

    codes = set(Contest.objects.values_list("code", flat=True))
    codes.update(WritingContest.objects.values_list("code", flat=True))
    return frozenset(_worth_looking_for(codes))


@lru_cache(maxsize=8)
def _code_pattern(codes: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(codes, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in ordered) + r")(?![\w-])")


def _snippet(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 40):end + 40].split())


def problems(text: str, *, codes: Iterable[str] = (), allow: Iterable[str] = ()) -> list[str]:
    """What in `text` is not plain Vietnamese, each with the words around it. `allow`: words
    that are a person's own data although they look like code (a login name "ada_admin")."""
    allowed = set(allow)
    found: list[str] = []
    checks: list[tuple[str, re.Pattern[str]]] = [
        ("mã nội bộ", _code_pattern(catalogue_codes() | frozenset(_worth_looking_for(codes)))),
        ("None", _NONE),
        ("tên biến", _SNAKE),
        ("tiếng Anh", _ENGLISH),
        ("JSON thô", _ESCAPED_JSON),
        ("lỗi chương trình", _TRACEBACK),
    ]
    seen: set[tuple[str, str]] = set()
    for what, pattern in checks:
        for match in pattern.finditer(text):
            key = (what, match.group(0))
            if key in seen or match.group(0) in allowed:
                continue
            seen.add(key)
            found.append(f"{what} «{match.group(0)}» in «{_snippet(text, *match.span())}»")
    return found


def assert_plain(text: str, *, where: str = "", codes: Iterable[str] = (),
                 allow: Iterable[str] = ()) -> None:
    """Fail, naming each leak and the words around it, unless `text` is plain Vietnamese."""
    found = problems(text, codes=codes, allow=allow)
    assert not found, f"{where or 'text'}: " + "; ".join(found)


class _TextOf(HTMLParser):
    """The text of a page as a person reads it: no script, style, or code shown as code;
    with the labels a screen shows without text nodes (placeholder, title, alt, button value)."""

    SKIP = {"script", "style", "pre", "code", "textarea", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        values = dict(attrs)
        for name in ("placeholder", "title", "alt", "aria-label"):
            if values.get(name):
                self.parts.append(f" {values[name]} ")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(f" {values['value']} ")
        if tag not in self.VOID:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif not self.skipping:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The text a person reads on an HTML page (see _TextOf)."""
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return re.sub(r"[ \t\r\f\v]+", " ", html.unescape("".join(parser.parts)))


_PAGE_TEXT_JS = """() => {
  let text = document.body.innerText;
  document.querySelectorAll('body pre, body code').forEach(e => {
    if (e.innerText) text = text.replace(e.innerText, ' ');
  });
  const extra = [];
  document.querySelectorAll('body [placeholder], body [title], body [alt], body [aria-label]')
    .forEach(e => {
      for (const a of ['placeholder', 'title', 'alt', 'aria-label']) {
        if (e.getAttribute(a)) extra.push(e.getAttribute(a));
      }
    });
  return text + '\\n' + extra.join('\\n');
}"""


def page_text(page: Any) -> str:
    """The text a person reads on a Playwright page (as html_text, from the live DOM)."""
    return str(page.evaluate(_PAGE_TEXT_JS))


def assert_page_plain(page: Any, *, where: str = "", codes: Iterable[str] = (),
                      allow: Iterable[str] = ()) -> None:
    """assert_plain on a Playwright page's readable text; `where` defaults to its URL."""
    assert_plain(page_text(page), where=where or str(page.url), codes=codes, allow=allow)
