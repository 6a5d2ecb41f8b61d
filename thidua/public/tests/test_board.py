"""The public board: by campaign, year and unit, readable addresses, search without diacritics."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_campaign_board_lists_awardees_initiatives_and_leaders(world, client, campaign):
    html = client.get("/vinh-danh/rev-p1/").content.decode()
    assert "Năm 2022" in html and "Năm 2024" in html
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    assert "Số 10/QĐ-UBND ngày 01/03/2023" in html
    assert "Một cửa số" in html and "Quyết định số 12/QĐ-UBND" in html
    year = client.get("/vinh-danh/rev-p1/2022/").content.decode()
    assert "Đơn vị xếp loại xuất sắc Chỉ số CCHC" in year and "Xã Lũng Cú" in year
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" in html  # a 2024 award
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" not in year


def test_addresses_are_readable_and_canonical(world, client, campaign):
    unit = world.units["X1"]
    assert client.get(f"/vinh-danh/don-vi/xa-lung-cu-{unit.pk}/").status_code == 200
    response = client.get(f"/vinh-danh/don-vi/ten-cu-{unit.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/vinh-danh/don-vi/xa-lung-cu-{unit.pk}/"
    assert client.get("/vinh-danh/REV-P1/")["Location"] == "/vinh-danh/rev-p1/"
    html = client.get("/vinh-danh/rev-p1/").content.decode()
    assert '<link rel="canonical" href="http://testserver/vinh-danh/rev-p1/">' in html
    assert '<meta name="description"' in html


def test_search_ignores_diacritics(world, client, campaign):
    for query in ("lung cu", "LŨNG CÚ", "Lung Cú"):
        html = client.get("/vinh-danh/tim-kiem/", {"q": query}).content.decode()
        assert "Xã Lũng Cú" in html, query
    html = client.get("/vinh-danh/tim-kiem/", {"q": "mot cua so"}).content.decode()
    assert "Một cửa số" in html


def test_the_index_needs_no_login(world, client, campaign):
    html = client.get("/vinh-danh/").content.decode()
    assert "Phát động phong trào thi đua cải cách hành chính giai đoạn 2021 - 2025" in html
    assert "Nguyễn Thị Lan và bộ phận một cửa số" in html


def test_search_finds_initiatives_by_their_authors(world, client, campaign):
    """Issue 11: an author's name (without diacritics too) finds the recognised initiative;
    an unrecognised one stays hidden."""
    author = world.people["p_y1"]
    for query in (author.full_name, author.search_name):
        html = client.get("/vinh-danh/tim-kiem/", {"q": query}).content.decode()
        assert "Ngoài phạm vi" in html, query
    html = client.get("/vinh-danh/tim-kiem/", {"q": world.people["p_x3"].full_name}).content.decode()
    assert "Tra cứu hồ sơ" not in html
