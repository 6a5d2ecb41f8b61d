"""One definition per scale and per award form: every copy agrees with it, unknown values fail.

The scales live in thidua/rules/vocab.py, the award forms, their dated reward multiples and the
base salaries in thidua/rules/award_forms.yaml. Each test below names a place that reads them.
"""

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command

from thidua.rules.award_forms import AwardFormError, award_form, catalogue, parse, title_forms
from thidua.rules.vocab import (
    CLASSIFICATION,
    DISCIPLINE,
    INITIATIVE_LEVEL,
    RATING,
    TITLE,
    UnknownScaleValue,
)

ROOT = Path(__file__).resolve().parents[1]
FORMS = catalogue().forms


# --- scales ------------------------------------------------------------------------------------


def test_the_results_models_choices_are_the_vocab_scales():
    from thidua.results import models

    assert models.Classification.choices == CLASSIFICATION.choices(best_first=True)
    assert models.Rating.choices == RATING.choices(best_first=True)
    assert models.DisciplineLevel.choices == DISCIPLINE.choices()
    assert models.InitiativeLevel.choices == INITIATIVE_LEVEL.choices()
    assert models.CLASSIFICATION_ORDER == list(reversed(CLASSIFICATION.codes))
    assert models.RATING_ORDER == list(reversed(RATING.codes))
    fields = {
        (models.AnnualResult, "classification"): CLASSIFICATION.choices(best_first=True),
        (models.PersonRating, "rating"): RATING.choices(best_first=True),
        (models.Discipline, "level"): DISCIPLINE.choices(),
        (models.RecognisedInitiative, "level"): INITIATIVE_LEVEL.choices(),
    }
    for (model, name), choices in fields.items():
        assert list(model._meta.get_field(name).choices) == choices, (model, name)


def test_the_initiative_registry_levels_are_levels_of_the_scale():
    from thidua.initiatives.models import Level

    known = dict(INITIATIVE_LEVEL.choices())
    assert [code for code, _ in Level.choices] == [c for c in INITIATIVE_LEVEL.codes
                                                    if c in dict(Level.choices)]
    assert {code: known[code] for code, _ in Level.choices} == dict(Level.choices)


def test_the_fetch_codes_are_the_vocab_codes():
    from thidua.results import facts

    for name, scale in (("RATING_CODES", RATING), ("CLASSIFICATION_CODES", CLASSIFICATION)):
        if hasattr(facts, name):  # the fetch may read the scale itself instead
            assert list(getattr(facts, name)) == list(scale.codes), name


def test_the_title_scale_is_the_catalogue_titles():
    titles = {form.title: form for form in FORMS.values() if form.title}
    assert set(titles) == set(TITLE.codes)
    assert title_forms() == {form.code: code for code, form in titles.items()}
    for code, label in zip(TITLE.codes, TITLE.labels, strict=True):
        assert titles[code].name == f"Danh hiệu {label}"
        assert titles[code].kind == "title" and titles[code].subject == "individual"


def test_the_charts_colour_every_classification_once():
    from thidua.reports.charts import CLASSIFICATION_COLOURS

    assert list(CLASSIFICATION_COLOURS) == list(reversed(CLASSIFICATION.codes))


@pytest.mark.django_db
def test_the_migrations_hold_the_choices_of_the_models():
    out = io.StringIO()
    call_command("makemigrations", "results", "initiatives", "campaigns", "awards", check=True,
                 dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


def test_an_unknown_value_of_a_scale_is_an_error_never_the_lowest_level():
    with pytest.raises(UnknownScaleValue, match="không phải là một mức xếp loại chất lượng"):
        RATING.value("hoan_thanh_xuat_xac")
    with pytest.raises(UnknownScaleValue, match="“Khá”"):
        CLASSIFICATION.code_of("giỏi")
    with pytest.raises(UnknownScaleValue):
        CLASSIFICATION.label_of(6)
    assert CLASSIFICATION.label_of(None) == "không có kết quả"
    assert RATING.code_of("Hoàn thành tốt nhiệm vụ") == "hoan_thanh_tot"
    assert RATING.code_of("hoan thanh xuat sac") == "hoan_thanh_xuat_sac"
    assert INITIATIVE_LEVEL.code_of("Cấp tỉnh") == "tinh"


# --- award forms ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_catalogue_table_is_the_parameters_file():
    from thidua.campaigns.models import AwardFormType

    rows = list(AwardFormType.objects.order_by("position").prefetch_related("versions"))
    assert [r.code for r in rows] == list(FORMS)
    for row in rows:
        form = FORMS[row.code]
        assert (row.name, row.kind, row.subject, row.authority_level) == (
            form.name, form.kind, form.subject, form.authority_level), row.code
        stored = [(v.valid_from, v.valid_to, v.authority, v.legal_reference,
                   v.reward_multiple_collective, v.reward_multiple_individual, v.reward_reference,
                   v.note) for v in sorted(row.versions.all(), key=lambda v: v.valid_from)]
        declared = [(v.valid_from, v.valid_to, v.authority, v.legal_reference, v.collective,
                     v.individual, v.reward_reference, form.shown_note(v)) for v in form.versions]
        assert stored == declared, row.code


def test_the_catalogue_values_are_choices_of_the_campaigns_models():
    from thidua.campaigns.models import AuthorityLevel, AwardFormKind, Subject

    for form in FORMS.values():
        assert form.kind in AwardFormKind.values
        assert form.subject in Subject.values
        assert form.authority_level in AuthorityLevel.values


@pytest.mark.django_db
def test_reward_multiples_and_base_salaries_are_the_parameters_file():
    from thidua.awards.models import BaseSalary
    from thidua.awards.money import BASE_SALARIES, MULTIPLES, multiple_for

    declared = {(form.code, kind, v.valid_from): v.multiple(kind)
                for form in FORMS.values() for v in form.versions
                for kind in ("collective", "individual") if v.multiple(kind) is not None}
    assert {(m.form, m.kind, m.valid_from): m.factor for m in MULTIPLES} == declared
    for (code, kind, valid_from), factor in declared.items():
        assert multiple_for(code, kind, valid_from).factor == factor
    salaries = [(r.valid_from, r.amount, r.legal_basis) for r in catalogue().base_salaries]
    assert [(r.valid_from, r.amount, r.legal_basis) for r in BASE_SALARIES] == salaries
    assert list(BaseSalary.objects.order_by("valid_from").values_list(
        "valid_from", "amount", "legal_basis")) == salaries


def test_decree_152_multiples_as_domain_md_states_them():
    on = date(2025, 7, 1)
    expected = {
        ("flag_province", "collective"): "8", ("merit_province_chairman", "collective"): "3",
        ("giay_khen_commune", "collective"): "0.6", ("title_tap_the_lao_dong_xuat_sac",
                                                     "collective"): "1.5",
        ("title_tap_the_lao_dong_tien_tien", "collective"): "0.8",
        ("title_chien_si_thi_dua_tinh", "individual"): "3",
        ("title_chien_si_thi_dua_co_so", "individual"): "1",
        ("title_lao_dong_tien_tien", "individual"): "0.3",
    }
    for (code, kind), factor in expected.items():
        version = award_form(code).version_on(on)
        assert version is not None and version.multiple(kind) == Decimal(factor), code


def test_the_authority_table_names_forms_in_force_during_its_rows():
    from thidua.awards.authority import AUTHORITIES, CERTIFICATE_FORMS
    from thidua.awards.authority import FORMS as AUTHORITY_FORMS

    for code, name in AUTHORITY_FORMS.items():
        assert FORMS[code].name == name
    assert CERTIFICATE_FORMS == {c for c, f in FORMS.items() if f.kind in ("merit", "giay_khen")}
    for row in AUTHORITIES:
        last = row.valid_until or date(2100, 1, 1)
        for code in row.forms:
            overlaps = [v for v in FORMS[code].versions
                        if v.valid_from <= last and (v.valid_to is None or v.valid_to >= row.valid_from)]
            assert overlaps, (row.decider, code, row.valid_from)


def test_the_seed_plans_use_catalogue_forms():
    from thidua.campaigns.seedplans import CATALOGUE

    for code, name in CATALOGUE.items():
        assert FORMS[code].name == name
    for path in sorted((ROOT / "thidua/campaigns/seeds").glob("*.yaml")):
        plan = yaml.safe_load(path.read_text("utf-8"))
        for form in plan.get("award_forms") or []:
            entry = FORMS.get(form["catalogue"])
            assert entry is not None, (path.name, form["catalogue"])
            assert entry.subject in ("both", form["subject"]), (path.name, form["code"])


def _sources():
    for folder in ("thidua", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts and path.name != "test_one_definition.py":
                yield path


def test_no_module_or_fixture_names_an_award_form_the_catalogue_does_not_know():
    literal = re.compile(r"""form_code\s*=\s*["']([^"']+)["']""")
    seen = set()
    for path in _sources():
        for code in literal.findall(path.read_text("utf-8")):
            seen.add(code)
            assert code in FORMS, (str(path.relative_to(ROOT)), code)
    assert "merit_province_chairman" in seen  # the pattern does find the fixtures
    prior = re.compile(r"đã được (?:khen|tặng)\s+([\w-]+)")
    for path in (ROOT / "thidua/rules/catalogue").glob("*.thidua"):
        for code in prior.findall(path.read_text("utf-8")):
            assert code in FORMS, (path.name, code)


def test_no_module_fixture_or_template_names_a_level_the_scale_does_not_know():
    scales = {"classification": CLASSIFICATION, "rating": RATING}
    literal = re.compile(r"""\b(classification|rating)\s*(?:=|==)\s*["']([a-z_]+)["']""")
    seen = set()
    paths = [*_sources(), *(ROOT / "thidua").rglob("*.html")]
    for path in paths:
        text = path.read_text("utf-8")
        for name, code in literal.findall(text):
            seen.add(name)
            assert code in scales[name].codes, (str(path.relative_to(ROOT)), name, code)
    assert seen == set(scales)  # the pattern does find fixtures and templates


@pytest.mark.django_db
def test_an_award_entered_from_paper_must_name_a_catalogue_form(world):
    from thidua.awards.services import award_record

    with pytest.raises(ValidationError, match="không có trong danh mục hình thức khen thưởng"):
        award_record(actor=world.users["alice_owner"], kind="collective", unit=world.units["X1"],
                     form_code="bang-khen-tinh", form_name="Bằng khen", year=2024,
                     decided_on=date(2025, 1, 10), decision_text="Quyết định 1/QĐ-UBND")


def test_an_unknown_form_has_no_reward_rather_than_a_default():
    from thidua.awards.money import NoRate, multiple_for

    with pytest.raises(AwardFormError, match="“co-thi-dua” không có trong danh mục"):
        multiple_for("co-thi-dua", "collective", date(2026, 1, 1))
    with pytest.raises(NoRate, match="Cờ thi đua của Ủy ban nhân dân tỉnh"):
        multiple_for("flag_province", "collective", date(2024, 8, 1))


def test_a_fault_in_the_parameters_file_is_named():
    text = (ROOT / "thidua/rules/award_forms.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["periods"]["law_2022"]["valid_from"] = data["periods"]["law_2003"]["valid_to"] - timedelta(
        days=1)
    with pytest.raises(AwardFormError, match="chồng lên nhau"):
        parse(yaml.safe_dump(data, allow_unicode=True))
    data = yaml.safe_load(text)
    data["forms"][0]["kind"] = "huy_chuong"
    with pytest.raises(AwardFormError, match="huy_chuong"):
        parse(yaml.safe_dump(data, allow_unicode=True))
    data = yaml.safe_load(text)
    data["forms"][1]["versions"][2]["individual"] = "1"  # the provincial flag is collective only
    with pytest.raises(AwardFormError, match="flag_province"):
        parse(yaml.safe_dump(data, allow_unicode=True))


# --- pages that read a scale ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_drill_down_with_an_unknown_classification_is_not_found(world, login):
    from thidua.reports.testing import populate, review_campaign

    campaign = populate(world, review_campaign(world))
    client = login(world.users["alice_owner"])
    response = client.get(f"/bao-cao/{campaign.pk}/chi-tiet/phan-bo/?nam=2023&xep_loai=gioi")
    assert response.status_code == 404
    ok = client.get(f"/bao-cao/{campaign.pk}/chi-tiet/phan-bo/?nam=2023&xep_loai=xuat_sac")
    assert ok.status_code == 200 and "xếp loại Xuất sắc" in ok.content.decode()
