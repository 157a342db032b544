"""The HTML a reader sees: the completeness badge and the missing-sections admonition, in the
site's language (its catalogue's words; section titles as the template writes them).

Every piece of page text (heading titles, template names) is escaped here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..config import SpecConfig, shown
from ..dashboard.bands import band_color
from ..engine import reasons
from ..engine.fields import FieldVerdict
from ..engine.model import State
from ..engine.reasons import Reason
from ..engine.report import PageVerdict, SectionVerdict
from ..locales import Catalogue

ANCHOR = "spec-missing"
# An em dash written as a character would make Python hold the verdict, and every page it goes
# into, at two bytes per character; as an entity the reader sees the same dash.
DASH = "&#8212;"


def page_html(
    verdict: PageVerdict,
    config: SpecConfig,
    is_serve: bool,
    words: Catalogue,
    items: dict[SectionVerdict, str] | None = None,
) -> str:
    """What the page shows: the badge and the admonition, as the settings ask; empty when
    neither shows. `items` keeps the admonition's entries rendered so far, for pages rendered
    with the same settings and words (a site's pages repeat their templates' gaps)."""
    listed = (
        verdict.quiet is None  # `skip_status_judged`: the record is left as it was written
        and shown(config.admonition, is_serve)
        and (verdict.has_gaps or config.admonition_when_complete)
    )
    parts = []
    if shown(config.badge, is_serve) and (not verdict.is_complete or config.badge_when_complete):
        parts.append(badge(verdict, config.bands, listed, words))
    if listed:
        parts.append(admonition(verdict, config.collapsible, config.collapsed, words, items))
    return "".join(parts)


def summary(verdict: PageVerdict, words: Catalogue) -> str:
    """ "Spec 58% · 7 of 12 sections", as the badge and the navigation's tooltip say it."""
    return words.text(
        "badge_fields" if verdict.counts_fields else "badge",
        verdict.total,
        percent=words.percent(verdict.score),
        complete=verdict.complete,
    )


def badge(
    verdict: PageVerdict, bands: Sequence[Mapping[str, Any]], linked: bool, words: Catalogue
) -> str:
    """One element, class `spec-badge`: the score in words and colour, linking to the details."""
    score = verdict.score
    text = summary(verdict, words)
    title = words.text(
        "badge_title_fields" if verdict.counts_fields else "badge_title",
        verdict.total,
        template=template_label(verdict, words),
        complete=verdict.complete,
    )
    attrs = (
        f'class="spec-badge" lang="{words.lang}" data-spec-score="{score}" '
        f'data-spec-template="{escape(verdict.template)}" '
        f'style="--spec-badge-color: {escape(band_color(score, bands))}" '
        f'title="{escape(title)}"'
    )
    if linked:
        return f'<p class="spec-badge-row"><a {attrs} href="#{ANCHOR}">{escape(text)}</a></p>'
    return f'<p class="spec-badge-row"><span {attrs}>{escape(text)}</span></p>'


def template_label(verdict: PageVerdict, words: Catalogue) -> str:
    """ "Decision record (adr)", plain text; for a page judged against several templates, also
    that this is the one it follows best, and of which."""
    label = f"{verdict.template_name} ({verdict.template_ref})"
    if not verdict.candidates:
        return label
    choices = words.text("list_separator").join(verdict.candidates)
    return words.text("template_best", template=label, choices=choices)


def _quoted(text: str) -> str:
    # <q>: the browser quotes as the element's language does (“…”, „…“, « … », 「…」).
    return f"<q>{escape(text)}</q>"


def _why(cause: Reason, words: Catalogue) -> str | None:
    """A gap's reason in the catalogue's words, as HTML; None when its state says it all."""
    args = cause.args
    if cause.code == reasons.NEAR_MISS:
        return words.html("did_you_mean", name=_quoted(args["did_you_mean"]))
    if cause.code in reasons.MISSING_CODES:
        if not cause.under:
            return None
        return words.html("reason_missing_under", under=_quoted(cause.under[0]))
    quoted = {name: _quoted(value) for name, value in args.items()}
    if cause.code == reasons.TEMPLATE_TEXT:  # a whole line of the template's, after a colon
        quoted["text"] = escape(args["text"])
    said = words.html(f"reason_{cause.code}", **quoted)
    for heading in reversed(cause.under):  # the innermost run's heading closest to the reason
        said = words.html("reason_under", under=_quoted(heading), reason=said)
    return said


def _item(result: SectionVerdict, words: Catalogue) -> str:
    label = escape(result.path[-1])
    path = escape(result.name, quote=True)
    state = result.state.value
    note = words.html(f"state_{state}")
    if result.optional:
        note = words.html("state_optional", state=note)
    why = _why(result.cause, words) if result.cause else None
    details = f" {DASH} {why}" if why else ""
    optional = ' data-spec-optional="true"' if result.optional else ""
    return (
        f'<li data-spec-state="{state}" data-spec-section="{path}"{optional}>'
        f'<span class="spec-section">{label}</span> '
        f'<span class="spec-state spec-state--{state}">{note}</span>{details}'
    )


def _nested(verdict: PageVerdict, words: Catalogue, items: dict[SectionVerdict, str] | None) -> str:
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
            item = items.get(result) if items is not None else None
            if item is None:
                item = _item(result, words)
                if items is not None:
                    items[result] = item
            parts.append(item)
        else:
            title = escape(result.path[-1])
            parts.append(f'<li class="spec-context"><span class="spec-section">{title}</span>')
    if depth >= 0:
        parts.append("</li>" + "</ul></li>" * depth + "</ul>")
    return "".join(parts)


def _field(result: FieldVerdict, words: Catalogue) -> str:
    state = result.state.value
    note = words.html(f"field_{state}")
    if result.optional or not result.scored:
        note = words.html("field_optional" if result.optional else "field_not_scored", state=note)
    cause = result.cause
    why = None
    if cause is not None and cause.code != reasons.EMPTY:
        args = {k: _quoted(v) for k, v in cause.args.items() if k != "did_you_mean"}
        if "values" in args:  # the allowed values, a list rather than a quote
            args["values"] = escape(cause.args["values"])
        why = words.html(f"reason_{cause.code}", **args)
    if result.did_you_mean:
        near = words.html("did_you_mean", name=_quoted(result.did_you_mean))
        why = f"{why}; {near}" if why else near
    details = f" {DASH} {why}" if why else ""
    name = escape(result.name)
    optional = ' data-spec-optional="true"' if result.optional else ""
    return (
        f'<li data-spec-field="{escape(result.name, quote=True)}" '
        f'data-spec-field-state="{state}"{optional}>'
        f'<span class="spec-section">{name}</span> '
        f'<span class="spec-state spec-state--{state}">{note}</span>{details}</li>'
    )


def _fields(verdict: PageVerdict, words: Catalogue) -> str:
    """The fields that are not complete, under their own heading."""
    gaps = verdict.field_gaps
    if not gaps:
        return ""
    items = "".join(_field(f, words) for f in gaps)
    return (
        f'<p class="spec-fields-title">{words.html("fields_heading")}</p>'
        f'<ul class="spec-fields">{items}</ul>'
    )


def _notice(notice: Reason, words: Catalogue) -> str:
    quoted = {name: _quoted(value) for name, value in notice.args.items()}
    return f'<p class="spec-notice">{words.html(f"notice_{notice.code}", **quoted)}</p>'


def admonition(
    verdict: PageVerdict,
    collapsible: bool,
    collapsed: bool,
    words: Catalogue,
    items: dict[SectionVerdict, str] | None = None,
) -> str:
    """One element, class `spec-missing`, listing every missing and unfinished section."""
    counted = (
        ("count_missing", verdict.count(State.MISSING)),
        ("count_unfinished", verdict.count(State.UNFINISHED)),
        ("count_invalid", verdict.count(State.INVALID)),
    )
    template = escape(template_label(verdict, words), quote=False)
    if any(count for _, count in counted):
        counts = words.html("list_separator").join(
            words.html(key, count) for key, count in counted if count
        )
        heading = words.html("heading_gaps", counts=counts, template=template)
    else:
        heading = words.html("heading_complete", template=template)
    heading = heading.replace("—", DASH)  # as the entity, as DASH says why
    notices = "".join(_notice(n, words) for n in verdict.notices)
    body = _nested(verdict, words, items) + _fields(verdict, words) + notices
    kind = "warning" if verdict.has_gaps else "success"
    classes = f"admonition {kind} spec-missing"
    if collapsible:
        opened = "" if collapsed else " open"
        return (
            f'<details class="{classes}" id="{ANCHOR}" lang="{words.lang}"{opened}>'
            f"<summary>{heading}</summary>{body}</details>"
        )
    return (
        f'<div class="{classes}" id="{ANCHOR}" lang="{words.lang}">'
        f'<p class="admonition-title">{heading}</p>{body}</div>'
    )
