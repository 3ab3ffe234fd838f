"""Suggested correspondences: pairs of clauses that no id or ``corresponds:`` states, but that
their words and guarantee fields make likely (``clausekit compare --suggest``).

A suggestion is never applied: the matrix stays as the drafts state it, and a drafter who
agrees writes the ``corresponds:`` line the suggestion gives. Only clauses the alignment left
alone are considered: a clause of a draft that the base lacks (an ``added`` cell) against the
base's clauses that this draft has no counterpart for (``gap`` cells).

The score is the diff's word similarity of the two clauses' own texts (difflib's ratio over
the compared words, ``clausekit.diff.align``), plus what the structure adds, each stated as
evidence: ``ISSUE_WEIGHT`` for each issue both name, ``GUARANTEE_WEIGHT`` when both are
guarantees, ``GUARANTOR_WEIGHT`` when they name a guarantor in common; capped at 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.compare import Comparison, Row
from clausekit.diff import clause_text
from clausekit.diff.align import ratio, words
from clausekit.model import Clause

ISSUE_WEIGHT = 0.25
"""What each issue key both clauses name adds to the score."""

GUARANTEE_WEIGHT = 0.15
"""What it adds that both clauses are guarantees."""

GUARANTOR_WEIGHT = 0.1
"""What it adds that both guarantees name a guarantor in common."""

MIN_SCORE = 0.3
"""Below this a pair is not suggested: most unrelated clauses of two drafts score 0.1-0.25."""

MAX_PAIRS = 40_000
"""Pairs scored per draft at most; beyond it the comparison says so (never a silent cut)."""

SHOWN_WORDS = 5
"""How many of the shared words, rarest first, the evidence names."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A likely pair: ``clause`` of the draft in column ``column`` answers the base's ``base_clause``."""

    column: int
    clause: Clause
    base_clause: Clause
    base_draft_id: str
    score: float
    evidence: tuple[str, ...]

    @property
    def field_line(self) -> str:
        """What the drafter writes in the clause to accept it."""
        return f"corresponds: {self.base_draft_id}::{self.base_clause.id}"


def with_suggestions(comparison: Comparison) -> Comparison:
    """The comparison carrying its suggestions (its rows unchanged: nothing is applied)."""
    found, notes = suggest(comparison)
    return replace(comparison, suggestions=found, notes=comparison.notes + notes)


def suggest(comparison: Comparison) -> tuple[tuple[Suggestion, ...], tuple[str, ...]]:
    """The best suggestion for each clause the base lacks (best first), and notes on any budget reached."""
    base_draft = comparison.columns[comparison.base].draft
    out: list[Suggestion] = []
    notes: list[str] = []
    for column in comparison.columns:
        if column.index == comparison.base:
            continue
        added = [row for row in comparison.rows if row.cells[column.index].status == "added"]
        gaps = [row for row in comparison.rows if row.cells[column.index].status == "gap" and row.in_base]
        if len(added) * len(gaps) > MAX_PAIRS:
            notes.append(f"{column.heading}: suggestions: {len(added) * len(gaps)} pairs, over MAX_PAIRS; none scored")
            continue
        out.extend(_best_pairs(column.index, added, gaps, comparison.base, base_draft.id))
    return tuple(sorted(out, key=lambda s: (-s.score, s.column, s.clause.id))), tuple(notes)


def _best_pairs(col: int, added: Sequence[Row], gaps: Sequence[Row], base: int, base_id: str) -> list[Suggestion]:
    """For each added clause, the gap clause of the base it most likely answers (each base clause once)."""
    new = [row.cells[col].clause for row in added]
    old = [row.cells[base].clause for row in gaps]
    texts = {id(c): words(clause_text(c)) for c in (*new, *old) if c is not None}
    frequency = Counter(word for tokens in texts.values() for word in set(tokens))
    scored: list[Suggestion] = []
    for clause in new:
        for base_clause in old:
            if clause is None or base_clause is None or clause.is_placeholder or base_clause.is_placeholder:
                continue
            found = _score(clause, base_clause, texts, frequency)
            if found is not None:
                score, evidence = found
                scored.append(Suggestion(col, clause, base_clause, base_id, score, evidence))
    # Best pairs first, each clause of either side in one suggestion at most.
    taken: set[int] = set()
    best: list[Suggestion] = []
    for suggestion in sorted(scored, key=lambda s: (-s.score, s.clause.id, s.base_clause.id)):
        if id(suggestion.clause) in taken or id(suggestion.base_clause) in taken:
            continue
        taken.update((id(suggestion.clause), id(suggestion.base_clause)))
        best.append(suggestion)
    return best


def _score(
    clause: Clause, base_clause: Clause, texts: dict[int, list[str]], frequency: Counter[str]
) -> tuple[float, tuple[str, ...]] | None:
    a, b = texts[id(clause)], texts[id(base_clause)]
    similarity = ratio(a, b) if a and b else 0.0
    evidence = [f"words {similarity:.0%} alike"]
    shared = sorted(set(a) & set(b), key=lambda word: (frequency[word], word))
    rare = [word for word in shared if frequency[word] <= 2 and len(word) > 2][:SHOWN_WORDS]
    if rare:
        evidence.append("both say " + ", ".join(f"'{word}'" for word in rare))
    score = similarity
    for issue in sorted(set(clause.issues) & set(base_clause.issues)):
        score += ISSUE_WEIGHT
        evidence.append(f"both concern {issue}")
    ours, theirs = clause.guarantee, base_clause.guarantee
    if ours is not None and theirs is not None:
        score += GUARANTEE_WEIGHT
        evidence.append("both are guarantees")
        common = sorted(set(ours.guarantors) & set(theirs.guarantors))
        if common:
            score += GUARANTOR_WEIGHT
            evidence.append("guarantor in common: " + ", ".join(common))
    score = min(1.0, score)
    return (round(score, 4), tuple(evidence)) if score >= MIN_SCORE else None
