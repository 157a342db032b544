"""The language server: pygls handles the protocol, this module answers from the engine."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from .. import __version__
from . import actions, navigation
from .analysis import Analysis, analyse, split_lines
from .diagnostics import SOURCE, diagnostics
from .sites import Sites

log = logging.getLogger(__name__)


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
        # A saved template or mkdocs.yml may change the verdict of every open page.
        for uri in list(ls.workspace.text_documents):
            ls.publish_later(uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SpecServer, params: types.DidChangeWatchedFilesParams) -> None:
        for uri in list(ls.workspace.text_documents):
            ls.publish_later(uri)

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
        return navigation.hover(analysis, params.position.line + 1, ls.units)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["#"])
    )
    def completion(ls: SpecServer, params: types.CompletionParams) -> types.CompletionList:
        analysis = ls.analysis(params.text_document.uri)
        items = navigation.completion(analysis, params.position, ls.units)
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
