"""Re-reading only the block an edit is in: what keeps diagnostics quick on a long draft.

Most edits change one article, clause or term. Then only that top-level block is parsed
again, with every other line blanked out so that the parser reports the very lines and
columns it would in the whole file; the new block takes the old one's place in the last
draft, and when the edit added or removed lines, what follows it is moved by as many lines
(its locations, not its text, change). Anything else (an edit outside a block or across
two, in the header or the parties, a block that no longer reads as one) is parsed whole.
``tests/integrations/test_lsp_units.py`` checks that both ways give equal drafts and findings.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

from clausekit.errors import ClauseSyntaxError
from clausekit.integrations.lsp.outline import Block, Outline, rescan_block
from clausekit.language.syntax import KEYWORD_LINE
from clausekit.model import Clause, Draft, Location, Term

REREAD_KINDS = frozenset({"article", "clause", "guarantee", "term"})
"""The top-level blocks that are read again alone (the header and parties are read whole)."""


def changed_lines(old: list[str], new: list[str]) -> tuple[int, int, int] | None:
    """The first 1-based line that differs between two texts, and the last one in each (the
    last in ``old`` is before the first when lines were only added); None when they are equal."""
    if old == new:
        return None
    shorter = min(len(old), len(new))
    first = next((n for n in range(shorter) if old[n] != new[n]), shorter) + 1
    same_tail = 0
    while same_tail <= shorter - first and old[-1 - same_tail] == new[-1 - same_tail]:
        same_tail += 1
    return first, len(old) - same_tail, len(new) - same_tail


def _enclosing(shape: Outline, first: int, last: int) -> tuple[int, Block] | None:
    """The top-level block whose lines before its ``}`` hold old lines ``first``..``last`` (lines
    only added have ``last`` before ``first``, and may come just before the ``}``)."""
    for index, block in enumerate(shape.blocks):
        if block.keyword in REREAD_KINDS and block.line <= first <= block.end_line and last < block.end_line:
            return index, block
    return None


_PLAIN = frozenset({"str", "int", "float", "bool", "None", "tuple", "Literal", "ProvisionKind"})
"""Names in a field's annotation that hold no location: such a field is not walked."""
_WALKED: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _model_fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A model class's fields, and those of them that may hold a location (``Text.text`` may not)."""
    known = _WALKED.get(cls)
    if known is None:
        every = fields(cls)
        plain = [f.name for f in every if set(re.findall(r"[A-Za-z_]\w*", str(f.type))) <= _PLAIN]
        known = _WALKED[cls] = (tuple(f.name for f in every), tuple(f.name for f in every if f.name not in plain))
    return known


def _moved(node: Any, after: int, delta: int) -> Any:
    """``node`` with every location on a line after ``after`` moved down ``delta`` lines (the
    same object when nothing in it moves)."""
    kind = type(node)
    if kind is Location:
        return Location(node.file, node.line + delta, node.column) if node.line > after else node
    if kind is tuple:
        moved = [_moved(item, after, delta) for item in node]
        return tuple(moved) if any(a is not b for a, b in zip(moved, node, strict=True)) else node
    if node is None or kind is str or not is_dataclass(node):
        return node
    every, walked = _model_fields(kind)
    changes = {}
    for name in walked:
        value = getattr(node, name)
        moved = _moved(value, after, delta)
        if moved is not value:
            changes[name] = moved
    if not changes:
        return node
    # A copy with the moved fields: ``dataclasses.replace`` would run ``__init__`` again for
    # each of thousands of nodes; the model has no ``__post_init__``, so the slots are set directly.
    copy = object.__new__(kind)
    for name in every:
        object.__setattr__(copy, name, changes[name] if name in changes else getattr(node, name))
    return copy


def _new_draft(draft: Draft, old_item: Clause | Term, item: Clause | Term, old_end: int, delta: int) -> Draft:
    body: list[Clause | Term] = []
    for existing in draft.body:
        if existing is old_item:
            body.append(item)
        elif delta and existing.location.line > old_end:
            body.append(_moved(existing, old_end, delta))
        else:
            body.append(existing)
    rest = replace(draft, body=())
    if delta:  # comments after the last block, a parties block written after the edit
        rest = _moved(rest, old_end, delta)
    return replace(rest, body=tuple(body))


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

    changed = changed_lines(old, new)
    if changed is None:
        return None
    first, last_old, _last_new = changed
    delta = len(new) - len(old)
    found = _enclosing(shape, first, last_old)
    header = next((b for b in shape.blocks if b.keyword == "draft"), None)
    if found is None or header is None:
        return None
    index, block = found
    opener = KEYWORD_LINE.match(new[block.line - 1].strip())
    if opener is None or opener.group(1) != block.keyword:
        return None
    old_item = next((item for item in draft.body if item.location.line == block.line), None)
    try:
        part = loads(_padded(new, [header, replace(block, end_line=block.end_line + delta)]), filename=name)
    except (ClauseSyntaxError, RecursionError):
        return None
    new_shape = rescan_block(shape, new, index, delta)
    if old_item is None or len(part.body) != 1 or type(part.body[0]) is not type(old_item) or new_shape is None:
        return None
    item = replace(part.body[0], comments=old_item.comments)
    return _new_draft(draft, old_item, item, block.end_line, delta), new_shape
