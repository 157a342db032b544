"""The `spec` MkDocs plugin: judge each spec page as it is built and show the verdict on it.

A thin adapter over the engine. Pages are judged from the HTML MkDocs already rendered; nothing is
rendered twice and the page's source file is never touched.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..engine.html_reader import read_html
from ..engine.judge import judge
from ..engine.markdown_reader import Dialect
from ..engine.model import PageReport
from ..engine.resolve import resolve
from ..engine.templates import TemplateError, TemplateRegistry, load_registry
from . import render
from .config import SpecConfig, shown

log = get_plugin_logger(__name__)

STATIC = Path(__file__).parent / "static"  # copied into the site as is
STYLESHEET = "assets/mkdocs-spec/spec.css"
_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)


class SpecPlugin(BasePlugin[SpecConfig]):
    """Adds a completeness badge and a missing-sections admonition to every spec page."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.registry: TemplateRegistry | None = None
        self.reports: dict[str, PageReport] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, where the same plugin builds again and again."""
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load every template once per build; a broken one stops the build, naming its file."""
        self.reports = {}
        if not self.config.enabled:
            return None
        templates_dir = self.config.templates_dir
        dialect = Dialect.from_extensions(config.markdown_extensions)
        try:
            self.registry = load_registry(Path(templates_dir) if templates_dir else None, dialect)
        except TemplateError as exc:
            raise PluginError(f"[spec] {exc}") from exc
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Ship the plugin's stylesheet with the site, so no Markdown extension is needed."""
        if self.config.enabled:
            files.append(File(STYLESHEET, str(STATIC), config.site_dir, config.use_directory_urls))
        return files

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Judge the rendered page against its template and put the verdict under its title."""
        if not self.config.enabled or self.registry is None:
            return html
        resolution = resolve(page.meta, self.config.key, self.registry)
        if resolution.warning:
            log.warning(f"{page.file.src_uri}: {resolution.warning}")
        if resolution.template is None:
            return html
        report = judge(resolution.template, read_html(html))
        self.reports[page.file.src_uri] = report
        verdict = self._verdict(report)
        if not verdict:
            return html
        # The stylesheet is linked from the verdict itself: pages without a template stay exactly
        # as they were, and themes that swap page content in place (Material's instant
        # navigation) still load it.
        link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">'
        return _inject(html, link + verdict)

    def _verdict(self, report: PageReport) -> str:
        """The badge and the admonition, as the options ask."""
        parts = []
        options = self.config
        show_list = shown(options.admonition, self.is_serve) and (
            not report.is_complete or options.admonition_when_complete
        )
        if shown(options.badge, self.is_serve):
            parts.append(render.badge(report, options.bands, linked=bool(show_list)))
        if show_list:
            parts.append(render.admonition(report, options.collapsible, options.collapsed))
        return "".join(parts)


def _inject(html: str, verdict: str) -> str:
    """Place the verdict right after the page's first H1, or at the top when it has none."""
    match = _H1_END.search(html)
    if match is None:
        return verdict + html
    return html[: match.end()] + verdict + html[match.end() :]
