"""Which clause is which: aligning the provisions of two drafts.

Passes, cheapest first, each only over what is still unmatched (docs/diff.md, "Alignment"):

0. what the drafter stated: ``corresponds: draft-id::clause-id`` (``stated`` pairs);
1. same id (ids are stable by design);
1b. one issue: the only free clauses on each side that concern an issue (``corresponds``);
2. same normalised text (an id was renamed);
3. similar text: candidates from an inverted index of the rarest word pairs (shingles)
   of each clause, scored on token sequences with difflib, best pairs first;
4. order: the longest chain of pairs in the same order on both sides stays in place
   (longest increasing subsequence, O(n log n)); pairs off it are *moved*;
5. what is left is removed (old side) or added (new side).

Every tie is broken by something both sides agree on (scores, then the texts), never by
which draft came first, so that ``align(b, a)`` is the mirror image of ``align(a, b)``.
The work grows about as n log n: no pass looks at all pairs.
"""

from __future__ import annotations

import difflib
import itertools
import operator
import zlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from clausekit.diff import anchored
from clausekit.language.syntax import COMPARED_WORD, QUOTES

# --- budgets: named, and reported when reached (never a silent truncation) -------------

SIMILARITY_THRESHOLD = 0.6
"""Two clauses with a difflib ratio below this are different clauses, not one edited."""

RARE_FEATURES = 4
"""How many of a clause's rarest shingles look for its counterpart."""

MAX_FEATURE_DF = 64
"""A shingle found in more clauses than this says nothing about which one is which."""

MAX_CANDIDATES = 8
"""Candidates scored per clause (those sharing the most rare shingles with it)."""

_SHIFT = itertools.repeat(32)


@dataclass(frozen=True, slots=True)
class Pair:
    """Old item ``old`` and new item ``new`` are one clause: how they were matched."""

    old: int
    new: int
    match: str  # "correspondence", "id", "issue", "text", "similar", "structure" or "forced"
    similarity: float
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The outcome of aligning two sequences of items (indices into each side)."""

    pairs: tuple[Pair, ...]  # in the new side's order
    removed: tuple[int, ...]  # old indices with no counterpart, in order
    added: tuple[int, ...]  # new indices with no counterpart, in order
    notes: tuple[str, ...] = ()


def words(text: str) -> list[str]:
    """The words and numbers of a text, case-folded: what similarity is scored on (the
    words the redline compares, ``clausekit.language.syntax.COMPARED_WORD``)."""
    text = text.translate(QUOTES)
    if text.isascii():
        # Folding ASCII maps a letter to a letter, so folding the whole text first finds the
        # same words, without a call per word.
        return COMPARED_WORD.findall(text.lower())
    return [w.casefold() for w in COMPARED_WORD.findall(text)]


def normalise(text: str) -> str:
    # The quotes mapped are not ASCII, so ASCII text needs no translating; str.split() cuts at
    # exactly the characters \s matches, so joining its pieces is the substitution plus strip().
    if not text.isascii():
        text = text.translate(QUOTES)
    return " ".join(text.split()).casefold()


def ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """difflib's similarity of two token sequences, the same whichever is given first."""
    if list(a) > list(b):
        a, b = b, a
    if len(a) * len(b) > anchored.SMALL:  # a long paragraph: matched near-linearly (diff/anchored.py)
        total = len(a) + len(b)
        return 2.0 * anchored.match(a, b).matched() / total if total else 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


class _Matching:
    """The pairs found so far, and which items of each side are still free."""

    def __init__(self, old_count: int, new_count: int) -> None:
        self.old_free = [True] * old_count
        self.new_free = [True] * new_count
        self.found: dict[int, tuple[int, str, float]] = {}  # old -> (new, match, similarity)

    def take(self, o: int, n: int, how: str, similarity: float) -> None:
        self.old_free[o] = self.new_free[n] = False
        self.found[o] = (n, how, similarity)

    def pair_equal_keys(self, old_keys: Mapping[int, str], new_keys: Mapping[int, str], how: str, score: float) -> None:
        """The k-th free old item with a key pairs with the k-th free new one with that key (keys
        should be unique, but a draft that repeats an id must still compare equal to itself)."""
        old_by_key: dict[str, list[int]] = defaultdict(list)
        for o, key in old_keys.items():
            if self.old_free[o]:
                old_by_key[key].append(o)
        new_by_key: dict[str, list[int]] = defaultdict(list)
        for n, key in new_keys.items():
            if self.new_free[n]:
                new_by_key[key].append(n)
        for key, olds in old_by_key.items():
            for o, n in zip(olds, new_by_key.get(key, ()), strict=False):
                self.take(o, n, how, score)


def _by_what_is_said(
    matching: _Matching,
    ids: tuple[Sequence[str], Sequence[str]],
    forced: Sequence[tuple[int, int]],
    stated: Sequence[tuple[int, int]],
    issues: tuple[Mapping[int, Sequence[str]], Mapping[int, Sequence[str]]] | None,
    issues_first: bool,
) -> None:
    """The pairs that need no text: forced, then stated correspondences, then ids, then one issue."""
    for o, n in forced:
        matching.take(o, n, "forced", -1.0)
    # 0. what the drafts state
    for o, n in stated:
        if matching.old_free[o] and matching.new_free[n]:
            matching.take(o, n, "correspondence", -1.0)
    # 1. same id
    old_keys, new_keys = dict(enumerate(ids[0])), dict(enumerate(ids[1]))
    if issues is not None and issues_first:
        _drop_contradicted_ids(old_keys, new_keys, *issues)
    matching.pair_equal_keys(old_keys, new_keys, "id", -1.0)
    # 1b. one issue
    if issues is not None:
        _by_issue(matching, *issues)


def align(
    old_ids: Sequence[str],
    old_texts: Sequence[str],
    new_ids: Sequence[str],
    new_texts: Sequence[str],
    forced: Sequence[tuple[int, int]] = (),
    old_parents: Sequence[int] | None = None,
    new_parents: Sequence[int] | None = None,
    stated: Sequence[tuple[int, int]] = (),
    issues: tuple[Mapping[int, Sequence[str]], Mapping[int, Sequence[str]]] | None = None,
    issues_first: bool = False,
) -> Alignment:
    """Align two sequences of (id, text) items; empty texts match by id (or ``forced``) only.

    ``forced`` pairs are matched first whatever their ids (``A::x B::y`` compares two
    clauses that the user says are one). ``*_parents`` give each item's parent index
    (-1 at the top) when the items are a tree flattened parents first. ``stated`` pairs are
    what the drafts say correspond (taken in order while both are free, before ids);
    ``issues`` the issue keys of the items of each side that have any (paired after ids).
    With ``issues_first`` (different instruments, whose ids such as ``art-4`` follow each
    document's own numbering) two items that share an id but name disjoint issues are not
    paired by their id.
    """
    matching = _Matching(len(old_ids), len(new_ids))
    _by_what_is_said(matching, (old_ids, new_ids), forced, stated, issues, issues_first)
    # Only the texts of what ids left unpaired are read from here on (except to break ties
    # in step 4): the caller may make each text when asked rather than hold them all.
    old_unpaired = _unpaired_texts(old_texts, matching.old_free)
    new_unpaired = _unpaired_texts(new_texts, matching.new_free)
    # 2. same text, then same normalised text (exact texts first: hashing is cheaper than normalising)
    matching.pair_equal_keys(old_unpaired, new_unpaired, "text", 1.0)
    old_normal = {o: normalise(text) for o, text in old_unpaired.items() if matching.old_free[o]}
    new_normal = {n: normalise(text) for n, text in new_unpaired.items() if matching.new_free[n]}
    matching.pair_equal_keys(old_normal, new_normal, "text", 1.0)
    # 3. similar text
    notes: list[str] = []
    old_side = _Side([o for o in old_unpaired if matching.old_free[o]], old_unpaired, old_ids)
    new_side = _Side([n for n in new_unpaired if matching.new_free[n]], new_unpaired, new_ids)
    if old_side.left and new_side.left:
        for o, n, score in _similar(old_side, new_side, notes):
            matching.take(o, n, "similar", score)
    del old_unpaired, new_unpaired, old_side, new_side
    # 3b. same children: a provision known only by its sub-clauses (an article that holds
    # points) is the one whose sub-clauses all matched the other's.
    if old_parents is not None and new_parents is not None:
        _by_children(matching, old_parents, new_parents)
    # 4. order
    found = matching.found
    in_place = _longest_chain(sorted(found.items()), (old_texts, old_ids), (new_texts, new_ids))
    pairs = sorted(
        (Pair(o, n, how, sim, moved=(o, n) not in in_place) for o, (n, how, sim) in found.items()),
        key=lambda pair: pair.new,
    )
    removed = tuple(o for o, free in enumerate(matching.old_free) if free)
    added = tuple(n for n, free in enumerate(matching.new_free) if free)
    return Alignment(tuple(pairs), removed, added, tuple(notes))


def _drop_contradicted_ids(
    old_keys: dict[int, str],
    new_keys: dict[int, str],
    old_issues: Mapping[int, Sequence[str]],
    new_issues: Mapping[int, Sequence[str]],
) -> None:
    """Leave out of the id pass the items whose namesake on the other side names only other issues."""
    new_by_id: dict[str, int] = {}
    for n, key in new_keys.items():
        new_by_id.setdefault(key, n)
    for o, key in list(old_keys.items()):
        n = new_by_id.get(key)
        if n is None:
            continue
        ours, theirs = old_issues.get(o, ()), new_issues.get(n, ())
        if ours and theirs and not set(ours) & set(theirs):
            del old_keys[o]
            new_keys.pop(n, None)


def _by_issue(
    matching: _Matching, old_issues: Mapping[int, Sequence[str]], new_issues: Mapping[int, Sequence[str]]
) -> None:
    """Pair the clauses that are, on each side, the only ones to concern an issue (and still free).

    An issue that several clauses of one draft concern says nothing about which is which, so
    it pairs nothing, even when ids have paired all but one of them (the one left over is not
    thereby the other's counterpart). Keys are taken in name order and counted once, before any
    is paired, so the outcome is the same whichever draft is old."""

    def holders(issues: Mapping[int, Sequence[str]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        for item, keys in issues.items():
            for key in dict.fromkeys(keys):
                out[key].append(item)
        return out

    old_holders = holders(old_issues)
    new_holders = holders(new_issues)
    for key in sorted(old_holders.keys() & new_holders.keys()):
        olds, news = old_holders[key], new_holders[key]
        if len(olds) == len(news) == 1 and matching.old_free[olds[0]] and matching.new_free[news[0]]:
            matching.take(olds[0], news[0], "issue", -1.0)


def _unpaired_texts(texts: Sequence[str], free: list[bool]) -> dict[int, str]:
    """The texts (not blank) of the items still free, by index."""
    return {i: text for i in range(len(free)) if free[i] and (text := texts[i]).strip()}


def _by_children(matching: _Matching, old_parents: Sequence[int], new_parents: Sequence[int]) -> None:
    """Pair unmatched parents whose matched children all pair with each other's children.

    The condition reads the same from both sides, and it is applied until nothing changes
    (a grandparent may pair once its children have), so the outcome does not depend on
    which draft is old.
    """
    found, old_free, new_free = matching.found, matching.old_free, matching.new_free
    old_children: dict[int, list[int]] = defaultdict(list)
    for child, parent in enumerate(old_parents):
        if parent >= 0:
            old_children[parent].append(child)
    new_children: dict[int, list[int]] = defaultdict(list)
    for child, parent in enumerate(new_parents):
        if parent >= 0:
            new_children[parent].append(child)
    changed = True
    while changed:
        changed = False
        old_of_new = {n: o for o, (n, _, _) in found.items()}
        for o in range(len(old_parents)):
            if not old_free[o] or not old_children[o]:
                continue
            partners = {found[c][0] for c in old_children[o] if c in found}
            parents = {new_parents[n] for n in partners}
            if len(parents) != 1:
                continue
            n = parents.pop()
            if n < 0 or not new_free[n]:
                continue
            back = {old_of_new[c] for c in new_children[n] if c in old_of_new}
            if all(old_parents[b] == o for b in back):
                matching.take(o, n, "structure", -1.0)
                changed = True


def _features(tokens: list[str], codes: Mapping[str, int]) -> array[int]:
    """Word pairs (shingles) of a clause as packed numbers; single words when it is shorter
    than a pair. A word's number is a checksum of the word (``codes``, which holds every
    word), so the same pair has the same number in both drafts and in every run."""
    numbers = list(map(codes.__getitem__, tokens))
    if len(numbers) < 2:
        return array("Q", sorted(set(numbers)))
    # (a << 32) | b of each pair of neighbours, computed by map in C rather than a Python loop.
    return array("Q", sorted(set(map(operator.or_, map(operator.lshift, numbers, _SHIFT), numbers[1:]))))


@dataclass(slots=True)
class _Side:
    """One draft's unmatched items in the similar-text pass, and what is read from them.

    Memory is kept to a few hundred bytes a clause: words are shared between clauses, each
    clause keeps its shingles as a packed array, and the postings hold only the shingles
    that some clause chose as its rarest."""

    left: list[int]  # the unmatched items, in order
    texts: Mapping[int, str]
    ids: Sequence[str]
    tokens: dict[int, list[str]] = field(default_factory=dict)
    features: dict[int, array[int]] = field(default_factory=dict)
    rare: dict[int, list[int]] = field(default_factory=dict)  # each item's rarest shingles
    postings: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # shingle -> items

    def read_words(self, intern: Callable[[str, str], str]) -> None:
        self.tokens = {i: list(map(intern, ws, ws)) for i in self.left for ws in (words(self.texts[i]),)}

    def choose_rare(self, frequency: Counter[int]) -> None:
        """Each item's rarest shingles: one of a single clause cannot find a partner, one of too
        many is noise. Sorted by (frequency, shingle) in C; the usable ones start after the
        frequency-1 run."""
        for i in self.left:
            ranked = sorted(zip(map(frequency.__getitem__, self.features[i]), self.features[i], strict=True))
            first = bisect_left(ranked, (2,))
            self.rare[i] = [f for df, f in ranked[first : first + RARE_FEATURES] if df <= MAX_FEATURE_DF]

    def index(self, wanted: set[int]) -> None:
        """Posting lists of the wanted shingles, each holding its items in item order."""
        for i in self.left:
            for feature in wanted.intersection(self.features.pop(i)):
                self.postings[feature].append(i)


def _similar(old: _Side, new: _Side, notes: list[str]) -> list[tuple[int, int, float]]:
    """Best-first matching of similar texts among the unmatched items of two sides."""
    _read_shingles(old, new)
    hits, unindexed = _shared_rare_shingles(old, new)
    kept, truncated = _candidates(hits, old, new)
    out = _best_first(_scores(kept, old, new))
    if unindexed:
        notes.append(
            f"alignment: {unindexed} unmatched clause(s) share no word pair with at most "
            f"{MAX_FEATURE_DF} other clauses (MAX_FEATURE_DF); they were not matched by similar text"
        )
    if truncated:
        notes.append(
            f"alignment: {truncated} clause(s) had more than {MAX_CANDIDATES} similar-text candidates "
            f"(MAX_CANDIDATES); only those sharing the most rare word pairs were scored"
        )
    return out


def _read_shingles(old: _Side, new: _Side) -> None:
    """Both sides' words, shingles, rarest shingles and postings (one vocabulary for both, so a
    word pair has one number in both drafts)."""
    vocabulary: dict[str, str] = {}
    for side in (old, new):
        side.read_words(vocabulary.setdefault)
    codes = {w: zlib.crc32(w.encode()) | 1 for w in vocabulary}
    for side in (old, new):
        side.features = {i: _features(tokens, codes) for i, tokens in side.tokens.items()}
    frequency = Counter(itertools.chain(*old.features.values(), *new.features.values()))
    for side in (old, new):
        side.choose_rare(frequency)
    frequency.clear()  # the largest structure here: free it before building the index
    wanted = {f for side in (old, new) for chosen in side.rare.values() for f in chosen}
    for side in (old, new):
        side.index(wanted)


def _shared_rare_shingles(old: _Side, new: _Side) -> tuple[dict[tuple[int, int], int], int]:
    """How many rare shingles each candidate pair shares, counted from both sides alike, and how
    many items chose none."""
    hits: dict[tuple[int, int], int] = defaultdict(int)
    unindexed = 0
    for this, other, as_pair in ((old, new, lambda a, b: (a, b)), (new, old, lambda a, b: (b, a))):
        for i in this.left:
            chosen = this.rare[i]
            unindexed += not chosen
            for feature in chosen:
                for j in other.postings.get(feature, ()):
                    hits[as_pair(i, j)] += 1
    return hits, unindexed


def _candidates(hits: dict[tuple[int, int], int], old: _Side, new: _Side) -> tuple[set[tuple[int, int]], int]:
    """The pairs worth scoring: each item keeps its best few candidates, and a pair is scored
    if either side kept it. Also how many items had more candidates than ``MAX_CANDIDATES``."""
    by_old: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_new: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (o, n), count in hits.items():
        by_old[o].append((count, n))
        by_new[n].append((count, o))
    kept: set[tuple[int, int]] = set()
    truncated = 0
    for options_by_item, other, as_pair in ((by_old, new, lambda a, b: (a, b)), (by_new, old, lambda a, b: (b, a))):
        for i, options in options_by_item.items():
            options.sort(key=lambda item: (-item[0], other.texts[item[1]], item[1]))
            # A candidate sharing under half the rare shingles of the best one is not the same
            # clause edited; scoring it would only cost time.
            floor = (options[0][0] + 1) // 2
            chosen = [item for item in options[:MAX_CANDIDATES] if item[0] >= floor]
            truncated += len(chosen) == MAX_CANDIDATES < len(options) and options[MAX_CANDIDATES][0] >= chosen[-1][0]
            kept.update(as_pair(i, j) for _, j in chosen)
    return kept, truncated


def _scores(
    kept: set[tuple[int, int]], old: _Side, new: _Side
) -> list[tuple[float, tuple[str, str], tuple[str, str], int, int]]:
    """difflib's ratio of each kept pair that reaches ``SIMILARITY_THRESHOLD``, best first.

    difflib indexes its second sequence (the costly part): pairs are scored grouped by the
    item that plays that part, so each is indexed once and one index lives at a time."""
    jobs = []
    for o, n in kept:
        if old.tokens[o] > new.tokens[n]:  # canonical order: the score must not depend on which draft is old
            jobs.append((False, o, n))
        else:
            jobs.append((True, n, o))
    jobs.sort()
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    indexed: tuple[bool, int] | None = None
    old_words = {o: set(old.tokens[o]) for o in {o for o, _ in kept}}
    new_words = {n: set(new.tokens[n]) for n in {n for _, n in kept}}
    scored: list[tuple[float, tuple[str, str], tuple[str, str], int, int]] = []
    for second_is_new, second, first in jobs:
        o, n = (first, second) if second_is_new else (second, first)
        a, b = (old.tokens[o], new.tokens[n]) if second_is_new else (new.tokens[n], old.tokens[o])
        if not _may_reach(old.tokens[o], new.tokens[n], old_words[o], new_words[n]):
            continue
        if indexed != (second_is_new, second):
            matcher.set_seq2(b)
            indexed = (second_is_new, second)
        matcher.set_seq1(a)
        if (
            matcher.real_quick_ratio() >= SIMILARITY_THRESHOLD
            and matcher.quick_ratio() >= SIMILARITY_THRESHOLD
            and (score := matcher.ratio()) >= SIMILARITY_THRESHOLD
        ):
            low, high = sorted(((old.texts[o], old.ids[o]), (new.texts[n], new.ids[n])))
            scored.append((-score, low, high, o, n))
    scored.sort()
    return scored


def _best_first(scored: list[tuple[float, tuple[str, str], tuple[str, str], int, int]]) -> list[tuple[int, int, float]]:
    """Pairs taken greedily from the best score down, each item at most once."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for negative, _, _, o, n in scored:
        if o not in taken_old and n not in taken_new:
            taken_old.add(o)
            taken_new.add(n)
            out.append((o, n, -negative))
    return out


def _may_reach(a: list[str], b: list[str], a_words: set[str], b_words: set[str]) -> bool:
    """Whether two word sequences may reach ``SIMILARITY_THRESHOLD``: a bound above difflib's
    ``quick_ratio`` (itself above ``ratio``), from set operations that run in C. Each distinct
    word of one side missing from the other leaves at least one of its words unmatched."""
    total = len(a) + len(b)
    if not total:
        return True
    common = len(a_words & b_words)
    matched = min(len(a) - (len(a_words) - common), len(b) - (len(b_words) - common))
    return 2.0 * matched / total >= SIMILARITY_THRESHOLD


def _longest_chain(
    pairs: list[tuple[int, tuple[int, str, float]]],
    old_side: tuple[Sequence[str], Sequence[str]],
    new_side: tuple[Sequence[str], Sequence[str]],
) -> set[tuple[int, int]]:
    """The largest set of pairs in the same order on both sides (the clauses that stayed).

    Patience sorting gives every pair the length of the longest chain ending at it, a
    property of the pairs alone, whichever side is called old. The chain is then read back
    from its end, choosing among equal candidates by position sum and then by text, so that
    swapping the drafts gives the mirror image of the same chain.
    """
    points = [(o, n) for o, (n, _, _) in pairs]  # sorted by old index
    if not points:
        return set()
    tails: list[int] = []  # tails[k]: smallest new index ending a chain of length k + 1
    level_of: list[int] = []
    for _, n in points:
        k = bisect_left(tails, n)
        if k == len(tails):
            tails.append(n)
        else:
            tails[k] = n
        level_of.append(k)
    # Pairs of one level form an antichain: old index up means new index down.
    levels: list[list[tuple[int, int]]] = [[] for _ in tails]
    for point, k in zip(points, level_of, strict=True):
        levels[k].append(point)

    def preference(point: tuple[int, int]) -> tuple[int, tuple[str, str], tuple[str, str]]:
        o, n = point
        # Ties are broken by content (text, then id), never by which side a clause is on.
        first, second = sorted(((old_side[0][o], old_side[1][o]), (new_side[0][n], new_side[1][n])))
        return (o + n, first, second)

    chain: set[tuple[int, int]] = set()
    bound: tuple[int, int] | None = None
    for k in range(len(levels) - 1, -1, -1):
        level = levels[k]  # old ascending, new descending
        if bound is None:
            candidates = level
        else:
            # Points below the bound on both sides: a contiguous run of the level.
            start = _first_with_new_below(level, bound[1])
            end = bisect_left(level, (bound[0], -1))
            candidates = level[start:end]
        # Most levels offer one candidate: the preference (two sorted tuples) decides nothing there.
        best = candidates[0] if len(candidates) == 1 else min(candidates, key=preference)
        chain.add(best)
        bound = best
    return chain


def _first_with_new_below(level: list[tuple[int, int]], limit: int) -> int:
    """Index of the first point of a level (new indices descending) whose new index < limit."""
    lo, hi = 0, len(level)
    while lo < hi:
        mid = (lo + hi) // 2
        if level[mid][1] < limit:
            hi = mid
        else:
            lo = mid + 1
    return lo
