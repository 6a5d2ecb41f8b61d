"""The campaign dashboard: four charts, each with its table and a link per point to its list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from thidua.campaigns.models import Campaign
from thidua.reports import selectors
from thidua.reports.charts import (
    CLASSIFICATION_COLOURS,
    DIRECTION_COLOURS,
    Cell,
    Chart,
    Point,
    stacked,
)

TOP_UNITS = 15


def drill_url(campaign: Campaign, chart: str, **params: object) -> str:
    url = reverse("reports:drill", kwargs={"campaign_id": campaign.pk, "chart": chart})
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def distribution_chart(campaign: Campaign, year: int) -> Chart:
    rows = selectors.distribution(campaign, year)
    labels = [r.category.name for r in rows]
    series = []
    for code, label in selectors.CLASSIFICATIONS:
        points: list[Point | None] = [Point(
            r.counts.get(code, 0),
            drill_url(campaign, "phan-bo", nam=year, khoi=r.category.code, xep_loai=code),
            f"{r.category.name} – {label}: {r.counts.get(code, 0)} đơn vị") for r in rows]
        series.append((label, CLASSIFICATION_COLOURS[code], points))
    table = [[Cell(r.category.name, drill_url(campaign, "phan-bo", nam=year, khoi=r.category.code))]
             + [Cell(str(r.counts.get(code, 0)),
                     drill_url(campaign, "phan-bo", nam=year, khoi=r.category.code, xep_loai=code))
                for code, _l in selectors.CLASSIFICATIONS]
             + [Cell(str(r.total))] for r in rows]
    return stacked(
        "phan-bo", f"Phân bố xếp loại Chỉ số CCHC năm {year} theo khối",
        f"Số đơn vị mỗi khối theo xếp loại Chỉ số CCHC năm {year} (kết quả đã công bố).",
        labels=labels, series=series,
        columns=["Khối", *[label for _c, label in selectors.CLASSIFICATIONS], "Tổng"], rows=table)


def movement_chart(campaign: Campaign, year: int) -> Chart:
    summary = selectors.movement_summary(selectors.movement(campaign, year))
    labels = [c.name for c in summary]
    series = []
    for key, label in selectors.DIRECTIONS.items():
        points: list[Point | None] = [Point(
            counts[key], drill_url(campaign, "bien-dong", nam=year, khoi=c.code, huong=key),
            f"{c.name} – {label}: {counts[key]} đơn vị") for c, counts in summary.items()]
        series.append((label, DIRECTION_COLOURS[key], points))
    table = [[Cell(c.name, drill_url(campaign, "bien-dong", nam=year, khoi=c.code))]
             + [Cell(str(counts[key]), drill_url(campaign, "bien-dong", nam=year, khoi=c.code,
                                                 huong=key)) for key in selectors.DIRECTIONS]
             for c, counts in summary.items()]
    return stacked(
        "bien-dong", f"Biến động thứ hạng năm {year} so với năm {year - 1}",
        f"Số đơn vị mỗi khối tăng hạng, giữ nguyên, giảm hạng năm {year} so với năm {year - 1}.",
        labels=labels, series=series, stack=False,
        columns=["Khối", *selectors.DIRECTIONS.values()], rows=table)


def registrations_chart(campaign: Campaign) -> Chart:
    months = selectors.registrations_by_month(campaign)
    labels = [f"{m:%m/%Y}" for m, _n in months]
    points: list[Point | None] = [Point(
        n, drill_url(campaign, "dang-ky", thang=f"{m:%Y-%m}"),
        f"Tháng {m:%m/%Y}: {n} đơn vị đăng ký") for m, n in months]
    table, running = [], 0
    for m, n in months:
        running += n
        table.append([Cell(f"{m:%m/%Y}", drill_url(campaign, "dang-ky", thang=f"{m:%Y-%m}")),
                      Cell(str(n)), Cell(str(running))])
    return stacked(
        "dang-ky", "Đăng ký thi đua theo thời gian",
        "Số đơn vị đăng ký thi đua trong từng tháng.", labels=labels,
        series=[("Đơn vị đăng ký", "#0b5cad", points)], stack=False,
        columns=["Tháng", "Đơn vị đăng ký", "Lũy kế"], rows=table)


def awards_chart(campaign: Campaign) -> Chart:
    figures = selectors.campaign_awards(campaign)
    counts: dict[int, list] = {}
    for award in figures:
        row = counts.setdefault(award.unit_id, [award.unit, 0, 0])
        row[1 if award.kind == "collective" else 2] += 1
    ranked = sorted(counts.values(), key=lambda r: (-(r[1] + r[2]), r[0].sort_key))
    top = list(reversed(ranked[:TOP_UNITS]))  # a horizontal chart draws its first label lowest

    def url(unit_id: int, kind: str = "") -> str:
        return drill_url(campaign, "khen-thuong", don_vi=unit_id, doi_tuong=kind)

    series: list[tuple[str, str, list[Point | None]]] = [
        ("Tập thể", "#0b5cad", [Point(r[1], url(r[0].pk, "collective"),
                                      f"{r[0].name} – tập thể: {r[1]} lượt") for r in top]),
        ("Cá nhân", "#b7791f", [Point(r[2], url(r[0].pk, "individual"),
                                      f"{r[0].name} – cá nhân: {r[2]} lượt") for r in top]),
    ]
    table = [[Cell(r[0].name, url(r[0].pk)), Cell(str(r[1]), url(r[0].pk, "collective")),
              Cell(str(r[2]), url(r[0].pk, "individual")), Cell(str(r[1] + r[2]))]
             for r in ranked]
    return stacked(
        "khen-thuong", f"Khen thưởng theo đơn vị ({min(TOP_UNITS, len(ranked))} đơn vị nhiều nhất)",
        "Số lượt khen thưởng tập thể và cá nhân của từng đơn vị trong phong trào (quyết định đã "
        "ban hành).", labels=[r[0].name for r in top], series=series, horizontal=True,
        columns=["Đơn vị", "Tập thể", "Cá nhân", "Tổng"], rows=table)
