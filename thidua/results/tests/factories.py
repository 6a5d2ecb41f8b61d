"""Small builders for results in the test world (explicit, no magic)."""

from __future__ import annotations

from decimal import Decimal

from thidua.results.models import AnnualResult, ResultRound


def result(world, unit_key: str, year: int, score: str | None, rank: int | None,
           classification: str, *, evaluator: str = "P1", sipas: str | None = None,
           published: bool = False) -> AnnualResult:
    unit = world.units[unit_key]
    round_, _ = ResultRound.objects.get_or_create(evaluator=world.units[evaluator], year=year,
                                                  defaults={"published": published})
    return AnnualResult.objects.create(
        round=round_, unit=unit, year=year, category=unit.category,
        score=Decimal(score) if score is not None else None, rank=rank,
        classification=classification, sipas=Decimal(sipas) if sipas else None)
