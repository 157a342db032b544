"""Judge a page's sections against a template: match the trees, give each slot a state."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from . import reasons
from .model import PageReport, Section, SectionResult, State, Template, TemplateSection
from .reasons import Reason
from .text import (
    is_filler,
    is_placeholder_title,
    is_todo,
    line_key,
    normalise_name,
    without_placeholders,
    words,
)

# How alike a heading must be to a missing section's title to be offered as "did you mean".
_NEAR_MISS = 0.75
_LONGEST = 200  # characters of a heading compared for near misses
# Unmatched headings offered as near misses, in page order. Each is compared with every missing
# section: a page of 100,000 headings made that millions of comparisons (seconds). Real pages have
# far fewer headings than this, so their hints are unchanged.
_MOST_SPARE = 1000
# Name comparisons for near misses on one page, at most (a real page makes a few hundred).
_MOST_COMPARISONS = 100_000
# The worst state a subsection of a wildcard run has under the headings the run took.
_RANK = {State.COMPLETE: 0, State.UNFINISHED: 1, State.MISSING: 2}


@dataclass(eq=False)
class _Node:
    """A page heading with its body, placed in the page's heading tree."""

    section: Section
    position: int
    name: str
    placeholder: bool
    # The name with `<Unknown Tag>` placeholders kept (empty without them): a mixed template
    # heading matches a page heading that still holds its placeholder.
    kept_name: str = ""
    children: list[_Node] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.section.heading.title  # type: ignore[union-attr]  # headed sections only

    @property
    def line(self) -> int | None:
        return self.section.heading.line  # type: ignore[union-attr]  # headed sections only

    @property
    def level(self) -> int:
        return self.section.heading.level  # type: ignore[union-attr]  # headed sections only

    @property
    def end(self) -> int | None:
        """The source line just after this heading's subtree."""
        return self.children[-1].end if self.children else self.section.end


def _page_tree(sections: list[Section], pattern: re.Pattern[str], titles: bool) -> list[_Node]:
    """Nest headings under the nearest shallower one. With `titles`, every H1 is a title, not a
    section; else a lone first H1 is. Levels are relative, so a page one level deeper or
    shallower than its template still fits."""
    headed = [s for s in sections if s.heading is not None]
    if titles:
        headed = [s for s in headed if s.heading.level != 1]  # type: ignore[union-attr]  # headed sections only
    else:
        h1 = [s for s in headed if s.heading.level == 1]  # type: ignore[union-attr]  # headed sections only
        if len(h1) == 1 and headed[0] is h1[0]:
            headed = headed[1:]
    roots: list[_Node] = []
    stack: list[tuple[int, _Node]] = []
    for position, section in enumerate(headed):
        heading = section.heading
        assert heading is not None
        name = normalise_name(heading.title)
        placeholder = (
            not name
            or is_placeholder_title(heading.title, pattern)
            or (heading.hidden_placeholder and not words(heading.title))
        )
        kept = normalise_name(heading.with_placeholders) if heading.with_placeholders else ""
        node = _Node(section, position, name, placeholder, kept)
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((heading.level, node))
    return roots


class _Judge:
    def __init__(self, template: Template) -> None:
        self.template = template
        self.pattern = template.placeholder_re
        self.results: list[SectionResult] = []
        self.notices: list[Reason] = []
        self.taken: set[int] = set()
        self.missing: list[tuple[SectionResult, TemplateSection, list[_Node]]] = []
        self.line_keys: dict[str, str] = {}  # a line is looked at up to three times

    def key(self, text: str) -> str:
        found = self.line_keys.get(text)
        if found is None:
            found = self.line_keys[text] = line_key(text)
        return found

    # -- matching -------------------------------------------------------------------------------

    def match(
        self,
        slots: list[TemplateSection],
        nodes: list[_Node],
        path: tuple[str, ...],
        optional: bool,
        end: int | None,
        level: int,
    ) -> None:
        """Match slots to sibling headings. `end` is the line after the siblings' parent;
        `level` is the heading level these siblings have (or would have) in the page."""
        fill: dict[int, list[_Node]] = {}
        by_name: dict[str, list[_Node]] = {}
        for node in nodes:
            by_name.setdefault(node.name, []).append(node)
        for index, slot in enumerate(slots):
            candidates = [
                node
                for name in slot.names
                for node in by_name.get(name, ())
                if node.position not in self.taken
            ]
            if candidates:
                node = min(candidates, key=lambda n: n.position)  # the first in the page
                fill[index] = [node]
                self.taken.add(node.position)
        for index, slot in enumerate(slots):
            if slot.name_pattern is not None and index not in fill:
                fits = (n for n in nodes if n.position not in self.taken and self._fits(slot, n))
                first = next(fits, None)
                if first is not None:
                    fill[index] = [first]
                    self.taken.add(first.position)
        for index, slot in enumerate(slots):
            if slot.wildcard:
                low, high = self._window(index, fill)
                fill[index] = [
                    n for n in nodes if n.position not in self.taken and low < n.position < high
                ]
                self.taken.update(n.position for n in fill[index])
        self._order(slots, fill)
        for index, slot in enumerate(slots):
            slot_path = (*path, slot.title)
            found = fill.get(index) or []
            # Everything under an optional section is optional too.
            is_optional = optional or slot.optional
            if not found:
                later = [fill[i][0] for i in fill if i > index and fill[i]]
                known = [n for n in later if n.line is not None]
                before = min(known, key=lambda n: n.line or 0) if known else None
                where = before.line if before is not None else end  # the line it belongs before
                # At the level of the sibling it goes beside, not of the page's first heading: a
                # stray `### Note` above `## Overview` made `fix` insert `###` sections among the
                # `##` ones, under the previous one, still missing, and again at every run.
                beside = before or max(
                    (fill[i][0] for i in fill if fill[i]), key=lambda n: n.position, default=None
                )
                self._missing(
                    slot, slot_path, is_optional, nodes, where, beside.level if beside else level
                )
                continue
            state, cause = self._state(slot, found)
            self.results.append(
                SectionResult(slot_path, state, is_optional, found[0].line, None, cause)
            )
            if slot.children:  # most sections of a template have none
                if slot.wildcard:
                    self._run_children(slot, found, slot_path, is_optional)
                else:
                    self._children(slot, found[0], slot_path, is_optional)

    def _children(
        self, slot: TemplateSection, node: _Node, path: tuple[str, ...], optional: bool
    ) -> None:
        level = node.children[0].level if node.children else node.level + 1
        self.match(slot.children, node.children, path, optional, node.end, level)

    def _run_children(
        self, slot: TemplateSection, nodes: list[_Node], path: tuple[str, ...], optional: bool
    ) -> None:
        """The subsections of a wildcard run, judged under every heading the run took. Each is
        one entry: its worst state, with a reason naming the heading where it falls short."""
        # A heading still the template's placeholder (`### [Solution N]`) is unfinished itself;
        # the run's subsections are asked of the others (of the first, when all are).
        written = [n for n in nodes if not self._placeholder_heading(slot, n)] or nodes[:1]
        runs = []
        for node in written:
            before, missing = len(self.results), len(self.missing)
            self._children(slot, node, path, optional)
            runs.append((node, self.results[before:], self.missing[missing:]))
            del self.results[before:], self.missing[missing:]
        # The same slots, in the same order, were judged under each heading.
        chosen = []
        for at in range(len(runs[0][1])):
            node, results, _ = max(runs, key=lambda run: _RANK[run[1][at].state])
            result = results[at]
            if result.cause is not None:
                result.cause = result.cause.inside(node.title)
            chosen.append(result)
        self.results += chosen
        kept = {id(result) for result in chosen}
        self.missing += [m for run in runs for m in run[2] if id(m[0]) in kept]

    @staticmethod
    def _fits(slot: TemplateSection, node: _Node) -> bool:
        pattern = slot.name_pattern
        assert pattern is not None
        if pattern.fullmatch(node.name) is not None:
            return True
        return bool(node.kept_name) and pattern.fullmatch(node.kept_name) is not None

    @staticmethod
    def _window(index: int, fill: dict[int, list[_Node]]) -> tuple[float, float]:
        """Page positions between which a wildcard's headings lie: after the named section found
        before it in the template, and before the one found after it."""
        before = [fill[i][0].position for i in fill if i < index and fill[i]]
        after = [fill[i][0].position for i in fill if i > index and fill[i]]
        return (max(before) if before else -1), (min(after) if after else float("inf"))

    def _missing(
        self,
        slot: TemplateSection,
        path: tuple[str, ...],
        optional: bool,
        siblings: list[_Node],
        where: int | None,
        level: int,
    ) -> None:
        result = SectionResult(
            path,
            State.MISSING,
            optional,
            where,
            cause=Reason(reasons.ABSENT),
            insert_at=where,
            level=level,
            slot=slot,
        )
        self.results.append(result)
        if not slot.wildcard:
            self.missing.append((result, slot, siblings))
        for child in slot.children:
            child_level = level + child.level - slot.level
            child_path = (*path, child.title)
            self._missing(child, child_path, optional or child.optional, [], where, child_level)

    def _order(self, slots: list[TemplateSection], fill: dict[int, list[_Node]]) -> None:
        latest: tuple[int, str] | None = None
        for index, slot in enumerate(slots):
            if not fill.get(index) or slot.wildcard:
                continue
            node = fill[index][0]
            if latest is not None and node.position < latest[0]:
                self.notices.append(
                    Reason.of(reasons.OUT_OF_ORDER, section=node.title, after=latest[1])
                )
            elif latest is None or node.position > latest[0]:
                latest = (node.position, node.title)

    # -- states ---------------------------------------------------------------------------------

    def _state(self, slot: TemplateSection, nodes: list[_Node]) -> tuple[State, Reason | None]:
        keys = slot.subtree_keys
        for node in nodes:
            if self._placeholder_heading(slot, node):
                heading = node.section.heading
                assert heading is not None
                title = heading.with_placeholders or heading.title
                shown = title if words(title) else slot.title
                return State.UNFINISHED, Reason.of(reasons.PLACEHOLDER_HEADING, heading=shown)
            written = self._left_in_place(slot, node.section.lines)
            if written is not None:
                return State.UNFINISHED, Reason.of(reasons.TEMPLATE_TEXT, text=written)
            if not self._has_own(node, keys):
                return State.UNFINISHED, self._why_empty(node, keys)
        return State.COMPLETE, None

    def _placeholder_heading(self, slot: TemplateSection, node: _Node) -> bool:
        """Whether a heading is still the template's placeholder text: for a mixed heading
        (`Spike: [Spike Name]`), whether the author added no words of their own."""
        if slot.name_pattern is None:
            return node.placeholder
        heading = node.section.heading
        assert heading is not None
        title = heading.with_placeholders or heading.title
        rest = without_placeholders(title, self.pattern, self.template.labels)
        return set(words(rest)) <= set(slot.literal.split())

    def _left_in_place(self, slot: TemplateSection, lines: list[str]) -> str | None:
        """The first placeholder line of the slot's that one of these lines repeats, as the
        template writes it. Lines without a needed word are passed over without their key: a
        key costs a search for every word, and most lines of a section are the author's."""
        if not slot.placeholder_lines:
            return None
        needed = _any_of(slot.placeholder_words)
        # All the lines at once first (no word spans two): most sections hold none of the words.
        if needed.search("\n".join(lines).lower()) is None:
            return None
        for text in lines:
            if needed.search(text.lower()) is not None:
                written = slot.placeholder_lines.get(self.key(text))
                if written is not None:
                    return written
        return None

    def _why_empty(self, node: _Node, keys: frozenset[str]) -> Reason:
        said = [text for text in self._lines(node) if self.key(text)]
        if not said:
            return Reason(reasons.EMPTY)
        if any(self.key(text) in keys for text in said):
            return Reason(reasons.ONLY_TEMPLATE_TEXT)
        # Every line is filler: a to-do marker, or placeholders and markup only.
        first = said[0]
        rest = without_placeholders(first, self.pattern, self.template.labels)
        code = reasons.TODO_MARKER if is_todo(rest) else reasons.PLACEHOLDER_ONLY
        return Reason.of(code, text=first[:80])

    def _lines(self, node: _Node) -> Iterator[str]:
        yield from node.section.lines
        for child in node.children:
            yield from self._lines(child)

    def _has_own(self, node: _Node, keys: frozenset[str]) -> bool:
        """Whether the author wrote anything here: a line that is not blank, not placeholder-only,
        and not copied unchanged from the template's text for this section."""
        labels = self.template.labels
        for text in self._lines(node):
            key = self.key(text)
            if key and key not in keys and not is_filler(text, self.pattern, labels):
                return True
        return False

    # -- near misses ----------------------------------------------------------------------------

    def suggest(self, roots: list[_Node]) -> None:
        """Offer an unmatched heading for each missing section it nearly names."""
        if not self.missing:
            return
        unmatched = (n for n in _walk(roots) if n.position not in self.taken and n.name)
        # A megabyte heading must not cost a quadratic comparison: names are cut to _LONGEST.
        spare = [(node, node.name[:_LONGEST]) for node in itertools.islice(unmatched, _MOST_SPARE)]
        # Only headings that share the start or the end of a word with a missing section's name
        # can be near misses of it ("Secuirty Considerations", "Oerview"): thousands of unrelated
        # headings against thousands of missing sections compared every pair (31 s at 5,000).
        index: dict[str, list[int]] = {}
        for at, (_, name) in enumerate(spare):
            for key in _word_ends(name):
                index.setdefault(key, []).append(at)
        offered: set[int] = set()
        budget = _MOST_COMPARISONS
        levels: dict[int, set[int]] = {}  # the positions of each sibling list, made once
        for result, slot, siblings in self.missing:
            best: tuple[float, _Node] | None = None
            nearby = levels.get(id(siblings))
            if nearby is None:
                nearby = levels[id(siblings)] = {n.position for n in siblings}
            wanted = [name[:_LONGEST] for name in _wanted(slot)]
            found = {at for w in wanted for key in _word_ends(w) for at in index.get(key, ())}
            budget -= len(found) * len(wanted)
            if budget < 0:
                break  # a page that hostile gets the hints found so far
            for node, name in (spare[at] for at in sorted(found)):
                if node.position in offered:
                    continue
                score = max(_likeness(w, name) for w in wanted)
                score += 0.01 if node.position in nearby else 0  # prefer the right parent
                if score >= _NEAR_MISS and (best is None or score > best[0]):
                    best = (score, node)
            if best is not None:
                offered.add(best[1].position)
                result.did_you_mean = best[1].title
                result.cause = (result.cause or Reason(reasons.ABSENT)).near(best[1].title)
                result.line = best[1].line


@functools.lru_cache(maxsize=1024)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A search for any of some words, as `any(word in text for word in words)` in one call."""
    return re.compile("|".join(map(re.escape, words)))


def _walk(nodes: list[_Node]) -> Iterator[_Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _wanted(slot: TemplateSection) -> list[str]:
    """The names a near miss is measured against: the slot's names (a mixed heading's words),
    and each part of a title that joins alternatives with `/` (`User-Stories/Use-Cases`)."""
    names = set(slot.names) or ({slot.literal} if slot.literal else set())
    if "/" in slot.title:
        names.update(n for n in map(normalise_name, slot.title.split("/")) if n)
    return sorted(names)


def _word_ends(name: str) -> set[str]:
    """The first and last three letters of each word of a normalised name."""
    return {part for word in name.split() for part in (word[:3], word[-3:])}


def _stem(word: str) -> str:
    """A word without a plural `s`: "Solutions" nearly names "Solution Hypotheses"."""
    return word[:-1] if len(word) > 3 and word[-1] == "s" and word[-2] != "s" else word


# The pages of a site miss the same sections and write the same near names: each pair of names is
# compared once.
@functools.lru_cache(maxsize=16384)
def _likeness(wanted: str, found: str) -> float:
    """How alike two normalised names are, 0 to 1; names that contain each other's words (a
    "Security" heading for "Security Considerations", "Solutions" for "Solution Hypotheses")
    count as close."""
    a, b = frozenset(map(_stem, wanted.split())), frozenset(map(_stem, found.split()))
    if not a or not b:
        return 0.0
    if a <= b or b <= a:
        return max(0.85, SequenceMatcher(None, wanted, found).ratio())
    shorter, longer = sorted((len(wanted), len(found)))
    if 2 * shorter < _NEAR_MISS * (shorter + longer):
        return 0.0  # the ratio cannot reach a near miss: skip the expensive comparison
    matcher = SequenceMatcher(None, wanted, found)
    if matcher.quick_ratio() < _NEAR_MISS:
        return 0.0
    return matcher.ratio()


def _root_level(sections: list[Section], roots: list[_Node], template: Template) -> int:
    """The heading level of the page's top sections: as the page has them, else under its H1."""
    if roots:
        return roots[0].level
    has_title = any(s.heading is not None and s.heading.level == 1 for s in sections)
    if has_title:
        return 2
    return template.sections[0].level if template.sections else 2


def judge(template: Template, sections: list[Section]) -> PageReport:
    """Judge a page, given as the sections a reader extracted, against a template.

    A page with more than one H1 (or one below other headings) is read two ways: its H1s as
    sections, and its H1s as titles (a wrapped line that begins with `#` is an H1, and must not
    hide the sections around it). The reading that finds more of the template is the verdict;
    on a tie, a template with a title wins with titles.
    """
    headed = [s for s in sections if s.heading is not None]
    h1 = [s for s in headed if s.heading.level == 1]  # type: ignore[union-attr]  # headed sections only
    readings = [False]
    if len(h1) > 1 or (h1 and headed[0] is not h1[0]):
        readings = [True, False] if template.title is not None else [False, True]
    return max((_judge(template, sections, titles) for titles in readings), key=_rank)


def judge_best(templates: Sequence[Template], sections: list[Section]) -> PageReport:
    """Judge a page that may follow any of several templates against each: the verdict is the
    one whose sections the page has most of (then the most complete; then the first named)."""
    if len(templates) == 1:
        return judge(templates[0], sections)
    best = max((judge(template, sections) for template in templates), key=_rank)
    best.candidates = tuple(t.ref for t in templates)
    return best


def _rank(report: PageReport) -> tuple[int, int]:
    """How well a page follows a template: its sections found, then complete. `max` keeps the
    first of equals, so a tie goes to the reading or template tried first."""
    found = sum(1 for r in report.sections if r.state is not State.MISSING)
    return found, report.complete


def _judge(template: Template, sections: list[Section], titles: bool) -> PageReport:
    judge = _Judge(template)
    roots = _page_tree(sections, template.placeholder_re, titles)
    end = sections[-1].end if sections else None
    judge.match(template.sections, roots, (), False, end, _root_level(sections, roots, template))
    judge.suggest(roots)
    return PageReport(template, judge.results, judge.notices)
