"""What every command starts from: the site's settings and its templates."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import matcher_for
from ..engine.page import PageOutcome, judge_page
from ..engine.resolve import Matcher
from ..engine.templates import TemplateError, TemplateRegistry
from .files import shown
from .site_config import Site, SiteConfigError, find_configs, load_site

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad arguments or configuration: reported on stderr, exit code 2."""


@dataclass
class Context:
    site: Site
    matcher: Matcher

    @property
    def registry(self) -> TemplateRegistry:
        return self.matcher.registry

    def judge(self, text: str, path: Path) -> PageOutcome:
        return judge_page(text, self.matcher, self.docs_path(path), self.site.profile)

    def docs_path(self, path: Path) -> str:
        """The page's path as path rules see it: relative to docs_dir when inside it."""
        docs = self.site.docs_dir
        if docs is not None:
            for inside, root in _ways_to_compare(path, docs):
                # pathlib keeps `..`: `docs/../docs/a.md` would be `../docs/a.md` of `docs`
                if ".." in inside.parts:
                    continue
                try:
                    return inside.relative_to(root).as_posix()
                except ValueError:
                    pass
        return shown(path)


def _ways_to_compare(path: Path, docs: Path) -> Iterator[tuple[Path, Path]]:
    """A page and docs_dir, cheapest first: as written (the pages found under docs_dir), made
    absolute without a system call (`check docs/` where the config was found by its absolute
    path), then resolved (a symlinked folder). Resolving every page took a tenth of a check."""
    yield path, docs
    yield Path(os.path.abspath(path)), Path(os.path.abspath(docs))
    yield path.resolve(), docs.resolve()


def add_command(
    commands: argparse._SubParsersAction, name: str, summary: str, description: str, examples: str
) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with examples, and which takes the site's config file."""
    parser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_config_option(parser)
    return parser


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's mkdocs.yml, properdocs.yml or zensical.toml (*.toml is read as "
        "Zensical's, any other file as YAML); default: the first of properdocs.yml, "
        "properdocs.yaml, zensical.toml, mkdocs.yml, mkdocs.yaml in the current folder",
    )


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="pages or folders (searched for *.md); default: the site's docs_dir, or '.'",
    )


def load_context(args: argparse.Namespace) -> Context:
    config_file: Path | None
    found: list[Path] = []
    if args.config_file:
        config_file = Path(args.config_file)
        if not config_file.is_file():
            raise UsageError(f"{config_file}: config file not found")
    else:
        found = find_configs(Path.cwd())
        config_file = found[0] if found else None
        if config_file is None:
            print(
                "mkdocs-spec: no mkdocs.yml, properdocs.yml or zensical.toml in this folder; using "
                "the defaults (front-matter key 'spec', the built-in templates, MkDocs' default "
                "Markdown extensions); pass -f to read a site's settings",
                file=sys.stderr,
            )
    try:
        site = load_site(config_file)
        matcher = matcher_for(site.options, site.profile)
    except (SiteConfigError, TemplateError) as exc:
        raise UsageError(str(exc)) from exc
    # Several config files in one folder: say which one is read, unless the others are part of
    # it (a properdocs.yml that INHERITs mkdocs.yml is one site).
    others = [path.name for path in found[1:] if path.resolve() not in site.sources]
    if config_file is not None and others:
        print(
            f"mkdocs-spec: note: reading {config_file.name} (also here, not read: "
            f"{', '.join(others)}); pass -f to read another",
            file=sys.stderr,
        )
    for warning in site.warnings:
        print(f"mkdocs-spec: warning: {warning}", file=sys.stderr)
    return Context(site, matcher)


def load_pages(args: argparse.Namespace) -> tuple[Context, list[Path]]:
    """The site's context and the pages or folders named on the command line."""
    context = load_context(args)
    return context, page_paths(args, context.site)


def page_paths(args: argparse.Namespace, site: Site) -> list[Path]:
    """The pages or folders named on the command line; by default the site's docs_dir."""
    if args.paths:
        paths = [Path(p) for p in args.paths]
    else:
        paths = [site.docs_dir if site.docs_dir is not None else Path(".")]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{shown(path)}: no such file or folder")
    return paths


def no_template(context: Context) -> str:
    """Why a page has no template, in words."""
    rules = " and no path rule matches it" if context.matcher.rules else ""
    return f"no template (its front matter has no '{context.matcher.key}' key{rules})"


def fail(message: str) -> int:
    print(f"mkdocs-spec: error: {message}", file=sys.stderr)
    return USAGE_ERROR
