"""`mkdocs-spec check`: judge pages from their Markdown, for people, tools and CI."""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.model import State
from ..engine.report import describe, encoded_page, summary
from .context import (
    Context,
    UsageError,
    add_command,
    add_paths_argument,
    fail,
    load_context,
    page_paths,
)
from .files import pages, read_page, shown

EXAMPLES = """examples:
  mkdocs-spec check                      judge every page of the site in ./mkdocs.yml
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
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument(
        "--fail-under",
        type=_percent,
        default=100,
        metavar="N",
        help="exit 1 when a page scores below N percent (default: 100)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="also exit 1 on warnings (e.g. unknown template ids)"
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


@dataclass
class Checked:
    """One page's verdict, ready to print in any format (and cheap to send between processes)."""

    path: str
    warning: str | None = None
    score: int | None = None
    headline: str = ""  # "design-doc 58% · 7 of 12 sections"
    template: str = ""
    gaps: list[tuple[int, str]] = field(default_factory=list)  # (line, what is wrong)
    notices: list[str] = field(default_factory=list)
    # The page in the JSON contract, already encoded: worker processes encode their own pages,
    # and a string crosses back to the main process far faster than nested dictionaries.
    encoded_json: str | None = None
    failed: bool = False  # named a template it cannot use (an unknown id, `template:`)


def _check_one(page: Path) -> Checked:
    assert _context is not None
    path = shown(page)
    text, problem = read_page(page)
    if text is None:
        return Checked(path, warning=problem)
    outcome = _context.judge(text, page)
    report = outcome.report
    if report is None:
        return Checked(path, warning=outcome.warning, failed=outcome.failed)
    return Checked(
        path,
        outcome.warning,
        report.score,
        f"{report.template.id} {summary(report)}",
        report.template.id,
        [(r.line or 1, describe(r)) for r in report.sections if r.state is not State.COMPLETE],
        list(report.notices),
        encoded_page(path, report),
    )


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


def run(args: argparse.Namespace) -> int:
    try:
        context = load_context(args)
        paths = page_paths(args, context.site)
    except UsageError as exc:
        return fail(str(exc))
    results = _check_all(context, pages(paths))
    below = [r for r in results if (r.score is not None and r.score < args.fail_under) or r.failed]
    warned = [r for r in results if r.warning]
    {"text": _text, "json": _json, "github": _github}[args.format](results, args.fail_under)
    return 1 if below or (args.strict and warned) else 0


def _text(results: list[Checked], threshold: int) -> None:
    judged = [r for r in results if r.score is not None]
    for result in results:
        if result.warning:
            level = "error" if result.failed else "warning"
            print(f"{result.path}: {level}: {result.warning}", file=sys.stderr)
        if result.score is None:
            continue
        print(f"{result.path}: {result.headline}")
        for line, what in result.gaps:
            print(f"  {result.path}:{line}: {what}")
        for notice in result.notices:
            print(f"  {result.path}: notice: {notice}")
    below = sum(1 for r in judged if r.score < threshold)  # type: ignore[operator]
    noun = "page" if len(judged) == 1 else "pages"
    failed = sum(1 for r in results if r.failed)
    unusable = f", {failed} naming a template that cannot be used" if failed else ""
    print(f"{len(judged)} {noun} judged, {below} below {threshold}%{unusable}.")


def _json(results: list[Checked], threshold: int) -> None:
    pages = ",".join(r.encoded_json for r in results if r.encoded_json is not None)
    warnings = [
        {"path": r.path, "message": r.warning, "failed": r.failed} for r in results if r.warning
    ]
    # One compact string written at once: `indent` and a streamed dump are several times slower.
    head = json.dumps({"fail_under": threshold})[:-1]
    tail = json.dumps(warnings, ensure_ascii=False)
    sys.stdout.write(f'{head}, "pages": [{pages}], "warnings": {tail}}}\n')


def _escape(value: str, property_value: bool = False) -> str:
    """GitHub workflow-command escaping."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github(results: list[Checked], threshold: int) -> None:
    for result in results:
        file = _escape(result.path, property_value=True)
        if result.warning:
            level = "error" if result.failed else "warning"
            print(f"::{level} file={file},line=1::{_escape(result.warning)}")
        if result.score is None:
            continue
        title = _escape(f"Spec {result.template}", property_value=True)
        for line, what in result.gaps:
            print(f"::warning file={file},line={line},title={title}::{_escape(what)}")
        level = "error" if result.score < threshold else "notice"
        headline = result.headline.split(" ", 1)[1]
        print(f"::{level} file={file},line=1::{_escape('Spec ' + headline)}")
