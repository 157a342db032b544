"""Read a page's sections from the HTML that Python-Markdown rendered.

The plugin judges what MkDocs already rendered: the headings a reader sees (including those produced
by extensions) and the text under each. It runs on every page of every build, so it is one pass of a
regular-expression tokenizer over the HTML Python-Markdown wrote (well-formed, lower-case tags), not
a general HTML parser: no tree is built, nothing is rendered again, and a code block (often a sea of
highlighting spans) is read in one step.
"""

from __future__ import annotations

import re
from html import unescape

from .model import Heading, Section
from .text import EMBED_TAGS, EMBED_WORD, collapse, is_placeholder_tag

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BREAKS = frozenset(
    """address article aside blockquote br details dd div dl dt fieldset figcaption figure footer
    form header hr label li main nav ol p pre section summary table tbody thead tfoot tr ul
    caption""".split()
)
_CELLS = frozenset({"td", "th"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_INVISIBLE = frozenset({"script", "style", "template", "svg", "math", "head", "title"})
_RAW_TEXT = frozenset({"script", "style"})  # their content is never markup
_CLASSED = frozenset({"a", "div", "td", "span"})  # the tags whose class decides what is read
_TOKEN_RE = re.compile(
    r"<(?:(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|!--.*?(?:-->|$)|[!?][^>]*>)",
    re.DOTALL,
)
_CLASS_RE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ANY_TAG_RE = re.compile(r"<[^>]*>")


class _SectionParser:
    def __init__(self) -> None:
        self.sections: list[Section] = [Section(None)]
        self.parts: list[str] = []
        self.level = 0  # > 0 while inside a heading
        self.hidden = False  # the current heading swallowed an unknown tag
        self.skip: list[str] = []  # open elements whose content is not read
        self.row = False  # inside a table row: its cells make one line, as in the Markdown

    def flush(self) -> None:
        if self.parts:
            line = collapse("".join(self.parts))
            self.parts = []
            if line:
                self.sections[-1].lines.append(line)

    def feed(self, html: str) -> None:
        position = 0
        search = _TOKEN_RE.search
        while True:
            match = search(html, position)
            end = match.start() if match else len(html)
            if end > position:
                text = html[position:end]
                self.handle_data(unescape(text) if "&" in text else text)
            if match is None:
                return
            position = match.end()
            name = match.group(2)
            if name is None:
                continue  # a comment, doctype or processing instruction
            tag = name.lower()
            if match.group(1):
                self.handle_endtag(tag)
                continue
            attrs = match.group(3)
            self.handle_starttag(tag, attrs)
            if attrs.endswith("/"):  # `<div/>` opens nothing
                if self.skip and self.skip[-1] == tag and tag not in _VOID:
                    self.skip.pop()
            elif tag in _RAW_TEXT or (tag == "pre" and not self.skip):
                position = self.whole_block(html, tag, position)

    def whole_block(self, html: str, tag: str, start: int) -> int:
        """Read a `<pre>` (or skip a script/style) up to its end tag in one step."""
        end = html.find(f"</{tag}", start)
        if end < 0:
            end = len(html)
        inner = html[start:end]
        if tag == "pre":
            if "linenos" in inner:
                return start  # line numbers inside the code: read it tag by tag instead
            text = _ANY_TAG_RE.sub("", inner)
            self.handle_data(unescape(text) if "&" in text else text)
        close = html.find(">", end)
        self.handle_endtag(tag)
        return len(html) if close < 0 else close + 1

    def handle_starttag(self, tag: str, attrs: str) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        classes = ""
        if tag in _CLASSED and "class" in attrs:
            found = _CLASS_RE.search(attrs)
            if found:
                classes = found.group(1) or found.group(2) or found.group(3) or ""
        if tag in EMBED_TAGS:
            self.parts.append(f" {EMBED_WORD} ")
        if (
            tag in _INVISIBLE
            or (tag == "a" and "headerlink" in classes)
            or (tag == "div" and "footnote" in classes.split())
            # Line numbers that Pygments adds to code (`linenums="1"`) are not the author's text.
            or (tag in ("td", "span") and "linenos" in classes.split())
        ):
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _HEADINGS:
            self.flush()
            self.level = _HEADINGS[tag]
            self.hidden = False
        elif self.level and is_placeholder_tag(tag):
            self.hidden = True
        elif self.level and tag in _BREAKS:
            self.parts.append(" ")  # `## Open<br>Questions` is one heading: a break is a space
        elif tag in _BREAKS:
            self.flush()
        if tag == "tr":
            self.row = True
        if tag in _CELLS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _HEADINGS and self.level:
            title = collapse("".join(self.parts))
            self.parts = []
            self.sections.append(Section(Heading(self.level, title, None, self.hidden)))
            self.level = 0
        elif tag in _BREAKS and not self.level:
            self.flush()
        if tag == "tr":
            self.row = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.level or self.row or "\n" not in data:
            self.parts.append(data)
            return
        first, *rest = data.split("\n")
        self.parts.append(first)
        for piece in rest:
            self.flush()
            self.parts.append(piece)


def read_html(html: str) -> list[Section]:
    """Split rendered page content into sections of visible text, in document order."""
    parser = _SectionParser()
    parser.feed(html)
    parser.flush()
    return parser.sections
