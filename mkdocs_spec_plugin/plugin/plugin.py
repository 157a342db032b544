"""The `spec` MkDocs plugin: judge each spec page as it is built and show the verdict on it.

A thin adapter over the engine. Pages are judged from the HTML MkDocs already rendered; nothing is
rendered twice and the page's source file is never touched.
"""

from __future__ import annotations

import re
import secrets
import tempfile
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file

from ..config import SpecConfig, matcher_for
from ..engine.front_matter import normalise_newlines, split_front_matter
from ..engine.nesting import flatten
from ..engine.nesting import warning as nesting_warning
from ..engine.page import decode, judge_page
from ..engine.profile import MarkdownProfile
from ..engine.resolve import Matcher
from ..engine.templates import TemplateError
from . import site_report
from .background import Job, Judges
from .site_report import Judged
from .verdict import Options, Verdict, verdict_of

log = get_plugin_logger(__name__)

STATIC = Path(__file__).parent / "static"  # copied into the site as is
STYLESHEET = "assets/mkdocs-spec/spec.css"
_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


class SpecPlugin(BasePlugin[SpecConfig]):
    """Adds a completeness badge and a missing-sections admonition to every spec page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False
        self.profile = MarkdownProfile()
        self.matcher: Matcher | None = None
        self.options: Options | None = None
        self.judges = Judges()
        # A page's verdict goes where its marker is, a comment random enough that no page holds
        # one by chance, and one per page, for themes that show other pages' content (excerpts).
        self.token = secrets.token_hex(8)
        self.pages: dict[str, Page] = {}  # spec pages of this build, in build order
        self.markers: dict[str, str] = {}
        self.shown: dict[str, tuple[str, str]] = {}  # pages not yet written: marker, verdict
        self.keys: dict[str, tuple] = {}  # the cache key of each page sent to be judged
        self.verdicts: dict[str, Verdict] = {}
        self.judged: dict[str, Judged] = {}
        self.report_src: str | None = None
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        # Under `mkdocs serve` this instance lives across rebuilds: a page whose HTML and
        # templates did not change keeps its verdict instead of being judged again.
        self.cache: dict[str, tuple[tuple, Verdict]] = {}
        self.previous: dict[str, Judged] = {}  # the last build's report, for `serve --dirty`
        self.judgements = 0  # pages judged in the current build (the rest came from the cache)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, where the same plugin builds again and again,
        and whether builds are `--dirty`, where MkDocs renders only the pages that changed."""
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_shutdown(self) -> None:
        """Stop the worker process that `mkdocs serve` kept between rebuilds."""
        self.judges.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load every template once per build; a broken one stops the build, naming its file."""
        self.pages, self.keys, self.verdicts, self.judged = {}, {}, {}, {}
        self.markers, self.shown = {}, {}
        self.report_src = None
        self.judgements = 0
        if not self.config.enabled:
            return None
        profile = self.profile = MarkdownProfile.from_extensions(config.markdown_extensions)
        try:
            self.matcher = matcher_for(self.config, profile)
        except TemplateError as exc:
            if not (self.is_serve and self.matcher is not None):
                raise PluginError(f"[spec] {exc}") from exc
            # An edit mid-way through a template must not stop the preview.
            log.warning(f"{exc}; the preview keeps the last templates that loaded")
        options = Options.from_config(self.config, self.is_serve)
        if options != self.options:  # settings edited during `mkdocs serve`
            self.cache.clear()
            self.options = options
        if self.config.report:
            try:
                self.report_src = site_report.source_for(self.config.report_url)
            except ValueError as exc:
                raise PluginError(f"[spec] {exc}") from exc
        if self.config.nav_status and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)  # the nav, with its icons, is on every page
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Watch the templates folder, which may lie outside docs_dir: an edited template
        rebuilds the preview, and every page it judges is judged again (the cache key holds
        the templates' fingerprint)."""
        if self.config.enabled and self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Ship the plugin's stylesheet and script, add the report page (not in the nav), and
        get judging ready for this many pages."""
        if not self.config.enabled:
            return files
        pages = files.documentation_pages()
        for file in list(pages):
            text = _decoded_if_not_utf8(file)
            if text is not None:  # build a decoded copy in its place (works on MkDocs 1.5 too)
                files.remove(file)
                files.append(self._scratch_file(file.src_uri, text, config))
        for asset in (STYLESHEET, site_report.SCRIPT):
            files.append(File(asset, str(STATIC), config.site_dir, config.use_directory_urls))
        if self.report_src is not None:
            if files.get_file_from_path(self.report_src) is not None:
                log.warning(
                    f"report_url '{self.config.report_url}' is taken by the page "
                    f"{self.report_src}; the spec report is not generated (set report_url)"
                )
                self.report_src = None
            else:
                files.append(self._report_file(config))
        assert self.matcher is not None and self.options is not None
        self.judges.start(
            self.matcher.registry.templates, self.options, len(pages), self.config.parallel
        )
        where = "a worker process" if self.judges.in_background else "the build's process"
        log.debug(f"spec pages are judged in {where}")
        return files

    def _report_file(self, config: MkDocsConfig) -> File:
        # The table is filled in once every page has been judged.
        file = self._scratch_file(self.report_src, "# Spec report\n", config)  # type: ignore[arg-type]  # set: the report is on
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
        """Send a spec page to be judged, and mark the place of its verdict, under its title."""
        if not self.config.enabled or self.matcher is None:
            return html
        source = page.file.src_uri
        if source == self.report_src:
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
        template = resolution.template
        if template is None:
            return html
        self.pages[source] = page
        if self.is_serve:  # hashing every page is worth it only where the plugin builds again
            key = (self.matcher.registry.fingerprint, template.id, page.url, len(html), hash(html))
            cached = self.cache.get(source)
            if cached is not None and cached[0] == key:
                self.verdicts[source] = cached[1]
            else:
                self.keys[source] = key
        if source not in self.verdicts:
            self.judgements += 1
            self.judges.submit(Job(source, page.url, template.id, html))
        marker = f"<!--mkdocs-spec-verdict-{self.token}-{len(self.markers)}-->"
        self.markers[source] = marker
        return _inject(html, marker)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Every page is converted and none is written yet: collect the verdicts, warn about
        pages below the bar, and put each page's status in the navigation."""
        if not self.config.enabled:
            return env
        for job, verdict in self.judges.collect(self._judged_html):
            if job.path in self.keys:
                self.cache[job.path] = (self.keys.pop(job.path), verdict)
            self.verdicts[job.path] = verdict
        if self.dirty:
            self._judge_unbuilt(files)
        pages, self.pages = self.pages, {}
        verdicts, self.verdicts = self.verdicts, {}
        for source, page in pages.items():
            verdict = verdicts[source]
            # The report needs the figures only: the HTML is kept once, in the page.
            figures = replace(verdict, html="")
            self.judged[source] = Judged(source, page.url, page.title or source, figures)
            if verdict.warning:
                log.warning(f"{source}: {verdict.warning}")
            if self.config.nav_status:
                _set_nav_status(page, verdict, config)
            self.shown[source] = (self.markers[source], self._html(page, verdict))
        return env

    def _judge_unbuilt(self, files: Files) -> None:
        """`--dirty` renders only the pages that changed; the report and the gates still cover
        the whole site. A page MkDocs did not render keeps its verdict from the last build of
        this `mkdocs serve`, or is judged from its Markdown, as `mkdocs-spec check` judges it (the
        two readers reach the same verdict)."""
        assert self.matcher is not None and self.options is not None
        for file in files.documentation_pages():
            page = file.page
            source = file.src_uri
            if page is None or page.content is not None or source == self.report_src:
                continue
            if source in self.previous:
                self.judged[source] = self.previous[source]
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
                for result in outcome.report.sections:
                    result.line = None  # as in every report made from the built page
                verdict = verdict_of(outcome.report, source, page.url, self.options)
                self.judged[source] = Judged(source, page.url, page.title or source, verdict)
                if verdict.warning:
                    log.warning(f"{source}: {verdict.warning}")

    @event_priority(-100)  # last: search plugins index the page's content in this event
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        """Put the verdict on the page, in place of its marker, now that the site's search index
        has the page: the verdict is not part of what the page says (and indexing it would cost
        time). Fill in the report page: by now every page of the build has been judged."""
        shown = self.shown.pop(page.file.src_uri, None)
        if shown is not None:
            marker, html = shown
            content = page.content or ""
            if marker in content:
                page.content = content.replace(marker, html, 1)
            elif html:  # another plugin dropped the marker
                page.content = _inject(content, html)
        if self.report_src is not None and page.file.src_uri == self.report_src:
            pages = list(self.judged.values())
            page.content = (page.content or "") + site_report.table(
                pages, page.url, self.config.bands
            )
        return context

    def _judged_html(self, source: str) -> str:
        """A page's HTML as it was sent to be judged: its content without the marker (and with
        any change that plugins after this one made in `on_page_content`)."""
        return (self.pages[source].content or "").replace(self.markers[source], "", 1)

    def _html(self, page: Page, verdict: Verdict) -> str:
        """The badge and the admonition of a page, with the stylesheet they need."""
        html = verdict.html
        # The stylesheet is linked from the verdict itself: pages without a template stay exactly
        # as they were, and themes that swap page content in place (Material's instant
        # navigation) still load it. With nav_status every page links it already.
        if html and not self.config.nav_status:
            html = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">{html}'
        return html

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build stops its worker; a failed rebuild of `mkdocs serve` keeps it."""
        if not self.is_serve:
            self.judges.close()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write `spec-report.json` beside the site, then apply the build's gates."""
        if not self.config.enabled:
            return
        if not self.is_serve:
            self.judges.close()
        self.previous = dict(self.judged) if self.is_serve else {}
        pages = list(self.judged.values())
        log.debug(
            f"judged {self.judgements} of {len(pages)} spec pages "
            f"({len(pages) - self.judgements} unchanged since the last build)"
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


def _set_nav_status(page: Page, verdict: Verdict, config: MkDocsConfig) -> None:
    """Material's page status: an icon with a tooltip beside the page in the navigation. One
    status id per score, so the tooltip can say it; a status the author set is kept."""
    if page.meta.get("status"):
        return
    status = "spec-complete" if verdict.is_complete else f"spec-{verdict.score}"
    page.meta["status"] = status
    statuses = config.extra.setdefault("status", {})
    if isinstance(statuses, dict):
        statuses.setdefault(status, f"Spec {verdict.summary}")


def _inject(html: str, verdict: str) -> str:
    """Place the verdict right after the page's first H1, or at the top when it has none. An
    `</h1>` inside a comment (a commented-out title) is not the title's end."""
    comments = [m.span() for m in _COMMENT.finditer(html)] if "<!--" in html else []
    for match in _H1_END.finditer(html):
        if not any(start <= match.start() < end for start, end in comments):
            return html[: match.end()] + verdict + html[match.end() :]
    return verdict + html
