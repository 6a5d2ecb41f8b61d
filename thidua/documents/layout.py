"""Official documents in the Decree 30/2020/NĐ-CP Appendix I layout, from plain dataclasses to .docx.

Everything here takes plain values (no Django models) and returns bytes, so any app can feed it.
The layout constants cite the clause of Appendix I, Part I, they come from; ``docs/documents.md``
explains each one.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .text import date_line, text_width_pt

__all__ = [
    "FONT",
    "Block",
    "Bullet",
    "Column",
    "Heading",
    "Notes",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Row",
    "Run",
    "Signature",
    "SignatureRow",
    "Spacer",
    "Table",
    "build_docx",
    "new_document",
]

# --- Decree 30/2020, Appendix I, Part I, section II (technique) -----------------------------
FONT = "Times New Roman"  # II.4: Times New Roman, Unicode (TCVN 6909:2001), black
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # II.1: A4
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 20, 20  # II.3: top and bottom 20-25 mm
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 30, 15  # II.3: left 30-35 mm, right 15-20 mm
HEADER_DISTANCE_MM = 10  # the page number sits inside the top margin (II.7)
BODY_PT = 14  # III.6: body text 13-14
FIRST_LINE_INDENT_MM = 12.7  # III.6: first-line indent 1 cm to 1.27 cm
PARAGRAPH_AFTER_PT = 6  # III.6: at least 6 pt between paragraphs
PAGE_NUMBER_PT = 13  # II.7: page numbers 13-14, upright, centred in the top margin
MOTTO_PT = 13  # III.1: national motto, upper case, bold, 12-13
TAGLINE_PT = 14  # III.1: "Độc lập - Tự do - Hạnh phúc", bold, 13-14
BODY_NAME_PT = 13  # III.2: parent and issuing body, upper case, 12-13
NUMBER_PT = 13  # III.3: "Số: .../KH-UBND", 13
DATE_PT = 14  # III.4: place and date, italic, 13-14
TYPE_PT = 14  # III.5: document type, bold upper case, 13-14; subject bold, 13-14
SIGN_PT = 14  # III.7: signing capacity and title bold upper case; name bold, 13-14
RECIPIENTS_TITLE_PT = 12  # III.9: "Nơi nhận:" bold italic 12
RECIPIENTS_PT = 11  # III.9: the list, 11
HEADER_LEFT_MM = 65  # the header table: issuing body on the left ...
RULE_TWIPS = 6  # eighths of a point: a thin solid rule (0.75 pt)
SIGNATURE_SPACE_PT = 72  # room for the handwritten signature and the seal


# --- content blocks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with its own emphasis inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


Align = Literal["justify", "left", "center", "right"]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent unless told otherwise."""

    text: str | Sequence[Run]
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent: bool = True
    size: float | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 "I. MỤC ĐÍCH, YÊU CẦU", level 2 "1. Mục đích", level 3 "a) ..."."""

    text: str
    level: int = 1
    number: str | None = None  # "I", "1", "a": punctuation is added by level


@dataclass(frozen=True)
class Bullet:
    """A dash item ("- ..."), or a plus item ("+ ...") at level 2."""

    text: str | Sequence[Run]
    level: int = 1


@dataclass(frozen=True)
class Column:
    """A table column; widths are relative and scaled to the text width."""

    title: str
    width: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Row:
    """A table row. ``merge_rest`` spans the last given cell over the remaining columns."""

    cells: Sequence[str]
    bold: bool = False
    italic: bool = False
    merge_rest: bool = False


@dataclass(frozen=True)
class Table:
    """A simple ruled table (lists, quotas, votes) with a repeated header row."""

    columns: Sequence[Column]
    rows: Sequence[Row | Sequence[str]]
    size: float = 13
    caption: str | None = None


@dataclass(frozen=True)
class Signature:
    """A signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / (space) / the signer's name."""

    title: str
    name: str = ""
    capacity: str | None = None  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. GIÁM ĐỐC"
    hint: str | None = None  # "(Ký, ghi rõ họ tên)", "(Ký, đóng dấu)"

    @classmethod
    def on_behalf_of(cls, body: str, title: str, name: str = "") -> Signature:
        """Signing for a collective body: "TM. ỦY BAN NHÂN DÂN" over "CHỦ TỊCH"."""
        return cls(title=title, name=name, capacity=f"TM. {body}")

    @classmethod
    def deputy(cls, head_title: str, title: str, name: str = "") -> Signature:
        """A deputy signing for the head: "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"."""
        return cls(title=title, name=name, capacity=f"KT. {head_title}")


@dataclass(frozen=True)
class SignatureRow:
    """Two signatures side by side (minutes: secretary and chair; reports: confirmer and head)."""

    left: Signature | None
    right: Signature | None


@dataclass(frozen=True)
class Notes:
    """Small explanatory notes at the end of a form (the numbered notes of the decree forms)."""

    lines: Sequence[str]
    title: str | None = None


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (e.g. an attached list after a decision)."""


@dataclass(frozen=True)
class Spacer:
    """Vertical space in points."""

    points: float = 6


Block = Paragraph | Heading | Bullet | Table | SignatureRow | Notes | PageBreak | Spacer


@dataclass(frozen=True, kw_only=True)
class OfficialDocument:
    """Everything an official document shows, in the order Appendix I places it."""

    issuing_body: str
    doc_type: str
    subject: str = ""
    parent_body: str | None = None
    number_symbol: str | None = None  # "39/KH-UBND"; "/KH-UBND" leaves the number blank
    place: str = ""
    issued_on: date | None = None  # None prints the blank date of a draft
    draft_year: int | None = None  # the year printed in a blank date
    authority: str | None = None  # decisions: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."
    legal_bases: Sequence[str] = ()
    bases_italic: bool = True
    addressees: Sequence[str] = ()  # "Kính gửi: ..."
    body: Sequence[Block] = ()
    signature: Signature | None = None
    recipients: Sequence[str] = ()
    annex: Sequence[Block] = ()  # after the signature, e.g. the list attached to a decision
    landscape: bool = False
    form_label: str | None = None  # "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP", top right, small
    title: str | None = None  # document properties title; defaults to type and subject
    show_motto: bool = True
    subject_rule: bool = True


# --- the package: a lean base document ----------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/settings" Target="settings.xml"/></Relationships>'
)
_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr/></w:body></w:document>'
)
_FONTS = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{_W}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts {_FONTS}/><w:color w:val="000000"/>'
    f'<w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
    '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault>"
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
    '<w:basedOn w:val="Normal"/></w:style>'
    "</w:styles>"
)
_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:settings xmlns:w="{_W}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)


@lru_cache(maxsize=1)
def _base_package() -> bytes:
    """A minimal .docx: python-docx's own template carries 0.9 MB of styles we never use."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        zf.writestr("word/document.xml", _DOCUMENT)
        zf.writestr("word/styles.xml", _STYLES)
        zf.writestr("word/settings.xml", _SETTINGS)
    return out.getvalue()


def new_document(*, landscape: bool = False, page_numbers: bool = True) -> DocxDocument:
    """An empty A4 document with the Decree 30 margins, font and page-number header."""
    doc = Document(io.BytesIO(_base_package()))
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance, section.footer_distance = Mm(HEADER_DISTANCE_MM), Mm(10)
    if page_numbers:
        # II.7: numbered from page 2 on; the first page has its own (empty) header.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(header, PAGE_NUMBER_PT)
    return doc


def _page_field(paragraph: DocxParagraph, size: float) -> None:
    def run_with(child: BaseOxmlElement) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(begin)
    run_with(instr)
    run_with(separate)
    shown = paragraph.add_run("2")
    shown.font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# --- low-level helpers ------------------------------------------------------------------------

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_TWIPS_PER_PT = 20
_PT_PER_MM = 72 / 25.4


def text_width_mm(section_landscape: bool = False) -> float:
    """The width between the margins, in millimetres."""
    page = PAGE_HEIGHT_MM if section_landscape else PAGE_WIDTH_MM
    return page - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


def add_text(
    paragraph: DocxParagraph,
    text: str | Sequence[Run],
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    """Add runs; a newline in the text becomes a line break inside the same paragraph."""
    runs = [Run(text)] if isinstance(text, str) else list(text)
    for piece in runs:
        lines = piece.text.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if bold or piece.bold:
                run.bold = True
            if italic or piece.italic:
                run.italic = True
            if underline:
                run.underline = True
            if piece.superscript:
                run.font.superscript = True
            if size:
                run.font.size = Pt(size)
            if i < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)


def format_paragraph(
    paragraph: DocxParagraph,
    *,
    align: Align = "justify",
    indent_mm: float = 0,
    left_mm: float = 0,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
    line: float | None = None,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    if indent_mm:
        fmt.first_line_indent = Mm(indent_mm)
    if left_mm:
        fmt.left_indent = Mm(left_mm)
    if before:
        fmt.space_before = Pt(before)
    if after:
        fmt.space_after = Pt(after)
    if keep_with_next:
        fmt.keep_with_next = True
    if line:
        fmt.line_spacing = line


def add_rule(container: DocxDocument | _Cell, rule_mm: float, width_mm: float) -> None:
    """A short centred horizontal rule: an empty 1 pt paragraph whose bottom border is the line.

    Its left and right indents leave exactly ``rule_mm`` of border, so the rule has the length
    Appendix I asks for (the tagline's own length; 1/3 to 1/2 of the line above it) without
    floating shapes, which move about when LibreOffice converts the file.
    """
    paragraph = container.add_paragraph()
    side = max((width_mm - rule_mm) / 2, 0)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(RULE_TWIPS)), ("space", "1"),
                       ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    p_pr.append(borders)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "60")  # 3 pt clear of the descenders
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    p_pr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(round(side * _PT_PER_MM * _TWIPS_PER_PT)))
    ind.set(qn("w:right"), str(round(side * _PT_PER_MM * _TWIPS_PER_PT)))
    p_pr.append(ind)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    p_pr.append(mark)


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """Rough printed width of the longest line of ``text``, in millimetres."""
    return max(text_width_pt(line, size, bold=bold) for line in text.split("\n")) / _PT_PER_MM


def balance_lines(text: str, size: float, width_mm: float, bold: bool = True) -> str:
    """Break a long upper-case name into two balanced lines where it would wrap anyway.

    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" in a 65 mm column becomes "ỦY BAN NHÂN DÂN\\nTỈNH KIÊN
    GIANG" rather than leaving a lone word on the second line.
    """
    if "\n" in text or text_mm(text, size, bold) <= width_mm:
        return text
    words = text.split()
    best, best_score = text, float("inf")
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        a, b = text_mm(first, size, bold), text_mm(second, size, bold)
        if max(a, b) > width_mm:
            continue
        if abs(a - b) < best_score:
            best, best_score = f"{first}\n{second}", abs(a - b)
    return best


def borderless(table: DocxTable, widths_mm: Sequence[float], cell_margin_mm: float = 0) -> None:
    """Fixed column widths, no borders, given cell padding (header and signature tables)."""
    _fixed_widths(table, widths_mm)
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(cell_margin_mm * _PT_PER_MM * _TWIPS_PER_PT)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _fixed_widths(table: DocxTable, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(sum(widths_mm) * _PT_PER_MM * _TWIPS_PER_PT)))
    total.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(total)
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _grid_borders(table: DocxTable) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _row_flags(row_el: CT_Row, *, header: bool = False) -> None:
    tr_pr = row_el.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def column_widths(columns: Sequence[Column], total_mm: float, size: float) -> list[float]:
    """Relative widths scaled to ``total_mm``, widened so no header word has to break ("STT")."""
    scale = total_mm / sum(c.width for c in columns)
    widths = [c.width * scale for c in columns]
    padding = 2 * 1.9 + 1  # default cell margins plus a little air
    needed = [max(text_mm(word, size, True) for word in (c.title or " ").split()) + padding
              for c in columns]
    for _ in range(len(columns)):
        deficit = sum(max(n - w, 0) for n, w in zip(needed, widths, strict=True))
        if deficit < 0.1:
            break
        spare = [max(w - n, 0) for n, w in zip(needed, widths, strict=True)]
        if sum(spare) <= deficit:
            break
        widths = [max(w, n) - (deficit * sp / sum(spare) if w > n else 0)
                  for n, w, sp in zip(needed, widths, spare, strict=True)]
    return widths


def cell_paragraph(cell: _Cell, first: bool) -> DocxParagraph:
    """The cell's own empty paragraph the first time, a new one after that."""
    return cell.paragraphs[0] if first else cell.add_paragraph()


# --- the writer -------------------------------------------------------------------------------


class DocumentWriter:
    """Writes the parts of an official document into a python-docx document, top to bottom."""

    def __init__(self, *, landscape: bool = False, page_numbers: bool = True) -> None:
        self.doc = new_document(landscape=landscape, page_numbers=page_numbers)
        self.width_mm = text_width_mm(landscape)

    # header -----------------------------------------------------------------------------------
    def header(self, spec: OfficialDocument) -> None:
        """The two-column header table of Appendix I (cells 1-4 of its layout diagram)."""
        if spec.form_label:
            label = self.doc.add_paragraph()
            format_paragraph(label, align="right", after=4)
            add_text(label, spec.form_label, size=11, italic=True)
        left_mm = HEADER_LEFT_MM
        right_mm = self.width_mm - left_mm
        table = self.doc.add_table(rows=2, cols=2)
        borderless(table, (left_mm, right_mm))
        names, motto = table.cell(0, 0), table.cell(0, 1)
        number, when = table.cell(1, 0), table.cell(1, 1)

        first = True
        if spec.parent_body:
            p = cell_paragraph(names, first)
            first = False
            format_paragraph(p, align="center")
            add_text(p, balance_lines(spec.parent_body.upper(), BODY_NAME_PT, left_mm, False),
                     size=BODY_NAME_PT)
        issuing = balance_lines(spec.issuing_body.upper(), BODY_NAME_PT, left_mm)
        p = cell_paragraph(names, first)
        format_paragraph(p, align="center")
        add_text(p, issuing, size=BODY_NAME_PT, bold=True)
        # III.2: a rule 1/3 to 1/2 the length of the issuing body's line, centred under it.
        add_rule(names, max(min(text_mm(issuing, BODY_NAME_PT, True), left_mm) * 0.4, 15),
                 left_mm)

        if spec.show_motto:
            p = motto.paragraphs[0]
            format_paragraph(p, align="center")
            add_text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=MOTTO_PT, bold=True)
            p = motto.add_paragraph()
            format_paragraph(p, align="center")
            tagline = "Độc lập - Tự do - Hạnh phúc"
            add_text(p, tagline, size=TAGLINE_PT, bold=True)
            # III.1: a solid rule exactly as long as the tagline.
            add_rule(motto, text_mm(tagline, TAGLINE_PT, True), right_mm)

        p = number.paragraphs[0]
        format_paragraph(p, align="center", before=6)
        if spec.number_symbol is not None:
            add_text(p, number_line(spec.number_symbol), size=NUMBER_PT)
        p = when.paragraphs[0]
        format_paragraph(p, align="center", before=6)
        if spec.place or spec.issued_on or spec.draft_year:
            add_text(p, date_line(spec.place, spec.issued_on, year=spec.draft_year),
                     size=DATE_PT, italic=True)

    def title(self, spec: OfficialDocument) -> None:
        """III.5: the document type in bold upper case, the subject in bold under it, a rule."""
        if spec.doc_type:
            p = self.doc.add_paragraph()
            format_paragraph(p, align="center", before=18, keep_with_next=True)
            add_text(p, spec.doc_type.upper(), size=TYPE_PT, bold=True)
        if spec.subject:
            p = self.doc.add_paragraph()
            format_paragraph(p, align="center", keep_with_next=True)
            subject = balance_lines(spec.subject, TYPE_PT, self.width_mm - 10)
            add_text(p, subject, size=TYPE_PT, bold=True)
            if spec.subject_rule:
                line_mm = min(text_mm(subject, TYPE_PT, True), self.width_mm)
                add_rule(self.doc, max(line_mm * 0.4, 20), self.width_mm)
        spacer = self.doc.add_paragraph()
        format_paragraph(spacer, after=6)

    def addressees(self, names: Sequence[str]) -> None:
        """ "Kính gửi: ..." centred for one addressee, a dashed list for several."""
        if not names:
            return
        if len(names) == 1:
            p = self.doc.add_paragraph()
            format_paragraph(p, align="center", after=12)
            add_text(p, f"Kính gửi: {names[0].rstrip('.;')}.")
            return
        p = self.doc.add_paragraph()
        format_paragraph(p, align="left", left_mm=25)
        add_text(p, "Kính gửi:")
        for i, name in enumerate(names):
            p = self.doc.add_paragraph()
            end = "." if i == len(names) - 1 else ";"
            format_paragraph(p, align="left", left_mm=50, after=12 if end == "." else 0)
            add_text(p, f"- {name.rstrip('.;')}{end}")

    def centered(self, text: str, *, bold: bool = True, before: float = 6,
                 after: float = 6, size: float = BODY_PT) -> None:
        p = self.doc.add_paragraph()
        format_paragraph(p, align="center", before=before, after=after, keep_with_next=True)
        add_text(p, text, size=size, bold=bold)

    def bases(self, lines: Sequence[str], italic: bool) -> None:
        for line in lines:
            p = self.doc.add_paragraph()
            format_paragraph(p, indent_mm=FIRST_LINE_INDENT_MM, after=PARAGRAPH_AFTER_PT)
            add_text(p, line, italic=italic)

    # body -------------------------------------------------------------------------------------
    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            p = self.doc.add_paragraph()
            format_paragraph(
                p,
                align=block.align,
                indent_mm=FIRST_LINE_INDENT_MM if block.indent and block.align == "justify" else 0,
                after=PARAGRAPH_AFTER_PT,
                keep_with_next=block.keep_with_next,
            )
            add_text(p, block.text, size=block.size, bold=block.bold, italic=block.italic)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Bullet):
            p = self.doc.add_paragraph()
            indent = FIRST_LINE_INDENT_MM if block.level <= 1 else FIRST_LINE_INDENT_MM * 1.6
            format_paragraph(p, indent_mm=indent, after=PARAGRAPH_AFTER_PT)
            mark = "- " if block.level <= 1 else "+ "
            runs = [Run(mark + block.text)] if isinstance(block.text, str) else \
                [Run(mark), *block.text]
            add_text(p, runs)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, SignatureRow):
            self.signature_row(block)
        elif isinstance(block, Notes):
            self.notes(block)
        elif isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Spacer):
            p = self.doc.add_paragraph()
            p.paragraph_format.space_after = Pt(block.points)
            p.paragraph_format.line_spacing = Pt(1)

    def heading(self, block: Heading) -> None:
        p = self.doc.add_paragraph()
        text = block.text.upper() if block.level <= 1 else block.text
        if block.number:
            punctuation = ")" if block.level >= 3 else "."
            text = f"{block.number}{punctuation} {text}"
        format_paragraph(p, indent_mm=FIRST_LINE_INDENT_MM, before=6 if block.level <= 1 else 0,
                         after=PARAGRAPH_AFTER_PT, keep_with_next=True)
        add_text(p, text, bold=True, italic=block.level >= 3)

    def table(self, block: Table) -> None:
        if block.caption:
            p = self.doc.add_paragraph()
            format_paragraph(p, align="center", after=4, keep_with_next=True)
            add_text(p, block.caption, bold=True, size=block.size)
        columns = list(block.columns)
        widths = column_widths(columns, self.width_mm, block.size)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(columns))
        _fixed_widths(table, widths)
        _grid_borders(table)
        header = table.rows[0]
        _row_flags(header._tr, header=True)
        for cell, column in zip(header.cells, columns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            format_paragraph(p, align="center", before=2, after=2)
            add_text(p, column.title, bold=True, size=block.size)
        for raw, row in zip(block.rows, table.rows[1:], strict=True):
            spec = raw if isinstance(raw, Row) else Row(cells=list(raw))
            _row_flags(row._tr)
            cells = row.cells
            values = list(spec.cells)
            if spec.merge_rest and len(values) < len(columns):
                merged = cells[len(values) - 1].merge(cells[-1])
                targets = [*cells[: len(values) - 1], merged]
            else:
                targets = cells[: len(values)]
            for i, (cell, value) in enumerate(zip(targets, values, strict=False)):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                p = cell.paragraphs[0]
                align = columns[i].align if not (spec.merge_rest and i == len(values) - 1) \
                    else "left"
                format_paragraph(p, align=align, before=2, after=2)
                add_text(p, value, size=block.size, bold=spec.bold, italic=spec.italic)
        spacer = self.doc.add_paragraph()
        format_paragraph(spacer, after=4)

    def _signature_into(self, cell: _Cell, sig: Signature, width_mm: float,
                        before: float = 0, size: float = SIGN_PT) -> None:
        first = True
        for line in (sig.capacity, sig.title):
            if not line:
                continue
            p = cell_paragraph(cell, first)
            format_paragraph(p, align="center", before=before if first else 0)
            first = False
            add_text(p, balance_lines(line.upper(), size, width_mm - 2), size=size, bold=True)
        if sig.hint:
            p = cell.add_paragraph()
            format_paragraph(p, align="center")
            add_text(p, sig.hint, size=size - 1, italic=True)
        p = cell.add_paragraph()
        format_paragraph(p, align="center", before=SIGNATURE_SPACE_PT)
        add_text(p, sig.name, size=size, bold=True)

    def signature_row(self, block: SignatureRow) -> None:
        half = self.width_mm / 2
        table = self.doc.add_table(rows=1, cols=2)
        borderless(table, (half, half))
        _row_flags(table.rows[0]._tr)
        for cell, sig in ((table.cell(0, 0), block.left), (table.cell(0, 1), block.right)):
            if sig:
                self._signature_into(cell, sig, half, size=SIGN_PT - 1)

    def closing(self, recipients: Sequence[str], signature: Signature | None) -> None:
        """III.7 and III.9: "Nơi nhận:" at the bottom left beside the signature block."""
        if not recipients and not signature:
            return
        left = self.width_mm * 0.45
        table = self.doc.add_table(rows=1, cols=2)
        borderless(table, (left, self.width_mm - left))
        _row_flags(table.rows[0]._tr)
        cell = table.cell(0, 0)
        if recipients:
            p = cell.paragraphs[0]
            format_paragraph(p, align="left", before=6)
            add_text(p, "Nơi nhận:", size=RECIPIENTS_TITLE_PT, bold=True, italic=True)
            for line in recipient_lines(recipients):
                p = cell.add_paragraph()
                format_paragraph(p, align="left")
                add_text(p, line, size=RECIPIENTS_PT)
        if signature:
            self._signature_into(table.cell(0, 1), signature, self.width_mm - left, before=6)

    def notes(self, block: Notes) -> None:
        if block.title:
            p = self.doc.add_paragraph()
            format_paragraph(p, align="left", before=12)
            add_text(p, block.title, size=11, bold=True)
        for line in block.lines:
            p = self.doc.add_paragraph()
            format_paragraph(p, indent_mm=FIRST_LINE_INDENT_MM, after=2)
            add_text(p, line, size=11)

    # output -----------------------------------------------------------------------------------
    def to_bytes(self, title: str | None = None) -> bytes:
        if title:
            props = self.doc.core_properties
            props.title = title
            props.language = "vi-VN"
            props.author = ""
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def number_line(number_symbol: str) -> str:
    """ "Số: 05/KH-UBND"; a blank number leaves room to write it in: "Số:      /KH-UBND".

    III.3: numbers below 10 take a leading zero.
    """
    text = number_symbol.strip()
    if text.startswith("/") or not text:
        return f"Số:        {text}"
    return "Số: " + re.sub(r"^(\d)(?=/)", r"0\1", text)


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """III.9: one addressee per line after a dash, ';' after each, '.' after the last."""
    lines = []
    for i, raw in enumerate(recipients):
        text = raw.strip()
        text = text[2:].strip() if text.startswith(("- ", "-\t")) else text
        text = text.rstrip(";.")
        end = "." if i == len(recipients) - 1 else ";"
        lines.append(f"- {text}{end}")
    return lines


def build_docx(spec: OfficialDocument) -> bytes:
    """Write an official document and return the .docx bytes."""
    writer = DocumentWriter(landscape=spec.landscape)
    writer.header(spec)
    writer.title(spec)
    writer.addressees(spec.addressees)
    if spec.authority:
        writer.centered(spec.authority.upper(), before=0, after=6)
    writer.bases(spec.legal_bases, spec.bases_italic)
    writer.blocks(spec.body)
    writer.closing(spec.recipients, spec.signature)
    writer.blocks(spec.annex)
    return writer.to_bytes(spec.title or " ".join(filter(None, (spec.doc_type, spec.subject))))
