"""Text rules shared by templates and pages: names, placeholders, and what a line "says".

Both page readers (Markdown source and rendered HTML) reduce a section to visible text lines; every
judgement is made on those lines through the functions here, so the two readers agree by
construction wherever they see the same text.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from markdown import inlinepatterns

from .profile import EMBED_TAGS, EMBED_WORD, INVISIBLE_TAGS, is_placeholder_tag

# Placeholder delimiters used when a template does not set its own.
DEFAULT_PLACEHOLDERS: tuple[tuple[str, str], ...] = (("[", "]"), ("<", ">"))

# `1.`, `2.3`, `2.3.`, `1)`, `A.`, `A.1`, `IV.` in front of a heading: not part of its name.
_NUMBERING_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Za-z](?:\.\d+)*[.)]|[IVXLCivxlc]+\.)(?=\s)\s*"
)
_OPTIONAL_SUFFIX_RE = re.compile(r"\s*[(\[]\s*optional\s*[)\]]\s*$", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W_]+")
# A comment that says its section is optional: "optional" in its first sentence, not negated
# (`<!-- optional -->`, `<!-- This is an optional element. Feel free to remove. -->`).
_SAYS_OPTIONAL_RE = re.compile(r"^[^.!?;:\n]*?(?<!non-)(?<!not )\boptional\b", re.IGNORECASE)
# A task-list box at the start of a list item's text: `[ ] Feature gate`, `[x] Tests`.
_TASK_BOX_RE = re.compile(r"^\[[ xX]\](?=\s)")

# Python-Markdown's own inline patterns, so this reader follows the installed version exactly: text
# that HTML_RE matches is passed through as a tag, and a reader of the rendered page never sees it.
_RAW_TAG_RE = re.compile(inlinepatterns.HTML_RE, re.DOTALL)
_TAG_NAME_RE = re.compile(r"(/?)([a-zA-Z][^\s\"'<>@/]*)")
_AUTOLINK_RE = re.compile(inlinepatterns.AUTOLINK_RE)
_AUTOMAIL_RE = re.compile(inlinepatterns.AUTOMAIL_RE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_SPAN_RE = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~:])")
# Links and images. Every repeated part excludes the bracket that opens the next try, so that a
# line of unclosed `[` (or `![`, or `[x](`) costs linear time, not quadratic: each try stops at
# the next opener instead of scanning to the end of the line. Link text may hold one level of
# brackets (`[a [b] c](url)`) and a URL one level of parentheses (Wikipedia's `Foo_(bar)`). An
# `<...>` part of a URL is read one way only (`<` without its `>` is a plain character): read
# two ways, `[a](<><><>...` took exponential time.
_TEXT = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
_URL = r"\((?:<[^<>]*>|<(?![^<>]*>)|[^()<]|\([^()]*\))*\)"
# `[text][label]`, `[text] [label]` (one space or line break between) and `[text][]` (the text
# is the label): a link only where the page defines the label, as written otherwise.
_REFERENCE = r"\s?\[([^\[\]]*)\]"
_IMAGE_RE = re.compile(rf"!{_TEXT}{_URL}")
_IMAGE_REFERENCE_RE = re.compile(rf"!{_TEXT}{_REFERENCE}")
_LINK_RE = re.compile(rf"{_TEXT}{_URL}")
_LINK_REFERENCE_RE = re.compile(rf"{_TEXT}{_REFERENCE}")
_FOOTNOTE_REF_RE = re.compile(r"\[\^([^\[\]\s]+)\]")
_SHORT_REF_RE = re.compile(r"\[([^\[\]\n]+)\]")  # `[label]`: a link when the page defines it
# Emphasis delimiters: a run that opens before a character or closes after one. A lone `*` between
# spaces is text, as Python-Markdown shows it.
_EMPHASIS_RE = re.compile(r"(?<![\w\\])[*_]+(?=\S)|(?<=\S)[*_]+(?![\w])")
# `~~struck~~` and `~sub~` (pymdownx.tilde) only as a pair around text: Python-Markdown itself has
# no `~` syntax, and a lone run (`~~~python` under an underline) is shown as written. The text may
# hold no `~`, so a line of unpaired openers costs linear time.
_TILDE_RE = re.compile(r"(?<!~)(~{1,2})(?=[^\s~])([^~]*?[^\s~])\1(?!~)")
_PROTECT_RE = re.compile("\x02(\\d+)\x03")

# To-do markers (PRODUCT.md): a line that is only one of them, or that begins with one of the words
# and a colon (`TODO: link the design`). An explicit answer (`N/A`, `None yet.`) is content.
_TODO_WORDS = r"tbd|tba|todo|fixme|wip"
_UNDONE_RE = re.compile(
    rf"^\W*(?:(?:{_TODO_WORDS})\W*|(?:{_TODO_WORDS})\s*:.*|(?:\.\.\.|…|\?)[\s.…?]*)$",
    re.IGNORECASE | re.DOTALL,
)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim (str.split: several times faster than a
    regular expression, and it splits on the same Unicode whitespace)."""
    # Most lines are clean already; every whitespace character but the space is unprintable, so
    # this test (in C) spares them the split and join.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def strip_numbering(title: str) -> str:
    """Drop a leading section number (`1.`, `2.3`, `A.`) from a heading title."""
    return _NUMBERING_RE.sub("", title, count=1).strip()


def split_optional(title: str) -> tuple[str, bool]:
    """Split an `(Optional)` suffix off a title; return the title and whether it was there."""
    stripped = _OPTIONAL_SUFFIX_RE.sub("", title)
    return stripped, stripped != title


def says_optional(comment: str) -> bool:
    """Whether an HTML comment's text says that its section is optional."""
    return _SAYS_OPTIONAL_RE.search(comment.strip()) is not None


@functools.lru_cache(maxsize=1)
def _unicode_tables() -> tuple[dict[int, None], re.Pattern[str]]:
    """Format characters (zero-width joiners, soft hyphens) to drop, and a word pattern in which
    combining marks belong to the word they follow (a Devanagari vowel sign, a kana voicing mark
    that has no composed form). Built on first use: only text that is not ASCII needs them."""
    drop: dict[int, None] = {}
    ranges: list[list[int]] = []
    # Chained, not unpacked into a tuple: 200,000 ints at once left 3.7 MB in a build for good.
    for code in itertools.chain(range(0x80, 0x30000), range(0xE0000, 0xE0200)):
        category = unicodedata.category(chr(code))
        if category == "Cf":
            drop[code] = None
        elif category[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return drop, re.compile(rf"[^\W_](?:[^\W_]|[{marks}])*")


def fold(text: str) -> str:
    """Text compared without regard to case or Unicode form (NFKC and case folding, format
    characters dropped): `Café` typed with a combining accent, `İ` and `I`, a zero-width joiner."""
    if text.isascii():
        return text.lower()
    drop, _ = _unicode_tables()
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    # Case folding turns `İ` into `i` and a combining dot, which no other `i` has.
    return folded.translate(drop).replace("i\u0307", "i")


def words(text: str) -> list[str]:
    """The folded words of a text: letters and digits (with their combining marks) only, so
    markup never matters."""
    if text.isascii():
        return _WORD_RE.findall(text.lower())
    return _unicode_tables()[1].findall(fold(text))


# Pages of a site repeat their templates' headings: each distinct title is normalised once.
@functools.lru_cache(maxsize=8192)
def normalise_name(title: str) -> str:
    """The comparable form of a section title: numbering, case, punctuation and `&` ignored. A
    title without words (an emoji) is its symbols, so it matches only itself."""
    title, _ = split_optional(strip_numbering(collapse(title)))
    found = words(title.replace("&", " and "))
    if found:
        return " ".join(found)
    return "".join(ch for ch in fold(title) if not ch.isspace() and ch not in "\ufe0e\ufe0f")


def line_key(text: str) -> str:
    """What a line says, independent of markup: its words in order."""
    return " ".join(words(text))


def placeholder_pattern(delimiters: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    """A pattern matching one placeholder span, e.g. `[Describe it]` or `<Name>`.

    A span glued to a word or bracket before it is syntax, not a placeholder: `D[Database]` in a
    diagram, `List<String>`, `items[0]`.
    """
    parts = [
        f"{re.escape(o)}[^{re.escape(o)}{re.escape(c)}\\n]*{re.escape(c)}" for o, c in delimiters
    ]
    return re.compile(r"(?<![\w\])>])(?:" + "|".join(parts) + ")")


DEFAULT_PLACEHOLDER_RE = placeholder_pattern(DEFAULT_PLACEHOLDERS)


@functools.lru_cache(maxsize=8192)
def is_placeholder_title(title: str, pattern: re.Pattern[str]) -> bool:
    """True when a heading is made of one placeholder, after optional numbering."""
    title = strip_numbering(collapse(title))
    match = pattern.fullmatch(title)
    return match is not None


def without_task_box(text: str) -> str:
    """A line without the task-list box it starts with: a box is not a placeholder."""
    return _TASK_BOX_RE.sub("", text, count=1) if text[:1] == "[" else text


def placeholders(
    text: str, pattern: re.Pattern[str], labels: frozenset[str] = frozenset()
) -> Iterator[re.Match[str]]:
    """The placeholder spans of a line: not its task-list box, nor a `[label]` that a reference
    definition of the page or template gives a link."""
    text = without_task_box(text)
    for match in pattern.finditer(text):
        span = match.group(0)
        if span[0] == "[" and labels and label_key(span[1:-1]) in labels:
            continue
        yield match


def has_placeholder(
    text: str, pattern: re.Pattern[str], labels: frozenset[str] = frozenset()
) -> bool:
    return next(placeholders(text, pattern, labels), None) is not None


def without_placeholders(
    text: str, pattern: re.Pattern[str], labels: frozenset[str] = frozenset()
) -> str:
    """A line with its placeholder spans replaced by spaces."""
    text = without_task_box(text)
    if not labels:
        return pattern.sub(" ", text)
    parts, position = [], 0
    for match in placeholders(text, pattern, labels):
        parts.append(text[position : match.start()])
        position = match.end()
    return " ".join([*parts, text[position:]])


def is_todo(text: str) -> bool:
    """A to-do marker: `TBD`, `TODO: link the design`, `...`."""
    return _UNDONE_RE.match(text.strip()) is not None


def is_filler(text: str, pattern: re.Pattern[str], labels: frozenset[str] = frozenset()) -> bool:
    """True when a line says nothing of the author's: only placeholders, markup or a to-do."""
    rest = without_placeholders(text, pattern, labels)
    return not _WORD_RE.search(rest) or is_todo(rest)


_INVISIBLE_SPANS = tuple(
    (
        f"<{tag}",
        re.compile(rf"<{tag}\b[^>]*>.*?</{tag}\s*>", re.DOTALL | re.IGNORECASE),
        re.compile(rf"</{tag}\s*>", re.IGNORECASE),
    )
    for tag in sorted(INVISIBLE_TAGS)
)


def _drop_invisible(text: str) -> str:
    """Remove inline `<script>...</script>` and the like. As with comments, the search stops at
    the last closing tag, so openers repeated along a line cost linear time, not quadratic."""
    lowered = text.lower()
    for mark, span, close in _INVISIBLE_SPANS:
        if mark not in lowered:
            continue
        last = None
        for last in close.finditer(text):  # noqa: B007 - only the last one is wanted
            pass
        if last is not None:
            text = span.sub("", text[: last.end()]) + text[last.end() :]
            lowered = text.lower()
    return text


def _drop_comments(text: str) -> str:
    """Remove `<!-- ... -->` comments. No comment can end after the last `-->`, so the search
    stops there: an unclosed `<!--` repeated along a long line would otherwise rescan the rest of
    the line from each one (quadratic), where Python-Markdown takes linear time."""
    end = text.rfind("-->")
    if end < 0:
        return text
    return _COMMENT_RE.sub("", text[: end + 3]) + text[end + 3 :]


class InlineText:
    """The visible text of one line of Markdown inline content, as Python-Markdown renders it.

    `text` is what a reader sees; `hidden_placeholder` says an unknown tag (an angle-bracket
    placeholder) was swallowed as raw HTML.
    """

    __slots__ = ("hidden_placeholder", "keep_unknown", "text")

    def __init__(
        self, source: str, labels: frozenset[str] = frozenset(), keep_unknown: bool = False
    ) -> None:
        self.hidden_placeholder = False
        # A template's heading keeps its `<System>` placeholders: they mark where a mixed
        # heading (`Integration with <System>`) takes any text.
        self.keep_unknown = keep_unknown
        # STX/ETX mark protected spans below; one already in the text made the loop that puts
        # them back run forever. Python-Markdown drops both characters from its input too.
        source = source.replace("\x02", "").replace("\x03", "")
        protected: list[str] = []

        def protect(value: str) -> str:
            protected.append(value)
            return f"\x02{len(protected) - 1}\x03"

        # Order follows Python-Markdown's inline patterns: code spans, escapes, links, raw HTML.
        # Each pattern needs a character that the `in` test looks for far faster than a search.
        text = source
        if "`" in text:
            text = _CODE_SPAN_RE.sub(lambda m: protect(m.group(2).strip()), text)
        if "\\" in text:
            text = _ESCAPE_RE.sub(lambda m: protect(m.group(1)), text)
        if "<" in text:
            text = _drop_comments(text)
        if "[" in text:
            embed = f" {EMBED_WORD} "
            if labels:  # with none defined, every `[text][label]` is shown as written
                text = _IMAGE_REFERENCE_RE.sub(
                    lambda m: protect(embed) if _defined(m, labels) else m.group(0), text
                )
            text = _IMAGE_RE.sub(lambda m: protect(embed), text)
            # A footnote reference shows its number only when the page defines that footnote
            # (labels hold `^label` then); otherwise Python-Markdown shows `[^1]` as written.
            text = _FOOTNOTE_REF_RE.sub(
                lambda m: protect(m.group(1)) if fold(f"^{m.group(1)}") in labels else m.group(0),
                text,
            )
            if labels:
                text = _LINK_REFERENCE_RE.sub(
                    lambda m: m.group(1) if _defined(m, labels) else m.group(0), text
                )
            text = _LINK_RE.sub(lambda m: m.group(1), text)
            if labels:
                text = _SHORT_REF_RE.sub(
                    lambda m: m.group(1) if label_key(m.group(1)) in labels else m.group(0),
                    text,
                )
        if "<" in text:  # the patterns above only take characters away
            text = _AUTOLINK_RE.sub(lambda m: protect(m.group(1)), text)
            text = _AUTOMAIL_RE.sub(lambda m: protect(m.group(1)), text)
            text = _RAW_TAG_RE.sub(self._drop_tag, _drop_invisible(text))
        text = html.unescape(_without_emphasis(text))
        while "\x02" in text:
            text = _PROTECT_RE.sub(lambda m: protected[int(m.group(1))], text)
        self.text = collapse(text)

    def _drop_tag(self, match: re.Match[str]) -> str:
        tag = _TAG_NAME_RE.match(match.group(2))
        if tag is None:  # a comment, processing instruction or CDATA
            return ""
        name = tag.group(2).lower()
        if name in EMBED_TAGS and not tag.group(1):
            return f" {EMBED_WORD} "
        if name == "br":  # a line break separates words: `Monitoring<br>and Logging`
            return " "
        if is_placeholder_tag(name):
            self.hidden_placeholder = True
            if self.keep_unknown:
                return match.group(0)
        return ""


def _plain(text: str) -> bool:
    """Whether no inline pattern but emphasis has anything to do in a line. Eight `in` tests
    (each a C search) take a third of the time of one regular expression scanning the line."""
    return not (
        "`" in text
        or "[" in text
        or "<" in text
        or "&" in text
        or "\\" in text
        or "!" in text
        or "\x02" in text
        or "\x03" in text
    )


def _without_emphasis(text: str) -> str:
    if "~" in text:  # far faster than the search
        text = _TILDE_RE.sub(r"\2", text)
    if "*" in text or "_" in text:
        lone = _lone_run(text, "*") + _lone_run(text, "_")
        if lone:
            return _EMPHASIS_RE.sub(lambda m: m.group(0) if m.group(0)[0] in lone else "", text)
        return _EMPHASIS_RE.sub("", text)
    return text


def _lone_run(text: str, char: str) -> str:
    """`char` when all of its occurrences in a line make one run (`*[HTML]: ...`, `_draft`):
    emphasis needs a closing run, so Python-Markdown shows a lone one as written."""
    first = text.find(char)
    if first < 0:
        return ""
    last = text.rfind(char)
    return char if text.count(char, first, last + 1) == last + 1 - first else ""


def label_key(label: str) -> str:
    """A reference label as a page's definitions and its links are matched: `[My Label]` and
    `[my  label]` are one."""
    return fold(collapse(label))


def _defined(reference: re.Match[str], labels: frozenset[str]) -> bool:
    """Whether the page defines the label of a `[text][label]` match (`[text][]`: the text)."""
    return label_key(reference.group(2) or reference.group(1)) in labels


def read_inline(source: str, labels: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """The visible text of one line of inline Markdown, and whether an unknown tag (an
    angle-bracket placeholder) was swallowed as raw HTML: see `InlineText`. `labels` are the
    reference labels the page defines. Most lines of prose hold no markup at all, or only
    emphasis, and take a short way."""
    if _plain(source):
        return collapse(_without_emphasis(source)), False
    inline = InlineText(source, labels)
    return inline.text, inline.hidden_placeholder


def inline_text(source: str) -> str:
    return read_inline(source)[0]


def keys_of(lines: Iterable[str]) -> set[str]:
    """The non-empty line keys of some lines."""
    return {key for key in map(line_key, lines) if key}
