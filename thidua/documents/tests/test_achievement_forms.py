"""The dated registry of achievement-report forms (Decrees 91/2017, 98/2023, 152/2025)."""

from dataclasses import replace
from datetime import date

import pytest

from thidua.documents import (
    ACHIEVEMENT_REPORT_FORMS,
    achievement_report_document,
    achievement_report_form,
)
from thidua.documents.common import Letterhead
from thidua.documents.samples import sample_achievement_report


@pytest.mark.parametrize(
    ("on", "key"),
    [
        (date(2017, 9, 15), "nd91-2017-mau07"),
        (date(2023, 12, 31), "nd91-2017-mau07"),
        (date(2024, 1, 1), "nd98-2023-chuyen-de"),
        (date(2025, 6, 30), "nd98-2023-chuyen-de"),
        (date(2025, 7, 1), "nd152-2025-chuyen-de"),
        (date(2026, 11, 1), "nd152-2025-chuyen-de"),
    ],
)
def test_thematic_form_on_either_side_of_each_effective_date(on, key):
    form = achievement_report_form(on, thematic=True)
    assert form.key == key
    assert form.thematic


@pytest.mark.parametrize(
    ("on", "kind", "key"),
    [
        (date(2023, 12, 31), "collective", "nd91-2017-mau01"),
        (date(2023, 12, 31), "individual", "nd91-2017-mau02"),
        (date(2024, 1, 1), "collective", "nd98-2023-tap-the"),
        (date(2025, 6, 30), "individual", "nd98-2023-ca-nhan"),
        (date(2025, 7, 1), "collective", "nd152-2025-cong-trang-tap-the"),
        (date(2025, 7, 1), "individual", "nd152-2025-cong-trang-ca-nhan"),
    ],
)
def test_merit_forms_differ_for_collectives_and_individuals(on, kind, key):
    assert achievement_report_form(on, thematic=False, kind=kind).key == key


def test_every_form_has_a_name_and_a_legal_reference():
    for form in ACHIEVEMENT_REPORT_FORMS:
        assert form.name.startswith("Báo cáo thành tích")
        assert form.decree in form.legal_reference
        assert "Nghị định số" in form.label


def test_form_07_is_the_one_the_seeds_cite():
    form = achievement_report_form(date(2022, 3, 30))
    assert form.form_no == "Mẫu số 07"
    assert form.label == "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP"


def test_no_form_before_decree_91_took_effect():
    with pytest.raises(LookupError, match="Không có mẫu"):
        achievement_report_form(date(2017, 9, 14))


def test_report_takes_the_form_of_its_date():
    document = achievement_report_document(sample_achievement_report(on=date(2024, 5, 1)))
    assert document.form_label == "Mẫu báo cáo thành tích - Nghị định số 98/2023/NĐ-CP"


def test_an_undated_draft_needs_the_date_whose_rules_apply():
    draft = replace(sample_achievement_report(),
                    letterhead=Letterhead(issuing_body="Sở Nội vụ", draft_year=2025))
    with pytest.raises(ValueError):
        achievement_report_document(draft)
    dated = replace(draft, as_of=date(2025, 8, 1))
    assert "152/2025" in (achievement_report_document(dated).form_label or "")
