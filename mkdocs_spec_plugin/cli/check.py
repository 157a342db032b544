"""`mkdocs-spec check`: judge pages from their Markdown, for people, tools and CI."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..engine.report import PageVerdict
from ..engine.versions import split_ref
from . import formats, gradual
from .context import (
    Context,
    UsageError,
    add_command,
    add_paths_argument,
    fail,
    load_pages,
    no_template,
)
from .files import pages, read_page, shown
from .formats import Checked

EXAMPLES = """examples:
  mkdocs-spec check                      judge every page of the site configured here
                                         (properdocs.yml, zensical.toml or mkdocs.yml)
  mkdocs-spec check docs/design --fail-under 80
  mkdocs-spec check docs/api.md --format json
  mkdocs-spec check --format github      annotations for GitHub Actions"""


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "judge pages against their templates",
        "Judge pages against their templates. Exit 0 when every judged page reaches "
        "the threshold, 1 when one does not, 2 for usage or configuration errors.",
        EXAMPLES,
    )
    add_paths_argument(parser)
    parser.add_argument("--format", choices=tuple(formats.WRITERS), default="text")
    parser.add_argument(
        "--fail-under",
        type=_percent,
        default=100,
        metavar="N",
        help="exit 1 when a page scores below N percent (default: 100)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="also exit 1 on warnings (e.g. unreadable pages)"
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="exit 1 only on regressions against FILE (from `mkdocs-spec baseline`): a section "
        "that was complete no longer is, or a new page is below the threshold",
    )
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="judge only the pages changed since git REF, and those whose template changed",
    )


def _percent(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{number} is not between 0 and 100")
    return number


# Judging is CPU-bound: from this many pages on, both cores (or more) share the work.
_PARALLEL_FROM = 200
_context: Context | None = None  # set before the worker processes fork


def _check_one(page: Path) -> Checked:
    assert _context is not None
    path = shown(page)
    text, problem = read_page(page, _context.site.options.max_page_mb << 20)
    if text is None:
        return Checked(path, warning=problem)
    outcome = _context.judge(text, page)
    report = outcome.report
    if report is None:
        return Checked(
            path, warning=outcome.warning, failed=outcome.failed, skipped=outcome.skipped
        )
    return Checked(path, outcome.warning, PageVerdict.of(report, path, quiet=outcome.quiet))


def _check_all(context: Context, found: Iterable[Path]) -> list[Checked]:
    global _context
    _context = context
    found = list(found)
    workers = min(os.cpu_count() or 1, 8)
    if (
        len(found) < _PARALLEL_FROM
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [_check_one(page) for page in found]
    # Small chunks, so that no worker is left with a long tail of pages while the others idle.
    chunk = max(1, len(found) // (workers * 32))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_check_one, found, chunksize=chunk))


def check_pages(context: Context, paths: list[Path]) -> list[Checked]:
    """Every page under `paths`, judged; a page named on the command line is never skipped in
    silence."""
    results = _check_all(context, pages(paths))
    named = {shown(path) for path in paths if not path.is_dir()}
    for result in results:
        if result.verdict is None and not result.warning and result.path in named:
            result.skipped = no_template(context)
    return results


def _say_no_badges(context: Context, output: str) -> None:
    """Someone who lists the plugin in a zensical.toml expects badges: say once, at a terminal,
    that the built pages will not have them. CI and pre-commit logs (not terminals) stay quiet."""
    site = context.site
    if site.config_file is None or site.runs_plugins or not site.plugin_listed:
        return
    if output == "text" and sys.stderr.isatty():
        print(
            f"mkdocs-spec: note: {site.config_file.name} lists the spec plugin, but Zensical runs "
            "no MkDocs plugins yet: its built pages carry no badge; this check is the gate",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    try:
        context, paths = load_pages(args)
        baseline = gradual.read_baseline(Path(args.baseline)) if args.baseline else None
        changed = (
            gradual.changed_files(args.changed_since, Path.cwd()) if args.changed_since else None
        )
    except UsageError as exc:
        return fail(str(exc))
    _say_no_badges(context, args.format)
    results = check_pages(context, paths)
    if changed is not None:
        touched = gradual.changed_templates(context.registry, changed)
        # A page that may follow several templates changes with any of them.
        results = [
            r
            for r in results
            if Path(r.path).resolve() in changed
            or (
                r.verdict
                and not touched.isdisjoint(split_ref(t)[0] for t in r.verdict.judged_against)
            )
        ]
    if baseline is not None:
        for result in results:
            result.regressions = gradual.regressions(result, baseline, args.fail_under)
        below = [r for r in results if r.regressions or r.failed]
    else:
        below = [r for r in results if (r.verdict and r.verdict.below(args.fail_under)) or r.failed]
    warned = [r for r in results if r.warning]
    formats.WRITERS[args.format](results, args.fail_under)
    return 1 if below or (args.strict and warned) else 0
