"""The outline of a draft for the editor: the draft, its parties, articles, clauses,
guarantees and terms, nested as written, with the lines each spans."""

from __future__ import annotations

from lsprotocol import types

from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Block
from clausekit.integrations.lsp.ranges import span

_KINDS = {
    "draft": types.SymbolKind.File,
    "parties": types.SymbolKind.Namespace,
    "term": types.SymbolKind.Constant,
    "article": types.SymbolKind.Module,
    "clause": types.SymbolKind.Class,
    "guarantee": types.SymbolKind.Interface,
}


def _symbol(snapshot: Snapshot, block: Block) -> types.DocumentSymbol:
    lines = snapshot.lines
    whole = span(lines, block.line, 0, len(lines.line(block.line)))
    whole.end = span(lines, block.end_line, 0, len(lines.line(block.end_line))).end
    label = block.keyword.capitalize() + (f" {block.number}" if block.number else "")
    if block.keyword == "term":
        name, detail = f'"{block.name}"', "term"
    elif block.keyword == "parties":
        name, detail = "parties", None
    else:
        name = f"{label}: {block.title}" if block.title else label
        detail = block.name
        if block.keyword == "draft":
            name = block.title or block.name
    return types.DocumentSymbol(
        name=name or block.keyword,
        detail=detail,
        kind=_KINDS.get(block.keyword, types.SymbolKind.Object),
        range=whole,
        selection_range=span(lines, block.line, 0, len(lines.line(block.line).rstrip())),
        children=[_symbol(snapshot, child) for child in block.children],
    )


def document_symbols(snapshot: Snapshot) -> list[types.DocumentSymbol]:
    return [_symbol(snapshot, block) for block in snapshot.outline.blocks]
