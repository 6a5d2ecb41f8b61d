"""The review report as a Decree 30/2020 "BÁO CÁO" (.docx, through thidua.documents) and as a
spreadsheet (.xlsx, through thidua.core.spreadsheet): both from the same `Figures`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.campaigns.models import Campaign
from thidua.campaigns.selectors import campaign_heading_on
from thidua.core.spreadsheet import Column as SheetColumn
from thidua.core.spreadsheet import write_xlsx
from thidua.documents import (
    Block,
    Bullet,
    Column,
    Heading,
    Letterhead,
    Paragraph,
    Row,
    Signature,
    Table,
    build_docx,
)
from thidua.documents.common import official
from thidua.documents.text import money_text
from thidua.reports.models import Review, ReviewKind
from thidua.reports.selectors import CLASSIFICATIONS, Figures, percent_text


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _pct(value: Decimal | None) -> str:
    """ "50%", "66,7%" as the documents package writes percentages."""
    return percent_text(value).replace(",0 %", "%").replace(" %", "%")


def kind_label(kind: str) -> str:
    return "Sơ kết" if kind == ReviewKind.MID_TERM else "Tổng kết"


def review_subject(campaign: Campaign, kind: str, last_year: int) -> str:
    """ "Tổng kết phong trào thi đua “…”, giai đoạn 2021 - 2025" (the subject under BÁO CÁO)."""
    first = campaign.period_start.year
    span = f"năm {first}" if first == last_year else f"giai đoạn {first} - {last_year}"

    def trim(text: str) -> str:
        text = text.strip().strip("*“”\"").strip().rstrip(".")
        return re.sub(r"[,;]?\s*(trên địa bàn[^,]*)?[,;]?\s*(giai đoạn|năm)\s+\d{4}(\s*[-–]\s*\d{4})?"
                      r"[*”\"]*$", "", text, flags=re.IGNORECASE).strip().strip("*“”\"")

    if campaign.theme:
        return f"{kind_label(kind)} phong trào thi đua “{trim(campaign.theme)}”, {span}"
    title = re.sub(r"^(về việc |kế hoạch |chương trình )?(phát động )?", "", trim(campaign.title),
                   flags=re.IGNORECASE)
    if title.count("“") > title.count("”"):
        title += "”"
    return f"{kind_label(kind)} {title[:1].lower()}{title[1:]}, {span}"


def report_number(campaign: Campaign, review: Review | None) -> str:
    """The review's own number, or a blank one with the issuer's symbol ("/BC-UBND")."""
    if review is not None and review.number_symbol:
        return review.number_symbol
    match = re.search(r"/[A-ZĐ]+-(.+)$", campaign.number_symbol or "")
    return f"/BC-{match.group(1)}" if match else "/BC-UBND"


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _table(columns: Sequence[tuple[str, float, str]], rows: Sequence[Sequence[str] | Row],
           caption: str | None = None) -> Table:
    return Table(columns=[Column(title, width, align) for title, width, align in columns],  # type: ignore[arg-type]
                 rows=list(rows), size=12, caption=caption)


def review_blocks(f: Figures, review: Review | None) -> list[Block]:
    """The body of the report: the figures, then what people wrote."""
    blocks: list[Block] = [Heading("KẾT QUẢ TRIỂN KHAI THỰC HIỆN PHONG TRÀO", 1, "I")]

    blocks.append(Heading("Công tác ban hành kế hoạch và đăng ký thi đua", 2, "1"))
    blocks.append(Paragraph(
        f"Có {_n(f.participants)} cơ quan, đơn vị, địa phương được giao triển khai phong trào; "
        f"{_n(f.plans_issued)} đơn vị đã ban hành kế hoạch thực hiện (đạt {_pct(f.plan_rate)} "
        f"số đơn vị phải ban hành), {_n(f.plans_pending)} đơn vị chưa ban hành. "
        f"{_n(f.registered)} đơn vị đã đăng ký thi đua (đạt {_pct(f.registration_rate)}) "
        f"với {_n(f.people_registered)} cá nhân đăng ký."))
    rows: list[Sequence[str] | Row] = [
        [c.name, _n(c.participants), _n(c.plans_issued), _pct(c.plan_rate), _n(c.registered),
         _pct(c.registration_rate), _n(c.people_registered)] for c in f.categories]
    rows.append(Row(["Tổng cộng", _n(f.participants), _n(f.plans_issued), _pct(f.plan_rate),
                     _n(f.registered), _pct(f.registration_rate), _n(f.people_registered)],
                    bold=True))
    blocks.append(_table([("Khối", 3, "left"), ("Số đơn vị", 1.2, "center"),
                          ("Đã ban hành KH", 1.4, "center"), ("Tỷ lệ", 1.2, "center"),
                          ("Đã đăng ký", 1.3, "center"), ("Tỷ lệ", 1.2, "center"),
                          ("Cá nhân đăng ký", 1.4, "center")], rows))

    blocks.append(Heading("Sáng kiến, mô hình, giải pháp cải cách hành chính", 2, "2"))
    levels = "; ".join(f"{c.label.lower()}: {_n(c.count)}" for c in f.initiatives_by_level
                       if c.count)
    blocks.append(Paragraph(
        f"Các cơ quan, đơn vị đã đăng ký, đề xuất {_n(f.initiatives_total)} sáng kiến, mô hình, "
        f"giải pháp; {_n(f.initiatives_recognised)} sáng kiến được công nhận "
        f"({levels or 'chưa có'}), trong đó {_n(f.initiatives_applied)} sáng kiến đã được áp "
        "dụng trong thực tế."))
    blocks.append(_table([("Năm", 1, "center"), ("Đề xuất", 1, "center"),
                          ("Được công nhận", 1.3, "center")],
                         [[str(y), _n(s), _n(r)] for y, (s, r) in f.initiatives_by_year.items()]))

    blocks.append(Heading("Cuộc thi tìm hiểu về cải cách hành chính", 2, "3"))
    if f.contests:
        blocks.append(Paragraph(
            f"Tổ chức {_n(len(f.contests))} cuộc thi với {_n(f.contest_took_part)}/"
            f"{_n(f.contest_staff)} lượt cán bộ, công chức, viên chức tham gia (đạt "
            f"{_pct(f.contest_rate)}) và {_n(f.contest_public)} người dân dự thi."))
        blocks.append(_table(
            [("Cuộc thi", 4, "left"), ("Cán bộ thuộc phạm vi", 1.4, "center"),
             ("Đã dự thi", 1.2, "center"), ("Tỷ lệ", 1.1, "center"),
             ("Người dân", 1.1, "center")],
            [[c.contest.title, _n(c.staff), _n(c.took_part), _pct(c.rate), _n(c.public)]
             for c in f.contests]))
    else:
        blocks.append(Paragraph("Trong thời gian báo cáo chưa tổ chức cuộc thi trên hệ thống."))

    blocks.append(Heading("Kết quả Chỉ số cải cách hành chính", 2, "4"))
    result_years = f.results_years
    if result_years:
        blocks.append(Paragraph(
            "Kết quả đánh giá, xếp loại Chỉ số CCHC của các cơ quan, đơn vị, địa phương "
            "(theo kết quả đã công bố) như sau:"))
        columns = [("Năm", 0.9, "center")] + [(label, 1, "center") for _c, label in CLASSIFICATIONS]
        columns += [("Điểm bình quân", 1.2, "center")]
        rows = []
        for year in result_years:
            mean = f.mean_score_by_year.get(year)
            rows.append([str(year)] + [_n(f.classification_count(year, code))
                                       for code, _l in CLASSIFICATIONS]
                        + ["–" if mean is None else f"{mean}".replace(".", ",")])
        blocks.append(_table(columns, rows))
    else:
        blocks.append(Paragraph("Chưa có kết quả Chỉ số CCHC được công bố trong thời gian báo cáo."))

    blocks.append(Heading("Công tác khen thưởng", 2, "5"))
    blocks.append(Paragraph(
        f"Đã khen thưởng {_n(f.awards_total)} lượt tập thể, cá nhân ({_n(f.awards_collective)} "
        f"tập thể, {_n(f.awards_individual)} cá nhân) có thành tích trong phong trào"
        + (f", tổng tiền thưởng {money_text(f.reward_total)} đồng." if f.reward_total else ".")))
    if f.awards_total:
        blocks.append(_table([("Hình thức khen thưởng", 4, "left"), ("Số lượt", 1, "center")],
                             [[c.label, _n(c.count)] for c in f.awards_by_form],
                             caption="a) Theo hình thức khen thưởng"))
        blocks.append(_table([("Khối", 4, "left"), ("Số lượt", 1, "center")],
                             [[c.label, _n(c.count)] for c in f.awards_by_category],
                             caption="b) Theo khối thi đua"))
        blocks.append(_table([("Cơ quan, đơn vị", 4, "left"), ("Số lượt", 1, "center")],
                             [[c.label, _n(c.count)] for c in f.awards_by_unit],
                             caption="c) Theo cơ quan, đơn vị"))

    written = review is not None and any(
        (review.achievements, review.shortcomings, review.lessons))
    blocks.append(Heading("ĐÁNH GIÁ CHUNG", 1, "II"))
    if written and review is not None:
        for number, (title, text) in enumerate(
                [(t, x) for t, x in (("Kết quả nổi bật", review.achievements),
                                     ("Tồn tại, hạn chế", review.shortcomings),
                                     ("Bài học kinh nghiệm", review.lessons)) if x], 1):
            blocks.append(Heading(title, 2, str(number)))
            blocks += _paragraphs(text)
    else:
        blocks.append(Paragraph("(Phần đánh giá do cơ quan chủ trì phong trào bổ sung.)",
                                italic=True))
    blocks.append(Heading("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", 1, "III"))
    if review is not None and review.directions:
        blocks += [Bullet(line.strip().lstrip("-").strip())
                   for line in review.directions.splitlines() if line.strip()]
    else:
        blocks.append(Paragraph("(Phần phương hướng do cơ quan chủ trì phong trào bổ sung.)",
                                italic=True))
    return blocks


def review_docx(f: Figures, kind: str, review: Review | None) -> bytes:
    campaign = f.campaign
    # A report dated after the issuer merged is the successor's (An Giang reviews Kiên Giang's
    # 2021-2025 campaign): its letterhead, place and signature name the successor.
    heading = campaign_heading_on(campaign, review.issued_on if review and review.issued_on
                                  else timezone.localdate())
    head = Letterhead(
        issuing_body=heading.issuing_body, parent_body=heading.parent_body or None,
        place=(review.place if review and review.place else heading.place),
        number_symbol=report_number(campaign, review),
        issued_on=review.issued_on if review else None, draft_year=f.last_year)
    if review is not None and review.signer_capacity:
        signature = Signature(title=review.signer_title, name=review.signer_name,
                              capacity=review.signer_capacity)
    else:
        signature = Signature.on_behalf_of(heading.issuing_body.upper(),
                                           review.signer_title if review else "CHỦ TỊCH",
                                           review.signer_name if review else "")
    recipients = ([line.strip() for line in review.recipients.splitlines() if line.strip()]
                  if review is not None and review.recipients else [])
    document = official(head, doc_type="BÁO CÁO",
                        subject=review_subject(campaign, kind, f.last_year),
                        body=review_blocks(f, review), signature=signature,
                        recipients=recipients or ["Như trên;", "Lưu: VT."],
                        # Word limits the title property to 255 characters; a subject can be longer.
                        title=f"Báo cáo {kind_label(kind).lower()} {campaign.code}")
    return build_docx(document)


# --- the spreadsheet: one row per number, so it pivots and reconciles easily ----------------

SHEET_COLUMNS = [
    SheetColumn("section", "Mục", width=26), SheetColumn("indicator", "Chỉ tiêu", width=40),
    SheetColumn("group", "Nhóm", width=36), SheetColumn("year", "Năm", width=8),
    SheetColumn("value", "Giá trị", width=14),
]


def figure_rows(f: Figures) -> Iterator[list[Any]]:
    """(section, indicator, group, year, value) for every number of the report."""
    plan = "Ban hành kế hoạch"
    reg = "Đăng ký thi đua"
    for cat in f.categories:
        yield [plan, "Số đơn vị tham gia", cat.name, None, cat.participants]
        yield [plan, "Đã ban hành kế hoạch", cat.name, None, cat.plans_issued]
        yield [plan, "Không phải ban hành", cat.name, None, cat.plans_exempt]
        yield [reg, "Đơn vị đã đăng ký", cat.name, None, cat.registered]
        yield [reg, "Cá nhân đăng ký", cat.name, None, cat.people_registered]
    yield [plan, "Số đơn vị tham gia", "Tổng cộng", None, f.participants]
    yield [plan, "Đã ban hành kế hoạch", "Tổng cộng", None, f.plans_issued]
    yield [plan, "Tỷ lệ ban hành kế hoạch (%)", "Tổng cộng", None, _float(f.plan_rate)]
    yield [reg, "Đơn vị đã đăng ký", "Tổng cộng", None, f.registered]
    yield [reg, "Tỷ lệ đăng ký (%)", "Tổng cộng", None, _float(f.registration_rate)]
    yield [reg, "Cá nhân đăng ký", "Tổng cộng", None, f.people_registered]
    for month, n in f.registrations_by_month:
        yield [reg, "Đăng ký trong tháng", f"{month:%m/%Y}", month.year, n]
    ini = "Sáng kiến"
    yield [ini, "Sáng kiến đề xuất", "Tổng cộng", None, f.initiatives_total]
    yield [ini, "Sáng kiến được công nhận", "Tổng cộng", None, f.initiatives_recognised]
    yield [ini, "Sáng kiến đã áp dụng", "Tổng cộng", None, f.initiatives_applied]
    for level in f.initiatives_by_level:
        yield [ini, "Sáng kiến được công nhận", level.label, None, level.count]
    for year, (submitted, recognised) in f.initiatives_by_year.items():
        yield [ini, "Sáng kiến đề xuất", "Theo năm", year, submitted]
        yield [ini, "Sáng kiến được công nhận", "Theo năm", year, recognised]
    con = "Cuộc thi"
    for row in f.contests:
        yield [con, "Cán bộ thuộc phạm vi", row.contest.title, None, row.staff]
        yield [con, "Cán bộ đã dự thi", row.contest.title, None, row.took_part]
        yield [con, "Người dân dự thi", row.contest.title, None, row.public]
    yield [con, "Cán bộ đã dự thi", "Tổng cộng", None, f.contest_took_part]
    yield [con, "Tỷ lệ tham gia (%)", "Tổng cộng", None, _float(f.contest_rate)]
    res = "Chỉ số CCHC"
    for year in f.years:
        for code, label in CLASSIFICATIONS:
            yield [res, "Số đơn vị xếp loại", label, year, f.classification_count(year, code)]
        yield [res, "Điểm bình quân", "Tổng cộng", year, _float(f.mean_score_by_year.get(year))]
    aw = "Khen thưởng"
    yield [aw, "Lượt khen thưởng", "Tổng cộng", None, f.awards_total]
    yield [aw, "Lượt khen thưởng", "Tập thể", None, f.awards_collective]
    yield [aw, "Lượt khen thưởng", "Cá nhân", None, f.awards_individual]
    yield [aw, "Tổng tiền thưởng (đồng)", "Tổng cộng", None, f.reward_total]
    for by, items in (("Theo hình thức", f.awards_by_form), ("Theo khối", f.awards_by_category),
                      ("Theo đơn vị", f.awards_by_unit)):
        for item in items:
            yield [aw, by, item.label, None, item.count]
    for year, n in f.awards_by_year.items():
        yield [aw, "Lượt khen thưởng", "Theo năm", year, n]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def review_xlsx(f: Figures, kind: str) -> bytes:
    title = f"{kind_label(kind)} {f.campaign.code}"
    note = (f"{review_subject(f.campaign, kind, f.last_year)}.\n"
            "Mỗi dòng là một số liệu của báo cáo, tính trực tiếp từ dữ liệu trên hệ thống.\n"
            "Kết quả Chỉ số CCHC: chỉ các đợt đã công bố. Khen thưởng: theo quyết định đã ban hành.")
    return write_xlsx(SHEET_COLUMNS, figure_rows(f), title=title, note=note)
