"""Registration: by the deadline (enforced on the server), once per unit, exceptions granted by
the owner, the dashboard by category, and the selectors other parts ask."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.campaigns import selectors, services
from thidua.campaigns.models import Registration, RegistrationException
from thidua.campaigns.testing import launched_campaign

pytestmark = pytest.mark.django_db


def campaign_due_in(world, days):
    """P1's campaign whose registration deadline is ``days`` from today."""
    today = timezone.localdate()
    period = {"start": today - timedelta(days=60), "end": today + timedelta(days=300)}
    milestones = [{"code": "registration", "label": "Đăng ký thi đua",
                   "date": today + timedelta(days=days)}]
    return launched_campaign(world, "P1-R", "P1", launched_on=today - timedelta(days=50),
                             period=period, milestones=milestones)


def register(client, part, **extra):
    data = {"collective_target": "Hoàn thành xuất sắc nhiệm vụ CCHC năm.",
            "individual_target": "Hoàn thành xuất sắc nhiệm vụ.",
            "people-TOTAL_FORMS": "1", "people-INITIAL_FORMS": "0"}
    data.update(extra)
    return client.post(f"/phong-trao/tham-gia/{part.pk}/dang-ky/", data)


def test_it_registers_the_unit_and_the_people_it_puts_forward(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    response = register(login(world.olga_officer), part,
                        **{"people-0-person": world.people["p_x1"].pk,
                           "people-0-target": "Có sáng kiến được công nhận."})
    assert response.status_code == 302
    registration = Registration.objects.get(participant=part)
    assert registration.people.get().target == "Có sáng kiến được công nhận."
    assert selectors.is_registered(campaign, world.units["X1"])
    assert selectors.is_registered(campaign, world.people["p_x1"])
    assert not selectors.is_registered(campaign, world.units["X2"])
    assert list(selectors.registered_units(campaign)) == [world.units["X1"]]


def test_it_refuses_a_registration_after_the_deadline(world, login):
    campaign = campaign_due_in(world, -1)
    part = campaign.participants.get(unit=world.units["X1"])
    response = register(login(world.olga_officer), part)
    assert response.status_code == 400
    html = response.content.decode()
    unit_field = html[html.index('id="unit-field"'):html.index("</fieldset>", html.index('id="unit-field"'))]
    assert "Đã hết hạn đăng ký thi đua" in unit_field
    assert not Registration.objects.exists()


def test_it_accepts_a_late_registration_the_owner_allowed(world, login):
    campaign = campaign_due_in(world, -1)
    part = campaign.participants.get(unit=world.units["X1"])
    until = timezone.localdate() + timedelta(days=5)
    response = login(world.alice_owner).post(f"/phong-trao/tham-gia/{part.pk}/gia-han/", {
        "valid_until": until.isoformat(), "reason": "Đơn vị mới thành lập sau sáp nhập."})
    assert response.status_code == 302
    exception = RegistrationException.objects.get()
    assert exception.granted_by == world.alice_owner
    assert register(login(world.olga_officer), part).status_code == 302
    assert Registration.objects.get().exception == exception


def test_only_the_issuer_grants_exceptions(world, login):
    campaign = campaign_due_in(world, -1)
    part = campaign.participants.get(unit=world.units["X1"])
    response = login(world.olga_officer).post(f"/phong-trao/tham-gia/{part.pk}/gia-han/", {
        "valid_until": timezone.localdate().isoformat(), "reason": "Tự gia hạn"})
    assert response.status_code == 403
    assert not RegistrationException.objects.exists()


def test_it_refuses_a_second_registration_of_the_same_unit(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    client = login(world.olga_officer)
    assert register(client, part).status_code == 302
    response = register(client, part, collective_target="Đăng ký lần hai")
    assert response.status_code == 400
    assert "đã đăng ký thi đua theo kế hoạch này" in response.content.decode()
    assert Registration.objects.get().collective_target.startswith("Hoàn thành")


def test_it_edits_a_registration_before_the_deadline(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    client = login(world.olga_officer)
    register(client, part)
    registration = Registration.objects.get()
    response = register(client, part, registration=registration.pk,
                        collective_target="Dẫn đầu khối xã")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.collective_target == "Dẫn đầu khối xã"


def test_it_refuses_a_person_of_another_unit(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    with pytest.raises(Exception) as raised:
        services.registration_submit(actor=world.olga_officer, participant=part,
                                     collective_target="x", people=[(world.people["p_x3"], "")])
    assert "không thuộc Xã Lũng Cú" in str(raised.value)
    assert not Registration.objects.exists()


def test_another_commune_cannot_register_for_x1(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    assert register(login(world.oscar_officer), part).status_code == 403


def test_the_dashboard_counts_by_category_and_exports(world, login):
    campaign = campaign_due_in(world, 10)
    part = campaign.participants.get(unit=world.units["X1"])
    services.registration_submit(actor=world.olga_officer, participant=part,
                                 collective_target="Xuất sắc",
                                 people=[(world.people["p_x1"], ""), (world.people["p_staff"], "")])
    client = login(world.alice_owner)
    html = client.get(f"/phong-trao/{campaign.pk}/dang-ky/").content.decode()
    assert "1/3 đơn vị đã đăng ký, 2 cá nhân" in html
    assert "33%" in html
    export = client.get(f"/phong-trao/{campaign.pk}/dang-ky/?xuat=xlsx")
    assert export["Content-Disposition"].endswith('.xlsx"')
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["P1-X1", "Xã Lũng Cú"] == values[0][:2] and values[0][3] == "có"


def yearly_campaign(world):
    """Two years, annual and phase: the unit registers for the whole campaign and each year."""
    today = timezone.localdate()
    period = {"start": date(today.year, 1, 1), "end": date(today.year + 1, 12, 31)}
    milestones = [{"code": "registration", "label": "Đăng ký thi đua 05 năm và hằng năm",
                   "date": today + timedelta(days=10)}]
    return launched_campaign(world, "P1-Y", "P1", launched_on=today - timedelta(days=5),
                             period=period, milestones=milestones, kind="annual_and_phase")


def test_a_unit_registers_for_the_campaign_and_for_each_year(world, login):
    """Issue 10: 002's yearly thematic registration and Hà Giang's are recorded per year."""
    campaign = yearly_campaign(world)
    year = campaign.period_start.year
    part = campaign.participants.get(unit=world.units["X1"])
    client = login(world.olga_officer)
    assert register(client, part).status_code == 302
    page = client.get(f"/phong-trao/tham-gia/{part.pk}/").content.decode()
    assert f"Đăng ký năm {year}" in page and f"Đăng ký năm {year + 1}" in page
    assert "Đăng ký thi đua năm" in client.get(
        f"/phong-trao/tham-gia/{part.pk}/dang-ky/?nam={year}").content.decode()
    response = register(client, part, nam=str(year),
                        **{"people-0-person": world.people["p_x1"].pk})
    assert response.status_code == 302
    assert sorted(Registration.objects.filter(participant=part).values_list(
        "year", flat=True), key=lambda y: y or 0) == [None, year]
    # Once per year: the same year again is refused, naming it.
    with pytest.raises(ValidationError) as error:
        services.registration_submit(actor=world.olga_officer, participant=part,
                                     collective_target="Lần hai", year=year)
    assert f"Xã Lũng Cú đã đăng ký thi đua năm {year} theo kế hoạch này" in str(error.value)
    # A year outside the campaign is not a page.
    assert client.get(f"/phong-trao/tham-gia/{part.pk}/dang-ky/?nam=1999").status_code == 404
    # Who is registered for a year: whole-campaign registrations count for every year.
    assert list(selectors.registered_units(campaign, year + 1)) == [world.units["X1"]]
    assert list(selectors.registered_people(campaign, year)) == [world.people["p_x1"]]
    assert list(selectors.registered_people(campaign, year + 1)) == []
    assert selectors.is_registered(campaign, world.people["p_x1"], year)
    assert not selectors.is_registered(campaign, world.people["p_x1"], year + 1)
    assert selectors.is_registered(campaign, world.units["X1"], year + 1)


def test_the_facts_carry_the_year_of_each_registration(world, login):
    from thidua.results.facts import build_facts

    campaign = yearly_campaign(world)
    year = campaign.period_start.year
    part = campaign.participants.get(unit=world.units["X1"])
    services.registration_submit(actor=None, participant=part, check_access=False,
                                 collective_target="Dẫn đầu khối xã", year=year,
                                 people=[(world.people["p_x1"], "")])
    other = campaign.participants.get(unit=world.units["X2"])
    services.registration_submit(actor=None, participant=other, check_access=False,
                                 collective_target="Hoàn thành tốt")
    facts = build_facts(years=[year], root=world.units["P1"], campaign=campaign)
    assert sorted(facts.registrations.select("subject_kind", "subject_id", "year").rows(),
                  key=str) == sorted([("unit", world.units["X1"].pk, year),
                                      ("person", world.people["p_x1"].pk, year),
                                      ("unit", world.units["X2"].pk, None)], key=str)


def test_a_campaign_of_one_registration_refuses_a_year(world):
    today = timezone.localdate()
    campaign = launched_campaign(
        world, "P1-F", "P1", launched_on=today - timedelta(days=5), kind="phase",
        period={"start": date(today.year, 1, 1), "end": date(today.year + 1, 12, 31)},
        milestones=[{"code": "registration", "label": "Đăng ký thi đua",
                     "date": today + timedelta(days=10)}])
    assert selectors.registration_years(campaign) == []
    part = campaign.participants.get(unit=world.units["X1"])
    with pytest.raises(ValidationError) as error:
        services.registration_submit(actor=None, participant=part, check_access=False,
                                     collective_target="x", year=campaign.period_start.year)
    assert "không đăng ký thi đua riêng cho năm" in str(error.value)


def test_the_seed_plans_that_ask_for_yearly_registration():
    """002 ("05 năm và hằng năm"), 003 (recurring, with the yearly registration) and 004
    (annual and phase, §IV.1.a) register per year; 000's phase and 001's single year do not."""
    from thidua.campaigns.seedplans import PLAN_CODES, load_seed_plan, with_rules
    from thidua.campaigns.testing import seed_issuers

    seed_issuers()
    years = {}
    for code in PLAN_CODES:
        campaign = services.campaign_save(actor=None, plan=with_rules(load_seed_plan(code)),
                                          check_access=False)
        years[code] = selectors.registration_years(campaign)
    assert years == {"DNO-CCHC-2022-2025": [], "TNA-CCHC-2023": [],
                     "KG-CCHC-2021-2025": list(range(2021, 2026)),
                     "BDT-CCHC-2021-2025": list(range(2021, 2026)),
                     "HG-CCHC-2021-2025": list(range(2021, 2026))}
