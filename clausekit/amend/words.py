"""From the redline of one piece to word amendments that quote as few words as they can.

Each change of the word redline becomes one instruction, in the forms a drafter writes: for
"A" substitute "B", leave out "A", after "A" insert "B", before "A" insert "B". The words
quoted are the changed ones; when those occur more than once in the piece (or the change
only puts words in), the quote grows by a word at a time, before and after, until it is found
once. Each instruction is checked by doing it: the piece must read as it should afterwards, and
an instruction after which the piece would not read (half a bracket) takes the next change in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from clausekit.amend.apply import edit_words, found_once
from clausekit.amend.pieces import PieceError
from clausekit.diff.model import WordOp
from clausekit.diff.words import rebuild, redline

MAX_CONTEXT_WORDS = 12
"""How many words a quote may take in around a change before the piece is given whole."""

MIN_KEPT = 0.5
"""A piece that keeps less than this share of its text is given whole, not word by word."""

MAX_WORD_EDITS = 40
"""A piece changed in more places than this is given whole: forty amendments to one paragraph
read worse than its new text, and each is checked against the whole piece (so that many word
instructions in one long paragraph would cost the square of its length)."""


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One word instruction: ``action`` on the ``old`` words, putting in ``new``."""

    action: str
    old: str
    new: str | None


@dataclass(frozen=True, slots=True)
class _Hunk:
    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _hunks(old: str, new: str, ops: Sequence[WordOp] | None = None) -> tuple[list[_Hunk], int]:
    """The changes of the redline (runs between kept text) and how many characters it keeps."""
    hunks: list[_Hunk] = []
    o = n = kept = 0
    open_hunk: list[int] | None = None
    for op in ops if ops is not None else redline(old, new):
        if op.op == "equal":
            if open_hunk is not None:
                hunks.append(_Hunk(*open_hunk))
                open_hunk = None
            o += len(op.text)
            n += len(op.new_side)
            kept += len(op.text)
            continue
        if open_hunk is None:
            open_hunk = [o, o, n, n]
        if op.op == "delete":
            o += len(op.text)
            open_hunk[1] = o
        else:
            n += len(op.text)
            open_hunk[3] = n
    if open_hunk is not None:
        hunks.append(_Hunk(*open_hunk))
    return hunks, kept


def word_edits(
    old: str, new: str, read: Callable[[str], object], ops: Sequence[WordOp] | None = None
) -> list[WordEdit] | None:
    """The word instructions that turn ``old`` into ``new`` done in order, each leaving a text
    that ``read`` accepts; None when the piece is better given whole. ``ops``: the redline of
    the two texts when the diff has made it already (it is used only if it rebuilds them)."""
    if ops is not None and rebuild(tuple(ops)) != (old, new):
        ops = None
    hunks, kept = _hunks(old, new, ops)
    if kept < MIN_KEPT * max(len(old), len(new)) or len(hunks) > MAX_WORD_EDITS:
        return None
    text, shift = old, 0
    regions: list[tuple[int, int]] = []
    edits: list[WordEdit] = []
    first = 0
    while first < len(hunks):
        done = None
        for last in range(first, len(hunks)):
            start, end = hunks[first].old_start + shift, hunks[last].old_end + shift
            words = new[hunks[first].new_start : hunks[last].new_end]
            expected = new[: hunks[last].new_end] + old[hunks[last].old_end :]
            found = _instruction(text, start, end, words, expected, regions)
            if found is None:
                return None
            if _reads(found[1], read):
                done = (found, last)
                break
        if done is None:
            return None
        (edit, changed, region), last = done
        edits.append(edit)
        regions.append(region)
        shift = hunks[last].new_end - hunks[last].old_end
        text = changed
        first = last + 1
    return edits if text == new else None


def _reads(text: str, read: Callable[[str], object]) -> bool:
    try:
        read(text)
    except PieceError:
        return False
    return True


def _instruction(
    text: str, start: int, end: int, words: str, expected: str, regions: list[tuple[int, int]]
) -> tuple[WordEdit, str, tuple[int, int]] | None:
    """The plainest instruction that turns ``text`` into ``expected`` by putting ``words`` for
    ``text[start:end]``: its text afterwards and the span its own words then take."""
    for edit, at in _candidates(text, start, end, words):
        crosses = any(low < at + len(edit.old) and at < high for low, high in regions)
        if crosses or not found_once(text, edit.old):
            continue
        changed, _, low, high = edit_words(text, edit.action, edit.old, edit.new, at)
        if changed == expected:
            return edit, changed, (low, high)
    return None


def _candidates(text: str, start: int, end: int, words: str) -> Iterator[tuple[WordEdit, int]]:
    """Instructions to try, plainest first, each with where its quoted words start."""
    old = text[start:end]
    # Spaces that both sides share at their ends are not part of the change.
    while old and words and old[0] == words[0] and old[0].isspace():
        old, words, start = old[1:], words[1:], start + 1
    while old and words and old[-1] == words[-1] and old[-1].isspace():
        old, words, end = old[:-1], words[:-1], end - 1
    bare_old, bare_words = old.strip(), words.strip()
    if bare_old and not bare_words:
        yield WordEdit("leave-out", bare_old, None), start + (len(old) - len(old.lstrip()))
    elif bare_old:
        lead = len(old) - len(old.lstrip())
        yield WordEdit("substitute", bare_old, bare_words), start + lead
    elif bare_words:
        anchor_end = len(text[:start].rstrip())
        for low in _lefts(text, anchor_end):
            yield WordEdit("insert-after", text[low:anchor_end], bare_words), low
        anchor_start = start + (len(text[start:]) - len(text[start:].lstrip()))
        for high in _rights(text, anchor_start):
            yield WordEdit("insert-before", text[anchor_start:high], bare_words), anchor_start
    # Context around the change, a word at a time: the change with the words beside it.
    for low, high in _contexts(text, start, end):
        yield WordEdit("substitute", text[low:high], text[low:start] + words + text[end:high]), low
    if old:  # the change exactly as it is, spaces and all
        yield WordEdit("substitute", old, words), start


def _lefts(text: str, position: int) -> Iterator[int]:
    """The starts of the one, two, ... words that end at ``position``."""
    low = position
    for _ in range(MAX_CONTEXT_WORDS):
        if low <= 0:
            return
        while low > 0 and text[low - 1].isspace():
            low -= 1
        while low > 0 and not text[low - 1].isspace():
            low -= 1
        yield low


def _rights(text: str, position: int) -> Iterator[int]:
    """The ends of the one, two, ... words that start at ``position``."""
    high = position
    for _ in range(MAX_CONTEXT_WORDS):
        if high >= len(text):
            return
        while high < len(text) and text[high].isspace():
            high += 1
        while high < len(text) and not text[high].isspace():
            high += 1
        yield high


def _contexts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    lefts = [start, *_lefts(text, start)]
    rights = [end, *_rights(text, end)]
    for size in range(1, 2 * MAX_CONTEXT_WORDS + 1):
        for before in range(size, -1, -1):
            after = size - before
            if before < len(lefts) and after < len(rights):
                yield lefts[before], rights[after]
