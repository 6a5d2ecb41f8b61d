"""Layout checks for tests: where words sit on PDF pages (poppler) and .docx section settings."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
import xml.etree.ElementTree as ET  # noqa: S405 - parses pdftotext output of our own PDFs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from . import layout

__all__ = [
    "Box",
    "DocxLayout",
    "Line",
    "Page",
    "Word",
    "docx_layout",
    "docx_problems",
    "first_page_problems",
    "first_page_words",
    "page_number_problems",
    "pdf_fonts",
    "pdf_pages",
]

MM = 72 / 25.4  # points per millimetre
_XHTML = "{http://www.w3.org/1999/xhtml}"
# Where the serif font lacks Vietnamese letters (Debian's fonts-liberation 1.07 has none of
# "Ộ", "ư", "ữ"...), LibreOffice borrows them from another font and pdftotext then cuts "CỘNG"
# into "C", "Ộ", "NG": pieces closer than this (points) are one word.
_JOIN_GAP_PT = 1.0


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin at the top-left corner of the page."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def center_y(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for word in self.words[1:]:
            box = box.union(word.box)
        return box


@dataclass(frozen=True)
class Page:
    """One PDF page: its size in points and its lines of words in reading order."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def is_a4(self, tolerance_mm: float = 2) -> bool:
        short, long = sorted((self.width / MM, self.height / MM))
        return abs(short - 210) <= tolerance_mm and abs(long - 297) <= tolerance_mm

    def find(self, phrase: str) -> Box | None:
        """The box around the first run of consecutive words spelling ``phrase``."""
        wanted = [_norm(t) for t in phrase.split()]
        words = self.words
        for start in range(len(words) - len(wanted) + 1):
            if all(_norm(words[start + i].text) == t for i, t in enumerate(wanted)):
                box = words[start].box
                for word in words[start + 1:start + len(wanted)]:
                    box = box.union(word.box)
                return box
        return None

    def top_page_number(self, margin_mm: float = 18) -> str | None:
        """A number alone in the top margin, horizontally near the centre, if there is one."""
        for line in self.lines:
            box = line.box
            if box.y1 > margin_mm * MM or not line.text.isdigit():
                continue
            if abs(box.center_x - self.width / 2) <= 25 * MM:
                return line.text
        return None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _pdf_path(pdf: bytes | str | Path, work: Path) -> Path:
    if isinstance(pdf, bytes):
        path = work / "input.pdf"
        path.write_bytes(pdf)
        return path
    return Path(pdf)


def pdf_pages(pdf: bytes | str | Path, first: int = 1, last: int | None = None) -> list[Page]:
    """Pages ``first``..``last`` (all by default) with word positions from ``pdftotext -bbox-layout``."""
    tool = shutil.which("pdftotext")
    if not tool:
        raise RuntimeError("pdftotext (poppler-utils) is required for the layout checks")
    with tempfile.TemporaryDirectory(prefix="thidua-check-") as work:
        path = _pdf_path(pdf, Path(work))
        command = [tool, "-bbox-layout", "-f", str(first)]
        if last is not None:
            command += ["-l", str(last)]
        out = subprocess.run(  # noqa: S603 - fixed argument list
            [*command, str(path), "-"], capture_output=True, check=True, timeout=60
        ).stdout
    root = ET.fromstring(out)  # noqa: S314 - pdftotext output of a PDF we made
    pages = []
    for offset, page_el in enumerate(root.iter(f"{_XHTML}page")):
        lines = []
        for line_el in page_el.iter(f"{_XHTML}line"):
            words: list[Word] = []
            for w in line_el.iter(f"{_XHTML}word"):
                box = Box(*(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
                text = w.text or ""
                if words and box.x0 - words[-1].box.x1 < _JOIN_GAP_PT:
                    words[-1] = Word(_norm(words[-1].text + text), words[-1].box.union(box))
                else:
                    words.append(Word(_norm(text), box))
            if words:
                lines.append(Line(tuple(words)))
        pages.append(Page(first + offset, float(page_el.attrib["width"]),
                          float(page_el.attrib["height"]), tuple(lines)))
    return pages


def pdf_fonts(pdf: bytes | str | Path) -> set[str]:
    """Font names embedded in the PDF, without the subset prefix ("LiberationSerif-Bold")."""
    tool = shutil.which("pdffonts")
    if not tool:
        raise RuntimeError("pdffonts (poppler-utils) is required for the font check")
    with tempfile.TemporaryDirectory(prefix="thidua-check-") as work:
        path = _pdf_path(pdf, Path(work))
        out = subprocess.run(  # noqa: S603 - fixed argument list
            [tool, str(path)], capture_output=True, check=True, text=True, timeout=60
        ).stdout
    names = set()
    for line in out.splitlines()[2:]:
        if line.strip():
            names.add(line.split()[0].split("+")[-1])
    return names


def first_page_words(pdf: bytes | str | Path) -> list[Word]:
    """The first page's words with their positions (points, origin top-left)."""
    return pdf_pages(pdf, 1, 1)[0].words


def first_page_problems(
    page: Page,
    *,
    issuing_body: str | None = None,
    doc_type: str | None = None,
    motto: bool = True,
) -> list[str]:
    """What is out of place on a first page against Appendix I's layout diagram (empty if all good).

    The national motto sits in the top-right quarter, the issuing body in the top-left quarter,
    the document type is centred below the header, the page is A4, and page 1 has no number.
    """
    problems: list[str] = []
    if not page.is_a4():
        problems.append(f"khổ giấy không phải A4: {page.width / MM:.0f} x {page.height / MM:.0f} mm")
    quarter_y = page.height / 4
    header_bottom = 0.0
    if motto:
        nation = page.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        tagline = page.find("Độc lập - Tự do - Hạnh phúc")
        if not nation or not tagline:
            problems.append("không thấy Quốc hiệu và Tiêu ngữ")
        else:
            if nation.center_x <= page.width / 2 or nation.y1 > quarter_y:
                problems.append("Quốc hiệu không nằm ở góc trên bên phải")
            if tagline.center_y <= nation.center_y or abs(tagline.center_x - nation.center_x) > 3 * MM:
                problems.append("Tiêu ngữ không canh giữa dưới Quốc hiệu")
            header_bottom = max(header_bottom, tagline.y1)
    if issuing_body:
        body = page.find(issuing_body.upper())
        if not body:
            problems.append(f"không thấy tên cơ quan ban hành “{issuing_body}”")
        else:
            if body.center_x >= page.width / 2 or body.y1 > quarter_y:
                problems.append("tên cơ quan ban hành không nằm ở góc trên bên trái")
            header_bottom = max(header_bottom, body.y1)
    if doc_type:
        kind = page.find(doc_type.upper())
        if not kind:
            problems.append(f"không thấy tên loại văn bản “{doc_type.upper()}”")
        else:
            text_centre = (layout.MARGIN_LEFT_MM * MM + page.width - layout.MARGIN_RIGHT_MM * MM) / 2
            if abs(kind.center_x - text_centre) > 5 * MM:
                problems.append("tên loại văn bản không canh giữa")
            if kind.y0 < header_bottom:
                problems.append("tên loại văn bản không nằm dưới phần tiêu đề")
    if page.top_page_number() is not None:
        problems.append("trang 1 không được đánh số trang")
    return problems


def page_number_problems(pages: Sequence[Page]) -> list[str]:
    """Page 1 unnumbered; every later page numbered with its own number at the top centre."""
    problems = []
    for page in pages:
        shown = page.top_page_number()
        if page.number == 1 and shown is not None:
            problems.append("trang 1 có số trang")
        elif page.number > 1 and shown != str(page.number):
            problems.append(f"trang {page.number}: số trang ở giữa lề trên là {shown!r}")
    return problems


# --- .docx ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocxLayout:
    """The section and font settings of a .docx that Decree 30 cares about."""

    page_width_mm: float
    page_height_mm: float
    landscape: bool
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    different_first_page: bool
    header_has_page_field: bool
    first_header_empty: bool
    default_font: str | None
    default_size_pt: float | None
    fonts_used: frozenset[str]
    colors_used: frozenset[str]


def docx_layout(docx: bytes) -> DocxLayout:
    doc = Document(io.BytesIO(docx))
    section = doc.sections[0]

    def mm(value: int | None) -> float:
        return round((value or 0) / 36000, 1)

    header_xml = section.header._element.xml if section.header is not None else ""
    first_text = "".join(p.text for p in section.first_page_header.paragraphs).strip()
    first_xml = section.first_page_header._element.xml
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_font = default_size = None
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        size = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        default_font = fonts.get(qn("w:ascii")) if fonts is not None else None
        default_size = int(size.get(qn("w:val"))) / 2 if size is not None else None
    fonts_used: set[str] = set()
    colors_used: set[str] = set()
    for root in (doc.element, doc.styles.element):
        for el in root.iter(qn("w:rFonts")):
            fonts_used.update(v for k, v in el.attrib.items() if not k.endswith("Theme"))
        for el in root.iter(qn("w:color")):
            colors_used.add(el.get(qn("w:val"), ""))
    return DocxLayout(
        page_width_mm=mm(section.page_width),
        page_height_mm=mm(section.page_height),
        landscape=(section.page_width or 0) > (section.page_height or 0),
        top_mm=mm(section.top_margin),
        bottom_mm=mm(section.bottom_margin),
        left_mm=mm(section.left_margin),
        right_mm=mm(section.right_margin),
        different_first_page=bool(section.different_first_page_header_footer),
        header_has_page_field="PAGE" in header_xml,
        first_header_empty=not first_text and "PAGE" not in first_xml,
        default_font=default_font,
        default_size_pt=default_size,
        fonts_used=frozenset(fonts_used),
        colors_used=frozenset(colors_used),
    )


def docx_problems(docx: bytes, *, landscape: bool = False, page_numbers: bool = True) -> list[str]:
    """Departures from Appendix I (A4, margins, Times New Roman, black, page numbers from page 2)."""
    info = docx_layout(docx)
    problems = []
    size = (info.page_width_mm, info.page_height_mm)
    if sorted(size) != [210.0, 297.0]:
        problems.append(f"khổ giấy {size[0]} x {size[1]} mm, không phải A4")
    if info.landscape != landscape:
        problems.append("hướng trang sai (cần " + ("ngang" if landscape else "dọc") + ")")
    for name, value, low, high in (
        ("lề trên", info.top_mm, 20, 25),
        ("lề dưới", info.bottom_mm, 20, 25),
        ("lề trái", info.left_mm, 30, 35),
        ("lề phải", info.right_mm, 15, 20),
    ):
        if not low <= value <= high:
            problems.append(f"{name} {value} mm, ngoài khoảng {low}-{high} mm")
    if info.default_font != layout.FONT or info.fonts_used - {layout.FONT}:
        problems.append(f"phông chữ khác Times New Roman: {sorted(info.fonts_used)}")
    if info.colors_used - {"000000", "auto"}:
        problems.append(f"có chữ không màu đen: {sorted(info.colors_used)}")
    if page_numbers:
        if not info.different_first_page or not info.first_header_empty:
            problems.append("trang đầu phải không có số trang")
        if not info.header_has_page_field:
            problems.append("thiếu số trang ở giữa lề trên từ trang 2")
    return problems


def docx_text(docx: bytes) -> str:
    """Every paragraph's text of a .docx in document order, tables (nested ones too) included,
    one paragraph a line: what tests compare with the page a paper was made from."""
    root = Document(io.BytesIO(docx)).element.body
    lines = []
    for p in root.iter(qn("w:p")):
        parts = []
        for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            parts.append((node.text or "") if node.tag == qn("w:t") else " ")
        lines.append("".join(parts))
    return "\n".join(lines)
