"""The reports and honour-board demo loaders: reviews, stories, and the fill-in data, once."""

from datetime import date

import pytest

from thidua.awards.models import Award
from thidua.public.models import Story
from thidua.reports.models import Review
from thidua.results.models import AnnualResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def kg(world):
    from thidua.campaigns.testing import launched_campaign
    from thidua.reports.testing import PERIOD

    return launched_campaign(world, "KG-CCHC-2021-2025", "P1", launched_on=date(2022, 3, 1),
                             issued_on=date(2022, 2, 23), period=PERIOD,
                             milestones=[{"code": "registration", "label": "Đăng ký thi đua",
                                          "date": date(2022, 3, 30), "bound": "on_or_before"}])


def test_the_loaders_make_reviews_results_awards_and_stories_once(world, kg, client, login):
    from thidua.public.demo import load_demo_public
    from thidua.reports.demo import load_demo_reports

    load_demo_reports(seed=1)
    load_demo_public(seed=1)
    counts = (Review.objects.count(), AnnualResult.objects.count(), Award.objects.count(),
              Story.objects.count())
    assert counts[0] == 2 and counts[1] > 0 and counts[2] > 0 and counts[3] >= 3
    assert Review.objects.get(kind="final").last_year == 2025
    assert Review.objects.get(kind="mid_term").last_year == 2023
    load_demo_reports(seed=1)
    load_demo_public(seed=1)
    assert (Review.objects.count(), AnnualResult.objects.count(), Award.objects.count(),
            Story.objects.count()) == counts

    response = login(world.users["alice_owner"]).get(f"/bao-cao/{kg.pk}/tong-ket.docx")
    assert response.status_code == 200
    client.logout()
    html = client.get("/vinh-danh/kg-cchc-2021-2025/").content.decode()
    assert "Gương điển hình" in html and "Bài viết đang soạn" not in html
    story = Story.objects.filter(status="published").first()
    assert client.get(f"/vinh-danh/guong-dien-hinh/{story.slug}/anh.jpg").status_code == 200


def test_the_loaders_skip_without_the_campaign(world):
    from thidua.public.demo import load_demo_public
    from thidua.reports.demo import load_demo_reports

    assert load_demo_reports(seed=1) == [] and load_demo_public(seed=1) == []
