"""Quotes in quotes: an amendment that quotes words holding quotation marks reads at the
alternate level (outer “…”, inner ‘…’), and the ``.amend`` format keeps such words exactly."""

from __future__ import annotations

import io

import docx
from hypothesis import given
from hypothesis import strategies as st

from clausekit.amend import amend, apply
from clausekit.diff import diff
from clausekit.language.amend_format import format_amendments
from clausekit.language.amend_parser import loads_amendments
from clausekit.language.amendments import Amendment, AmendmentList, Piece, Target
from clausekit.language.parser import load
from clausekit.language.syntax import inner_quotes
from clausekit.render.amend import render_amendments
from clausekit.render.amend.view import describe
from conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "amend"
OLD, NEW = GOLDEN / "quotes-old.clause", GOLDEN / "quotes-new.clause"
PARTY_UK = "In the parties, insert the party UK “UK ‘the United Kingdom’” (after the party US)."


def test_double_quotes_inside_a_quote_are_single_ones():
    assert inner_quotes('UK "the United Kingdom"') == "UK ‘the United Kingdom’"
    assert inner_quotes('the “Plan” ("the Deal")') == "the ‘Plan’ (‘the Deal’)"
    assert inner_quotes("Ukraine’s forces") == "Ukraine’s forces"  # an apostrophe stays


def test_a_party_line_with_its_name_in_quotes_reads_as_a_drafter_writes_it():
    sentences = [describe(a).text for a in amend(load(OLD), load(NEW)).amendments]
    assert PARTY_UK in sentences
    assert "In point 1, for “Deal” substitute “Agreement”." in sentences
    # a change of the marks themselves shows them as they are (at the other level both read ‘)
    assert "In point 1, for “‘” substitute ““”." in sentences


def test_the_golden_lists():
    listed = amend(load(OLD), load(NEW))
    assert format_amendments(listed) == (GOLDEN / "quotes.amend").read_text(encoding="utf-8")
    old = load(OLD)
    assert render_amendments(listed, "text", old) == (GOLDEN / "quotes.txt").read_text(encoding="utf-8")
    result = apply(old, loads_amendments((GOLDEN / "quotes.amend").read_text(encoding="utf-8")))
    assert not result.failures and not [c for c in diff(result.draft, load(NEW)).changes if c.differs]


def test_the_html_and_word_tables_show_the_quote_in_a_quote():
    old = load(OLD)
    listed = amend(old, load(NEW))
    assert PARTY_UK in render_amendments(listed, "html", old)  # type: ignore[operator]
    document = docx.Document(io.BytesIO(render_amendments(listed, "docx", old)))  # type: ignore[arg-type]
    assert PARTY_UK in [paragraph.text for paragraph in document.paragraphs]


QUOTY = st.text(alphabet=st.sampled_from(list("ab \"'“”‘’\\«»,")), min_size=1, max_size=30)


@given(QUOTY, QUOTY, st.sampled_from(["substitute", "insert-after", "insert-before", "leave-out"]))
def test_the_amend_format_keeps_quotes_of_both_kinds_exactly(old, new, action):
    words = Amendment(1, action, Target("a", "point", "1"), "US", None, old, None if action == "leave-out" else new)
    whole = Amendment(2, "substitute", Target("b", "point", "2"), None, Piece("paragraph", 1), None, new)
    party = Amendment(3, "insert-piece", Target("parties", "parties"), None, Piece("party", code="UK"), None, new)
    listed = AmendmentList((words, whole, party), "old", "new", notes=(old,))
    read = loads_amendments(format_amendments(listed))
    assert read == listed
