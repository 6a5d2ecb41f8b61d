"""Results: ranking, prizes, publication (the end of the blind), honour board, certificates, facts."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from thidua.core.facts_registry import FactScope, fact_providers
from thidua.judging import services as judging
from thidua.writing.models import Prize
from thidua.writing.testing import close_submissions, judge_user, make_contest, make_entry, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(world):
    judge = judge_user("gk-1")
    contest = make_contest(world.units["X1"], judges=[judge], advance_count=2)
    contest.prize_first = contest.prize_second = contest.prize_third = 1
    contest.prize_consolation = 0
    contest.save()
    entries = [make_entry(contest, world.people[k], title=t)
               for k, t in (("p_staff", "Bài A"), ("p_x1", "Bài B"))]
    close_submissions(contest)
    score_all(contest, 1, {entries[0].pk: Decimal(70), entries[1].pk: Decimal(90)})
    judging.stage_close(stage=contest.panel.stages.get(number=1))
    score_all(contest, 2, {entries[0].pk: Decimal(95), entries[1].pk: Decimal(85)})
    return contest, entries, judge


def _publish(client, contest):
    return client.post(reverse("writing:publish", args=[contest.pk]), {
        "decision_number": "15/QĐ-SNV", "decision_date": "2026-11-20", "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn Bình"}, follow=True)


def test_publishing_before_the_final_round_ends_is_refused(world, login, judged):
    contest, _, _ = judged
    page = _publish(login(world.users["olga_officer"]), contest).content.decode()
    assert "Vòng chung khảo chưa kết thúc" in page
    assert not Prize.objects.exists()


def test_publishing_gives_prizes_by_the_final_ranking_and_ends_the_blind(world, login, judged):
    contest, entries, judge = judged
    judging.stage_close(stage=contest.panel.stages.get(number=2))
    client = login(world.users["olga_officer"])
    page = _publish(client, contest).content.decode()
    assert "Đã công bố kết quả: 2 giải." in page
    assert [(p.entry.title, p.level) for p in Prize.objects.order_by("rank")] == \
        [("Bài A", "nhat"), ("Bài B", "nhi")]  # the final round decides, not the preliminary
    assert "Giải Nhất" in page and world.people["p_staff"].full_name in page
    again = _publish(client, contest).content.decode()
    assert "Kết quả cuộc thi đã được công bố." in again and Prize.objects.count() == 2
    # The judge now sees the author.
    stage = contest.panel.stages.get(number=2)
    seen = login(judge).get(reverse("judging:score", args=[stage.pk, entries[0].judging_entry_id]))
    assert world.people["p_staff"].full_name in seen.content.decode()


def test_published_prizes_are_facts_board_lines_and_certificates(world, login, judged, client):
    contest, entries, _ = judged
    judging.stage_close(stage=contest.panel.stages.get(number=2))
    _publish(login(world.users["olga_officer"]), contest)
    providers = dict(fact_providers("prizes"))
    frame = providers["writing"](FactScope(first=contest.year, last=contest.year))
    assert sorted(frame.to_dicts(), key=lambda r: r["prize"]) == [
        {"person_id": world.people["p_staff"].pk, "year": contest.year, "contest": "viet-sang-kien",
         "prize": "nhat"},
        {"person_id": world.people["p_x1"].pk, "year": contest.year, "contest": "viet-sang-kien",
         "prize": "nhi"}]
    board = client.get(reverse("public:index")).content.decode()
    assert "Giải Nhất: «Bài A» — " + world.people["p_staff"].full_name in board
    prize = Prize.objects.get(level="nhat")
    response = login(world.users["stan_staff"]).get(reverse("writing:certificate", args=[prize.pk]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert world.people["p_staff"].full_name in text and "15/QĐ-SNV" in text
    assert "Đã đạt giải Nhất cuộc thi viết tìm kiếm sáng kiến CCHC" in text
    other = login(world.users["oscar_officer"]).get(reverse("writing:certificate", args=[prize.pk]))
    assert other.status_code == 403


def test_the_export_lists_entries_with_authors_and_scores(world, login, judged):
    contest, entries, _ = judged
    judging.stage_close(stage=contest.panel.stages.get(number=2))
    response = login(world.users["olga_officer"]).get(reverse("writing:export", args=[contest.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    flat = [" ".join(str(v) for v in r if v is not None) for r in rows]
    assert any("Bài A" in r and world.people["p_staff"].full_name in r and "95" in r for r in flat)
