"""Read a page's sections from its Markdown source, without rendering it.

This is the fast reader used by `mkdocs-spec check`. It follows Python-Markdown's block rules (and
those of the extensions a site enables) closely enough to see the same headings and the same
visible text as a reader of the built page; `html_reader` reads the built page, and tests hold the
two to the same verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Heading, Section
from .text import InlineText, collapse

_TAB = 4
_FENCE_RE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_FENCE_TITLE_RE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")  # superfences' file name
_ATX_RE = re.compile(r"^(#{1,6})(.*?)#*\s*$")
# Python-Markdown's SetextHeaderProcessor: a block's first line, then an underline at column 0.
_SETEXT_RE = re.compile(r"^[=-]+[ ]*$")
_HR_RE = re.compile(r"^(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})\s*$")
_LIST_RE = re.compile(r"^(?:[*+-]|\d+\.)[ \t]+(.*)$")
_QUOTE_RE = re.compile(r"^>[ ]?")
_REFDEF_RE = re.compile(r"^\[([^\[\]]*)\]:[ ]*\S")
_FOOTNOTE_DEF_RE = re.compile(r"^\[\^[^\]]+\]:")
_ABBR_DEF_RE = re.compile(r"^\*\[[^\]]+\]:")
_ADMONITION_RE = re.compile(r'^(?:!!!|\?\?\?\+?) ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
_STARTS_BLOCK_RE = re.compile(r"(?:[*+-]|\d+\.)[ \t]|#|>|```|~~~|!!!|\?\?\?|===")
_TAB_RE = re.compile(r'^===\+?!? +"(.*?)" *$')
_RAW_OPEN_RE = re.compile(r"^<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)([^>]*)>?")
_HTML_HEADING_RE = re.compile(r"^<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>\s*$", re.IGNORECASE)
_ATTR_LIST_RE = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")
_BLOCK_ATTR_RE = re.compile(r"^\{:?[ ]*[#.][^}\n]*\}[ ]*$")

# Python-Markdown's `block_level_elements`: a line that opens one of these starts raw HTML.
_BLOCK_TAGS = frozenset(
    """address article aside blockquote details div dl fieldset figcaption figure footer form h1
    h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup dd body
    dt group html iframe li legend math map noscript output object option progress script style
    summary tbody td textarea tfoot th thead tr video center""".split()
)
_INVISIBLE_TAGS = frozenset({"script", "style", "template"})
_VOID_BLOCK_TAGS = frozenset({"hr"})  # no closing tag: the raw block is that one line


@dataclass(frozen=True)
class Dialect:
    """The Markdown extensions of a site that change which lines are headings or visible text."""

    admonition: bool = False  # `!!!` blocks (admonition) and `???` blocks (pymdownx.details)
    tabbed: bool = False  # `=== "Tab"` blocks (pymdownx.tabbed)
    superfences: bool = False  # fences at any indent, inside lists and admonitions
    attr_list: bool = False  # `## Title {#id}`
    md_in_html: bool = False  # `<div markdown>` holds Markdown
    footnotes: bool = False
    abbr: bool = False

    @classmethod
    def from_extensions(cls, names: Iterable[str]) -> Dialect:
        short = {name.rsplit(".", 1)[-1] for name in names}
        return cls(
            admonition=bool(short & {"admonition", "details"}),
            tabbed="tabbed" in short,
            superfences="superfences" in short,
            attr_list="attr_list" in short or "extra" in short,
            md_in_html="md_in_html" in short or "extra" in short,
            footnotes="footnotes" in short or "extra" in short,
            abbr="abbr" in short or "extra" in short,
        )


def _indent(line: str) -> int:
    count = 0
    for char in line:
        if char == " ":
            count += 1
        elif char == "\t":
            count += _TAB - count % _TAB
        else:
            break
    return count


def _dedent(line: str, columns: int) -> str:
    """Remove up to `columns` columns of leading whitespace."""
    line = line.expandtabs(_TAB) if "\t" in line[: columns + 1] else line
    index = 0
    while index < len(line) and index < columns and line[index] == " ":
        index += 1
    return line[index:]


def _unquote(line: str, quotes: int) -> str | None:
    """A line with `quotes` levels of `>` removed; None when it is not quoted that deep."""
    for _ in range(quotes):
        stripped = line.lstrip()
        if not stripped.startswith(">"):
            return None
        line = _QUOTE_RE.sub("", stripped, count=1)
    return line


class _Scanner:
    def __init__(self, lines: list[str], first_line: int, dialect: Dialect) -> None:
        self.lines = lines
        self.first_line = first_line
        self.dialect = dialect
        self.sections: list[Section] = [Section(None, start=first_line)]
        self.containers: list[int] = []  # content indents of open lists/admonitions/tabs
        self.block_start = True  # the next text line starts a block (for setext headings)
        self.paragraph = False  # the previous line was paragraph text
        self.list_paragraph = False  # ... and that paragraph is inside a list item
        self.fence: tuple[str, int, int] | None = None  # (char, length, indent)
        self.fence_quotes = 0  # the open fence is inside this many `>` levels of block quote
        self.raw: tuple[str, int, bool] | None = None  # (tag, depth, visible)
        self.comment = False
        self.skip = -1  # index of a line already consumed (a setext underline)
        self.number = first_line

    # -- output ---------------------------------------------------------------------------------

    def text(self, value: str, hidden: bool = False) -> None:
        if value:
            section = self.sections[-1]
            if hidden:
                section.hidden_lines.append(len(section.lines))
            section.lines.append(value)

    def inline(self, source: str) -> None:
        inline = InlineText(source)
        self.text(inline.text, inline.hidden_placeholder)

    def heading(self, level: int, source: str, number: int, body: int | None = None) -> None:
        source = source.strip()
        if self.dialect.attr_list:
            source = _ATTR_LIST_RE.sub("", source)
        inline = InlineText(source)
        self.sections[-1].end = number
        heading = Heading(level, inline.text, number, inline.hidden_placeholder, source)
        self.sections.append(Section(heading, start=body or number + 1))
        self.block_start = True
        self.paragraph = False

    # -- scanning -------------------------------------------------------------------------------

    def run(self) -> list[Section]:
        for index, line in enumerate(self.lines):
            if index != self.skip:
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
        if not line.strip():
            self.block_start = True
            self.paragraph = False
            return
        indent = _indent(line)
        if self.raw is not None:
            self.raw_line(line)
            return
        # A less indented line closes open lists and admonitions, unless it lazily continues a
        # paragraph (Python-Markdown joins such a line to the paragraph above).
        if self.containers and indent < self.containers[-1]:
            if not self.paragraph or _STARTS_BLOCK_RE.match(line.lstrip()):
                while self.containers and indent < self.containers[-1]:
                    self.containers.pop()
        base = self.containers[-1] if self.containers else 0
        if indent - base >= _TAB and not self.paragraph:
            self.text(collapse(_dedent(line, base + _TAB)))  # indented code: shown verbatim
            self.block_start = False
            return
        content = line.strip()
        if self.open_fence(index, content, indent, base):
            return
        if self.block(content, indent, base, number, index):
            return
        self.paragraph_line(content, number)

    def fenced(self, line: str) -> None:
        char, length, indent = self.fence  # type: ignore[misc]
        if self.fence_quotes:
            line = _unquote(line, self.fence_quotes) or ""
        stripped = line.strip()
        if (
            stripped.startswith(char * length)
            and not stripped.strip(char)
            and (self.dialect.superfences or _indent(line) == 0)
        ):
            self.fence = None
            self.fence_quotes = 0
            self.block_start = True
            return
        self.text(collapse(_dedent(line, indent)))

    def fence_title(self, info: str) -> None:
        """superfences shows a fence's `title="app.py"` above the code: visible text."""
        title = _FENCE_TITLE_RE.search(info) if self.dialect.superfences else None
        if title:
            self.text(collapse(title.group(1) if title.group(1) is not None else title.group(2)))

    def open_fence(self, index: int, content: str, indent: int, base: int) -> bool:
        match = _FENCE_RE.match(content)
        if not match or (match.group(1)[0] == "`" and "`" in match.group(2)):
            return False
        if not self.dialect.superfences and (indent > 0 or self.containers):
            return False
        marker = match.group(1)
        # Python-Markdown renders a fence only when it is closed; otherwise it is plain text.
        for later in self.lines[index + 1 :]:
            stripped = later.strip()
            if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                if self.dialect.superfences or _indent(later) == 0:
                    self.fence = (marker[0], len(marker), indent)
                    self.paragraph = False
                    self.fence_title(match.group(2))
                    return True
        return False

    def block(self, content: str, indent: int, base: int, number: int, index: int) -> bool:
        """Handle a line that opens or is a block of its own; False for paragraph text."""
        relative = indent - base
        dialect = self.dialect
        if content.startswith("<!--"):
            self.block_start = True
            if "-->" not in content[4:]:
                self.comment = True
            else:
                self.after_comment(content[4:], number)
            return True
        if content[0] == "#" and relative == 0:
            match = _ATX_RE.match(content)
            if match:
                self.heading(len(match.group(1)), match.group(2), number)
                return True
        if content[0] == "<" and not self.containers and indent < _TAB:
            if self.raw_open(content, number):
                return True
        if dialect.admonition and content[0] in "!?":
            match = _ADMONITION_RE.match(content)
            if match:
                kind, title = match.group(1), match.group(2)
                self.text(
                    InlineText(title).text if title is not None else kind.split()[0].capitalize()
                )
                self.containers.append(indent + _TAB)
                self.block_start = True
                self.paragraph = False
                return True
        if dialect.tabbed and content.startswith("==="):
            match = _TAB_RE.match(content)
            if match:
                self.text(InlineText(match.group(1)).text)
                self.containers.append(indent + _TAB)
                self.block_start = True
                self.paragraph = False
                return True
        if self.setext(content, base, number, index):
            return True
        if _HR_RE.match(content):
            self.block_start = True
            self.paragraph = False
            return True
        if content[0] == "[" and (
            _REFDEF_RE.match(content) or (dialect.footnotes and _FOOTNOTE_DEF_RE.match(content))
        ):
            self.block_start = True
            return True
        if dialect.abbr and _ABBR_DEF_RE.match(content):
            return True
        # attr_list reads `{: .class}` only on a line of its own below a paragraph's text; alone,
        # it is a paragraph of text.
        if dialect.attr_list and not self.block_start and _BLOCK_ATTR_RE.match(content):
            return True
        if self.nested(content, indent, number, index):
            return True
        return False

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
            if match and not container and (not self.paragraph or self.list_paragraph):
                container = True
                self.containers.append(indent + _TAB)
                inner = match.group(1)
                continue
            break
        if inner is content:
            return False
        if quotes and not container and self.quoted_fence(inner, quotes, index):
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
        if not self.dialect.superfences or not match:
            return False
        marker = match.group(1)
        if marker[0] == "`" and "`" in match.group(2):
            return False
        for later in self.lines[index + 1 :]:
            unquoted = _unquote(later, quotes)
            if unquoted is None:
                return False  # the quote ended before the fence closed
            stripped = unquoted.strip()
            if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                self.fence = (marker[0], len(marker), _indent(inner))
                self.fence_quotes = quotes
                self.paragraph = False
                self.fence_title(match.group(2))
                return True
        return False

    def setext(self, content: str, base: int, number: int, index: int) -> bool:
        """A block's first line over an underline is a heading, whatever the line looks like: a
        list item or a quote (`- item` over `---`) too, since Python-Markdown tries this rule
        before those. The underline must start at the block's own indent; one indented further is
        a rule (up to 3 spaces) or paragraph text."""
        if not self.block_start or index + 1 >= len(self.lines):
            return False
        underline = self.lines[index + 1]
        if _indent(underline) != base or not _SETEXT_RE.match(_dedent(underline, base)):
            return False
        self.heading(1 if underline.strip()[0] == "=" else 2, content, number, number + 2)
        self.skip = index + 1
        return True

    def paragraph_line(self, content: str, number: int) -> None:
        if self.dialect.attr_list:
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
        if not match or match.group(1).lower() not in _BLOCK_TAGS:
            return False
        tag = match.group(1).lower()
        markdown_inside = self.dialect.md_in_html and re.search(r"\bmarkdown\b", match.group(2))
        visible = tag not in _INVISIBLE_TAGS
        self.block_start = True
        self.paragraph = False
        if markdown_inside:
            return True  # the wrapper lines are invisible; what is inside is ordinary Markdown
        self.raw = (tag, 0, visible)
        self.raw_line(content)
        return True

    def raw_line(self, line: str) -> None:
        tag, depth, visible = self.raw  # type: ignore[misc]
        lowered = line.lower()
        if tag not in _VOID_BLOCK_TAGS:  # `<hr>` never opens; `<div/>` opens and closes at once
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


def read_markdown(body: str, first_line: int = 1, dialect: Dialect | None = None) -> list[Section]:
    """Split Markdown (front matter already removed) into sections of visible text.

    `first_line` is the source line number of the body's first line, so reported lines point into
    the original file.
    """
    scanner = _Scanner(body.split("\n"), first_line, dialect or Dialect())
    return scanner.run()
