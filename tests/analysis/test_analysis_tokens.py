"""The analysis tokeniser against the plain one it replaced (a match at a time, each token
lower-cased alone): the same tokens, kinds, offsets and lowercase forms on the shipped
drafts and on generated text, including the characters whose lowercase is not one
character of their own (capital sigma, dotted capital I)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.analysis.reader import Token, _clause_bounds, _kind, tokens
from clausekit.language.syntax import READER_TOKEN
from conftest import ROOT

DRAFTS = sorted((ROOT / "drafts").glob("*.clause"))


def reference_tokens(text: str) -> list[Token]:
    return [
        Token(_kind(m.lastgroup, g), g, m.start(), m.end(), g.lower().replace("’", "'"))
        for m in READER_TOKEN.finditer(text)
        for g in (m.group(),)
    ]


def reference_clause_bounds(texts: list[str]) -> tuple[list[int], list[int]]:
    ends_of_clauses = frozenset(".;!?[]|")
    n = len(texts)
    starts, ends = [0] * n, [0] * n
    current = 0
    for i, t in enumerate(texts):
        if t in ends_of_clauses:
            starts[i], current = i, i + 1
        else:
            starts[i] = current
    current = n - 1
    for i in range(n - 1, -1, -1):
        if texts[i] in ends_of_clauses:
            ends[i], current = i, i - 1
        else:
            ends[i] = current
    return starts, ends


def same_tokens(text: str) -> None:
    found = tokens(text)
    assert found == reference_tokens(text)
    assert all(type(t) is Token for t in found)
    texts = [t.text for t in found]
    assert _clause_bounds(texts) == reference_clause_bounds(texts)


def test_the_shipped_drafts_tokenise_as_before():
    assert DRAFTS
    for path in DRAFTS:
        source = path.read_text(encoding="utf-8")
        same_tokens(source)
        for line in source.splitlines():
            same_tokens(line)


PIECES = [
    "Shall",
    "NOT",
    "won’t",
    "Won't",
    "1.5",
    "5.1.2",
    "1.5.2025",
    "600,000",
    "$100",
    "50:50",
    "10%",
    "May",
    "21st",
    "ΣΑΣ",
    "Σ",
    "İstanbul",
    "ß",
    "ﬁ",
    "Ⅻ",
    "²",
    "٣",
    ".",
    ",",
    ";",
    "|",
    "[",
    "]",
    "-",
    "’",
    "'",
    " ",
    "\n",
    "\u00a0",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40))
def test_generated_text_tokenises_as_before(pieces):
    same_tokens("".join(pieces))
