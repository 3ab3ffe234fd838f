"""What a change does to a guarantee's profile: ``profile.<dimension>.weakened|strengthened|changed``.

The old and the new guarantee are each read into a profile (``clausekit.analysis.profile``) and
compared by the strength scale (``compare_profiles``, docs/profile.md): a dimension that is weaker
in the new text is ``weakened``, stronger ``strengthened``, otherwise different ``changed``. A
dimension the source does not give, or one side leaves unsaid, gives nothing. The texts of
duration, conditions and void-if are the guarantee field findings' (``guarantee.<field>.changed``).
"""

from __future__ import annotations

from clausekit.analysis.profile import read_profile
from clausekit.analysis.profile_compare import CORE, DimensionComparison, compare_profiles
from clausekit.diff.model import Finding
from clausekit.model import Clause, Draft

PROFILE_DIRECTIONS = {"weaker": "weakened", "stronger": "strengthened", "different": "changed"}

PROFILE_KINDS: tuple[str, ...] = tuple(
    f"profile.{name}.{direction}" for name in CORE for direction in PROFILE_DIRECTIONS.values()
)
"""Every profile finding kind (``--fail-on profile.*.weakened`` names those that weaken)."""

PROFILE_KIND_MIRROR = {
    f"profile.{name}.{a}": f"profile.{name}.{b}"
    for name in CORE
    for a, b in (("weakened", "strengthened"), ("strengthened", "weakened"))
}


def _evidence(row_side) -> str:
    return f" (“{row_side.evidence[0].text}”)" if row_side.evidence else ""


def _finding(row: DimensionComparison) -> Finding:
    direction = PROFILE_DIRECTIONS[row.verdict]
    before, after = row.against.shown(), row.profile.shown()
    detail = f"{row.name}: {before}{_evidence(row.against)} -> {after}{_evidence(row.profile)}"
    return Finding(f"profile.{row.name}.{direction}", before, after, direction, detail)


def profile_rows(old: Clause, new: Clause, old_draft: Draft, new_draft: Draft) -> list[DimensionComparison]:
    """The dimensions a change to a guarantee changes (nothing unless one side is a guarantee):
    ``profile`` the new side, ``against`` the old."""
    if (old.guarantee is None and new.guarantee is None) or old == new:
        return []  # an unchanged clause (equal models) reads the same: no need to read it twice
    comparison = compare_profiles(read_profile(new_draft, new), read_profile(old_draft, old))
    return [row for row in comparison.dimensions if row.name in CORE and row.verdict in PROFILE_DIRECTIONS]


def findings_of(rows: list[DimensionComparison]) -> list[Finding]:
    """The findings of the dimensions a change changes (``profile_rows``)."""
    return [_finding(row) for row in rows]
