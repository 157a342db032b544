"""The HTML a reader sees: the completeness badge and the missing-sections admonition.

Every piece of page text (heading titles, template names) is escaped here, and nowhere else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..config import SpecConfig, shown
from ..engine.model import State
from ..engine.report import PageVerdict, SectionVerdict

ANCHOR = "spec-missing"
# An em dash written as a character would make Python hold the verdict, and every page it goes
# into, at two bytes per character; as an entity the reader sees the same dash.
DASH = "&#8212;"


def band_color(score: int, bands: Sequence[Mapping[str, Any]]) -> str:
    """The colour of the highest band whose `min` the score reaches."""
    usable = sorted((b for b in bands if b.get("min") is not None), key=lambda b: -b["min"])
    for band in usable:
        if score >= band["min"] and band.get("color"):
            return str(band["color"])
    return usable[-1]["color"] if usable else "#57606a"


def page_html(verdict: PageVerdict, config: SpecConfig, is_serve: bool) -> str:
    """What the page shows: the badge and the admonition, as the settings ask; empty when
    neither shows."""
    listed = shown(config.admonition, is_serve) and (
        not verdict.is_complete or config.admonition_when_complete
    )
    parts = []
    if shown(config.badge, is_serve) and (not verdict.is_complete or config.badge_when_complete):
        parts.append(badge(verdict, config.bands, linked=listed))
    if listed:
        parts.append(admonition(verdict, config.collapsible, config.collapsed))
    return "".join(parts)


def badge(verdict: PageVerdict, bands: Sequence[Mapping[str, Any]], linked: bool) -> str:
    """One element, class `spec-badge`: the score in words and colour, linking to the details."""
    score = verdict.score
    text = f"Spec {verdict.summary}"
    title = (
        f"{verdict.template_name} ({verdict.template}): "
        f"{verdict.complete} of {len(verdict.required)} required sections complete"
    )
    attrs = (
        f'class="spec-badge" data-spec-score="{score}" '
        f'data-spec-template="{escape(verdict.template)}" '
        f'style="--spec-badge-color: {escape(band_color(score, bands))}" '
        f'title="{escape(title)}"'
    )
    if linked:
        return f'<p class="spec-badge-row"><a {attrs} href="#{ANCHOR}">{escape(text)}</a></p>'
    return f'<p class="spec-badge-row"><span {attrs}>{escape(text)}</span></p>'


def _item(result: SectionVerdict) -> str:
    label = escape(result.path[-1])
    path = escape(result.name, quote=True)
    state = result.state.value
    note = f"{state} (optional)" if result.optional else state
    details = ""
    if result.did_you_mean:
        details = f" {DASH} did you mean <q>{escape(result.did_you_mean)}</q>?"
    elif result.reason:
        details = f" {DASH} {escape(result.reason)}"
    optional = ' data-spec-optional="true"' if result.optional else ""
    return (
        f'<li data-spec-state="{state}" data-spec-section="{path}"{optional}>'
        f'<span class="spec-section">{label}</span> '
        f'<span class="spec-state spec-state--{state}">{note}</span>{details}'
    )


def _nested(verdict: PageVerdict) -> str:
    """The gaps as a nested list in template order. A complete parent of a gap is shown as plain
    context, so every gap sits where it belongs in the tree."""
    gaps = {s.path for s in verdict.gaps}
    # A slot is shown when it is a gap or holds one: a gap and each of its ancestors.
    listed = {gap[:end] for gap in gaps for end in range(1, len(gap) + 1)}
    parts: list[str] = []
    depth = -1
    for result in (s for s in verdict.sections if s.path in listed):
        level = result.depth
        if level > depth:
            parts.append("<ul>" * (level - depth))
        else:
            parts.append("</li>" + "</ul></li>" * (depth - level))
        depth = level
        if result.path in gaps:
            parts.append(_item(result))
        else:
            title = escape(result.path[-1])
            parts.append(f'<li class="spec-context"><span class="spec-section">{title}</span>')
    if depth >= 0:
        parts.append("</li>" + "</ul></li>" * depth + "</ul>")
    return "".join(parts)


def admonition(verdict: PageVerdict, collapsible: bool, collapsed: bool) -> str:
    """One element, class `spec-missing`, listing every missing and unfinished section."""
    missing = verdict.count(State.MISSING)
    unfinished = verdict.count(State.UNFINISHED)
    template = f"{escape(verdict.template_name)} ({escape(verdict.template)})"
    if missing or unfinished:
        counts = ", ".join(
            part
            for part in (
                f"{missing} missing" if missing else "",
                f"{unfinished} unfinished" if unfinished else "",
            )
            if part
        )
        heading = f"{counts} {DASH} template: {template}"
    else:
        heading = f"All sections complete {DASH} template: {template}"
    notices = "".join(f'<p class="spec-notice">{escape(n)}</p>' for n in verdict.notices)
    body = _nested(verdict) + notices
    kind = "warning" if missing or unfinished else "success"
    classes = f"admonition {kind} spec-missing"
    if collapsible:
        opened = "" if collapsed else " open"
        return (
            f'<details class="{classes}" id="{ANCHOR}"{opened}>'
            f"<summary>{heading}</summary>{body}</details>"
        )
    return (
        f'<div class="{classes}" id="{ANCHOR}">'
        f'<p class="admonition-title">{heading}</p>{body}</div>'
    )


def band_index(score: int, bands: Sequence[Mapping[str, Any]]) -> int:
    """Which band a score falls in: 0 for the lowest `min`, counting up."""
    mins = sorted({int(b["min"]) for b in bands if b.get("min") is not None})
    return max([i for i, low in enumerate(mins) if score >= low], default=0)


def nav_status_css(bands: Sequence[Mapping[str, Any]]) -> str:
    """Material nav status icons, one per band: a ring filled as far as the band's `min`, in the
    band's colour, so a page at 10% and one at 60% no longer look alike."""
    rules = []
    mins = sorted({int(b["min"]) for b in bands if b.get("min") is not None})
    for index, low in enumerate(mins):
        icon = _ring(low / 100)
        rules.append(
            f'.md-status[class*="md-status--spec-band{index}-"]::after {{'
            f"-webkit-mask-image: {icon}; mask-image: {icon};"
            f" background-color: {band_color(low, bands)}; }}"
        )
    return "\n".join(rules) + "\n"


def _ring(filled: float) -> str:
    """A data URL: a circle outline with a pie slice `filled` (0 to 1) of the way round."""
    path = "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zm0 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16z"
    if filled >= 1:
        path += "M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12z"
    elif filled > 0:
        angle = filled * 2 * math.pi
        x, y = 12 + 6 * math.sin(angle), 12 - 6 * math.cos(angle)
        large = 1 if filled > 0.5 else 0
        path += f"M12 12V6A6 6 0 {large} 1 {x:.2f} {y:.2f}z"
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
        f"<path fill-rule='evenodd' d='{path}'/></svg>"
    )
    return f'url("data:image/svg+xml;charset=utf-8,{svg}")'
