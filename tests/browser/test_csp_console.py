"""Journey under the Content-Security-Policy: the main pages load, their scripts run (htmx
search, adding a formset row, a select that submits itself) and the browser reports no
violation of the policy."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.samples import SAMPLES

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def _watch(page):
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text)
            if "Content Security Policy" in m.text or "Permissions-Policy" in m.text else None)
    return console


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_main_pages_run_their_scripts_without_a_policy_violation(page, world, browser_login):
    console = _watch(page)
    response = page.goto(reverse("accounts:login"))
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    assert _violations(page) == []

    browser_login(page, world.users["alice_owner"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    seen: dict[str, list[str]] = {"home": _violations(page)}

    page.goto(reverse("org:people"))  # htmx: the list follows the search box
    page.get_by_label("Tìm theo tên hoặc mã (không cần dấu)").fill("nguyen thi lan")
    expect(page.locator("#people-rows").get_by_role("link", name="Nguyễn Thị Lan")).to_be_visible()
    seen["people"] = _violations(page)

    page.goto(reverse("campaigns:create"))  # forms.js: a formset row is added by its button
    formset = page.locator("[data-formset]").first
    total = formset.locator("input[name$='-TOTAL_FORMS']")
    before = int(total.input_value())
    formset.locator("[data-add]").click()
    expect(total).to_have_value(str(before + 1))
    seen["campaign form"] = _violations(page)

    contest_id = SAMPLES["contest_id"](world, "alice_owner", True)
    page.goto(reverse("contests:participation", kwargs={"contest_id": contest_id}))
    with page.expect_navigation():  # forms.js: choosing a round submits the filter
        page.get_by_label("Vòng thi").select_option(index=1)
    assert "vong=" in page.url
    seen["participation"] = _violations(page)

    for name in ("org:tree", "reports:dashboard", "accounts:account"):
        kwargs = {"campaign_id": SAMPLES["campaign_id"](world, "alice_owner", True)} \
            if name == "reports:dashboard" else {}
        response = page.goto(reverse(name, kwargs=kwargs))
        assert response is not None and response.status == 200, name
        seen[name] = _violations(page)

    assert {name: found for name, found in seen.items() if found} == {}
    assert console == []


def test_the_watch_sees_a_violation(page, world):
    # The listener above is real: an inline script added to a page is blocked and reported.
    console = _watch(page)
    page.goto(reverse("accounts:login"))
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__ran = true"; document.body.appendChild(s); }""")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert _violations(page)[0].startswith("script-src")
    assert any("Content Security Policy" in line for line in console)
