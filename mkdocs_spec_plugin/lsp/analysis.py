"""A buffer judged as `check` judges the file: the same site, the same engine, unsaved text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cli.context import Context
from ..engine.model import PageReport, SectionResult, State, TemplateSection
from ..engine.page import PageOutcome, decode
from ..engine.report import PageVerdict
from .sites import Sites

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines as LSP counts them (and the engine): only CR, LF and CRLF end one."""
    return _NEWLINE_RE.split(text)


UNTITLED = Path("untitled.md")  # an editor buffer that is not a file yet: no path rule matches


@dataclass
class Analysis:
    """One version of a page: its verdict, or why it has none."""

    text: str
    path: Path | None
    context: Context | None = None
    outcome: PageOutcome | None = None
    verdict: PageVerdict | None = None
    problem: str | None = None  # the site or a template cannot be used
    unread: str | None = None  # why the page is not read at all, as `check` says it
    lines: list[str] = field(default_factory=list)

    @property
    def report(self) -> PageReport | None:
        return self.outcome.report if self.outcome is not None else None

    def judge(self, text: str) -> PageReport | None:
        """Another text of the same page, judged the same way (for `fix.repair`)."""
        if self.context is None:
            return None
        return self.context.judge(text, self.path or UNTITLED).report

    def slot(self, result: SectionResult) -> TemplateSection | None:
        """The template's slot of a result (the judge keeps it only on missing ones)."""
        if result.slot is not None or self.report is None:
            return result.slot
        slots = self.report.template.sections
        found = None
        for title in result.path:
            found = next((s for s in slots if s.title == title), None)
            if found is None:
                return None
            slots = found.children
        return found

    def result_at(self, line: int) -> SectionResult | None:
        """The template slot whose heading is on `line` (1-based): a section found there, or a
        missing one that a heading there nearly names."""
        report = self.report
        if report is None:
            return None
        for result in report.sections:
            if result.line == line and (result.state is not State.MISSING or result.did_you_mean):
                return result
        return None


def analyse(text: str, path: Path | None, sites: Sites) -> Analysis:
    """Judge `text`, the editor's content of the page at `path` (None: not a file)."""
    loaded = sites.for_page(path)
    analysis = Analysis(text, path, loaded.context, lines=split_lines(text))
    if loaded.context is None:
        analysis.problem = loaded.problem
        return analysis
    context = loaded.context
    data = text.encode("utf-8", "surrogatepass")
    limit = context.site.options.max_page_mb << 20
    # The pages `check` does not read (cli/files.py), in its words.
    if len(data) > limit:
        analysis.unread = f"larger than {limit >> 20} MB (max_page_mb); skipped"
        return analysis
    if decode(data) is None:  # a NUL: a binary file, to MkDocs and to `check`
        analysis.unread = "not UTF-8 text; skipped"
        return analysis
    analysis.outcome = context.judge(text, path or UNTITLED)
    report = analysis.outcome.report
    if report is not None:
        analysis.verdict = PageVerdict.of(report, str(path or UNTITLED))
    return analysis
