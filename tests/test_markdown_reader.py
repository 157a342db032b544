"""The Markdown reader, rule by rule: a table of (Markdown, headings, visible lines) rows.

Fast and in-process: each row reads a few lines with `read_markdown` and states what a reader of
the page Python-Markdown renders sees (each row is also checked against that rendering, so a row
cannot state a wrong expectation). At least one row per block rule of the reader.
"""

from __future__ import annotations

import markdown
import pytest

from conftest import MATERIAL_EXTENSIONS, MKDOCS_EXTENSIONS
from mkdocs_spec_plugin.engine.html_reader import read_html
from mkdocs_spec_plugin.engine.markdown_reader import read_markdown
from mkdocs_spec_plugin.engine.model import Section
from mkdocs_spec_plugin.engine.profile import MarkdownProfile

PLAIN, MATERIAL = MKDOCS_EXTENSIONS, MATERIAL_EXTENSIONS

Row = tuple[str, str, list[str], list[tuple[int, str]], list[str]]

# (rule, Markdown, extensions, headings, visible lines of the whole page)
ROWS: list[Row] = [
    ("md-in-html", '<div markdown="1">\n## Inside\n</div>', MATERIAL, [(2, "Inside")], []),
    ("md-in-html-off", '<div markdown="0">\n## Inside\n</div>', MATERIAL, [], ["## Inside"]),
    ("md-in-html-class", '<div class="markdown">\n## In\n</div>', MATERIAL, [], ["## In"]),
    ("atx", "# One\n## Two ##\n###Three", PLAIN, [(1, "One"), (2, "Two"), (3, "Three")], []),
    ("atx-seven-hashes", "####### Seven", PLAIN, [(6, "# Seven")], []),
    ("atx-indented-is-text", "  ## Not a heading", PLAIN, [], ["## Not a heading"]),
    ("atx-attr-list", "## Title {#anchor}", MATERIAL, [(2, "Title")], []),
    ("setext", "Title\n=====\nSub\n---\ntext", PLAIN, [(1, "Title"), (2, "Sub")], ["text"]),
    ("setext-second-line-is-a-rule", "one\ntwo\n---", PLAIN, [], ["one", "two"]),
    (
        "setext-over-definition",
        "[a]\n\n[a]: http://x\n---",
        PLAIN,
        [(2, "[a]: http://x")],
        ["[a]"],
    ),
    ("setext-over-second-definition", "[a]: x\n[b]: y\n===\n[b]", PLAIN, [], ["===", "b"]),
    (
        "setext-over-abbreviation",
        "*[HTML]: Hyper Text\n---",
        MATERIAL,
        [(2, "*[HTML]: Hyper Text")],
        [],
    ),
    ("paragraph", "Some *emphasis* and `code`", PLAIN, [], ["Some emphasis and code"]),
    ("lone-emphasis-marker", "## *Draft\n_draft", PLAIN, [(2, "*Draft")], ["_draft"]),
    ("horizontal-rule", "a\n\n* * *\n\nb", PLAIN, [], ["a", "b"]),
    ("fence", "```\n# not a heading\n```\n## After", PLAIN, [(2, "After")], ["# not a heading"]),
    ("fence-tilde", "~~~python\n## code\n~~~", PLAIN, [], ["## code"]),
    ("fence-unclosed-is-text", "```\n## Title", PLAIN, [(2, "Title")], ["```"]),
    ("fence-in-list", "- item\n\n    ```\n    # code\n    ```", MATERIAL, [], ["item", "# code"]),
    ("fence-title", '``` title="app.py"\nx = 1\n```', MATERIAL, [], ["app.py", "x = 1"]),
    (
        "fence-underlined-is-a-heading-of-its-code",
        "```\na `b` <C> **d**\n```\n---",
        MATERIAL,
        [(2, "a `b` <C> **d**")],
        [],
    ),
    (
        "superfences-unclosed-hides-later-fences",
        "<!--\n```\n-->\n\n- item\n\n    ```\n    # code\n    ```",
        MATERIAL,
        [(1, "code")],
        ["item", "```", "```"],
    ),
    (
        "superfences-quote-less-prefixed-abandons",
        "  > ```\n> ```\n  > ```\n\n```\n## Shown\n```",
        MATERIAL,
        [(2, "Shown")],
        ["```", "```", "```", "```", "```"],
    ),
    (
        "superfences-quote-more-prefixed",
        "> ```\n  > ## Q\n  > ```",
        MATERIAL,
        [(2, "Q")],
        ["```", "```"],
    ),
    ("indented-code", "text\n\n    # not a heading", PLAIN, [], ["text", "# not a heading"]),
    ("comment", "<!--\n## Hidden\n-->\n## Shown", PLAIN, [(2, "Shown")], []),
    ("comment-then-text", "<!-- note --> Real text", PLAIN, [], ["Real text"]),
    ("comment-then-underlined-text", "t\n<!-- c --> T\n---", PLAIN, [(2, "T")], ["t"]),
    ("comment-lines-then-underlined-text", "<!--\nc\n--> T\n===", PLAIN, [(1, "T")], []),
    ("comment-unclosed-is-text", "<!-- open\n\n## Title", PLAIN, [(2, "Title")], ["<!-- open"]),
    ("raw-html", "<div>\n## Not a heading\n</div>", PLAIN, [], ["## Not a heading"]),
    ("raw-html-heading", "<h2>From HTML</h2>", PLAIN, [(2, "From HTML")], []),
    ("raw-html-heading-as-written", "<h2>A *b* `c`</h2>", PLAIN, [(2, "A *b* `c`")], []),
    ("raw-html-heading-tags", "<h3>A <b>b</b> &amp; [c](d)</h3>", PLAIN, [(3, "A b & [c](d)")], []),
    ("raw-html-heading-markdown", "<h2 markdown>A *b*</h2>", MATERIAL, [(2, "A b")], []),
    ("raw-html-invisible", "<script>\nvar a = 1;\n</script>", PLAIN, [], []),
    ("md-in-html", "<div markdown>\n\n## Inside\n\n</div>", MATERIAL, [(2, "Inside")], []),
    ("md-in-html-closed", "<div markdown>\n\nx\n\n</div>\n---", MATERIAL, [], ["x"]),
    (
        "md-in-html-closed-then-setext",
        "<div markdown>\n\nx\n\n</div>\nTitle\n---",
        MATERIAL,
        [(2, "Title")],
        ["x"],
    ),
    ("admonition", '!!! note "Heads up"\n    ## Inner', MATERIAL, [(2, "Inner")], ["Heads up"]),
    ("admonition-default-title", "??? tip\n    body", MATERIAL, [], ["Tip", "body"]),
    (
        "admonition-without-extension",
        '!!! note "Heads up"\n    text',
        PLAIN,
        [],
        ['!!! note "Heads up"', "text"],
    ),
    (
        "admonition-ends-its-list",
        "!!! tip\n    - a\nb\n2. c\n\n    # code",
        MATERIAL,
        [],
        ["Tip", "a", "b", "2. c", "# code"],
    ),
    ("tabbed", '=== "Tab"\n\n    ## In a tab', MATERIAL, [(2, "In a tab")], ["Tab"]),
    (
        "table",
        "| a | b |\n|---|---|\n## row | x",
        PLAIN,
        [],
        ["| a | b |", "|---|---|", "## row | x"],
    ),
    (
        "table-below-definition",
        "[r]: http://x\n| a | b |\n|---|---|\n## T\n| c | d |",
        PLAIN,
        [(2, "T")],
        ["| a | b |", "|---|---|", "| c | d |"],
    ),
    ("reference-definition", "[ref]: http://x.org\n\nSee [ref].", PLAIN, [], ["See ref."]),
    (
        "table-holds-a-superfence",
        "| a | b |\n|---|---|\n~~~\nx\n~~~\n## row",
        MATERIAL,
        [],
        ["| a | b |", "|---|---|", "x", "## row"],
    ),
    (
        "table-below-rule",
        "***\n| a | b |\n--- | ---\n## T",
        PLAIN,
        [(2, "T")],
        ["| a | b |", "--- | ---"],
    ),
    (
        "table-below-setext-heading",
        "S\n---\n| a | b |\n|---|---|\n## T",
        PLAIN,
        [(2, "S"), (2, "T")],
        ["| a | b |", "|---|---|"],
    ),
    (
        "table-below-abbreviation",
        "*[HTML]: Hyper\n| a | b |\n|---|---|\n## T",
        MATERIAL,
        [(2, "T")],
        ["| a | b |", "|---|---|"],
    ),
    (
        "table-row-of-inline-html",
        "| a | b |\n|---|---|\n<Name> x\n## row",
        PLAIN,
        [],
        ["| a | b |", "|---|---|", "x", "## row"],
    ),
    (
        "table-ended-by-block-html",
        "| a | b |\n|---|---|\n<div>x</div>\n## T",
        PLAIN,
        [(2, "T")],
        ["| a | b |", "|---|---|", "x"],
    ),
    ("setext-dashes-below-definition", "[r]: http://x\nTitle\n--", PLAIN, [(2, "Title")], []),
    (
        "table-below-tab-and-definition",
        '=== "T"\n\n    a\n\n[r]: x\n| b | c |\n|---|---|\n## D',
        MATERIAL,
        [(2, "D")],
        ["T", "a", "| b | c |", "|---|---|"],
    ),
    ("quote-takes-a-line-over-a-rule", "> ## A\nB\n---", PLAIN, [(2, "A")], ["B"]),
    ("quote-takes-lazy-lines-over-an-underline", "> a\nB\n===", PLAIN, [], ["a", "B", "==="]),
    ("fence-indented-underlined", "  ```\n  x\n  ```\n---", MATERIAL, [(2, "x")], []),
    ("setext-twice", "A\n---\nB\n---", PLAIN, [(2, "A"), (2, "B")], []),
    ("rule-below-definition-and-heading", "[r]: x\nA\n--\nB\n---", PLAIN, [(2, "A")], ["B"]),
    (
        "rule-below-definition-and-admonition",
        "!!! note\n    a\n[r]: x\nB\n---",
        MATERIAL,
        [],
        ["Note", "a", "B"],
    ),
    (
        "reference-links",
        "[r]: http://x\n\n## A [b] [r] c\n[x][nope] [y] [r] [z][]",
        PLAIN,
        [(2, "A b c")],
        ["[x][nope] y [z][]"],
    ),
    ("image-in-heading", "## A ![i](x.png) b", PLAIN, [(2, "A b")], []),
    ("definition-in-list", "- a\n\n[r]: http://x\n    ## T", PLAIN, [(2, "T")], ["a"]),
    ("definition-ends-list", "- a\n\n[r]: http://x\nb\n\n    ## T", PLAIN, [], ["a", "b", "## T"]),
    ("abbreviation-in-list", "- a\n\n*[HTML]: Hyper\n    ## T", MATERIAL, [(2, "T")], ["a"]),
    ("footnote", "Text[^1]\n\n[^1]: A note.", MATERIAL, [], ["Text1"]),
    ("footnote-takes-indented", "- a\n\n[^1]: note\n    ## T", MATERIAL, [], ["a"]),
    (
        "definition-keeps-admonition",
        "!!! note\n    a\n\n[r]: http://x\n\n    ## T",
        MATERIAL,
        [(2, "T")],
        ["Note", "a"],
    ),
    (
        "definition-in-admonition-block",
        "!!! note\n    a\n[r]: http://x\n\n    ## T",
        MATERIAL,
        [(2, "T")],
        ["Note", "a"],
    ),
    (
        "definition-then-text-ends-admonition",
        "!!! note\n    a\n[r]: http://x\nb\n\n    ## T",
        MATERIAL,
        [],
        ["Note", "a", "b", "## T"],
    ),
    (
        "abbreviation-keeps-admonition",
        "!!! note\n    a\n\n*[HTML]: Hyper\n\n    ## T",
        MATERIAL,
        [(2, "T")],
        ["Note", "a"],
    ),
    (
        "footnote-keeps-tab",
        '=== "Tab"\n\n    a\n\n[^1]: note\n\n\n    ## T',
        MATERIAL,
        [(2, "T")],
        ["Tab", "a"],
    ),
    ("footnote-keeps-list", "- a\n\n[^1]: note\n\n\n    ## T", MATERIAL, [(2, "T")], ["a"]),
    ("footnote-takes-its-block", "[^1]: note\nmore\n- ## Not\n\nText[^1]", MATERIAL, [], ["Text1"]),
    ("footnote-takes-its-block-items", "T[^1]\n\n[^1]: note\n- ## Not", MATERIAL, [], ["T1"]),
    (
        "footnote-takes-indented-blocks",
        "[^1]: note\n\n    x\n- ## Not\n\n## After",
        MATERIAL,
        [(2, "After")],
        [],
    ),
    (
        "footnote-not-after-two-blank-lines",
        "[^1]: note\n\n\n    x\n- ## Shown",
        MATERIAL,
        [(2, "Shown")],
        ["x"],
    ),
    (
        "footnote-in-item-takes-no-blocks",
        "- a\n\n    [^1]: note\n\n        x\n    - ## In",
        MATERIAL,
        [(2, "In")],
        ["a", "x"],
    ),
    (
        "footnote-cut-by-heading",
        "[^1]: note\nmore\n## Shown\n- ## Too",
        MATERIAL,
        [(2, "Shown"), (2, "Too")],
        [],
    ),
    ("footnote-cut-by-quote", "[^1]: note\nx\n> ## Q", MATERIAL, [(2, "Q")], []),
    ("footnote-cut-by-tab", '[^1]: note\n=== "Tab"\n\n    ## In', MATERIAL, [(2, "In")], ["Tab"]),
    ("footnote-undefined", "## Text [^1]", MATERIAL, [(2, "Text [^1]")], []),
    ("abbreviation", "*[HTML]: Hyper Text", MATERIAL, [], []),
    ("block-attr-list", "Para\n{: .note }", MATERIAL, [], ["Para"]),
    ("list-item-heading", "- ## In a list", PLAIN, [(2, "In a list")], []),
    (
        "list-item-heading-then-lazy-line",
        "- ## A\nlazy\n        - ## B",
        PLAIN,
        [(2, "A")],
        ["lazy", "- ## B"],
    ),
    ("list-nested-markers", "- 1. Step", PLAIN, [], ["Step"]),
    ("list-task-box", "- [ ] To do\n- [x] Done", PLAIN, [], ["[ ] To do", "[x] Done"]),
    ("list-continuation-is-text", "- item\n    ## Title", PLAIN, [], ["item", "## Title"]),
    ("list-later-block", "- item\n\n    ## Title", PLAIN, [(2, "Title")], ["item"]),
    ("list-deep-marker-is-text", "- a\n        - ## b", PLAIN, [], ["a", "- ## b"]),
    ("list-cannot-interrupt", "para\n- ## b", PLAIN, [], ["para", "- ## b"]),
    ("list-lazy-after-heading", "- ## A\ntext\n\n    # B", PLAIN, [(2, "A"), (1, "B")], ["text"]),
    (
        "list-lazy-line-in-later-block",
        "+ a\n\n    ## I\n1. - b\n    ## F",
        PLAIN,
        [(2, "I"), (2, "F")],
        ["a", "b"],
    ),
    (
        "list-lazy-underline",
        "1. a\n\n    ## C\n[N] x\n  ====",
        PLAIN,
        [(2, "C")],
        ["a", "[N] x", "===="],
    ),
    ("list-lazy-line-then-html", "- a\n\n    b\n<h2>T</h2>", PLAIN, [(2, "T")], ["a", "b"]),
    ("list-heading-then-block", "- ## A\n    b\n    ## C", PLAIN, [(2, "A"), (2, "C")], ["b"]),
    (
        "list-heading-deep-marker",
        "+ ## A\n    b\n        2. ## F",
        PLAIN,
        [(2, "A")],
        ["b", "2. ## F"],
    ),
    ("list-heading-then-lazy", "- ## A\n  b\n    ## C", PLAIN, [(2, "A")], ["b", "## C"]),
    (
        "list-heading-next-item",
        "- ## A\n    b\n- c\n    ## D",
        PLAIN,
        [(2, "A")],
        ["b", "c", "## D"],
    ),
    ("setext-over-list-item", "- a\n---", PLAIN, [(2, "- a")], []),
    ("list-ended-by-rule", "- a\nb\n---\n\n    # code", PLAIN, [], ["a", "b", "# code"]),
    ("quote", "> ## Quoted\n> text", PLAIN, [(2, "Quoted")], ["text"]),
    (
        "quote-empty-line-then-code",
        "> >\n    code\n```\n## Shown\n```",
        MATERIAL,
        [(2, "Shown")],
        ["code", "```", "```"],
    ),
    ("quote-empty-line-then-item", ">\n- ## Item", PLAIN, [(2, "Item")], []),
    ("quote-empty-line-lazy-rule", "> a\n>\nTitle\n---", PLAIN, [], ["a", "Title"]),
    ("quote-lazy-item-heading", "> # A\n- # B\n", PLAIN, [(1, "A"), (1, "B")], []),
    ("quote-lazy-item", "> ## D\n* > e\n\n    ## S", PLAIN, [(2, "D")], ["e", "## S"]),
    (
        "quote-item-nested-item",
        "2. > a\n    - ## F\n        ## T",
        PLAIN,
        [(2, "F"), (2, "T")],
        ["a"],
    ),
    (
        "quote-ended-by-html",
        "> q\n<div>x</div>\n- a\n\n    ## T",
        PLAIN,
        [(2, "T")],
        ["q", "x", "a"],
    ),
    ("placeholders", "## [Name]\n<Name> here", PLAIN, [(2, "[Name]")], ["here"]),
]


def _headings(sections: list[Section]) -> list[tuple[int, str]]:
    return [(s.heading.level, s.heading.title) for s in sections if s.heading is not None]


def _lines(sections: list[Section]) -> list[str]:
    return [line for section in sections for line in section.lines]


@pytest.mark.parametrize(
    ("source", "extensions", "headings", "lines"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_rule(
    source: str, extensions: list[str], headings: list[tuple[int, str]], lines: list[str]
) -> None:
    sections = read_markdown(source, profile=MarkdownProfile.from_extensions(extensions))
    assert (_headings(sections), _lines(sections)) == (headings, lines)
    rendered = read_html(markdown.Markdown(extensions=extensions).convert(source))
    assert _headings(rendered) == headings


def test_lines_are_numbered_from_the_first_line() -> None:
    sections = read_markdown("intro\n\n## Title\nbody", first_line=5)
    assert [s.heading.line for s in sections if s.heading] == [7]
    assert (sections[1].start, sections[1].end) == (8, 9)
