"""The dated award-form catalogue of the 2022 Law (seeded by a data migration)."""

from datetime import date
from decimal import Decimal

import pytest

from thidua.campaigns.models import AwardFormType
from thidua.campaigns.seedplans import CATALOGUE
from thidua.campaigns.selectors import award_form_version_on

pytestmark = pytest.mark.django_db


def test_it_holds_every_catalogue_code_of_the_seed_schema():
    assert set(CATALOGUE) <= set(AwardFormType.objects.values_list("code", flat=True))


def test_it_answers_with_the_version_in_force_on_a_day():
    flag_2022 = award_form_version_on("flag_province", date(2022, 5, 1))
    flag_2026 = award_form_version_on("flag_province", date(2026, 1, 1))
    assert "91/2017" in flag_2022.legal_reference
    assert "152/2025" in flag_2026.legal_reference
    assert flag_2026.reward_multiple_collective == Decimal("8")
    assert award_form_version_on("title_chien_si_thi_dua_tinh",
                                 date(2026, 1, 1)).reward_multiple_individual == Decimal("3")


def test_district_giay_khen_ends_with_the_districts():
    assert award_form_version_on("giay_khen_district", date(2025, 6, 30)) is not None
    assert award_form_version_on("giay_khen_district", date(2025, 7, 1)) is None


def test_the_catalogue_page_lists_the_periods(world, login):
    html = login(world.stan_staff).get("/phong-trao/danh-muc-khen-thuong/").content.decode()
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in html
    assert "8 × lương cơ sở" in html
