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
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docxtpl import DocxTemplate

from .layout import Cell, DocumentWriter, para_xml, rule_xml, table_xml, text_mm
from .pdf import to_pdf
from .text import date_line, date_text, short_date

__all__ = [
    "Certificate",
    "certificate_docx",
    "certificate_pdf",
    "default_certificate_template",
]

TITLE_COLOR = "C00000"  # the red of printed certificates
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


def _centred(text: str, size: float, *, bold: bool = False, italic: bool = False,
             before: float = 0, after: float = 0, color: str | None = None,
             margin_mm: float = 0) -> str:
    return para_xml(text, size=size, bold=bold, italic=italic, color=color, align="center",
                    before=before, after=after, left_mm=margin_mm, right_mm=margin_mm)


def _control(tag: str) -> str:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed when rendered)."""
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(tag)}</w:t></w:r></w:p>'


def _page_border(doc: DocxDocument) -> None:
    sect_pr = doc.sections[0]._sectPr
    borders = parse_xml(
        f'<w:pgBorders {nsdecls("w")} w:offsetFrom="page">'
        + "".join(f'<w:{side} w:val="double" w:sz="18" w:space="24" w:color="{BORDER_COLOR}"/>'
                  for side in ("top", "left", "bottom", "right"))
        + "</w:pgBorders>"
    )
    # schema order: pgBorders comes right after pgMar
    sect_pr.find(qn("w:pgMar")).addnext(borders)


@lru_cache(maxsize=1)
def default_certificate_template() -> bytes:
    """The built-in certificate template (.docx with docxtpl fields ``{{ c.… }}``)."""
    writer = DocumentWriter(landscape=True, page_numbers=False)
    width = 297 - 2 * MARGIN_MM
    tagline = "Độc lập - Tự do - Hạnh phúc"
    for xml in (
        _control("{%p for c in certificates %}"),
        _centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14, bold=True, before=10),
        _centred(tagline, 15, bold=True),
        rule_xml(text_mm(tagline, 15, True), width),
        _centred("{{ c.authority }}", 18, bold=True, before=26),
        _centred("TẶNG", 16, bold=True, before=10),
        _centred("{{ c.title }}", 56, bold=True, color=TITLE_COLOR, before=4, after=10),
        _centred("{{ c.awardee_name }}", 32, bold=True, after=4),
        _control("{%p if c.awardee_detail %}"),
        _centred("{{ c.awardee_detail }}", 18, italic=True, after=2),
        _control("{%p endif %}"),
        _centred("{{ c.achievement }}", 18, before=14, after=22, margin_mm=8),
    ):
        writer.add(xml)
    decision = [
        _centred("Quyết định số {{ c.decision_number }}", 13),
        _centred("ngày {{ c.decision_date }}", 13),
        _control("{%p if c.register_no %}"),
        _centred("Số sổ: {{ c.register_no }}", 13),
        _control("{%p endif %}"),
    ]
    signer = [
        _centred("{{ c.place_date }}", 14, italic=True),
        _control("{%p if c.signer_capacity %}"),
        _centred("{{ c.signer_capacity }}", 14, bold=True),
        _control("{%p endif %}"),
        _centred("{{ c.signer_title }}", 14, bold=True),
        _centred("{{ c.signer_name }}", 15, bold=True, before=72),
    ]
    writer.add(table_xml((width * 0.45, width * 0.55),
                         [[Cell(decision, valign="bottom"), Cell(signer)]],
                         borders=False, cell_margin_mm=0))
    writer.add(_control("{%p if not loop.last %}"))
    writer.paragraph("", page_break=True)
    writer.add(_control("{%p endif %}"))
    writer.add(_control("{%p endfor %}"))
    doc = writer.document("Bằng khen")
    section = doc.sections[0]
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    _page_border(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
