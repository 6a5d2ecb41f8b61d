"""Certificates (Bằng khen, Giấy khen): A4 landscape, print-ready, from a user-editable template.

The default template is built in code and rendered with docxtpl; an office that wants its own
artwork exports it (``default_certificate_template()``), edits it in Word keeping the ``{{ c.… }}``
fields, and passes it back as ``template``. Several certificates print as one file, one a page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate

from .layout import DocumentWriter, add_rule, add_text, borderless, format_paragraph, text_mm
from .pdf import to_pdf
from .text import date_line, date_text, short_date

__all__ = [
    "Certificate",
    "certificate_docx",
    "certificate_pdf",
    "default_certificate_template",
]

TITLE_COLOR = RGBColor(0xC0, 0x00, 0x00)  # the red of printed certificates
BORDER_COLOR = "C00000"
MARGIN_MM = 18


@dataclass(frozen=True, kw_only=True)
class Certificate:
    """One certificate: who awards, to whom, for what, under which decision."""

    title: str = "Bằng khen"  # or "Giấy khen"
    authority: str  # "Chủ tịch Ủy ban nhân dân tỉnh Kiên Giang" (printed in capitals)
    awardee_name: str  # "Ông Nguyễn Văn An" or "Phòng Cải cách hành chính, Sở Nội vụ"
    awardee_detail: str = ""  # "Chuyên viên Phòng Cải cách hành chính, Sở Nội vụ"
    achievement: str  # "Đã có thành tích xuất sắc trong phong trào thi đua ..."
    decision_number: str  # "123/QĐ-UBND"
    decision_date: date
    place: str  # "Kiên Giang"
    signer_title: str = "Chủ tịch"
    signer_name: str = ""
    signer_capacity: str | None = None  # "KT. CHỦ TỊCH" when a deputy signs
    signed_on: date | None = None  # defaults to the decision date
    register_no: str | None = None  # number in the register of awards ("Số sổ vàng")

    def context(self) -> dict[str, str]:
        """The template fields, as the default template and custom ones use them."""
        return {
            "title": self.title.upper(),
            "authority": self.authority.upper(),
            "awardee_name": self.awardee_name,
            "awardee_detail": self.awardee_detail,
            "achievement": self.achievement,
            "decision_number": self.decision_number,
            "decision_date": short_date(self.decision_date),
            "decision_date_text": date_text(self.decision_date),
            "place_date": date_line(self.place, self.signed_on or self.decision_date),
            "signer_title": self.signer_title.upper(),
            "signer_name": self.signer_name,
            "signer_capacity": (self.signer_capacity or "").upper(),
            "register_no": self.register_no or "",
        }


def _centred(writer: DocumentWriter, text: str, size: float, *, bold: bool = False,
             italic: bool = False, before: float = 0, after: float = 0,
             color: RGBColor | None = None) -> None:
    p = writer.doc.add_paragraph()
    format_paragraph(p, align="center", before=before, after=after)
    add_text(p, text, size=size, bold=bold, italic=italic)
    if color is not None:
        for run in p.runs:
            run.font.color.rgb = color


def _control(writer: DocumentWriter, tag: str) -> None:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed when rendered)."""
    writer.doc.add_paragraph().add_run(tag)


def _page_border(writer: DocumentWriter) -> None:
    sect_pr = writer.doc.sections[0]._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "double")
        el.set(qn("w:sz"), "18")
        el.set(qn("w:space"), "24")
        el.set(qn("w:color"), BORDER_COLOR)
        borders.append(el)
    # schema order: pgBorders comes right after pgMar
    sect_pr.find(qn("w:pgMar")).addnext(borders)


@lru_cache(maxsize=1)
def default_certificate_template() -> bytes:
    """The built-in certificate template (.docx with docxtpl fields ``{{ c.… }}``)."""
    writer = DocumentWriter(landscape=True, page_numbers=False)
    section = writer.doc.sections[0]
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    width = 297 - 2 * MARGIN_MM
    _page_border(writer)

    _control(writer, "{%p for c in certificates %}")
    _centred(writer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14, bold=True, before=10)
    tagline = "Độc lập - Tự do - Hạnh phúc"
    _centred(writer, tagline, 15, bold=True)
    add_rule(writer.doc, text_mm(tagline, 15, True), width)
    _centred(writer, "{{ c.authority }}", 18, bold=True, before=26)
    _centred(writer, "TẶNG", 16, bold=True, before=10)
    _centred(writer, "{{ c.title }}", 56, bold=True, color=TITLE_COLOR, before=4, after=10)
    _centred(writer, "{{ c.awardee_name }}", 32, bold=True, after=4)
    _control(writer, "{%p if c.awardee_detail %}")
    _centred(writer, "{{ c.awardee_detail }}", 18, italic=True, after=2)
    _control(writer, "{%p endif %}")
    _centred(writer, "{{ c.achievement }}", 18, before=14, after=22)
    achievement = writer.doc.paragraphs[-1].paragraph_format
    achievement.left_indent = achievement.right_indent = Mm(20)

    table = writer.doc.add_table(rows=1, cols=2)
    borderless(table, (width * 0.45, width * 0.55))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    for i, line in enumerate(("Quyết định số {{ c.decision_number }}",
                              "ngày {{ c.decision_date }}")):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        format_paragraph(p, align="center")
        add_text(p, line, size=13)
    left.add_paragraph().add_run("{%p if c.register_no %}")
    p = left.add_paragraph()
    format_paragraph(p, align="center")
    add_text(p, "Số sổ: {{ c.register_no }}", size=13)
    left.add_paragraph().add_run("{%p endif %}")

    p = right.paragraphs[0]
    format_paragraph(p, align="center")
    add_text(p, "{{ c.place_date }}", size=14, italic=True)
    right.add_paragraph().add_run("{%p if c.signer_capacity %}")
    p = right.add_paragraph()
    format_paragraph(p, align="center")
    add_text(p, "{{ c.signer_capacity }}", size=14, bold=True)
    right.add_paragraph().add_run("{%p endif %}")
    p = right.add_paragraph()
    format_paragraph(p, align="center")
    add_text(p, "{{ c.signer_title }}", size=14, bold=True)
    p = right.add_paragraph()
    format_paragraph(p, align="center", before=72)
    add_text(p, "{{ c.signer_name }}", size=15, bold=True)

    _control(writer, "{%p if not loop.last %}")
    writer.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _control(writer, "{%p endif %}")
    _control(writer, "{%p endfor %}")
    return writer.to_bytes("Bằng khen")


def certificate_docx(
    certificates: Certificate | Sequence[Certificate], *, template: bytes | None = None
) -> bytes:
    """One or many certificates (one per page) as .docx bytes."""
    items = [certificates] if isinstance(certificates, Certificate) else list(certificates)
    if not items:
        raise ValueError("no certificate to print")
    tpl = DocxTemplate(io.BytesIO(template or default_certificate_template()))
    tpl.render({"certificates": [c.context() for c in items]}, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def certificate_pdf(
    certificates: Certificate | Sequence[Certificate], *, template: bytes | None = None
) -> bytes:
    """Print-ready PDF of the certificates, through LibreOffice."""
    return to_pdf(certificate_docx(certificates, template=template))
