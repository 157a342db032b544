"""The site's Markdown profile: what its extensions change for a reader, and the lists of HTML
elements every reader goes by.

One module, read by the Markdown reader (`check`), the HTML reader (the plugin) and the text rules,
so that the two readers cannot drift apart: when each kept its own lists, a `<math>` block was
content for one and empty for the other, and an extension object crashed one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markdown import util

# Python-Markdown's columns per indent level: MkDocs has no setting for it, so every site has 4.
TAB_LENGTH = 4

# A line that opens one of these starts raw HTML: Python-Markdown's own list, so the reader
# follows the installed version.
BLOCK_TAGS = frozenset(util.BLOCK_LEVEL_ELEMENTS)
VOID_BLOCK_TAGS = frozenset({"hr"})  # no closing tag: the raw block is that one line

# Elements that break the text of rendered HTML into lines, as blocks of the source do.
BREAK_TAGS = frozenset(
    """address article aside blockquote br details div dd dl dt fieldset figcaption figure footer
    form header hr label li main nav ol p pre section summary table tbody thead tfoot tr ul
    caption""".split()
)

# Elements whose content a reader never sees. Both readers drop these and only these: without one
# list, `## Security <script>alert(1)</script>` was "Security" on the built page and "Security
# alert(1)" in `mkdocs-spec check`. MathML is content: the reader sees the formula.
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title"})

# Elements whose presence is content in itself (a picture, a diagram), though they hold no text.
EMBED_TAGS = frozenset({"img", "svg", "video", "audio", "iframe", "object", "embed", "canvas"})
EMBED_WORD = "\u27e8embed\u27e9"  # what a reader "reads" where an embed is

# Every element name of HTML and SVG that a page may use on purpose. Any other tag in a page is an
# angle-bracket placeholder that Markdown passed through as raw HTML (`<Algorithm Name>`).
KNOWN_TAGS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i
    iframe img input ins kbd label legend li link main map mark math menu meta meter nav noscript
    object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search
    section select slot small source span strike strong style sub summary sup svg table tbody td
    template textarea tfoot th thead time title tr track tt u ul var video wbr path g circle rect
    line polyline polygon ellipse text tspan defs use symbol marker lineargradient radialgradient
    stop clippath mask pattern image foreignobject mi mo mn ms mrow msup msub mfrac msqrt mtext
    semantics annotation""".split()
)


def is_placeholder_tag(name: str) -> bool:
    return name.lower() not in KNOWN_TAGS


@dataclass(frozen=True)
class MarkdownProfile:
    """The Markdown extensions of a site that change which lines are headings or visible text."""

    admonition: bool = False  # `!!!` blocks (admonition) and `???` blocks (pymdownx.details)
    tabbed: bool = False  # `=== "Tab"` blocks (pymdownx.tabbed)
    superfences: bool = False  # fences at any indent, inside lists and admonitions
    attr_list: bool = False  # `## Title {#id}`
    tables: bool = False  # `| a | b |` tables: every line up to a blank one is a row
    md_in_html: bool = False  # `<div markdown>` holds Markdown
    footnotes: bool = False
    abbr: bool = False

    @classmethod
    def from_extensions(cls, extensions: Iterable[object]) -> MarkdownProfile:
        """The profile of a site's `markdown_extensions`: names (`pymdownx.superfences`), or
        extension objects, which plugins such as mkdocstrings and autorefs add to the list."""
        short = {_extension_name(extension).rsplit(".", 1)[-1] for extension in extensions}
        extra = "extra" in short  # Python-Markdown's bundle of these
        return cls(
            admonition=bool(short & {"admonition", "details"}),
            tabbed="tabbed" in short,
            superfences="superfences" in short,
            attr_list="attr_list" in short or extra,
            tables="tables" in short or extra,
            md_in_html="md_in_html" in short or extra,
            footnotes="footnotes" in short or extra,
            abbr="abbr" in short or extra,
        )


def _extension_name(extension: object) -> str:
    """An extension's name: as listed, or the module of an extension object's class (the
    `toc` of `markdown.extensions.toc.TocExtension`)."""
    if isinstance(extension, str):
        return extension
    return type(extension).__module__ or ""
