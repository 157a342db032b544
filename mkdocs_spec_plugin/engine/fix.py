"""Repair a page: insert its missing sections, with the template's guidance, where they belong.

Only whole lines are inserted; every existing line stays byte for byte, line endings included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import PageReport, SectionResult, State, TemplateSection

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


@dataclass
class Insertion:
    """Lines to insert before line `before` (1-based), or at the end when it is None."""

    before: int | None
    lines: list[str]
    paths: list[tuple[str, ...]]  # the sections it adds, for messages


def _block(slot: TemplateSection, level: int) -> list[str]:
    """A section as the template writes it, at a level of the page: heading, guidance, children."""
    lines = ["#" * max(1, min(level, 6)) + " " + (slot.source or slot.title), ""]
    if slot.guidance:
        lines += [*slot.guidance, ""]
    for child in slot.children:
        lines += _block(child, level + child.level - slot.level)
    return lines


def plan(report: PageReport) -> list[Insertion]:
    """One insertion per missing required section whose parent is present (a missing parent
    brings its children along), in template order."""
    missing = {r.path for r in report.sections if r.state is State.MISSING}
    insertions = []
    for result in report.sections:
        if not _insertable(result) or result.path[:-1] in missing:
            continue
        assert result.slot is not None and result.level is not None
        paths = [p for p in missing if p[: len(result.path)] == result.path]
        insertions.append(
            Insertion(result.insert_at, _block(result.slot, result.level), sorted(paths))
        )
    return insertions


def _insertable(result: SectionResult) -> bool:
    return result.state is State.MISSING and not result.optional and result.slot is not None


def apply(text: str, insertions: list[Insertion]) -> str:
    """The text with the insertions made; unchanged when there are none."""
    if not insertions:
        return text
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINE_RE.findall(text[len(bom) :])
    found = _NEWLINE_RE.search(text)
    newline = found.group(0) if found else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # the old last line gains an ending so new lines can follow it
    # Anchors past the last line all mean "after it". Measured against the original length: the
    # list grows as blocks go in, and a second block anchored past the end landed inside the first
    # (below its heading) when the page ended with a blank line.
    end = len(lines)

    def anchor(insertion: Insertion) -> int:
        return max(0, min((insertion.before or end + 1) - 1, end))

    # Insert from the bottom up so earlier line numbers stay valid; stable for equal anchors.
    ordered = sorted(
        enumerate(insertions), key=lambda item: (anchor(item[1]), item[0]), reverse=True
    )
    for _, insertion in ordered:
        index = anchor(insertion)
        block = list(insertion.lines)
        if index > 0 and lines[index - 1].strip():
            block.insert(0, "")  # a blank line between the previous text and the new heading
        while block and not block[-1] and (index >= len(lines) or not lines[index].strip()):
            block.pop()  # the following blank line already separates
        if index < len(lines) and lines[index].strip() and (not block or block[-1]):
            block.append("")
        lines[index:index] = [line + newline for line in block]
    return bom + "".join(lines)
