"""Read a page's sections from its Markdown source, without rendering it.

This is the fast reader used by `mkdocs-spec check`. It follows Python-Markdown's block rules (and
those of the extensions a site enables) closely enough to see the same headings and the same
visible text as a reader of the built page; `html_reader` reads the built page, and tests hold the
two to the same verdicts.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, Optional

from .html_reader import read_html
from .model import Heading, Section
from .profile import (
    BLOCK_TAGS,
    EMBED_WORD,
    INVISIBLE_TAGS,
    TAB_LENGTH,
    VOID_BLOCK_TAGS,
    MarkdownProfile,
)
from .text import (
    InlineText,
    collapse,
    inline_text,
    label_key,
    read_inline,
)

_FENCE_RE = re.compile(r"^(`{3,}|~{3,})(.*)$")
# superfences' opener, as its preprocessor matches it after the line's prefix of spaces and `>`:
# a language, then `{attrs}`, options (`key="value"`) or, not a fence then, anything else.
_SUPERFENCE_RE = re.compile(
    r"""(`{3,}|~{3,})(?:[ ]*\.?[\w#.+-]+(?=[ ]|$))?"""
    r"""(?:[ ]*\{[^\n]*\}|((?:[ ]*[a-zA-Z][a-zA-Z0-9_]*(?:=("|').*?\3)?(?=[ ]|$))+)"""
    r"""|((?:[ ]*[^\s]+(?=[ ]|$))+))?[ ]*$"""
)
_SUPERFENCE_OPTION_RE = re.compile(r"""([a-zA-Z][a-zA-Z0-9_]*)(?:=("|')(.*?)\2)?""")
# The options superfences' highlighter takes (with a value); any other makes the line no fence.
_HIGHLIGHT_OPTIONS = frozenset({"hl_lines", "linenums", "title", "title_mode"})
_FENCE_TITLE_RE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")  # superfences' file name
# What Python-Markdown's own fenced_code accepts after the fence: `{attrs}` or a language and
# `hl_lines`. Anything else (`title="x"`, `linenums="1"`) and the line opens no fence.
_PLAIN_FENCE_INFO_RE = re.compile(
    r"""^[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=("|').*?\1[ ]*)?)$"""
)
_ATX_RE = re.compile(r"^(#{1,6})(.*?)#*\s*$")
# Python-Markdown's SetextHeaderProcessor: a block's first line, then an underline at column 0.
_SETEXT_RE = re.compile(r"^[=-]+[ ]*$")
_HR_RE = re.compile(r"^(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})\s*$")
_LIST_RE = re.compile(r"^(?:[*+-]|\d+\.)[ \t]+(.*)$")
_QUOTE_RE = re.compile(r"^>[ ]?")
# Python-Markdown's ReferenceProcessor: a label, a URL and an optional title, nothing else on the
# line (`[^1]: a note` is a paragraph without the footnotes extension).
_REFDEF_RE = re.compile(r"""^\[([^\[\]]*)\]:[ ]*(\S+)[ ]*(?:(["'])(.*)\3[ ]*|\((.*)\)[ ]*)?$""")
_REFDEF_LINE_RE = re.compile(r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*\S", re.MULTILINE)
_FOOTNOTE_DEF_RE = re.compile(r"^\[\^[^\]]+\]:")
_ABBR_DEF_RE = re.compile(r"^\*\[[^\]]+\]:")
_ADMONITION_RE = re.compile(r'^(?:!!!|\?\?\?\+?) ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
_ITEM_START_RE = re.compile(r"(?:[*+-]|\d+\.)[ \t]")
_TAB_RE = re.compile(r'^===\+?!? +"(.*?)" *$')
_RAW_OPEN_RE = re.compile(r"^<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)([^>]*)>?")
_CLOSE_TAG_RE = re.compile(r"^</([a-zA-Z][a-zA-Z0-9-]*)\s*>$")
_HTML_HEADING_RE = re.compile(r"^<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>\s*$", re.IGNORECASE)
# md_in_html's `markdown` attribute: bare, or `"1"`, `"span"` or `"block"`, makes it read a tag's
# content as Markdown (`"0"`, or anything else, leaves it raw).
_MARKDOWN_ON_RE = re.compile(
    r"""\smarkdown(?:\s*=\s*(?:(["'])(?:1|span|block)\1|1|span|block))?(?=[\s/]|$)"""
)
_ATTR_LIST_RE = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")
_BLOCK_ATTR_RE = re.compile(r"^\{:?[ ]*[#.][^}\n]*\}[ ]*$")
_TABLE_SEPARATOR_RE = re.compile(r"^[|:\- ]*-[|:\- ]*$")


def _indent(line: str) -> int:
    """The column of a line's first character, tabs to the next multiple of 4. Counted with string
    methods, not char by char: a page nested thousands of levels deep has lines of thousands of
    spaces, and a Python loop over them made reading it take seconds."""
    rest = line.lstrip(" \t")
    leading = line[: len(line) - len(rest)]
    return len(leading.expandtabs(TAB_LENGTH)) if "\t" in leading else len(leading)


def _dedent(line: str, columns: int) -> str:
    """Remove up to `columns` columns of leading whitespace."""
    line = line.expandtabs(TAB_LENGTH) if "\t" in line[: columns + 1] else line
    spaces = len(line) - len(line.lstrip(" "))  # not char by char: see _indent
    return line[min(spaces, columns) :]


def _cells(row: str) -> list[str]:
    """The cells of a table row, border pipes removed (escaped pipes are not separators)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


def _unquote(line: str, quotes: int) -> str | None:
    """A line with `quotes` levels of `>` removed; None when it is not quoted that deep."""
    for _ in range(quotes):
        stripped = line.lstrip()
        if not stripped.startswith(">"):
            return None
        line = _QUOTE_RE.sub("", stripped, count=1)
    return line


def reference_labels(body: str, footnotes: bool = False) -> frozenset[str]:
    """The labels that the reference definitions of a text define, folded as they are compared:
    `[label]` with one of these is a link (its text is what the reader sees), not a placeholder.
    With `footnotes`, a footnote definition `[^1]:` adds `^1`: `[^1]` is then a reference."""
    if "]:" not in body:
        return frozenset()
    found = set()
    for match in _REFDEF_LINE_RE.finditer(body):
        line_end = body.find("\n", match.start())
        line = body[match.start() : line_end if line_end >= 0 else len(body)].strip()
        if (
            _REFDEF_RE.match(line) or (footnotes and _FOOTNOTE_DEF_RE.match(line))
        ) and not _underlined(body, match.start(), line_end):
            found.add(label_key(match.group(1)))
    return frozenset(found)


def _underlined(body: str, start: int, end: int) -> bool:
    """Whether the definition line of `body` from `start` to `end` is a setext heading: it starts
    a block (after a blank line, a heading or a rule: not after another definition, which takes
    the line with it) and a setext underline follows it. Python-Markdown tries setext headings
    before it takes definitions out, so the heading shows the line as written, defining nothing."""
    if end < 0:
        return False
    after = body.find("\n", end + 1)
    underline = body[end + 1 : after if after >= 0 else len(body)]
    if not _SETEXT_RE.match(underline):
        return False
    if start == 0:
        return True
    before = body[body.rfind("\n", 0, start - 1) + 1 : start - 1].strip()
    return not before or before[0] == "#" or _HR_RE.match(before) is not None


@dataclass
class _Block:
    """Where a line stands in the block Python-Markdown would split it into: Python-Markdown cuts
    the text at blank lines first, so a blank line resets all of this at once (`blank`); a line
    that is a block of its own (a heading, a rule, raw HTML) ends the block before it (`split`)."""

    start: bool = True  # the next text line starts a block (for setext headings and tables)
    paragraph: bool = False  # the previous line was paragraph text
    item_indent: int | None = None  # indent of the list item whose first block is open
    # The block holds a list item's marker line: Python-Markdown splits headings and rules out of
    # such a block before it reads the list, and every other line of it belongs to the list.
    listed: bool = False
    table: int | None = None  # base indent of the table whose rows are being read
    code_chunk: bool = False  # the lines since the last blank one began with indented code
    # A block that starts inside a list item is taken into it with the item's indent taken off
    # each line that has that much: `detab` is that indent (0: none); `fresh` until it is known.
    detab: int = 0
    fresh: bool = True
    # How many containers were open where a block quote started in this block: the quote takes
    # the rest of the block (its unquoted, lazy lines too), up to a heading or a rule there.
    quoted: int | None = None
    # A rule, a setext heading or a definition was taken out of the block above the line: the
    # block is what is left of one that Python-Markdown searched for `#` headings (its hash
    # header rule runs before those, on the whole block) and tried tables on at its first line.
    searched: bool = False
    # A definition was taken out of the block above the line, since the last rule or `#` heading:
    # Python-Markdown split rules out of that block (its rule for them runs before definitions
    # are taken, on the whole block), so a `---` there is one, even under a line of text.
    ruled: bool = False
    # The open item's first line is a heading and the line after it is indented to the item's
    # content: Python-Markdown cuts the heading out of the item's text and reads the rest as a
    # block of the item, detabbed, where a `#` line is a heading after paragraph text too.
    headed: bool = False
    # The block holds a footnote's definition: the footnotes extension takes the block's lines
    # after it into the note (`_FootnoteText`).
    noted: bool = False

    def blank(self) -> None:
        self.start = True  # not `split()`: a third of a page's lines are blank
        self.paragraph = False
        self.item_indent = None
        self.listed = False
        self.table = None
        self.code_chunk = False
        self.detab = 0
        self.fresh = True
        self.quoted = None
        self.searched = False
        self.ruled = False
        self.headed = False
        self.noted = False

    def within(self, column: int) -> int:
        """The indent of a line written `column` in: one less indented than the item that took
        the block keeps its indent in the item's text, where the others lost the item's (as
        Python-Markdown's loose detab does), so it stands that far in from the item's content."""
        return column + self.detab if column < self.detab else column

    def split(self) -> None:
        self.start = True
        self.paragraph = False
        self.searched = False

    def cut(self) -> None:
        """A line that a rule tried before block quotes (a heading, a rule, an admonition) or a
        pass over the raw text (HTML, comments, fences) takes out: it ends a quote there too."""
        self.split()
        self.quoted = None
        self.ruled = False

    def text(self) -> None:
        """A line of paragraph text was read."""
        self.paragraph = True
        self.start = False


class _Line:
    """The non-blank line being read, as the rules see it: `base` is the content indent of the
    innermost open list item or admonition (0 at the margin), `indent` the line's in the same
    columns (`_Block.within`), `column` its indent as written (what the passes over the raw text
    see: fences, HTML). One object per page, refilled for each line (`at`), as allocating one per
    line cost a tenth of the reading time: no rule keeps it past its `run`."""

    __slots__ = ("base", "column", "content", "indent", "index", "number", "text")
    index: int
    number: int
    text: str
    content: str
    indent: int
    base: int
    column: int

    def at(self, index: int, number: int, text: str, indent: int, base: int, column: int) -> _Line:
        self.index = index
        self.number = number
        self.text = text
        self.content = text.strip()
        self.indent = indent
        self.base = base
        self.column = column
        return self


class _Where(NamedTuple):
    """What decides which rules a line is tried on, before any rule looks at it."""

    first: str  # the line's first character
    start: bool  # it starts a block (`_Block.start`)
    table: bool  # a table is open
    code: bool  # it is indented 4 more than its container, outside a paragraph
    note: bool  # a footnote's definition takes the lines after it (`_Scanner.footnote`)


class _Rule:
    """A block rule, in the shape of Python-Markdown's `BlockProcessor`: `test` is a cheap check
    that the rule may apply, `run` reads the line and says whether it did (False: the next rule
    is tried, as a processor's `run` returning False makes Python-Markdown go on). `fits` rules a
    rule out from what every line shares (`_Where`), once per kind of line, not per line."""

    starts: str | None = None  # the first characters of the lines it can read; None: any

    def enabled(self, profile: MarkdownProfile) -> bool:
        return True

    def fits(self, where: _Where) -> bool:
        return self.starts is None or where.first in self.starts

    def test(self, s: _Scanner, line: _Line) -> bool:
        return True

    def run(self, s: _Scanner, line: _Line) -> bool:
        raise NotImplementedError


class _FootnoteText(_Rule):
    """The lines a footnote's definition takes: the footnotes extension (tried after headings,
    rules, lists and quotes, before paragraphs) puts the rest of the definition's block into the
    note and, at the page's level, each block after it that starts indented 4 columns, one blank
    line after the block before (a definition's line in one starts a note of its own there).
    What the note holds shows at the page's foot, in no section. A heading, a rule, a quote, an
    admonition or a tab line in the definition's block was cut out of it before (as was a list's
    next item in a list's block); raw HTML is taken out of the text before blocks are read.
    These, or a block not taken, end the note, and the line is read as usual."""

    def fits(self, where: _Where) -> bool:
        return where.note

    def run(self, s: _Scanner, line: _Line) -> bool:
        block = s.block
        content = line.content
        first = content[0]
        if first == "<" and s.breaks_out(line.index, content, line.column):
            return s.end_note()
        if block.noted:
            if line.base < s.footnote or self.cut(s, line):
                return s.end_note()
        elif block.start:
            # Only at the page's level (a container's blocks are read one at a time), and after
            # one blank line: Python-Markdown splits the text at `\n\n`, so after two the block
            # starts with a newline, not with the indent the extension looks for.
            index = line.index
            if (
                s.footnote  # the note's base: 0 at the page's level, below any container left open
                or line.column < TAB_LENGTH
                or not s.lines[index - 2].strip()
            ):
                return s.end_note()
            block.start = False  # an indented block: the note's whole
        elif first == "[" and line.indent - line.base < TAB_LENGTH and s.is_definition(content):
            block.noted = True  # a note of its own: what follows is read as its block's rest
        if s.profile.superfences and first in "`~" and s.fences.is_closed(line.index, first):
            s.resume = s.fences.end + 1  # the fence's placeholder is a line of the note
        elif not s.profile.superfences and first in "`~" and _FENCED_CODE.opener(s, line):
            return s.end_note()  # fenced_code puts blank lines around its placeholder
        return True

    def cut(self, s: _Scanner, line: _Line) -> bool:
        """Whether a processor tried before footnotes cuts the line out of the definition's
        block: a `#` heading or an admonition at the block's margin, a rule or a quote within
        3 columns of it, a list's next item in a list's block."""
        content, inside = line.content, line.indent - s.footnote  # in from the note's margin
        first = content[0]
        if first == "#":
            return inside == 0 and _ATX_RE.match(content) is not None
        if first in "!?" and s.profile.admonition:
            return inside == 0 and _ADMONITION_RE.match(content) is not None
        if first == "=" and s.profile.tabbed:
            return inside == 0 and _TAB_RE.match(content) is not None
        if inside >= TAB_LENGTH:
            return False
        return (
            first == ">"
            or (first in "-_*" and _HR_RE.match(content) is not None)
            or (s.block.listed and _ITEM_START_RE.match(content) is not None)
        )


class _TableRow(_Rule):
    """A line of an open table is a row, whatever it looks like (`## Title` too). Comments, raw
    HTML and fenced_code's fences are taken out before tables are read, and admonitions and tabs
    are tried first: they end a table, as does a line outside the table's container. Below a
    rule, a setext heading or a definition in the same block, a `#` heading ends it too: headings
    are split out of that block first (`_Block.searched`). A superfences fence leaves a
    placeholder in the table's block, which goes on after it."""

    def fits(self, where: _Where) -> bool:
        return where.table

    def run(self, s: _Scanner, line: _Line) -> bool:
        first = line.content[0]
        table = s.block.table
        if table == line.base:
            if first in "`~" and _FENCED_CODE.opener(s, line):
                if s.profile.superfences and _FENCED_CODE.run(s, line):
                    s.block.table = table
                    return True
            elif not (
                (first == "<" and s.breaks_out(line.index, line.content, line.column))
                or (
                    first == "#"
                    and s.block.searched
                    and line.indent == line.base
                    and _ATX_RE.match(line.content)
                )
                or (s.profile.admonition and first in "!?" and _ADMONITION_RE.match(line.content))
                or (s.profile.tabbed and first == "=" and _TAB_RE.match(line.content))
            ):
                s.inline(line.content)
                return True
        s.block.table = None
        return False


class _IndentedCode(_Rule):
    """Four columns in from its container, outside a paragraph: code, shown verbatim."""

    def fits(self, where: _Where) -> bool:
        return where.code

    def run(self, s: _Scanner, line: _Line) -> bool:
        s.text(collapse(_dedent(line.text, line.base + TAB_LENGTH)))
        s.block.start = True  # an unindented line after it starts a block of its own
        s.block.code_chunk = s.block.code_chunk or not s.containers
        return True


class _FencedCode(_Rule):
    starts = "`~"

    def opener(self, s: _Scanner, line: _Line) -> re.Match[str] | None:
        """The line's fence marker and info when it opens a fence that the page closes."""
        match = _FENCE_RE.match(line.content)
        if not match or (match.group(1)[0] == "`" and "`" in match.group(2)):
            return None
        # Without superfences, fenced_code finds fences in the raw text: at the margin only, but
        # whatever block (a list item's, say) the line would otherwise belong to.
        if not s.profile.superfences and (
            line.column > 0 or not _PLAIN_FENCE_INFO_RE.match(match.group(2))
        ):
            return None
        if line.index <= s.fences.blind:
            return None
        if not s.fences.is_closed(line.index, match.group(1)):
            return None
        return match

    def run(self, s: _Scanner, line: _Line) -> bool:
        match = self.opener(s, line)
        if match is None:
            return False
        if not s.profile.superfences:  # ... and a blank line before it, which ends any list
            s.containers.clear()
            s.lazy.clear()
            s.block.item_indent = None
        elif s.block.code_chunk:
            # superfences puts a fence back as plain text when it sits in the same block as an
            # indented code block before it: its lines are then read as ordinary Markdown.
            s.fences.blind = s.fences.end
            return False
        s.fence_opened = (len(s.sections[-1].lines), s.number, s.block.start)
        s.block.paragraph = False
        s.fence_title(match.group(2))
        s.fence_body(line.index, line.column)
        return True


class _TableStart(_Rule):
    """A block whose first line has cells and whose second is a matching separator is a table
    (Python-Markdown's tables extension tries this before headings)."""

    def enabled(self, profile: MarkdownProfile) -> bool:
        return profile.tables

    def fits(self, where: _Where) -> bool:
        return where.start

    def test(self, s: _Scanner, line: _Line) -> bool:
        return "|" in line.content and line.index + 1 < len(s.lines)

    def run(self, s: _Scanner, line: _Line) -> bool:
        separator = s.lines[line.index + 1].strip()
        if not _TABLE_SEPARATOR_RE.match(separator):
            return False
        cells = len(_cells(line.content))
        if cells < 2 or len(_cells(separator)) != cells:
            return False
        s.block.table = line.base
        s.block.start = False
        s.block.paragraph = False
        s.inline(line.content)
        return True


class _Comment(_Rule):
    starts = "<"

    def test(self, s: _Scanner, line: _Line) -> bool:
        return line.content.startswith("<!--")

    def run(self, s: _Scanner, line: _Line) -> bool:
        if "-->" in line.content[4:]:
            s.block.cut()
            s.after_comment(line.content[4:], line.number)
            return True
        # A comment never closed is text in Python-Markdown (`&lt;!--`), not the page's end.
        if line.index < s.last_comment_end:
            s.block.cut()
            s.comment = True
            return True
        return False


class _AtxHeading(_Rule):
    starts = "#"

    def test(self, s: _Scanner, line: _Line) -> bool:
        # Lines that continue a list item's first paragraph keep their indent in Python-Markdown,
        # so `- item` then `    ## Title` is text of the item, not a heading.
        # A lazy line indented less than its container, but not at a tab stop, keeps some of its
        # indent when Python-Markdown takes the container's indent off: `#` is not first then.
        # The lines of a list's own block keep their indent: `- item` then `    ## Title` is
        # text of the item's paragraph, not a heading (unless the rest of the text is read as
        # a block of its own after a heading: `headed`).
        listed = s.block.listed and s.block.paragraph and s.containers and not s.block.headed
        limit = line.base - TAB_LENGTH if listed else line.base
        return line.indent <= limit and line.indent % TAB_LENGTH == 0

    def run(self, s: _Scanner, line: _Line) -> bool:
        match = _ATX_RE.match(line.content)
        if match is None:
            return False
        s.heading(len(match.group(1)), match.group(2), line.number)
        s.block.quoted = None  # tried before block quotes: the heading is cut out of theirs
        s.block.ruled = False  # tried before rules: what follows is a block of its own
        return True


class _RawHtml(_Rule):
    starts = "<"

    def test(self, s: _Scanner, line: _Line) -> bool:
        return not s.containers and line.indent < TAB_LENGTH

    def run(self, s: _Scanner, line: _Line) -> bool:
        heading = _HTML_HEADING_RE.match(line.content)
        if heading:
            # Raw HTML is shown as written, unless md_in_html reads the heading's content (a
            # `<h2 markdown>` at the margin or in a `<div markdown>`: not in a raw block).
            attributes = heading.group(2)
            markdown = s.profile.md_in_html and attributes and _MARKDOWN_ON_RE.search(attributes)
            s.heading(int(heading.group(1)), heading.group(3), line.number, raw=not markdown)
            return True
        if s.closes_wrapper(line.content):
            # md_in_html's closing tag: invisible, and what follows starts a block of its own
            # (`Title` then `---` there is a heading, `</div>` then `---` a rule).
            s.wrappers.pop()
            s.block.cut()
            return True
        match = _RAW_OPEN_RE.match(line.content)
        if not match or match.group(1).lower() not in BLOCK_TAGS:
            return False
        tag = match.group(1).lower()
        s.block.cut()
        if s.profile.md_in_html and _MARKDOWN_ON_RE.search(match.group(2)):
            # The wrapper lines are invisible; what is inside is ordinary Markdown.
            if f"</{tag}" not in line.content.lower():
                s.wrappers.append(tag)
            return True
        s.raw_line(line.content, tag, 0, tag not in INVISIBLE_TAGS)
        return True


class _Container(_Rule):
    """A line that opens a block whose body is indented under it, and shows a title: an
    admonition (`!!! note "Title"`) or a tab (`=== "Tab"`). Its body takes no lazy lines."""

    pattern: re.Pattern[str]

    def title(self, match: re.Match[str]) -> str:
        raise NotImplementedError

    def run(self, s: _Scanner, line: _Line) -> bool:
        match = self.pattern.match(line.content)
        if match is None:
            return False
        s.text(self.title(match))
        s.open_container(line.indent + TAB_LENGTH, lazy=False)
        s.block.cut()
        s.block.item_indent = None
        s.block.code_chunk = False  # tried before code blocks, it splits the block here
        return True


class _Admonition(_Container):
    starts = "!?"
    pattern = _ADMONITION_RE

    def enabled(self, profile: MarkdownProfile) -> bool:
        return profile.admonition

    def title(self, match: re.Match[str]) -> str:
        kind, title = match.group(1), match.group(2)
        return inline_text(title) if title is not None else kind.split()[0].capitalize()


class _Tabbed(_Container):
    starts = "="
    pattern = _TAB_RE

    def enabled(self, profile: MarkdownProfile) -> bool:
        return profile.tabbed

    def title(self, match: re.Match[str]) -> str:
        return inline_text(match.group(1))


class _Setext(_Rule):
    """A block's first line over an underline is a heading, whatever the line looks like: a
    list item or a quote (`- item` over `---`) too, since Python-Markdown tries this rule
    before those. The underline must start at the block's own indent; one indented further is
    a rule (up to 3 spaces) or paragraph text."""

    def fits(self, where: _Where) -> bool:
        return where.start

    def test(self, s: _Scanner, line: _Line) -> bool:
        return line.index + 1 < len(s.lines)

    def run(self, s: _Scanner, line: _Line) -> bool:
        index = line.index
        underline = s.lines[index + 1]
        at = s.block.within(_indent(underline))
        # In a list item, Python-Markdown takes an unindented underline into the item's block.
        if at != line.base and not (s.lazy and s.lazy[-1] and at < line.base):
            return False
        if not _SETEXT_RE.match(underline.lstrip(" \t")):
            return False
        # ... unless it is also a rule and rules were split out of the block before: a list's
        # own block (an underline less indented than the item), one with a definition above
        # (`_Block.ruled`), one a quote above takes lazily. `--` and `===` still make a heading,
        # unless both lines are link definitions: Python-Markdown takes the definitions on the
        # lines right after one with it.
        underline = underline.strip()
        block = s.block
        if _HR_RE.match(underline) and (
            (at < line.base and block.listed) or block.ruled or block.quoted is not None
        ):
            return False
        if (
            index
            and _REFDEF_RE.match(line.content)
            and _REFDEF_RE.match(s.lines[index - 1].strip())
        ):
            return False
        s.setext(index, line.content, line.number)
        s.block.searched = True
        return True


class _HorizontalRule(_Rule):
    starts = "-_*"

    def run(self, s: _Scanner, line: _Line) -> bool:
        if _HR_RE.match(line.content) is None:
            return False
        s.block.cut()
        s.block.searched = True
        return True


class _ReferenceDefinition(_Rule):
    """A link reference definition (or a footnote's): it shows nothing."""

    starts = "["

    def test(self, s: _Scanner, line: _Line) -> bool:
        return line.indent - line.base < TAB_LENGTH  # indented 4 more: text of the paragraph

    def run(self, s: _Scanner, line: _Line) -> bool:
        if not s.is_definition(line.content):
            return False
        s.block.split()  # Python-Markdown cuts the block there: what follows starts one
        s.block.searched = s.block.ruled = True
        s.open_note(line.content, min(line.base, line.indent))  # below a container left open
        return True


class _Abbreviation(_Rule):
    starts = "*"

    def enabled(self, profile: MarkdownProfile) -> bool:
        return profile.abbr

    def run(self, s: _Scanner, line: _Line) -> bool:
        if _ABBR_DEF_RE.match(line.content) is None:
            return False
        s.block.split()  # as a link's definition: what follows starts a block of its own
        s.block.searched = s.block.ruled = True
        return True


class _BlockAttr(_Rule):
    """attr_list reads `{: .class}` only on the last line of a paragraph, below its text; alone,
    or with more text after it, it is text."""

    starts = "{"

    def enabled(self, profile: MarkdownProfile) -> bool:
        return profile.attr_list

    def fits(self, where: _Where) -> bool:
        return where.first == "{" and not where.start

    def run(self, s: _Scanner, line: _Line) -> bool:
        return _BLOCK_ATTR_RE.match(line.content) is not None and s.ends_paragraph(line.index)


class _ListOrQuote(_Rule):
    """List items and block quotes: their first line may itself be a heading."""

    starts = ">*+-0123456789"

    def run(self, s: _Scanner, line: _Line) -> bool:
        depth = len(s.containers)
        inner, item, quotes = self.markers(s, line.content, line.indent)
        if inner is line.content:
            return False
        if quotes and s.block.quoted is None:
            s.block.quoted = len(s.containers)
        if quotes and not item and s.quoted_fence(inner, quotes, line.index):
            return True
        if quotes and not item and not inner:
            # A quote line with nothing after its `>`: in the quote's text it is a blank line
            # (or, first, one that Python-Markdown's empty-block rule drops), so the next line,
            # quoted or lazy, starts a block of the quote: `    code` there is code (a fence
            # after it in the block is put back as text), `- ## x` an item. Not a block of the
            # page: a lazy `---` under the next line is still a rule, cut out of the page's block
            # before the quote is read.
            s.block.paragraph = False
            s.block.start = False
            s.block.code_chunk = False
            s.block.table = None
            return True
        if item and inner[:1] == "[" and s.is_definition(inner):
            # Python-Markdown reads an item's text as blocks: a definition there shows nothing.
            s.block.split()
            s.open_note(inner, s.containers[-1])
            return True
        match = _ATX_RE.match(inner) if inner.startswith("#") else None
        if match:
            item_indent = s.block.item_indent
            s.heading(len(match.group(1)), match.group(2), line.number)
            after = line.index + 1
            if len(s.containers) > depth:  # not so for a list item in a quote
                # The rest is still the item's text, cut into items already: a marker a level
                # past the item's is a nested item there, one further is text.
                s.block.item_indent = item_indent
                s.block.headed = (
                    after < len(s.lines) and _indent(s.lines[after]) >= s.containers[-1]
                )
        else:
            s.inline(inner)
            s.block.text()
        return True

    def markers(self, s: _Scanner, content: str, indent: int) -> tuple[str, bool, int]:
        """A line with its leading list markers and `>` taken off (opening the list item it
        starts), whether it starts an item, and how many levels of quote it is in."""
        inner = content
        item = False
        quotes = 0
        while True:
            if inner.startswith(">"):
                inner = _QUOTE_RE.sub("", inner, count=1).lstrip()
                quotes += 1
                continue
            match = _LIST_RE.match(inner)
            # An item whose text starts with another marker (`- 1. Step`, `- - x`) holds a
            # nested list: Python-Markdown shows neither marker. Read as text, the `1` was a word
            # of the author's and made an unfinished section complete.
            if match is None or (not item and not self.opens_item(s, indent, quotes)):
                break
            item = True
            inner = match.group(1)
        return inner, item, quotes

    def opens_item(self, s: _Scanner, indent: int, quotes: int) -> bool:
        """Whether a list marker indented `indent` opens an item (its container is opened)."""
        block = s.block
        if block.paragraph and not block.listed:
            return False  # a list cannot interrupt a paragraph: `- x` there is its text
        if quotes or (block.quoted is not None and not block.listed):
            # A list in a quote: the quote ends at a blank line, and it with it. (A list's own
            # block is cut into items first: a marker there starts one, out of any quote.)
            return True
        if block.item_indent is not None and indent >= s.containers[-1] + TAB_LENGTH:
            # In an item's first block, Python-Markdown takes a marker indented a level (4 to 7
            # columns) past the item's for a nested item; one further is text.
            return False
        # Python-Markdown nests by whole tabs: an item's content sits at the next multiple of 4
        # columns, whatever the marker's own indent (`   - Task` is not nested).
        s.open_container((indent // TAB_LENGTH + 1) * TAB_LENGTH, lazy=True)
        block.item_indent = indent
        block.listed = True
        block.headed = False
        return True


class _Paragraph(_Rule):
    def run(self, s: _Scanner, line: _Line) -> bool:
        s.paragraph_line(line.content)
        return True


_FENCED_CODE = _FencedCode()

# Tried in this order on every line, as Python-Markdown's block parser tries its processors (with
# the extensions' own inserted where they insert them).
_RULES: tuple[_Rule, ...] = (
    _FootnoteText(),
    _TableRow(),
    _IndentedCode(),
    _FENCED_CODE,
    _TableStart(),
    _Comment(),
    _AtxHeading(),
    _RawHtml(),
    _Admonition(),
    _Tabbed(),
    _Setext(),
    _HorizontalRule(),
    _ReferenceDefinition(),
    _Abbreviation(),
    _BlockAttr(),
    _ListOrQuote(),
    _Paragraph(),
)


_Step = Callable[["_Scanner", _Line], bool]
_Steps = tuple[tuple[Optional[_Step], _Step], ...]
# Per profile, per kind of line (a `_Where`): the (test, run) steps of the rules that can read it,
# test None where a rule has no test of its own. Most lines are tried on two or three rules.
_DISPATCH: dict[MarkdownProfile, dict[tuple[str, bool, bool, bool, bool], _Steps]] = {}


def _steps(profile: MarkdownProfile, where: _Where) -> _Steps:
    return tuple(
        (rule.test if type(rule).test is not _Rule.test else None, rule.run)
        for rule in _RULES
        if rule.enabled(profile) and rule.fits(where)
    )


class _Fences:
    """Which fences of a page are closed. Python-Markdown renders a fence only when it is closed;
    otherwise it is plain text."""

    def __init__(self, lines: list[str], superfences: bool) -> None:
        self.lines = lines
        self.superfences = superfences
        self.blind = -1  # a fence put back as text (`_FencedCode.run`) opens none up to here
        self.end = -1  # the line that closes the fence `is_closed` just found
        self.closers: dict[tuple[str, int], list[int]] | None = None  # see next_closer
        self.regions: dict[int, tuple[int, int]] | None = None  # see _superfences_regions

    def is_closed(self, index: int, marker: str, quotes: int = 0) -> bool:
        """Whether the fence opened on line `index` (inside `quotes` levels of block quote) is
        closed: with superfences, whether its pass over the raw text made a fence of it."""
        if not self.superfences:
            return self.next_closer(index, marker)
        if self.regions is None:
            self.regions = _superfences_regions(self.lines)
        region = self.regions.get(index)
        if region is None or (region[1] > 0) != (quotes > 0):
            return False
        self.end = region[0]
        return True

    def next_closer(self, index: int, marker: str) -> bool:
        """Whether a closing line at the margin follows line `index`: the answer from an index of
        closing lines built once, not a scan to the end of the page per opener (thousands of
        unclosed fences made that quadratic)."""
        if self.closers is None:
            self.closers = {}
            starts = ("```", "~~~")
            for at in [at for at, line in enumerate(self.lines) if line[:3] in starts]:
                bare = self.lines[at].rstrip(" \t")
                # What `closes` accepts at column 0: one fence character, 3 or more times.
                if bare == bare[0] * len(bare):
                    self.closers.setdefault((bare[0], len(bare)), []).append(at)
        found = self.closers.get((marker[0], len(marker)), [])
        at = bisect.bisect_right(found, index)
        if at == len(found):
            return False
        self.end = found[at]
        return True


def _superfences_regions(lines: list[str]) -> dict[int, tuple[int, int]]:
    """The fences superfences finds, as its preprocessor does before any block is read: one pass
    over the raw lines (tabs expanded, blank lines emptied), each opener's prefix of spaces and
    `>` kept as its `ws`. A content line with less of that prefix (or a deeper quote, or a quote
    where there was none) abandons the fence, and the line that did is not tried as an opener:
    an unclosed opener hides the fences after it up to there. Opener line -> (closing line,
    quote level). Openers are found by a search of the text (in C), and the lines of an open
    fence are walked once: each line is looked at once at most."""
    regions: dict[int, tuple[int, int]] = {}
    text = "\n".join(lines)
    tabless = "\t" not in text
    index = position = 0
    taken = -1  # lines up to this one belong to a fence, closed or abandoned
    # The lines that may open a fence (``` or ~~~ after spaces and `>` only) are found with
    # `str.find`, in order: a regex anchored at each line scanned the text several times slower.
    ticks, tildes = text.find("```"), text.find("~~~")
    while ticks >= 0 or tildes >= 0:
        hit = ticks if tildes < 0 or 0 <= ticks < tildes else tildes
        start = text.rfind("\n", 0, hit) + 1
        after = text.find("\n", hit)
        after = len(text) if after < 0 else after
        if 0 <= ticks < after:
            ticks = text.find("```", after)
        if 0 <= tildes < after:
            tildes = text.find("~~~", after)
        if text[start:hit].strip(" >\t"):
            continue
        index += text.count("\n", position, start)
        position = start
        if index <= taken:
            continue
        line = lines[index] if tabless else lines[index].expandtabs(TAB_LENGTH)
        rest = line.lstrip(" >")
        match = _SUPERFENCE_RE.match(rest)
        if match is None or match.group(4) is not None or not _options_ok(match.group(2)):
            continue
        ws_len = len(line) - len(rest)
        quotes = line[:ws_len].count(">")
        taken = len(lines)  # unclosed: the fence takes every line after it
        if not quotes and tabless:
            # Not quoted (most fences): the first line that closes the fence, or is not blank
            # and lacks its indent, found by a search (in C), not line by line in Python.
            stop = _fence_stop(ws_len, match.group(1)).search(text, after + 1)
            if stop is not None:
                at = index + text.count("\n", position, stop.start())
                if stop.group(1) is not None:
                    regions[index] = (at, 0)
                taken = at
                # What follows the stop is searched from its line's end (the stop line, like
                # every line it took, opens nothing).
                index, position = at, stop.start()
                after = stop.end()
                if 0 <= ticks < after:  # -1 stays: none after (no search of the rest again)
                    ticks = text.find("```", after)
                if 0 <= tildes < after:
                    tildes = text.find("~~~", after)
            else:
                break  # unclosed: it takes the rest of the page
            continue
        at, closed = _walk_fence(lines, index, ws_len, quotes, match.group(1))
        if closed:
            regions[index] = (at, quotes)
        taken = at
    return regions


def _walk_fence(
    lines: list[str], index: int, ws_len: int, quotes: int, marker: str
) -> tuple[int, bool]:
    """Where a fence opened on line `index` with a prefix of `ws_len` spaces and `>` (`quotes` of
    them) stops, read line by line (a quoted fence, or a page with tabs): the line, or the page's
    length when none stops it, and whether that line closes the fence (else it abandons it)."""
    end = _fence_end(marker)
    empty = 0
    for at in range(index + 1, len(lines)):
        line = lines[at]
        if "\t" in line:
            line = line.expandtabs(TAB_LENGTH)
        if not line.strip(" "):
            line = ""  # Python-Markdown's NormalizeWhitespace, before superfences
        prefix = len(line) - len(line.lstrip(" >"))
        ws = line[: min(prefix, ws_len)]
        content = line[len(ws) :]
        level = ws.count(">")
        if quotes:
            if level > quotes or (content and (len(ws) < ws_len or (empty and level < quotes))):
                return at, False
            if not content:
                empty += 1
            elif end.match(content):
                return at, True
            else:
                empty = 0
        elif level or (content and len(ws) != ws_len):
            return at, False  # a quoted line in a fence not quoted, or one not indented enough
        elif content and end.match(content) and content[0] != " ":
            return at, True
    return len(lines), False


@functools.lru_cache(maxsize=64)
def _fence_end(marker: str) -> re.Pattern[str]:
    """A line (its quote prefix taken off) that closes a fence opened with `marker`."""
    return re.compile(re.escape(marker) + r"[ ]*$")


@functools.lru_cache(maxsize=64)
def _fence_stop(indent: int, marker: str) -> re.Pattern[str]:
    """Where a fence opened `indent` columns in (not quoted, no tabs) stops: the line that
    closes it (group 1), or the first that is not blank and not indented as far."""
    pad = " " * indent
    return re.compile(rf"^(?:({pad}{re.escape(marker)}[ ]*$)|(?!{pad})(?=[ ]*\S))", re.MULTILINE)


def _options_ok(options: str | None) -> bool:
    """Whether superfences' highlighter takes a fence's options (`title="x"`, `hl_lines="1"`)."""
    if not options:
        return True
    return all(
        m.group(1) in _HIGHLIGHT_OPTIONS and m.group(2) is not None
        for m in _SUPERFENCE_OPTION_RE.finditer(options)
    )


class _Scanner:
    def __init__(
        self,
        lines: list[str],
        first_line: int,
        profile: MarkdownProfile,
        last_comment_end: int,
        labels: frozenset[str] = frozenset(),
    ) -> None:
        self.lines = lines
        self.labels = labels
        self.first_line = first_line
        self.profile = profile
        self.sections: list[Section] = [Section(None, start=first_line)]
        self.block = _Block()
        self.steps = _DISPATCH.setdefault(profile, {})
        self.current = _Line()
        self.containers: list[int] = []  # content indents of open lists/admonitions/tabs
        self.lazy: list[bool] = []  # per container: a list item (True) takes unindented lines
        self.fence_quotes = 0  # an open fence is inside this many `>` levels of quote (0: none)
        self.fence_opened: tuple[int, int, bool] | None = None  # (lines before, line, block start)
        self.fences = _Fences(lines, profile.superfences)
        self.raw: tuple[str, int, bool] | None = None  # (tag, depth, visible)
        self.wrappers: list[str] = []  # the tags of the open md_in_html `<div markdown>` wrappers
        self.comment = False
        # The last line holding `-->`: a comment opened before it is closed (one scan, not one
        # per comment, so hostile pages stay linear).
        self.last_comment_end = last_comment_end
        self.resume = 0  # lines before this index are read already (a fence, a setext underline)
        # The indent of the container of the footnote whose definition takes the lines after it
        # (`_FootnoteText`), or -1.
        self.footnote = -1
        self.number = first_line

    # -- output ---------------------------------------------------------------------------------

    def text(self, value: str, hidden: bool = False) -> None:
        if value:
            section = self.sections[-1]
            if hidden:
                section.hidden_lines.append(len(section.lines))
            section.lines.append(value)

    def inline(self, source: str) -> None:
        self.text(*read_inline(source, self.labels))

    def heading(
        self,
        level: int,
        source: str,
        number: int,
        body: int | None = None,
        raw: bool = False,
        code: bool = False,
    ) -> None:
        """A heading whose title is `source`: inline Markdown, or with `raw` the content of an
        `<hN>` element of raw HTML, which Python-Markdown passes through as written, or with
        `code` the text of a code block, shown as written."""
        source = source.strip()
        if code:
            title, hidden, kept = collapse(source), False, ""
        elif raw:
            title, hidden, kept = _raw_title(level, source)
        else:
            if self.profile.attr_list and "{" in source:
                source = _ATTR_LIST_RE.sub("", source)
            title, hidden = read_inline(source, self.labels)
            kept = InlineText(source, self.labels, keep_unknown=True).text if hidden else ""
        if EMBED_WORD in title:  # an image in a heading is not part of its name (nor in HTML)
            title = collapse(title.replace(EMBED_WORD, ""))
        self.sections[-1].end = number
        heading = Heading(level, title, number, hidden, source, kept)
        self.sections.append(Section(heading, start=body or number + 1))
        self.block.split()
        self.block.item_indent = None

    def setext(self, index: int, source: str, number: int, code: bool = False) -> None:
        """A setext heading of `source` (from line `number`) over the underline after `index`."""
        level = 1 if self.lines[index + 1].lstrip()[0] == "=" else 2
        self.heading(level, source, number, self.first_line + index + 2, code=code)
        self.resume = index + 2

    def open_note(self, content: str, base: int) -> None:
        """A footnote's definition was read: the note takes the lines after it (`_FootnoteText`)."""
        if self.profile.footnotes and content[:2] == "[^" and _FOOTNOTE_DEF_RE.match(content):
            self.footnote = base
            self.block.noted = True

    def end_note(self) -> bool:
        """The note ends before this line, which is read as usual (its rule did not read it)."""
        self.footnote = -1
        self.block.noted = False
        return False

    def open_container(self, indent: int, lazy: bool) -> None:
        self.containers.append(indent)
        self.lazy.append(lazy)

    # -- scanning -------------------------------------------------------------------------------

    def run(self) -> list[Section]:
        for index, line in enumerate(self.lines):
            if index >= self.resume:
                self.line(index, line, self.first_line + index)
        self.sections[-1].end = self.first_line + len(self.lines)
        return self.sections

    def line(self, index: int, line: str, number: int) -> None:
        self.number = number
        if self.fence_quotes:
            self.fenced(line)
        elif self.comment:
            if "-->" in line:
                self.comment = False
                self.block.start = True
                self.after_comment(line, number)
        elif not line:  # a third of a page's lines: tested before anything else
            self.block.blank()
        elif line[:1].isalpha() and self.plain_paragraph(index, line):
            self.paragraph_line(line.strip())
        elif line[:1] == "#" and self.plain_block(index, line):
            self.dispatch(self.current.at(index, number, line, 0, 0, 0), code=False)
        elif not line.strip():
            self.block.blank()
        elif self.raw is not None:
            self.raw_line(line, *self.raw)
        else:
            indent = column = _indent(line)
            block = self.block
            # HTML is taken out of the text before blocks are read: it is in no item's text.
            if column < block.detab and not (
                line.lstrip()[0] == "<" and self.breaks_out(index, line.strip(), column)
            ):
                indent = column + block.detab  # `_Block.within`, inlined on this hot path
            if self.containers and indent < self.containers[-1]:
                self.close_containers(index, line, indent)
            base = self.containers[-1] if self.containers else 0
            if block.fresh:
                # Below a container that stays open, the line is a definition (see
                # `close_containers`): the next line opens the block again.
                block.fresh = bool(self.containers) and indent < self.containers[-1]
                if not block.fresh and self.containers and all(self.lazy):
                    block.detab = base
            code = indent - base >= TAB_LENGTH and not self.block.paragraph
            self.dispatch(self.current.at(index, number, line, indent, base, column), code)

    def dispatch(self, line: _Line, code: bool) -> None:
        block = self.block
        key = (line.content[0], block.start, block.table is not None, code, self.footnote >= 0)
        steps = self.steps.get(key)
        if steps is None:
            if len(self.steps) >= 4000:  # a page of odd first characters cannot grow it forever
                self.steps.clear()
            steps = self.steps[key] = _steps(self.profile, _Where(*key))
        for test, run in steps:
            if (test is None or test(self, line)) and run(self, line):
                return

    def close_containers(self, index: int, line: str, indent: int) -> None:
        """A less indented line closes open lists and admonitions, unless it lazily continues a
        paragraph of a list item: Python-Markdown reads a later block of an item (one indented
        after a blank line) wholly inside the item, `## Title` and `> quote` included. In the
        item's first block, a new item (`- next`) or a `#` heading (tried before lists) ends
        it, and a rule ends the list; any other line there is the item's, lazily, even after a
        heading. Admonitions take no lazy lines: their body ends at the first unindented line."""
        stripped = line.lstrip()
        block = self.block
        # A definition (a link's, a footnote's, an abbreviation's) leaves nothing where it stands:
        # the container before it is still the last thing on the page, and a block indented
        # after it is the container's (an admonition's and a tab's too, which take no lazy line).
        definition = stripped[0] in "[*" and self.is_definition(stripped.rstrip(), abbr=True)
        # Lists alone (the usual case) answer the first test at once.
        all_lazy = (
            definition
            or all(self.lazy)
            or all([lazy for lazy, at in zip(self.lazy, self.containers) if indent < at])
        )
        cuts = (stripped[0] == "<" and self.breaks_out(index, stripped.rstrip(), indent)) or (
            block.listed and indent < TAB_LENGTH and _HR_RE.match(stripped) is not None
        )
        strict = not all_lazy or cuts
        ends_item = block.listed and (
            stripped[0] == "#" or _ITEM_START_RE.match(stripped) is not None
        )
        # A block that starts at a lower indent (after a blank line) is not the container's; any
        # other line is, lazily: it is in the block Python-Markdown reads inside the container.
        if strict or ends_item or (block.fresh and not definition):
            while self.containers and indent < self.containers[-1]:
                self.containers.pop()
                self.lazy.pop()
                block.item_indent = None
            if block.quoted is not None and block.quoted > len(self.containers):
                block.quoted = None  # the quote was in a list item that has ended
        if strict:
            searched, ruled = block.searched, block.ruled
            block.cut()
            block.listed = False  # what follows is a block of its own, not the list's
            if not cuts:  # the end of an admonition's body leaves the rest of its block one
                block.searched, block.ruled = searched, ruled
        elif ends_item:
            block.paragraph = False  # the line is no longer the inner item's paragraph text

    def plain_paragraph(self, index: int, line: str) -> bool:
        """Whether a line that starts with a letter at the margin is paragraph text for sure, so
        the rules need not be tried one by one (most lines of prose). Outside lists, HTML and
        tables, a letter starts no block, unless the line opens a table or a setext heading."""
        if not self.plain_block(index, line):
            return False
        underline = self.lines[index + 1][:1] if index + 1 < len(self.lines) else ""
        return not self.block.start or underline not in ("=", "-")

    def plain_block(self, index: int, line: str) -> bool:
        """Whether a line at the margin needs no container, raw HTML or table handling (as a `#`
        line does not: it is a heading): none is open, and the line starts no table."""
        if self.containers or self.raw is not None or self.block.table is not None:
            return False
        if self.footnote >= 0:
            return False
        return not (self.block.start and "|" in line)

    # -- fences ---------------------------------------------------------------------------------

    def fenced(self, line: str) -> None:
        """A line of a fence inside a block quote (others are read whole: `fence_body`)."""
        line = _unquote(line, self.fence_quotes) or ""
        if self.number - self.first_line == self.fences.end:  # the closing line superfences found
            self.fence_quotes = 0
            self.after_fence()
            return
        self.text(collapse(line))

    def after_fence(self) -> None:
        """Python-Markdown swaps a fence for a placeholder line in the text, so the lines right
        after it continue that block: `- item` there is paragraph text, and an underline makes
        the whole code block a setext heading (rendered as a heading holding the code)."""
        lines_before, opened_at, at_block_start = self.fence_opened or (0, self.number, False)
        self.fence_opened = None
        if not self.profile.superfences:  # fenced_code puts blank lines around its placeholder
            self.block.cut()
            return
        self.block.start = False
        self.block.paragraph = True
        index = self.number - self.first_line
        if at_block_start and self.underlined(index):
            lines = self.sections[-1].lines
            code = " ".join(lines[lines_before:])
            del lines[lines_before:]
            self.sections[-1].hidden_lines = [
                i for i in self.sections[-1].hidden_lines if i < lines_before
            ]
            self.setext(index, code, opened_at, code=True)

    def underlined(self, index: int) -> bool:
        """Whether the line after `index` is a setext underline at its container's margin (a
        fence's placeholder is the title line, however far in the fence was written)."""
        if index + 1 >= len(self.lines):
            return False
        underline = self.lines[index + 1]
        margin = self.containers[-1] if self.containers else 0
        return _indent(underline) == margin and bool(_SETEXT_RE.match(_dedent(underline, margin)))

    def fence_title(self, info: str) -> None:
        """superfences shows a fence's `title="app.py"` above the code: visible text."""
        title = _FENCE_TITLE_RE.search(info) if self.profile.superfences else None
        if title:
            self.text(collapse(title.group(1) if title.group(1) is not None else title.group(2)))

    def fence_body(self, index: int, indent: int) -> None:
        """Read a fence's lines up to the closing one that `is_closed` found, at once: they are
        code, shown verbatim (a tenth of a page's lines, none of which need the rules)."""
        end = self.fences.end
        body = self.lines[index + 1 : end]
        if indent:
            body = [_dedent(line, indent) for line in body]
        self.sections[-1].lines.extend(filter(None, map(collapse, body)))
        self.number = self.first_line + end
        self.resume = end + 1
        self.after_fence()

    def quoted_fence(self, inner: str, quotes: int, index: int) -> bool:
        """A fence inside a block quote (`> ```` ... `> ````): superfences renders it as code
        when the following quoted lines close it, so its `# lines` are not headings."""
        match = _FENCE_RE.match(inner)
        if not self.profile.superfences or not match:
            return False
        marker = match.group(1)
        if marker[0] == "`" and "`" in match.group(2):
            return False
        if index <= self.fences.blind or not self.fences.is_closed(index, marker, quotes):
            return False
        self.fence_quotes = quotes
        self.block.paragraph = False
        self.fence_title(match.group(2))
        return True

    # -- other blocks ---------------------------------------------------------------------------

    def is_definition(self, content: str, abbr: bool = False) -> bool:
        """A link reference definition, or a footnote's with the footnotes extension (with `abbr`,
        or an abbreviation's with the abbr extension)."""
        if self.profile.footnotes and _FOOTNOTE_DEF_RE.match(content):
            return True
        if abbr and self.profile.abbr and _ABBR_DEF_RE.match(content):
            return True
        return _REFDEF_RE.match(content) is not None

    def breaks_out(self, index: int, content: str, indent: int) -> bool:
        """A comment or block-level HTML tag starting within 3 columns of the margin is taken out
        of the text before blocks are read: it ends any paragraph, list or admonition (and so
        does the closing tag of an md_in_html wrapper: what is inside it is read apart)."""
        if indent >= TAB_LENGTH or not content.startswith("<"):
            return False
        if self.closes_wrapper(content):
            return True
        if content.startswith("<!--"):
            return "-->" in content[4:] or index < self.last_comment_end
        match = _RAW_OPEN_RE.match(content)
        return match is not None and match.group(1).lower() in BLOCK_TAGS

    def closes_wrapper(self, content: str) -> bool:
        """Whether a line is the closing tag, alone, of the innermost open md_in_html wrapper."""
        if not self.wrappers or content[:2] != "</":
            return False
        match = _CLOSE_TAG_RE.match(content)
        return match is not None and match.group(1).lower() == self.wrappers[-1]

    def ends_paragraph(self, index: int) -> bool:
        """Whether a paragraph ends after this line: at a blank line, the end, a heading, a rule."""
        if index + 1 >= len(self.lines):
            return True
        after = self.lines[index + 1]
        stripped = after.strip()
        return (
            not stripped
            or (stripped[0] == "#" and _indent(after) == 0)
            or _HR_RE.match(stripped) is not None
        )

    def after_comment(self, line: str, number: int) -> None:
        """Text after a comment's `-->` on the same line: Python-Markdown shows it as a paragraph
        (`<!-- note --> Real text` renders the comment, then `<p>Real text</p>`), and it starts a
        block: over an underline, it is a setext heading."""
        rest = line.split("-->", 1)[1].strip()
        if not rest:
            return
        index = number - self.first_line
        if self.underlined(index):
            self.setext(index, rest, number)
        else:
            self.paragraph_line(rest)

    def paragraph_line(self, content: str) -> None:
        if self.profile.attr_list and "{" in content:  # far faster than the search
            content = _ATTR_LIST_RE.sub("", content)
        self.inline(content)
        self.block.text()

    # -- raw HTML -------------------------------------------------------------------------------

    def raw_line(self, line: str, tag: str, depth: int, visible: bool) -> None:
        lowered = line.lower()
        if tag not in VOID_BLOCK_TAGS:  # `<hr>` never opens; `<div/>` opens and closes at once
            depth += len(re.findall(rf"<{tag}(?=[\s/>]|$)", lowered))
            depth -= len(re.findall(rf"<{tag}(?=[\s/])[^>]*/>", lowered))
            depth -= lowered.count(f"</{tag}")
        heading = _HTML_HEADING_RE.match(line.strip())
        if heading and visible:  # in a raw block, md_in_html reads no `markdown` attribute
            self.heading(int(heading.group(1)), heading.group(3), self.number, raw=True)
        elif visible:
            self.inline(line.strip())
        self.raw = None if depth <= 0 else (tag, depth, visible)
        if self.raw is None:
            self.block.start = True


def _raw_title(level: int, inner: str) -> tuple[str, bool, str]:
    """The title of a raw `<hN>` heading whose content is `inner`, its hidden placeholder flag
    and its text with placeholders kept: what `read_html` reads of the element, as Python-Markdown
    passes it through (no emphasis, code spans or links; tags removed, entities unescaped)."""
    # No tag ends after the last `>`: its `<` are written as text, so that no search of the HTML
    # reader starts from them (read there, `<h2><a<a<a...</h2>` took cubic time).
    cut = inner.rfind(">") + 1
    if "<" in inner[cut:]:
        inner = inner[:cut] + inner[cut:].replace("<", "&lt;")
    sections = read_html(f"<h{level}>{inner}</h{level}>")
    heading = sections[1].heading if len(sections) > 1 else None
    if heading is None:  # a comment or script left open swallows the element: no title shows
        return "", False, ""
    return heading.title, heading.hidden_placeholder, heading.with_placeholders


def read_markdown(
    body: str, first_line: int = 1, profile: MarkdownProfile | None = None
) -> list[Section]:
    """Split Markdown (front matter already removed, nesting already brought within bounds by
    `nesting.flatten`) into sections of visible text.

    `first_line` is the source line number of the body's first line, so reported lines point into
    the original file. Callers flatten first, as the plugin flattens a page before rendering it:
    both then read the same text, and no line is nested deep enough to make the container stack
    work per line grow with the page.
    """
    # Python-Markdown removes STX and ETX from its input before reading it (NormalizeWhitespace).
    body = body.replace("\x02", "").replace("\x03", "")
    end = body.rfind("-->")  # found in the text: a search in C, not a test per line
    last_comment_end = body.count("\n", 0, end) if end >= 0 else -1
    profile = profile or MarkdownProfile()
    labels = reference_labels(body, profile.footnotes)
    lines = body.split("\n")
    scanner = _Scanner(lines, first_line, profile, last_comment_end, labels)
    return scanner.run()
