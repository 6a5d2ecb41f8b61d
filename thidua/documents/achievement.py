"""The achievement report ("Báo cáo thành tích"), in the form of the decree in force on a date.

Three generations of forms apply to the campaigns this product runs:

* Decree 91/2017/NĐ-CP (from 15/9/2017): form 07 for campaign and thematic achievements, the
  form the seeds cite (002 §V.1, 003, 004 §IV.3); forms 01/02 for merit awards;
* Decree 98/2023/NĐ-CP (from 01/01/2024, with Law 06/2022/QH15);
* Decree 152/2025/NĐ-CP (from 01/07/2025), whose appendix has eleven report templates, one of
  them for thematic campaigns.

``achievement_report_form(on, thematic)`` returns the form to use for a dossier made on ``on``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .common import Kind, Letterhead, official
from .layout import (
    Block,
    Bullet,
    Column,
    Heading,
    Notes,
    OfficialDocument,
    Paragraph,
    Row,
    Signature,
    SignatureRow,
    Table,
    build_docx,
)

__all__ = [
    "ACHIEVEMENT_REPORT_FORMS",
    "AchievementReport",
    "AchievementReportForm",
    "CriterionResult",
    "PriorAward",
    "achievement_report_docx",
    "achievement_report_document",
    "achievement_report_form",
]


@dataclass(frozen=True, kw_only=True)
class AchievementReportForm:
    """One dated version of the report form: what it is called, where it is published, its parts."""

    key: str
    name: str
    decree: str  # "Nghị định số 91/2017/NĐ-CP"
    legal_reference: str
    valid_from: date
    valid_until: date | None  # last day in force; None while current
    thematic: bool
    kind: Kind | None = None  # None: one form for collectives and individuals
    form_no: str | None = None  # "Mẫu số 07" where the number is known
    general_heading: str = "Thông tin chung"
    achievements_heading: str = "Thành tích đạt được"
    awards_heading: str | None = None  # merit forms list earlier awards
    notes: tuple[str, ...] = ()

    def applies(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    @property
    def label(self) -> str:
        """The line printed at the top right: "Mẫu số 07 - Nghị định số 91/2017/NĐ-CP"."""
        if self.form_no:
            return f"{self.form_no} - {self.decree}"
        return f"Mẫu báo cáo thành tích - {self.decree}"


_ND91_NO = "Nghị định số 91/2017/NĐ-CP"
_ND98_NO = "Nghị định số 98/2023/NĐ-CP"
_ND152_NO = "Nghị định số 152/2025/NĐ-CP"
_ND91 = "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ"
_ND98 = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"
_ND152 = "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
_ND91_FROM, _ND98_FROM, _ND152_FROM = date(2017, 9, 15), date(2024, 1, 1), date(2025, 7, 1)
_ND91_UNTIL, _ND98_UNTIL = date(2023, 12, 31), date(2025, 6, 30)
_FORM07_NOTES = (
    "(1) Ghi hình thức đề nghị khen thưởng.",
    "(2) Báo cáo thành tích căn cứ vào mục tiêu (nhiệm vụ), các chỉ tiêu đã đăng ký trong đợt "
    "phát động thi đua hoặc chuyên đề thi đua; các biện pháp, giải pháp đạt được thành tích "
    "xuất sắc, mang lại hiệu quả; những kinh nghiệm rút ra trong đợt thi đua.",
    "(3) Đối với cá nhân: ký, ghi rõ họ, tên và có xác nhận của thủ trưởng cơ quan.",
)

ACHIEVEMENT_REPORT_FORMS: tuple[AchievementReportForm, ...] = (
    AchievementReportForm(
        key="nd91-2017-mau07",
        name="Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc chuyên đề",
        decree=_ND91_NO,
        legal_reference=f"Mẫu số 07, Phụ lục kèm theo {_ND91}",
        form_no="Mẫu số 07",
        valid_from=_ND91_FROM, valid_until=_ND91_UNTIL, thematic=True, notes=_FORM07_NOTES,
    ),
    AchievementReportForm(
        key="nd91-2017-mau01",
        name="Báo cáo thành tích đề nghị khen thưởng cho tập thể",
        decree=_ND91_NO,
        legal_reference=f"Mẫu số 01, Phụ lục kèm theo {_ND91}",
        form_no="Mẫu số 01",
        valid_from=_ND91_FROM, valid_until=_ND91_UNTIL, thematic=False, kind="collective",
        general_heading="Sơ lược đặc điểm, tình hình",
        awards_heading="Các hình thức khen thưởng đã được ghi nhận",
    ),
    AchievementReportForm(
        key="nd91-2017-mau02",
        name="Báo cáo thành tích đề nghị khen thưởng cho cá nhân",
        decree=_ND91_NO,
        legal_reference=f"Mẫu số 02, Phụ lục kèm theo {_ND91}",
        form_no="Mẫu số 02",
        valid_from=_ND91_FROM, valid_until=_ND91_UNTIL, thematic=False, kind="individual",
        general_heading="Sơ lược lý lịch",
        awards_heading="Các hình thức đã được khen thưởng",
    ),
    AchievementReportForm(
        key="nd98-2023-chuyen-de",
        name="Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề",
        decree=_ND98_NO,
        legal_reference=f"Phụ lục kèm theo {_ND98}",
        valid_from=_ND98_FROM, valid_until=_ND98_UNTIL, thematic=True,
    ),
    AchievementReportForm(
        key="nd98-2023-tap-the",
        name="Báo cáo thành tích đề nghị khen thưởng cho tập thể",
        decree=_ND98_NO,
        legal_reference=f"Phụ lục kèm theo {_ND98}",
        valid_from=_ND98_FROM, valid_until=_ND98_UNTIL, thematic=False, kind="collective",
        awards_heading="Các hình thức đã được khen thưởng",
    ),
    AchievementReportForm(
        key="nd98-2023-ca-nhan",
        name="Báo cáo thành tích đề nghị khen thưởng cho cá nhân",
        decree=_ND98_NO,
        legal_reference=f"Phụ lục kèm theo {_ND98}",
        valid_from=_ND98_FROM, valid_until=_ND98_UNTIL, thematic=False, kind="individual",
        awards_heading="Các hình thức đã được khen thưởng",
    ),
    AchievementReportForm(
        key="nd152-2025-chuyen-de",
        name="Báo cáo thành tích đề nghị khen thưởng thi đua theo chuyên đề",
        decree=_ND152_NO,
        legal_reference=f"Phụ lục kèm theo {_ND152}",
        valid_from=_ND152_FROM, valid_until=None, thematic=True,
    ),
    AchievementReportForm(
        key="nd152-2025-cong-trang-tap-the",
        name="Báo cáo thành tích đề nghị khen thưởng công trạng cho tập thể",
        decree=_ND152_NO,
        legal_reference=f"Phụ lục kèm theo {_ND152}",
        valid_from=_ND152_FROM, valid_until=None, thematic=False, kind="collective",
        awards_heading="Các hình thức đã được khen thưởng",
    ),
    AchievementReportForm(
        key="nd152-2025-cong-trang-ca-nhan",
        name="Báo cáo thành tích đề nghị khen thưởng công trạng cho cá nhân",
        decree=_ND152_NO,
        legal_reference=f"Phụ lục kèm theo {_ND152}",
        valid_from=_ND152_FROM, valid_until=None, thematic=False, kind="individual",
        awards_heading="Các hình thức đã được khen thưởng",
    ),
)


def achievement_report_form(
    on: date, thematic: bool = True, *, kind: Kind = "individual"
) -> AchievementReportForm:
    """The report form in force on ``on`` (the date the dossier is made).

    ``thematic``: a campaign or thematic award (the CCHC campaigns are); otherwise a merit
    award, whose form differs for a collective and an individual (``kind``).
    """
    for form in ACHIEVEMENT_REPORT_FORMS:
        if form.thematic == thematic and form.kind in (None, kind) and form.applies(on):
            return form
    raise LookupError(
        f"Không có mẫu báo cáo thành tích áp dụng cho ngày {on:%d/%m/%Y}."
    )


@dataclass(frozen=True)
class CriterionResult:
    """One row of the results table: a criterion and its value per year."""

    criterion: str  # "Chỉ số CCHC (PAR INDEX)"
    values: Mapping[int, str]  # {2021: "91,25 điểm - Xuất sắc", ...}


@dataclass(frozen=True)
class PriorAward:
    year: int
    award: str  # "Bằng khen của Chủ tịch UBND tỉnh"
    decision: str  # "Quyết định số 123/QĐ-UBND ngày 15/12/2022 của Chủ tịch UBND tỉnh"


@dataclass(frozen=True, kw_only=True)
class AchievementReport:
    letterhead: Letterhead  # parent = "ĐƠN VỊ CẤP TRÊN", issuing = the unit
    nominee: str  # the unit's name, or the individual's "Họ và tên"
    kind: Kind = "individual"
    position: str = ""  # individual: "Chuyên viên Phòng CCHC, Sở Nội vụ"
    award: str  # what is proposed: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    campaign: str = ""  # "phong trào thi đua cải cách hành chính giai đoạn 2021-2025"
    thematic: bool = True
    form: AchievementReportForm | None = None  # None: chosen by as_of or the report's date
    as_of: date | None = None  # the date whose rules apply (e.g. of an undated draft)
    general_info: Sequence[tuple[str, str]] = ()  # ("Ngày, tháng, năm sinh", "12/5/1985"), ...
    duties: Sequence[str] = ()  # functions and tasks (collective) or assigned work (individual)
    achievements: Sequence[str] = ()  # the narrative of what was achieved
    results: Sequence[CriterionResult] = ()
    measures: Sequence[str] = ()  # the solutions and measures behind the results
    initiatives: Sequence[str] = ()  # recognised initiatives, models, solutions
    prizes: Sequence[str] = ()  # contest prizes: "Giải Nhất Cuộc thi … (năm 2023)"
    prior_awards: Sequence[PriorAward] = ()
    head: Signature  # THỦ TRƯỞNG ĐƠN VỊ (collective) / NGƯỜI BÁO CÁO THÀNH TÍCH (individual)
    confirmer: Signature | None = None  # the superior or the head who confirms
    show_form_label: bool = True


def _report_date(report: AchievementReport) -> date:
    when = report.as_of or report.letterhead.issued_on
    if when is None:
        raise ValueError("an undated draft needs as_of (or form) to choose the report form")
    return when


def _results_table(results: Sequence[CriterionResult]) -> Table:
    years = sorted({y for r in results for y in r.values})
    columns = [Column("STT", 0.6, "center"), Column("Tiêu chí", 3.2)]
    columns += [Column(f"Năm {y}", 1.6, "center") for y in years]
    rows: list[Row | Sequence[str]] = [
        [str(i), r.criterion, *(r.values.get(y, "") for y in years)]
        for i, r in enumerate(results, 1)
    ]
    return Table(columns=columns, rows=rows, size=12 if len(years) <= 3 else 11)


def achievement_report_document(report: AchievementReport) -> OfficialDocument:
    form = report.form or achievement_report_form(_report_date(report), report.thematic,
                                                   kind=report.kind)
    body: list[Block] = []
    name = report.nominee if not report.position else f"{report.nominee}\n{report.position}"
    body.append(Paragraph(name, bold=True, align="center"))
    if report.campaign:
        body.append(Paragraph(f"(Thành tích trong {report.campaign})", italic=True,
                              align="center"))
    section = 0

    def heading(title: str) -> None:
        nonlocal section
        section += 1
        body.append(Heading(title, 1, "I II III IV V".split()[section - 1]))

    heading(form.general_heading)
    body += [Bullet(f"{label}: {value}") for label, value in report.general_info]
    body += [Paragraph(t) for t in report.duties]

    heading(form.achievements_heading)
    body += [Paragraph(t) for t in report.achievements]
    clause = 0
    if report.results:
        clause += 1
        body += [Heading("Kết quả thực hiện các tiêu chí thi đua", 2, str(clause)),
                 _results_table(report.results)]
    if report.measures:
        clause += 1
        body += [Heading("Các giải pháp, biện pháp đã thực hiện", 2, str(clause)),
                 *(Bullet(t) for t in report.measures)]
    if report.initiatives:
        clause += 1
        body += [Heading("Sáng kiến, mô hình, giải pháp được công nhận", 2, str(clause)),
                 *(Bullet(t) for t in report.initiatives)]
    if report.prizes:
        clause += 1
        body += [Heading("Giải thưởng trong các cuộc thi", 2, str(clause)),
                 *(Bullet(t) for t in report.prizes)]

    if form.awards_heading:
        heading(form.awards_heading)
        if report.prior_awards:
            body.append(Table(
                columns=[Column("Năm", 0.9, "center"), Column("Hình thức khen thưởng", 3),
                         Column("Số, ngày, tháng, năm của quyết định; cơ quan ban hành", 4)],
                rows=[[str(a.year), a.award, a.decision] for a in report.prior_awards],
                size=12,
            ))
        else:
            body.append(Paragraph("Chưa được khen thưởng."))

    if report.kind == "collective":
        confirmer = report.confirmer or Signature(
            title="Xác nhận của cấp trình khen thưởng", hint="(Ký, đóng dấu)")
    else:
        confirmer = report.confirmer or Signature(
            title="Thủ trưởng đơn vị xác nhận", hint="(Ký, đóng dấu)")
    body.append(SignatureRow(left=confirmer, right=report.head))
    if form.notes:
        body.append(Notes(form.notes, title="Ghi chú:"))
    return official(
        report.letterhead,
        doc_type="Báo cáo thành tích",
        subject=f"ĐỀ NGHỊ TẶNG {report.award.upper()}",
        body=body,
        form_label=form.label if report.show_form_label else None,
        subject_rule=False,
    )


def achievement_report_docx(report: AchievementReport) -> bytes:
    """The achievement report as .docx bytes, in the form of its date."""
    return build_docx(achievement_report_document(report))
