"""Hostile-file guards: bounded reading of Office (zip) files, uploads checked by content, images.

A .xlsx or .docx is a zip: its central directory states each member's uncompressed size, and
Python's zipfile never inflates a member past that size (a member that lies fails its CRC). So
checking the stated sizes before anything is parsed bounds the memory a file can take; the XML of
a workbook is then scanned in chunks so that one enormous cell is refused before openpyxl builds
it. An upload is judged by its first bytes, never by its name alone.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import IO, Any
from xml.parsers import expat

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 100 * MB  # one sheet of 200 000 short rows is about 60 MB of XML
MAX_TOTAL_BYTES = 250 * MB
MAX_SHEETS = 100
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
MAX_IMAGE_PIXELS = 60_000_000  # a 48-megapixel phone photo passes; 20000×20000 does not
SCAN_CHUNK = 256 * 1024


class HostileFile(ValueError):
    """A file refused before it is parsed; the message is Vietnamese and says why."""


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB"


def _open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise HostileFile(f"Tệp không phải là tệp {what} hợp lệ (không mở được).") from exc


def check_zip(data: bytes, *, what: str = "Office") -> zipfile.ZipFile:
    """Open a zip and refuse it when its stated contents are too many or too large."""
    archive = _open_zip(data, what)
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise HostileFile(f"Tệp {what} có quá nhiều thành phần ({len(members)}; tối đa "
                          f"{MAX_ZIP_MEMBERS}).")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise HostileFile(
                f"Tệp {what} có một thành phần giải nén ra {_size(member.file_size)} (tối đa "
                f"{_size(MAX_MEMBER_BYTES)}); tệp bị từ chối vì có thể làm treo máy chủ.")
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise HostileFile(f"Tệp {what} giải nén ra {_size(total)} (tối đa "
                          f"{_size(MAX_TOTAL_BYTES)}); tệp bị từ chối vì có thể làm treo máy chủ.")
    return archive


def _scan_cells(stream: IO[bytes], member: str) -> None:
    """Stream one XML part and refuse a DTD or a cell whose text exceeds MAX_CELL_CHARS.

    The count restarts at each cell (<c>) or shared string (<si>) and covers all its text, so
    a long text split into many runs (rich text) is counted whole.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    count = [0]

    def doctype(*_: Any) -> None:
        raise HostileFile("Tệp Excel chứa khai báo DTD; tệp bị từ chối.")

    def start(name: str, _attrs: Any) -> None:
        # Only a new cell or shared string restarts the count; the few characters between
        # cells (whitespace) go to the next one, which costs nothing and needs no end handler.
        if name == "c" or name == "si" or name.endswith((":c", ":si")):
            count[0] = 0

    def chars(data: str) -> None:
        count[0] += len(data)
        if count[0] > MAX_CELL_CHARS:
            raise HostileFile(f"Tệp Excel có một ô dài hơn {MAX_CELL_CHARS} ký tự (giới hạn của "
                              f"Excel); tệp bị từ chối.")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.CharacterDataHandler = chars
    parser.buffer_text = True
    parser.buffer_size = SCAN_CHUNK
    try:
        while chunk := stream.read(SCAN_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise HostileFile(f"Tệp Excel bị hỏng (phần {member}).") from exc


def check_xlsx(data: bytes) -> None:
    """Refuse a workbook that is not a bounded, well-formed .xlsx before openpyxl opens it."""
    archive = check_zip(data, what="Excel")
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" not in names:
            raise HostileFile("Tệp không phải là tệp Excel (.xlsx) hợp lệ.")
        sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if len(sheets) > MAX_SHEETS:
            raise HostileFile(f"Tệp Excel có {len(sheets)} trang tính (tối đa {MAX_SHEETS}).")
        for name in names:
            if name.startswith("xl/") and name.endswith(".xml"):
                try:
                    with archive.open(name) as stream:
                        _scan_cells(stream, name)
                except (zipfile.BadZipFile, EOFError, OSError) as exc:
                    raise HostileFile(f"Tệp Excel bị hỏng (phần {name}).") from exc


# --- uploads by content -------------------------------------------------------------------

# What each accepted extension must look like inside.
KINDS = {
    ".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg",
    ".docx": "ooxml", ".xlsx": "ooxml", ".pptx": "ooxml",
    ".doc": "ole", ".xls": "ole", ".odt": "odf", ".ods": "odf", ".zip": "zip", ".csv": "text",
}
KIND_LABELS = {
    "pdf": "PDF", "png": "ảnh PNG", "jpeg": "ảnh JPEG", "ooxml": "tệp Word/Excel (.docx, .xlsx)",
    "ole": "tệp Word/Excel cũ (.doc, .xls)", "odf": "tệp OpenDocument", "zip": "tệp ZIP",
    "text": "tệp văn bản CSV (UTF-8)",
}


def sniff(head: bytes, data: IO[bytes] | None = None) -> str:
    """The kind of a file from its first bytes (and, for a zip, the names it holds)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if data is None:
            return "zip"
        try:
            with zipfile.ZipFile(data) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return "unknown"
        if "[Content_Types].xml" in names:
            return "ooxml"
        if "mimetype" in names:
            return "odf"
        return "zip"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 3:
                return "unknown"
        return "text"
    return "unknown"


def check_upload(upload: Any, extensions: Iterable[str], *, field: str | None = None) -> str:
    """Refuse an upload whose extension is not allowed or whose content is not what its name
    says; return the kind. `upload` is a Django UploadedFile (read, then rewound)."""
    name = PurePosixPath(upload.name or "").name
    suffix = PurePosixPath(name.lower()).suffix
    allowed = {e.lower() for e in extensions}
    if suffix not in allowed:
        raise ValidationError(f"Không nhận tệp “{name}”: chỉ nhận "
                              + ", ".join(sorted(allowed)) + ".")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = sniff(head, upload)
    upload.seek(0)
    expected = KINDS.get(suffix)
    if expected == "zip" and kind in ("ooxml", "odf"):
        kind = "zip"  # an Office file is also a zip
    if kind != expected:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải {KIND_LABELS.get(expected or '', suffix)} như "
            "phần mở rộng của tên tệp; tệp bị từ chối.")
    if kind == "ooxml":
        data = upload.read()
        upload.seek(0)
        try:
            check_zip(data).close()
        except HostileFile as exc:
            raise ValidationError(str(exc)) from exc
    return kind


# --- images -------------------------------------------------------------------------------

def open_image(upload: Any, *, formats: tuple[str, ...] = ("JPEG", "PNG")) -> Image.Image:
    """Open an uploaded photo, refusing what is not one of `formats` and what has more than
    MAX_IMAGE_PIXELS pixels — from the header, before any pixel is decoded."""
    try:
        image = Image.open(upload, formats=list(formats))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise ValidationError(_too_many_pixels()) from error
        raise ValidationError("Tệp tải lên không phải là ảnh JPEG hoặc PNG.") from error
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        image.close()
        raise ValidationError(_too_many_pixels(width, height))
    return image


def _too_many_pixels(width: int | None = None, height: int | None = None) -> str:
    size = f" ({width}×{height} điểm ảnh)" if width and height else ""
    return (f"Ảnh quá lớn{size}: tối đa {MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh. "
            "Hãy thu nhỏ ảnh rồi tải lại.")
