"""Matching two long token sequences in near-linear time: anchors first, difflib between them.

difflib's ``SequenceMatcher`` looks for the longest match in every gap it leaves, so its
cost grows with the product of the lengths: one paragraph of 200 KB with a third of its
words changed took 41 s. Ordinary clauses are far below ``SMALL``, and go to difflib as
they always did (so their redlines do not change). Longer sequences are first tied
together at *anchors*, runs of ``ANCHOR`` tokens that occur exactly once on each side (as
patience diff does with unique lines); the longest chain of anchors in the same order on
both sides is kept, and each gap between anchors is matched again the same way, until it
is small enough for difflib. A gap with no anchor that is too large for what remains of
``BUDGET`` is left unmatched (shown as deleted and inserted whole), and counted, so the
caller can say so.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

SMALL = 1_000_000  # a gap of len(a) * len(b) up to this goes to difflib: ordinary clauses always
BUDGET = 20_000_000  # what difflib may spend (in len(a) * len(b)) on gaps with no anchor, per match
ANCHOR = 4  # tokens in an anchor: two words and the spaces after them

Block = tuple[int, int, int]  # (start in a, start in b, length), as difflib's matching blocks


@dataclass(slots=True)
class Matching:
    """The matching blocks of two sequences, and how many tokens were left unmatched for want of budget."""

    blocks: list[Block]
    unmatched: int = 0

    def opcodes(self, a_length: int, b_length: int) -> list[tuple[str, int, int, int, int]]:
        """difflib's ``get_opcodes`` from these blocks."""
        ops: list[tuple[str, int, int, int, int]] = []
        i = j = 0
        for ai, bj, size in [*self.blocks, (a_length, b_length, 0)]:
            tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
            if tag:
                ops.append((tag, i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                ops.append(("equal", ai, i, bj, j))
        return ops

    def matched(self) -> int:
        return sum(size for _, _, size in self.blocks)


def match(a: Sequence[Hashable], b: Sequence[Hashable]) -> Matching:
    """The matching blocks of ``a`` and ``b``: difflib's own for short sequences, anchored for long ones."""
    if len(a) * len(b) <= SMALL:
        return Matching([block for block in _difflib_blocks(a, b, 0, len(a), 0, len(b))])
    result = Matching([])
    spent = 0
    stack = [(0, len(a), 0, len(b))]
    while stack:
        lo_a, hi_a, lo_b, hi_b = stack.pop()
        lo_a, lo_b, head = _common_head(a, b, lo_a, hi_a, lo_b, hi_b)
        hi_a, hi_b, tail = _common_tail(a, b, lo_a, hi_a, lo_b, hi_b)
        result.blocks += [block for block in (head, tail) if block[2]]
        size = (hi_a - lo_a) * (hi_b - lo_b)
        if not size:
            continue
        anchors = [] if size <= SMALL else _anchors(a, b, lo_a, hi_a, lo_b, hi_b)
        if anchors:
            stack += _gaps(anchors, lo_a, hi_a, lo_b, hi_b)
            result.blocks += [(i, j, ANCHOR) for i, j in anchors]
        elif size <= SMALL or spent + size <= BUDGET:
            spent += size if size > SMALL else 0
            result.blocks += _difflib_blocks(a, b, lo_a, hi_a, lo_b, hi_b)
        else:
            result.unmatched += (hi_a - lo_a) + (hi_b - lo_b)
    result.blocks = _joined(sorted(result.blocks))
    return result


def _difflib_blocks(a: Sequence[Hashable], b: Sequence[Hashable], lo_a: int, hi_a: int, lo_b: int, hi_b: int):
    part_a, part_b = a[lo_a:hi_a], b[lo_b:hi_b]
    if len(part_a) == 1 or len(part_b) == 1 or set(part_a).isdisjoint(part_b):
        # Most gaps between anchors are a word replaced by another: no match, or one token to
        # look for, needs no matcher (whose set-up costs more than the search here).
        lone, other, first = (part_a, part_b, True) if len(part_a) == 1 else (part_b, part_a, False)
        if len(lone) != 1 or lone[0] not in other:
            return []
        k = other.index(lone[0])  # difflib's choice too: the first of equal longest matches
        return [(lo_a, lo_b + k, 1)] if first else [(lo_a + k, lo_b, 1)]
    matcher = difflib.SequenceMatcher(None, part_a, part_b, autojunk=False)
    return [(lo_a + i, lo_b + j, n) for i, j, n in matcher.get_matching_blocks() if n]


def _common_head(a, b, lo_a: int, hi_a: int, lo_b: int, hi_b: int) -> tuple[int, int, Block]:
    start_a, start_b = lo_a, lo_b
    while lo_a < hi_a and lo_b < hi_b and a[lo_a] == b[lo_b]:
        lo_a, lo_b = lo_a + 1, lo_b + 1
    return lo_a, lo_b, (start_a, start_b, lo_a - start_a)


def _common_tail(a, b, lo_a: int, hi_a: int, lo_b: int, hi_b: int) -> tuple[int, int, Block]:
    end_a = hi_a
    while lo_a < hi_a and lo_b < hi_b and a[hi_a - 1] == b[hi_b - 1]:
        hi_a, hi_b = hi_a - 1, hi_b - 1
    return hi_a, hi_b, (hi_a, hi_b, end_a - hi_a)


def _anchors(a, b, lo_a: int, hi_a: int, lo_b: int, hi_b: int) -> list[tuple[int, int]]:
    """Runs of ``ANCHOR`` tokens found once on each side, the longest chain of them in the same
    order on both sides, none overlapping the next."""
    grams_a = list(zip(*(a[lo_a + k : hi_a] for k in range(ANCHOR)), strict=False))
    grams_b = list(zip(*(b[lo_b + k : hi_b] for k in range(ANCHOR)), strict=False))
    once_a = {gram for gram, count in Counter(grams_a).items() if count == 1}
    common = once_a.intersection(gram for gram, count in Counter(grams_b).items() if count == 1)
    where_b = {gram: lo_b + j for j, gram in enumerate(grams_b) if gram in common}
    pairs = [(lo_a + i, where_b[gram]) for i, gram in enumerate(grams_a) if gram in common]
    chain = _longest_increasing(pairs)
    kept: list[tuple[int, int]] = []
    for i, j in chain:
        if not kept or (i >= kept[-1][0] + ANCHOR and j >= kept[-1][1] + ANCHOR):
            kept.append((i, j))
    return kept


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of ``pairs`` (sorted by their first item) increasing in the second (patience sorting)."""
    tops: list[int] = []  # the smallest second item ending a chain of each length
    ends: list[int] = []  # the index in pairs of that chain's last pair
    before = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
        before[index] = ends[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]


def _gaps(
    anchors: list[tuple[int, int]], lo_a: int, hi_a: int, lo_b: int, hi_b: int
) -> list[tuple[int, int, int, int]]:
    """The ranges between consecutive anchors (and before the first, after the last)."""
    gaps = []
    previous_a, previous_b = lo_a, lo_b
    for i, j in anchors:
        gaps.append((previous_a, i, previous_b, j))
        previous_a, previous_b = i + ANCHOR, j + ANCHOR
    gaps.append((previous_a, hi_a, previous_b, hi_b))
    return [gap for gap in gaps if gap[1] > gap[0] or gap[3] > gap[2]]


def _joined(blocks: list[Block]) -> list[Block]:
    """Neighbouring blocks as one, as difflib gives them."""
    out: list[Block] = []
    for i, j, n in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + n)
        else:
            out.append((i, j, n))
    return out
