"""`mkdocs-spec baseline`: record every page's section states, so `check --baseline` fails only on
what gets worse."""

from __future__ import annotations

import argparse
from pathlib import Path

from .check import check_pages
from .context import UsageError, add_command, add_paths_argument, fail, load_pages
from .files import shown
from .gradual import write_baseline

EXAMPLES = """examples:
  mkdocs-spec baseline -o .spec-baseline.json          record the site as it is today
  mkdocs-spec check --baseline .spec-baseline.json     fail only on regressions"""


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "record every page's section states, for check --baseline",
        "Judge the pages and write their templates, scores and section states to FILE. "
        "`check --baseline FILE` then fails only when a section that was complete no longer "
        "is, or when a new page is below the threshold.",
        EXAMPLES,
    )
    add_paths_argument(parser)
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="where to write")


def run(args: argparse.Namespace) -> int:
    try:
        context, paths = load_pages(args)
    except UsageError as exc:
        return fail(str(exc))
    target = Path(args.output)
    try:
        count = write_baseline(target, check_pages(context, paths))
    except OSError as exc:
        return fail(f"{shown(target)}: cannot write: {exc.strerror}")
    print(f"{shown(target)}: baseline of {count} page{'s' if count != 1 else ''}")
    return 0
