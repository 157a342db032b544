"""The `mkdocs-spec` command: the engine without a build, for CI, pre-commit and authors."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from .. import __version__

# Each command's module, imported only when that command runs: `check` in a pre-commit hook or a
# CI job starts without loading the report's HTML, the fixer or the agent server.
COMMANDS = {
    "check": "check",
    "templates": "list_templates",
    "new": "new",
    "fix": "fix",
    "baseline": "baseline",
    "report": "report",
    "mcp": "agent_server",
    "lsp": "lsp",
}


def _module(command: str) -> ModuleType:
    return importlib.import_module(f".{COMMANDS[command]}", __name__)


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, that command alone (the others are not imported)."""
    main = argparse.ArgumentParser(
        prog="mkdocs-spec",
        description="Check engineering docs against their templates, without building the site.",
        epilog="Examples: mkdocs-spec check docs/ --fail-under 80 · mkdocs-spec new design-doc "
        "docs/design/cache.md · mkdocs-spec fix docs/design/cache.md --dry-run · "
        "mkdocs-spec templates",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in [only] if only else COMMANDS:
        _module(name).add_parser(commands, name)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The first word names the command (the top level takes no option but --help and --version,
    # and those, like a mistyped command, get the parser with every command in it).
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = parser(only).parse_args(argv)
    try:
        return int(_module(args.command).run(args))
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
