"""Dashboard charts: SVG drawn on the server by pygal, each point a link to the list behind it.

Why pygal: it renders plain SVG in Python (no JavaScript, nothing fetched from a CDN), and a
point can carry a link, which is how a chart drills down to its list. Every chart also carries
its numbers as a table (`Chart.rows`), shown under it for screen readers and keyboard users.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from thidua.rules.vocab import CLASSIFICATION

# One colour per classification, best first; the codes come from the scale (a colour more or
# less than the scale has levels fails at import).
CLASSIFICATION_COLOURS = dict(zip(
    (code for code, _ in CLASSIFICATION.choices(best_first=True)),
    ("#1a7f37", "#0b5cad", "#b7791f", "#c05621", "#a3121d"), strict=True))
DIRECTION_COLOURS = {"len": "#1a7f37", "giu": "#5b6676", "xuong": "#a3121d"}

STYLE_OPTIONS = dict(
    background="#ffffff", plot_background="#ffffff", foreground="#1d2430",
    foreground_strong="#1d2430", foreground_subtle="#8a94a3", opacity=".9", opacity_hover="1",
    font_family="system-ui, 'Segoe UI', Roboto, Arial, sans-serif",
    label_font_size=13, major_label_font_size=13, value_font_size=12, legend_font_size=13,
    title_font_size=15, tooltip_font_size=13,
)


def style(colours: tuple[str, ...]) -> Style:
    return Style(colors=colours, **STYLE_OPTIONS)


@dataclass
class Cell:
    text: str
    href: str = ""


@dataclass
class Chart:
    """A chart, its numbers as a table, and where each of its points leads."""

    key: str
    title: str
    summary: str  # one sentence saying what the chart shows, read out with the image
    columns: list[str]
    rows: list[list[Cell]]
    svg: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308 - empty

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class Point:
    value: int | float | None
    href: str
    label: str  # the accessible name of the link: "Khối xã – Xuất sắc: 12 đơn vị"


def _config(chart: pygal.Graph, title: str) -> None:
    chart.config.js = []  # no script from anywhere: the SVG is static, links work without JS
    chart.config.disable_xml_declaration = True
    chart.config.print_values = True
    chart.config.legend_at_bottom = True
    chart.config.truncate_legend = -1
    chart.config.truncate_label = -1
    chart.config.show_y_guides = True
    chart.config.title = None  # the page's heading names the chart; the SVG keeps it as <title>
    chart.config.print_zeroes = False
    chart.config.no_data_text = "Chưa có số liệu"


def _series(points: Sequence[Point | None]) -> list[dict | None]:
    out: list[dict | None] = []
    for point in points:
        if point is None or not point.value:
            out.append(None)
        else:
            out.append({"value": point.value, "label": point.label,
                        "xlink": {"href": point.href, "target": "_self"}})
    return out


_SVG_OPEN = re.compile(r"<svg ([^>]*)>")


def _accessible(svg: str, key: str, title: str, summary: str,
                points: Sequence[Point | None]) -> SafeString:
    """Name the image and every link in it, so a screen reader says what a point is; SVG 2's
    plain href makes each point a link to browsers and assistive technology alike."""
    svg = _SVG_OPEN.sub(
        lambda m: (f'<svg {m.group(1)} role="img" aria-labelledby="{key}-t {key}-d">'
                   f'<title id="{key}-t">{escape(title)}</title>'
                   f'<desc id="{key}-d">{escape(summary)}</desc>'), svg, count=1)
    for point in points:
        if point is None or not point.value:
            continue
        href = escape(point.href, quote=True)
        svg = svg.replace(f'xlink:href="{href}">',
                          f'xlink:href="{href}" aria-label="{escape(point.label, quote=True)}" '
                          f'href="{href}">'
                          f"<title>{escape(point.label)}</title>", 1)
    return mark_safe(svg)  # noqa: S308 - pygal's SVG; every text we add is escaped


def render(chart: pygal.Graph, spec: Chart, points: Sequence[Point | None]) -> Chart:
    spec.svg = _accessible(chart.render(is_unicode=True), spec.key, spec.title, spec.summary,
                           points)
    return spec


def _integer_ticks(series: list[tuple[str, str, list[Point | None]]], labels: list[str],
                   stack: bool) -> list[int]:
    """Whole-number ticks: the charts count units and awards."""
    def value(points: list[Point | None], i: int) -> float:
        point = points[i] if i < len(points) else None
        return (point.value or 0) if point is not None else 0

    per_label = [[value(points, i) for _n, _c, points in series] for i in range(len(labels))]
    top = max([sum(v) if stack else max(v, default=0) for v in per_label], default=0)
    step = max(1, -(-int(top) // 8))
    return list(range(0, int(top) + step + 1, step))


def stacked(key: str, title: str, summary: str, *, labels: list[str],
            series: list[tuple[str, str, list[Point | None]]], columns: list[str],
            rows: list[list[Cell]], horizontal: bool = False, stack: bool = True) -> Chart:
    """A bar chart: one bar per label, one colour per series (stacked or side by side)."""
    kind = (pygal.HorizontalStackedBar if horizontal else pygal.StackedBar) if stack else \
        (pygal.HorizontalBar if horizontal else pygal.Bar)
    colours = tuple(colour for _name, colour, _points in series) or ("#0b5cad",)
    chart = kind(style=style(colours), width=860, height=max(360, 34 * len(labels) + 140) if horizontal
                 else 400, x_label_rotation=0 if horizontal else (20 if len(labels) > 6 else 0))
    _config(chart, title)
    chart.x_labels = labels
    chart.y_labels = _integer_ticks(series, labels, stack)
    everything: list[Point | None] = []
    for name, _colour, points in series:
        chart.add(name, _series(points))
        everything += points
    return render(chart, Chart(key, title, summary, columns, rows), everything)
