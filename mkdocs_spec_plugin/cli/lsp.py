"""`mkdocs-spec lsp`: the language server, for editors (needs the `lsp` extra: pygls)."""

from __future__ import annotations

import argparse

from .context import fail

EXAMPLES = """examples:
  mkdocs-spec lsp                  speak LSP on stdin and stdout (an editor starts it)
  mkdocs-spec lsp --debounce 300   wait 300 ms after the last keystroke before judging

Setup for VS Code, Neovim, Helix, Zed and Emacs: docs/editors.md"""

_NEEDS = ("pygls", "lsprotocol", "cattrs", "attrs")


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    parser = commands.add_parser(
        name,
        help="language server for editors: the verdict as you type",
        description="A Language Server Protocol server over stdio: diagnostics for missing and "
        "unfinished sections, fixes that insert them, hover, completion and an outline of the "
        "template's sections. The site config is found from each page's folder upwards.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--debounce",
        type=int,
        default=100,
        metavar="MS",
        help="milliseconds without an edit before a page is judged again (default: 100)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        from ..lsp.server import serve
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in _NEEDS:
            raise  # a bug of ours, not a missing extra
        return fail(
            f"the language server needs pygls ({missing} is not installed); "
            "install it with: pip install 'mkdocs-spec-plugin[lsp]'"
        )
    if args.debounce < 0:
        return fail("--debounce must be 0 or more milliseconds")
    serve(args.debounce / 1000)
    return 0
