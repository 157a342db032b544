"""Reports as data: the JSON shape shared by the CLI and the site report, and plain text."""

from __future__ import annotations

import json
from typing import Any

from .model import PageReport, SectionResult


def section_dict(result: SectionResult) -> dict[str, Any]:
    return {
        "path": list(result.path),
        "state": result.state.value,
        "line": result.line,
        "did_you_mean": result.did_you_mean,
        "reason": result.reason,
    }


def page_dict(path: str, report: PageReport) -> dict[str, Any]:
    """One page in the JSON contract: required slots under `sections`, in template order."""
    return {
        "path": path,
        "template": report.template.id,
        "score": report.score,
        "complete": report.complete,
        "required": len(report.required),
        "sections": [section_dict(s) for s in report.required],
        "optional_sections": [section_dict(s) for s in report.sections if s.optional],
        "notices": list(report.notices),
    }


def encoded_page(path: str, report: PageReport, **extra: Any) -> str:
    """`page_dict` (and `extra` fields) encoded as JSON, characters kept as they are."""
    return json.dumps({**page_dict(path, report), **extra}, ensure_ascii=False)


def summary(report: PageReport) -> str:
    """ "58% · 7 of 12 sections", as the badge says it."""
    return f"{report.score}% · {report.complete} of {len(report.required)} sections"


def describe(result: SectionResult) -> str:
    """One gap in words: its state, its path, and why or what to do."""
    words = f"{result.state.value}: {' / '.join(result.path)}"
    if result.optional:
        words += " (optional)"
    if result.did_you_mean:
        words += f" (did you mean '{result.did_you_mean}'?)"
    elif result.reason:
        words += f" ({result.reason})"
    return words
