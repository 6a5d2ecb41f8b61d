"""Errors of the award-standard language: one base class, positions and Vietnamese messages."""

from __future__ import annotations


class RuleError(Exception):
    """Anything wrong with a rule text, its facts or its evaluation (message in Vietnamese)."""


class RuleSyntaxError(RuleError):
    """A rule text that cannot be accepted; carries the line and column (1-based) of the fault."""

    def __init__(self, message: str, line: int = 0, column: int = 0, source_line: str = "") -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line
        where = f"Dòng {line}, cột {column}: " if line else ""
        super().__init__(f"{where}{message}")


class RuleCycleError(RuleSyntaxError):
    """Standards that depend on each other in a circle (A needs B, B needs A)."""


class FactsError(RuleError):
    """Input facts that do not match the documented frames (missing column, unknown code...)."""
