"""The campaign dashboard: four charts, each point a link to its list, each chart a table."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def links(html, chart):
    section = html.split(f'id="h-{chart}"')[1].split("</section>")[0]
    svg = section.split("<svg")[1].split("</svg>")[0]
    return [(unescape(href), unescape(label)) for href, label in
            re.findall(r'xlink:href="([^"]+)" aria-label="([^"]+)"', svg)], section


def test_every_chart_has_points_that_lead_to_their_list(world, login, campaign):
    client = login(world.users["alice_owner"])
    html = client.get(f"/bao-cao/{campaign.pk}/?nam=2023").content.decode()
    for chart in ("phan-bo", "bien-dong", "dang-ky", "khen-thuong"):
        points, section = links(html, chart)
        assert points, chart
        assert "Xem dạng bảng" in section and "<table" in section, chart
        assert 'role="img"' in section
        for href, label in points:
            count = int(re.search(r": (\d+) ", label).group(1))
            listing = client.get(href)
            assert listing.status_code == 200, href
            body = listing.content.decode()
            rows = body.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")
            assert rows == count, (chart, label)


def test_the_distribution_counts_only_published_results(world, login, campaign):
    client = login(world.users["alice_owner"])
    html = client.get(f"/bao-cao/{campaign.pk}/").content.decode()
    assert '<strong aria-current="page">2023</strong>' in html  # 2024 is not published
    assert "?nam=2024" not in html
    points, _ = links(html, "phan-bo")
    assert sorted(label for _h, label in points) == [
        "Xã, phường, thị trấn – Khá: 1 đơn vị", "Xã, phường, thị trấn – Tốt: 1 đơn vị",
        "Xã, phường, thị trấn – Xuất sắc: 1 đơn vị"]


def test_rank_movement_and_its_list(world, login, campaign):
    client = login(world.users["alice_owner"])
    html = client.get(f"/bao-cao/{campaign.pk}/?nam=2023").content.decode()
    points, _ = links(html, "bien-dong")
    labels = sorted(label for _h, label in points)
    assert labels == ["Xã, phường, thị trấn – Giảm hạng: 1 đơn vị",
                      "Xã, phường, thị trấn – Giữ nguyên: 1 đơn vị",
                      "Xã, phường, thị trấn – Tăng hạng: 1 đơn vị"]
    up = dict((label, href) for href, label in points)["Xã, phường, thị trấn – Tăng hạng: 1 đơn vị"]
    listing = client.get(up).content.decode()
    assert "Xã Má Lé" in listing and "▲ 1" in listing


def test_awards_by_unit_leaves_out_drafts_and_other_campaigns(world, login, campaign):
    html = login(world.users["alice_owner"]).get(f"/bao-cao/{campaign.pk}/").content.decode()
    points, section = links(html, "khen-thuong")
    assert sorted(label for _h, label in points) == [
        "Xã Lũng Cú – cá nhân: 2 lượt", "Xã Lũng Cú – tập thể: 1 lượt", "Xã Má Lé – tập thể: 1 lượt"]
    assert "Xã Pải Lủng" not in section


def test_registrations_over_time(world, login, campaign):
    client = login(world.users["alice_owner"])
    points, _ = links(client.get(f"/bao-cao/{campaign.pk}/").content.decode(), "dang-ky")
    assert sorted(label for _h, label in points) == ["Tháng 04/2021: 1 đơn vị đăng ký",
                                                     "Tháng 05/2021: 1 đơn vị đăng ký"]
    april = [href for href, label in points if "04/2021" in label][0]
    assert "Xã Lũng Cú" in client.get(april).content.decode()


def test_it_rejects_another_province(world, login, campaign):
    client = login(world.users["pete_owner"])
    assert client.get(f"/bao-cao/{campaign.pk}/").status_code == 403
    assert client.get(f"/bao-cao/{campaign.pk}/chi-tiet/phan-bo/").status_code == 403


def test_staff_have_no_reports(world, login, campaign):
    assert login(world.users["stan_staff"]).get("/bao-cao/").status_code == 403


def test_the_index_lists_campaigns_in_scope(world, login, campaign):
    assert campaign.title[:40] in login(world.users["alice_owner"]).get("/bao-cao/").content.decode()
    assert campaign.title[:40] not in login(world.users["pete_owner"]).get("/bao-cao/").content.decode()
