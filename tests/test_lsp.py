"""`mkdocs-spec lsp` as an editor uses it: a real LSP client drives the real server process over
stdio, and what it answers is checked against `mkdocs-spec check` and `fix` on the same files."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import ENV, cli, cli_json
from hostile_corpus import SPEC, _laughs, headings, indented

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

# Every test talks to the one server the module starts, on the module's event loop.
in_session = pytest.mark.asyncio(loop_scope="module")

TEMPLATE = """\
---
id: rfc
name: RFC
---

# [Title]

## Summary
[One paragraph: what and why]

## Motivation
[The problem this solves]

## Design
[How it works]

### Alternatives
[What else was considered]

## Security Considerations
[Threats and mitigations]

## Rollout (Optional)
[Phases]
"""

# Motivation missing, Design unfinished, Alternatives missing, a near miss for Security
# Considerations, the optional Rollout missing.
PAGE = """\
---
spec: rfc
---

# Cache RFC

## Summary
We add a cache in front of the API.

## Design
[How it works]

## Security
Tokens are checked.
"""


def write_site(root: Path, template: str = TEMPLATE) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "templates" / "rfc.md").write_text(template, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - spec:\n      templates_dir: templates\n", encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lsp")


class Client(LanguageClient):
    """Keeps the last diagnostics published for each page, with the version they are for."""

    def __init__(self) -> None:
        super().__init__()
        self.published: dict[str, types.PublishDiagnosticsParams] = {}
        self.times: dict[str, int] = {}  # how many times each page's diagnostics came
        self.registrations: list[types.Registration] = []

    async def diagnostics_for(
        self, uri: str, version: int, after: int = 0
    ) -> list[types.Diagnostic]:
        """Wait for the diagnostics of this version of the page, the first to come after the
        `after`th (no sleeps: each notification is looked at as it arrives)."""

        def here() -> types.PublishDiagnosticsParams | None:
            found = self.published.get(uri)
            fresh = found is not None and self.times[uri] > after and found.version == version
            return found if fresh else None

        async def arrived() -> types.PublishDiagnosticsParams:
            while (found := here()) is None:
                await self.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            return found

        return list((await asyncio.wait_for(arrived(), 15)).diagnostics)


def make_client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(client: Client, params: types.PublishDiagnosticsParams) -> None:
        client.published[params.uri] = params
        client.times[params.uri] = client.times.get(params.uri, 0) + 1

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(client: Client, params: types.RegistrationParams) -> None:
        client.registrations += params.registrations

    return client


# As an editor that watches files for its servers says it.
MARKDOWN = [types.MarkupKind.Markdown]
CAPABILITIES = types.ClientCapabilities(
    workspace=types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=True
        )
    ),
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=MARKDOWN),
        completion=types.CompletionClientCapabilities(
            completion_item=types.ClientCompletionItemOptions(documentation_format=MARKDOWN)
        ),
    ),
)


SERVER = [sys.executable, "-m", "mkdocs_spec_plugin", "lsp", "--debounce", "10"]


@pytest_lsp.fixture(
    scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client)
)
async def client(lsp_client: Client):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=CAPABILITIES))
    yield
    await lsp_client.shutdown_session()


async def open_page(client: Client, path: Path, text: str) -> list[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    return await client.diagnostics_for(uri, 1)


async def change(client: Client, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    return await client.diagnostics_for(uri, version)


def messages(found: list[types.Diagnostic]) -> list[str]:
    return [d.message for d in found]


def expected(page: dict[str, Any]) -> set[tuple[int, str, types.DiagnosticSeverity]]:
    """What the diagnostics of a page must be, from `check --format json`'s report of it."""
    gaps = set()
    for key, severity in (
        ("sections", types.DiagnosticSeverity.Warning),
        ("optional_sections", types.DiagnosticSeverity.Information),
    ):
        for s in page[key]:
            if s["state"] == "complete":
                continue
            # check's words for the gap: its state and path, then the near miss or the reason
            said = f"{s['state']}: {' / '.join(s['path'])}"
            if key == "optional_sections":
                said += " (optional)"
            if s["did_you_mean"]:
                said += f" (did you mean '{s['did_you_mean']}'?)"
            elif s["reason"]:
                said += f" ({s['reason']})"
            gaps.add((s["line"] - 1, said, severity))
    return gaps


def apply(text: str, edit: types.TextEdit) -> str:
    """A text edit applied as an editor does (the pages here are ASCII: units are characters)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


async def actions_at(client: Client, path: Path, line: int) -> dict[str, types.TextEdit]:
    uri = path.as_uri()
    where = types.Range(types.Position(line, 0), types.Position(line, 0))
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), where, types.CodeActionContext(diagnostics=[])
        )
    )
    result = {}
    for action in found or []:
        assert isinstance(action, types.CodeAction) and action.edit and action.edit.changes
        (edit,) = action.edit.changes[uri]
        result[action.title] = edit
    return result


@in_session
async def test_diagnostics_are_checks_verdict_and_follow_edits(client: Client, sites: Path):
    root = write_site(sites / "open")
    path = root / "docs" / "cache.md"
    found = await open_page(client, path, PAGE)
    report = cli_json(str(path), cwd=root)["pages"][0]
    gaps = {(d.range.start.line, d.message, d.severity) for d in found if d.code in STATES}
    assert gaps == expected(report) and len(gaps) == 5
    score = [d for d in found if d.code == "score"]
    assert [d.message for d in score] == [
        f"Spec {report['score']}% · {report['complete']} of {report['required']} sections"
    ]
    assert score[0].severity == types.DiagnosticSeverity.Information

    # Unsaved: the file on disk keeps the old text; the verdict is the buffer's.
    edited = PAGE.replace("## Design", "## Motivation\nReads are slow.\n\n## Design")
    found = await change(client, path, edited, 2)
    assert "missing: Motivation" not in messages(found)
    assert "Spec 40% · 2 of 5 sections" in messages(found)
    path.write_text(edited, encoding="utf-8")
    again = cli_json(str(path), cwd=root)["pages"][0]
    assert {(d.range.start.line, d.message, d.severity) for d in found if d.code in STATES} == (
        expected(again)
    )


STATES = {"missing", "unfinished"}


@in_session
async def test_field_diagnostics_sit_at_the_field_s_line(client: Client, sites: Path):
    fields = "fields:\n  status: {required: true, one_of: [proposed, accepted]}\n"
    root = write_site(sites / "fields", TEMPLATE.replace("name: RFC\n", "name: RFC\n" + fields))
    path = root / "docs" / "cache.md"
    found = await open_page(
        client, path, PAGE.replace("spec: rfc\n", "spec: rfc\nstatus: acepted\n")
    )
    (status,) = [d for d in found if d.code == "invalid"]
    assert (status.range.start.line, status.severity) == (2, types.DiagnosticSeverity.Warning)
    assert "did you mean 'accepted'?" in status.message and status.data == {"field": "status"}
    report = cli_json(str(path), cwd=root)["pages"][0]
    assert status.range.start.line == report["fields"][0]["line"] - 1

    # A missing required field: the action adds it as `fix` does.
    text = PAGE.replace("spec: rfc\n", "spec: rfc\nowner: Ana\n")
    path.write_text(text, encoding="utf-8")
    await change(client, path, text, 2)
    edit = (await actions_at(client, path, 0))["Add missing fields: status"]
    added = "owner: Ana\nstatus: '[proposed | accepted]'\n"
    assert apply(text, edit) == text.replace("owner: Ana\n", added)


@in_session
async def test_code_actions_insert_and_rename_as_fix_does(client: Client, sites: Path):
    root = write_site(sites / "actions")
    path = root / "docs" / "cache.md"
    found = await open_page(client, path, PAGE)
    motivation = next(d for d in found if d.message == "missing: Motivation")
    actions = await actions_at(client, path, motivation.range.start.line)
    inserted = apply(PAGE, actions["Insert section 'Motivation'"])
    assert "## Summary\nWe add a cache in front of the API.\n\n## Motivation\n\n" in inserted
    assert "[The problem this solves]\n\n## Design" in inserted  # the template's guidance
    after = await change(client, path, inserted, 2)
    assert "missing: Motivation" not in messages(after)
    assert any(m.startswith("unfinished: Motivation") for m in messages(after))

    near = next(d for d in after if "did you mean 'Security'" in d.message)
    actions = await actions_at(client, path, near.range.start.line)
    renamed = apply(inserted, actions["Rename 'Security' to 'Security Considerations'"])
    assert renamed == inserted.replace("## Security\n", "## Security Considerations\n")

    # All at once: the same text as `mkdocs-spec fix` writes.
    actions = await actions_at(client, path, 0)
    everything = apply(inserted, actions["Insert all 1 missing section"])
    path.write_text(inserted, encoding="utf-8")
    assert cli("fix", str(path), cwd=root).returncode == 0
    assert everything == path.read_text(encoding="utf-8")


@in_session
async def test_positions_are_in_the_clients_utf16_units(client: Client, sites: Path):
    root = write_site(sites / "utf16")
    path = root / "docs" / "cache.md"
    text = PAGE.replace("## Security\n", "## Security 🔒\n")
    found = await open_page(client, path, text)
    near = next(d for d in found if "did you mean 'Security 🔒'" in d.message)
    heading = "## Security 🔒"
    assert len(heading) == 13 and near.range.end.character == 14  # the lock is two UTF-16 units
    actions = await actions_at(client, path, near.range.start.line)
    edit = actions["Rename 'Security 🔒' to 'Security Considerations'"]
    assert edit.range.start.line == near.range.start.line and edit.range.start.character == 0
    assert edit.new_text == "## Security Considerations\n"


@in_session
async def test_hover_shows_the_slot_its_state_and_guidance(client: Client, sites: Path):
    root = write_site(sites / "hover")
    path = root / "docs" / "cache.md"
    await open_page(client, path, PAGE)
    design = PAGE.splitlines().index("## Design")
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(design, 4))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "**RFC**" in text
    assert "unfinished: Design (template text left in place: [How it works])" in text
    assert "The template says:\n\n[How it works]" in text
    body = PAGE.splitlines().index("We add a cache in front of the API.")
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(body, 2))
    )
    assert nothing is None


@in_session
async def test_completion_offers_what_belongs_there(client: Client, sites: Path):
    root = write_site(sites / "completion")
    path = root / "docs" / "cache.md"
    typing = PAGE.replace("## Design", "##\n\n## Design")
    await open_page(client, path, typing)
    line = typing.splitlines().index("##")
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 2))
    )
    assert isinstance(found, types.CompletionList)
    # After Summary, before Design: only Motivation (not Security Considerations, which the
    # `## Security` heading nearly names, nor Alternatives, which goes under Design).
    assert [item.label for item in found.items] == ["Motivation"]
    edit = found.items[0].text_edit
    assert isinstance(edit, types.TextEdit) and edit.new_text == "## Motivation"
    at_end = typing.count("\n")
    found = await client.text_document_completion_async(
        types.CompletionParams(
            types.TextDocumentIdentifier(path.as_uri()), types.Position(at_end, 0)
        )
    )
    assert isinstance(found, types.CompletionList) and not found.items  # no `#` typed


@in_session
async def test_document_symbols_are_the_templates_sections(client: Client, sites: Path):
    root = write_site(sites / "symbols")
    path = root / "docs" / "cache.md"
    await open_page(client, path, PAGE)
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(path.as_uri()))
    )
    assert found is not None

    def tree(symbols: list[Any]) -> list[Any]:
        return [(s.name, s.detail.split(" — ")[0], tree(s.children or [])) for s in symbols]

    assert tree(found) == [
        ("Summary", "complete", []),
        ("Motivation", "missing", []),
        ("Design", "unfinished", [("Alternatives", "missing", [])]),
        ("Security Considerations", "missing", []),
        ("Rollout (Optional)", "missing (optional)", []),
    ]
    for symbol in found:
        for child in symbol.children or []:
            assert symbol.range.start.line <= child.range.start.line <= symbol.range.end.line


@in_session
async def test_broken_template_and_malformed_page_are_diagnostics(client: Client, sites: Path):
    root = write_site(sites / "broken", template="---\nid: rfc\n---\n\n# [Title]\n")
    path = root / "docs" / "cache.md"
    found = await open_page(client, path, PAGE)
    assert [(d.severity, d.code) for d in found] == [(types.DiagnosticSeverity.Error, "config")]
    assert "template has no sections" in found[0].message

    good = write_site(sites / "malformed")
    page = good / "docs" / "bad.md"
    found = await open_page(client, page, "---\nspec: [rfc\n---\n\n# Cache\n")
    assert len(found) == 1 and found[0].severity == types.DiagnosticSeverity.Warning
    assert found[0].message == cli_json(str(page), cwd=good)["warnings"][0]["message"]
    # The server is still there, and still judges.
    found = await change(client, page, PAGE, 2)
    assert "missing: Motivation" in messages(found)


@in_session
async def test_hostile_pages_get_diagnostics_as_check_gives_them(client: Client, sites: Path):
    """Pages that broke or slowed Markdown tools: a YAML bomb, a NUL, deep nesting, thousands of
    headings. Each gets its verdict (or its warning) as `check` gives it, and the server stays."""
    root = write_site(sites / "hostile")
    pages = {
        "laughs.md": _laughs(),
        "nul.md": SPEC + "# Nul\x00\n\n## Current Context\nA\x00B\n",
        "deep.md": indented(1_000),
        "many.md": headings(2_000),
    }
    found = {}
    for name, text in pages.items():
        found[name] = messages(await open_page(client, root / "docs" / name, text))
    report = cli_json(str(root / "docs"), cwd=root)  # one run for all four
    said: dict[str, list[str]] = {name: [] for name in pages}
    for warning in report["warnings"]:
        said[Path(warning["path"]).name].append(warning["message"])
    for page in report["pages"]:
        score = f"Spec {page['score']}% · {page['complete']} of {page['required']} sections"
        said[Path(page["path"]).name].append(score)
    for name in pages:
        assert said[name] and set(said[name]) <= set(found[name]), name


@in_session
async def test_templates_reload_when_they_change_on_disk(client: Client, sites: Path):
    root = write_site(sites / "reload")
    path = root / "docs" / "cache.md"
    found = await open_page(client, path, PAGE)
    assert not any("Risks" in m for m in messages(found))
    (root / "templates" / "rfc.md").write_text(TEMPLATE + "\n## Risks\n[What may go wrong]\n")
    found = await change(client, path, PAGE + "\n", 2)
    assert "missing: Risks" in messages(found)

    # Changed by another program, with the editor told by its file watcher: judged at once.
    assert [r.method for r in client.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    (root / "templates" / "rfc.md").write_text(TEMPLATE + "\n## Costs\n[What it costs]\n")
    seen = client.times[path.as_uri()]
    template = (root / "templates" / "rfc.md").as_uri()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(template, types.FileChangeType.Changed)])
    )
    found = await client.diagnostics_for(path.as_uri(), 2, after=seen)
    assert "missing: Costs" in messages(found) and "missing: Risks" not in messages(found)

    shutil.rmtree(root / "templates")  # now the config names a folder that is not there
    found = await change(client, path, PAGE, 3)
    assert [d.code for d in found] == ["config"]
    # mkdocs.yml itself: another front-matter key, so the page names no template any more.
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - spec:\n      key: kind\n")
    assert await change(client, path, PAGE + "\n", 4) == []


@in_session
async def test_a_burst_of_edits_is_judged_once(sites: Path):
    """Edits closer together than the debounce are judged once, on the last text. A server of
    its own, with a debounce no burst of five notifications written at once can outlast."""
    config = ClientServerConfig(server_command=[*SERVER[:-1], "1000"], client_factory=make_client)
    slow = await config.start()
    assert isinstance(slow, Client)
    await slow.initialize_session(types.InitializeParams(capabilities=CAPABILITIES))
    try:
        root = write_site(sites / "burst")
        path = root / "docs" / "cache.md"
        await open_page(slow, path, PAGE)
        for version in range(2, 7):
            edited = PAGE.replace("Tokens are checked.", "Tokens are checked" + "!" * version)
            slow.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=version, uri=path.as_uri()),
                    [types.TextDocumentContentChangeWholeDocument(edited)],
                )
            )
        await slow.diagnostics_for(path.as_uri(), 6)
        assert slow.times[path.as_uri()] == 2  # on opening, and once for the five edits
    finally:
        await slow.shutdown_session()
        await slow.stop()


def test_without_pygls_the_command_says_what_to_install():
    blocked = textwrap.dedent(
        """
        import sys
        sys.modules["pygls"] = None  # as if the `lsp` extra were not installed
        from mkdocs_spec_plugin.cli import main
        sys.exit(main(["lsp"]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True, env=ENV, timeout=60
    )
    assert result.returncode == 2
    assert "pip install 'mkdocs-spec-plugin[lsp]'" in result.stderr


@in_session
async def test_a_page_pinned_to_a_version_is_judged_against_it(client: Client, sites: Path):
    root = write_site(sites / "versions")
    (root / "templates" / "rfc.md").rename(root / "templates" / "rfc@1.md")  # rfc, version 1
    (root / "templates" / "rfc@2.md").write_text(TEMPLATE + "\n## Risks\n[Which]\n", "utf-8")
    path = root / "docs" / "cache.md"
    pinned = PAGE.replace("spec: rfc\n", "spec: rfc@1\n")
    found = await open_page(client, path, pinned)
    report = cli_json(str(path), cwd=root)["pages"][0]
    assert report["template_version"] == "1"
    gaps = {(d.range.start.line, d.message, d.severity) for d in found if d.code in STATES}
    assert gaps == expected(report) and "missing: Risks" not in messages(found)
    found = await change(client, path, PAGE, 2)  # unpinned: the newest
    assert "missing: Risks" in messages(found)
    unknown = PAGE.replace("spec: rfc\n", "spec: rfc@3\n")
    found = await change(client, path, unknown, 3)
    path.write_text(unknown, encoding="utf-8")
    warned = cli_json(str(path), cwd=root, code=1)["warnings"][0]["message"]
    assert "unknown version '3' of template 'rfc'" in warned
    assert warned in messages(found)
