"""Content-Security-Policy and Permissions-Policy on every page, and no page that needs more:
no inline script, no on…= handler, scripts only from our own static files."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.samples import SAMPLES
from thidua.core.urlwalk import walk

EXCLUDED = tuple(settings.CONTENT_SECURITY_POLICY["EXCLUDE_URL_PREFIXES"])


class InlineCode(HTMLParser):
    """Collects what a strict script-src would block: inline scripts and event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.found += [f"<{tag} {k}=…>" for k in names if k.startswith("on")]
        self.found += [f"<{tag} {k}=javascript:…>" for k, v in attrs if k in ("href", "src", "action")
                       and (v or "").strip().lower().startswith("javascript:")]
        # a JSON data block (json_script) is not run, so a CSP does not concern it
        data_only = names.get("type") in ("application/json", "application/ld+json")
        self._in_script = tag == "script" and "src" not in names and not data_only

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}…")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_policy_allows_no_inline_script_and_no_eval():
    script = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert script == ["'self'"]
    assert "default-src" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


def test_no_template_carries_inline_script():
    roots = [Path(settings.BASE_DIR) / "thidua"]
    found = {str(p): inline_code(p.read_text(encoding="utf-8"))
             for root in roots for p in root.rglob("templates/**/*.html")}
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_the_parser_finds_what_it_looks_for():
    assert inline_code('<script>alert(1)</script><a onclick="x()">a</a><script src="/s.js"></script>'
                       '<script type="application/json">{"a": 1}</script>') == [
        "<script>alert(1)…", "<a onclick=…>"]


@pytest.mark.django_db
def test_every_page_is_served_under_the_headers_and_needs_nothing_inline(world, client):
    client.force_login(world.users["ada_admin"])
    failures: list[str] = []
    pages = 0
    for route in sorted(walk(), key=lambda r: r.name):
        if route.policy is None or any(k not in SAMPLES for k in route.kwargs):
            continue
        url = reverse(route.name, kwargs={k: SAMPLES[k](world, "ada_admin", True) for k in route.kwargs})
        response = client.get(url)
        if url.startswith(EXCLUDED):
            continue
        if "Permissions-Policy" not in response.headers:
            failures.append(f"{url}: no Permissions-Policy")
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        policy = response.headers.get("Content-Security-Policy", "")
        script_src = policy.split("script-src")[-1].split(";")[0]
        if "script-src 'self'" not in policy or "unsafe" in script_src:
            failures.append(f"{url}: Content-Security-Policy {policy!r}")
        hits = inline_code(response.content.decode())
        if hits:
            failures.append(f"{url}: {hits[:3]}")
    assert failures == []
    assert pages > 50  # the walk really reached the product's pages


@pytest.mark.django_db
def test_the_login_page_and_errors_carry_the_headers(client):
    for response in (client.get(reverse("accounts:login")), client.get("/khong-co-trang-nay/")):
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
        assert inline_code(response.content.decode()) == []


def test_csp_report_only_sends_the_same_policy_as_a_trial(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(hasattr(s, 'CONTENT_SECURITY_POLICY'), "
            "s.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['script-src'])")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "CSP_REPORT_ONLY": "1",
           "DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, check=True, cwd=settings.BASE_DIR)
    assert out.stdout.split() == ["False", "[\"'self'\"]"]
