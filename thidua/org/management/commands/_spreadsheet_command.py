"""The older path of thidua.core.commands, kept only while branches written against it merge;
new code imports thidua.core.commands (remove this file once nothing imports it)."""

from thidua.core.commands import ImportCommand, resolve_actor

__all__ = ["ImportCommand", "resolve_actor"]
