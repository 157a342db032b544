"""Hover, completion and the outline: the template's sections as the page fills them."""

from __future__ import annotations

import re

from lsprotocol import types

from ..engine.model import SectionResult, State
from ..engine.report import SectionVerdict
from .analysis import Analysis
from .diagnostics import Units, line_range

# What an author types to start a heading: up to three spaces, one to six `#`s, maybe a title.
_TYPED_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+.*)?$")


def _verdict_of(analysis: Analysis, result: SectionResult) -> SectionVerdict | None:
    verdict = analysis.verdict
    if verdict is None:
        return None
    return next((s for s in verdict.sections if s.path == result.path), None)


def _guidance(analysis: Analysis, result: SectionResult) -> str:
    slot = analysis.slot(result)
    return "\n".join(slot.guidance if slot is not None else []).strip()


def hover(
    analysis: Analysis, line: int, units: Units, markup: types.MarkupKind
) -> types.Hover | None:
    """On a heading (`line` 1-based) that the template knows: the slot, its state, its guidance."""
    result = analysis.result_at(line)
    section = _verdict_of(analysis, result) if result is not None else None
    if result is None or section is None or analysis.verdict is None:
        return None
    parts = [f"**{analysis.verdict.template_name}** · {section.describe()}"]
    guidance = _guidance(analysis, result)
    parts.append(
        f"The template says:\n\n{guidance}" if guidance else "The template gives no guidance."
    )
    content = types.MarkupContent(markup, "\n\n---\n\n".join(parts))
    return types.Hover(content, range=line_range(analysis, line, units))


def _missing_here(analysis: Analysis, line: int) -> list[SectionResult]:
    """The missing sections whose parent is on the page, that no heading nearly names, and whose
    place, between the sections the template puts before and after them, holds `line`
    (1-based)."""
    report = analysis.report
    if report is None:
        return []
    results = report.sections
    missing = {r.path for r in results if r.state is State.MISSING}
    present = [(i, r.line) for i, r in enumerate(results) if r.path not in missing and r.line]
    found = []
    for index, result in enumerate(results):
        if result.state is not State.MISSING or result.slot is None or result.did_you_mean:
            continue  # a near miss is renamed (a code action), not written a second time
        if result.path[:-1] in missing:
            continue  # its parent comes first, and brings it
        after = max((at for i, at in present if i < index), default=0)
        before = min((at for i, at in present if i > index), default=len(analysis.lines) + 1)
        if after < line < before:
            found.append(result)
    return found


def completion(
    analysis: Analysis, position: types.Position, markup: types.MarkupKind
) -> list[types.CompletionItem]:
    """After `#`s at the start of a line: the headings the template still wants there."""
    if not 0 <= position.line < len(analysis.lines):
        return []
    typed = _TYPED_HEADING_RE.match(analysis.lines[position.line][: position.character])
    if typed is None:
        return []
    hashes = len(typed.group(1))
    where = types.Range(types.Position(position.line, 0), position)
    items = []
    for order, result in enumerate(_missing_here(analysis, position.line + 1)):
        level = result.level or hashes
        if level < hashes:
            continue  # fewer `#`s than typed: not a section of this level
        assert result.slot is not None
        heading = "#" * level + " " + (result.slot.source or result.slot.title)
        optional = " (optional)" if result.optional else ""
        items.append(
            types.CompletionItem(
                label=result.slot.title,
                kind=types.CompletionItemKind.Snippet,
                detail=f"missing{optional}: {' / '.join(result.path)}",
                documentation=types.MarkupContent(
                    markup, _guidance(analysis, result) or "(no guidance)"
                ),
                # Exact level first, then template order.
                sort_text=f"{level - hashes}-{order:04d}",
                filter_text=heading,
                text_edit=types.TextEdit(where, heading),
            )
        )
    return items


def _state_words(analysis: Analysis, result: SectionResult) -> str:
    section = _verdict_of(analysis, result)
    if section is None:
        return result.state.value
    words = result.state.value + (" (optional)" if result.optional else "")
    return words + (
        f" — {section.reason}" if section.reason and result.state is State.UNFINISHED else ""
    )


def _span(outer: types.Range, inner: types.Range) -> types.Range:
    start = min(outer.start, inner.start, key=lambda p: (p.line, p.character))
    end = max(outer.end, inner.end, key=lambda p: (p.line, p.character))
    return types.Range(start, end)


def symbols(analysis: Analysis, units: Units) -> list[types.DocumentSymbol]:
    """The template's sections, nested as the template nests them, each with its state; a present
    section spans its heading to the next heading of the template at its level or above."""
    report = analysis.report
    if report is None:
        return []
    results = report.sections
    found = [(r.line, r.depth) for r in results if r.state is not State.MISSING and r.line]
    last = len(analysis.lines)
    roots: list[types.DocumentSymbol] = []
    stack: list[tuple[int, types.DocumentSymbol]] = []
    for result in results:
        heading = line_range(analysis, result.line, units)
        if result.state is State.MISSING:
            whole = heading
        else:
            line = result.line or 1
            ends = [at for at, depth in found if at > line and depth <= result.depth]
            end = min(ends, default=last + 1) - 1
            whole = types.Range(heading.start, line_range(analysis, end, units).end)
        symbol = types.DocumentSymbol(
            name=" / ".join(result.path[-1:]),
            detail=_state_words(analysis, result),
            kind=types.SymbolKind.String,
            range=whole,
            selection_range=heading,
            children=[],
        )
        while stack and stack[-1][0] >= result.depth:
            stack.pop()
        if stack:
            stack[-1][1].children.append(symbol)  # type: ignore[union-attr]  # set above
        else:
            roots.append(symbol)
        stack.append((result.depth, symbol))
    for root in roots:
        _widen(root)
    return roots


def _widen(symbol: types.DocumentSymbol) -> None:
    """A symbol's range holds its children's (clients reject one that does not)."""
    for child in symbol.children or []:
        _widen(child)
        symbol.range = _span(symbol.range, child.range)
