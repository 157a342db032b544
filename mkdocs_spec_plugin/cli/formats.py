"""`mkdocs-spec check`'s outputs: text for people, JSON for tools, GitHub workflow commands (and a
job summary) for pull requests, SARIF for code scanning. Each writer reads the same verdicts."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

from .. import __version__
from ..engine.fields import FieldVerdict
from ..engine.model import State
from ..engine.report import PageVerdict, SectionVerdict

# Control characters (C0 but tab, DEL, C1) and the bidirectional overrides, which can move the
# cursor, erase lines or reorder what a terminal shows.
_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text from pages and templates as a terminal may show it: each control character written
    as an escape (`\\x1b`), never sent."""
    if text.isprintable():
        return text
    return _CONTROL_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


# A page with more gaps than this gets one annotation listing them: GitHub shows only ten
# annotations of a kind per step, and one page must not take them all.
_ANNOTATIONS_PER_PAGE = 3


@dataclass
class Checked:
    """One page named to `check`: its verdict, or why it has none."""

    path: str
    warning: str | None = None
    verdict: PageVerdict | None = None  # None: not judged (no template, unreadable, ...)
    failed: bool = False  # named a template it cannot use (an unknown id, `template:`)
    skipped: str | None = None  # why a page named on the command line was not judged
    regressions: list[str] = field(default_factory=list)  # against `check --baseline`


Gap = Union[SectionVerdict, FieldVerdict]


def _line(gap: Gap) -> int:
    return gap.line or 1


def _headline(verdict: PageVerdict) -> str:
    """ "design-doc 58% · 7 of 12 sections" (a version as `kep@2024`), and "(best match of adr,
    madr)" for a page that may follow several templates."""
    best = f" (best match of {', '.join(verdict.candidates)})" if verdict.candidates else ""
    return f"{verdict.template_ref} {verdict.summary}{best}"


def _judged(results: list[Checked]) -> list[PageVerdict]:
    return [r.verdict for r in results if r.verdict is not None]


def _text(results: list[Checked], threshold: int) -> None:
    judged = _judged(results)
    for result in results:
        if result.warning:
            level = "error" if result.failed else "warning"
            print(safe(f"{result.path}: {level}: {result.warning}"), file=sys.stderr)
        verdict = result.verdict
        if verdict is None:
            continue
        print(safe(f"{result.path}: {_headline(verdict)}"))
        gaps: list[Gap] = [*verdict.gaps, *verdict.field_gaps]
        for gap in gaps:
            print(safe(f"  {result.path}:{_line(gap)}: {gap.describe()}"))
        for regression in result.regressions:
            print(safe(f"  {result.path}: regressed: {regression}"))
        for notice in verdict.notices:
            print(safe(f"  {result.path}: notice: {notice.text}"))
    below = sum(1 for v in judged if v.below(threshold))
    noun = "page" if len(judged) == 1 else "pages"
    _skipped(results)
    regressed = sum(len(r.regressions) for r in results)
    if regressed:
        print(f"{regressed} regression{'s' if regressed != 1 else ''} against the baseline.")
    failed = sum(1 for r in results if r.failed)
    unusable = f", {failed} naming a template that cannot be used" if failed else ""
    print(f"{len(judged)} {noun} judged, {below} below {threshold}%{unusable}.")


def _skipped(results: list[Checked], limit: int = 10) -> None:
    """One line per reason for the pages not judged: the named pages that have no template
    (pre-commit names every staged page), and those whose status is in skip_status. Not silent,
    not a line each."""
    by_reason: dict[str, list[str]] = {}
    for result in results:
        if result.skipped:
            by_reason.setdefault(result.skipped, []).append(result.path)
    for reason, paths in by_reason.items():
        names = ", ".join(paths[:limit])
        more = f" and {len(paths) - limit} more" if len(paths) > limit else ""
        noun = "page" if len(paths) == 1 else "pages"
        print(safe(f"skipped {len(paths)} {noun}, {reason}: {names}{more}"))


def _json(results: list[Checked], threshold: int) -> None:
    document = {
        "fail_under": threshold,
        "pages": [verdict.as_dict() for verdict in _judged(results)],
        "warnings": [
            {"path": r.path, "message": r.warning, "failed": r.failed} for r in results if r.warning
        ],
        "skipped": [{"path": r.path, "reason": r.skipped} for r in results if r.skipped],
        "regressions": [{"path": r.path, "message": m} for r in results for m in r.regressions],
    }
    # Compact and written at once: `indent` and a streamed dump are several times slower.
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")


def _escape(value: str, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (the runner's log is a terminal too)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = safe(value)
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _annotated(verdict: PageVerdict) -> list[Gap]:
    """The gaps worth an annotation: required sections and fields, and invalid fields; missing
    before the rest."""
    required: list[Gap] = [gap for gap in verdict.gaps if not gap.optional]
    required += [f for f in verdict.field_gaps if f.required or f.state is State.INVALID]
    # sorted() is stable: template order within each state
    return sorted(required, key=lambda gap: gap.state is not State.MISSING)


def _github(results: list[Checked], threshold: int) -> None:
    for result in results:
        file = _escape(result.path, property_value=True)
        if result.warning:
            level = "error" if result.failed else "warning"
            print(f"::{level} file={file},line=1::{_escape(result.warning)}")
        verdict = result.verdict
        if verdict is None:
            continue
        title = _escape(f"Spec {verdict.template_ref}", property_value=True)
        gaps = _annotated(verdict)
        if len(gaps) > _ANNOTATIONS_PER_PAGE:
            listed = "\n".join(f"line {_line(gap)}: {gap.describe()}" for gap in gaps)
            what = f"{len(gaps)} sections to write:\n{listed}"
            print(f"::warning file={file},line={_line(gaps[0])},title={title}::{_escape(what)}")
        else:
            for gap in gaps:
                what = _escape(gap.describe())
                print(f"::warning file={file},line={_line(gap)},title={title}::{what}")
        for regression in result.regressions:
            print(
                f"::error file={file},line=1,title={title}::{_escape('regressed: ' + regression)}"
            )
        level = "error" if verdict.below(threshold) else "notice"
        print(f"::{level} file={file},line=1::{_escape('Spec ' + verdict.summary)}")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(job_summary(results, threshold))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def job_summary(results: list[Checked], threshold: int) -> str:
    """A Markdown job summary: every judged page, lowest score first, with what it lacks."""
    judged = sorted(_judged(results), key=lambda v: (v.score, v.path))
    below = sum(1 for v in judged if v.below(threshold))
    lines = [
        "## Spec completeness",
        "",
        f"{len(judged)} page{'s' if len(judged) != 1 else ''} judged, {below} below {threshold}%.",
        "",
    ]
    if judged:
        lines += ["| page | template | score | to write |", "| --- | --- | --- | --- |"]
        for verdict in judged:
            gaps = _annotated(verdict)
            todo = "; ".join(g.describe() for g in gaps[:5]) + ("; ..." if len(gaps) > 5 else "")
            lines.append(
                f"| `{_cell(verdict.path)}` | {_cell(verdict.template_ref)} | {verdict.score}% "
                f"| {_cell(todo) or 'nothing'} |"
            )
    failed = [r for r in results if r.failed]
    if failed:
        lines += ["", "Pages naming a template that cannot be used:", ""]
        lines += [f"- `{_cell(r.path)}`: {_cell(r.warning or '')}" for r in failed]
    return "\n".join(lines) + "\n"


_RULES = {
    "missing": "A required section of the page's template is not on the page.",
    "unfinished": "A required section is there, but holds nothing of the author's yet.",
    "invalid": "A page metadata field's value is not allowed (not a date, not one of its values).",
    "below-threshold": "The page's score is below the --fail-under threshold.",
    "template": "The page names a template that cannot be used.",
}


def _sarif(results: list[Checked], threshold: int) -> None:
    """SARIF 2.1.0, for code scanning: one rule per state, one result per required gap."""
    findings = []

    def result(rule: str, level: str, text: str, path: str, line: int) -> None:
        location = {"artifactLocation": {"uri": path}, "region": {"startLine": max(line, 1)}}
        findings.append(
            {
                "ruleId": rule,
                "level": level,
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
            }
        )

    for checked in results:
        if checked.warning:
            level = "error" if checked.failed else "warning"
            result("template", level, checked.warning, checked.path, 1)
        verdict = checked.verdict
        if verdict is None:
            continue
        for gap in _annotated(verdict):
            result(gap.state.value, "warning", gap.describe(), checked.path, _line(gap))
        if verdict.below(threshold):
            text = f"Spec {_headline(verdict)}, below {threshold}%"
            result("below-threshold", "error", text, checked.path, 1)
    driver = {
        "name": "mkdocs-spec",
        "version": __version__,
        "informationUri": "https://pypi.org/project/mkdocs-spec-plugin/",
        "rules": [
            {"id": rule, "shortDescription": {"text": text}} for rule, text in _RULES.items()
        ],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": findings}],
    }
    sys.stdout.write(json.dumps(log, ensure_ascii=False, indent=1) + "\n")


WRITERS: dict[str, Callable[[list[Checked], int], None]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
}
