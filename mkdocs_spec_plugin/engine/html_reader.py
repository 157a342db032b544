"""Read a page's sections from the HTML that Python-Markdown rendered.

The plugin judges what MkDocs already rendered: the headings a reader sees (including those produced
by extensions) and the text under each. It runs on every page of every build, so the work is done by
a few regular-expression passes over the whole page (in C), not by a parser stepping through tags in
Python: the HTML Python-Markdown writes is well-formed, with block elements on lines of their own.
No tree is built, nothing is rendered again.
"""

from __future__ import annotations

import re
from html import unescape

from .model import Heading, Section
from .text import EMBED_TAGS, EMBED_WORD, collapse, is_placeholder_tag

_BREAKS = (
    "address|article|aside|blockquote|br|details|dd|div|dl|dt|fieldset|figcaption|figure|footer|"
    "form|header|hr|label|li|main|nav|ol|p|pre|section|summary|table|tbody|thead|tfoot|tr|ul|caption"
)
_EMBEDS = "|".join(sorted(EMBED_TAGS - {"svg"}))

# What a reader never sees: comments, scripts and styles, the permalink of a heading, footnotes
# (they sit at the end of the page, not in the section that cites them), code line numbers. Each
# pattern runs only when its marker is on the page: most pages have none of them.
_HIDDEN = (
    ("<!--", re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)),
    ("headerlink", re.compile(r"<a\b[^>]*\bheaderlink\b[^>]*>.*?</a\s*>", re.DOTALL)),
    ("footnote", re.compile(r"<div\b[^>]*\bclass=\"footnote\"[^>]*>.*?</div\s*>", re.DOTALL)),
    ("linenos", re.compile(r"<(td|span)\b[^>]*\blinenos\b[^>]*>.*?</\1\s*>", re.DOTALL)),
)
_INVISIBLE_RE = re.compile(
    r"<(script|style|template|math|head|title)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_INVISIBLE_MARKS = ("<script", "<style", "<template", "<math", "<head", "<title")
_SVG_RE = re.compile(r"<svg\b.*?(?:</svg\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_EMBED_RE = re.compile(rf"<(?:{_EMBEDS})\b[^>]*>", re.IGNORECASE)
_HEADING_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ROW_RE = re.compile(r"<tr\b[^>]*>.*?</tr\s*>", re.DOTALL | re.IGNORECASE)
_CELL_RE = re.compile(r"<t[dh]\b[^>]*>", re.IGNORECASE)
# Python-Markdown writes tags in lower case; the slower case-blind pattern is for pages where an
# author wrote raw HTML in capitals.
_BREAK_RE = re.compile(rf"</?(?:{_BREAKS})(?=[\s/>])[^>]*>")
_ANY_CASE_BREAK_RE = re.compile(_BREAK_RE.pattern, re.IGNORECASE)
_CAPITAL_TAG_RE = re.compile(r"</?[A-Z]")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*>")
_EMBED_TEXT = f" {EMBED_WORD} "


def _row(match: re.Match[str]) -> str:
    # A table row is one line, its cells apart, as in the Markdown source.
    return "\n" + _CELL_RE.sub(" ", match.group(0)).replace("\n", " ") + "\n"


def _title(inner: str) -> tuple[str, bool]:
    """A heading's visible text, and whether an unknown tag (`<Algorithm Name>`) was in it."""
    hidden = any(not end and is_placeholder_tag(name) for end, name in _TAG_RE.findall(inner))
    # `## Open<br>Questions` is one heading: a break is a space; other tags are nothing.
    text = _TAG_RE.sub("", _ANY_CASE_BREAK_RE.sub(" ", inner)) if "<" in inner else inner
    return collapse(unescape(text) if "&" in text else text), hidden


def _lines(body: str, breaks: re.Pattern[str]) -> list[str]:
    if "<" in body:
        body = breaks.sub("\n", body)
        body = _TAG_RE.sub("", body)
    if "&" in body:
        body = unescape(body)
    return [line for line in map(collapse, body.split("\n")) if line]


def read_html(html: str) -> list[Section]:
    """Split rendered page content into sections of visible text, in document order."""
    for mark, pattern in _HIDDEN:
        if mark in html:
            html = pattern.sub("", html)
    lowered = html.lower() if "<" in html else ""
    if any(mark in lowered for mark in _INVISIBLE_MARKS):
        html = _INVISIBLE_RE.sub("", html)
    if "<svg" in lowered:
        html = _SVG_RE.sub(_EMBED_TEXT, html)
    if any(f"<{tag}" in lowered for tag in EMBED_TAGS):
        html = _EMBED_RE.sub(_EMBED_TEXT, html)
    breaks = _ANY_CASE_BREAK_RE if _CAPITAL_TAG_RE.search(html) else _BREAK_RE
    if "<tr" in html:
        html = _ROW_RE.sub(_row, html)
    sections = [Section(None)]
    position = 0
    for match in _HEADING_RE.finditer(html):
        sections[-1].lines = _lines(html[position : match.start()], breaks)
        title, hidden = _title(match.group(2))
        sections.append(Section(Heading(int(match.group(1)), title, None, hidden)))
        position = match.end()
    sections[-1].lines = _lines(html[position:], breaks)
    return sections
