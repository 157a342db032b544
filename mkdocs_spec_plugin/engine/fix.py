"""Repair a page: insert its missing sections, with the template's guidance, where they belong.

Only whole lines are inserted; every existing line stays byte for byte, line endings included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .fields import additions
from .front_matter import normalise_newlines, split_front_matter
from .model import PageReport, SectionResult, State, TemplateSection

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


@dataclass
class Insertion:
    """Lines to insert before line `before` (1-based), or at the end when it is None."""

    before: int | None
    lines: list[str]
    paths: list[tuple[str, ...]]  # the sections it adds, for messages
    fields: tuple[str, ...] = ()  # the metadata fields it adds
    tight: bool = False  # inside front matter or a list: no blank line around it


def _block(slot: TemplateSection, level: int, guidance: bool) -> list[str]:
    """A section as the template writes it, at a level of the page: heading, guidance, children."""
    lines = ["#" * max(1, min(level, 6)) + " " + (slot.source or slot.title), ""]
    if guidance and slot.guidance:
        lines += [*slot.guidance, ""]
    for child in slot.children:
        lines += _block(child, level + child.level - slot.level, guidance)
    return lines


@dataclass
class Rename:
    """A heading that nearly names a missing section, and the template's name for it."""

    line: int  # 1-based
    was: str
    title: str  # the template's heading as written
    path: tuple[str, ...]


def plan(report: PageReport, guidance: bool = True) -> list[Insertion]:
    """One insertion per missing required section whose parent is present (a missing parent
    brings its children along), in template order. A section that a heading of the page nearly
    names is not inserted: a second heading beside `## Security` is never what the author meant
    (see `near_misses`). Without `guidance`, headings only: for a page where the template's
    fenced guidance would close a fence the page left open, and turn the new sections into code."""
    missing = {r.path for r in report.sections if r.state is State.MISSING}
    insertions = []
    for result in report.sections:
        if not _insertable(result) or result.path[:-1] in missing or result.did_you_mean:
            continue
        assert result.slot is not None and result.level is not None
        paths = [p for p in missing if p[: len(result.path)] == result.path]
        insertions.append(
            Insertion(result.insert_at, _block(result.slot, result.level, guidance), sorted(paths))
        )
    return insertions


def plan_fields(report: PageReport, text: str) -> list[Insertion]:
    """The missing required metadata fields, with the template's placeholders, in the page's
    style (see `fields.additions`)."""
    if not report.fields:
        return []
    document = split_front_matter(normalise_newlines(text))
    return [
        Insertion(add.before, add.lines, [], add.names, add.tight)
        for add in additions(report.template.fields, report.fields, document)
    ]


def repair(
    text: str, report: PageReport, judge: Callable[[str], PageReport | None]
) -> tuple[str, list[Insertion], bool]:
    """The text with its missing sections and fields inserted, the insertions, and whether they
    carry the template's guidance. The result is judged again (`judge` reads a page's text as the
    site does): if an inserted section is not a section there (the guidance's fences closed a
    fence the page left open, and the new headings became code), they go in as headings only."""
    fields = plan_fields(report, text)
    insertions = plan(report)
    fixed = apply(text, [*insertions, *fields])
    if not insertions or not _lost(judge(fixed), insertions):
        return fixed, [*insertions, *fields], True
    insertions = plan(report, guidance=False)
    return apply(text, [*insertions, *fields]), [*insertions, *fields], False


def _lost(report: PageReport | None, insertions: list[Insertion]) -> bool:
    """Whether a section that was inserted is still missing."""
    if report is None:
        return True
    missing = {r.path for r in report.sections if r.state is State.MISSING}
    return any(path in missing for insertion in insertions for path in insertion.paths)


def _insertable(result: SectionResult) -> bool:
    return result.state is State.MISSING and not result.optional and result.slot is not None


def near_misses(report: PageReport) -> list[Rename]:
    """The missing required sections that a heading of the page nearly names."""
    return [
        Rename(
            result.line, result.did_you_mean, result.slot.source or result.slot.title, result.path
        )
        for result in report.sections
        if _insertable(result) and result.did_you_mean and result.line and result.slot
    ]


# An ATX heading line: its marker, its title, an optional closing run of `#` and an attribute list.
_ATX_LINE_RE = re.compile(
    r"^([ ]{0,3}#{1,6}[ \t]+)(.*?)((?:[ \t]+#+)?(?:[ \t]+\{[^}\n]*\})?[ \t]*)$"
)
_SETEXT_LINE_RE = re.compile(r"^([ ]{0,3})(.*?)([ \t]*)$")


def rename(text: str, renames: list[Rename]) -> tuple[str, list[Rename]]:
    """The text with each near-miss heading's title replaced by the template's, every other byte
    kept; and the renames that were made (an HTML heading is left alone)."""
    if not renames:
        return text, []
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINE_RE.findall(text[len(bom) :])
    done = []
    for item in renames:
        if not 0 < item.line <= len(lines):
            continue
        line = lines[item.line - 1]
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        is_atx = body.lstrip(" ").startswith("#")
        match = (_ATX_LINE_RE if is_atx else _SETEXT_LINE_RE).match(body)
        if match is None or match.group(2).lstrip().startswith("<"):
            continue
        lines[item.line - 1] = f"{match.group(1)}{item.title}{match.group(3)}{ending}"
        done.append(item)
    return bom + "".join(lines), done


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
        if insertion.tight:
            lines[index:index] = [line + newline for line in block]
            continue
        if index > 0 and lines[index - 1].strip():
            block.insert(0, "")  # a blank line between the previous text and the new heading
        while block and not block[-1] and (index >= len(lines) or not lines[index].strip()):
            block.pop()  # the following blank line already separates
        if index < len(lines) and lines[index].strip() and (not block or block[-1]):
            block.append("")
        lines[index:index] = [line + newline for line in block]
    return bom + "".join(lines)
