"""Clause-level diff of two drafts: ``diff(old, new) -> DraftDiff``.

The pipeline: flatten both drafts into their provisions (``Draft.walk()``), take each one's
own text (``text.py``: codes for parties, to compare), align them (``align.py``), then
describe each aligned row: its change kinds, the word-level redline of its own text
(``words.py``, read out with the parties' names) and what the change means (``changes.py``,
which asks ``analysis.py``). Every output of ``clausekit diff`` is a view of the result.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import overload

from clausekit.callable_modules import make_module_callable as _make_callable
from clausekit.diff.align import Alignment, align, ratio
from clausekit.diff.align import words as similarity_tokens
from clausekit.diff.findings import DiffContext, clause_findings, draft_findings
from clausekit.diff.model import ClauseChange, DraftDiff, Finding, WordOp, clause_label
from clausekit.diff.options import DiffOptions
from clausekit.diff.text import (
    clause_pieces,
    clause_segments,
    clause_text,
    hidden_fields,
    named_ops,
    party_names,
    read_piece,
)
from clausekit.diff.words import redline, segmented_redline
from clausekit.model import Clause, Draft, cited_numbers

__all__ = [
    "ClauseChange",
    "DiffOptions",
    "DraftDiff",
    "Finding",
    "WordOp",
    "clause_label",
    "clause_pieces",
    "clause_segments",
    "clause_text",
    "collector_paused",
    "diff",
    "diff_clauses",
    "hidden_fields",
    "named_ops",
    "party_names",
    "read_piece",
    "same_instrument",
    "stated_pairs",
]


def _quoted(title: str | None) -> str:
    return f'"{title}"' if title else "(untitled)"


class _MatchTexts(Sequence[str]):
    """What alignment compares, for each clause of a draft, made when asked.

    Alignment reads the texts of the clauses that their ids do not pair (and of tied
    candidates); holding every clause's text for the whole diff would keep both drafts'
    prose a second time (docs/reliability.md, memory)."""

    __slots__ = ("_clauses",)

    def __init__(self, clauses: tuple[Clause, ...]):
        self._clauses = clauses

    def __len__(self) -> int:
        return len(self._clauses)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [_match_text(c, clause_text(c)) for c in self._clauses[index]]
        clause = self._clauses[index]
        return _match_text(clause, clause_text(clause))


def _match_text(clause: Clause, text: str) -> str:
    """What alignment compares: the clause's own text, else its title (an article that
    only holds clauses is known by its title); nothing for a placeholder."""
    if clause.is_placeholder:
        return ""
    return text or (f"\x00title {clause.title}" if clause.title else "")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the diff runs (and ``amend``, which does the same).

    The diff makes tens of thousands of short-lived objects (tokens, runs, facts) and frees
    them by reference counting; the collector, triggered by their number, would walk them
    again and again, and at each older generation the two drafts' models as well (measured in
    benchmarks/README.md). Cycles made meanwhile are collected after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def diff(old: Draft, new: Draft, options: DiffOptions | None = None, *, findings: bool = True) -> DraftDiff:
    """Compare two drafts clause by clause.

    ``findings=False``: the rows (kinds, alignment, words) without what the changes mean (the
    prose and guarantee findings of a modified clause, the draft-level findings), which are
    most of a diff's time; what ``amend`` reads. A row's ``findings`` then hold only its
    kinds (modified, moved, renumbered, ...)."""
    with collector_paused():
        return _diff(old, new, options or DiffOptions(), findings)


def _diff(old: Draft, new: Draft, options: DiffOptions, findings: bool = True) -> DraftDiff:
    old_clauses, new_clauses = old.walk(), new.walk()
    parents = (_parents(old_clauses), _parents(new_clauses))
    numbered = same_instrument(old, new)
    alignment = align(
        [c.id for c in old_clauses],
        _MatchTexts(old_clauses),
        [c.id for c in new_clauses],
        _MatchTexts(new_clauses),
        old_parents=parents[0],
        new_parents=parents[1],
        stated=stated_pairs(old, old_clauses, new, new_clauses),
        issues=(_issues(old_clauses), _issues(new_clauses)),
        issues_first=not numbered,
    )
    context = DiffContext.of(old, new, options)
    cites = (cited_numbers(old.top_clauses()), cited_numbers(new.top_clauses()))
    changes = _rows(alignment, old_clauses, new_clauses, context, cites, parents, numbered, findings)
    drafts = tuple(draft_findings(old, new)) if findings else ()
    return DraftDiff(old, new, changes, drafts, context.prose, alignment.notes + tuple(context.notes))


def same_instrument(old: Draft, new: Draft) -> bool:
    """Whether two drafts are versions of one instrument, so that a clause's number changing
    means something: the same draft id, or a draft that keeps at least half the other's clause
    ids (and at least ``SHARED_IDS`` of them) and, in most of the clauses it shares by id, most
    of their words (``kept_words``). A mark-up keeps its base's ids and much of its text; two
    treaty excerpts that both happen to hold an ``art-4``, or two plans whose drafters gave
    their points the same ids so that they align (the US 28 points and the European 24), are
    not one text. Between different instruments numbers are each document's own, and a clause
    "renumbered" from Article 5 to Article V is not a change anyone made."""
    if old.id == new.id:
        return True
    old_by_id = {clause.id: clause for clause in old.walk()}
    new_by_id = {clause.id: clause for clause in new.walk()}
    shared = [key for key in old_by_id if key in new_by_id]
    if len(shared) < SHARED_IDS or 2 * len(shared) < min(len(old_by_id), len(new_by_id)):
        return False
    return kept_words([(old_by_id[key], new_by_id[key]) for key in shared])


SHARED_IDS = 3
"""How many clause ids two drafts with different ids must share at least to be versions of one instrument."""

KEPT_ALIKE = 0.5
"""How alike (``ratio`` of their words) a clause shared by id must be to count as kept (``kept_words``)."""

KEPT_SAMPLE = 64
"""How many clauses shared by id ``kept_words`` reads at most (the first, in document order):
enough to tell a mark-up from another instrument, at a cost that does not grow with the draft."""


def kept_words(pairs: Sequence[tuple[Clause, Clause]]) -> bool:
    """Whether at least half of the pairs (a clause of each draft, by id; those whose text is
    missing on either side left out; at most ``KEPT_SAMPLE``) are ``KEPT_ALIKE`` alike or more."""
    known = [(a, b) for a, b in pairs if not a.is_placeholder and not b.is_placeholder][:KEPT_SAMPLE]
    if not known:
        return True  # nothing to read the words of: the ids alone decide
    kept = sum(
        1 for a, b in known if ratio(similarity_tokens(clause_text(a)), similarity_tokens(clause_text(b))) >= KEPT_ALIKE
    )
    return 2 * kept >= len(known)


def stated_pairs(
    old: Draft, old_clauses: Sequence[Clause], new: Draft, new_clauses: Sequence[Clause]
) -> list[tuple[int, int]]:
    """The (old, new) index pairs that a ``corresponds: draft-id::clause-id`` of either draft
    states, in a canonical order (the same pairs whichever draft is old). Two versions of one
    draft (the same id) state nothing about each other."""
    if old.id == new.id:
        return []
    old_at = {clause.id: i for i, clause in reversed(list(enumerate(old_clauses)))}
    new_at = {clause.id: i for i, clause in reversed(list(enumerate(new_clauses)))}
    pairs: set[tuple[int, int]] = set()
    for n, clause in enumerate(new_clauses):
        for ref in clause.counterparts:
            draft_id, _, clause_id = ref.rpartition("::")
            if draft_id == old.id and clause_id in old_at:
                pairs.add((old_at[clause_id], n))
    for o, clause in enumerate(old_clauses):
        for ref in clause.counterparts:
            draft_id, _, clause_id = ref.rpartition("::")
            if draft_id == new.id and clause_id in new_at:
                pairs.add((o, new_at[clause_id]))
    return sorted(pairs)


def _issues(clauses: Sequence[Clause]) -> dict[int, tuple[str, ...]]:
    """The issue keys of the provisions that name any, by index."""
    return {i: clause.issues for i, clause in enumerate(clauses) if clause.issues}


def diff_clauses(
    old_clause: Clause,
    new_clause: Clause,
    old_draft: Draft,
    new_draft: Draft,
    options: DiffOptions | None = None,
) -> DraftDiff:
    """Compare one clause of each draft (``A.clause::art-5 B.clause::art-v``), with the
    provisions nested in them; the two clauses are one row whatever their ids."""
    options = options or DiffOptions()
    old_clauses = _subtree(old_clause)
    new_clauses = _subtree(new_clause)
    parents = (_parents(old_clauses), _parents(new_clauses))
    alignment = align(
        [c.id for c in old_clauses],
        _MatchTexts(old_clauses),
        [c.id for c in new_clauses],
        _MatchTexts(new_clauses),
        forced=[(0, 0)],
        old_parents=parents[0],
        new_parents=parents[1],
    )
    context = DiffContext.of(old_draft, new_draft, options)
    cites = (cited_numbers(old_draft.top_clauses()), cited_numbers(new_draft.top_clauses()))
    numbered = same_instrument(old_draft, new_draft)
    changes = _rows(alignment, old_clauses, new_clauses, context, cites, parents, numbered)
    return DraftDiff(old_draft, new_draft, changes, (), context.prose, alignment.notes + tuple(context.notes))


def _parents(clauses: tuple[Clause, ...]) -> list[int]:
    """The index of each provision's parent in a ``walk()`` order list (-1 at the top).

    In walk order a clause's children follow it, each after the whole subtree of the one
    before, so counting subtree sizes recovers the tree without comparing clauses."""
    parents = [-1] * len(clauses)

    def visit(index: int) -> int:
        """Assign parents inside the subtree at ``index``; return the index after it."""
        following = index + 1
        for _ in clauses[index].clauses:
            parents[following] = index
            following = visit(following)
        return following

    index = 0
    while index < len(clauses):
        index = visit(index)
    return parents


def _subtree(clause: Clause) -> tuple[Clause, ...]:
    out = [clause]
    for child in clause.clauses:
        out.extend(_subtree(child))
    return tuple(out)


def _removed_after(alignment: Alignment) -> dict[int, list[int]]:
    """Old index -> the removed old clauses that follow it (anchor -1: before everything)."""
    in_place_old = sorted(pair.old for pair in alignment.pairs if not pair.moved)
    removed_after: dict[int, list[int]] = {}
    for o in alignment.removed:
        k = bisect_left(in_place_old, o)
        anchor = in_place_old[k - 1] if k > 0 else -1
        removed_after.setdefault(anchor, []).append(o)
    return removed_after


def _rows(
    alignment: Alignment,
    old_clauses: tuple[Clause, ...],
    new_clauses: tuple[Clause, ...],
    context: DiffContext,
    cites: tuple[dict[str, str], dict[str, str]],
    parents: tuple[list[int], list[int]],
    numbered: bool = True,
    findings: bool = True,
) -> tuple[ClauseChange, ...]:
    """One row per aligned pair in the new draft's order; a removed clause stands after
    the nearest clause before it that stayed in place (or first)."""
    old_cites, new_cites = cites
    partner_of_new = {pair.new: pair for pair in alignment.pairs}
    removed_after = _removed_after(alignment)
    # A clause inside a point whose text is missing on the other side is not known to be
    # gone (or new): the placeholder may hold it; nor is one inside a point the other side
    # knows only in part (an excerpt): its full text may hold it. Such rows are unknown.
    old_parents, new_parents = parents
    blind_old, blind_new = _blind_points(alignment, old_clauses, new_clauses)

    def under_placeholder(index: int, parents: list[int], blind: dict[int, str]) -> tuple[int, str] | None:
        index = parents[index]
        while index >= 0:
            if index in blind:
                return index, blind[index]
            index = parents[index]
        return None

    def hiding(found: tuple[int, str] | None, clauses: tuple[Clause, ...], cites: dict[str, str]) -> str | None:
        if found is None:
            return None
        point = clauses[found[0]].id
        return _why_not_known(cites.get(point, point), found[1])

    def removed(o: int) -> ClauseChange:
        clause = old_clauses[o]
        hidden = hiding(under_placeholder(o, old_parents, blind_old), old_clauses, old_cites)
        return _alone(clause, None, old_cites.get(clause.id), None, hidden)

    rows: list[ClauseChange] = [removed(o) for o in removed_after.get(-1, ())]
    for n, clause in enumerate(new_clauses):
        pair = partner_of_new.get(n)
        if pair is None:
            hidden = hiding(under_placeholder(n, new_parents, blind_new), new_clauses, new_cites)
            rows.append(_alone(None, clause, None, new_cites.get(clause.id), hidden))
            continue
        old = old_clauses[pair.old]
        row = ClauseChange(
            old, clause, (), pair.match, pair.similarity, (), (), old_cites.get(old.id), new_cites.get(clause.id)
        )
        own_texts = (clause_text(old), clause_text(clause))
        rows.append(_paired(row, own_texts, pair.moved, context, numbered, findings))
        if not pair.moved:
            rows.extend(removed(o) for o in removed_after.get(pair.old, ()))
    return tuple(rows)


def _blind_points(
    alignment: Alignment, old_clauses: tuple[Clause, ...], new_clauses: tuple[Clause, ...]
) -> tuple[dict[int, str], dict[int, str]]:
    """The paired points under which a clause on one side only is not known to be gone or
    new, with why: ``missing`` (either side's text is not known: both sides are blind) or
    ``excerpt`` (one side's text is known in part: blind for the other side's sub-points)."""
    blind_old: dict[int, str] = {}
    blind_new: dict[int, str] = {}
    for p in alignment.pairs:
        old, new = old_clauses[p.old], new_clauses[p.new]
        if old.is_placeholder or new.is_placeholder:
            blind_old[p.old] = blind_new[p.new] = "missing"
            continue
        if new.is_excerpt:
            blind_old[p.old] = "new excerpt"
        if old.is_excerpt:
            blind_new[p.new] = "old excerpt"
    return blind_old, blind_new


def _why_not_known(point: str, reason: str) -> str:
    """Why a clause inside ``point`` is not known to be kept, in a reader's words."""
    if reason == "missing":
        return f"the text of {point} is missing on one side"
    side = reason.split()[0]
    return f"the {side} draft's text of {point} is an excerpt: it may be in the full text"


def _alone(
    old: Clause | None,
    new: Clause | None,
    old_cited: str | None,
    new_cited: str | None,
    inside_unknown: str | None = None,
) -> ClauseChange:
    """A clause on one side only: added, removed, or unknown for a placeholder (a point
    is known to exist but not its text, so it is not reported as added or removed) or for
    a clause inside a point whose other text is missing or an excerpt (``inside_unknown``
    says which point and why)."""
    row = ClauseChange(old, new, (), None, 0.0, (), (), old_cited, new_cited)
    label = row.label
    side, other = ("old", "new") if old is not None else ("new", "old")
    if (old or new).is_placeholder:  # type: ignore[union-attr]
        detail = f"{label}: text not known in the {side} draft (exactness: missing), no counterpart in the other"
        finding = Finding("clause.unknown", row.old_label, row.new_label, None, detail)
        kind = "unknown"
    elif inside_unknown is not None:
        detail = f"{label}: not known whether the {other} draft keeps it ({inside_unknown})"
        finding = Finding("clause.unknown", row.old_label, row.new_label, None, detail)
        kind = "unknown"
    elif old is not None:
        finding = Finding("clause.removed", label, None, "removed", f"{label} removed")
        kind = "removed"
    else:
        finding = Finding("clause.added", None, label, "added", f"{label} added")
        kind = "added"
    return replace(row, kinds=(kind,), findings=(finding,))


def _clause_redline(
    old: Clause,
    new: Clause,
    old_text: str,
    new_text: str,
    hidden: frozenset[str],
    context: DiffContext,
    notes: list[str],
) -> tuple[WordOp, ...]:
    """The redline of a pair's own texts; with guarantee fields on either side, field by field
    and then the prose, so that no run crosses from one field into another. What the word
    redline's budget left unsearched is said in ``notes``."""
    if old.guarantee is None and new.guarantee is None:
        return redline(old_text, new_text, context.options, notes)
    return segmented_redline(clause_segments(old, hidden), clause_segments(new, hidden), context.options, notes)


def _pair_redline(
    row: ClauseChange, texts: tuple[str, str], hidden: frozenset[str], context: DiffContext
) -> tuple[WordOp, ...]:
    """The redline of a pair's texts, empty when they differ only in what the options ignore;
    what the redline's budget left unsearched goes to the diff's notes under the row's label."""
    old_text, new_text = texts
    if old_text == new_text:
        return ()
    assert row.old is not None and row.new is not None
    budget_notes: list[str] = []
    word_ops = _clause_redline(row.old, row.new, old_text, new_text, hidden, context, budget_notes)
    context.notes.extend(f"{row.label}: {note}" for note in budget_notes)
    return () if all(op.op == "equal" for op in word_ops) else word_ops


def _paired(
    row: ClauseChange,
    own_texts: tuple[str, str],
    moved: bool,
    context: DiffContext,
    numbered: bool = True,
    meanings: bool = True,
) -> ClauseChange:
    old, new = row.old, row.new
    assert old is not None and new is not None
    kinds: list[str] = []  # in the order of CHANGE_KINDS (unknown, the last, is put last below)
    findings: list[Finding] = []
    old_text, new_text = own_texts
    hidden = hidden_fields(old, new)
    if hidden:
        old_text, new_text = clause_text(old, leave_out=hidden), clause_text(new, leave_out=hidden)
    similarity = row.similarity
    if similarity < 0:  # matched by id: score it now
        similarity = 1.0 if old_text == new_text else ratio(similarity_tokens(old_text), similarity_tokens(new_text))
    placeholder = old.is_placeholder or new.is_placeholder
    word_ops = () if placeholder else _pair_redline(row, (old_text, new_text), hidden, context)
    if placeholder:
        # A missing text is never reported as removed, unchanged or modified.
        side = " and ".join(name for name, clause in (("old", old), ("new", new)) if clause.is_placeholder)
        detail = f"{row.label}: text not known in the {side} draft (exactness: missing)"
        findings.append(Finding("clause.unknown", None, None, None, detail))
    elif word_ops:
        # Modified means the redline shows a change: the same test as the words shown.
        kinds.append("modified")
        likeness = f"{similarity:.0%} similar" if similarity >= 0.005 else "no words in common"
        detail = f"{row.label} modified ({likeness})"
        findings.append(Finding("clause.modified", None, None, "changed", detail))
        if meanings:
            findings.extend(clause_findings(old, new, context.old_draft, context.new_draft, context=context))
        # Compared as codes (stable whatever a draft calls a party), shown as names.
        word_ops = named_ops(word_ops, old, new, context.old.names, context.new.names, hidden)
    if moved:
        kinds.append("moved")
        old_label, label = row.old_label, row.label
        findings.append(Finding("clause.moved", old_label, label, None, f"{old_label} moved (now {label})"))
    if numbered and (row.old_cited or "") != (row.new_cited or ""):
        kinds.append("renumbered")
        before, after = row.old_cited or "(unnumbered)", row.new_cited or "(unnumbered)"
        detail = f"{old.kind.capitalize()} {before} renumbered as {after}"
        findings.append(Finding("clause.renumbered", row.old_cited, row.new_cited, None, detail))
    if (old.title or "") != (new.title or ""):
        kinds.append("retitled")
        detail = f"{row.label} retitled: {_quoted(old.title)} -> {_quoted(new.title)}"
        findings.append(Finding("clause.retitled", old.title, new.title, None, detail))
    if placeholder:
        kinds.append("unknown")
    ordered = tuple(kinds) if kinds else ("unchanged",)
    return ClauseChange(
        old, new, ordered, row.match, round(similarity, 4), word_ops, tuple(findings), row.old_cited, row.new_cited
    )


# ``clausekit.diff(...)`` calls diff() (see clausekit/callable_modules.py).
_make_callable(__name__, "diff")
