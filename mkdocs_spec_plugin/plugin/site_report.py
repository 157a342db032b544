"""The site-wide view: a report page in the site's theme, a JSON file, and the build gates."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape, unescape
from typing import Any

from mkdocs.utils import get_relative_url

from ..engine.model import State
from ..engine.report import PageVerdict, SectionVerdict
from ..locales import Catalogue
from .render import band_color

SCRIPT = "assets/mkdocs-spec/report.js"
JSON_NAME = "spec-report.json"


def source_for(url: str) -> str:
    """The docs-relative Markdown path that MkDocs publishes at `url` (`spec-report/`). The
    report's source is written to the plugin's scratch folder and its page into site_dir: a URL
    that could lead anywhere else is refused."""
    stem = url.strip("/").removesuffix(".html").removesuffix("/index")
    if not stem:
        raise ValueError("report_url must name a page, such as 'spec-report/'")
    parts = stem.split("/")
    if any(part in ("", ".", "..") for part in parts) or any(c in stem for c in "\\:\0"):
        raise ValueError(
            f"report_url {url!r} must be a path inside the site, such as 'spec-report/' or "
            "'status/specs/' (no '..', '.', empty folders, backslashes or drive letters)"
        )
    return f"{stem}.md"


def average(pages: Sequence[PageVerdict]) -> int:
    """The site's score: the mean of its pages' scores, rounded down; 100 with no pages."""
    return sum(p.score for p in pages) // len(pages) if pages else 100


def table(
    pages: Sequence[PageVerdict],
    from_url: str,
    bands: Sequence[Mapping[str, Any]],
    words: Catalogue,
) -> str:
    """The report's HTML: a summary and one sortable row per page, lowest score first."""
    rows = []
    for verdict in sorted(pages, key=lambda p: (p.score, p.path)):
        link = escape(get_relative_url(verdict.url or ".", from_url))
        score = words.html("percent", value=verdict.score)
        missing, unfinished = verdict.count(State.MISSING), verdict.count(State.UNFINISHED)
        rows.append(
            "<tr>"
            # MkDocs gives a page's title with its entities (`R&amp;D`): escaped once, not twice.
            f'<td data-sort="{escape(verdict.path)}"><a href="{link}">'
            f"{escape(unescape(verdict.title or verdict.path))}</a>"
            f"<br><small><code>{escape(verdict.path)}</code></small></td>"
            f'<td data-sort="{escape(verdict.template)}"><code>{escape(verdict.template)}'
            "</code></td>"
            f'<td data-sort="{verdict.score}" class="spec-report-score">'
            f'<span class="spec-badge" style="--spec-badge-color: '
            f'{escape(band_color(verdict.score, bands))}">{score}</span></td>'
            f'<td data-sort="{verdict.complete}">'
            f"{words.html('report_of', len(verdict.required), complete=verdict.complete)}</td>"
            f'<td data-sort="{missing}">{missing}</td>'
            f'<td data-sort="{unfinished}">{unfinished}</td>'
            "</tr>"
        )
    complete = sum(1 for p in pages if p.is_complete)
    said = words.html(
        "report_summary",
        pages=words.html("report_pages", len(pages)),
        complete=words.html("report_complete", complete),
        average=words.html("percent", value=average(pages)),
    )
    summary = (
        f'<p class="spec-report-summary" lang="{words.lang}">'
        f"{said} {words.html('report_sort_hint')}</p>"
    )
    headings = "".join(
        f'<th data-sort-type="{kind}" aria-sort="none"><button type="button">'
        f"{words.html(f'report_column_{name}')}</button></th>"
        for name, kind in (
            ("page", "text"),
            ("template", "text"),
            ("score", "number"),
            ("complete", "number"),
            ("missing", "number"),
            ("unfinished", "number"),
        )
    )
    script = escape(get_relative_url(SCRIPT, from_url))
    return (
        f'{summary}<table class="spec-report" lang="{words.lang}"><thead><tr>{headings}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        f'<script src="{script}" defer></script>'
    )


def json_report(pages: Sequence[PageVerdict]) -> str:
    """spec-report.json: every judged page in the command line's JSON shape, with its URL in the
    site."""
    ordered = [p.as_dict() for p in sorted(pages, key=lambda p: p.path)]
    return json.dumps({"average": average(pages), "pages": ordered}, ensure_ascii=False)


def below(
    pages: Sequence[PageVerdict], fail_under: int | None, fail_under_page: int | None
) -> str | None:
    """Why the build fails its gates, as a summary table; None when it passes."""
    site = average(pages)
    failing_site = fail_under is not None and site < fail_under
    low = [p for p in pages if fail_under_page is not None and p.score < fail_under_page]
    if not failing_site and not low:
        return None
    lines = []
    if failing_site:
        lines.append(f"site average {site}% is below fail_under {fail_under}%")
    if low:
        lines.append(f"{len(low)} page(s) below fail_under_page {fail_under_page}%:")
    shown = low or sorted(pages, key=lambda p: p.score)[:10]
    width = max(len(p.path) for p in shown) if shown else 4
    lines.append(f"  {'page':<{width}}  {'template':<16} score  missing  unfinished")
    for page in sorted(shown, key=lambda p: (p.score, p.path)):
        lines.append(
            f"  {page.path:<{width}}  {page.template:<16} {page.score:>4}%"
            f"  {page.count(State.MISSING):>7}  {page.count(State.UNFINISHED):>10}"
        )
    return "\n".join(lines)


def page_warning(verdict: PageVerdict, threshold: int | None) -> str | None:
    """The build warning of a page below `warn_under` (unset: a page with missing sections),
    without the page's path; None for a page above the bar."""
    missing = [s for s in verdict.required if s.state is State.MISSING]
    below = bool(missing) if threshold is None else verdict.score < threshold
    if not below:
        return None
    unfinished = [s for s in verdict.required if s.state is State.UNFINISHED]
    parts = [
        f"{len(results)} {label} ({_names(results)})"
        for label, results in (("missing", missing), ("unfinished", unfinished))
        if results
    ]
    bar = f" (warn_under {threshold}%)" if threshold is not None else ""
    return f"{verdict.template} {verdict.score}%{bar}; {'; '.join(parts)}"


def _names(results: list[SectionVerdict], limit: int = 3) -> str:
    names = [
        r.name + (f" (did you mean '{r.did_you_mean}'?)" if r.did_you_mean else "")
        for r in results[:limit]
    ]
    more = ", ..." if len(results) > limit else ""
    return ", ".join(names) + more
