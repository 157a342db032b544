"""The site report's content: a summary, three charts, the pages behind each top gap, filters and
the table of pages. The plugin puts it in the site's theme; `mkdocs-spec report` in a page of its
own. Every piece of page or template text is escaped here.

The table has no class of its own, so the theme styles it as any table of the page's content
(Material styles only tables without a class); the wrapper scrolls it sideways on a narrow screen.
The filters work by a few lines of script and stay hidden without it: the page is whole without.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from html import escape, unescape

from ..engine.model import State
from ..engine.report import PageVerdict
from ..engine.site import SiteSummary
from ..locales import Catalogue
from . import charts

FILTERS = "spec-report-filters"
Link = Callable[[PageVerdict], str]  # a page's href from the report
COLUMNS = (
    ("page", "text"),
    ("template", "text"),
    ("score", "number"),
    ("complete", "number"),
    ("missing", "number"),
    ("unfinished", "number"),
)


def body(
    verdicts: Sequence[PageVerdict], link: Link, color: Callable[[int], str], words: Catalogue
) -> str:
    return "".join(parts(verdicts, link, color, words))


def parts(
    verdicts: Sequence[PageVerdict], link: Link, color: Callable[[int], str], words: Catalogue
) -> Iterator[str]:
    """The body in pieces, a table row each, for one join: on a large site each copy of the
    whole (the charts' dashes make it two bytes a character) raised the build's peak memory."""
    summary = SiteSummary.of(verdicts)
    ordered = sorted(verdicts, key=lambda p: (p.score, p.path))
    by_path = {v.path: v for v in verdicts}
    yield _summary(summary, words)
    yield _figure(words.html("chart_spread"), charts.spread(summary, color, words))
    yield _figure(words.html("chart_templates"), charts.templates(summary.templates, color, words))
    yield _figure(
        words.html("chart_gaps"),
        charts.gaps(summary.gaps, lambda row: f"#spec-gap-{row}", words),
        "spec-report-gaps",
    )
    yield _gap_lists(summary, by_path, link, words)
    yield _filters(summary, words)
    yield from _table(ordered, link, color, words)


def _summary(summary: SiteSummary, words: Catalogue) -> str:
    said = words.html(
        "report_summary",
        pages=words.html("report_pages", summary.pages),
        complete=words.html("report_complete", summary.complete),
        average=words.html("percent", value=summary.average),
    )
    return f'<p class="spec-report-summary">{said}</p>'


def _figure(caption: str, svg: str, css: str = "") -> str:
    extra = f" {css}" if css else ""
    return (
        f'<figure class="spec-report-figure{extra}"><figcaption>{caption}</figcaption>'
        f"{svg}</figure>"
    )


def _gap_lists(
    summary: SiteSummary, by_path: dict[str, PageVerdict], link: Link, words: Catalogue
) -> str:
    """Under the gaps chart, the pages behind each bar, which its links open."""
    parts = []
    for row, gap in enumerate(summary.gaps):
        items = "".join(
            f'<li><a href="{escape(link(by_path[path]))}">{_title(by_path[path])}</a> '
            f'<span class="spec-state spec-state--{state}">{words.html(f"state_{state}")}</span>'
            "</li>"
            for state, paths in (("missing", gap.missing), ("unfinished", gap.unfinished))
            for path in sorted(paths)
        )
        said = words.html(
            "report_gap",
            section=escape(" / ".join(gap.path)),
            template=escape(gap.template),
            pages=words.html("pages", gap.pages),
        )
        parts.append(
            f'<details class="spec-report-gap" id="spec-gap-{row}"><summary>{said}</summary>'
            f"<ul>{items}</ul></details>"
        )
    return "".join(parts)


def _filters(summary: SiteSummary, words: Catalogue) -> str:
    templates = "".join(
        f'<option value="{escape(t.id)}">{escape(t.name)} ({words.number(t.pages)})</option>'
        for t in summary.templates
    )
    states = "".join(
        f'<option value="{value}">{words.html(key)}</option>'
        for value, key in (
            ("", "filter_all"),
            ("missing", "filter_missing"),
            ("unfinished", "filter_unfinished"),
            ("complete", "filter_complete"),
        )
    )
    below = words.html(
        "filter_below",
        input='<input name="below" type="number" min="0" max="101" step="1" inputmode="numeric" '
        'size="3">',
    )
    shown = escape(words.text("filter_shown", shown="{shown}", total="{total}"))
    return (
        f'<form class="{FILTERS}" hidden>'
        f'<label>{words.html("filter_template")} <select name="template">'
        f'<option value="">{words.html("filter_all")}</option>{templates}</select></label> '
        f'<label>{words.html("filter_pages")} <select name="state">{states}</select></label> '
        f"<label>{below}</label> "
        f'<output name="shown" aria-live="polite" data-format="{shown}"></output></form>'
    )


def _title(verdict: PageVerdict) -> str:
    # MkDocs gives a page's title with its entities (`R&amp;D`): escaped once, not twice.
    return escape(unescape(verdict.title or verdict.path))


def _template(verdict: PageVerdict, words: Catalogue) -> str:
    """The template's id; for a page judged against several, which it follows best, of which."""
    shown = f"<code>{escape(verdict.template_ref)}</code>"
    if not verdict.candidates:
        return shown
    choices = escape(words.text("list_separator").join(verdict.candidates))
    return words.html("template_best", template=shown, choices=choices)


def _table(
    ordered: Sequence[PageVerdict], link: Link, color: Callable[[int], str], words: Catalogue
) -> Iterator[str]:
    headings = "".join(
        f'<th data-sort-type="{kind}" aria-sort="none"><button type="button">'
        f"{words.html(f'report_column_{name}')}</button></th>"
        for name, kind in COLUMNS
    )
    hint = f"{words.html('report_table_intro')} {words.html('report_sort_hint')}"
    yield (
        f'<p class="spec-report-hint">{hint}</p><div class="spec-report"><table>'
        f"<thead><tr>{headings}</tr></thead><tbody>"
    )
    for verdict in ordered:
        missing = verdict.count(State.MISSING)
        unfinished = verdict.count(State.UNFINISHED) + verdict.count(State.INVALID)  # fields
        complete = words.html("report_of", verdict.total, complete=verdict.complete)
        yield (
            f'<tr data-template="{escape(verdict.template)}" data-score="{verdict.score}" '
            f'data-missing="{missing}" data-unfinished="{unfinished}">'
            f'<td data-sort="{escape(verdict.path)}"><a href="{escape(link(verdict))}">'
            f"{_title(verdict)}</a>"
            f'<br><small class="spec-report-path"><code>{escape(verdict.path)}</code></small></td>'
            f'<td data-sort="{escape(verdict.template_ref)}">{_template(verdict, words)}</td>'
            f'<td data-sort="{verdict.score}" class="spec-report-score">'
            f'<span class="spec-badge" style="--spec-badge-color: '
            f'{escape(color(verdict.score))}">{words.html("percent", value=verdict.score)}'
            "</span></td>"
            f'<td data-sort="{verdict.complete}">{complete}</td>'
            f'<td data-sort="{missing}">{words.number(missing)}</td>'
            f'<td data-sort="{unfinished}">{words.number(unfinished)}</td>'
            "</tr>"
        )
    yield "</tbody></table></div>"


# A page of its own has no theme: enough of one for the dashboard to read well, light or dark.
_STANDALONE_CSS = """
:root { color-scheme: light dark; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: #0969da; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; }
  a { color: #58a6ff; } }
.spec-report table { border-collapse: collapse; }
.spec-report th, .spec-report td { padding: 0.4em 0.7em; border-bottom: 1px solid #8b949e66;
  text-align: left; vertical-align: top; }
code { font-size: 0.9em; }
"""


def standalone(
    verdicts: Sequence[PageVerdict],
    link: Link,
    color: Callable[[int], str],
    words: Catalogue,
    site_name: str | None,
    assets: tuple[str, str],  # the stylesheet's text and the script's
) -> str:
    """The dashboard as one HTML file, its stylesheet and script inline: for a CI artefact, or a
    site built by a generator that runs no MkDocs plugin."""
    title = (
        words.text("report_title_site", site=site_name) if site_name else words.text("report_title")
    )
    stylesheet, script = assets
    return (
        f'<!DOCTYPE html><html lang="{words.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STANDALONE_CSS}{stylesheet}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body(verdicts, link, color, words)}</main>"
        f"<script>{script}</script></body></html>\n"
    )
