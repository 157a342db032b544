"""What every command starts from: the site's settings and its templates."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from ..engine.page import PageOutcome, judge_page
from ..engine.templates import TemplateError, TemplateRegistry, load_registry
from .files import shown
from .site_config import Site, SiteConfigError, find_config, load_site

USAGE_ERROR = 2


class UsageError(Exception):
    """Bad arguments or configuration: reported on stderr, exit code 2."""


@dataclass
class Context:
    site: Site
    registry: TemplateRegistry

    def judge(self, text: str) -> PageOutcome:
        return judge_page(text, self.registry, self.site.options.key, self.site.dialect)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's mkdocs.yml (default: mkdocs.yml in the current folder, if any)",
    )


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="pages or folders (searched for *.md); default: the site's docs_dir, or '.'",
    )


def load_context(args: argparse.Namespace) -> Context:
    if args.config_file:
        config_file = Path(args.config_file)
        if not config_file.is_file():
            raise UsageError(f"{config_file}: config file not found")
    else:
        config_file = find_config(Path.cwd())
    try:
        site = load_site(config_file)
        templates_dir = site.options.templates_dir
        registry = load_registry(Path(templates_dir) if templates_dir else None, site.dialect)
    except (SiteConfigError, TemplateError) as exc:
        raise UsageError(str(exc)) from exc
    return Context(site, registry)


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


def fail(message: str) -> int:
    print(f"mkdocs-spec: error: {message}", file=sys.stderr)
    return USAGE_ERROR
