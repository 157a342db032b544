"""The `spec` MkDocs plugin: judge each spec page as it is built and show the verdict on it.

A thin adapter over the engine. Pages are judged from the HTML MkDocs already rendered; nothing is
rendered twice and the page's source file is never touched.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file

from ..assets import SCRIPT, STATIC, STYLESHEET
from ..config import SpecConfig, matcher_for
from ..dashboard.bands import band_index, nav_status_css
from ..engine.fields import FieldVerdict, judge_fields
from ..engine.front_matter import normalise_newlines, split_front_matter
from ..engine.html_reader import read_html
from ..engine.judge import judge_best
from ..engine.model import Template
from ..engine.nesting import flatten
from ..engine.nesting import warning as nesting_warning
from ..engine.page import decode, judge_page
from ..engine.profile import MarkdownProfile
from ..engine.report import PageVerdict, SectionVerdict, Shared
from ..engine.resolve import Matcher
from ..engine.templates import TemplateError
from ..locales import Catalogue, choose, load
from . import render, site_report

log = get_plugin_logger(__name__)

NAV_STYLESHEET = "assets/mkdocs-spec/nav-status.css"  # written per site: its bands' icons
_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


@dataclass
class _Build:
    """What one build learns, page by page. A new one for each build: `mkdocs serve` builds again
    and again with the same plugin instance."""

    report_src: str | None = None  # the report page's source, when it is published
    pages: dict[str, Page] = field(default_factory=dict)  # spec pages rendered, in build order
    markers: dict[str, str] = field(default_factory=dict)  # where each page's verdict goes
    verdicts: dict[str, PageVerdict] = field(default_factory=dict)  # every judged page
    judged: int = 0  # pages judged in this build; the others came from the serve cache
    report_in_nav: bool = False  # the site's own nav lists the report page
    shared: Shared = field(default_factory=Shared)  # the verdicts' equal sections, held once
    # Each admonition entry rendered so far: a site's pages repeat their templates' gaps (on the
    # benchmark site 15,319 entries, 872 of them different).
    items: dict[SectionVerdict, str] = field(default_factory=dict)


class SpecPlugin(BasePlugin[SpecConfig]):
    """Adds a completeness badge and a missing-sections admonition to every spec page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False
        self.profile = MarkdownProfile()
        self.matcher: Matcher | None = None
        self.build = _Build()
        # A page's verdict goes where its marker is, a comment random enough that no page holds
        # one by chance, and one per page, for themes that show other pages' content (excerpts).
        self.token = secrets.token_hex(8)
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        # Under `mkdocs serve` this instance lives across rebuilds: a page whose HTML and
        # templates did not change keeps its verdict instead of being judged again, and
        # `serve --dirty` keeps the verdicts of the pages it does not render.
        self.cache: dict[str, tuple[tuple[object, ...], PageVerdict]] = {}
        self.previous: dict[str, PageVerdict] = {}
        self.words: Catalogue = load("en")  # chosen in on_config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, where the same plugin builds again and again,
        and whether builds are `--dirty`, where MkDocs renders only the pages that changed."""
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load every template once per build; a broken one stops the build, naming its file."""
        self.build = _Build()
        if not self.config.enabled:
            return None
        self.words, problem = choose(self.config.locale, _theme_language(config))
        if problem:
            log.warning(problem)
        profile = self.profile = MarkdownProfile.from_extensions(config.markdown_extensions)
        try:
            self.matcher = matcher_for(self.config, profile)
        except TemplateError as exc:
            if not (self.is_serve and self.matcher is not None):
                raise PluginError(f"[spec] {exc}") from exc
            # An edit mid-way through a template must not stop the preview.
            log.warning(f"{exc}; the preview keeps the last templates that loaded")
        if self.config.report:
            try:
                self.build.report_src = site_report.source_for(self.config.report_url)
            except ValueError as exc:
                raise PluginError(f"[spec] {exc}") from exc
        if self.config.nav_status:  # the nav, with its icons, is on every page
            for sheet in (STYLESHEET, NAV_STYLESHEET):
                if sheet not in config.extra_css:
                    config.extra_css.append(sheet)
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Watch the templates folder, which may lie outside docs_dir: an edited template
        rebuilds the preview, and every page it judges is judged again (the cache key holds
        the templates' fingerprint)."""
        if self.config.enabled and self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Ship the plugin's stylesheet and script, and add the report page (not in the nav)."""
        if not self.config.enabled:
            return files
        pages = files.documentation_pages()
        for file in list(pages):
            text = _decoded_if_not_utf8(file)
            if text is not None:  # build a decoded copy in its place (works on MkDocs 1.5 too)
                files.remove(file)
                files.append(self._scratch_file(file.src_uri, text, config))
        for asset in (STYLESHEET, SCRIPT):
            files.append(File(asset, str(STATIC), config.site_dir, config.use_directory_urls))
        if self.config.nav_status:
            css = nav_status_css(self.config.bands)
            files.append(self._scratch_file(NAV_STYLESHEET, css, config))
        report_src = self.build.report_src
        if report_src is not None:
            if files.get_file_from_path(report_src) is not None:
                log.warning(
                    f"report_url '{self.config.report_url}' is taken by the page "
                    f"{report_src}; the spec report is not generated (set report_url)"
                )
                self.build.report_src = None
            else:
                files.append(self._report_file(report_src, config))
        return files

    def _report_file(self, src_uri: str, config: MkDocsConfig) -> File:
        # The table is filled in once every page has been judged.
        file = self._scratch_file(src_uri, f"# {self.words.text('report_title')}\n", config)
        file.inclusion = InclusionLevel.NOT_IN_NAV
        return file

    def _scratch_file(self, src_uri: str, text: str, config: MkDocsConfig) -> File:
        """A page the plugin writes: a real file in a scratch folder works with every MkDocs
        version (File.generated is 1.6+)."""
        if self.scratch is None:
            self.scratch = tempfile.TemporaryDirectory(prefix="mkdocs-spec-")
        path = Path(self.scratch.name, src_uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return File(src_uri, self.scratch.name, config.site_dir, config.use_directory_urls)

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Note whether the site's own nav lists the report page."""
        self.build.report_in_nav = any(p.file.src_uri == self.build.report_src for p in nav.pages)
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Flatten lists and quotes nested too deep for Python-Markdown, which would otherwise
        stop the build with a RecursionError before any hook sees the page. Any page, spec or not:
        such a page cannot be built as written. The source file is never modified, and
        `mkdocs-spec check` reads the page flattened the same way."""
        if not self.config.enabled:
            return markdown
        if not page.meta and markdown.startswith("---"):
            # MkDocs drops front matter it cannot read without a word (the page then has no
            # template and is built as it is); say why, as `mkdocs-spec check` does.
            problem = split_front_matter(normalise_newlines(markdown)).error
            if problem:
                log.warning(f"{page.file.src_uri}: {problem}")
        flat, changed = flatten(markdown)
        if changed:
            log.warning(f"{page.file.src_uri}: {nesting_warning(changed)}")
        return flat

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Judge a spec page from the HTML MkDocs rendered, and mark the place of its verdict,
        under its title."""
        build = self.build
        if not self.config.enabled or self.matcher is None:
            return html
        source = page.file.src_uri
        if source == build.report_src:
            return html  # the plugin's own page is never judged, whatever the rules match
        if len(page.markdown or "") > self.config.max_page_mb << 20:
            log.warning(
                f"{source}: larger than {self.config.max_page_mb} MB (max_page_mb); not judged"
            )
            return html
        resolution = self.matcher.resolve(page.meta, source)
        if resolution.error:  # stop before the theme renders the page and crashes on it
            raise PluginError(f"[spec] {source}: {resolution.warning}")
        if resolution.warning:
            log.warning(f"{source}: {resolution.warning}")
        if not resolution.templates:
            return html
        skipped = self.matcher.skipped(page.meta, page.markdown or "")
        if skipped and not self.matcher.judge_skipped:
            log.debug(f"{source}: not judged: {skipped}")
            return html
        build.pages[source] = page
        verdict = self._verdict(resolution.templates, html, page)
        # `skip_status_judged`: judged, shown without the admonition, held to no bar
        build.verdicts[source] = dataclasses.replace(verdict, quiet=skipped) if skipped else verdict
        marker = f"<!--mkdocs-spec-verdict-{self.token}-{len(build.markers)}-->"
        build.markers[source] = marker
        return _inject(html, marker, self.config.placement == "after_metadata")

    def _verdict(self, templates: Sequence[Template], html: str, page: Page) -> PageVerdict:
        """The page's verdict; under `mkdocs serve`, the last one when neither the page nor the
        templates changed (hashing every page is worth it only where the plugin builds again).
        Fields come from the front matter and the Markdown, which the HTML does not show."""
        assert self.matcher is not None

        def fields_of(template: Template) -> tuple[FieldVerdict, ...]:
            return judge_fields(
                template.fields, template.placeholder_re, page.meta, page.markdown or ""
            )

        key: tuple[object, ...] = ()
        if self.is_serve:
            fingerprint = self.matcher.registry.fingerprint
            refs = tuple(t.ref for t in templates)
            key = (fingerprint, refs, page.url, page.title, len(html), hash(html))
            key += tuple(fields_of(t) for t in templates)
            cached = self.cache.get(page.file.src_uri)
            if cached is not None and cached[0] == key:
                return cached[1]
        self.build.judged += 1
        report = judge_best(templates, read_html(html))
        report.fields = fields_of(report.template)
        verdict = PageVerdict.of(report, page.file.src_uri, page.url, page.title, lines=False)
        verdict = self.build.shared.verdict(verdict)
        if self.is_serve:
            self.cache[page.file.src_uri] = (key, verdict)
        return verdict

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Every page is converted and none is written yet: warn about pages below the bar, and
        put each page's status in the navigation."""
        if not self.config.enabled:
            return env
        for source in self.build.pages:
            self._warn(self.build.verdicts[source])
        if self.dirty:
            self._judge_unbuilt(files)
        build = self.build
        if build.report_src is not None and not build.verdicts and not build.report_in_nav:
            # A report of no page ("average 100%") would tell a reader something untrue; one the
            # site's nav links to stays, so that the link works.
            report = files.get_file_from_path(build.report_src)
            if report is not None:
                files.remove(report)
            build.report_src = None
            log.info("no page names a template: the spec report page is not published")
        if self.config.nav_status:
            for source, page in self.build.pages.items():
                _set_nav_status(
                    page, self.build.verdicts[source], config, self.config.bands, self.words
                )
        return env

    def _judge_unbuilt(self, files: Files) -> None:
        """`--dirty` renders only the pages that changed; the report and the gates still cover
        the whole site. A page MkDocs did not render keeps its verdict from the last build of
        this `mkdocs serve`, or is judged from its Markdown, as `mkdocs-spec check` judges it (the
        two readers reach the same verdict)."""
        assert self.matcher is not None
        verdicts = self.build.verdicts
        for file in files.documentation_pages():
            page = file.page
            source = file.src_uri
            if page is None or page.content is not None or source == self.build.report_src:
                continue
            if source in self.previous:
                verdicts[source] = self.previous[source]
                continue
            try:
                with open(file.abs_src_path or "", "rb") as stream:
                    text = decode(stream.read())
            except OSError:
                continue
            if text is None:
                continue
            outcome = judge_page(text, self.matcher, source, self.profile)
            if outcome.report is not None:
                verdicts[source] = self.build.shared.verdict(
                    PageVerdict.of(
                        outcome.report,
                        source,
                        page.url,
                        page.title,
                        lines=False,
                        quiet=outcome.quiet,
                    )
                )
                self._warn(verdicts[source])

    def _warn(self, verdict: PageVerdict) -> None:
        """A page below the bar gets one warning per build that judged it: under `serve --dirty`
        not again for a page kept from the last build, as MkDocs says nothing again of a page it
        did not render."""
        warning = site_report.page_warning(verdict, self.config.warn_under)
        if warning:
            log.warning(f"{verdict.path}: {warning}")

    @event_priority(-100)  # last: search plugins index the page's content in this event
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        """Put the verdict on the page, in place of its marker, now that the site's search index
        has the page: the verdict is not part of what the page says (and indexing it would cost
        time). Fill in the report page: by now every page of the build has been judged."""
        build = self.build
        source = page.file.src_uri
        marker = build.markers.pop(source, None)
        if marker is not None:
            html = self._html(page, build.verdicts[source])
            content = page.content or ""
            if marker in content:
                page.content = content.replace(marker, html, 1)
            elif html:  # another plugin dropped the marker
                page.content = _inject(content, html, self.config.placement == "after_metadata")
        if source == build.report_src:
            verdicts = list(build.verdicts.values())
            page.content = site_report.table(
                verdicts, page.url, self.config.bands, self.words, page.content or ""
            )
        return context

    def _html(self, page: Page, verdict: PageVerdict) -> str:
        """The badge and the admonition of a page, with the stylesheet they need."""
        html = render.page_html(verdict, self.config, self.is_serve, self.words, self.build.items)
        # The stylesheet is linked from the verdict itself: pages without a template stay exactly
        # as they were, and themes that swap page content in place (Material's instant
        # navigation) still load it. With nav_status every page links it already.
        if html and not self.config.nav_status:
            html = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">{html}'
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write `spec-report.json` beside the site, then apply the build's gates."""
        if not self.config.enabled:
            return
        build = self.build
        self.previous = dict(build.verdicts) if self.is_serve else {}
        pages = list(build.verdicts.values())
        log.debug(
            f"judged {build.judged} of {len(pages)} spec pages "
            f"({len(pages) - build.judged} unchanged since the last build)"
        )
        if self.config.report:
            data = site_report.json_report(pages)
            write_file(data.encode("utf-8"), str(Path(config.site_dir, site_report.JSON_NAME)))
        if self.scratch is not None:
            self.scratch.cleanup()
            self.scratch = None
        problem = site_report.below(pages, self.config.fail_under, self.config.fail_under_page)
        if problem is None:
            return
        if self.is_serve:  # a preview keeps serving; the published build is what fails
            log.warning(problem)
            return
        raise PluginError(f"[spec] the documentation is below the bar: {problem}")


def _decoded_if_not_utf8(file: File) -> str | None:
    """A page that is not UTF-8 text (binary junk with a .md name) makes MkDocs stop with a
    traceback: warn, naming the file, and return its text with replacement characters so it
    builds. None for a page that is fine."""
    if file.abs_src_path is None:
        return None
    try:
        with open(file.abs_src_path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None  # MkDocs reports unreadable files itself
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        log.warning(
            f"{file.src_uri}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "built with replacement characters"
        )
        return data.decode("utf-8-sig", errors="replace")
    return None


def _theme_language(config: MkDocsConfig) -> str | None:
    """The site's language as its theme has it: Material's `language`, else the `locale` every
    MkDocs theme has (`en` unless set)."""
    theme = config.theme
    language = theme.get("language") or theme.get("locale")
    return str(language) if language else None


def _set_nav_status(
    page: Page,
    verdict: PageVerdict,
    config: MkDocsConfig,
    bands: Sequence[Mapping[str, Any]],
    words: Catalogue,
) -> None:
    """Material's page status: an icon with a tooltip beside the page in the navigation. One
    status id per tooltip, named after the band whose icon it shows (`nav-status.css`) and the
    score: `spec-band2-80`, and `spec-band2-80-2` for a page at 80% whose tooltip says other
    counts. A status the author set is kept."""
    if page.meta.get("status"):
        return
    text = render.summary(verdict, words)
    score = verdict.score
    base = (
        "spec-complete" if verdict.is_complete else f"spec-band{band_index(score, bands)}-{score}"
    )
    status, number = base, 1
    statuses = config.extra.setdefault("status", {})
    if isinstance(statuses, dict):  # else the site's own `extra.status` holds no tooltips
        while statuses.setdefault(status, text) != text:
            number += 1
            status = f"{base}-{number}"
    page.meta["status"] = status


def _inject(html: str, verdict: str, after_metadata: bool = False) -> str:
    """Place the verdict right after the page's first H1, or at the top when it has none; with
    `after_metadata`, after the `Key: value` list that follows the title, if there is one. An
    `</h1>` inside a comment (a commented-out title) is not the title's end."""
    comments = [m.span() for m in _COMMENT.finditer(html)] if "<!--" in html else []
    at = 0
    for match in _H1_END.finditer(html):
        if not any(start <= match.start() < end for start, end in comments):
            at = match.end()
            break
    if after_metadata:
        at = _after_metadata(html, at)
    return html[:at] + verdict + html[at:]


# The rendered metadata of a decision record: a list whose every item is `Key: value`, then any
# one-line `Key: value` paragraphs (MADR 2's "Technical Story: ...").
_META_LIST = re.compile(
    r"\s*<ul>\s*(?:<li>\s*[A-Za-z][\w -]{0,40}:(?:(?!</?li\b|</?ul\b).)*</li>\s*)+</ul>", re.DOTALL
)
_META_PARAGRAPH = re.compile(r"\s*<p>[A-Za-z][\w -]{0,40}:(?:(?!</?p\b|\n).)*</p>")


def _after_metadata(html: str, at: int) -> int:
    match = _META_LIST.match(html, at)
    if match is None:
        return at
    at = match.end()
    while (match := _META_PARAGRAPH.match(html, at)) is not None:
        at = match.end()
    return at
