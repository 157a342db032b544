"""A page's verdict as data: the one summary that every view of a judged page formats from.

The badge, the admonition, the navigation status and the site report of the plugin, every format of
`mkdocs-spec check` and `spec-report.json` read a `PageVerdict`. It is plain, small and picklable
(tuples and strings), so `check`'s worker processes send it back as it is.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .fields import FieldVerdict
from .model import PageReport, SectionResult, State
from .reasons import Reason
from .versions import join_ref


class SectionVerdict(NamedTuple):
    """The verdict on one template slot."""

    path: tuple[str, ...]  # template titles from the top
    state: State
    optional: bool = False
    line: int | None = None  # None when read from the built page
    did_you_mean: str | None = None
    cause: Reason | None = None  # None for a complete section

    @property
    def reason(self) -> str | None:
        """Why, in English (`check`, the JSON `reason`)."""
        return self.cause.text if self.cause else None

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def name(self) -> str:
        return " / ".join(self.path)

    def describe(self) -> str:
        """The gap in words: its state, its path, and why or what to do."""
        words = f"{self.state.value}: {self.name}"
        if self.optional:
            words += " (optional)"
        if self.did_you_mean:
            words += f" (did you mean '{self.did_you_mean}'?)"
        elif self.reason:
            words += f" ({self.reason})"
        return words

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "state": self.state.value,
            "line": self.line,
            "did_you_mean": self.did_you_mean,
            "reason": self.reason,
            "reason_code": self.cause.code if self.cause else None,
            "reason_params": self.cause.as_params() if self.cause else {},
        }


@dataclass(frozen=True)
class PageVerdict:
    """One judged page: its template, the state of every slot in template order, its metadata
    fields, and notices.

    `url` and `title` are the page's in a built site (None from `check`). `quiet` says why a
    page is judged but shown without the admonition and never warned about (its status is in
    `skip_status`, with `skip_status_judged`)."""

    path: str  # as the user names it: docs-relative in a build, as given to `check`
    template: str  # the template's id
    template_name: str
    sections: tuple[SectionVerdict, ...]
    notices: tuple[Reason, ...] = ()
    url: str | None = None
    title: str | None = None
    template_version: str | None = None  # None: the template has no versions
    # The templates the page was judged against when it names several (`template` is the one it
    # follows best), as `kep@2024` for a version; empty when it names one.
    candidates: tuple[str, ...] = ()
    fields: tuple[FieldVerdict, ...] = ()
    quiet: str | None = None

    @classmethod
    def of(
        cls,
        report: PageReport,
        path: str,
        url: str | None = None,
        title: str | None = None,
        lines: bool = True,
        quiet: str | None = None,
    ) -> PageVerdict:
        """The verdict of a judged page; without `lines`, no section points at a source line
        (a page judged from its HTML has none)."""
        template = report.template
        sections = tuple(_section(result, lines) for result in report.sections)
        fields = report.fields if lines else tuple(f._replace(line=None) for f in report.fields)
        return cls(
            path,
            template.id,
            template.name,
            sections,
            tuple(report.notices),
            url,
            title,
            template_version=template.version,
            candidates=report.candidates,
            fields=fields,
            quiet=quiet,
        )

    @property
    def template_ref(self) -> str:
        """The template as a page names it: `kep@2024`, or the id of an unversioned one."""
        return join_ref(self.template, self.template_version)

    # Computed once (a verdict does not change): every view asks for them, the report for each
    # page of the site at every build.
    # Each is the tuple it selects from when it leaves nothing out: a build holds every page's
    # verdict to its end, and two copies of a list of sections per page cost 1.2 MB on 1,599.
    @functools.cached_property
    def required(self) -> tuple[SectionVerdict, ...]:
        """The required sections."""
        if not any(s.optional for s in self.sections):
            return self.sections
        return tuple(s for s in self.sections if not s.optional)

    @functools.cached_property
    def scored(self) -> tuple[SectionVerdict | FieldVerdict, ...]:
        """What the score counts: the required sections, then the required fields (unless the
        template has `score_fields: false`)."""
        counted = tuple(f for f in self.fields if f.counts)
        return (*self.required, *counted) if counted else self.required

    @property
    def total(self) -> int:
        return len(self.scored)

    def count(self, state: State) -> int:
        """Scored sections and fields in `state`."""
        return sum(1 for s in self.scored if s.state is state)

    @functools.cached_property
    def complete(self) -> int:
        return self.count(State.COMPLETE)

    @functools.cached_property
    def score(self) -> int:
        """Whole percent of what is scored that is complete, rounded down; 100 with nothing."""
        total = self.total
        return 100 if total == 0 else (100 * self.complete) // total

    def below(self, threshold: int) -> bool:
        """Whether the page falls short of a threshold; a quiet page never does."""
        return self.quiet is None and self.score < threshold

    @property
    def judged_against(self) -> tuple[str, ...]:
        """Every template the page was judged against (`kep@2024` for a version), in the order it
        names them."""
        return self.candidates or (self.template_ref,)

    @property
    def is_complete(self) -> bool:
        return self.complete == self.total

    @property
    def gaps(self) -> list[SectionVerdict]:
        """Every slot that is not complete, optional ones included, in template order."""
        return [s for s in self.sections if s.state is not State.COMPLETE]

    @property
    def field_gaps(self) -> list[FieldVerdict]:
        """Every field that is not complete, unscored and optional ones included."""
        return [f for f in self.fields if f.state is not State.COMPLETE]

    @property
    def has_gaps(self) -> bool:
        """Whether the admonition has something to say: a scored gap, or a field that is not
        complete and is required or given (an optional field left out is no news)."""
        return not self.is_complete or any(
            f.required or f.state is not State.MISSING for f in self.field_gaps
        )

    @property
    def counts_fields(self) -> bool:
        return any(f.counts for f in self.fields)

    @property
    def summary(self) -> str:
        """ "58% · 7 of 12 sections", as the badge says it ("... sections and fields" when the
        score counts fields)."""
        noun = "sections and fields" if self.counts_fields else "sections"
        return f"{self.score}% · {self.complete} of {self.total} {noun}"

    def as_dict(self) -> dict[str, Any]:
        """The page in the JSON contract (`check --format json`, `spec-report.json`): required
        slots under `sections`, in template order."""
        page = {
            "path": self.path,
            "template": self.template,
            "template_version": self.template_version,
            "candidates": list(self.judged_against),
            "score": self.score,
            "complete": self.complete,
            "required": self.total,
            "sections": [s.as_dict() for s in self.required],
            "optional_sections": [s.as_dict() for s in self.sections if s.optional],
            "fields": [f.as_dict() for f in self.fields],
            "notices": [n.text for n in self.notices],
        }
        if self.url is not None:
            page["url"] = self.url
        if self.quiet is not None:
            page["quiet"] = self.quiet
        return page


@dataclass
class Shared:
    """Equal sections, and equal paths, of many verdicts as one object each. The pages of a site
    repeat their templates' slots (a complete section is the same on every page of a template),
    and a build holds every page's verdict to its end, where its memory peaks."""

    sections: dict[SectionVerdict, SectionVerdict] = field(default_factory=dict)
    paths: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def verdict(self, verdict: PageVerdict) -> PageVerdict:
        """The verdict with its sections shared; equal to it."""
        return dataclasses.replace(verdict, sections=tuple(map(self._section, verdict.sections)))

    def _section(self, section: SectionVerdict) -> SectionVerdict:
        known = self.sections.get(section)
        if known is None:
            path = self.paths.setdefault(section.path, section.path)
            known = self.sections[section] = section._replace(path=path)
        return known


def _section(result: SectionResult, lines: bool) -> SectionVerdict:
    return SectionVerdict(
        result.path,
        result.state,
        result.optional,
        result.line if lines else None,
        result.did_you_mean,
        result.cause,
    )
