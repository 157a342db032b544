"""Read a page's sections from the HTML that Python-Markdown rendered.

The plugin judges what MkDocs already rendered: the headings a reader sees (including those produced
by extensions) and the text under each. It runs on every page of every build, so the work is done by
a few regular-expression passes over the whole page (in C), not by a parser stepping through tags in
Python: the HTML Python-Markdown writes is well-formed, with block elements on lines of their own.
No tree is built, nothing is rendered again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from html import unescape

from .model import Heading, Section
from .profile import BREAK_TAGS, EMBED_TAGS, EMBED_WORD, INVISIBLE_TAGS, is_placeholder_tag
from .text import collapse


def _prefix_tree(names: Iterable[str]) -> str:
    """An alternation of names, nested by their common first letters (`d(?:d|iv|l|t)`): the
    regular-expression engine tries every branch of a flat one at each `<` of the page."""
    by_first: dict[str, set[str]] = {}
    for name in names:
        by_first.setdefault(name[0], set()).add(name[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        ends = "" in rests
        rests.discard("")
        tail = _prefix_tree(rests) if rests else ""
        branches.append(re.escape(first) + (f"(?:{tail})?" if ends and tail else tail))
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


_BREAKS = _prefix_tree(BREAK_TAGS)
_EMBEDS = "|".join(sorted(EMBED_TAGS - {"svg"}))


def _hidden(mark: str, tag: str, attribute: str) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """A hidden element: its marker, the element (a `tag` whose attributes match `attribute`)
    and its last closing tag (see _last_end). The attributes are searched from the left: the
    element ends at the tag's `>` either way, and most tags of a page are not the one sought."""
    return (
        mark,
        re.compile(rf"<{tag}\b[^>]*?{attribute}[^>]*>.*?</{tag}\s*>", re.DOTALL),
        _last(rf"</{tag}\s*>"),
    )


def _last(closer: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern whose match ends where the last match of `closer` ends: from the end of the
    page back to it, in one call (a closer holds one `<`, so its matches never overlap)."""
    return re.compile(rf"(?s:.*){closer}", flags)


# What a reader never sees: comments, scripts and styles, the permalink of a heading, footnotes
# (they sit at the end of the page, not in the section that cites them), code line numbers. Each
# pattern runs only when its marker is on the page: most pages have none of them. The last item
# is the element's closing tag (see _sub_closed); None when the pattern also ends at the page's end.
_HIDDEN: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("<!--", re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), None),
    _hidden("headerlink", "a", r"\bheaderlink\b"),
    _hidden("footnote", "div", r'\bclass="footnote"'),
    # A `td` of line numbers never holds a `span` of them (nor the reverse): one pass per tag.
    _hidden("linenos", "td", r"\blinenos\b"),
    _hidden("linenos", "span", r"\blinenos\b"),
)
_INVISIBLE_RE = re.compile(
    rf"<({'|'.join(sorted(INVISIBLE_TAGS))})\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
# Which of the passes below a page needs, found in one search (on the lower-cased page).
_MARKS_RE = re.compile(rf"<({_prefix_tree(INVISIBLE_TAGS | EMBED_TAGS | {'input'})})\b")
# pymdownx.tasklist's box (in Material's label when custom_checkbox is on), read as the Markdown
# reader reads the source: `[x] Tests`, so a ticked box is the author's and a copied one is not.
_TASK_BOX_RE = re.compile(
    r'(?:<label class="task-list-control">)?<input\b[^>]*\btype="checkbox"([^>]*)>'
    r'(?:<span class="task-list-indicator"></span></label>)?\s*'
)
_SVG_RE = re.compile(r"<svg\b.*?(?:</svg\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_EMBED_RE = re.compile(rf"<(?:{_EMBEDS})\b[^>]*>", re.IGNORECASE)
_HEADING_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_HEADING_OPEN = {level: re.compile(rf"<h{level}\b", re.IGNORECASE) for level in "123456"}
_HEADING_CLOSE = {level: _last(rf"</h{level}\s*>", re.IGNORECASE) for level in "123456"}
_ROW_RE = re.compile(r"<tr\b[^>]*>.*?</tr\s*>", re.DOTALL | re.IGNORECASE)
_ROW_CLOSE_RE = _last(r"</tr\s*>", re.IGNORECASE)
_CELL_RE = re.compile(r"<t[dh]\b[^>]*>", re.IGNORECASE)
# Python-Markdown writes tags in lower case; the slower case-blind pattern is for pages where an
# author wrote raw HTML in capitals.
_BREAK_RE = re.compile(rf"</?(?:{_BREAKS})(?=[\s/>])[^>]*>")
_ANY_CASE_BREAK_RE = re.compile(_BREAK_RE.pattern, re.IGNORECASE)
_CAPITAL_TAG_RE = re.compile(r"</?[A-Z]")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*>")
_BARE_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")  # the same matches, with no groups to fill
_EMBED_TEXT = f" {EMBED_WORD} "


def _last_end(last: re.Pattern[str], html: str) -> int:
    """Where the last closing tag ends (0 when there is none); `last` is made by _last."""
    match = last.match(html)
    return match.end() if match is not None else 0


def _sub_closed(
    pattern: re.Pattern[str],
    closer: re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str],
    html: str,
) -> str:
    """`pattern.sub(repl, html)` for an element pattern `<x ...>.*?</x>`, with the same result.

    An opening tag after the last closing tag never matches, but the search from it scans the rest
    of the page: thousands of unclosed `<tr>` or `<a class="headerlink">` that an author's raw HTML
    left on a page took quadratic time (20,000 of them, 5 to 25 s). Nothing after the last closing
    tag can be part of a match, so the search stops there."""
    cut = _last_end(closer, html)
    return pattern.sub(repl, html[:cut]) + html[cut:] if cut else html


def _hide_unclosed_headings(html: str) -> str:
    """Rename the `<hN` openings that no `</hN>` follows to `<s`, so the heading search never
    scans the rest of the page from each (see _sub_closed). `s` reads the same: a known tag, not a
    break, its text kept; `<hN-x>` becomes `<s-x>`, unknown either way."""
    for level in "123456":
        cut = _last_end(_HEADING_CLOSE[level], html)
        opening = _HEADING_OPEN[level]
        if opening.search(html, cut):
            html = html[:cut] + opening.sub("<s", html[cut:])
    return html


def _task_box(match: re.Match[str]) -> str:
    return "[x] " if re.search(r"\bchecked\b", match.group(0)) else "[ ] "


def _row(match: re.Match[str]) -> str:
    # A table row is one line, its cells apart, as in the Markdown source.
    return "\n" + _CELL_RE.sub(" ", match.group(0)).replace("\n", " ") + "\n"


def _heading(level: str, inner: str) -> Heading:
    # The pages of a site repeat their templates' headings: each is read once (a Heading is
    # frozen, so pages share it); a long one is not kept.
    return _known_heading(level, inner) if len(inner) <= 300 else _title(int(level), inner)


@functools.lru_cache(maxsize=4096)
def _known_heading(level: str, inner: str) -> Heading:
    return _title(int(level), inner)


def _title(level: int, inner: str) -> Heading:
    """A heading's visible text, whether an unknown tag (`<Algorithm Name>`) was in it, and then
    its text with those tags kept. An image in a heading is not part of its name."""
    if EMBED_WORD in inner:
        inner = inner.replace(EMBED_WORD, "")
    if "<" not in inner:
        return Heading(level, _visible(inner))
    tags = _TAG_RE.findall(inner, 0, inner.rfind(">") + 1)  # no tag ends after the last `>`
    hidden = any(not end and is_placeholder_tag(name) for end, name in tags)
    # `## Open<br>Questions` is one heading: a break is a space; other tags are nothing.
    inner = _ANY_CASE_BREAK_RE.sub(" ", inner)
    text = _sub_tags("", inner)
    kept = _sub_tags(_unknown_tag, inner) if hidden else ""
    return Heading(level, _visible(text), None, hidden, "", _visible(kept))


def _visible(text: str) -> str:
    return collapse(unescape(text) if "&" in text else text)


def _unknown_tag(match: re.Match[str]) -> str:
    return match.group(0) if not match.group(1) and is_placeholder_tag(match.group(2)) else ""


def _sub_tags(repl: str | Callable[[re.Match[str]], str], text: str) -> str:
    """`_TAG_RE.sub(repl, text)`, with the same result. No tag ends after the last `>`: from each
    `<` there the search would scan (and backtrack over) the rest of the text, and raw HTML of
    `<a<a<a...` took cubic time (4,000 of them: a minute)."""
    cut = text.rfind(">") + 1
    tags = _TAG_RE if callable(repl) else _BARE_TAG_RE
    return tags.sub(repl, text[:cut]) + text[cut:] if cut else text


def _lines(body: str, breaks: re.Pattern[str]) -> list[str]:
    if "<" in body:
        body = breaks.sub("\n", body)
        body = _sub_tags("", body)
    if "&" in body:
        body = unescape(body)
    # Most lines are blank (each closing tag left one): passed over without a call.
    return [collapse(line) for line in body.split("\n") if line.strip()]


def read_html(html: str) -> list[Section]:
    """Split rendered page content into sections of visible text, in document order."""
    for mark, pattern, closer in _HIDDEN:
        if mark in html:
            html = (
                pattern.sub("", html) if closer is None else _sub_closed(pattern, closer, "", html)
            )
    lowered = html.lower()
    marks = set(_MARKS_RE.findall(lowered))
    if marks & INVISIBLE_TAGS:
        html = _INVISIBLE_RE.sub("", html)
    if "input" in marks:
        html = _TASK_BOX_RE.sub(_task_box, html)
    if "svg" in marks:
        html = _SVG_RE.sub(_EMBED_TEXT, html)
    if marks & EMBED_TAGS:
        html = _EMBED_RE.sub(_EMBED_TEXT, html)
    breaks = _ANY_CASE_BREAK_RE if _CAPITAL_TAG_RE.search(html) else _BREAK_RE
    if "<tr" in html:
        html = _sub_closed(_ROW_RE, _ROW_CLOSE_RE, _row, html)
    if lowered.count("<h") > lowered.count("</h"):  # an `<hN>` without its `</hN>`, or `<hr>`
        html = _hide_unclosed_headings(html)
    sections = [Section(None)]
    position = 0
    for match in _HEADING_RE.finditer(html):
        sections[-1].lines = _lines(html[position : match.start()], breaks)
        sections.append(Section(_heading(match.group(1), match.group(2))))
        position = match.end()
    sections[-1].lines = _lines(html[position:], breaks)
    return sections
