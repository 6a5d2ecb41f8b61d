"""Evaluate a catalogue standard for a few people from this app's facts (thin adapter to rules/)."""

from __future__ import annotations

from collections.abc import Sequence

from thidua.initiatives.selectors import initiative_facts
from thidua.org.models import Person


def _fact_level(people: Sequence[Person], year: int) -> dict[int, tuple[bool, str]]:
    from thidua.contests.selectors import prize_facts

    ids = [p.pk for p in people]
    initiatives = initiative_facts(year, year, person_ids=ids)
    prizes = prize_facts(year, year, person_ids=ids)
    out: dict[int, tuple[bool, str]] = {}
    for person in people:
        recognised = [r for r in initiatives if r["owner_id"] == person.pk and r["recognised"]]
        won = [r for r in prizes if r["person_id"] == person.pk]
        if recognised:
            out[person.pk] = (True, f"Đạt: có {len(recognised)} sáng kiến được công nhận năm {year}.")
        elif won:
            out[person.pk] = (True, f"Đạt: đạt giải cuộc thi trực tuyến năm {year}.")
        else:
            out[person.pk] = (False, f"Chưa đạt: năm {year} chưa có giải cuộc thi và chưa có sáng "
                                     "kiến được công nhận.")
    return out


def evaluate_bdt_a_ind(people: Sequence[Person], year: int) -> dict[int, tuple[bool, str]]:
    return _fact_level(people, year)
