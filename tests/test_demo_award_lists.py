"""The demo's Kiên Giang 2021–2025 award lists, through `thidua demo` and `thidua eligibility`
as an officer runs them (issue 10): division staff are candidates and eligible, and no unit is
selected for two forms of one achievement."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from thidua.org.models import Person, UnitKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_division_staff_are_on_the_kien_giang_phase_list(tmp_path):
    from thidua.core.testing import restore_migration_data

    restore_migration_data()  # an earlier transactional test may have flushed the catalogue
    call_command("demo", stdout=StringIO())
    out = tmp_path / "kg.json"
    call_command("eligibility", "--campaign", "KG-CCHC-2021-2025", "--phase", "--format",
                 "json", "--output", str(out), "--quiet", stdout=StringIO())
    data = json.loads(out.read_text("utf-8"))
    records = data["records"]
    # The plan's Giấy khen standards have no rule: the list says so instead of staying silent,
    # naming the standard by its words, not its code KG-A-GK-SO (issue 11, plain Vietnamese).
    assert any("Giấy khen của Giám đốc sở" in w and "chưa được viết thành quy tắc" in w
               for w in data["warnings"]), data["warnings"]

    def codes(standard: str, key: str) -> set[str]:
        return {r["candidate"] for r in records if r["standard"] == standard and r[key]}

    candidates = {r["candidate"] for r in records if r["standard"] == "KG-P-IND"}
    kinds = dict(Person.objects.filter(code__in=candidates).values_list("code", "unit__kind"))
    assert sum(1 for k in kinds.values() if k == UnitKind.DIVISION) > len(kinds) / 2
    eligible = codes("KG-P-IND", "eligible")
    assert any(kinds[c] == UnitKind.DIVISION for c in eligible), eligible
    # One achievement, one form: a unit holding the flag does not also take a certificate.
    assert not codes("KG-P-FLAG", "selected") & codes("KG-P-MERIT", "selected")
    for r in records:
        if r["standard"] == "KG-P-MERIT" and r["candidate"] in codes("KG-P-FLAG", "selected"):
            assert r["quota"]["cut"] == "higher" and not r["selected"]
    # Every selected person belongs to a unit selected for one of the collective forms.
    units = codes("KG-P-FLAG", "selected") | codes("KG-P-MERIT", "selected") \
        | codes("KG-P-BODY", "selected")
    for r in records:
        if r["standard"] == "KG-P-IND" and r["selected"]:
            assert r["unit"] in units

    # Issue 17 after the reform: the 2025 PAR INDEX was scored in the product by An Giang, which
    # carries Kiên Giang on, and its publication is what Kiên Giang's 2025 standards read.
    from thidua.results.models import AnnualResult
    from thidua.scoring.models import CriteriaSet

    published = CriteriaSet.objects.filter(year=2025, status=CriteriaSet.Status.PUBLISHED)
    assert {s.evaluator.code for s in published} == {"AGG"} and published.count() == 2
    scored = set(published.values_list("assessments__unit__code", flat=True))
    yearly = tmp_path / "kg2025.json"
    call_command("eligibility", "--campaign", "KG-CCHC-2021-2025", "--year", "2025", "--format",
                 "json", "--output", str(yearly), "--quiet", stdout=StringIO())
    merit = {r["candidate"] for r in json.loads(yearly.read_text("utf-8"))["records"]
             if r["standard"] == "KG-A-MERIT" and r["eligible"]}
    assert merit and merit <= scored
    assert AnnualResult.objects.filter(year=2025, unit__code__in=merit, score__isnull=False) \
        .count() == len(merit)

    # Issue 11: the demo logins have someone to nominate (the demo gives their units the facts
    # the clauses read; no rule changes). so1's department is a collective of the phase list and
    # two of its people are eligible; xa1's ward has eligible people on the 2024 list.
    from thidua.accounts.models import RoleAssignment
    from thidua.org.models import Unit

    def login_unit(username: str) -> Unit:
        return RoleAssignment.objects.select_related("unit").get(user__username=username).unit

    def people_under(unit: Unit, found: set[str]) -> set[str]:
        return set(Person.objects.filter(code__in=found, unit__path__startswith=unit.path)
                   .values_list("code", flat=True))

    so1 = login_unit("so1")
    assert so1.code in codes("KG-P-FLAG", "eligible") | codes("KG-P-MERIT", "eligible")
    assert so1.code in codes("KG-P-FLAG", "selected") | codes("KG-P-MERIT", "selected")
    assert people_under(so1, codes("KG-P-IND", "eligible"))
    y2024 = tmp_path / "kg2024.json"
    call_command("eligibility", "--campaign", "KG-CCHC-2021-2025", "--year", "2024", "--format",
                 "json", "--output", str(y2024), "--quiet", stdout=StringIO())
    annual = {r["candidate"] for r in json.loads(y2024.read_text("utf-8"))["records"]
              if r["standard"] == "KG-A-IND" and r["eligible"]}
    assert people_under(login_unit("xa1"), annual)
