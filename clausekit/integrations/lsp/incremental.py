"""Re-reading only the block an edit is in: what keeps diagnostics quick on a long draft.

Most edits change words inside one article, clause or term and leave the number of lines
as it was. Then only that top-level block is parsed again, with every other line blanked
out so that the parser reports the very lines and columns it would in the whole file, and
the new block takes the old one's place in the last draft. Anything else (lines added or
removed, an edit outside a block or across two, a block that no longer reads as one) is
parsed whole. ``tests/integrations/test_lsp_units.py`` checks that both ways give equal
drafts and equal findings.
"""

from __future__ import annotations

from dataclasses import replace

from clausekit.errors import ClauseSyntaxError
from clausekit.integrations.lsp.outline import Block, Outline, rescan_block
from clausekit.language.syntax import KEYWORD_LINE
from clausekit.model import Draft

REREAD_KINDS = frozenset({"article", "clause", "guarantee", "term"})
"""The top-level blocks that are read again alone (the header and parties are read whole)."""


def changed_lines(old: list[str], new: list[str]) -> tuple[int, int] | None:
    """The first and last 1-based line that differ between two texts of as many lines."""
    first = next((n for n, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b), None)
    if first is None:
        return None
    last = len(new)
    while old[last - 1] == new[last - 1]:
        last -= 1
    return first, last


def _enclosing(shape: Outline, first: int, last: int) -> tuple[int, Block] | None:
    for index, block in enumerate(shape.blocks):
        if block.keyword in REREAD_KINDS and block.line <= first and last < block.end_line:
            return index, block
    return None


def _padded(lines: list[str], keep: list[Block]) -> str:
    """The text with only the lines of ``keep`` (header and the edited block) left."""
    kept = [False] * (len(lines) + 1)
    for block in keep:
        for n in range(block.line, block.end_line + 1):
            kept[n] = True
    return "\n".join(line if kept[n] else "" for n, line in enumerate(lines, 1))


def reread(draft: Draft, shape: Outline, old: list[str], new: list[str], name: str) -> tuple[Draft, Outline] | None:
    """The draft and outline of ``new`` made from those of ``old`` by reading one block again,
    None when the edit is not one this can do (the caller then parses the whole text)."""
    from clausekit.language.parser import loads

    if len(old) != len(new) or (changed := changed_lines(old, new)) is None:
        return None
    found = _enclosing(shape, *changed)
    header = next((b for b in shape.blocks if b.keyword == "draft"), None)
    if found is None or header is None:
        return None
    index, block = found
    opener = KEYWORD_LINE.match(new[block.line - 1].strip())
    if opener is None or opener.group(1) != block.keyword:
        return None
    old_item = next((item for item in draft.body if item.location.line == block.line), None)
    try:
        part = loads(_padded(new, [header, block]), filename=name)
    except (ClauseSyntaxError, RecursionError):
        return None
    new_shape = rescan_block(shape, new, index)
    if old_item is None or len(part.body) != 1 or type(part.body[0]) is not type(old_item) or new_shape is None:
        return None
    item = replace(part.body[0], comments=old_item.comments)
    body = tuple(item if existing is old_item else existing for existing in draft.body)
    return replace(draft, body=body), new_shape
