"""Excel/CSV import and export shared by every part: typed columns, row/column errors in Vietnamese.

An import is all or nothing: `read_table` parses and validates every row and returns either the
clean rows or the full list of problems (row number and column as the user sees them in Excel).
A workbook is checked by thidua.core.uploads (stated sizes, cell length) before openpyxl opens
it, and every text cell written goes through thidua.core.safe_export (never a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.safe_export import append_row
from thidua.core.uploads import MAX_CELL_CHARS, HostileFile, check_xlsx

MAX_ROWS = 200_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CellError(ValueError):
    """A value that cannot be read; the message is Vietnamese and names what was expected."""


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based, as Excel shows it
    column: str  # letter, e.g. "C"
    header: str
    message: str

    def __str__(self) -> str:
        if not self.row:  # the file as a whole
            return self.message
        where = f"Dòng {self.row}" + (f", cột {self.column} ({self.header})" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file was refused as a whole; nothing was saved."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems[:50]))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[Any], Any] = lambda v: v
    required: bool = True
    example: Any = ""
    width: int = 18


@dataclass
class Table:
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def clean(self) -> list[tuple[int, dict[str, Any]]]:
        """(row number, row) for the rows without a cell problem, for cross-row checks."""
        bad = {p.row for p in self.problems}
        return [(n, r) for n, r in zip(self.row_numbers, self.rows, strict=True) if n not in bad]

    def add(self, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(row, self.letters.get(key, ""), self.headers.get(key, ""),
                                     message))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ImportRejected(sorted(self.problems, key=lambda p: (p.row, p.column)))


# --- cell parsers -------------------------------------------------------------------------

def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise CellError(f'"{raw}" không phải ngày hợp lệ (dạng ngày/tháng/năm, ví dụ 30/03/2022)')


def decimal_between(low: float, high: float, places: int = 2) -> Callable[[Any], Decimal | None]:
    def parse(value: Any) -> Decimal | None:
        if value in (None, ""):
            return None
        raw = text(value).replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(f'"{raw}" không phải là số') from None
        if not (Decimal(str(low)) <= number <= Decimal(str(high))):
            raise CellError(f"giá trị {raw} nằm ngoài khoảng cho phép {low}–{high}")
        return round(number, places)

    return parse


def integer_between(low: int, high: int) -> Callable[[Any], int | None]:
    def parse(value: Any) -> int | None:
        if value in (None, ""):
            return None
        raw = text(value)
        try:
            number = int(Decimal(raw.replace(",", ".")))
        except (InvalidOperation, ValueError):
            raise CellError(f'"{raw}" không phải là số nguyên') from None
        if not low <= number <= high:
            raise CellError(f"giá trị {number} nằm ngoài khoảng cho phép {low}–{high}")
        return number

    return parse


def choice(options: dict[str, Any], label: str,
           shown: Sequence[str] | None = None) -> Callable[[Any], Any]:
    """Accept a label or code, with or without diacritics, case-insensitively; `shown` are the
    values a template's dropdown offers (by default the Vietnamese labels among the keys)."""
    from thidua.core.text import fold

    folded = {fold(k): v for k, v in options.items()}

    def parse(value: Any) -> Any:
        raw = text(value)
        if raw == "":
            return None
        try:
            return folded[fold(raw)]
        except KeyError:
            allowed = ", ".join(sorted({k for k in options if not k.isascii() or k.isupper()}
                                       or set(options)))
            raise CellError(f'"{raw}" không phải {label} hợp lệ (chọn một trong: {allowed})') from None

    # The values offered in a template's dropdown: the Vietnamese labels, not the codes.
    parse.options = tuple(shown) if shown is not None else (  # type: ignore[attr-defined]
        tuple(k for k in options if not k.isascii()) or tuple(options))
    return parse


# --- reading ------------------------------------------------------------------------------

def _file_problem(message: str) -> ImportRejected:
    return ImportRejected([Problem(0, "", "", message)])


def _iter_csv_rows(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_problem("Tệp CSV phải lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).") from exc
    if "\x00" in decoded:
        raise _file_problem("Tệp không phải là tệp CSV (có ký tự nhị phân).")
    reader = csv.reader(io.StringIO(decoded))
    index = 0
    while True:
        index += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field beyond csv.field_size_limit()
            raise ImportRejected([Problem(index, "", "", "dòng không đọc được: có ô quá dài "
                                          "hoặc dấu ngoặc kép không khớp.")]) from exc
        yield index, row


def _iter_raw_rows(data: bytes, filename: str,
                   max_col: int | None = None) -> Iterable[tuple[int, list[Any]]]:
    if filename.lower().endswith(".csv"):
        yield from _iter_csv_rows(data)
        return
    try:
        check_xlsx(data)
    except HostileFile as exc:
        raise _file_problem(str(exc)) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types; the file is refused
        raise _file_problem("Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx.") from exc
    if not workbook.worksheets:
        raise _file_problem("Tệp Excel không có trang tính nào.")
    sheet = workbook.worksheets[0]
    for index, row in enumerate(sheet.iter_rows(values_only=True, max_col=max_col), start=1):
        yield index, list(row)
    workbook.close()


def read_table(
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    *,
    validate_row: Callable[[dict[str, Any]], Iterable[tuple[str, str]]] | None = None,
    unique: Sequence[str] = (),
) -> Table:
    """Parse and validate; raise ImportRejected listing every problem, or return clean rows."""
    table = parse_table(data, filename, columns, validate_row=validate_row, unique=unique)
    table.raise_if_problems()
    return table


def parse_table(
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    *,
    validate_row: Callable[[dict[str, Any]], Iterable[tuple[str, str]]] | None = None,
    unique: Sequence[str] = (),
) -> Table:
    """Parse every row and collect problems (a broken header or file still raises at once).

    Services add their own checks with `table.add(row, key, message)` and then call
    `table.raise_if_problems()`, so the user sees every problem of the file in one go.
    `validate_row` may yield (column key, message) for cross-field checks; `unique` names keys
    whose combination must not repeat within the file.
    """
    problems: list[Problem] = []
    letters = {c.key: get_column_letter(i + 1) for i, c in enumerate(columns)}
    headers = {c.key: c.header for c in columns}
    table = Table(letters=letters, headers=headers)
    seen: dict[tuple, int] = {}
    raw_rows = iter(_iter_raw_rows(data, filename, max_col=len(columns)))
    header_row = next(raw_rows, None)
    if header_row is None:
        raise ImportRejected([Problem(1, "", "", "Tệp trống, không có dòng tiêu đề.")])
    found = [text(v) for v in header_row[1]]
    for i, column in enumerate(columns):
        got = found[i] if i < len(found) else ""
        if got.lower() != column.header.lower():
            problems.append(Problem(1, get_column_letter(i + 1), column.header,
                                    f'tiêu đề phải là "{column.header}", tệp có "{got}". '
                                    "Hãy dùng đúng tệp mẫu."))
    if problems:
        raise ImportRejected(problems)
    for number, raw in raw_rows:
        if number > MAX_ROWS:
            raise ImportRejected([Problem(number, "", "", f"Tệp vượt quá {MAX_ROWS} dòng.")])
        if all(text(v) == "" for v in raw):
            continue
        if number == 2 and _is_example(raw, columns):
            continue  # the template's example row, left as it was
        row: dict[str, Any] = {}
        for i, column in enumerate(columns):
            value = raw[i] if i < len(raw) else None
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(Problem(number, letters[column.key], column.header,
                                        f"ô dài hơn {MAX_CELL_CHARS} ký tự"))
                row[column.key] = None
                continue
            if text(value) == "":
                if column.required:
                    problems.append(Problem(number, letters[column.key], column.header,
                                            "không được để trống"))
                row[column.key] = None
                continue
            try:
                row[column.key] = column.parse(value)
            except CellError as exc:
                problems.append(Problem(number, letters[column.key], column.header, str(exc)))
                row[column.key] = None
        if validate_row is not None and not any(p.row == number for p in problems):
            for key, message in validate_row(row):
                problems.append(Problem(number, letters.get(key, ""), headers.get(key, ""), message))
        if unique:
            key_value = tuple(row.get(k) for k in unique)
            if None not in key_value:
                if key_value in seen:
                    problems.append(Problem(number, letters[unique[0]], headers[unique[0]],
                                            f"trùng với dòng {seen[key_value]}"))
                else:
                    seen[key_value] = number
        table.rows.append(row)
        table.row_numbers.append(number)
    table.problems = problems
    return table


def _is_example(raw: Sequence[Any], columns: Sequence[Column]) -> bool:
    cells = [text(raw[i]) if i < len(raw) else "" for i in range(len(columns))]
    return any(cells) and cells == [text(c.example) for c in columns]


# --- writing ------------------------------------------------------------------------------

def write_xlsx(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, title: str = "Dữ liệu",
    note: str = "",
) -> bytes:
    """One sheet with a bold header row (the import template shape), then the rows."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    append_row(sheet, [c.header for c in columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for i, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    for row in rows:
        append_row(sheet, ["" if v is None else v for v in row])
    sheet.freeze_panes = "A2"
    if note:
        info = workbook.create_sheet("Hướng dẫn")
        for line in note.splitlines():
            append_row(info, [line])
        info.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXAMPLE_NOTE = ("Dòng 2 là dòng ví dụ: hãy sửa hoặc xoá. Để nguyên như mẫu, dòng đó không được "
                "nhập.")


def column_options(column: Column) -> tuple[str, ...]:
    """The values a coded column accepts, for its dropdown (from `choice`)."""
    return tuple(getattr(column.parse, "options", ()))


def template_xlsx(columns: Sequence[Column], *, title: str, note: str = "",
                  options: Mapping[str, Sequence[str]] | None = None,
                  rows: Iterable[Sequence[Any]] = ()) -> bytes:
    """The import template: the header row, an example row (grey, with a note; skipped on
    import while left as it is), then `rows` (e.g. the units of a scope to fill in), a dropdown
    on every coded column (its own choices, or `options[key]` for values kept in the database),
    and a sheet describing each column."""
    lines = [note, "", EXAMPLE_NOTE, "", "Cột | Bắt buộc | Ví dụ"] if note else \
        [EXAMPLE_NOTE, "", "Cột | Bắt buộc | Ví dụ"]
    lines += [
        f"{c.header} | {'có' if c.required else 'không'} | {c.example}" for c in columns
    ]
    data = write_xlsx(columns, [[c.example for c in columns], *rows], title=title,
                      note="\n".join(lines))
    lists = {c.key: tuple((options or {}).get(c.key) or column_options(c)) for c in columns}
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    grey = Font(italic=True, color="808080")
    for i in range(1, len(columns) + 1):
        sheet.cell(row=2, column=i).font = grey
    sheet.cell(row=2, column=1).comment = Comment(EXAMPLE_NOTE, "thidua")
    if any(lists.values()):
        values = workbook.create_sheet("Danh mục")
        values.sheet_state = "hidden"
        for i, column in enumerate(columns, start=1):
            choices = lists[column.key]
            if not choices:
                continue
            letter = get_column_letter(i)
            values.cell(row=1, column=i, value=column.header)
            for j, value in enumerate(choices, start=2):
                values.cell(row=j, column=i, value=value)
            rule = DataValidation(type="list", allow_blank=not column.required,
                                  formula1=f"='Danh mục'!${letter}$2:${letter}${len(choices) + 1}",
                                  showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                  error=f"Hãy chọn {column.header.lower()} trong danh sách.")
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{MAX_ROWS}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
