"""Nominations read the standards as the results part evaluates them (rules engine)."""

from decimal import Decimal

from thidua.awards import testing
from thidua.awards.eligibility import check_candidate, eligible_candidates
from thidua.awards.services import dossier_create, nomination_add
from thidua.results.models import AnnualResult, ResultRound

RULE = """tiêu chuẩn KG-P-MERIT "Bằng khen của Chủ tịch UBND tỉnh (tập thể)" theo "002 §IV.1.1.a"
  áp dụng cho tập thể thuộc khối xa
  đã đăng ký
  xếp loại CCHC >= tốt mỗi năm 2021..2025
"""


def results(world, unit_key, classes):
    for year, cls in zip(range(2021, 2026), classes, strict=True):
        round_, _ = ResultRound.objects.get_or_create(evaluator=world.units["P1"], year=year,
                                                      defaults={"published": True})
        AnnualResult.objects.create(round=round_, unit=world.units[unit_key], year=year,
                                    category=world.categories["xa"], classification=cls,
                                    score=Decimal("91.5") if cls == "xuat_sac" else Decimal("82"))


def test_the_list_and_the_check_come_from_the_rules_engine(world, campaign):
    campaign.standards.filter(code="KG-P-MERIT").update(rule_text=RULE)
    testing.register(campaign, world.units["X2"])
    results(world, "X1", ["tot", "xuat_sac", "xuat_sac", "tot", "xuat_sac"])
    results(world, "X2", ["tot", "kha", "tot", "tot", "tot"])
    olga = world.users["olga_officer"]
    dossier = dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                             unit=world.units["X1"])
    found = eligible_candidates(dossier=dossier)
    assert [(c.unit.code, c.award_form.code) for c in found] == [("P1-X1", "KG-AF-MERIT-P-COLL")]
    assert found[0].check.met

    form = campaign.award_forms.get(code="KG-AF-MERIT-P-COLL")
    check = check_candidate(dossier=dossier, kind="collective", unit=world.units["X2"],
                            person=None, award_form=form)
    assert [c.code for c in check.unmet] == ["KG-P-MERIT"]
    assert "tốt" in check.unmet[0].text
    # What the appraiser reads names the standard by its title, never its code (issue 11).
    assert check.unmet[0].label.startswith("Bằng khen của Chủ tịch UBND tỉnh (tập thể)")
    assert "KG-P-MERIT" not in check.unmet[0].label + check.unmet[0].text

    # X2's own dossier, by hand: kept, with the unmet standard for the appraiser
    world.users["olga_officer"].role_assignments.create(role="officer", unit=world.units["X2"])
    olga = type(olga).objects.get(pk=olga.pk)
    x2 = dossier_create(actor=olga, campaign=campaign, scope="phase", year=2025,
                        unit=world.units["X2"])
    nomination = nomination_add(actor=olga, dossier=x2, kind="collective", unit=world.units["X2"],
                                award_form=form, justification="Đề nghị xem xét")
    assert nomination.unmet[0]["standard"] == "KG-P-MERIT"
