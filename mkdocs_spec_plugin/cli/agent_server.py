"""`mkdocs-spec mcp`: a Model Context Protocol server over stdio, for coding agents.

The tools are `agent_tools.SiteTools`; this module only puts them on the official SDK (the `mcp`
extra), imported when the command runs, so that the other commands never need it."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from .agent_tools import AgentError, SiteTools
from .context import add_command, fail
from .site_config import find_config

EXAMPLES = """examples:
  mkdocs-spec mcp                        serve the site in this folder
  mkdocs-spec mcp -f docs-site/mkdocs.yml
  claude mcp add spec -- mkdocs-spec mcp register it with Claude Code (see docs/agents.md)"""

INSTALL = "pip install 'mkdocs-spec-plugin[mcp]'"  # the SDK, mcp 2.3 or later

INSTRUCTIONS = """\
Checks this site's design docs, RFCs and ADRs against their Markdown templates (headings are the
schema). `check` reports each page's missing and unfinished sections, `templates` lists what
every template asks for, `new` starts a page from a template, `fix` inserts missing sections
(dry_run shows the diff first). Paths are relative to the site's folder and must stay inside it.
A section counts once it holds the author's own text, not the template's guidance."""

_Tool = TypeVar("_Tool", bound=Callable[..., Any])


def add_parser(commands: argparse._SubParsersAction, name: str) -> None:
    add_command(
        commands,
        name,
        "serve the checks to coding agents (Model Context Protocol, stdio)",
        "Serve check, templates, new and fix as Model Context Protocol tools over stdin and "
        "stdout, and each template as a resource, for a coding agent to call. The site is the "
        "current folder, or the config file's. Needs the SDK: " + INSTALL + ".",
        EXAMPLES,
    )


def run(args: argparse.Namespace) -> int:
    try:
        from mcp.server.mcpserver import MCPServer
    except ImportError:
        return fail(
            f"the mcp command needs the Model Context Protocol SDK (mcp 2.3 or later): {INSTALL}"
        )
    config: Path | None
    if args.config_file:
        given = Path(args.config_file).resolve()
        if not given.is_file():
            return fail(f"{args.config_file}: config file not found")
        root, config = given.parent, given
    else:
        root = Path.cwd()
        config = find_config(root)
    # Paths in answers, and paths agents send, are relative to the site's folder.
    os.chdir(root)
    tools = SiteTools(root, config)
    server: MCPServer = MCPServer(
        "mkdocs-spec", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING"
    )
    for tool in (tools.check, tools.templates, tools.new, tools.fix):
        server.add_tool(_as_tool(tool), name=tool.__name__, description=_description(tool))
    _add_template_resources(server, tools)
    print(f"mkdocs-spec: serving {root} to an MCP client on stdio", file=sys.stderr)
    server.run("stdio")
    return 0


def _as_tool(method: _Tool) -> _Tool:
    """The method with a refusal turned into the protocol's tool error (the client shows the
    message; a bare exception would be logged as a crash of the server)."""
    from mcp.server.mcpserver.exceptions import ToolError

    @functools.wraps(method)
    def tool(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except AgentError as exc:
            raise ToolError(str(exc)) from exc

    return tool  # type: ignore[return-value]


def _description(method: Callable[..., Any]) -> str:
    return " ".join((method.__doc__ or "").split())


def _add_template_resources(server: Any, tools: SiteTools) -> None:
    """One resource per template, `spec://templates/<id>` (`<id>@<version>` for each version),
    with the Markdown a page starts from; a template added later is still read by the same
    address."""
    from mcp.server.mcpserver.exceptions import ResourceError
    from mcp.server.mcpserver.resources import FunctionResource

    def text(template_id: str) -> str:
        try:
            return tools.template_text(template_id)
        except AgentError as exc:
            raise ResourceError(str(exc)) from exc

    try:
        listed = tools.templates()["templates"]
    except AgentError as exc:  # a broken config: the tools say so on each call
        print(f"mkdocs-spec: warning: {exc}", file=sys.stderr)
        listed = []
    for listing in listed:
        server.add_resource(
            FunctionResource(
                uri=f"spec://templates/{listing['ref']}",
                name=listing["ref"],
                title=listing["name"],
                description=listing["description"] or f"The {listing['name']} template",
                mime_type="text/markdown",
                fn=functools.partial(text, listing["ref"]),
            )
        )

    @server.resource(
        "spec://templates/{template_id}",
        name="template",
        description="A template's Markdown, by id (see the templates tool)",
        mime_type="text/markdown",
    )
    def template(template_id: str) -> str:
        return text(template_id)
