"""A diff as paragraphs with word-level changes: what the redline and the HTML diff show.

Both drafts are laid out by the same ``DraftView`` as ``clausekit render``, clause by
clause, and the paragraphs of each aligned pair of clauses are compared as a reader
reads them (party names, cited numbers, generated wording). So accepting every change
of a redline gives exactly the new draft's rendering and rejecting every change the
old one's, whatever changed: prose, a party's name, or the number a reference cites.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from clausekit.diff.model import ClauseChange, DraftDiff, WordOp
from clausekit.model import Clause, Draft
from clausekit.render.draft.view import DraftView, ItemView, build_view
from clausekit.render.templates import environment

# Roles a rendered paragraph can have; the redline maps them to Word styles.
TITLE, HEADING, BODY, NESTED = "title", "heading", "body", "nested"
TITLE_KEY = -1  # the title block's key: before the first provision (walk() positions are keys)
NOTICE_LABEL = "Notice: "


@dataclass(frozen=True, slots=True)
class Block:
    """One rendered paragraph: its role, heading level (1-3) and words."""

    role: str
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """One paragraph of the comparison. ``kind``: same, changed (``ops`` is a word-level
    redline), inserted or deleted (the whole paragraph, mark included)."""

    kind: str
    block: Block
    ops: tuple[WordOp, ...]

    @property
    def old_text(self) -> str:
        return "".join(op.text for op in self.ops if op.op in ("equal", "delete"))

    @property
    def new_text(self) -> str:
        return "".join(op.new_side for op in self.ops if op.op in ("equal", "insert"))


@dataclass(frozen=True, slots=True)
class Rendered:
    """A draft's paragraphs grouped by the provision they belong to (its position in
    ``Draft.walk()``; ``TITLE_KEY`` for the title block and the terms before any provision)."""

    view: DraftView
    blocks: tuple[tuple[Block, ...], ...]  # index 0: TITLE_KEY, then walk() order
    positions: dict[int, int]  # id(clause) -> walk() position
    header: int = (
        0  # how many of the TITLE_KEY blocks are the title block itself (the rest: terms before any provision)
    )

    def title_block(self) -> tuple[Block, ...]:
        return self.blocks[0][: self.header]

    def before_provisions(self) -> tuple[Block, ...]:
        return self.blocks[0][self.header :]

    def of(self, key: int) -> tuple[Block, ...]:
        return self.blocks[key + 1]

    def position(self, clause: Clause | None) -> int | None:
        return None if clause is None else self.positions.get(id(clause))


def item_blocks(item: ItemView, indent_from: int) -> list[Block]:
    """The paragraphs of one item, worded exactly as the text and Word renderings word them."""
    out: list[Block] = []
    if item.heading:
        out.append(Block(HEADING, item.heading, min(item.level, 3)))
    role = NESTED if item.level > indent_from else BODY
    paragraphs = list(item.paragraphs)
    if not paragraphs and not item.heading:
        out.append(Block(role, item.lead or ""))
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if index == 0 and not item.heading and item.lead:
            text = f"{item.lead} {text}" if text else item.lead
        out.append(Block(role, text))
    return out


def title_blocks(view: DraftView) -> list[Block]:
    out = [Block(TITLE, view.title)]
    out.extend(Block(BODY, f"{label}: {value}") for label, value in view.rows)
    if view.notice:
        out.append(Block(BODY, NOTICE_LABEL + view.notice))
    return out


def rendered(draft: Draft, view: DraftView | None = None) -> Rendered:
    view = view or build_view(draft, environment())
    indent_from = 2 if any(i.kind == "article" for i in view.items) else 1
    walk = draft.walk()
    blocks: list[list[Block]] = [title_blocks(view)] + [[] for _ in walk]
    header = len(blocks[0])
    for item in view.items:
        blocks[item.owner + 1].extend(item_blocks(item, indent_from))
    positions = {id(clause): index for index, clause in enumerate(walk)}
    return Rendered(view, tuple(tuple(b) for b in blocks), positions, header)


# --- comparing paragraphs -----------------------------------------------------------------


def word_ops(old: str, new: str, hint: tuple[WordOp, ...] = ()) -> tuple[WordOp, ...]:
    """The diff's own redline when it describes exactly these texts, else a fresh one."""
    from clausekit.diff.words import rebuild, redline

    if old == new:
        return (WordOp("equal", old),) if old else ()
    if hint and all(op.new_text is None for op in hint) and rebuild(hint) == (old, new):
        return hint
    return redline(old, new)


def compare_blocks(
    old: tuple[Block, ...], new: tuple[Block, ...], hint: tuple[WordOp, ...] = ()
) -> list[ParagraphDiff]:
    """Paragraphs of two versions of one clause: kept, changed word by word, or whole."""
    out: list[ParagraphDiff] = []
    matcher = difflib.SequenceMatcher(None, [b.text for b in old], [b.text for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(ParagraphDiff("same", b, (WordOp("equal", b.text),)) for b in new[j1:j2])
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            a, b = old[i1 + k], new[j1 + k]
            out.append(ParagraphDiff("changed", b, word_ops(a.text, b.text, hint)))
        out.extend(ParagraphDiff("deleted", b, (WordOp("delete", b.text),)) for b in old[i1 + paired : i2])
        out.extend(ParagraphDiff("inserted", b, (WordOp("insert", b.text),)) for b in new[j1 + paired : j2])
    return out


def _field_of(block: Block) -> tuple[str, str]:
    """A title-block paragraph's field (the title itself, or the label of "Date: 1949-04-04")."""
    if block.role == TITLE:
        return TITLE, ""
    label, sep, _ = block.text.partition(": ")
    return block.role, label + sep if sep else block.text


def _whole_value(old: Block, new: Block) -> ParagraphDiff:
    """One field of two title blocks: its label kept, the old value deleted whole and the new
    one inserted whole ("Date: ~~1949-04-04~~ 1960-01-19"), never interleaved word by word."""
    label = _field_of(new)[1] if new.role != TITLE else ""
    ops = [WordOp("equal", label)] if label else []
    ops += [WordOp("delete", old.text[len(label) :]), WordOp("insert", new.text[len(label) :])]
    return ParagraphDiff("changed", new, tuple(op for op in ops if op.text))


def compare_title_blocks(old: tuple[Block, ...], new: tuple[Block, ...]) -> list[ParagraphDiff]:
    """The title blocks of two drafts, field by field: a title, date, status, source or list of
    parties is a fact about each document, so a field that differs shows its old value and its
    new one whole. Fields on one side only are deleted or inserted."""
    out: list[ParagraphDiff] = []
    keys = ([_field_of(b) for b in old], [_field_of(b) for b in new])
    matcher = difflib.SequenceMatcher(None, *keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                same = a.text == b.text
                out.append(ParagraphDiff("same", b, (WordOp("equal", b.text),)) if same else _whole_value(a, b))
            continue
        out.extend(deleted(old[i1:i2]))
        out.extend(inserted(new[j1:j2]))
    return out


def deleted(blocks: tuple[Block, ...]) -> list[ParagraphDiff]:
    return [ParagraphDiff("deleted", b, (WordOp("delete", b.text),)) for b in blocks]


def inserted(blocks: tuple[Block, ...]) -> list[ParagraphDiff]:
    return [ParagraphDiff("inserted", b, (WordOp("insert", b.text),)) for b in blocks]


# --- the whole document ---------------------------------------------------------------------


def document_diff(diff: DraftDiff, starts: dict[int, ClauseChange] | None = None) -> list[ParagraphDiff]:
    """Every paragraph of both drafts in one sequence that reads as the old draft when
    insertions are dropped and as the new one when deletions are: clauses in place are
    compared, moved clauses are deleted where they stood and inserted where they stand.

    Only the provisions the diff holds are shown: all of both drafts for ``diff``, the two
    clauses compared and what they hold for ``diff_clauses`` (``A::x B::y``), never the
    articles around them as if deleted or inserted.

    ``starts``, when given, receives the index of the first paragraph of each row's clause (a
    moved clause: where it is deleted and where it is inserted) and the row: what the Word
    redline anchors a row's comment on."""
    old, new = rendered(diff.old), rendered(diff.new)
    starts = {} if starts is None else starts
    row_at_old = {old.position(c.old): c for c in diff.changes if c.old is not None}
    row_at_new = {new.position(c.new): c for c in diff.changes if c.new is not None}

    def record(row: ClauseChange | None, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        if row is not None and blocks:
            starts[len(out)] = row
        return blocks

    # Terms and text printed before the first provision belong to the title block (TITLE_KEY).
    old_held = {TITLE_KEY} | {old.position(c.old) for c in diff.changes}
    new_held = {TITLE_KEY} | {new.position(c.new) for c in diff.changes}
    hints: dict[tuple[int, int], tuple[WordOp, ...]] = {}
    # The pairs that stayed in place (the diff's alignment found the longest chain of them);
    # a moved clause is deleted where it stood and inserted where it stands.
    stable = [(TITLE_KEY, TITLE_KEY)]
    for change in diff.changes:
        o, n = old.position(change.old), new.position(change.new)
        if o is not None and n is not None and "moved" not in change.kinds:
            stable.append((o, n))
            hints[(o, n)] = change.words
    stable.sort(key=lambda p: p[1])

    out: list[ParagraphDiff] = []
    i = j = TITLE_KEY
    old_end, new_end = len(old.blocks) - 1, len(new.blocks) - 1
    for o, n in [*stable, (old_end, new_end)]:
        for key in range(i, o):
            if key in old_held:
                out.extend(deleted(record(row_at_old.get(key), old.of(key))))
        for key in range(j, n):
            if key in new_held:
                out.extend(inserted(record(row_at_new.get(key), new.of(key))))
        if o == TITLE_KEY:
            out.extend(compare_title_blocks(old.title_block(), new.title_block()))
            out.extend(compare_blocks(old.before_provisions(), new.before_provisions()))
        elif o < old_end:
            out.extend(compare_blocks(record(row_at_new.get(n), old.of(o)), new.of(n), hints.get((o, n), ())))
        i, j = o + 1, n + 1
    return out


def clause_blocks(side: Rendered, clause: Clause | None) -> tuple[Block, ...]:
    position = side.position(clause)
    return () if position is None else side.of(position)


def clause_diff(change: ClauseChange, old: Rendered, new: Rendered) -> list[ParagraphDiff]:
    """The paragraphs of one row of the diff (a clause and the terms printed with it)."""
    old_blocks, new_blocks = clause_blocks(old, change.old), clause_blocks(new, change.new)
    if change.old is None:
        return inserted(new_blocks)
    if change.new is None:
        return deleted(old_blocks)
    return compare_blocks(old_blocks, new_blocks, change.words)
