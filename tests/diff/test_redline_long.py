"""The word redline of long paragraphs stays near-linear (issue 16): anchors on runs of words
found once on each side, difflib only between them; ordinary clauses get the redline they
always had. No timing here: the tests count the work difflib is given."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.diff import anchored, diff
from clausekit.diff.words import rebuild, redline
from clausekit.language.parser import loads

WORDS = ["the", "parties", "shall", "may", "Ukraine", "Russia", "forces", "600,000", "within", "30", "days", ",", "."]
texts = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)


def long_pair(words: int, changed: float, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(3000)
    ]
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = [rng.choice(vocabulary) if rng.random() < changed else word for word in old]
    return " ".join(old), " ".join(new)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_ordinary_clauses_get_the_redline_difflib_gives(old: str, new: str) -> None:
    ops = redline(old, new)
    saved = anchored.SMALL
    anchored.SMALL = 10**18  # the algorithm before: difflib over the whole of both texts
    try:
        assert ops == redline(old, new)
    finally:
        anchored.SMALL = saved
    assert rebuild(ops) == (old, new)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_anchored_matching_is_a_valid_redline_on_any_text(old: str, new: str) -> None:
    saved = anchored.SMALL
    anchored.SMALL = 4  # anchor everything, however short
    try:
        ops = redline(old, new)
    finally:
        anchored.SMALL = saved
    assert rebuild(ops) == (old, new)


@given(st.lists(st.integers(0, 5), max_size=60), st.lists(st.integers(0, 5), max_size=60))
def test_matching_blocks_are_difflibs_below_the_threshold(a: list[int], b: list[int]) -> None:
    expected = [
        block for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if block[2]
    ]
    assert anchored.match(a, b).blocks == [tuple(block) for block in expected]


def test_a_long_paragraph_gives_difflib_only_small_gaps(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = long_pair(40_000, 0.3)  # about 240 KB, 30% of the words changed
    products: list[int] = []
    real = difflib.SequenceMatcher

    def counted(isjunk, a, b, autojunk=True):
        products.append(len(a) * len(b))
        return real(isjunk, a, b, autojunk=autojunk)

    monkeypatch.setattr(anchored.difflib, "SequenceMatcher", counted)
    notes: list[str] = []
    ops = redline(old, new, notes=notes)
    assert rebuild(ops) == (old, new) and notes == []
    tokens = len(old.split()) * 2
    assert max(products) <= anchored.SMALL  # before: one call of 80,000 x 80,000 tokens
    assert sum(products) < 200 * tokens  # the work grows with the text, not with its square
    kept = sum(len(op.text.split()) for op in ops if op.op == "equal")
    assert kept > 0.6 * len(old.split())  # the unchanged 70% is found


def test_what_is_past_the_budget_is_shown_whole_and_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    old = " ".join(rng.choice(["x", "y", "z"]) for _ in range(2000))
    new = " ".join(rng.choice(["x", "y", "w"]) for _ in range(2000))  # no run of words found once
    monkeypatch.setattr(anchored, "BUDGET", 0)
    draft = 'draft d "T" {{\n}}\n\nclause a 1 {{\n  {}\n}}\n'
    result = diff(loads(draft.format(old), "old.clause"), loads(draft.format(new), "new.clause"))
    assert any(
        n.startswith("Clause 1: the word redline shows") and "deleted and inserted whole" in n for n in result.notes
    )
    (change,) = [c for c in result.changes if c.words]
    assert rebuild(change.words) == (old, new)
