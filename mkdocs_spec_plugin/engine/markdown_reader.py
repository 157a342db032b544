"""Read a page's sections from its Markdown source, without rendering it.

This is the fast reader used by `mkdocs-spec check`. It follows Python-Markdown's block rules (and
those of the extensions a site enables) closely enough to see the same headings and the same
visible text as a reader of the built page; `html_reader` reads the built page, and tests hold the
two to the same verdicts.
"""

from __future__ import annotations

import bisect
import re

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
    fold,
    inline_text,
    read_inline,
)

_FENCE_RE = re.compile(r"^(`{3,}|~{3,})(.*)$")
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
_HTML_HEADING_RE = re.compile(r"^<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>\s*$", re.IGNORECASE)
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


def reference_labels(body: str) -> frozenset[str]:
    """The labels that the reference definitions of a text define, folded as they are compared:
    `[label]` with one of these is a link (its text is what the reader sees), not a placeholder."""
    if "]:" not in body:
        return frozenset()
    found = set()
    for match in _REFDEF_LINE_RE.finditer(body):
        line_end = body.find("\n", match.start())
        line = body[match.start() : line_end if line_end >= 0 else len(body)].strip()
        if _REFDEF_RE.match(line):
            found.add(fold(collapse(match.group(1))))
    return frozenset(found)


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
        self.containers: list[int] = []  # content indents of open lists/admonitions/tabs
        self.lazy: list[bool] = []  # per container: a list item (True) takes unindented lines
        self.block_start = True  # the next text line starts a block (for setext headings)
        self.paragraph = False  # the previous line was paragraph text
        self.list_paragraph = False  # ... and that paragraph is inside a list item
        self.fence: tuple[str, int, int] | None = None  # (char, length, indent)
        self.fence_quotes = 0  # the open fence is inside this many `>` levels of block quote
        self.fence_opened: tuple[int, int, bool] | None = None  # (lines before, line, block start)
        self.table: int | None = None  # base indent of the table whose rows are being read
        self.fence_blind = -1  # an unclosed superfences opener hides fences up to this line
        self.fence_end = -1  # the line that closes the fence `is_closed` just found
        self.closers: dict[tuple[str, int], list[int]] | None = None  # see next_closer
        self.code_chunk = False  # the lines since the last blank one began with indented code
        self.raw: tuple[str, int, bool] | None = None  # (tag, depth, visible)
        self.comment = False
        # The last line holding `-->`: a comment opened before it is closed (one scan, not one
        # per comment, so hostile pages stay linear).
        self.last_comment_end = last_comment_end
        self.resume = 0  # lines before this index are read already (a fence, a setext underline)
        self.item_indent: int | None = None  # indent of the list item whose first block is open
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

    def heading(self, level: int, source: str, number: int, body: int | None = None) -> None:
        source = source.strip()
        if self.profile.attr_list and "{" in source:
            source = _ATTR_LIST_RE.sub("", source)
        title, hidden = read_inline(source, self.labels)
        if EMBED_WORD in title:  # an image in a heading is not part of its name (nor in HTML)
            title = collapse(title.replace(EMBED_WORD, ""))
        self.sections[-1].end = number
        kept = InlineText(source, self.labels, keep_unknown=True).text if hidden else ""
        heading = Heading(level, title, number, hidden, source, kept)
        self.sections.append(Section(heading, start=body or number + 1))
        self.block_start = True
        self.paragraph = False
        self.item_indent = None

    # -- scanning -------------------------------------------------------------------------------

    def run(self) -> list[Section]:
        for index, line in enumerate(self.lines):
            if index >= self.resume:
                self.line(index, line, self.first_line + index)
        self.sections[-1].end = self.first_line + len(self.lines)
        return self.sections

    def line(self, index: int, line: str, number: int) -> None:
        self.number = number
        if self.fence is not None:
            self.fenced(line)
            return
        if self.comment:
            if "-->" in line:
                self.comment = False
                self.block_start = True
                self.after_comment(line, number)
            return
        first = line[:1]
        if first.isalpha() and self.plain_paragraph(index, line):
            self.paragraph_line(line.strip(), number)
            return
        if first == "#" and self.plain_block(index, line):
            self.block(line.strip(), 0, 0, number, index)  # an ATX heading
            return
        if not line.strip():
            self.block_start = True
            self.paragraph = False
            self.item_indent = None
            self.table = None
            self.code_chunk = False
            return
        indent = _indent(line)
        if self.raw is not None:
            self.raw_line(line)
            return
        # A less indented line closes open lists and admonitions, unless it lazily continues a
        # paragraph of a list item: Python-Markdown reads a later block of an item (one indented
        # after a blank line) wholly inside the item, `## Title` and `> quote` included. In the
        # item's first block, a new item (`- next`) or a `#` heading (tried before lists) ends
        # it. Admonitions take no lazy lines: their body ends at the first unindented line.
        if self.containers and indent < self.containers[-1]:
            stripped = line.lstrip()
            # Lists alone (the usual case) answer the first test at once.
            all_lazy = all(self.lazy) or all(
                [lazy for lazy, at in zip(self.lazy, self.containers) if indent < at]
            )
            strict = not all_lazy or (
                stripped[0] == "<" and self.breaks_out(index, stripped.rstrip(), indent)
            )
            ends_item = self.item_indent is not None and (
                stripped[0] == "#" or _ITEM_START_RE.match(stripped) is not None
            )
            if strict or not self.paragraph or ends_item:
                while self.containers and indent < self.containers[-1]:
                    self.containers.pop()
                    self.lazy.pop()
                    self.item_indent = None
            if strict:
                self.block_start = True
                self.paragraph = False
        base = self.containers[-1] if self.containers else 0
        if self.table is not None:
            stripped = line.strip()
            # Comments, raw HTML and fences are taken out before tables are read, and admonitions
            # are tried first: they end a table.
            if (
                self.table == base
                and stripped[0] != "<"
                and not (stripped[0] in "`~" and _FENCE_RE.match(stripped))
                and not (
                    self.profile.admonition
                    and stripped[0] in "!?"
                    and _ADMONITION_RE.match(stripped)
                )
            ):
                self.inline(stripped)  # a table row, whatever it looks like
                return
            self.table = None
        if indent - base >= TAB_LENGTH and not self.paragraph:
            self.text(collapse(_dedent(line, base + TAB_LENGTH)))  # indented code: shown verbatim
            self.block_start = True  # an unindented line after it starts a block of its own
            self.code_chunk = self.code_chunk or not self.containers
            return
        content = line.strip()
        # The first character (or a `|`) rules out most lines before any regular expression.
        if content[0] in "`~" and self.open_fence(index, content, indent, base):
            return
        if "|" in content and self.table_start(index, content, base):
            return
        if self.block(content, indent, base, number, index):
            return
        self.paragraph_line(content, number)

    def plain_paragraph(self, index: int, line: str) -> bool:
        """Whether a line that starts with a letter at the margin is paragraph text for sure, so
        the rules below need not be tried one by one (most lines of prose). Outside lists, HTML
        and tables, a letter starts no block, unless the line opens a table or a setext heading."""
        if not self.plain_block(index, line):
            return False
        underline = self.lines[index + 1][:1] if index + 1 < len(self.lines) else ""
        return not self.block_start or underline not in ("=", "-")

    def plain_block(self, index: int, line: str) -> bool:
        """Whether a line at the margin is read by `block` alone (as a `#` line is, a heading):
        no list, quote, admonition, raw HTML or table is open, and the line starts no table."""
        if self.containers or self.raw is not None or self.table is not None:
            return False
        return not (self.block_start and "|" in line)

    def fenced(self, line: str) -> None:
        """A line of a fence inside a block quote (others are read whole: `fence_body`)."""
        char, length, indent = self.fence  # type: ignore[misc]  # called only inside a fence
        line = _unquote(line, self.fence_quotes) or ""
        if char in line and self.closes(line, char, length, indent):
            self.fence = None
            self.fence_quotes = 0
            self.after_fence(indent)
            return
        self.text(collapse(line))

    def after_fence(self, indent: int) -> None:
        """Python-Markdown swaps a fence for a placeholder line in the text, so the lines right
        after it continue that block: `- item` there is paragraph text, and an underline makes
        the whole code block a setext heading (rendered as a heading holding the code)."""
        index = self.number - self.first_line
        lines_before, opened_at, at_block_start = self.fence_opened or (0, self.number, False)
        self.fence_opened = None
        if not self.profile.superfences:  # fenced_code puts blank lines around its placeholder
            self.block_start = True
            self.paragraph = False
            return
        self.block_start = False
        self.paragraph = True
        if not at_block_start or index + 1 >= len(self.lines):
            return
        underline = self.lines[index + 1]
        base = self.containers[-1] if self.containers else 0
        if indent != base or _indent(underline) != indent:
            return
        if not _SETEXT_RE.match(_dedent(underline, indent)):
            return
        lines = self.sections[-1].lines
        code = " ".join(lines[lines_before:])
        del lines[lines_before:]
        self.sections[-1].hidden_lines = [
            i for i in self.sections[-1].hidden_lines if i < lines_before
        ]
        self.heading(1 if underline.strip()[0] == "=" else 2, code, opened_at, self.number + 2)
        self.resume = index + 2

    def table_start(self, index: int, content: str, base: int) -> bool:
        """A block whose first line has cells and whose second is a matching separator is a
        table (Python-Markdown's tables extension tries this before headings): every following
        line up to a blank one is a row, even `## Title`."""
        if not (self.profile.tables and self.block_start and "|" in content):
            return False
        if index + 1 >= len(self.lines):
            return False
        separator = self.lines[index + 1].strip()
        if not _TABLE_SEPARATOR_RE.match(separator):
            return False
        cells = len(_cells(content))
        if cells < 2 or len(_cells(separator)) != cells:
            return False
        self.table = base
        self.block_start = False
        self.paragraph = False
        self.inline(content)
        return True

    def fence_title(self, info: str) -> None:
        """superfences shows a fence's `title="app.py"` above the code: visible text."""
        title = _FENCE_TITLE_RE.search(info) if self.profile.superfences else None
        if title:
            self.text(collapse(title.group(1) if title.group(1) is not None else title.group(2)))

    def open_fence(self, index: int, content: str, indent: int, base: int) -> bool:
        match = _FENCE_RE.match(content)
        if not match or (match.group(1)[0] == "`" and "`" in match.group(2)):
            return False
        # Without superfences, fenced_code finds fences in the raw text: at the margin only, but
        # whatever block (a list item's, say) the line would otherwise belong to.
        if not self.profile.superfences and (
            indent > 0 or not _PLAIN_FENCE_INFO_RE.match(match.group(2))
        ):
            return False
        if index <= self.fence_blind:
            return False
        marker = match.group(1)
        if not self.is_closed(index, marker, indent):
            return False
        if not self.profile.superfences:  # ... and a blank line before it, which ends any list
            self.containers.clear()
            self.lazy.clear()
            self.item_indent = None
        if self.code_chunk and self.profile.superfences:
            # superfences puts a fence back as plain text when it sits in the same block as an
            # indented code block before it: its lines are then read as ordinary Markdown.
            self.fence_blind = self.fence_end
            return False
        self.fence_opened = (len(self.sections[-1].lines), self.number, self.block_start)
        self.paragraph = False
        self.fence_title(match.group(2))
        self.fence_body(index, indent)
        return True

    def fence_body(self, index: int, indent: int) -> None:
        """Read a fence's lines up to the closing one that `is_closed` found, at once: they are
        code, shown verbatim (a tenth of a page's lines, none of which need the rules above)."""
        end = self.fence_end
        body = self.lines[index + 1 : end]
        if indent:
            body = [_dedent(line, indent) for line in body]
        self.sections[-1].lines.extend(filter(None, map(collapse, body)))
        self.number = self.first_line + end
        self.resume = end + 1
        self.after_fence(indent)

    def closes(self, line: str, char: str, length: int, indent: int) -> bool:
        """Whether a line closes a fence: the same marker, exactly as long (Python-Markdown and
        superfences both want that), at the opener's indent (column 0 without superfences)."""
        if _indent(line) != (indent if self.profile.superfences else 0):
            return False
        rest = line.lstrip(" \t")
        return rest.startswith(char * length) and not rest[length:].strip(" \t")

    def is_closed(self, index: int, marker: str, indent: int, quotes: int = 0) -> bool:
        """Whether the fence opened on line `index` is closed. Python-Markdown renders a fence
        only when it is closed; otherwise it is plain text. superfences also abandons a fence at
        a content line indented less than its opener (or out of its quote), and an abandoned
        opener has taken every line up to there: no fence starts among them."""
        if not quotes and (indent == 0 or not self.profile.superfences):
            # At the margin nothing is indented less: only the closing line (or none) counts.
            return self.next_closer(index, marker) or self.abandon(len(self.lines))
        for at in range(index + 1, len(self.lines)):
            line = self.lines[at]
            if quotes:
                unquoted = _unquote(line, quotes)
                if unquoted is None:
                    return self.abandon(at)  # the quote ended before the fence closed
                line = unquoted
            if self.closes(line, marker[0], len(marker), indent):
                self.fence_end = at
                return True
            if self.profile.superfences and line.strip() and _indent(line) < indent:
                return self.abandon(at)
        return self.abandon(len(self.lines))

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
        self.fence_end = found[at]
        return True

    def abandon(self, until: int) -> bool:
        if self.profile.superfences:
            self.fence_blind = until
        return False

    def block(self, content: str, indent: int, base: int, number: int, index: int) -> bool:
        """Handle a line that opens or is a block of its own; False for paragraph text."""
        relative = indent - base
        profile = self.profile
        if content.startswith("<!--"):
            if "-->" in content[4:]:
                self.block_start = True
                self.paragraph = False
                self.after_comment(content[4:], number)
                return True
            # A comment never closed is text in Python-Markdown (`&lt;!--`), not the page's end.
            if index < self.last_comment_end:
                self.block_start = True
                self.paragraph = False
                self.comment = True
                return True
        # Lines that continue a list item's first paragraph keep their indent in Python-Markdown,
        # so `- item` then `    ## Title` is text of the item, not a heading.
        indented_in_item = self.item_indent is not None and indent > self.item_indent
        if content[0] == "#" and relative <= 0 and not indented_in_item:
            match = _ATX_RE.match(content)
            if match:
                self.heading(len(match.group(1)), match.group(2), number)
                return True
        if content[0] == "<" and not self.containers and indent < TAB_LENGTH:
            if self.raw_open(content, number):
                return True
        if profile.admonition and content[0] in "!?":
            match = _ADMONITION_RE.match(content)
            if match:
                kind, title = match.group(1), match.group(2)
                self.text(inline_text(title) if title is not None else kind.split()[0].capitalize())
                self.containers.append(indent + TAB_LENGTH)
                self.lazy.append(False)
                self.item_indent = None
                self.code_chunk = False  # tried before code blocks, it splits the block here
                self.block_start = True
                self.paragraph = False
                return True
        if profile.tabbed and content.startswith("==="):
            match = _TAB_RE.match(content)
            if match:
                self.text(inline_text(match.group(1)))
                self.containers.append(indent + TAB_LENGTH)
                self.lazy.append(False)
                self.item_indent = None
                self.code_chunk = False  # tried before code blocks, it splits the block here
                self.block_start = True
                self.paragraph = False
                return True
        if self.block_start and self.setext(content, base, number, index):
            return True
        if content[0] in "-_*" and _HR_RE.match(content):
            self.block_start = True
            self.paragraph = False
            return True
        if (
            content[0] == "["
            and relative < TAB_LENGTH  # indented 4 more, it is text of the paragraph above
            and self.is_definition(content)
        ):
            self.block_start = True
            return True
        if profile.abbr and _ABBR_DEF_RE.match(content):
            return True
        # attr_list reads `{: .class}` only on the last line of a paragraph, below its text;
        # alone, or with more text after it, it is text.
        if (
            profile.attr_list
            and not self.block_start
            and content[0] == "{"
            and _BLOCK_ATTR_RE.match(content)
            and self.ends_paragraph(index)
        ):
            return True
        if self.nested(content, indent, number, index):
            return True
        return False

    def is_definition(self, content: str) -> bool:
        """A link reference definition, or a footnote's with the footnotes extension."""
        if self.profile.footnotes and _FOOTNOTE_DEF_RE.match(content):
            return True
        return _REFDEF_RE.match(content) is not None

    def breaks_out(self, index: int, content: str, indent: int) -> bool:
        """A comment or block-level HTML tag starting within 3 columns of the margin is taken out
        of the text before blocks are read: it ends any paragraph, list or admonition."""
        if indent >= TAB_LENGTH or not content.startswith("<"):
            return False
        if content.startswith("<!--"):
            return "-->" in content[4:] or index < self.last_comment_end
        match = _RAW_OPEN_RE.match(content)
        return match is not None and match.group(1).lower() in BLOCK_TAGS

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
        (`<!-- note --> Real text` renders the comment, then `<p>Real text</p>`)."""
        rest = line.split("-->", 1)[1].strip()
        if rest:
            self.paragraph_line(rest, number)

    def nested(self, content: str, indent: int, number: int, index: int) -> bool:
        """List items and block quotes: their first line may itself be a heading."""
        inner = content
        container = False
        quotes = 0
        while True:
            if inner.startswith(">"):
                inner = _QUOTE_RE.sub("", inner, count=1).lstrip()
                quotes += 1
                continue
            match = _LIST_RE.match(inner)
            if match and container:
                # An item whose text starts with another marker (`- 1. Step`, `- - x`) holds a
                # nested list: Python-Markdown shows neither marker. Read as text, the `1` was a
                # word of the author's and made an unfinished section complete.
                inner = match.group(1)
                continue
            if match and not container and (not self.paragraph or self.list_paragraph):
                container = True
                # Python-Markdown nests by whole tabs: an item's content sits at the next multiple
                # of 4 columns, whatever the marker's own indent (`   - Task` is not nested).
                self.containers.append((indent // TAB_LENGTH + 1) * TAB_LENGTH)
                self.lazy.append(True)
                self.item_indent = indent
                inner = match.group(1)
                continue
            break
        if inner is content:
            return False
        if quotes and not container and self.quoted_fence(inner, quotes, index):
            return True
        if container and inner[:1] == "[" and self.is_definition(inner):
            # Python-Markdown reads an item's text as blocks: a definition there shows nothing.
            self.paragraph = False
            self.block_start = True
            return True
        match = _ATX_RE.match(inner) if inner.startswith("#") else None
        if match:
            self.heading(len(match.group(1)), match.group(2), number)
        else:
            self.inline(inner)
            self.list_paragraph = bool(self.containers)
            self.paragraph = True
            self.block_start = False
        return True

    def quoted_fence(self, inner: str, quotes: int, index: int) -> bool:
        """A fence inside a block quote (`> ```` ... `> ````): superfences renders it as code
        when the following quoted lines close it, so its `# lines` are not headings."""
        match = _FENCE_RE.match(inner)
        if not self.profile.superfences or not match:
            return False
        marker = match.group(1)
        if marker[0] == "`" and "`" in match.group(2):
            return False
        if index <= self.fence_blind or not self.is_closed(index, marker, 0, quotes):
            return False
        self.fence = (marker[0], len(marker), 0)
        self.fence_quotes = quotes
        self.paragraph = False
        self.fence_title(match.group(2))
        return True

    def setext(self, content: str, base: int, number: int, index: int) -> bool:
        """A block's first line over an underline is a heading, whatever the line looks like: a
        list item or a quote (`- item` over `---`) too, since Python-Markdown tries this rule
        before those. The underline must start at the block's own indent; one indented further is
        a rule (up to 3 spaces) or paragraph text."""
        if not self.block_start or index + 1 >= len(self.lines):
            return False
        underline = self.lines[index + 1]
        at = _indent(underline)
        # In a list item, Python-Markdown takes an unindented underline into the item's block.
        if at != base and not (self.lazy and self.lazy[-1] and at < base):
            return False
        if not _SETEXT_RE.match(underline.lstrip(" \t")):
            return False
        # Below a link reference definition, a `---` underline is a rule: Python-Markdown splits
        # rules out of the block before it drops the definition (`===` still makes a heading).
        if (
            underline.strip()[0] == "-"
            and index
            and _REFDEF_RE.match(self.lines[index - 1].strip())
        ):
            return False
        self.heading(1 if underline.strip()[0] == "=" else 2, content, number, number + 2)
        self.resume = index + 2
        return True

    def paragraph_line(self, content: str, number: int) -> None:
        if self.profile.attr_list and "{" in content:  # far faster than the search
            content = _ATTR_LIST_RE.sub("", content)
        self.inline(content)
        self.list_paragraph = (self.list_paragraph and self.paragraph) or bool(self.containers)
        self.paragraph = True
        self.block_start = False

    def raw_open(self, content: str, number: int) -> bool:
        heading = _HTML_HEADING_RE.match(content)
        if heading:
            self.heading(int(heading.group(1)), heading.group(2), number)
            return True
        match = _RAW_OPEN_RE.match(content)
        if not match or match.group(1).lower() not in BLOCK_TAGS:
            return False
        tag = match.group(1).lower()
        markdown_inside = self.profile.md_in_html and re.search(r"\bmarkdown\b", match.group(2))
        visible = tag not in INVISIBLE_TAGS
        self.block_start = True
        self.paragraph = False
        if markdown_inside:
            return True  # the wrapper lines are invisible; what is inside is ordinary Markdown
        self.raw = (tag, 0, visible)
        self.raw_line(content)
        return True

    def raw_line(self, line: str) -> None:
        tag, depth, visible = self.raw  # type: ignore[misc]  # called only inside raw HTML
        lowered = line.lower()
        if tag not in VOID_BLOCK_TAGS:  # `<hr>` never opens; `<div/>` opens and closes at once
            depth += len(re.findall(rf"<{tag}(?=[\s/>]|$)", lowered))
            depth -= len(re.findall(rf"<{tag}(?=[\s/])[^>]*/>", lowered))
            depth -= lowered.count(f"</{tag}")
        heading = _HTML_HEADING_RE.match(line.strip())
        if heading and visible:
            self.heading(int(heading.group(1)), heading.group(2), self.number)
        elif visible:
            self.inline(line.strip())
        self.raw = None if depth <= 0 else (tag, depth, visible)
        if self.raw is None:
            self.block_start = True


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
    labels = reference_labels(body)
    lines = body.split("\n")
    scanner = _Scanner(lines, first_line, profile or MarkdownProfile(), last_comment_end, labels)
    return scanner.run()
