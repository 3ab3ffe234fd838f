"""``amend(old, new)``: the amendments a drafter would table, and what they do when applied."""

from __future__ import annotations

import pytest

from clausekit.amend import amend, amended_source, apply
from clausekit.diff import diff
from clausekit.language.amend_format import format_amendments
from clausekit.language.amend_parser import loads_amendments
from clausekit.language.parser import load, loads
from clausekit.render.amend.view import describe
from conftest import DRAFTS

OLD = """draft plan "Peace plan" {
  proposer: US
}

parties {
  US "the United States"
  UA "Ukraine"
  E3 "the E3"
}

clause sovereignty 1 {
  The sovereignty of @UA will be confirmed.
}

clause expectation 2 {
  There will be the expectation that Russia will not invade its neighbours.
}

clause force-cap 3 {
  The armed forces of @UA will be capped at 600,000 personnel.
}

clause jets 4 {
  European fighter jets will be stationed in Poland.
}

clause amnesty 5 {
  All parties will receive full amnesty.

  The amnesty covers the war.
}
"""

NEW = """draft counter "Counter-proposal" {
  proposer: E3
}

parties {
  US "the United States"
  UA "Ukraine"
  E3 "the E3"
}

clause sovereignty 1 {
  The sovereignty of @UA will be reconfirmed.
}

clause jets 2 {
  NATO fighter jets will be stationed in Poland.
}

clause force-cap 3 {
  The armed forces of @UA will be capped at [US: 600,000 | E3: 800,000 in peacetime] personnel.
}

clause amnesty 4 {
  All parties will receive full amnesty.
}
"""


def _sentences(old: str, new: str) -> list[str]:
    return [describe(a).text for a in amend(loads(old), loads(new)).amendments]


def test_word_clause_and_bracket_amendments_read_as_a_drafter_writes_them():
    sentences = _sentences(OLD, NEW)
    assert "In point 1, for “confirmed” substitute “reconfirmed”." in sentences
    assert "Delete point 2." in sentences
    # the bracketed alternative is E3's: the amendment that introduces it is E3's too
    listed = amend(loads(OLD), loads(NEW)).amendments
    bracket = next(a for a in listed if a.target.clause_id == "force-cap" and a.old is not None)
    assert bracket.old == "600,000" and bracket.new == "[US: 600,000 | E3: 800,000 in peacetime]"
    assert bracket.proposer == "E3"
    assert "In point 5, leave out the paragraph 2." in sentences
    # point 4 moved before point 3 (after point 1): one move, whatever the renumbering
    assert sum(s.startswith("Move ") for s in sentences) == 1
    # the renumbering is one amendment, on one line
    renumbering = [s for s in sentences if s.startswith("Renumber")]
    assert len(renumbering) == 1 and "point 5 as 4" in renumbering[0]


def test_the_smallest_words_that_are_found_once_are_quoted():
    old = OLD.replace("All parties will receive full amnesty.", "All the parties will receive the amnesty.")
    new = old.replace("will receive the amnesty.", "will receive the full amnesty.")
    sentences = _sentences(old, new)
    # "the" occurs twice: the quote takes in the word before it
    assert "In point 5, paragraph 1, after “receive the” insert “full”." in sentences or (
        "In point 5, paragraph 1, before “amnesty.” insert “full”." in sentences
    )


def test_applying_the_amendments_gives_the_new_draft():
    old, new = loads(OLD), loads(NEW)
    result = apply(old, amend(old, new))
    assert not result.failures
    assert diff(result.draft, new).is_empty


def test_the_amend_format_reads_back_as_the_same_list():
    amendments = amend(loads(OLD), loads(NEW))
    text = format_amendments(amendments)
    assert loads_amendments(text, "x.amend") == amendments


def test_us_plan_to_e3_counterproposal():
    us, e3 = load(DRAFTS / "us-28-point-plan.clause"), load(DRAFTS / "e3-counterproposal.clause")
    amendments = amend(us, e3)
    sentences = [describe(a).text for a in amendments.amendments]
    assert "Delete point 3." in sentences and "Delete point 26." in sentences
    assert "In point 9, for “European” substitute “NATO”." in sentences
    assert all(a.proposer == "E3" for a in amendments.amendments)
    # the points whose E3 text is not known get no amendment, and a note says so
    assert any("not amended: 10(c), 10(d), 11, 12" in note for note in amendments.notes)
    assert not any(a.target.number == "11" for a in amendments.amendments)
    # E3 gives points 10, 14 and 21 only in part: none is amended (the full text may keep what the
    # excerpt lacks: 10(d), the $100 billion), and a note says so.
    assert "Known only in part on one side (extent: excerpt), so not amended: 10, 14, 21" in amendments.notes
    assert not any(a.target.number in ("10", "10(d)", "14", "21") for a in amendments.amendments)


@pytest.mark.parametrize("only", [{1}, {2, 3}])
def test_a_subset_applies_and_leaves_the_rest(only):
    old, new = loads(OLD), loads(NEW)
    result = apply(old, amend(old, new), only)
    assert result.applied == tuple(sorted(only)) and not result.failures


def test_clauses_inserted_one_after_another_apply_when_the_one_before_is_left_out():
    """Drafts written apart share few ids, so one insert names another as the clause it follows:
    with that one left out, a chosen insert goes where that one would have gone (here the new
    draft's order is kept among the clauses put in), and the rest still apply afterwards."""
    old, new = load(DRAFTS / "russia-positions.clause"), load(DRAFTS / "us-28-point-plan.clause")
    amendments = amend(old, new)
    inserts = [a for a in amendments.amendments if a.action == "insert"]
    put_in = {a.target.clause_id for a in inserts}
    # the run of inserts that follow one another (each after the one before it)
    run = [a for a in inserts if a.position.after is not None and a.position.after.clause_id in put_in]
    assert len(run) > 10
    chosen = {a.number for a in run[1::2]}
    result = apply(old, amendments, chosen)
    assert sorted(result.applied) == sorted(chosen) and not result.failures, [f.message(None) for f in result.failures]
    order = [c.id for c in new.walk()]
    ids = [c.id for c in result.draft.walk() if c.id in put_in]
    assert len(ids) == len(chosen) and ids == sorted(ids, key=order.index)
    rest = apply(result.draft, amendments, {a.number for a in inserts} - chosen)
    assert not rest.failures, [f.message(None) for f in rest.failures]


def test_a_draft_that_gives_an_id_twice_is_refused_with_its_place():
    from clausekit.errors import InputError

    twice = OLD.replace("clause jets 4 {", "clause sovereignty 4 {")
    with pytest.raises(InputError) as raised:
        amend(loads(twice, "twice.clause"), loads(NEW))
    assert str(raised.value).startswith("twice.clause:23:1: the id 'sovereignty' is given twice")


def test_the_text_output_reads_quotes_as_a_reader_sees_them():
    from clausekit.render.amend import render_amendments

    old, new = loads(OLD), loads(NEW.replace("600,000 | E3", "600,000 for @UA | E3"))
    text = render_amendments(amend(old, new), "text", old)
    assert "“[US: 600,000 for Ukraine / E3: 800,000 in peacetime]”" in text  # names, brackets as rendered
    assert "@UA" not in text


def test_an_amend_file_with_a_bom_crlf_and_ukrainian_reads_and_applies(tmp_path):
    from clausekit.language.amend_parser import load_amendments

    old = loads(OLD.replace("The sovereignty of @UA will be confirmed.", "Суверенітет @UA буде підтверджено."))
    new = loads(OLD.replace("The sovereignty of @UA will be confirmed.", "Суверенітет @UA буде знову підтверджено."))
    text = format_amendments(amend(old, new))
    assert "знову" in text
    path = tmp_path / "uk.amend"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    read = load_amendments(path)
    result = apply(old, read)
    assert not result.failures and diff(result.draft, new).is_empty


HAND_WRITTEN = """amendments to plan by US from counter by E3

amendment 1 by E3
  delete point 2 #expectation

amendment 2 by E3
  in point 2 #expectation: leave out "Russia"

amendment 3 by E3
  in point 1 #sovereignty: for "will be confirmed" substitute "will be reconfirmed"

amendment 4 by E3
  in point 1 #sovereignty: for "be reconfirmed" substitute "stand"

amendment 5 by E3
  in point 5 #amnesty: leave out "amnesty"

amendment 6 by E3
  move point 4 #jets after point 9 #nowhere
"""


def test_each_reason_an_amendment_is_not_applied():
    amendments = loads_amendments(HAND_WRITTEN, "hand.amend")
    result = apply(loads(OLD), amendments)
    assert result.applied == (1, 3)
    reasons = [f.message(None) for f in result.failures]
    assert reasons == [
        "hand.amend:6: amendment 2: point 2 (#expectation) was deleted by amendment 1: not applied",
        'hand.amend:12: amendment 4: "be reconfirmed" overlaps amendment 3, applied before it: not applied',
        'hand.amend:15: amendment 5: "amnesty" occurs 2 times in point 5: not applied',
        "hand.amend:18: amendment 6: point 9 (#nowhere) is not in the draft: not applied",
    ]
    # what was applied is there; what was not left the draft as it was
    assert [c.id for c in result.draft.walk()] == ["sovereignty", "force-cap", "jets", "amnesty"]


def test_only_names_numbers_the_file_has():
    from clausekit.cli.apply import parse_only
    from clausekit.errors import UsageError

    assert parse_only("3,5-7", {1, 3, 5, 6, 7}) == {3, 5, 6, 7}
    with pytest.raises(UsageError, match="no amendment 9"):
        parse_only("9", {1, 2})
    with pytest.raises(UsageError, match="runs backwards"):
        parse_only("7-5", {5, 6, 7})
    # a range is checked by its ends, never made number by number, and takes the file's numbers in it
    with pytest.raises(UsageError, match="no amendment 99999999999"):
        parse_only("1-99999999999", {1, 2})
    assert parse_only("5-7", {5, 7}) == {5, 7}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "amendment 1\n  frobnicate point 3 #x\n",
            'x.amend:2:3: expected "by", "delete", "in", "insert", "move", "renumber" or "replace", '
            "found 'frobnicate'",
        ),
        ("amendment 1\n  move point 3 #x\n", 'x.amend:2:16: expected "after" or "at", found the end of the file'),
        ("amendment x\n", "x.amend:1:11: expected a number, found 'x'"),
        (
            "amendment 1\n  delete point 3 #x\namendment 1\n  delete point 4 #y\n",
            "x.amend:3:1: amendment 1 is numbered twice",
        ),
        (
            "amendment 1\n  delete point 3 #x\n"
            'amendment 2\n  in point 6 #y, paragraph 2: for the paragraph 1 substitute "z"\n',
            "x.amend:3:1: name the piece once: 'in point 6, paragraph 2: for \"a\" ...'",
        ),
        (
            'amendment 1\n  in point 6 #y: for the paragrph 1 substitute "z"\n',
            "x.amend:2:26: an amendment names no piece 'paragrph' (did you mean 'paragraph'?): the title, a "
            "paragraph, a party or a field",
        ),
    ],
)
def test_errors_in_the_format_are_located_in_words(text, message):
    from clausekit.errors import ClauseSyntaxError

    with pytest.raises(ClauseSyntaxError) as raised:
        loads_amendments(text, "x.amend")
    rendered = raised.value.render().splitlines()
    assert rendered[0] == message
    assert rendered[2].strip() == "^"


@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [("us-28-point-plan", "e3-counterproposal"), ("us-28-point-plan", "european-24-point-plan")],
)
def test_amend_reads_the_diff_without_its_findings_and_says_the_same(old_name, new_name):
    from clausekit.amend import amendments_from_diff

    old, new = load(DRAFTS / f"{old_name}.clause"), load(DRAFTS / f"{new_name}.clause")
    full, bare = diff(old, new), diff(old, new, findings=False)
    assert [(r.old, r.new, r.kinds, r.words, r.similarity) for r in bare.changes] == [
        (r.old, r.new, r.kinds, r.words, r.similarity) for r in full.changes
    ]
    # only what the changes mean is left out: a row keeps its kinds' findings (clause.*)
    assert full.draft_findings and not bare.draft_findings
    assert all(f.kind.startswith("clause.") for row in bare.changes for f in row.findings)
    assert any(not f.kind.startswith("clause.") for row in full.changes for f in row.findings)
    assert format_amendments(amend(old, new)) == format_amendments(amendments_from_diff(full))


ARTICLE_WITH_TERM = """\
draft a "A" {
}

article defence 1 {
  The Parties will defend each other.

  clause scope a {
    In Europe.
  }

  term "Parties" {
    The states that sign.
  }
}
"""


def test_an_article_that_becomes_a_clause_keeps_its_term_beside_it() -> None:
    old = loads(ARTICLE_WITH_TERM, filename="old.clause")
    new = loads(
        ARTICLE_WITH_TERM.replace("article defence 1 {", "clause defence 1 {")
        .replace('  term "Parties" {\n    The states that sign.\n  }\n', "")
        .rstrip()
        + '\n\nterm "Parties" {\n  The states that sign.\n}\n',
        filename="new.clause",
    )
    amendments = amend(old, new)
    (kind_change,) = [a for a in amendments.amendments if a.action == "replace"]
    # Alone or with the rest, the result is a draft: a clause holds no term, so the term stays
    # just after the provision (amendments do not redefine terms).
    for only in ({kind_change.number}, None):
        result = apply(old, amendments, only)
        assert not result.failures
        again = loads(amended_source(result.draft, "amended.clause"), filename="amended.clause")
        assert again.clause("defence").kind == "clause"
        assert [item.name for item in again.body if not hasattr(item, "kind")] == ["Parties"]


def test_an_article_that_becomes_a_nested_guarantee_is_given_its_text_before_it_is_moved_in() -> None:
    old = loads(
        'draft a "A" {\n}\n\nclause a0 {\n}\n\narticle nd {\n  corresponds: accountability\n'
        '  Parties shall act.\n  term "Security Guarantee" {\n    A thing.\n  }\n}\n',
        filename="old.clause",
    )
    new = loads(
        'draft b "B" {\n}\n\nclause a1 {\n  guarantee a00 {\n    corresponds: accountability\n  }\n}\n',
        filename="new.clause",
    )
    amendments = amend(old, new)
    actions = [a.action for a in amendments.amendments if a.target.clause_id == "nd"]
    # Only the top level holds an article: it becomes a guarantee, then goes inside the clause.
    assert actions == ["replace", "move"]
    numbers = [a.number for a in amendments.amendments]
    for k in range(len(numbers) + 1):
        between = apply(old, amendments, set(numbers[:k]))
        assert not between.failures
        loads(amended_source(between.draft, "between.clause"), filename="between.clause")
    (move,) = [a for a in amendments.amendments if a.action == "move"]
    (insert,) = [a for a in amendments.amendments if a.action == "insert"]
    alone = apply(old, amendments, {insert.number, move.number})
    # moved in without its new text, the article would stand inside a clause: refused, and the
    # draft stays a draft
    assert [f.amendment.number for f in alone.failures] == [move.number]
    assert "top level" in alone.failures[0].message(None)
    loads(amended_source(alone.draft, "alone.clause"), filename="alone.clause")


def test_the_outputs_are_safe_for_a_terminal_and_for_word_whatever_the_drafts_hold():
    """A drafted ESC sequence shows as control pictures in the text list (it would retitle or clear
    the terminal); a title past Word's 255-character core property is shortened there only."""
    import io

    import docx

    from clausekit.render.amend import render_amendments

    title = "A very long title " * 30
    old = loads(OLD.replace('"Peace plan"', f'"{title}"'))
    new = loads(NEW.replace("full amnesty", "full \x1b\\]0;PWN\x07\x1b\\[2J amnesty"))
    text = render_amendments(amend(old, new), "text", old=old)
    assert "\x1b" not in text and "\x07" not in text and "␛]0;PWN␇␛[2J" in text.replace("\\", "")
    from clausekit.errors import ClauseKitWarning

    with pytest.warns(ClauseKitWarning, match="control character"):  # Word cannot hold them: said so
        written = render_amendments(amend(old, new), "docx", old=old)
    document = docx.Document(io.BytesIO(written))
    assert len(document.core_properties.title) <= 255 and title.strip() in "\n".join(
        p.text for p in document.paragraphs
    )


def test_a_paragraph_changed_in_many_places_is_given_whole():
    """Past ``MAX_WORD_EDITS`` places a paragraph's new text is one amendment: a list of word
    amendments to one paragraph reads worse, and each is checked against the whole paragraph."""
    from clausekit.amend.words import MAX_WORD_EDITS

    words = [f"word{i}" for i in range(4 * MAX_WORD_EDITS)]
    changed = [f"new{i}" if i % 3 == 0 else w for i, w in enumerate(words)]  # a third changed, apart
    old = loads('draft a "A" {\n}\n\nclause c 1 {\n  ' + " ".join(words) + ".\n}\n")
    new = loads('draft b "B" {\n}\n\nclause c 1 {\n  ' + " ".join(changed) + ".\n}\n")
    amendments = amend(old, new)
    assert [(a.action, a.piece.index if a.piece else None) for a in amendments.amendments] == [("substitute", 1)]
    assert not any(c.differs for c in diff(apply(old, amendments).draft, new).changes)
    few = loads('draft b "B" {\n}\n\nclause c 1 {\n  ' + " ".join(changed[:30] + words[30:]) + ".\n}\n")
    assert len(amend(old, few).amendments) == 10  # ten places: word by word
