"""A results round: recognition date and publication, and the selector campaigns call."""

from __future__ import annotations

from datetime import date

from auditlog.models import LogEntry

from thidua.results.models import ResultRound
from thidua.results.selectors import results_recognised_on
from thidua.results.tests.factories import result


def test_an_owner_records_the_recognition_date(world, login):
    r = result(world, "X1", 2024, "92", 1, "xuat_sac").round
    client = login(world.users["alice_owner"])
    response = client.post(f"/ket-qua/dot/{r.pk}/", {
        "recognised_on": "2025-02-10", "decision_number": "245/QĐ-UBND", "published": "on"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.recognised_on == date(2025, 2, 10) and r.published
    assert LogEntry.objects.get_for_object(r).filter(action=LogEntry.Action.UPDATE).exists()
    assert "ngày 10 tháng 2 năm 2025" in client.get(f"/ket-qua/dot/{r.pk}/").content.decode()


def test_a_recognition_date_before_the_year_is_refused(world, login):
    r = ResultRound.objects.create(evaluator=world.units["P1"], year=2024)
    response = login(world.users["alice_owner"]).post(f"/ket-qua/dot/{r.pk}/", {
        "recognised_on": "2023-12-01"})
    assert response.status_code == 200
    r.refresh_from_db()
    assert r.recognised_on is None


def test_an_officer_cannot_recognise(world, login):
    r = ResultRound.objects.create(evaluator=world.units["X1"], year=2024)
    response = login(world.users["olga_officer"]).post(f"/ket-qua/dot/{r.pk}/", {
        "recognised_on": "2025-02-10"})
    assert response.status_code == 403


def test_it_rejects_another_units_round(world, login):
    r = ResultRound.objects.create(evaluator=world.units["Y1"], year=2024)
    assert login(world.users["alice_owner"]).get(f"/ket-qua/dot/{r.pk}/").status_code == 403


def test_recognised_on_comes_from_the_nearest_evaluator(world):
    ResultRound.objects.create(evaluator=world.units["P1"], year=2024,
                               recognised_on=date(2025, 2, 10))
    ResultRound.objects.create(evaluator=world.units["H1"], year=2024,
                               recognised_on=date(2025, 1, 20))
    ResultRound.objects.create(evaluator=world.units["H2"], year=2024)  # not recognised yet
    assert results_recognised_on(unit=world.units["X1"], year=2024) == date(2025, 1, 20)
    assert results_recognised_on(unit=world.units["X3"], year=2024) == date(2025, 2, 10)
    assert results_recognised_on(unit=world.units["Y1"], year=2024) is None
    assert results_recognised_on(unit=world.units["X1"], year=2023) is None


def test_recognised_results_tell_the_scored_units_once(world, login):
    """Relative dossier deadlines start on recognition: the scored units' officers are told (in
    the one inbox), once — saving the same date again tells nobody."""
    from thidua.notices.models import Notice

    r = result(world, "X1", 2024, "92", 1, "xuat_sac").round
    client = login(world.users["alice_owner"])
    data = {"recognised_on": "2025-02-10", "decision_number": "245/QĐ-UBND", "published": "on"}
    assert client.post(f"/ket-qua/dot/{r.pk}/", data).status_code == 302
    notice = Notice.objects.get(event="results_recognised")
    assert notice.user == world.users["olga_officer"]
    assert notice.message == (
        f"Kết quả Chỉ số CCHC năm 2024 của {r.evaluator.name} đã được công nhận ngày 10/02/2025 "
        "(Quyết định số 245/QĐ-UBND). Hạn nộp hồ sơ đề nghị khen thưởng tính từ ngày này.")
    assert notice.url == "/khen-thuong/"
    client.post(f"/ket-qua/dot/{r.pk}/", data)
    assert Notice.objects.filter(event="results_recognised").count() == 1
