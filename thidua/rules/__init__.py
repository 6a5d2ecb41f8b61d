"""Award-standard language: parse, evaluate over populations, explain, allocate quotas (no Django).

The public surface, for the Django side and the benchmarks:

    rules = parse(text)                         # or catalogue.load("002")
    facts = Facts(units=..., unit_years=..., ...)   # Polars frames, see docs/rules.md
    result = evaluate(rules, facts, evaluation_year=2025)
    result["KG-P-FLAG"].selected()              # codes within quota, best first
    result["KG-P-FLAG"].explain("KG-X001")      # Vietnamese, condition by condition
    result["KG-P-FLAG"].record("KG-X001")       # the same as a JSON-ready dict
    after, changes = what_if(result, quotas={"KG-P-FLAG": {"xa": 4}})
"""

from thidua.rules.ast import Period, RuleSet, Standard
from thidua.rules.engine import CampaignResult, EvaluationContext, StandardResult, evaluate
from thidua.rules.errors import FactsError, RuleCycleError, RuleError, RuleSyntaxError
from thidua.rules.facts import SCHEMA, Facts, Parameters, Prepared, prepare
from thidua.rules.parser import parse
from thidua.rules.quota import percent_limit
from thidua.rules.whatif import (
    Diff,
    describe_override,
    diff,
    threshold_override,
    what_if,
    with_quota,
    with_threshold,
)

__all__ = [
    "SCHEMA", "CampaignResult", "Diff", "EvaluationContext", "Facts", "FactsError",
    "Parameters", "Period", "Prepared", "RuleCycleError", "RuleError", "RuleSet",
    "RuleSyntaxError", "Standard", "StandardResult", "diff", "evaluate", "parse",
    "percent_limit", "prepare", "what_if", "with_quota", "with_threshold",
    "threshold_override", "describe_override",
]
