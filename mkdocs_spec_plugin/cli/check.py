"""`mkdocs-spec check`: judge pages from their Markdown, for people, tools and CI."""

from __future__ import annotations

import argparse
import json
import sys

from ..engine.model import State
from ..engine.page import PageOutcome
from ..engine.report import describe, page_dict, summary
from .context import (
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


def run(args: argparse.Namespace) -> int:
    try:
        context = load_context(args)
        paths = page_paths(args, context.site)
    except UsageError as exc:
        return fail(str(exc))
    results: list[tuple[str, PageOutcome]] = []
    for page in pages(paths):
        text, problem = read_page(page)
        if text is None:
            results.append((shown(page), PageOutcome(warning=problem)))
            continue
        results.append((shown(page), context.judge(text, page)))
    below = [
        path for path, o in results if o.report is not None and o.report.score < args.fail_under
    ]
    warned = [path for path, o in results if o.warning]
    {"text": _text, "json": _json, "github": _github}[args.format](results, args.fail_under)
    return 1 if below or (args.strict and warned) else 0


def _text(results: list[tuple[str, PageOutcome]], threshold: int) -> None:
    judged = 0
    below = 0
    for path, outcome in results:
        if outcome.warning:
            print(f"{path}: warning: {outcome.warning}", file=sys.stderr)
        report = outcome.report
        if report is None:
            continue
        judged += 1
        below += report.score < threshold
        print(f"{path}: {report.template.id} {summary(report)}")
        for result in report.sections:
            if result.state is not State.COMPLETE:
                line = result.line or 1
                print(f"  {path}:{line}: {describe(result)}")
        for notice in report.notices:
            print(f"  {path}: notice: {notice}")
    noun = "page" if judged == 1 else "pages"
    print(f"{judged} {noun} judged, {below} below {threshold}%.")


def _json(results: list[tuple[str, PageOutcome]], threshold: int) -> None:
    pages = [page_dict(path, o.report) for path, o in results if o.report is not None]
    warnings = [{"path": path, "message": o.warning} for path, o in results if o.warning]
    json.dump(
        {"fail_under": threshold, "pages": pages, "warnings": warnings},
        sys.stdout,
        indent=2,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


def _escape(value: str, property_value: bool = False) -> str:
    """GitHub workflow-command escaping."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github(results: list[tuple[str, PageOutcome]], threshold: int) -> None:
    for path, outcome in results:
        file = _escape(path, property_value=True)
        if outcome.warning:
            print(f"::warning file={file},line=1::{_escape(outcome.warning)}")
        report = outcome.report
        if report is None:
            continue
        level = "error" if report.score < threshold else "notice"
        for result in report.sections:
            if result.state is not State.COMPLETE:
                line = result.line or 1
                title = _escape(f"Spec {report.template.id}", property_value=True)
                print(
                    f"::warning file={file},line={line},title={title}::{_escape(describe(result))}"
                )
        print(f"::{level} file={file},line=1::{_escape('Spec ' + summary(report))}")
