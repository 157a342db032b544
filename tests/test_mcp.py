"""`mkdocs-spec mcp`: the SDK's own client drives the real server process over stdio."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conftest import ENV, cli, cli_json, page, template_body, write_site
from mkdocs_spec_plugin.cli import check

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal
    from mcp import Client

TEAM_TEMPLATE = """\
---
id: rfc
name: Request for comments
description: A proposal, open for comments.
---

# {Title}

## Summary
{One paragraph.}

## Proposal
{What we propose, in detail.}
"""

PARTIAL = page(
    "design-doc",
    """
    # Cache Design Document

    ## Current Context
    The service reads every profile from the database on each request.

    ## Requirements
    """,
)


@dataclass
class Agent:
    """A connected client, called from synchronous tests through a portal."""

    portal: BlockingPortal
    client: Client
    root: Path

    def call(self, tool: str, **arguments: Any) -> Any:
        return self.portal.call(self.client.call_tool, tool, arguments)

    def result(self, tool: str, **arguments: Any) -> dict[str, Any]:
        """A successful call's structured result (the text content says the same)."""
        answer = self.call(tool, **arguments)
        assert not answer.is_error, answer.content
        assert json.loads(answer.content[0].text) == answer.structured_content
        return answer.structured_content

    def error(self, tool: str, **arguments: Any) -> str:
        answer = self.call(tool, **arguments)
        assert answer.is_error, answer
        return answer.content[0].text


@pytest.fixture(scope="module")
def connect() -> Iterator[Any]:
    """Start `mkdocs-spec mcp ARGS` in a folder and connect the SDK's stdio client to it; the
    servers stop when the module's tests are done (each start costs the SDK's import)."""
    pytest.importorskip("mcp", reason="the mcp extra is not installed")
    from anyio.from_thread import start_blocking_portal
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    with start_blocking_portal() as portal:
        clients = []

        def start(cwd: Path, *args: str) -> Agent:
            params = StdioServerParameters(
                command=sys.executable,
                args=["-m", "mkdocs_spec_plugin", "mcp", *args],
                cwd=cwd,
                env=ENV,
            )
            client = portal.wrap_async_context_manager(Client(params))
            clients.append(client)
            return Agent(portal, client.__enter__(), cwd)

        yield start
        for client in reversed(clients):
            client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory, connect: Any) -> Agent:
    """One server for the module, on a site with pages to check and fix, a team template, and
    two ways out of the site's folder: a symlinked page and a symlinked folder. Each test works
    on pages of its own."""
    tmp_path = tmp_path_factory.mktemp("mcp")
    root = tmp_path / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(page("design-doc", "# Secret\n"), encoding="utf-8")
    write_site(
        root,
        {
            "checked/partial.md": PARTIAL,
            "checked/complete.md": page("rfc", "# Title\n\n## Summary\nS.\n\n## Proposal\nP.\n"),
            "checked/plain.md": "# No template\n",
            "fixme.md": PARTIAL,
        },
        {"plugins": [{"spec": {"templates_dir": "templates"}}]},
    )
    (root / "templates").mkdir()
    (root / "templates" / "rfc.md").write_text(TEAM_TEMPLATE, encoding="utf-8")
    (root / "linked").mkdir()
    (root / "linked" / "leak.md").symlink_to(outside / "secret.md")
    (root / "linked" / "out").symlink_to(outside, target_is_directory=True)
    return connect(root)


def test_lists_the_tools(agent: Agent) -> None:
    tools = {tool.name: tool for tool in agent.portal.call(agent.client.list_tools).tools}
    assert set(tools) == {"check", "templates", "new", "fix"}
    assert all(tool.description for tool in tools.values())
    assert set(tools["fix"].input_schema["properties"]) == {"path", "dry_run", "rename", "upgrade"}
    assert tools["new"].input_schema["required"] == ["template", "path"]


def test_check_is_the_commands_json(agent: Agent) -> None:
    for path in ("docs/checked", "docs/checked/partial.md"):
        got = agent.result("check", path=path, fail_under=0)
        assert got == cli_json(path, cwd=agent.root)
    # No path: the site's docs_dir, as the command judges it.
    assert agent.result("check") == cli_json("--fail-under", "100", cwd=agent.root, code=1)
    got = agent.result("check", path="docs/checked")
    assert {p["path"]: p["score"] for p in got["pages"]}["docs/checked/complete.md"] == 100
    missing = agent.error("check", path="docs/nope.md")
    assert "docs/nope.md: no such file or folder" in missing


def test_check_of_a_large_folder_is_the_commands_json(agent: Agent) -> None:
    """Enough pages for check's worker processes, forked from the server's process."""
    many = agent.root / "docs" / "many"
    many.mkdir()
    for number in range(check._PARALLEL_FROM + 10):
        (many / f"p{number:03}.md").write_text(PARTIAL, encoding="utf-8")
    got = agent.result("check", path="docs/many", fail_under=0)
    assert len(got["pages"]) == check._PARALLEL_FROM + 10
    assert got == cli_json("docs/many", cwd=agent.root)


def test_templates_lists_ids_sections_and_guidance(agent: Agent) -> None:
    got = agent.result("templates")["templates"]
    listed = json.loads(cli("templates", "--format", "json", cwd=agent.root).stdout)["templates"]
    by_id = {t["id"]: t for t in got}
    assert {"design-doc", "tech-spec", "rfc"} <= set(by_id)
    rfc = by_id["rfc"]
    assert rfc["name"] == "Request for comments"
    assert [(s["title"], s["guidance"]) for s in rfc["sections"]] == [
        ("Summary", "{One paragraph.}"),
        ("Proposal", "{What we propose, in detail.}"),
    ]

    def without_guidance(section: dict[str, Any]) -> dict[str, Any]:
        children = [without_guidance(c) for c in section["children"]]
        return {**{k: v for k, v in section.items() if k != "guidance"}, "children": children}

    # Besides the guidance, what `mkdocs-spec templates --format json` says.
    for template in got:
        template["sections"] = [without_guidance(s) for s in template["sections"]]
    assert got == listed


def test_each_template_is_a_resource(agent: Agent) -> None:
    listed = agent.portal.call(agent.client.list_resources).resources
    ids = {t["id"] for t in agent.result("templates")["templates"]}
    assert {str(r.uri) for r in listed} == {f"spec://templates/{i}" for i in ids}
    assert all(r.mime_type == "text/markdown" for r in listed)
    read = agent.portal.call(agent.client.read_resource, "spec://templates/design-doc")
    assert read.contents[0].text == template_body("design-doc")
    read = agent.portal.call(agent.client.read_resource, "spec://templates/rfc")
    assert read.contents[0].text.startswith("# {Title}\n\n## Summary\n")


def test_new_writes_a_page_and_never_overwrites(agent: Agent) -> None:
    made = agent.result("new", template="design-doc", path="docs/new/cache.md", title="Cache")
    target = agent.root / "docs" / "new" / "cache.md"
    assert made["path"] == "docs/new/cache.md"
    assert made["text"] == target.read_text(encoding="utf-8")
    assert made["text"].startswith("---\nspec: design-doc\n---\n\n# Cache")
    judged = cli_json("docs/new/cache.md", cwd=agent.root)["pages"]
    assert [p["template"] for p in judged] == ["design-doc"]

    target.write_text("mine\n", encoding="utf-8")
    refused = agent.error("new", template="design-doc", path="docs/new/cache.md")
    assert "docs/new/cache.md already exists; not overwriting it" in refused
    assert target.read_text(encoding="utf-8") == "mine\n"
    unknown = agent.error("new", template="design-dco", path="docs/other.md")
    assert "unknown template 'design-dco'; did you mean 'design-doc'" in unknown
    assert not (agent.root / "docs" / "other.md").exists()


def test_fix_dry_run_shows_the_diff_then_fix_inserts(agent: Agent) -> None:
    target = agent.root / "docs" / "fixme.md"
    before = target.read_bytes()
    dry = agent.result("fix", path="docs/fixme.md", dry_run=True)
    assert target.read_bytes() == before
    (done,) = dry["pages"]
    assert done["changed"] and done["path"] == "docs/fixme.md"
    assert done["diff"].startswith("--- a/docs/fixme.md\n+++ b/docs/fixme.md\n")
    assert "\n+## Design Decisions\n" in done["diff"]
    assert any(m.startswith("inserted ") for m in done["messages"])

    fixed = agent.result("fix", path="docs/fixme.md")
    assert fixed["pages"][0]["changed"] and "diff" not in fixed["pages"][0]
    after = target.read_bytes()
    assert after != before and before.decode().splitlines()[0] == after.decode().splitlines()[0]
    (verdict,) = cli_json("docs/fixme.md", cwd=agent.root)["pages"]
    assert [s for s in verdict["sections"] if s["state"] == "missing" and not s["optional"]] == []
    again = agent.result("fix", path="docs/fixme.md")
    assert again["pages"][0] == {
        "path": "docs/fixme.md",
        "changed": False,
        "messages": ["nothing missing"],
    }


@pytest.mark.parametrize(
    "path",
    [
        "../outside/secret.md",  # `..`
        "docs/../../outside",
        "{outside}/secret.md",  # absolute, elsewhere
        "/etc",
        "linked/leak.md",  # a symlinked page leading out
        "linked/out",  # a symlinked folder
        "linked/out/secret.md",
    ],
)
def test_paths_outside_the_site_are_refused(agent: Agent, path: str) -> None:
    path = path.format(outside=agent.root.parent / "outside")
    secret = agent.root.parent / "outside" / "secret.md"
    before = secret.read_bytes()
    for tool, arguments in (
        ("check", {"path": path}),
        ("fix", {"path": path}),
        ("new", {"template": "design-doc", "path": f"{path}/new.md"}),
    ):
        refused = agent.error(tool, **arguments)
        given = arguments["path"]
        assert f"{given}: outside the site's folder {agent.root.resolve()}" in refused, refused
    assert secret.read_bytes() == before
    assert sorted(p.name for p in secret.parent.iterdir()) == ["secret.md"]


def test_a_folder_holding_a_symlink_out_is_refused(agent: Agent) -> None:
    refused = agent.error("fix", path="linked")
    assert "linked/leak.md: a symlink leading outside the site's folder" in refused
    assert "linked/leak.md" in agent.error("check", path="linked")


def test_config_file_names_the_site_and_errors_name_the_file(tmp_path: Path, connect: Any) -> None:
    root = tmp_path / "other"
    config = write_site(root, {"a.md": PARTIAL}, {"plugins": [{"spec": {"max_page_mb": "lots"}}]})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    agent = connect(elsewhere, "-f", str(config))
    broken = agent.error("check")
    assert f"{config}: plugin 'spec' options" in broken
    assert "fix the site's configuration, then call again" in broken
    # Read afresh on each call: once the agent fixes the config, the tools work.
    write_site(root, {}, {"plugins": ["spec"]})
    assert agent.result("check", path="docs/a.md", fail_under=0) == cli_json("docs/a.md", cwd=root)


def test_without_the_sdk_the_command_says_what_to_install() -> None:
    hidden = "import sys; sys.modules['mcp'] = None; from mkdocs_spec_plugin.cli import main; "
    result = subprocess.run(
        [sys.executable, "-c", hidden + "sys.exit(main(['mcp']))"],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
    )
    assert result.returncode == 2
    assert "pip install 'mkdocs-spec-plugin[mcp]'" in result.stderr


def test_template_versions_are_tools_and_resources(tmp_path: Path, connect: Any) -> None:
    """Each version of a template is listed, read and written by its ref (`kep@1`)."""
    write_site(tmp_path, {}, {"plugins": [{"spec": {"templates_dir": "templates"}}]})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "kep@1.md").write_text("# {Title}\n\n## Summary\n{S}\n", "utf-8")
    (tmp_path / "templates" / "kep@2.md").write_text(
        "# {Title}\n\n## Summary\n{S}\n\n## Risks\n{R}\n", "utf-8"
    )
    versions = connect(tmp_path)
    listed = versions.result("templates")["templates"]
    assert [(t["ref"], t["newest"]) for t in listed if t["id"] == "kep"] == [
        ("kep@1", False),
        ("kep@2", True),
    ]
    read = versions.portal.call(versions.client.read_resource, "spec://templates/kep@1")
    assert "## Risks" not in read.contents[0].text
    made = versions.result("new", template="kep@1", path="docs/old.md", title="Old")
    assert made["text"].startswith("---\nspec: kep@1\n---\n")
    checked = versions.result("check", path="docs/old.md")["pages"]
    assert [(p["template"], p["template_version"]) for p in checked] == [("kep", "1")]
    unknown = versions.error("new", template="kep@3", path="docs/x.md")
    assert "unknown version '3' of template 'kep' (known versions: 1, 2 (newest))" in unknown
    moved = versions.result("fix", path="docs/old.md", upgrade=True, dry_run=True)["pages"][0]
    assert moved["messages"][0] == "upgraded kep@1 to kep@2"
    assert "-spec: kep@1\n+spec: kep@2\n" in moved["diff"] and "+## Risks\n" in moved["diff"]
