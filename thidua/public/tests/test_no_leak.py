"""Only published data is public: drafts, nominations, draft decisions, unpublished results and
initiatives still under review never appear on any public page, in the sitemap, or in search."""

import re
from urllib.parse import urlparse

import pytest

from thidua.core.text import fold
from thidua.public.testing import SECRETS

pytestmark = pytest.mark.django_db


def crawl(client, start):
    """Every /vinh-danh/ page reachable from `start` and from the sitemap (logged out)."""
    seen, queue, pages = set(), list(start), {}
    while queue:
        url = queue.pop(0)
        path = urlparse(url).path + (("?" + urlparse(url).query) if urlparse(url).query else "")
        if path in seen or not path.startswith("/vinh-danh/") or "/quan-ly/" in path:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("image/"):
            continue
        body = response.content.decode()
        pages[path] = body
        queue += re.findall(r'href="([^"#]+)"', body) + re.findall(r"<loc>([^<]+)</loc>", body)
    return pages


def test_no_unpublished_data_on_any_public_page(world, client, campaign):
    pages = crawl(client, ["/vinh-danh/", "/vinh-danh/sitemap.xml"])
    assert len(pages) >= 8  # index, sitemap, campaign, years, units, stories, a story
    for path, body in pages.items():
        for secret in SECRETS:
            assert secret not in body, (secret, path)
            assert fold(secret) not in fold(body), (secret, path)
    everything = "\n".join(pages.values())
    # …while what is published is there.
    assert "Nguyễn Thị Lan" in everything and "Một cửa số" in everything
    assert "Xã Má Lé" in everything  # an award recorded from a paper decision


def test_search_finds_published_and_never_unpublished(world, client, campaign):
    for secret in SECRETS:
        for query in (secret, fold(secret)):
            body = client.get("/vinh-danh/tim-kiem/", {"q": query}).content.decode()
            assert "0 kết quả" in body, query
    body = client.get("/vinh-danh/tim-kiem/", {"q": "nguyen thi lan"}).content.decode()
    assert "Nguyễn Thị Lan" in body and "0 kết quả" not in body


def test_draft_pages_are_not_found(world, client, campaign):
    assert client.get("/vinh-danh/guong-dien-hinh/ban-nhap/").status_code == 404
    assert client.get("/vinh-danh/guong-dien-hinh/ban-nhap/anh.jpg").status_code == 404
    hidden = world.units["X1"].__class__.objects.get(code="P1-XCB")
    assert client.get(f"/vinh-danh/don-vi/xa-chua-cong-bo-{hidden.pk}/").status_code == 404
    assert client.get("/vinh-danh/rev-p1/2024/").status_code == 200  # a published 2024 award
    assert client.get("/vinh-danh/rev-p1/2030/").status_code == 404


def test_a_draft_campaign_is_not_public(world, client, campaign):
    campaign.__class__.objects.filter(pk=campaign.pk).update(status="draft")
    assert client.get("/vinh-danh/rev-p1/").status_code == 404
    assert "rev-p1" not in client.get("/vinh-danh/sitemap.xml").content.decode()
