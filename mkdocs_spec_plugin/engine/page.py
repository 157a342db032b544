"""Judge one page from its Markdown source: front matter, template, sections, verdict."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import judge_fields
from .front_matter import normalise_newlines, split_front_matter
from .judge import judge_best
from .markdown_reader import read_markdown
from .model import PageReport
from .nesting import flatten
from .nesting import warning as nesting_warning
from .profile import MarkdownProfile
from .resolve import Matcher


@dataclass
class PageOutcome:
    """A page's verdict, or why it got none. `report` is None for pages without a template."""

    report: PageReport | None = None
    warning: str | None = None
    lines: int = 0
    failed: bool = False  # the page names a template it cannot use: `check` fails on it
    skipped: str | None = None  # why a page with a template is not judged (skip_status)
    quiet: str | None = None  # why a judged page is shown without admonition nor warning


def decode(data: bytes) -> str | None:
    """The page's text as MkDocs reads it (UTF-8, optional BOM), or None when it is not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def judge_page(
    text: str, matcher: Matcher, path: str = "", profile: MarkdownProfile | None = None
) -> PageOutcome:
    """Judge a page's Markdown; `path` is its docs-relative path, for the matcher's rules."""
    text = normalise_newlines(text)
    document = split_front_matter(text)
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if document.error:
        return PageOutcome(warning=document.error, lines=lines)
    resolution = matcher.resolve(document.meta, path)
    if resolution.template is None:
        return PageOutcome(warning=resolution.warning, lines=lines, failed=resolution.failed)
    skipped = matcher.skipped(document.meta, document.body)
    if skipped and not matcher.judge_skipped:
        return PageOutcome(lines=lines, skipped=skipped)
    # Nesting too deep for Python-Markdown is flattened before the plugin renders the page; the
    # same text is read here, and the author is told the same way (`--strict` fails on it).
    body, flattened = flatten(document.body)
    warning = nesting_warning(flattened) if flattened else None
    sections = read_markdown(body, document.body_line, profile)
    report = judge_best(resolution.templates, sections)
    template = report.template  # the one it follows best
    report.fields = judge_fields(
        template.fields, template.placeholder_re, document.meta, document.body, document
    )
    for result in report.sections:
        # A section missing at the very end belongs after the last line: point at that line.
        if result.line is not None and result.line > lines:
            result.line = max(lines, 1)
    return PageOutcome(report, warning=warning, lines=lines, quiet=skipped)
