"""The site report's pictures, as inline SVG: no script, no library, readable offline and in light
and dark palettes (text and lines in `currentColor`, bars in the bands' colours), each with a title
and a description that say in words what it shows.

Each chart is a function from figures to an SVG string; every piece of text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from ..engine.site import BIN_WIDTH, Gap, SiteSummary, TemplateFigures
from ..locales import Catalogue

MISSING_COLOR = "#cf222e"
UNFINISHED_COLOR = "#9a6700"
WIDTH = 400  # every chart's viewBox width; the page scales it to the column
_LABEL = 150  # the label column of the bar charts
_ROW = 26


def _svg(chart_id: str, title: str, description: str, height: int, body: str) -> str:
    return (
        f'<svg class="spec-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _text(x: float, y: float, words: str, anchor: str = "start", css: str = "") -> str:
    extra = f' class="{css}"' if css else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor"{extra}>'
        f"{escape(words)}</text>"
    )


def _short(words: str, room: int) -> str:
    """Words cut to `room` characters with an ellipsis; the full words go in a tooltip."""
    return words if len(words) <= room else words[: room - 1].rstrip() + "…"


def spread(summary: SiteSummary, color: Callable[[int], str], words: Catalogue) -> str:
    """How many pages score in each tenth, complete pages apart: a column per bin."""
    height, top, base = 170, 18, 140
    most = max(summary.bins) or 1
    step = (WIDTH - 20) / len(summary.bins)
    parts = []
    described = []
    for index, count in enumerate(summary.bins):
        low = index * BIN_WIDTH
        label = words.text("percent", value=low if low >= 100 else f"{low}–{low + BIN_WIDTH - 1}")
        bar = words.text("chart_bin", range=label, pages=words.text("pages", count))
        described.append(bar)
        x = 10 + index * step
        tall = (base - top) * count / most
        parts.append(
            f'<rect x="{x + 3:.1f}" y="{base - tall:.1f}" width="{step - 6:.1f}" '
            f'height="{tall:.1f}" fill="{escape(color(min(low, 100)))}" rx="2">'
            f"<title>{escape(bar)}</title></rect>"
        )
        if count:
            parts.append(_text(x + step / 2, base - tall - 4, str(count), "middle", "spec-chart-n"))
        parts.append(_text(x + step / 2, base + 16, "100" if low >= 100 else str(low), "middle"))
    parts.append(
        f'<line x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="currentColor" '
        'stroke-opacity="0.4"/>'
    )
    axis = words.text("chart_score_axis")
    parts.append(_text(WIDTH / 2, height - 2, axis, "middle", "spec-chart-axis"))
    description = words.text(
        "chart_spread_text", pages=words.text("pages", summary.pages), bins="; ".join(described)
    )
    title = words.text("chart_spread")
    return _svg("spec-spread", title, description, height, "".join(parts))


def _x(score: float) -> float:
    return _LABEL + (WIDTH - _LABEL - 30) * score / 100


def templates(
    figures: Sequence[TemplateFigures], color: Callable[[int], str], words: Catalogue
) -> str:
    """Each template's pages: the range of their scores (a line), the middle half (a box) and
    the average (a dot, with its value)."""
    height = 20 + _ROW * len(figures) + 20
    parts = []
    described = []
    for row, t in enumerate(figures):
        y = 20 + row * _ROW + _ROW / 2
        described.append(
            words.text(
                "chart_template_text",
                template=t.name,
                pages=words.text("pages", t.pages),
                average=words.percent(t.average),
                low=words.percent(t.low),
                high=words.percent(t.high),
                quartile1=words.percent(t.quartile1),
                quartile3=words.percent(t.quartile3),
            )
        )
        parts.append(
            f"<g><title>{escape(described[-1])}</title>"
            + _text(0, y - 2, _short(t.name, 21))
            + _text(0, y + 10, words.text("pages", t.pages), css="spec-chart-axis")
            + f'<line x1="{_x(t.low):.1f}" y1="{y}" x2="{_x(t.high):.1f}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.5"/>'
            f'<rect x="{_x(t.quartile1):.1f}" y="{y - 6}" '
            f'width="{max(_x(t.quartile3) - _x(t.quartile1), 1.5):.1f}" height="12" '
            f'fill="{escape(color(t.average))}" fill-opacity="0.45" stroke="currentColor" '
            'stroke-opacity="0.5"/>'
            f'<circle cx="{_x(t.average):.1f}" cy="{y}" r="4" fill="{escape(color(t.average))}" '
            'stroke="currentColor" stroke-width="0.5"/>'
            + _text(WIDTH - 2, y + 4, words.percent(t.average), "end", "spec-chart-n")
            + "</g>"
        )
    for score in (0, 50, 100):
        parts.append(
            _text(_x(score), height - 4, words.percent(score), "middle", "spec-chart-axis")
        )
    description = "; ".join(described) + "."
    title = words.text("chart_templates")
    return _svg("spec-templates", title, description, height, "".join(parts))


def gaps(found: Sequence[Gap], link: Callable[[int], str], words: Catalogue) -> str:
    """The required sections most often left missing or unfinished, a bar each (missing, then
    unfinished), each linking to the list of its pages."""
    height = 10 + _ROW * len(found) + 24
    most = max((g.pages for g in found), default=1)
    room = WIDTH - _LABEL - 40
    parts = []
    described = []
    for row, gap in enumerate(found):
        y = 10 + row * _ROW
        said = words.text(
            "chart_gap_text",
            section=" / ".join(gap.path),
            template=gap.template,
            missing=len(gap.missing),
            unfinished=len(gap.unfinished),
        )
        described.append(said)
        missing = room * len(gap.missing) / most
        unfinished = room * len(gap.unfinished) / most
        parts.append(
            f'<a href="{escape(link(row))}"><title>{escape(said)}</title>'
            + _text(0, y + 12, _short(gap.path[-1], 21))
            + _text(0, y + 23, _short(gap.template, 30), css="spec-chart-axis")
            + f'<rect x="{_LABEL}" y="{y + 4}" width="{missing:.1f}" height="14" '
            f'fill="{MISSING_COLOR}"/>'
            f'<rect x="{_LABEL + missing:.1f}" y="{y + 4}" width="{unfinished:.1f}" height="14" '
            f'fill="{UNFINISHED_COLOR}"/>'
            + _text(_LABEL + missing + unfinished + 4, y + 15, str(gap.pages), css="spec-chart-n")
            + "</a>"
        )
    legend_y = height - 8
    parts.append(
        f'<rect x="{_LABEL}" y="{legend_y - 9}" width="10" height="10" fill="{MISSING_COLOR}"/>'
        + _text(_LABEL + 14, legend_y, words.text("state_missing"), css="spec-chart-axis")
        + f'<rect x="{_LABEL + 80}" y="{legend_y - 9}" width="10" height="10" '
        f'fill="{UNFINISHED_COLOR}"/>'
        + _text(_LABEL + 94, legend_y, words.text("state_unfinished"), css="spec-chart-axis")
    )
    description = "; ".join(described) + "." if described else words.text("chart_gaps_none")
    title = words.text("chart_gaps")
    return _svg("spec-gaps", title, description, height, "".join(parts))
