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
from typing import Any, Literal
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml

from .text import date_line, text_width_pt

__all__ = [
    "FONT",
    "Block",
    "Bullet",
    "Cell",
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
    "para_xml",
    "rule_xml",
    "run_xml",
    "table_xml",
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


# --- the package: lean base documents with the section already set --------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:w="{_W}" xmlns:r="{_R}"'
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_FONTS = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'
_STYLES = (
    f'{_XML_HEAD}<w:styles xmlns:w="{_W}">'
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
    "</w:styles>"
)
_SETTINGS = (
    f'{_XML_HEAD}<w:settings xmlns:w="{_W}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)
_PAGE_FIELD = (
    f'<w:r><w:rPr><w:sz w:val="{PAGE_NUMBER_PT * 2}"/></w:rPr><w:fldChar w:fldCharType="begin"/>'
    f'</w:r><w:r><w:rPr><w:sz w:val="{PAGE_NUMBER_PT * 2}"/></w:rPr>'
    '<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    f'<w:r><w:rPr><w:sz w:val="{PAGE_NUMBER_PT * 2}"/></w:rPr>'
    '<w:fldChar w:fldCharType="separate"/></w:r>'
    f'<w:r><w:rPr><w:sz w:val="{PAGE_NUMBER_PT * 2}"/></w:rPr><w:t>2</w:t></w:r>'
    f'<w:r><w:rPr><w:sz w:val="{PAGE_NUMBER_PT * 2}"/></w:rPr>'
    '<w:fldChar w:fldCharType="end"/></w:r>'
)


def _twips(mm: float) -> int:
    return round(mm * 72 / 25.4 * 20)


@lru_cache(maxsize=4)
def _base_package(landscape: bool, page_numbers: bool) -> bytes:
    """A minimal .docx whose section is already A4 with the Decree 30 margins and headers.

    python-docx's own template carries 0.9 MB of styles that would be parsed for every document;
    this one has only what the layout uses, so opening it costs next to nothing.
    """
    width, height = (PAGE_HEIGHT_MM, PAGE_WIDTH_MM) if landscape else (PAGE_WIDTH_MM,
                                                                        PAGE_HEIGHT_MM)
    orient = ' w:orient="landscape"' if landscape else ""
    headers = (
        '<w:headerReference w:type="default" r:id="rId3"/>'
        '<w:headerReference w:type="first" r:id="rId4"/>' if page_numbers else ""
    )
    sect_pr = (
        f"<w:sectPr>{headers}"
        f'<w:pgSz w:w="{_twips(width)}" w:h="{_twips(height)}"{orient}/>'
        f'<w:pgMar w:top="{_twips(MARGIN_TOP_MM)}" w:right="{_twips(MARGIN_RIGHT_MM)}" '
        f'w:bottom="{_twips(MARGIN_BOTTOM_MM)}" w:left="{_twips(MARGIN_LEFT_MM)}" '
        f'w:header="{_twips(HEADER_DISTANCE_MM)}" w:footer="{_twips(10)}" w:gutter="0"/>'
        + ("<w:titlePg/>" if page_numbers else "")  # II.7: page 1 has its own, empty header
        + "</w:sectPr>"
    )
    overrides = [("/word/document.xml", f"{_WML}.document.main+xml"),
                 ("/word/styles.xml", f"{_WML}.styles+xml"),
                 ("/word/settings.xml", f"{_WML}.settings+xml")]
    rels = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml")]
    if page_numbers:
        overrides += [("/word/header1.xml", f"{_WML}.header+xml"),
                      ("/word/header2.xml", f"{_WML}.header+xml")]
        rels += [("rId3", "header", "header1.xml"), ("rId4", "header", "header2.xml")]
    content_types = (
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>'))
        zf.writestr("word/_rels/document.xml.rels", (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="{i}" Type="{_DOC_REL}/{t}" Target="{target}"/>'
                      for i, t, target in rels)
            + "</Relationships>"))
        zf.writestr("word/document.xml",
                    f"{_XML_HEAD}<w:document {_NS}><w:body>{sect_pr}</w:body></w:document>")
        zf.writestr("word/styles.xml", _STYLES)
        zf.writestr("word/settings.xml", _SETTINGS)
        if page_numbers:
            zf.writestr("word/header1.xml", (
                f'{_XML_HEAD}<w:hdr {_NS}><w:p><w:pPr><w:pStyle w:val="Header"/>'
                f'<w:jc w:val="center"/></w:pPr>{_PAGE_FIELD}</w:p></w:hdr>'))
            zf.writestr("word/header2.xml", (
                f'{_XML_HEAD}<w:hdr {_NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
                "</w:p></w:hdr>"))
    return out.getvalue()


def new_document(*, landscape: bool = False, page_numbers: bool = True) -> DocxDocument:
    """An empty A4 python-docx document with the Decree 30 margins, font and page numbers."""
    return Document(io.BytesIO(_base_package(landscape, page_numbers)))


def text_width_mm(landscape: bool = False) -> float:
    """The width between the margins, in millimetres."""
    page = PAGE_HEIGHT_MM if landscape else PAGE_WIDTH_MM
    return page - MARGIN_LEFT_MM - MARGIN_RIGHT_MM


# --- WordprocessingML as text -----------------------------------------------------------------
# Paragraphs and tables are written as XML strings and parsed once per document: an order of
# magnitude faster than python-docx's element-by-element API, and the schema order of every
# property is explicit here (Word rejects out-of-order children; LibreOffice forgives them).

_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PT_PER_MM = 72 / 25.4


def _esc(text: str) -> str:
    return escape(_INVALID_XML.sub("", text))


def run_xml(text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
            superscript: bool = False, color: str | None = None) -> str:
    """One run; a newline in the text becomes a line break."""
    props = []
    if bold:
        props.append("<w:b/><w:bCs/>")
    if italic:
        props.append("<w:i/><w:iCs/>")
    if color:
        props.append(f'<w:color w:val="{color}"/>')
    if size:
        half = round(size * 2)
        props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if superscript:
        props.append('<w:vertAlign w:val="superscript"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{_esc(line)}</w:t>'
                          for line in text.split("\n"))
    return f"<w:r>{rpr}{body}</w:r>"


def para_xml(
    text: str | Sequence[Run] = "",
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    align: Align = "justify",
    indent_mm: float = 0,
    left_mm: float = 0,
    right_mm: float = 0,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    page_break: bool = False,
) -> str:
    """A paragraph; ``text`` is plain or a list of runs with their own emphasis."""
    ppr = ["<w:keepNext/>"] if keep_next else []
    if before or after:
        ppr.append(f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"/>')
    if indent_mm or left_mm or right_mm:
        ind = ""
        if left_mm:
            ind += f' w:left="{_twips(left_mm)}"'
        if right_mm:
            ind += f' w:right="{_twips(right_mm)}"'
        if indent_mm:
            ind += f' w:firstLine="{_twips(indent_mm)}"'
        ppr.append(f"<w:ind{ind}/>")
    ppr.append(f'<w:jc w:val="{_JC[align]}"/>')
    runs = [Run(text)] if isinstance(text, str) else list(text)
    body = "".join(
        run_xml(r.text, bold=bold or r.bold, italic=italic or r.italic, size=size,
                superscript=r.superscript, color=color)
        for r in runs if r.text
    )
    if page_break:
        body += '<w:r><w:br w:type="page"/></w:r>'
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{body}</w:p>"


def rule_xml(rule_mm: float, width_mm: float) -> str:
    """A short centred horizontal rule: an empty 1 pt paragraph whose bottom border is the line.

    Its left and right indents leave exactly ``rule_mm`` of border, so the rule has the length
    Appendix I asks for (the tagline's own length; 1/3 to 1/2 of the line above it) without
    floating shapes, which move about when LibreOffice converts the file.
    """
    side = _twips(max((width_mm - rule_mm) / 2, 0))
    return (
        f'<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="{RULE_TWIPS}" w:space="1" '
        'w:color="000000"/></w:pBdr>'
        # 3 pt before keeps the line clear of the descenders above it
        '<w:spacing w:before="60" w:after="0" w:line="20" w:lineRule="exact"/>'
        f'<w:ind w:left="{side}" w:right="{side}"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
    )


@dataclass(frozen=True)
class Cell:
    """A table cell written as XML: its paragraphs, span and vertical alignment."""

    paragraphs: Sequence[str]
    span: int = 1
    valign: Literal["top", "center", "bottom"] = "top"


def table_xml(
    widths_mm: Sequence[float],
    rows: Sequence[Sequence[Cell]],
    *,
    borders: bool = True,
    header_rows: int = 0,
    cell_margin_mm: float | None = None,
) -> str:
    """A fixed-width table; rows never split across pages; header rows repeat on each page."""
    tbl_pr = [f'<w:tblW w:w="{sum(_twips(w) for w in widths_mm)}" w:type="dxa"/>']
    if borders:
        tbl_pr.append("<w:tblBorders>" + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + "</w:tblBorders>")
    tbl_pr.append('<w:tblLayout w:type="fixed"/>')
    if cell_margin_mm is not None:
        margin = _twips(cell_margin_mm)
        tbl_pr.append(f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
                      f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>')
    grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths_mm)
    out = [f"<w:tbl><w:tblPr>{''.join(tbl_pr)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    for index, row in enumerate(rows):
        header = "<w:tblHeader/>" if index < header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        column = 0
        for cell in row:
            width = sum(_twips(w) for w in widths_mm[column:column + cell.span])
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            valign = f'<w:vAlign w:val="{cell.valign}"/>' if cell.valign != "top" else ""
            content = "".join(cell.paragraphs) or "<w:p/>"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{valign}'
                       f"</w:tcPr>{content}</w:tc>")
            column += cell.span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def text_mm(text: str, size: float, bold: bool = False) -> float:
    """Rough printed width of the longest line of ``text``, in millimetres."""
    return max(text_width_pt(line, size, bold=bold) for line in text.split("\n")) / _PT_PER_MM


def balance_lines(text: str, size: float, width_mm: float, bold: bool = True) -> str:
    """Break a long line into two balanced lines where it would wrap anyway.

    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" in a 65 mm column becomes "ỦY BAN NHÂN DÂN\\nTỈNH KIÊN
    GIANG" rather than leaving a lone word on the second line.
    """
    if "\n" in text:
        # Lines the caller broke are kept; one that still wraps is balanced on its own, so no
        # title ends a line with a lone word.
        return "\n".join(balance_lines(line, size, width_mm, bold) for line in text.split("\n"))
    if text_mm(text, size, bold) <= width_mm:
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
    if best is text and len(words) > 2:
        # Three lines or more: fill each line evenly (the same width per line), never leaving
        # one word alone at the end.
        total = text_mm(text, size, bold)
        lines_needed = int(total // width_mm) + 1
        target = total / lines_needed
        lines: list[str] = []
        current: list[str] = []
        for word in words:
            trial = " ".join([*current, word])
            if current and (text_mm(trial, size, bold) > width_mm
                            or (text_mm(" ".join(current), size, bold) >= target
                                and len(lines) < lines_needed - 1)):
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        if len(current) == 1 and lines:
            last = lines[-1].split()
            if len(last) > 1:
                lines[-1] = " ".join(last[:-1])
                current = [last[-1], *current]
        lines.append(" ".join(current))
        return "\n".join(lines)
    return best


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


# --- the writer -------------------------------------------------------------------------------


class DocumentWriter:
    """Writes the parts of an official document top to bottom, then packs the .docx."""

    def __init__(self, *, landscape: bool = False, page_numbers: bool = True) -> None:
        self.landscape = landscape
        self.page_numbers = page_numbers
        self.width_mm = text_width_mm(landscape)
        self.parts: list[str] = []

    def add(self, xml: str) -> None:
        """Append raw body XML (a paragraph or a table from the ``*_xml`` helpers)."""
        self.parts.append(xml)

    def paragraph(self, text: str | Sequence[Run], **fmt: Any) -> None:
        self.parts.append(para_xml(text, **fmt))

    # header -----------------------------------------------------------------------------------
    def header(self, spec: OfficialDocument) -> None:
        """The two-column header table of Appendix I (cells 1-4 of its layout diagram)."""
        if spec.form_label:
            self.paragraph(spec.form_label, size=11, italic=True, align="right", after=4)
        left_mm = HEADER_LEFT_MM
        right_mm = self.width_mm - left_mm
        names = []
        if spec.parent_body:
            names.append(para_xml(
                balance_lines(spec.parent_body.upper(), BODY_NAME_PT, left_mm, False),
                size=BODY_NAME_PT, align="center"))
        issuing = balance_lines(spec.issuing_body.upper(), BODY_NAME_PT, left_mm)
        names.append(para_xml(issuing, size=BODY_NAME_PT, bold=True, align="center"))
        # III.2: a rule 1/3 to 1/2 the length of the issuing body's line, centred under it.
        names.append(rule_xml(max(min(text_mm(issuing, BODY_NAME_PT, True), left_mm) * 0.4, 15),
                              left_mm))
        motto = []
        if spec.show_motto:
            tagline = "Độc lập - Tự do - Hạnh phúc"
            motto = [
                para_xml("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=MOTTO_PT, bold=True,
                         align="center"),
                para_xml(tagline, size=TAGLINE_PT, bold=True, align="center"),
                # III.1: a solid rule exactly as long as the tagline.
                rule_xml(text_mm(tagline, TAGLINE_PT, True), right_mm),
            ]
        number = number_line(spec.number_symbol) if spec.number_symbol is not None else ""
        when = (date_line(spec.place, spec.issued_on, year=spec.draft_year)
                if spec.place or spec.issued_on or spec.draft_year else "")
        # two rows, so that the number and the place-and-date line share a baseline
        self.add(table_xml(
            (left_mm, right_mm),
            [[Cell(names), Cell(motto)],
             [Cell([para_xml(number, size=NUMBER_PT, align="center", before=6)]),
              Cell([para_xml(when, size=DATE_PT, italic=True, align="center", before=6)])]],
            borders=False, cell_margin_mm=0,
        ))

    def title(self, spec: OfficialDocument) -> None:
        """III.5: the document type in bold upper case, the subject in bold under it, a rule."""
        if spec.doc_type:
            self.paragraph(spec.doc_type.upper(), size=TYPE_PT, bold=True, align="center",
                           before=18, keep_next=True)
        if spec.subject:
            subject = balance_lines(spec.subject, TYPE_PT, self.width_mm - 10)
            self.paragraph(subject, size=TYPE_PT, bold=True, align="center", keep_next=True)
            if spec.subject_rule:
                line_mm = min(text_mm(subject, TYPE_PT, True), self.width_mm)
                self.add(rule_xml(max(line_mm * 0.4, 20), self.width_mm))
        self.paragraph("", after=6)

    def addressees(self, names: Sequence[str]) -> None:
        """ "Kính gửi: ..." centred for one addressee, a dashed list for several."""
        if not names:
            return
        if len(names) == 1:
            self.paragraph(f"Kính gửi: {names[0].rstrip('.;')}.", align="center", after=12)
            return
        self.paragraph("Kính gửi:", align="left", left_mm=25)
        for i, name in enumerate(names):
            last = i == len(names) - 1
            self.paragraph(f"- {name.rstrip('.;')}{'.' if last else ';'}", align="left",
                           left_mm=50, after=12 if last else 0)

    def centered(self, text: str, *, bold: bool = True, before: float = 6,
                 after: float = 6, size: float = BODY_PT) -> None:
        self.paragraph(text, size=size, bold=bold, align="center", before=before, after=after,
                       keep_next=True)

    def bases(self, lines: Sequence[str], italic: bool) -> None:
        for line in lines:
            self.paragraph(line, italic=italic, indent_mm=FIRST_LINE_INDENT_MM,
                           after=PARAGRAPH_AFTER_PT)

    # body -------------------------------------------------------------------------------------
    def blocks(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            indent = FIRST_LINE_INDENT_MM if block.indent and block.align == "justify" else 0
            self.paragraph(block.text, size=block.size, bold=block.bold, italic=block.italic,
                           align=block.align, indent_mm=indent, after=PARAGRAPH_AFTER_PT,
                           keep_next=block.keep_with_next)
        elif isinstance(block, Heading):
            text = block.text.upper() if block.level <= 1 else block.text
            if block.number:
                text = f"{block.number}{')' if block.level >= 3 else '.'} {text}"
            self.paragraph(text, bold=True, italic=block.level >= 3,
                           indent_mm=FIRST_LINE_INDENT_MM, before=6 if block.level <= 1 else 0,
                           after=PARAGRAPH_AFTER_PT, keep_next=True)
        elif isinstance(block, Bullet):
            mark = "- " if block.level <= 1 else "+ "
            runs = [Run(mark + block.text)] if isinstance(block.text, str) else \
                [Run(mark), *block.text]
            indent = FIRST_LINE_INDENT_MM if block.level <= 1 else FIRST_LINE_INDENT_MM * 1.6
            self.paragraph(runs, indent_mm=indent, after=PARAGRAPH_AFTER_PT)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, SignatureRow):
            half = self.width_mm / 2
            cells = [Cell(signature_xml(sig, half, size=SIGN_PT - 1) if sig else [])
                     for sig in (block.left, block.right)]
            self.add(table_xml((half, half), [cells], borders=False, cell_margin_mm=0))
        elif isinstance(block, Notes):
            if block.title:
                self.paragraph(block.title, size=11, bold=True, align="left", before=12)
            for line in block.lines:
                self.paragraph(line, size=11, indent_mm=FIRST_LINE_INDENT_MM, after=2)
        elif isinstance(block, PageBreak):
            self.paragraph("", page_break=True)
        elif isinstance(block, Spacer):
            self.paragraph("", after=block.points)

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(block.caption, bold=True, size=block.size, align="center", after=4,
                           keep_next=True)
        columns = list(block.columns)
        widths = column_widths(columns, self.width_mm, block.size)
        rows = [[Cell([para_xml(c.title, bold=True, size=block.size, align="center", before=2,
                                after=2)], valign="center") for c in columns]]
        for raw in block.rows:
            spec = raw if isinstance(raw, Row) else Row(cells=list(raw))
            values = list(spec.cells)
            row = []
            for i, value in enumerate(values):
                last_merged = spec.merge_rest and i == len(values) - 1
                span = len(columns) - i if last_merged else 1
                align = "left" if last_merged else columns[i].align
                row.append(Cell([para_xml(value, size=block.size, bold=spec.bold,
                                          italic=spec.italic, align=align, before=2, after=2)],
                                span=span, valign="center"))
            if not spec.merge_rest:
                row += [Cell([para_xml("", size=block.size)]) for _ in columns[len(values):]]
            rows.append(row)
        self.add(table_xml(widths, rows, header_rows=1))
        self.paragraph("", after=4)

    def closing(self, recipients: Sequence[str], signature: Signature | None) -> None:
        """III.7 and III.9: "Nơi nhận:" at the bottom left beside the signature block."""
        if not recipients and not signature:
            return
        left = self.width_mm * 0.45
        right = self.width_mm - left
        listing = []
        if recipients:
            listing.append(para_xml("Nơi nhận:", size=RECIPIENTS_TITLE_PT, bold=True,
                                    italic=True, align="left", before=6))
            listing += [para_xml(line, size=RECIPIENTS_PT, align="left")
                        for line in recipient_lines(recipients)]
        signing = signature_xml(signature, right, before=6) if signature else []
        self.add(table_xml((left, right), [[Cell(listing), Cell(signing)]], borders=False,
                           cell_margin_mm=0))

    # output -----------------------------------------------------------------------------------
    def document(self, title: str | None = None) -> DocxDocument:
        """The python-docx document with everything written so far."""
        doc = new_document(landscape=self.landscape, page_numbers=self.page_numbers)
        body = doc.element.body
        fragment = parse_xml(f"<w:body {_NS}>{''.join(self.parts)}</w:body>")
        anchor = body.sectPr
        for child in list(fragment):
            if anchor is not None:
                anchor.addprevious(child)
            else:
                body.append(child)
        if title:
            props = doc.core_properties
            # Word's core properties cap a title at 255 characters; long subjects are cut.
            props.title = title if len(title) <= 255 else title[:254] + "…"
            props.language = "vi-VN"
        return doc

    def to_bytes(self, title: str | None = None) -> bytes:
        out = io.BytesIO()
        self.document(title).save(out)
        return out.getvalue()


def signature_xml(sig: Signature, width_mm: float, *, before: float = 0,
                  size: float = SIGN_PT) -> list[str]:
    """III.7: capacity and title bold upper case, room to sign, the name bold."""
    out: list[str] = []
    # A capacity may hold two lines ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
    for line in [*(sig.capacity or "").split("\n"), sig.title]:
        if line:
            out.append(para_xml(balance_lines(line.upper(), size, width_mm - 2), size=size,
                                bold=True, align="center", before=0 if out else before))
    if sig.hint:
        out.append(para_xml(sig.hint, size=size - 1, italic=True, align="center"))
    out.append(para_xml(sig.name, size=size, bold=True, align="center",
                        before=SIGNATURE_SPACE_PT))
    return out


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
