"""From clausekit's start positions to editor ranges: what a finding or an error covers."""

from __future__ import annotations

from lsprotocol import types

from clausekit.integrations.lsp.outline import Occurrence, Outline
from clausekit.integrations.lsp.positions import Lines, Point


def _position(point: Point) -> types.Position:
    return types.Position(line=point.line, character=point.character)


def span(lines: Lines, line: int, start: int, end: int) -> types.Range:
    """The range of string indexes ``start``..``end`` of 1-based ``line``."""
    return types.Range(start=_position(lines.point(line, start)), end=_position(lines.point(line, end)))


def occurrence_range(lines: Lines, occurrence: Occurrence) -> types.Range:
    return span(lines, occurrence.line, occurrence.start, occurrence.end)


def covered(lines: Lines, shape: Outline, line: int, column: int) -> types.Range:
    """What a finding at 1-based ``line`` and ``column`` is about: the name or bracket that
    starts there (``@US``, ``<Term>``, ``#id``, ``[...]``), else the first name written after it
    on the line (a block opener's id, a party's code), else the rest of the line."""
    index = max(0, column - 1)
    on_line = sorted((o for o in shape.occurrences if o.line == line), key=lambda o: o.start)
    for occurrence in on_line:
        # A use is located at its sigil ('@', '#', '<'), one character before the name.
        if occurrence.start - 1 <= index <= occurrence.start or occurrence.start <= index < occurrence.end:
            sigil = 1 if occurrence.start - 1 == index and occurrence.kind != "bracket" else 0
            return span(lines, line, occurrence.start - sigil, occurrence.end)
    after = [o for o in on_line if o.start >= index]
    if after:
        return occurrence_range(lines, after[0])
    text = lines.line(line)
    end = len(text.rstrip())
    start = min(index, end)
    if start == end:  # nothing after the column: the line's words, or one character
        start = len(text) - len(text.lstrip())
        end = max(end, start + 1) if text else 0
    return span(lines, line, start, end)


def word_range(lines: Lines, line: int, column: int) -> types.Range:
    """A syntax error's range: from its column to the end of the word there (at least one character)."""
    text = lines.line(line)
    start = max(0, min(column - 1, len(text)))
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return span(lines, line, start, max(end, start + 1) if start < len(text) else start)
