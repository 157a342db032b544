"""The HTML a reader sees: the completeness badge and the missing-sections admonition.

Every piece of page text (heading titles, template names) is escaped here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..engine.model import PageReport, SectionResult, State
from ..engine.report import summary

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


def badge(report: PageReport, bands: Sequence[Mapping[str, Any]], linked: bool) -> str:
    """One element, class `spec-badge`: the score in words and colour, linking to the details."""
    template = report.template
    score = report.score
    text = f"Spec {summary(report)}"
    title = (
        f"{template.name} ({template.id}): "
        f"{report.complete} of {len(report.required)} required sections complete"
    )
    attrs = (
        f'class="spec-badge" data-spec-score="{score}" data-spec-template="{escape(template.id)}" '
        f'style="--spec-badge-color: {escape(band_color(score, bands))}" '
        f'title="{escape(title)}"'
    )
    if linked:
        return f'<p class="spec-badge-row"><a {attrs} href="#{ANCHOR}">{escape(text)}</a></p>'
    return f'<p class="spec-badge-row"><span {attrs}>{escape(text)}</span></p>'


def _item(result: SectionResult) -> str:
    label = escape(result.path[-1])
    path = escape(" / ".join(result.path), quote=True)
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


def _nested(report: PageReport) -> str:
    """The gaps as a nested list in template order. A complete parent of a gap is shown as plain
    context, so every gap sits where it belongs in the tree."""
    gaps = {s.path for s in report.sections if s.state is not State.COMPLETE}
    shown = [s for s in report.sections if any(g[: len(s.path)] == s.path for g in gaps)]
    parts: list[str] = []
    depth = -1
    for result in shown:
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


def admonition(report: PageReport, collapsible: bool, collapsed: bool) -> str:
    """One element, class `spec-missing`, listing every missing and unfinished section."""
    missing = sum(1 for s in report.required if s.state is State.MISSING)
    unfinished = sum(1 for s in report.required if s.state is State.UNFINISHED)
    template = report.template
    if missing or unfinished:
        counts = ", ".join(
            part
            for part in (
                f"{missing} missing" if missing else "",
                f"{unfinished} unfinished" if unfinished else "",
            )
            if part
        )
        heading = f"{counts} {DASH} template: {escape(template.name)} ({escape(template.id)})"
    else:
        heading = (
            f"All sections complete {DASH} template: {escape(template.name)} "
            f"({escape(template.id)})"
        )
    notices = "".join(f'<p class="spec-notice">{escape(n)}</p>' for n in report.notices)
    body = _nested(report) + notices
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
