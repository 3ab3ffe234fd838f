"""The profile reader on real clauses that are not in the repository's corpus (held out).

The texts (tests/fixtures/profiles/heldout/) are from memory and UNVERIFIED (each file says so);
their expected reading (expected.json) was written before the reader was run on them. Where the
reader differs, ``MISSES`` holds its value; docs/profile.md says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import clausekit
from clausekit.analysis.profile import read_profile

HELDOUT = Path(__file__).parents[1] / "fixtures" / "profiles" / "heldout"
EXPECTED = {k: v for k, v in json.loads((HELDOUT / "expected.json").read_text(encoding="utf-8")).items() if k[0] != "_"}

# The misses the first run found (SEATO and TEU scope; Budapest obligation, discretion and means)
# were fixed afterwards as classes (docs/profile.md), so the 50 of 50 below is no longer a held-out
# figure: the first run's 45 of 50 is.
MISSES: dict[tuple[str, str], list[str] | str] = {}

CASES = [(key, name) for key, row in EXPECTED.items() for name in row]


def _profile(key: str):
    file, clause_id = key.split("::")
    draft = clausekit.load(HELDOUT / file)
    return read_profile(draft, draft.clause(clause_id))


def _agrees(values: tuple[str, ...], expected: list[str] | str) -> bool:
    if isinstance(expected, str):
        return " ".join(values[0].casefold().split()).removesuffix(" to") == expected.casefold().removesuffix(" to")
    return set(values) == set(expected)


@pytest.mark.parametrize(("key", "name"), CASES, ids=[f"{k}-{n}" for k, n in CASES])
def test_each_heldout_dimension(key: str, name: str) -> None:
    got = _profile(key)[name].values
    assert _agrees(got, MISSES.get((key, name), EXPECTED[key][name])), got


def test_heldout_agreement() -> None:
    agreed = sum(_agrees(_profile(key)[name].values, EXPECTED[key][name]) for key, name in CASES)
    assert (agreed, len(CASES)) == (50, 50)
