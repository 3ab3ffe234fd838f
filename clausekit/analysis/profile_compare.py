"""Two guarantee profiles side by side: dimension by dimension, how one stands against the other.

Each dimension is ``same``, ``weaker``, ``stronger``, ``different``, ``not stated`` or ``not known``
(a value the source does not give, on either side: never ranked). Which value
is stronger is the ``StrengthScale`` (``profile_vocabulary.DEFAULT_STRENGTH``, documented in
docs/profile.md and replaceable); a dimension the scale does not rank is same or different only.
``verdict`` writes the paragraph a negotiator can paste into a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clausekit.analysis.profile_model import DIMENSIONS, Dimension, Profile
from clausekit.analysis.profile_vocabulary import DEFAULT_STRENGTH, StrengthScale
from clausekit.analysis.vocabulary import NUMBER_WORDS

__all__ = ["VERDICTS", "DimensionComparison", "ProfileComparison", "compare_profiles", "verdict"]

VERDICTS = ("same", "weaker", "stronger", "different", "not stated", "not known")

# Dimensions whose absence is no value of its own: one side silent is "not stated", not weaker.
_ABSENCE_IS_SILENCE = frozenset({"scope", "modality", "trigger", "reciprocity", "duration", "conditions", "void-if"})
_SILENT = ("not-stated", "not-known")
# The dimensions a verdict weighs (the texts of duration, conditions and void-if are shown, not counted).
CORE = DIMENSIONS[:10]


@dataclass(frozen=True, slots=True)
class DimensionComparison:
    """One dimension of ``profile`` against the same dimension of ``against``."""

    name: str
    verdict: str
    profile: Dimension
    against: Dimension


@dataclass(frozen=True, slots=True)
class ProfileComparison:
    profile: Profile
    against: Profile
    dimensions: tuple[DimensionComparison, ...]

    def named(self, verdict: str) -> tuple[DimensionComparison, ...]:
        return tuple(d for d in self.dimensions if d.verdict == verdict and d.name in CORE)

    @property
    def agreeing(self) -> int:
        """Dimensions the same where the clause compared against states its value (two silences,
        as in a text cut short, are no agreement)."""
        return sum(1 for d in self.named("same") if d.against.source not in _SILENT)

    @property
    def closeness(self) -> tuple[int, int]:
        """How close the two are: dimensions agreeing, then fewer weaker (for ordering)."""
        return self.agreeing, -len(self.named("weaker"))


def _norm(values: Sequence[str]) -> frozenset[str]:
    return frozenset(" ".join(v.casefold().replace("’", "'").split()) for v in values)


def _compare(name: str, mine: Dimension, theirs: Dimension, scale: StrengthScale) -> str:
    if "not-known" in (mine.source, theirs.source):
        return "not known"
    silent = (mine.source in _SILENT, theirs.source in _SILENT)
    if name in _ABSENCE_IS_SILENCE and silent[0] != silent[1]:
        return "not stated"
    if all(silent) or _norm(mine.values) == _norm(theirs.values):
        return "same"
    if name == "modality":
        return _ranked((mine.level or "",), (theirs.level or "",), scale.ranking(name), same_rank_is_same=True)
    if name == "timing":
        return _timing(mine.values, theirs.values, scale)
    return _ranked(mine.values, theirs.values, scale.ranking(name), weakest=name in scale.weakest_decides)


def _ranked(
    mine: Sequence[str],
    theirs: Sequence[str],
    ranking: Sequence[str] | None,
    same_rank_is_same: bool = False,
    weakest: bool = False,
) -> str:
    """Compare the strongest value of each side (the weakest, where ``weakest``); a tie between
    different values is ``different``."""
    if ranking is None or not mine or not theirs or any(v not in ranking for v in (*mine, *theirs)):
        return "different"
    pick = max if weakest else min
    best_mine = pick(ranking.index(v) for v in mine)
    best_theirs = pick(ranking.index(v) for v in theirs)
    if best_mine == best_theirs:
        return "same" if same_rank_is_same or set(mine) == set(theirs) else "different"
    return "stronger" if best_mine < best_theirs else "weaker"


def _period(value: str, scale: StrengthScale) -> tuple[str, float] | None:
    """The measure and length of a timing "within 24 hours" (None: no period, or one that does not
    compare: "within a reasonable time")."""
    words = value.split()
    if len(words) != 3 or words[0] != "within":
        return None
    amount = float(words[1]) if words[1].isdigit() else NUMBER_WORDS.get(words[1])
    unit = words[2].removesuffix("s")
    for name, measure, size in scale.periods:
        if name == unit and amount is not None:
            return measure, amount * size
    return None


def _timing(mine: Sequence[str], theirs: Sequence[str], scale: StrengthScale) -> str:
    """The timing by the scale, a "within <period>" ranked as ``within``; where ``within`` is the
    strongest value of both sides, their shortest periods decide if their units compare (the shorter
    is stronger). The values differ (``_compare`` said ``same`` for equal ones)."""
    ranking = scale.ranking("timing")
    if ranking is None or "within" not in ranking:
        return _ranked(mine, theirs, ranking)
    based = [["within" if v.startswith("within ") else v for v in side] for side in (mine, theirs)]
    verdict = _ranked(based[0], based[1], ranking)
    if verdict in ("stronger", "weaker") or any(v not in ranking for v in (*based[0], *based[1])):
        return verdict
    if min(ranking.index(v) for v in based[0]) != ranking.index("within"):
        return "different"  # a stronger value than "within" decides, and the values differ
    periods = [[_period(v, scale) for v in side if v.startswith("within ")] for side in (mine, theirs)]
    known = [[p for p in side if p is not None] for side in periods]
    if not all(known) or len({p[0] for side in known for p in side}) != 1:
        return "different"  # no period, or units that do not compare (days against months)
    shortest = [min(p[1] for p in side) for side in known]
    if shortest[0] == shortest[1]:
        return "different"
    return "stronger" if shortest[0] < shortest[1] else "weaker"


def compare_profiles(profile: Profile, against: Profile, scale: StrengthScale | None = None) -> ProfileComparison:
    """How ``profile`` stands against ``against``, dimension by dimension (``weaker``: ``profile``
    promises less on that dimension, by the scale)."""
    chosen = scale or DEFAULT_STRENGTH
    rows = tuple(
        DimensionComparison(name, _compare(name, profile[name], against[name], chosen), profile[name], against[name])
        for name in DIMENSIONS
    )
    return ProfileComparison(profile, against, rows)


# --- the verdict ------------------------------------------------------------------------------


def _said(row: DimensionComparison) -> str:
    return f"{row.name} {row.profile.shown()} against {row.against.shown()}"


def _clause(word: str, rows: Sequence[DimensionComparison]) -> str:
    return f"{word} on {len(rows)} ({'; '.join(_said(r) for r in rows)})" if rows else ""


def verdict(comparisons: Sequence[ProfileComparison]) -> str:
    """One paragraph on the first comparison (the clause mirrored), and which of all the
    comparisons the guarantee stands closest to."""
    if not comparisons:
        return ""
    main = comparisons[0]
    total = len(CORE)
    closest = max(comparisons, key=lambda c: c.closeness)
    label, model = main.profile.label, main.against.label
    if closest is not main and closest.agreeing > main.agreeing:
        opening = (
            f"{label} is closer to {closest.against.label} ({closest.agreeing} of {total} dimensions the same)"
            f" than to {model} ({main.agreeing} of {total})."
        )
    else:
        opening = f"{label} stands against {model} the same on {main.agreeing} of {total} dimensions"
        rest = [c for c in comparisons[1:] if c.against.label != model]
        if rest:
            nearest = max(rest, key=lambda c: c.closeness)
            opening += (
                f", no fewer than against any other clause weighed (the nearest of them: {nearest.against.label},"
                f" {nearest.agreeing} of {total})"
            )
        opening += "."
    parts = [
        _clause("weaker", main.named("weaker")),
        _clause("stronger", main.named("stronger")),
        _clause("different", main.named("different")),
    ]
    for word in ("not stated", "not known"):
        silent = main.named(word)
        if silent:
            parts.append(f"{word} on one side: {', '.join(r.name for r in silent)}")
    body = "; ".join(p for p in parts if p)
    return opening + (f" Against it: {body}." if body else "")
