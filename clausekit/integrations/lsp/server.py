"""The language server: pygls wiring from LSP messages to the features of this package.

Every document is analysed (parsed, checked, outlined) once per text: on open at once, on
change after a short quiet time (``DEBOUNCE_SECONDS``, restarted by each change, so a burst
of keystrokes is checked once), and on demand when a request comes before that.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from clausekit import __version__
from clausekit.integrations.lsp import actions, completion, diagnostics, hover, navigation, profile_hover, symbols
from clausekit.integrations.lsp.document import Snapshot, analyse
from clausekit.integrations.lsp.positions import UTF16, Point
from clausekit.integrations.lsp.workspace import WorkspaceDrafts
from clausekit.model import Draft

DEBOUNCE_SECONDS = 0.03
"""How long after the last change a document is checked (a pause in typing)."""

TRIGGERS = ["@", "<", "#", "[", "|", ":", " ", ","]


class ClauseServer(LanguageServer):
    """A pygls server that keeps one ``Snapshot`` per open document."""

    def __init__(self) -> None:
        super().__init__("clausekit", __version__)
        self.snapshots: dict[str, Snapshot] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.files: WorkspaceDrafts | None = None
        self.debounce = DEBOUNCE_SECONDS

    # --- documents ---------------------------------------------------------------------

    def encoding(self) -> str:
        chosen = self.workspace.position_encoding or UTF16
        return str(getattr(chosen, "value", chosen))

    def workspace_drafts(self) -> WorkspaceDrafts:
        if self.files is None:
            roots = [Path(uris.to_fs_path(f.uri) or "") for f in self.workspace.folders.values()]
            if not roots and self.workspace.root_path:
                roots = [Path(self.workspace.root_path)]
            self.files = WorkspaceDrafts([r for r in roots if str(r) and r.is_dir()])
        return self.files

    def drafts(self, uri: str = "") -> tuple[Draft, ...]:
        """The drafts ``mirrors`` may name: the other open documents, then the workspace's files."""
        opened = [s.draft for u, s in self.snapshots.items() if u != uri and s.draft is not None]
        names = {d.location.file for d in opened}
        on_disk = [d for d in self.workspace_drafts().drafts() if d.location.file not in names]
        return (*opened, *on_disk)

    def snapshot(self, uri: str) -> Snapshot:
        """The analysis of the document's current text (made now if an edit is not yet analysed)."""
        text = self.workspace.get_text_document(uri).source
        current = self.snapshots.get(uri)
        if current is None or current.text != text or current.lines.encoding != self.encoding():
            name = uris.to_fs_path(uri) or uri
            current = analyse(name, text, self.drafts(uri), current, self.encoding())
            self.snapshots[uri] = current
        return current

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        document = self.workspace.get_text_document(uri)
        try:
            snapshot = self.snapshot(uri)
        except Exception as error:  # a bug of ours: say so in the client's log, keep serving
            message = f"clausekit could not check {uri}: {type(error).__name__}: {error} (please report it)"
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=diagnostics.diagnostics(snapshot, uri)
            )
        )

    def schedule(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().call_later(self.debounce, self.publish, uri)

    def at(self, uri: str, position: types.Position) -> tuple[Snapshot, int, int]:
        snapshot = self.snapshot(uri)
        line, index = snapshot.lines.index(Point(position.line, position.character))
        return snapshot, line, index


server = ClauseServer()


@server.feature(types.INITIALIZE)
def initialize(ls: ClauseServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounceMilliseconds"), (int, float)):
        ls.debounce = max(0.0, float(options["debounceMilliseconds"]) / 1000)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ClauseServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: ClauseServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ClauseServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.snapshots.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))
def complete(ls: ClauseServer, params: types.CompletionParams) -> types.CompletionList:
    snapshot, line, index = ls.at(params.text_document.uri, params.position)
    items = completion.complete(snapshot, line, index, ls.drafts(params.text_document.uri))
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover_feature(ls: ClauseServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    snapshot, line, index = ls.at(uri, params.position)
    occurrence = snapshot.outline.at(line, index)
    text = hover.hover_text(snapshot, occurrence, ls.drafts(uri)) if occurrence else None
    guarantee = profile_hover.guarantee_at(snapshot, line)
    if (
        guarantee is not None
        and snapshot.draft is not None
        and (text is None or (occurrence is not None and occurrence.definition))
    ):
        # A guarantee's opener and fields show its profile (after the clause itself, on its id).
        text = "\n\n".join(x for x in (text, profile_hover.profile_text(snapshot.draft, guarantee)) if x)
    if text is None:
        return None
    from clausekit.integrations.lsp.ranges import occurrence_range

    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=occurrence_range(snapshot.lines, occurrence) if occurrence else None,
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ClauseServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    snapshot, line, index = ls.at(uri, params.position)
    occurrence = snapshot.outline.at(line, index)
    return navigation.definition(snapshot, uri, occurrence, ls.drafts(uri)) if occurrence else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: ClauseServer, params: types.ReferenceParams) -> list[types.Location] | None:
    uri = params.text_document.uri
    snapshot, line, index = ls.at(uri, params.position)
    occurrence = snapshot.outline.at(line, index)
    if occurrence is None:
        return None
    files = ls.workspace_drafts().files()
    return navigation.references(snapshot, uri, occurrence, params.context.include_declaration, files)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: ClauseServer, params: types.PrepareRenameParams) -> types.Range | None:
    snapshot, line, index = ls.at(params.text_document.uri, params.position)
    occurrence = snapshot.outline.at(line, index)
    return navigation.rename_range(snapshot, occurrence) if occurrence else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: ClauseServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    uri = params.text_document.uri
    snapshot, line, index = ls.at(uri, params.position)
    occurrence = snapshot.outline.at(line, index)
    if occurrence is None:
        return None
    return navigation.rename(snapshot, uri, occurrence, params.new_name)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: ClauseServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    return symbols.document_symbols(ls.snapshot(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: ClauseServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    return actions.formatting(ls.snapshot(params.text_document.uri))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
)
def code_actions(ls: ClauseServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    return actions.code_actions(ls.snapshot(uri), uri, list(params.context.diagnostics))


def serve(port: int | None = None, host: str = "127.0.0.1") -> None:
    """Run the server: over standard input and output, or on a TCP port (to debug)."""
    if port is None:
        server.start_io()
    else:
        server.start_tcp(host, port)
