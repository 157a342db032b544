"""The HTML a reader sees: the completeness badge and the missing-sections admonition.

Every piece of page text (heading titles, template names) is escaped here, and nowhere else.
"""

from __future__ import annotations

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
    if shown(config.badge, is_serve):
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
    notices = "".join(f'<p class="spec-notice">{escape(n.text or "")}</p>' for n in verdict.notices)
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
