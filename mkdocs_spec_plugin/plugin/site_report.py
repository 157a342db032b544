"""The site-wide view: a report page in the site's theme, a JSON file, and the build gates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from mkdocs.utils import get_relative_url

from ..assets import SCRIPT, STYLESHEET
from ..dashboard import page as dashboard
from ..dashboard.bands import band_color
from ..engine.fields import FieldVerdict
from ..engine.model import State
from ..engine.report import PageVerdict, SectionVerdict
from ..engine.site import average, report_json
from ..locales import Catalogue

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


def table(
    pages: Sequence[PageVerdict],
    from_url: str,
    bands: Sequence[Mapping[str, Any]],
    words: Catalogue,
    before: str = "",
) -> str:
    """The report page's content after `before` (the dashboard), with the stylesheet and script
    it needs; joined once (see `dashboard.parts`)."""

    def link(verdict: PageVerdict) -> str:
        return get_relative_url(verdict.url or ".", from_url)

    sheet = escape(get_relative_url(STYLESHEET, from_url))
    script = escape(get_relative_url(SCRIPT, from_url))
    return "".join(
        (
            before,
            f'<link rel="stylesheet" href="{sheet}"><div lang="{words.lang}">',
            *dashboard.parts(pages, link, lambda score: band_color(score, bands), words),
            f'</div><script src="{script}" defer></script>',
        )
    )


def json_report(pages: Sequence[PageVerdict]) -> str:
    """spec-report.json, each page with its URL in the site."""
    return report_json(pages)


def below(
    pages: Sequence[PageVerdict], fail_under: int | None, fail_under_page: int | None
) -> str | None:
    """Why the build fails its gates, as a summary table; None when it passes. Quiet pages
    (`skip_status_judged`) are held to no gate."""
    pages = [p for p in pages if p.quiet is None]
    site = average([p.score for p in pages])
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
            f"  {page.path:<{width}}  {page.template_ref:<16} {page.score:>4}%"
            f"  {page.count(State.MISSING):>7}  {page.count(State.UNFINISHED):>10}"
        )
    return "\n".join(lines)


def page_warning(verdict: PageVerdict, threshold: int | None) -> str | None:
    """The build warning of a page below `warn_under` (unset: a page with missing sections),
    without the page's path; None for a page above the bar. A scored field that is missing or
    invalid counts as a missing section does."""
    if verdict.quiet is not None:
        return None
    missing = [s for s in verdict.required if s.state is State.MISSING]
    fields = [f for f in verdict.fields if f.counts]
    missing_fields = [f for f in fields if f.state is State.MISSING]
    invalid = [f for f in fields if f.state is State.INVALID]
    gaps = missing or missing_fields or invalid
    below = bool(gaps) if threshold is None else verdict.below(threshold)
    if not below:
        return None
    unfinished = [s for s in verdict.required if s.state is State.UNFINISHED]
    unfinished_fields = [f for f in fields if f.state is State.UNFINISHED]
    parts = [
        f"{len(results)} {label} ({_names(results)})"
        for label, results in (
            ("missing", missing),
            ("unfinished", unfinished),
            ("missing field" + ("s" if len(missing_fields) > 1 else ""), missing_fields),
            ("unfinished field" + ("s" if len(unfinished_fields) > 1 else ""), unfinished_fields),
            ("invalid field" + ("s" if len(invalid) > 1 else ""), invalid),
        )
        if results
    ]
    bar = f" (warn_under {threshold}%)" if threshold is not None else ""
    return f"{verdict.template_ref} {verdict.score}%{bar}; {'; '.join(parts)}"


def _names(results: Sequence[SectionVerdict | FieldVerdict], limit: int = 3) -> str:
    names = [
        r.name + (f" (did you mean '{r.did_you_mean}'?)" if r.did_you_mean else "")
        for r in results[:limit]
    ]
    more = ", ..." if len(results) > limit else ""
    return ", ".join(names) + more
