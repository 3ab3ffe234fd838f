"""The word-level redline: tokens, runs that rebuild both texts, and what the options ignore."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from clausekit.diff.model import WordOp
from clausekit.diff.options import DiffOptions
from clausekit.diff.words import _redline, normalised, rebuild, redline, tokenize


def test_numbers_are_kept_whole_and_punctuation_is_separate():
    tokens = [t for t in tokenize("capped at 600,000, $100 or 50:50 (3.5%) — Ukraine’s self-defence.") if t != " "]
    assert tokens == [
        "capped", "at", "600,000", ",", "$100", "or", "50:50", "(", "3.5%", ")", "—",
        "Ukraine’s", "self-defence", ".",
    ]  # fmt: skip


def test_a_changed_number_is_one_deletion_and_one_insertion():
    ops = redline("capped at 600,000.", "capped at 800,000 in peacetime.")
    assert ops == (
        WordOp("equal", "capped at "),
        WordOp("delete", "600,000"),
        WordOp("insert", "800,000 in peacetime"),
        WordOp("equal", "."),
    )


def test_a_lone_space_between_two_changes_joins_them_into_one_phrase():
    ops = redline("the cat sat", "a dog sat")
    assert ops == (WordOp("delete", "the cat"), WordOp("insert", "a dog"), WordOp("equal", " sat"))


def test_appended_words_keep_their_space():
    assert redline("x y", "x y z") == (WordOp("equal", "x y"), WordOp("insert", " z"))


def test_runs_rebuild_both_texts_including_paragraph_breaks():
    old = "First paragraph, kept.\n\nSecond one: shall station troops."
    new = "First paragraph, kept.\n\nSecond one: may not station troops permanently."
    ops = redline(old, new)
    assert rebuild(ops) == (old, new)
    assert WordOp("delete", "shall") in ops


def test_ignore_case_compares_without_case_but_keeps_the_new_spelling():
    ops = redline("The Parties Agree", "the parties agree", DiffOptions(ignore_case=True))
    assert ops == (WordOp("equal", "The Parties Agree", "the parties agree"),)
    assert rebuild(ops) == ("The Parties Agree", "the parties agree")
    assert len(redline("The Parties Agree", "the parties agree")) == 2


def test_ignore_quotes_treats_typographic_and_straight_quotes_alike():
    old, new = "the “Line of Contact” and Ukraine’s", 'the "Line of Contact" and Ukraine\'s'
    assert [op.op for op in redline(old, new, DiffOptions(ignore_quotes=True))] == ["equal"]
    assert "delete" in [op.op for op in redline(old, new)]


def test_ignore_punctuation_ignores_commas_not_words():
    options = DiffOptions(ignore_punctuation=True)
    assert normalised("Russia, Ukraine and Europe.", options) == normalised("Russia Ukraine and Europe", options)
    ops = redline("Russia, Ukraine and Europe", "Russia Ukraine and NATO", options)
    assert [op.op for op in ops] == ["equal", "delete", "insert"]
    assert (ops[1].text, ops[2].text) == ("Europe", "NATO")
    assert rebuild(ops) == ("Russia, Ukraine and Europe", "Russia Ukraine and NATO")


def test_line_breaks_inside_a_paragraph_are_not_changes():
    assert normalised("a  b\nc") == normalised("a b c")
    assert normalised("a\n\nb") != normalised("a b")


def test_empty_texts():
    assert redline("", "") == ()
    assert redline("", "new words") == (WordOp("insert", "new words"),)
    assert redline("old words", "") == (WordOp("delete", "old words"),)


# Setting aside the text both sides share at their ends is only a shortcut: the redline must be
# the one the whole texts give.
ENDS = st.lists(
    st.sampled_from(["a", "b", "shall", "50", "per", "cent", "per cent", "$100", ",", ".", " ", "  ", "\n", "\n\n"]),
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(ENDS, ENDS, ENDS, st.sampled_from(["", " "]))
@example(["50", "b"], ["a"], ["per cent"], " ")  # "50 per cent" is one token on one side only
@example(["a", "b"], [], ["b"], " ")  # the kept start could run on into the kept end
def test_shared_ends_give_the_redline_of_the_whole_texts(shared, old_middle, new_middle, separator):
    head, tail = shared[: len(shared) // 2], shared[len(shared) // 2 :]
    old = separator.join(head + old_middle + tail)
    new = separator.join(head + new_middle + tail)
    assert redline(old, new) == _redline(old, new, DiffOptions())
