"""The one way exports write a cell: text never becomes a formula, in .xlsx or in CSV.

Text typed by users (names, even by anonymous contestants) ends up in files officers open in
Excel. In .xlsx openpyxl turns any string starting with "=" into a live formula, so every string
is written with the string type. In CSV there are no types, so a cell starting with one of
= + - @, a tab or a carriage return gets a leading apostrophe (OWASP "CSV injection"); Excel
shows the text and does not evaluate it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for csv.writer: text that a spreadsheet would read as a formula is escaped."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def xlsx_cell(sheet: Worksheet, value: Any) -> Any:
    """A value for sheet.append: a string becomes a cell typed as text (never a formula)."""
    if isinstance(value, str):
        cell = Cell(sheet, value=value)
        cell.data_type = "s"  # openpyxl guessed "f" for "=..."; text stays text
        return cell
    return value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """sheet.append with every text value written as text."""
    sheet.append([xlsx_cell(sheet, v) for v in values])
