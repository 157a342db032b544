"""`mkdocs-spec fix`: insert missing sections into pages, keeping every existing line."""

from __future__ import annotations

import argparse
import difflib
import sys
from functools import partial

from ..engine import fix
from ..engine.model import PageReport
from ..engine.page import decode
from ..engine.upgrade import Upgrade, upgrade
from .context import (
    UsageError,
    add_command,
    add_paths_argument,
    fail,
    load_pages,
    no_template,
)
from .files import Changed, ReadOnly, pages, read_bytes, shown, write_atomic

EXAMPLES = """examples:
  mkdocs-spec fix docs/design/cache.md --dry-run   show what would be inserted
  mkdocs-spec fix docs/design/cache.md             insert the missing sections
  mkdocs-spec fix docs/design/cache.md --rename    ... and rename near-miss headings
  mkdocs-spec fix docs/keps/ --upgrade --dry-run   move pinned pages to the newest version"""


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
    parser.add_argument(
        "--force",
        action="store_true",
        help="also change read-only and hard-linked files (a hard-linked one in place)",
    )
    parser.add_argument(
        "--rename",
        action="store_true",
        help="rename a heading that nearly names a missing section (`## Security` for "
        "'Security Considerations') to the template's name, instead of leaving it",
    )
    parser.add_argument(
        "--upgrade",
        action="store_true",
        help="first move a page pinned to an older version of its template (spec: kep@2024) to "
        "the newest (spec: kep@2025), then insert what that version adds",
    )


def run(args: argparse.Namespace) -> int:
    try:
        context, paths = load_pages(args)
    except UsageError as exc:
        return fail(str(exc))
    named = {path for path in paths if not path.is_dir()}
    changed = 0
    failed = 0
    for page in pages(paths):
        name = shown(page)
        data, problem = read_bytes(page, context.site.options.max_page_mb << 20)
        text = decode(data) if data is not None else None
        if data is not None and text is None:
            problem = "not UTF-8 text; skipped"
        outcome = context.judge(text, page) if text is not None else None
        if outcome is None or outcome.report is None:
            problem = problem or (outcome.warning if outcome else None)
            if problem:
                print(f"{name}: warning: {problem}", file=sys.stderr)
            elif page in named:
                skipped = outcome.skipped if outcome else None
                print(f"{name}: skipped: {skipped or no_template(context)}")
            continue
        assert text is not None and data is not None
        start, report = text, outcome.report
        if args.upgrade:
            moved, report = upgraded(context, page, text, report)
            if moved.failed:
                failed += 1
                print(f"{name}: error: {moved.said}; not changed", file=sys.stderr)
                continue
            print(f"{name}: {moved.said}")
            start = moved.text
        fixed, said = _fixed(start, report, args.rename, partial(_judge, context, page))
        for line in said:
            print(f"{name}: {line}")
        if fixed == text:
            if not said:
                print(f"{name}: nothing missing")
            continue
        changed += 1
        if args.dry_run:
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
            sys.stdout.writelines(diff)
            continue
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # kept as read
        try:
            write_atomic(
                page, bom + fixed.encode("utf-8"), replace=True, expected=data, force=args.force
            )
        except Changed:
            failed += 1
            print(f"{name}: error: changed while fix was working; left as it is", file=sys.stderr)
        except ReadOnly as exc:
            failed += 1
            print(f"{name}: error: {exc}; not changed (use --force)", file=sys.stderr)
        except OSError as exc:
            failed += 1
            print(f"{name}: error: cannot write: {exc.strerror}", file=sys.stderr)
    if args.dry_run:
        print(f"{changed} page{'s' if changed != 1 else ''} would change.", file=sys.stderr)
    return 1 if failed else 0


def _fixed(text: str, report, rename: bool, judge) -> tuple[str, list[str]]:
    """The page with its missing sections inserted (and, with `rename`, its near-miss headings
    renamed), and what to tell the author (`fix.repair` says when the guidance had to stay out)."""
    said = []
    near = fix.near_misses(report)
    if rename:
        text, done = fix.rename(text, near)
        said += [f"renamed '{r.was}' (line {r.line}) to '{r.title}'" for r in done]
        near = [r for r in near if r not in done]
    for item in near:
        said.append(
            f"not inserting '{' / '.join(item.path)}': the heading '{item.was}' at line "
            f"{item.line} nearly names it; rename that heading (or run fix --rename)"
        )
    fixed, insertions, guided = fix.repair(text, report, judge)
    what = (
        "with the template's guidance"
        if guided
        else "without the template's guidance, whose fences would close the page's open one"
    )
    added = sum(len(i.paths) for i in insertions)
    if added:
        said.append(
            f"inserted {added} section{'s' if added != 1 else ''} {what}: "
            "unfinished until you write them, they still lower the score"
        )
    fields = [name for i in insertions for name in i.fields]
    if fields:
        said.append(
            f"added field{'s' if len(fields) != 1 else ''} {', '.join(fields)} with the "
            "template's placeholder: unfinished until you fill them in"
        )
    return fixed, said


def upgraded(context, page, text: str, report) -> tuple[Upgrade, PageReport]:
    """The page moved to the newest version of its template, and its report against that
    version (what the new version adds is missing there, for `_fixed` to insert)."""
    moved = upgrade(text, context.matcher.key, report.template, context.registry)
    if moved.text == text:
        return moved, report
    judged = _judge(context, page, moved.text)
    assert judged is not None  # the new pin names a template of the registry
    return moved, judged


def _judge(context, page, text: str):
    return context.judge(text, page).report
