"""Suggested correspondences: pairs of clauses that no id or ``corresponds:`` states, but that
their words and guarantee fields make likely (``clausekit compare --suggest``).

A suggestion is never applied: the matrix stays as the drafts state it, and a drafter who
agrees writes the ``corresponds:`` line the suggestion gives. Only clauses the alignment left
alone are considered: a clause of a draft that the base lacks (an ``added`` cell) against the
base's clauses that this draft has no counterpart for (``gap`` cells).

The score is the diff's word similarity of the two clauses' own texts (difflib's ratio over
the compared words, ``clausekit.diff.align``), plus what the structure adds, each stated as
evidence: ``ISSUE_WEIGHT`` for each issue both name, ``GUARANTEE_WEIGHT`` when both are
guarantees, ``GUARANTOR_WEIGHT`` when they name a guarantor in common, and up to
``PROFILE_WEIGHT`` for the dimensions their guarantee profiles read the same
(``clausekit.analysis.profile``: obligation, trigger, means, ...) when both read as commitments;
capped at 1. Two treaties' defence articles share few words but many dimensions: the profiles
are what tells NATO's Article 5 from the Article 6 that only defines its area.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.analysis.profile import read_profile
from clausekit.analysis.profile_compare import CORE, compare_profiles
from clausekit.analysis.profile_model import Profile
from clausekit.analysis.vocabulary import FUNCTION_WORDS
from clausekit.compare import Comparison, Row
from clausekit.diff import clause_text
from clausekit.diff.align import ratio, words
from clausekit.model import Clause, Draft

ISSUE_WEIGHT = 0.25
"""What each issue key both clauses name adds to the score."""

GUARANTEE_WEIGHT = 0.15
"""What it adds that both clauses are guarantees."""

GUARANTOR_WEIGHT = 0.1
"""What it adds that both guarantees name a guarantor in common."""

PROFILE_WEIGHT = 0.3
"""What the two profiles add at most: this times the share of the core dimensions they read the
same (where the base's clause states its value), when both state an obligation."""

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
        sides = (column.draft, base_draft)
        out.extend(_best_pairs(column.index, added, gaps, comparison.base, sides))
    return tuple(sorted(out, key=lambda s: (-s.score, s.column, s.clause.id))), tuple(notes)


def _best_pairs(
    col: int, added: Sequence[Row], gaps: Sequence[Row], base: int, drafts: tuple[Draft, Draft]
) -> list[Suggestion]:
    """For each added clause, the gap clause of the base it most likely answers (each base clause once)."""
    new = [c for row in added if (c := row.cells[col].clause) is not None and not c.is_placeholder]
    old = [c for row in gaps if (c := row.cells[base].clause) is not None and not c.is_placeholder]
    texts = {id(c): words(clause_text(c)) for c in (*new, *old)}
    frequency = Counter(word for tokens in texts.values() for word in set(tokens))
    profiles = _commitments(new, drafts[0]) | _commitments(old, drafts[1]) if new and old else {}
    scored: list[Suggestion] = []
    for clause in new:
        for base_clause in old:
            found = _score(clause, base_clause, texts, frequency, profiles)
            if found is not None:
                score, evidence = found
                scored.append(Suggestion(col, clause, base_clause, drafts[1].id, score, evidence))
    # Best pairs first, each clause of either side in one suggestion at most.
    taken: set[int] = set()
    best: list[Suggestion] = []
    for suggestion in sorted(scored, key=lambda s: (-s.score, s.clause.id, s.base_clause.id)):
        if id(suggestion.clause) in taken or id(suggestion.base_clause) in taken:
            continue
        taken.update((id(suggestion.clause), id(suggestion.base_clause)))
        best.append(suggestion)
    return best


def _commitments(clauses: Sequence[Clause], draft: Draft) -> dict[int, Profile]:
    """The profiles of the clauses that read as commitments (an obligation stated), by clause."""
    out: dict[int, Profile] = {}
    for clause in clauses:
        profile = read_profile(draft, clause)
        if profile["obligation"].values:
            out[id(clause)] = profile
    return out


def _profile_evidence(ours: Profile | None, theirs: Profile | None) -> tuple[float, str | None]:
    """What the two profiles add to the score, and the evidence that says why."""
    if ours is None or theirs is None:
        return 0.0, None
    same = compare_profiles(ours, theirs)
    agreeing = [d.name for d in same.named("same") if d.against.source not in ("not-stated", "not-known")]
    if not agreeing:
        return 0.0, None
    said = f"profiles read the same on {len(agreeing)} of {len(CORE)} dimensions: {', '.join(agreeing)}"
    return PROFILE_WEIGHT * len(agreeing) / len(CORE), said


def _score(
    clause: Clause,
    base_clause: Clause,
    texts: dict[int, list[str]],
    frequency: Counter[str],
    profiles: dict[int, Profile],
) -> tuple[float, tuple[str, ...]] | None:
    a, b = texts[id(clause)], texts[id(base_clause)]
    similarity = ratio(a, b) if a and b else 0.0
    evidence = [f"words {similarity:.0%} alike"]
    shared = sorted(set(a) & set(b), key=lambda word: (frequency[word], word))
    rare = [w for w in shared if frequency[w] <= 2 and len(w) > 2 and w not in FUNCTION_WORDS][:SHOWN_WORDS]
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
    added, said = _profile_evidence(profiles.get(id(clause)), profiles.get(id(base_clause)))
    if said:
        score += added
        evidence.append(said)
    score = min(1.0, score)
    return (round(score, 4), tuple(evidence)) if score >= MIN_SCORE else None
