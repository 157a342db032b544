"""Which site a page belongs to, and its templates, reloaded when they change on disk.

Every judge asks for its site here, which compares a stamp of the files the site was read from
(mkdocs.yml and the templates_dir folder with every template in it: a few `stat` calls, small
beside judging) with the stamp it was loaded under. Unlike `workspace/didChangeWatchedFiles`, this
needs nothing from the client (not every editor registers file watchers for a server), and it sees
a change made by any program.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..cli.context import Context
from ..cli.site_config import SiteConfigError, find_config, load_site
from ..config import matcher_for
from ..engine.templates import TemplateError

Stamp = tuple[tuple[str, int, int], ...]


def config_for(page: Path | None) -> Path | None:
    """The site config of a page: from the page's folder upwards, the first folder with one
    (properdocs.yml, zensical.toml or mkdocs.yml, in the order `check` reads them)."""
    if page is None:
        return None
    folder = page.parent.absolute()
    for candidate in (folder, *folder.parents):
        found = find_config(candidate)
        if found is not None:
            return found
    return None


def _stamp(paths: list[Path]) -> Stamp:
    marks = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            marks.append((str(path), -1, -1))  # gone (or not yet there) is a state too
        else:
            marks.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(marks)


@dataclass
class Loaded:
    """A site as last read: its context, or why it cannot be used, and what it was read from."""

    sources: list[Path]
    stamp: Stamp
    context: Context | None = None
    problem: str | None = None


def _load(config: Path | None) -> Loaded:
    sources = [config] if config is not None else []
    try:
        site = load_site(config)
    except SiteConfigError as exc:
        return Loaded(sources, _stamp(sources), problem=str(exc))
    folder = site.options.templates_dir
    if folder:
        # The folder's own time changes when a template is added, removed or renamed.
        sources += [Path(folder), *sorted(Path(folder).glob("*.md"))]
    stamp = _stamp(sources)
    try:
        return Loaded(sources, stamp, Context(site, matcher_for(site.options, site.profile)))
    except TemplateError as exc:
        return Loaded(sources, stamp, problem=str(exc))


@dataclass
class Sites:
    """Every site the editor's pages belong to, by config file (None: the defaults)."""

    loaded: dict[Path | None, Loaded] = field(default_factory=dict)

    def for_page(self, page: Path | None) -> Loaded:
        config = config_for(page)
        known = self.loaded.get(config)
        if known is None or _stamp(known.sources) != known.stamp:
            known = self.loaded[config] = _load(config)
        return known
