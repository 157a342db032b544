"""The site-wide view: a report page in the site's theme, a JSON file, and the build gates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from mkdocs.utils import get_relative_url

from .render import band_color
from .verdict import Verdict

SCRIPT = "assets/mkdocs-spec/report.js"
JSON_NAME = "spec-report.json"


@dataclass
class Judged:
    """A judged page of this build."""

    src_uri: str
    url: str
    title: str
    verdict: Verdict


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


def average(pages: list[Judged]) -> int:
    """The site's score: the mean of its pages' scores, rounded down; 100 with no pages."""
    return sum(p.verdict.score for p in pages) // len(pages) if pages else 100


def table(pages: list[Judged], from_url: str, bands: Sequence[Mapping[str, Any]]) -> str:
    """The report's HTML: a summary and one sortable row per page, lowest score first."""
    rows = []
    for page in sorted(pages, key=lambda p: (p.verdict.score, p.src_uri)):
        verdict = page.verdict
        link = escape(get_relative_url(page.url or ".", from_url))
        rows.append(
            "<tr>"
            # MkDocs gives a page's title with its entities (`R&amp;D`): escaped once, not twice.
            f'<td data-sort="{escape(page.src_uri)}"><a href="{link}">'
            f"{escape(unescape(page.title))}</a>"
            f"<br><small><code>{escape(page.src_uri)}</code></small></td>"
            f'<td data-sort="{escape(verdict.template)}"><code>{escape(verdict.template)}'
            "</code></td>"
            f'<td data-sort="{verdict.score}" class="spec-report-score">'
            f'<span class="spec-badge" style="--spec-badge-color: '
            f'{escape(band_color(verdict.score, bands))}">{verdict.score}%</span></td>'
            f'<td data-sort="{verdict.complete}">{verdict.complete} of {verdict.required}</td>'
            f'<td data-sort="{verdict.missing}">{verdict.missing}</td>'
            f'<td data-sort="{verdict.unfinished}">{verdict.unfinished}</td>'
            "</tr>"
        )
    complete = sum(1 for p in pages if p.verdict.is_complete)
    summary = (
        f'<p class="spec-report-summary">{len(pages)} spec page{"s" if len(pages) != 1 else ""}, '
        f"{complete} complete; average score {average(pages)}%. "
        "Select a column heading to sort.</p>"
    )
    headings = "".join(
        f'<th data-sort-type="{kind}" aria-sort="none"><button type="button">{name}</button></th>'
        for name, kind in (
            ("Page", "text"),
            ("Template", "text"),
            ("Score", "number"),
            ("Complete", "number"),
            ("Missing", "number"),
            ("Unfinished", "number"),
        )
    )
    script = escape(get_relative_url(SCRIPT, from_url))
    return (
        f'{summary}<table class="spec-report"><thead><tr>{headings}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<script src="{script}" defer></script>'
    )


def json_report(pages: list[Judged]) -> str:
    """spec-report.json: every judged page in the command line's JSON shape, with its URL in the
    site. Joined from each page's own encoded JSON, made where the page was judged."""
    encoded = ", ".join(p.verdict.json for p in sorted(pages, key=lambda p: p.src_uri))
    return f'{{"average": {average(pages)}, "pages": [{encoded}]}}'


def below(pages: list[Judged], fail_under: int | None, fail_under_page: int | None) -> str | None:
    """Why the build fails its gates, as a summary table; None when it passes."""
    site = average(pages)
    failing_site = fail_under is not None and site < fail_under
    low = [p for p in pages if fail_under_page is not None and p.verdict.score < fail_under_page]
    if not failing_site and not low:
        return None
    lines = []
    if failing_site:
        lines.append(f"site average {site}% is below fail_under {fail_under}%")
    if low:
        lines.append(f"{len(low)} page(s) below fail_under_page {fail_under_page}%:")
    shown = low or sorted(pages, key=lambda p: p.verdict.score)[:10]
    width = max(len(p.src_uri) for p in shown) if shown else 4
    lines.append(f"  {'page':<{width}}  {'template':<16} score  missing  unfinished")
    for page in sorted(shown, key=lambda p: (p.verdict.score, p.src_uri)):
        lines.append(
            f"  {page.src_uri:<{width}}  {page.verdict.template:<16} {page.verdict.score:>4}%"
            f"  {page.verdict.missing:>7}  {page.verdict.unfinished:>10}"
        )
    return "\n".join(lines)
