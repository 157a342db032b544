"""The `mkdocs-spec` command: the engine without a build, for CI, pre-commit and authors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import agent_server, baseline, check, fix, list_templates, lsp, new, report

COMMANDS = {
    "check": check,
    "templates": list_templates,
    "new": new,
    "fix": fix,
    "baseline": baseline,
    "report": report,
    "mcp": agent_server,
    "lsp": lsp,
}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="mkdocs-spec",
        description="Check engineering docs against their templates, without building the site.",
        epilog="Examples: mkdocs-spec check docs/ --fail-under 80 · mkdocs-spec new design-doc "
        "docs/design/cache.md · mkdocs-spec fix docs/design/cache.md --dry-run · "
        "mkdocs-spec templates",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        module.add_parser(commands, name)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
