"""Read a page's sections from the HTML that Python-Markdown rendered.

The plugin judges what MkDocs already rendered: the headings a reader sees (including those produced
by extensions) and the text under each. This is a single streaming pass of the standard library's
HTML parser; no tree is built, nothing is rendered again.
"""

from __future__ import annotations

from html.parser import HTMLParser

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


class _SectionParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        classes = ""
        for name, value in attrs:
            if name == "class" and value:
                classes = value
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

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.skip and self.skip[-1] == tag and tag not in _VOID:
            self.skip.pop()

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
    parser.close()
    parser.flush()
    return parser.sections
