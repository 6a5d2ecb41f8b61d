"""A small server-side SVG chart of a unit's score and rank across years (no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from thidua.core.text import vn_number
from thidua.results.selectors import HistoryYear

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 28


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if n == 1 else span * i / (n - 1))


def _panel(points: list[tuple[int, float | None]], n: int, *, low: float, high: float,
           invert: bool, colour: str, label: str, fmt: str) -> SafeString:
    """One line chart; `invert` puts low values at the top (rank 1 is best)."""
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        share = 0.0 if high == low else (value - low) / (high - low)
        return TOP + (share if invert else 1 - share) * plot_h

    known = [(i, v) for i, v in points if v is not None]
    path = " ".join(f"{'M' if k == 0 else 'L'}{_x(i, n):.1f},{y(v):.1f}"
                    for k, (i, v) in enumerate(known))
    grid = format_html_join("", '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
                                '<text x="{}" y="{}" class="axis" text-anchor="end">{}</text>',
                            ((LEFT, WIDTH - RIGHT, f"{y(t):.1f}", f"{y(t):.1f}", LEFT - 6,
                              f"{y(t) + 4:.1f}", vn_number(fmt.format(t)))
                             for t in (low, (low + high) / 2, high)))
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}</title></circle>'
                                '<text x="{}" y="{}" class="val" text-anchor="middle">{}</text>',
                            ((f"{_x(i, n):.1f}", f"{y(v):.1f}", colour,
                              f"{label}: {vn_number(fmt.format(v))}",
                              f"{_x(i, n):.1f}", f"{y(v) - 8:.1f}", vn_number(fmt.format(v)))
                             for i, v in known))
    line = format_html('<path d="{}" fill="none" stroke="{}" stroke-width="2"/>', path, colour) \
        if path else ""
    return format_html('<g aria-hidden="true">{}{}{}</g>', grid, line, dots)


def history_svg(history: Sequence[HistoryYear]) -> SafeString:
    """Two stacked charts: score (0–100 scale zoomed to the data) and rank (1 at the top)."""
    if not history:
        return mark_safe("")  # noqa: S308 - empty string
    n = len(history)
    scores = [(i, float(h.score) if h.score is not None else None) for i, h in enumerate(history)]
    ranks = [(i, float(h.rank) if h.rank is not None else None) for i, h in enumerate(history)]
    known_scores = [v for _, v in scores if v is not None]
    low = max(0.0, (min(known_scores) // 5) * 5 - 5) if known_scores else 0.0
    high = min(100.0, (max(known_scores) // 5) * 5 + 5) if known_scores else 100.0
    known_ranks = [v for _, v in ranks if v is not None]
    worst = max(known_ranks) if known_ranks else 1.0
    years = format_html_join("", '<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>',
                             ((f"{_x(i, n):.1f}", HEIGHT - 8, h.year)
                              for i, h in enumerate(history)))
    style = mark_safe(  # noqa: S308 - constant
        "<style>.grid{stroke:#d8dee6}.axis{font-size:11px;fill:#5b6676}"
        ".val{font-size:10px;fill:#1d2430}</style>")
    score_svg = format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-score-t" class="chart">'
        '<title id="chart-score-t">Điểm Chỉ số CCHC qua các năm</title>{}{}{}</svg>',
        WIDTH, HEIGHT, style,
        _panel(scores, n, low=low, high=high, invert=False, colour="#0b5cad", label="Điểm",
               fmt="{:.2f}"), years)
    rank_svg = format_html(
        '<svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-rank-t" class="chart">'
        '<title id="chart-rank-t">Thứ hạng trong khối qua các năm (hạng 1 ở trên cùng)</title>'
        "{}{}{}</svg>",
        WIDTH, HEIGHT, style,
        _panel(ranks, n, low=1.0, high=max(worst, 2.0), invert=True, colour="#a3121d",
               label="Hạng", fmt="{:.0f}"), years)
    return format_html("{}{}", score_svg, rank_svg)
