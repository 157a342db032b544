"""`mkdocs-spec fix`: insert missing sections into pages, keeping every existing line."""

from __future__ import annotations

import argparse
import difflib
import sys

from ..engine import fix
from .context import (
    UsageError,
    add_command,
    add_paths_argument,
    fail,
    load_context,
    page_paths,
)
from .files import pages, read_page, shown, write_atomic

EXAMPLES = """examples:
  mkdocs-spec fix docs/design/cache.md --dry-run   show what would be inserted
  mkdocs-spec fix docs/design/cache.md             insert the missing sections"""


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = add_command(
        commands,
        name,
        "insert missing sections, with the template's guidance, where they belong",
        "Insert every missing required section (heading and the template's guidance) "
        "after its previous sibling, inside its parent, at the page's heading levels. Existing "
        "lines are kept byte for byte; running it twice changes nothing the second time.",
        EXAMPLES,
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="print a unified diff and write nothing"
    )


def run(args: argparse.Namespace) -> int:
    try:
        context = load_context(args)
        paths = page_paths(args, context.site)
    except UsageError as exc:
        return fail(str(exc))
    changed = 0
    for page in pages(paths):
        name = shown(page)
        text, problem = read_page(page)
        outcome = context.judge(text, page) if text is not None else None
        if outcome is None or outcome.report is None:
            problem = problem or (outcome.warning if outcome else None)
            if problem:
                print(f"{name}: warning: {problem}", file=sys.stderr)
            continue
        insertions = fix.plan(outcome.report)
        if not insertions:
            print(f"{name}: nothing missing")
            continue
        fixed = fix.apply(text, insertions)  # type: ignore[arg-type]
        changed += 1
        added = sum(len(i.paths) for i in insertions)
        if args.dry_run:
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),  # type: ignore[union-attr]
                fixed.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
            sys.stdout.writelines(diff)
            continue
        try:
            write_atomic(page, fixed.encode("utf-8"), replace=True)
        except OSError as exc:
            return fail(f"{name}: cannot write: {exc.strerror}")
        print(f"{name}: inserted {added} section{'s' if added != 1 else ''}")
    if args.dry_run:
        print(f"{changed} page{'s' if changed != 1 else ''} would change.", file=sys.stderr)
    return 0
