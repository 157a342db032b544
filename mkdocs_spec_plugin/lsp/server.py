"""The language server: pygls handles the protocol, this module answers from the engine."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from .. import __version__
from ..cli.site_config import CONFIG_NAMES
from . import actions, navigation
from .analysis import Analysis, analyse, split_lines
from .diagnostics import SOURCE, diagnostics
from .sites import Sites

log = logging.getLogger(__name__)

# Site configs and templates (a template can be any Markdown file of the workspace's folders).
WATCHED = (*(f"**/{name}" for name in CONFIG_NAMES), "**/*.md")


class SpecServer(LanguageServer):
    """Keeps each open page's last verdict; judges again after a pause in typing."""

    def __init__(self, debounce: float) -> None:
        super().__init__(SOURCE, __version__)
        self.debounce = debounce
        self.sites = Sites()
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def units(self, text: str) -> int:
        return self.workspace.position_codec.client_num_units(text)

    def markup(self, formats: Sequence[types.MarkupKind] | None) -> types.MarkupKind:
        """Markdown where the client shows it (the guidance is Markdown), else plain text: the
        same words, which read well enough raw."""
        markdown = formats is not None and types.MarkupKind.Markdown in formats
        return types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText

    def analysis(self, uri: str, fresh: bool = False) -> Analysis:
        """The page's verdict on its current text (and, when `fresh`, the site as on disk now).
        Never raises: an engine failure becomes a diagnostic, not a dead server."""
        document: TextDocument = self.workspace.get_text_document(uri)
        text = document.source
        known = self.analyses.get(uri)
        if known is not None and known.text == text and not fresh:
            return known
        path = Path(document.path) if uri.startswith("file:") else None
        try:
            result = analyse(text, path, self.sites)
        except Exception as exc:  # a bug on some page must not end the editor's session
            log.exception("judging %s failed", uri)
            result = Analysis(text, path, problem=f"could not judge this page: {exc!r}")
            result.lines = split_lines(text)
        self.analyses[uri] = result
        return result

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return  # closed while waiting
        document = self.workspace.get_text_document(uri)
        found = diagnostics(self.analysis(uri, fresh=True), self.units)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, found, version=document.version)
        )

    def publish_later(self, uri: str) -> None:
        """Judge once typing pauses for `debounce` seconds: a burst of keystrokes costs one."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.publish, uri)

    def publish_open_later(self) -> None:
        """Judge every open page again: a template or the site config may have changed."""
        for uri in list(self.workspace.text_documents):
            self.publish_later(uri)


def create_server(debounce: float = 0.1) -> SpecServer:
    server = SpecServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SpecServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SpecServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SpecServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish_open_later()  # a saved template or mkdocs.yml may change every verdict

    @server.feature(types.INITIALIZED)
    def initialized(ls: SpecServer, params: types.InitializedParams) -> None:
        # Where the client can watch files for us, a template changed by another program shows at
        # once, not only at the next keystroke (when the mtimes are compared anyway).
        workspace = ls.client_capabilities.workspace
        watching = workspace.did_change_watched_files if workspace is not None else None
        if watching is None or not watching.dynamic_registration:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration(
            id="mkdocs-spec-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        ls.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SpecServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.publish_open_later()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SpecServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.analyses.pop(uri, None)
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: SpecServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        first, last = params.range.start.line + 1, params.range.end.line + 1
        return actions.code_actions(ls.analysis(uri), uri, first, last, ls.units)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SpecServer, params: types.HoverParams) -> types.Hover | None:
        analysis = ls.analysis(params.text_document.uri)
        asked = ls.client_capabilities.text_document
        hover = asked.hover if asked is not None else None
        markup = ls.markup(hover.content_format if hover is not None else None)
        return navigation.hover(analysis, params.position.line + 1, ls.units, markup)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["#"])
    )
    def completion(ls: SpecServer, params: types.CompletionParams) -> types.CompletionList:
        analysis = ls.analysis(params.text_document.uri)
        asked = ls.client_capabilities.text_document
        completion = asked.completion if asked is not None else None
        item = completion.completion_item if completion is not None else None
        markup = ls.markup(item.documentation_format if item is not None else None)
        items = navigation.completion(analysis, params.position, markup)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(
        ls: SpecServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        return navigation.symbols(ls.analysis(params.text_document.uri), ls.units)

    return server


def serve(debounce: float) -> None:
    """Answer an editor on stdin and stdout until it exits."""
    create_server(debounce).start_io()
