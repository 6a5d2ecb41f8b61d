"""Every page a persona may open reads as plain Vietnamese (issue 11, "Plain Vietnamese, no
codes"): the access-matrix walk GETs every list and detail page with each persona's own sample
objects (tests/samples.py) and `tests.plain.assert_plain` reads what the page shows."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.plain import assert_plain, database_codes, html_text, problems
from tests.samples import SAMPLES
from tests.test_access_matrix import PERSONA_ROLE, routes


def _readable(response) -> str | None:  # noqa: ANN001
    """The text a person reads in a response, or None for files (Word, PDF, spreadsheets)."""
    kind = response.get("Content-Type", "")
    if response.streaming or "attachment" in response.get("Content-Disposition", ""):
        return None
    if kind.startswith("text/html"):
        return html_text(response.content.decode("utf-8"))
    if kind.startswith("application/json"):
        return _json_messages(json.loads(response.content.decode("utf-8")))
    return None


def _json_messages(data: object) -> str:
    """The messages of an API answer: the text of its error fields (keys are code by design)."""
    if isinstance(data, dict):
        return "\n".join(_json_messages(v) for k, v in data.items()
                         if k in ("detail", "error", "errors", "message", "non_field_errors")
                         or isinstance(v, (dict, list)) and k not in ("results",))
    if isinstance(data, list):
        return "\n".join(_json_messages(v) for v in data if isinstance(v, (str, dict, list)))
    return str(data) if isinstance(data, str) else ""


def test_assert_plain_catches_what_leaks():
    """The check is not vacuous: each kind of leak fails, plain Vietnamese passes."""
    for leak in ("Khối so-nganh", "Tiêu chuẩn KG-P-FLAG", "Hình thức: flag_province",
                 "Trạng thái: under_appraisal", "Trạng thái: draft", "ID: None → 279",
                 "Save", "This field is required.", '{"ten": "Sở"}', "\\u1ea1",
                 "Traceback (most recent call last)", "ValueError: bad"):
        assert problems(leak), leak
    assert problems("Khối KG-X-CUSTOM", codes={"KG-X-CUSTOM"})
    assert_plain("Hà Giang, ngày 9 tháng 10 năm 2021: ba đơn vị xếp loại tốt, tinh thần khá; "
                 "Chỉ số CCHC (PAR INDEX) 88,37 %; mã đơn vị KG-H01; tệp bao_cao.xlsx")
    assert "KG-P-FLAG" not in html_text("<p>Quy tắc:</p><pre>tiêu chuẩn KG-P-FLAG</pre>")
    assert "Tìm đơn vị" in html_text('<input placeholder="Tìm đơn vị">')


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(PERSONA_ROLE))
def test_every_page_is_plain_vietnamese(world, client, persona):
    client.force_login(world.users[persona])
    logins = {u.username for u in world.users.values()}  # a login name is the user's own data
    pages: list[tuple[str, str, str]] = []
    for route in routes():
        if route.policy is None or any(k not in SAMPLES for k in route.kwargs):
            continue  # the access matrix reports these
        kwargs = {k: SAMPLES[k](world, persona, True) for k in route.kwargs}
        if any(v is None for v in kwargs.values()):
            continue
        url = reverse(route.name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _readable(response)
        if text is not None:
            pages.append((route.name, url, text))
    codes = database_codes()  # after the samples made their objects
    failures = [f"{name} {url}: " + "; ".join(found) for name, url, text in pages
                if (found := problems(text, codes=codes, allow=logins))]
    assert len(pages) > 20
    assert failures == [], "\n".join(failures)
