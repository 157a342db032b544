"""A page's verdict as LSP diagnostics, in `check`'s words."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from ..engine.fields import FieldVerdict
from ..engine.model import State
from ..engine.report import SectionVerdict
from .analysis import Analysis

SOURCE = "mkdocs-spec"
Units = Callable[[str], int]  # a line's length in the client's position units (UTF-16 by default)


def line_range(analysis: Analysis, line: int | None, units: Units) -> types.Range:
    """The whole of source line `line` (1-based; None or past the end: the last line)."""
    lines = analysis.lines
    index = max(0, min((line or 1) - 1, len(lines) - 1))
    end = units(lines[index]) if lines else 0
    return types.Range(types.Position(index, 0), types.Position(index, end))


def _gap(analysis: Analysis, gap: SectionVerdict | FieldVerdict, units: Units) -> types.Diagnostic:
    # Required gaps lower the score, as `check` counts them; optional ones are only a hint, but
    # a value that is not allowed is worth a warning wherever it is.
    hint = gap.optional and gap.state is not State.INVALID
    severity = types.DiagnosticSeverity.Information if hint else types.DiagnosticSeverity.Warning
    where = {"field": gap.name} if isinstance(gap, FieldVerdict) else {"path": list(gap.path)}
    return types.Diagnostic(
        range=line_range(analysis, gap.line, units),
        message=gap.describe(),
        severity=severity,
        code=gap.state.value,
        source=SOURCE,
        data=where,
    )


def diagnostics(analysis: Analysis, units: Units) -> list[types.Diagnostic]:
    """One per gap (at its line), one for the score, and one for anything that kept the page
    from being judged (a broken template or site config, unreadable front matter)."""
    found: list[types.Diagnostic] = []

    def page_level(message: str, severity: types.DiagnosticSeverity, code: str) -> None:
        found.append(
            types.Diagnostic(
                range=line_range(analysis, 1, units),
                message=message,
                severity=severity,
                code=code,
                source=SOURCE,
            )
        )

    if analysis.problem:
        page_level(analysis.problem, types.DiagnosticSeverity.Error, "config")
    if analysis.unread:
        page_level(analysis.unread, types.DiagnosticSeverity.Warning, "page")
    outcome = analysis.outcome
    if outcome is not None and outcome.warning:
        # As `check` says it: an error for a template the page cannot use, else a warning.
        severity = (
            types.DiagnosticSeverity.Error if outcome.failed else types.DiagnosticSeverity.Warning
        )
        page_level(outcome.warning, severity, "template" if outcome.failed else "page")
    if outcome is not None and outcome.skipped:
        page_level(f"not judged: {outcome.skipped}", types.DiagnosticSeverity.Information, "skip")
    verdict = analysis.verdict
    if verdict is None:
        return found
    page_level(f"Spec {verdict.summary}", types.DiagnosticSeverity.Information, "score")
    for notice in verdict.notices:
        page_level(notice.text or notice.code, types.DiagnosticSeverity.Information, "notice")
    gaps: list[SectionVerdict | FieldVerdict] = [*verdict.gaps, *verdict.field_gaps]
    found += [_gap(analysis, gap, units) for gap in gaps]
    return found
