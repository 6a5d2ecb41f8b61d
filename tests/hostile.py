"""Hostile files for the tests and the benchmark: a zip-bomb workbook, a huge PNG header, an
executable under a document's name."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook


def workbook(rows: Sequence[Sequence[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx(header: Sequence[str], cell_bytes: int = 300 * 1024 * 1024) -> bytes:
    """A real .xlsx (made by openpyxl) whose first sheet gets one more row: a cell of
    `cell_bytes` letters. The letters compress about a thousand times, as in issue 12."""
    base = zipfile.ZipFile(io.BytesIO(workbook([header])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in base.infolist():
            data = base.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            # The stated dimension must cover row 2, or a read-only reader stops at row 1.
            head = re.sub(rb'<dimension ref="A1:([A-Z]+)1"', rb'<dimension ref="A1:\g<1>2"', head)
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(info, "w", force_zip64=True) as member:
                member.write(head + b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
                chunk, left = b"A" * (1024 * 1024), cell_bytes
                while left > 0:
                    member.write(chunk[:left])
                    left -= len(chunk)
                member.write(b"</t></is></c></row></sheetData>" + tail)
    return out.getvalue()


def long_cell_xlsx(header: Sequence[str], length: int) -> bytes:
    """A workbook whose second row has one cell of `length` characters, below the size limits
    so that only the cell-length check can catch it (openpyxl itself would cut it at 32 767)."""
    return zip_bomb_xlsx(header, cell_bytes=length)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG whose header states width×height (8-bit grey); the pixel data is a token, since a
    decoder must refuse it from the header alone."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b""))


# The start of a Windows executable ("MZ" header and DOS stub).
EXECUTABLE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
              + b"\x00" * 44 + b"This program cannot be run in DOS mode.\r\n" + b"\x00" * 64)


def with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The workbook `data` with some parts replaced or added (name -> XML)."""
    base = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for item in base.infolist():
            if item.filename not in parts:
                book.writestr(item.filename, base.read(item.filename))
        for name, xml in parts.items():
            book.writestr(name, xml)
    return out.getvalue()


def billion_laughs_xlsx(header: Sequence[str]) -> bytes:
    """A workbook whose sheet declares nested entities (the "billion laughs")."""
    sheet = zipfile.ZipFile(io.BytesIO(workbook([header]))).read("xl/worksheets/sheet1.xml")
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f"<!DOCTYPE worksheet [{entities}]>".encode()
    sheet = sheet.replace(b"<worksheet", doctype + b"<worksheet", 1).replace(
        b"<t>" + header[0].encode() + b"</t>", b"<t>&l9;</t>", 1)
    return with_parts(workbook([header]), {"xl/worksheets/sheet1.xml": sheet})


def rich_text_xlsx(header: Sequence[str], runs: int, run_length: int) -> bytes:
    """A workbook with a shared string made of `runs` rich-text runs of `run_length` letters:
    each run is short, the cell is not."""
    body = "".join(f"<r><t>{'B' * run_length}</t></r>" for _ in range(runs))
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               f'count="1" uniqueCount="1"><si>{body}</si></sst>').encode()
    return with_parts(workbook([header]), {"xl/sharedStrings.xml": strings})
