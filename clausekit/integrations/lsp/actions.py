"""Edits the server offers: code actions for the fixable findings, and formatting (``fmt``).

A finding that names something unknown (a party, a term, a cross-reference) is fixable by
taking the closest declared name; an unknown party also by declaring it in the parties block,
and a party written by its name (``@Ukraine``) by its code. An editorial mark read as a
negotiation bracket (``[...]``, ``[sic]``) is fixable by escaping its brackets; a title with
inner quotation marks by escaping them; a bracket in a one-phrase field by keeping one
delegation's value.
"""

from __future__ import annotations

import re

from lsprotocol import types

from clausekit.errors import ClauseKitError
from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Block, Kind, Occurrence
from clausekit.integrations.lsp.positions import Point
from clausekit.integrations.lsp.ranges import occurrence_range, span

FIXABLE: dict[str, Kind] = {"unknown-party": "party", "undefined-term": "term", "unknown-reference": "clause"}
"""The check codes with a fix, and the kind of name each is about."""


def _suggestions(snapshot: Snapshot, kind: Kind, name: str) -> list[str]:
    from clausekit.library import closest

    return closest(name, sorted(snapshot.outline.definitions(kind)))


def _parties_block(snapshot: Snapshot) -> Block | None:
    return next((b for b in snapshot.outline.blocks if b.keyword == "parties"), None)


def _declare_party(snapshot: Snapshot, code: str) -> types.TextEdit:
    """An edit that declares ``code`` (named by its code, for the drafter to complete)."""
    lines = snapshot.lines
    declaration = f'{code} "{code}"'
    block = _parties_block(snapshot)
    if block is not None and block.end_line > block.line:
        inside = [lines.line(n) for n in range(block.line + 1, block.end_line) if lines.line(n).strip()]
        indent = (len(inside[0]) - len(inside[0].lstrip())) if inside else 2
        at = lines.point(block.end_line, 0)
        position = types.Position(line=at.line, character=at.character)
        return types.TextEdit(
            range=types.Range(start=position, end=position), new_text=" " * indent + declaration + "\n"
        )
    header = next((b for b in snapshot.outline.blocks if b.keyword == "draft"), None)
    after = header.end_line if header is not None else 0
    end = lines.point(after, len(lines.line(after))) if after else Point(0, 0)
    position = types.Position(line=end.line, character=end.character)
    text = f"\n\nparties {{\n  {declaration}\n}}" if after else f"parties {{\n  {declaration}\n}}\n\n"
    return types.TextEdit(range=types.Range(start=position, end=position), new_text=text)


def _quick_fix(title: str, uri: str, diagnostic: types.Diagnostic, edit: types.TextEdit) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _escape_mark(snapshot: Snapshot, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """``[...]`` -> ``\\[...\\]``: the editorial mark kept as the characters it is."""
    start, end = diagnostic.range.start, diagnostic.range.end
    if start.line != end.line:
        return []
    line, first = snapshot.lines.index(Point(start.line, start.character))
    _line, last = snapshot.lines.index(Point(end.line, end.character))
    written = snapshot.lines.line(line)[first:last]
    if not (written.startswith("[") and written.endswith("]")):
        return []
    edit = types.TextEdit(range=diagnostic.range, new_text="\\" + written[:-1] + "\\]")
    return [_quick_fix(f"Escape the editorial mark: \\{written[:-1]}\\]", uri, diagnostic, edit)]


# lint's message for a party written by its name: "did you mean '@UA', Ukraine? ..."
_NAMED_PARTY = re.compile(r"did you mean '@([^']+)', ")


def _by_code(
    snapshot: Snapshot, uri: str, diagnostic: types.Diagnostic, occurrence: Occurrence
) -> types.CodeAction | None:
    """``@Ukraine`` -> ``@UA``: the party's name written after '@' becomes its code."""
    code = _NAMED_PARTY.search(diagnostic.message).group(1)
    party = snapshot.current_draft.party(code) if snapshot.current_draft is not None else None
    if party is None:
        return None
    written = snapshot.lines.line(occurrence.line)[occurrence.start :].casefold()
    names = (name.removeprefix("the ").removeprefix("The ") for name in (party.name, *party.aliases, *party.match))
    length = max((len(name) for name in names if written.startswith(name.casefold())), default=0)
    if not length:
        return None
    where = span(snapshot.lines, occurrence.line, occurrence.start, occurrence.start + length)
    return _quick_fix(f"Change to '@{code}'", uri, diagnostic, types.TextEdit(range=where, new_text=code))


# The parser's messages for two slips with a fix: a title with inner quotes, and a bracket in a
# one-phrase field (``modality: [US: will | UA: shall]``).
_TITLE_QUOTES = "a title ends at its second '\"'"
_FIELD_BRACKET = re.compile(r"^(\s*[a-z-]+:\s*)\[(.*)\]\s*$")
_ALTERNATIVE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")


def _diagnostic_line(snapshot: Snapshot, diagnostic: types.Diagnostic) -> int:
    """The 1-based line (as ``Lines`` counts) a diagnostic starts on."""
    return snapshot.lines.index(Point(diagnostic.range.start.line, diagnostic.range.start.character))[0]


def _whole_line(snapshot: Snapshot, line: int, new_text: str) -> types.TextEdit:
    """An edit that replaces the text of 1-based ``line`` (not its line break)."""
    text = snapshot.lines.line(line)
    return types.TextEdit(range=span(snapshot.lines, line, 0, len(text)), new_text=new_text)


def _escape_title_quotes(snapshot: Snapshot, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """``draft d "The "Best" Deal" {`` -> ``draft d "The \\"Best\\" Deal" {``: the quotation marks
    between the title's first and last are escaped."""
    line = _diagnostic_line(snapshot, diagnostic)
    text = snapshot.lines.line(line)
    first, last = text.find('"'), text.rfind('"')
    if first < 0 or last <= first:
        return []
    inner = re.sub(r'(?<!\\)"', '\\\\"', text[first + 1 : last])
    edit = _whole_line(snapshot, line, text[: first + 1] + inner + text[last:])
    return [_quick_fix("Escape the quotation marks inside the title", uri, diagnostic, edit)]


def _one_alternative(snapshot: Snapshot, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """``modality: [US: will | UA: shall]`` -> ``modality: will`` (or ``shall``): a one-phrase field
    holds one delegation's value; the alternatives belong in the prose."""
    line = _diagnostic_line(snapshot, diagnostic)
    field = _FIELD_BRACKET.match(snapshot.lines.line(line))
    if field is None:
        return []
    actions = []
    for option in field.group(2).split("|"):
        alternative = _ALTERNATIVE.match(option)
        if alternative is not None and alternative.group(2):
            party, value = alternative.groups()
            edit = _whole_line(snapshot, line, field.group(1) + value)
            actions.append(_quick_fix(f"Keep {party}'s value: {value}", uri, diagnostic, edit))
    return actions


def _fixes(snapshot: Snapshot, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    if diagnostic.code == "editorial-mark":
        return _escape_mark(snapshot, uri, diagnostic)
    if diagnostic.code == "syntax-error" and diagnostic.message.startswith(_TITLE_QUOTES):
        return _escape_title_quotes(snapshot, uri, diagnostic)
    if diagnostic.code == "syntax-error" and "brackets are read only in prose fields" in diagnostic.message:
        return _one_alternative(snapshot, uri, diagnostic)
    kind = FIXABLE.get(str(diagnostic.code))
    if kind is None:
        return []
    line, index = snapshot.lines.index(Point(diagnostic.range.start.line, diagnostic.range.start.character))
    occurrence = snapshot.outline.at(line, index + 1)
    if occurrence is None or occurrence.kind != kind:
        return []
    actions = []
    if kind == "party" and _NAMED_PARTY.search(diagnostic.message):
        by_code = _by_code(snapshot, uri, diagnostic, occurrence)
        actions.extend([by_code] if by_code else [])
    for better in _suggestions(snapshot, kind, occurrence.name):
        edit = types.TextEdit(range=occurrence_range(snapshot.lines, occurrence), new_text=better)
        actions.append(
            types.CodeAction(
                title=f"Change to '{better}'",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=not actions,
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    if kind == "party":
        actions.append(
            types.CodeAction(
                title=f"Declare the party '{occurrence.name}'",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [_declare_party(snapshot, occurrence.name)]}),
            )
        )
    return actions


def code_actions(snapshot: Snapshot, uri: str, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    return [action for diagnostic in diagnostics for action in _fixes(snapshot, uri, diagnostic)]


def formatting(snapshot: Snapshot) -> list[types.TextEdit] | None:
    """The whole document in canonical form (``clausekit fmt``), None when it does not parse."""
    from clausekit.language.format import checked_format
    from clausekit.language.parser import loads

    if snapshot.current_draft is None:
        return None
    try:
        # Read whole again: a draft re-read block by block does not hold the comments between blocks.
        canonical = checked_format(loads(snapshot.text, filename=snapshot.name), snapshot.name)
    except (ClauseKitError, RecursionError):
        return None
    if canonical == snapshot.text:
        return []
    lines = snapshot.lines
    last = len(lines.lines)
    end = lines.point(last, len(lines.line(last)))
    whole = span(lines, 1, 0, 0)
    whole.start = types.Position(line=0, character=0)
    whole.end = types.Position(line=end.line, character=end.character)
    return [types.TextEdit(range=whole, new_text=canonical)]
