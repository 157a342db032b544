"""Keep a page's list and quote nesting within what Python-Markdown can render.

Python-Markdown parses nested blocks recursively: a list nested about 250 levels deep (by
indentation), admonitions about 330 deep, or a line of about 500 list markers (`- - - ... x`) raise
RecursionError inside `markdown.convert`, before any plugin hook sees the HTML, and MkDocs stops
with a traceback. The plugin flattens such pages before they are rendered, and `mkdocs-spec check`
reads the same flattened text, so both judge the page alike. Real pages stay far below the bound;
a page above it is hostile or generated, and its author gets a warning naming the file.
"""

from __future__ import annotations

import re

# Levels of nesting (4 columns of indentation, or one list or quote marker, per level) kept as
# written. Python-Markdown breaks at about 250 under MkDocs' own call stack (measured with
# Python's default recursion limit of 1000); 100 leaves room for themes and other extensions.
MAX_DEPTH = 100
_TAB = 4

# A line can only nest deeper than MAX_DEPTH if more than MAX_DEPTH of its first characters are
# indentation or container markers (each level takes at least one character): one C-level scan
# rules out every ordinary page. The first line, then every line after a newline: a pattern that
# starts with a newline lets the scan jump from one to the next, where `^` in MULTILINE mode is
# tried at every character (six times slower).
_SUSPECT = rf"[ \t>*+\-0-9.]{{{MAX_DEPTH + 1}}}"
_SUSPECT_FIRST_RE = re.compile(_SUSPECT)
_SUSPECT_NEXT_RE = re.compile("\n" + _SUSPECT)
_MARKER_RE = re.compile(r"(?:[*+-]|\d+\.)[ \t]+|>[ \t]*")


def _flatten_line(line: str, bound: int) -> str:
    rest = line.lstrip(" \t")
    leading = line[: len(line) - len(rest)]
    columns = len(leading.expandtabs(_TAB)) if "\t" in leading else len(leading)
    if columns > bound * _TAB:
        columns = bound * _TAB + columns % _TAB
        leading = " " * columns
    allowed = bound - columns // _TAB
    position = 0
    kept_end = 0
    count = 0
    while True:  # one pass over the markers: linear in the line's length
        match = _MARKER_RE.match(rest, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        count += 1
        if count <= allowed:
            kept_end = position
    if count > allowed:
        rest = rest[:kept_end] + rest[position:]
    return leading + rest


def flatten(markdown: str, bound: int = MAX_DEPTH) -> tuple[str, int]:
    """The Markdown with every line nested deeper than `bound` levels brought back to `bound`
    (indentation cut to `bound` tab stops, surplus list and quote markers dropped), and how many
    lines changed. Lines are never added or removed, so line numbers stay valid; a page within the
    bound comes back as the very same string. Code lines are not told apart: one indented more
    than 400 columns is cut back too (the page is warned about either way)."""
    if bound == MAX_DEPTH:
        if _SUSPECT_FIRST_RE.match(markdown) is None and _SUSPECT_NEXT_RE.search(markdown) is None:
            return markdown, 0
    lines = markdown.split("\n")
    changed = 0
    for index, line in enumerate(lines):
        if len(line) <= bound:
            continue
        flat = _flatten_line(line, bound)
        if flat != line:
            lines[index] = flat
            changed += 1
    return ("\n".join(lines), changed) if changed else (markdown, 0)


def warning(changed: int, bound: int = MAX_DEPTH) -> str:
    """What the author is told about a flattened page (the caller adds the file name)."""
    noun = "line" if changed == 1 else "lines"
    return (
        f"lists or quotes nested deeper than {bound} levels ({changed} {noun}); "
        f"rendered and judged flattened to {bound} levels"
    )
