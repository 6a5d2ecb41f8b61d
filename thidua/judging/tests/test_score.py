"""Scoring an entry through the judge's pages: blind, recusal, ranges, concurrent edits."""

from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.judging.models import Declaration, Sheet
from thidua.writing.testing import judge_user, make_contest, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    own_unit_judge = judge_user("gk-cung-don-vi", world.people["p_x1"])  # works in X1, as the author
    contest = make_contest(world.units["P1"], judges=[world.users["carl_council"], own_unit_judge])
    entry = make_entry(contest, world.people["p_staff"], title="Hồ sơ điện tử liên thông")
    stage = contest.panel.stages.get(number=1)
    return contest, entry, stage, own_unit_judge


def _url(stage, entry):
    return reverse("judging:score", args=[stage.pk, entry.judging_entry_id])


def _values(contest, points):
    return {f"c{c.pk}": str(p) for c, p in zip(contest.panel.criteria.all(), points, strict=True)}


def test_it_shows_the_entry_by_code_without_the_author(world, login, setup):
    contest, entry, stage, _ = setup
    response = login(world.users["carl_council"]).get(_url(stage, entry))
    body = response.content.decode()
    assert response.status_code == 200
    assert entry.judging_entry.code in body and "Hồ sơ điện tử liên thông" in body
    assert world.people["p_staff"].full_name not in body
    assert world.units["X1"].name not in body


def test_it_saves_the_weighted_total_after_the_no_conflict_pledge(world, login, setup):
    contest, entry, stage, _ = setup
    client = login(world.users["carl_council"])
    refused = client.post(_url(stage, entry), {**_values(contest, [30, 30, 15]), "version": "0"})
    assert refused.status_code == 400
    assert "xung đột lợi ích" in refused.content.decode()
    assert not Sheet.objects.exists()
    response = client.post(_url(stage, entry), {**_values(contest, [30, 30, 15]), "version": "0",
                                                "no_conflict": "1", "comment": "Khả thi"})
    assert response.status_code == 302
    sheet = Sheet.objects.get()
    assert sheet.total == Decimal("75.00") and sheet.comment == "Khả thi"
    assert Declaration.objects.get(conflict=False).judge.user == world.users["carl_council"]


def test_it_names_the_criterion_out_of_range_and_saves_nothing(world, login, setup):
    contest, entry, stage, _ = setup
    response = login(world.users["carl_council"]).post(
        _url(stage, entry), {**_values(contest, [41, 30, 15]), "version": "0", "no_conflict": "1"})
    assert response.status_code == 400
    assert "Điểm tiêu chí «Nội dung, tính mới của giải pháp» phải từ 0 đến 40 (đã nhập 41)" \
        in response.content.decode()
    assert not Sheet.objects.exists()


def test_a_sheet_changed_elsewhere_is_not_overwritten(world, login, setup):
    contest, entry, stage, _ = setup
    client = login(world.users["carl_council"])
    client.post(_url(stage, entry), {**_values(contest, [30, 30, 15]), "version": "0", "no_conflict": "1"})
    client.post(_url(stage, entry), {**_values(contest, [35, 30, 15]), "version": "1"})  # now version 2
    stale = client.post(_url(stage, entry), {**_values(contest, [10, 10, 10]), "version": "1"})
    assert stale.status_code == 400 and "sửa ở nơi khác" in stale.content.decode()
    assert Sheet.objects.get().total == Decimal("80.00")


def test_a_judge_from_the_authors_unit_is_recused_and_cannot_open_the_entry(world, login, setup):
    contest, entry, stage, own_unit_judge = setup
    declaration = Declaration.objects.get(judge__user=own_unit_judge)
    assert declaration.conflict and declaration.automatic
    client = login(own_unit_judge)
    assert client.get(_url(stage, entry)).status_code == 403
    assert client.post(_url(stage, entry), {**_values(contest, [30, 30, 15]), "version": "0",
                                            "no_conflict": "1"}).status_code == 403
    listing = client.get(reverse("judging:stage", args=[stage.pk])).content.decode()
    assert "miễn chấm" in listing and "đã chấm 0/0" in listing


def test_a_judge_may_declare_a_conflict_and_is_then_refused(world, login, setup):
    contest, entry, stage, _ = setup
    client = login(world.users["carl_council"])
    assert client.post(reverse("judging:conflict", args=[stage.pk, entry.judging_entry_id]),
                       {"reason": "Người thân của tôi"}).status_code == 302
    assert Declaration.objects.get(judge__user=world.users["carl_council"]).conflict
    assert client.get(_url(stage, entry)).status_code == 403


def test_someone_not_on_the_panel_is_refused(world, login, setup):
    _, entry, stage, _ = setup
    assert login(world.users["sam_signer"]).get(_url(stage, entry)).status_code == 403
