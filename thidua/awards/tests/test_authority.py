"""Authority table (Law 2003/2013, Law 06/2022, Decree 129/2025) and routing of dossiers."""

from datetime import date

from thidua.awards.authority import (
    Level,
    authorities_on,
    deciders_for,
    receiving_level,
    within_authority,
)


def test_the_province_chairman_awards_the_certificate_of_merit():
    assert within_authority("merit_province_chairman", "province", date(2026, 1, 10))
    assert not within_authority("merit_province_chairman", "district", date(2024, 5, 1))
    assert not within_authority("merit_province_chairman", "commune", date(2026, 1, 10))


def test_the_committee_decides_its_flag_signed_at_the_province():
    rows = deciders_for("flag_province", date(2026, 1, 10))
    assert [r.decider for r in rows] == ["province_committee"]
    assert "Điều 80" in rows[0].legal_basis
    assert within_authority("flag_province", "province", date(2026, 1, 10))


def test_the_commune_chairman_holds_district_powers_after_the_reform():
    assert within_authority("giay_khen_district", "district", date(2025, 6, 30))
    assert not within_authority("giay_khen_district", "district", date(2025, 7, 1))
    assert not within_authority("title_chien_si_thi_dua_co_so", "commune", date(2025, 6, 30))
    assert within_authority("title_chien_si_thi_dua_co_so", "commune", date(2025, 7, 1))
    assert any("129/2025" in r.legal_basis for r in authorities_on(date(2025, 7, 1)))


def test_the_table_changes_with_the_2022_law():
    assert all("2003" in r.legal_basis or "06/2022" in r.legal_basis
               for r in authorities_on(date(2023, 6, 1)))
    assert not any("06/2022" in r.legal_basis and r.decider != "prime_minister"
                   for r in authorities_on(date(2023, 6, 1)))
    assert any("06/2022" in r.legal_basis for r in authorities_on(date(2024, 1, 1)))


def test_a_commune_goes_to_its_district_before_the_reform_and_to_the_province_after():
    district = Level(2, "district", active_to=date(2025, 6, 30))
    province = Level(1, "province")
    assert receiving_level([district, province], date(2024, 12, 20)) == district
    assert receiving_level([district, province], date(2025, 7, 1)) == province
    assert receiving_level([], date(2025, 7, 1)) is None
