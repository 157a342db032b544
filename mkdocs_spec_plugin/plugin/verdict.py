"""One spec page's verdict as the site uses it: the HTML shown on the page, the build warning, and
the figures and JSON of the site report.

Made from the page's rendered HTML in one call, in the build's process or in a worker process
(`background`), so a verdict is plain data, small and cheap to send back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import SpecConfig, shown
from ..engine.html_reader import read_html
from ..engine.judge import judge
from ..engine.model import PageReport, SectionResult, State, Template
from ..engine.report import encoded_page, summary
from . import render


@dataclass
class Options:
    """The settings a verdict depends on, resolved for this kind of build (serve or build)."""

    badge: bool
    admonition: bool
    admonition_when_complete: bool
    collapsible: bool
    collapsed: bool
    bands: list[dict] = field(default_factory=list)
    warn_under: int | None = None
    report: bool = True  # the page's JSON is needed for spec-report.json

    @classmethod
    def from_config(cls, config: SpecConfig, is_serve: bool) -> Options:
        return cls(
            badge=shown(config.badge, is_serve),
            admonition=shown(config.admonition, is_serve),
            admonition_when_complete=config.admonition_when_complete,
            collapsible=config.collapsible,
            collapsed=config.collapsed,
            bands=[dict(band) for band in config.bands],
            warn_under=config.warn_under,
            report=config.report,
        )


@dataclass
class Verdict:
    """What the site needs from one judged page."""

    template: str  # the template's id
    score: int
    complete: int  # required sections complete
    required: int
    missing: int  # required sections missing
    unfinished: int
    summary: str  # "58% · 7 of 12 sections"
    html: str  # the badge and the admonition, as the options ask; empty when neither shows
    warning: str | None  # the build warning for a page below the bar, without the page's path
    json: str  # the page in spec-report.json, encoded; empty when there is no report

    @property
    def is_complete(self) -> bool:
        return self.complete == self.required


def verdict_for(template: Template, html: str, path: str, url: str, options: Options) -> Verdict:
    """Judge a page's rendered HTML against its template."""
    return verdict_of(judge(template, read_html(html)), path, url, options)


def verdict_of(report: PageReport, path: str, url: str, options: Options) -> Verdict:
    """What the site needs from a page's report."""
    template = report.template
    missing = [s for s in report.required if s.state is State.MISSING]
    unfinished = [s for s in report.required if s.state is State.UNFINISHED]
    return Verdict(
        template.id,
        report.score,
        report.complete,
        len(report.required),
        len(missing),
        len(unfinished),
        summary(report),
        _html(report, options),
        _warning(report, missing, unfinished, options.warn_under),
        encoded_page(path, report, url=url) if options.report else "",
    )


def _html(report: PageReport, options: Options) -> str:
    show_list = options.admonition and (not report.is_complete or options.admonition_when_complete)
    parts = []
    if options.badge:
        parts.append(render.badge(report, options.bands, linked=show_list))
    if show_list:
        parts.append(render.admonition(report, options.collapsible, options.collapsed))
    return "".join(parts)


def _warning(
    report: PageReport,
    missing: list[SectionResult],
    unfinished: list[SectionResult],
    threshold: int | None,
) -> str | None:
    """A page below `warn_under` (unset: a page with missing sections) gets one warning."""
    if (threshold is None and not missing) or (threshold is not None and report.score >= threshold):
        return None
    parts = [
        f"{len(results)} {label} ({_names(results)})"
        for label, results in (("missing", missing), ("unfinished", unfinished))
        if results
    ]
    bar = f" (warn_under {threshold}%)" if threshold is not None else ""
    return f"{report.template.id} {report.score}%{bar}; {'; '.join(parts)}"


def _names(results: list[SectionResult], limit: int = 3) -> str:
    names = [
        " / ".join(r.path) + (f" (did you mean '{r.did_you_mean}'?)" if r.did_you_mean else "")
        for r in results[:limit]
    ]
    more = ", ..." if len(results) > limit else ""
    return ", ".join(names) + more
