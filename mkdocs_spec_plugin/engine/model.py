"""Plain data classes: what readers extract, what templates hold, what judging says."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from .reasons import Reason
from .versions import join_ref

if TYPE_CHECKING:  # fields.py reads State from here
    from .fields import FieldSpec, FieldVerdict


@dataclass(frozen=True)
class Heading:
    """A heading as the reader of the page sees it."""

    level: int
    title: str  # visible text, markup removed
    line: int | None = None  # 1-based line in the source file; None when read from HTML
    hidden_placeholder: bool = False  # an `<Unknown Tag>` placeholder was swallowed as raw HTML
    source: str = ""  # the title as written in Markdown; empty when read from HTML
    # With `hidden_placeholder`: the title with its `<Unknown Tag>` placeholders kept, so that a
    # mixed template heading (`Integration with <System>`) can match it.
    with_placeholders: str = ""


@dataclass
class Section:
    """One heading and the visible text lines of its own body (up to the next heading).

    The first section of a document has no heading: it holds what comes before the first one.
    `start`/`end` are 1-based source lines of the body (end exclusive) when read from Markdown.
    """

    heading: Heading | None
    lines: list[str] = field(default_factory=list)
    hidden_lines: list[int] = field(default_factory=list)  # lines that lost an `<Unknown>` tag
    start: int | None = None
    end: int | None = None


@dataclass
class TemplateSection:
    """A required (or optional) slot of a template's section tree.

    A run of consecutive wildcard siblings (`[Component 1]`, `[Component 2]`) is one slot: "one or
    more headings of any title here", with the subsections of the first. `titles` keeps every
    heading of the run as a reader sees it (comments and markup removed, placeholders kept);
    `source` is the first as written, for `fix` to insert.
    """

    titles: list[str]
    level: int
    line: int
    wildcard: bool = False
    optional: bool = False
    # What made the slot optional: "suffix" (`(Optional)`), "comment" (`<!-- optional -->` in,
    # above or below the heading) or "front matter" (the template's `optional` list).
    optional_by: str | None = None
    names: frozenset[str] = frozenset()  # normalised name and aliases; empty for a wildcard
    # A heading that mixes words and placeholders (`Spike: [Spike Name]`) matches page names by
    # this pattern; `literal` is its words without the placeholders.
    name_pattern: re.Pattern[str] | None = None
    literal: str = ""
    source: str = ""
    guidance: list[str] = field(default_factory=list)  # the body as written, for new and fix
    keys: frozenset[str] = frozenset()  # line keys of the body: copies are not the author's text
    # Body lines that hold a placeholder: line key -> the line as the template writes it.
    placeholder_lines: dict[str, str] = field(default_factory=dict)
    children: list[TemplateSection] = field(default_factory=list)
    _subtree_keys: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _placeholder_words: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.titles[0]

    @property
    def subtree_keys(self) -> frozenset[str]:
        """The line keys of this section's body and of all its descendants' bodies, computed on
        first use (templates are complete by then) and kept: every judged page asks for them."""
        if self._subtree_keys is None:
            keys = set(self.keys)
            for child in self.children:
                keys |= child.subtree_keys
            self._subtree_keys = frozenset(keys)
        return self._subtree_keys

    @property
    def placeholder_words(self) -> tuple[str, ...]:
        """The longest word of each placeholder line's key: a page line that holds none of them
        cannot repeat a placeholder line, and needs no key of its own to tell (see `judge`)."""
        if self._placeholder_words is None:
            longest = {max(key.split(), key=len) for key in self.placeholder_lines}
            self._placeholder_words = tuple(sorted(longest))
        return self._placeholder_words

    def walk(self) -> Iterator[TemplateSection]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Template:
    """A document template: a title pattern and a tree of section slots."""

    id: str
    name: str
    description: str
    source: str  # "built-in" or the template file's path
    title: str | None
    sections: list[TemplateSection]
    placeholder_re: re.Pattern[str]
    text: str = ""  # the template's Markdown body, for `new`
    extends: str | None = None
    # Labels of the template's reference definitions: a page that keeps `[project/website]` from
    # the template keeps a link, not a placeholder.
    labels: frozenset[str] = frozenset()
    version: str | None = None  # None: the template has no versions

    @property
    def ref(self) -> str:
        """How a page names this version: `kep@2024`, or the bare id when unversioned."""
        return join_ref(self.id, self.version)

    fields: tuple[FieldSpec, ...] = ()  # the page metadata fields it declares (`fields.py`)

    def walk(self) -> Iterator[TemplateSection]:
        for section in self.sections:
            yield from section.walk()


class State(str, Enum):
    COMPLETE = "complete"
    UNFINISHED = "unfinished"
    MISSING = "missing"
    INVALID = "invalid"  # a page metadata field whose value is not allowed (never a section)


@dataclass
class SectionResult:
    """The verdict on one template slot."""

    path: tuple[str, ...]  # template titles from the top
    state: State
    optional: bool = False
    line: int | None = None
    did_you_mean: str | None = None
    cause: Reason | None = None  # why the section is not complete
    # For a missing section read from Markdown: the line it belongs before (None: at the end)
    # and the heading level it takes in this page. `fix` inserts it there.
    insert_at: int | None = None
    level: int | None = None
    slot: TemplateSection | None = field(default=None, repr=False, compare=False)

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def reason(self) -> str | None:
        return self.cause.text if self.cause else None


@dataclass
class PageReport:
    """The verdict on one page against one template."""

    template: Template
    sections: list[SectionResult]  # every slot, template order, optional ones included
    notices: list[Reason] = field(default_factory=list)
    # The refs of the templates the page was judged against, when it names several: `template`
    # is the one it follows best. Empty when it names one.
    candidates: tuple[str, ...] = ()
    fields: tuple[FieldVerdict, ...] = ()  # set by the caller, which has the page's front matter

    # What the judge compares two readings of a page by; the score and every other figure a
    # reader sees are the verdict's (`report.PageVerdict`).
    @functools.cached_property
    def required(self) -> list[SectionResult]:
        return [s for s in self.sections if not s.optional]

    @functools.cached_property
    def complete(self) -> int:
        return sum(1 for s in self.required if s.state is State.COMPLETE)
