"""What a reader sees: party references by the names each draft declares, while the diff
aligns and compares the stable text (codes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.compare import compare
from clausekit.diff import clause_pieces, clause_text, diff, party_names, read_piece
from clausekit.diff.text import hidden_fields
from clausekit.diff.words import rebuild
from clausekit.language.parser import load, loads
from clausekit.model import Draft
from clausekit.render.compare.view import build_comparison_view
from clausekit.render.diff.json import diff_document
from clausekit.render.diff.text import render_diff_text
from conftest import DRAFTS
from strategies import clauses, parties

US, E3 = DRAFTS / "us-28-point-plan.clause", DRAFTS / "e3-counterproposal.clause"


def draft(parties: str, body: str, draft_id: str = "d") -> Draft:
    return loads(
        f'draft {draft_id} "A draft" {{\n}}\n\nparties {{\n{parties}}}\n\n{body}', filename=f"{draft_id}.clause"
    )


def test_clause_text_reads_codes_by_default_and_names_on_request():
    d = draft(
        '  UA "Ukraine"\n  US "the United States"\n', "guarantee g 1 {\n  guarantor: US, XX\n\n  @UA's army.\n}\n"
    )
    clause = d.body[0]
    assert clause_text(clause) == "guarantor: US, XX\n\nUA's army."
    # An undeclared code reads as itself; names are parted by "; " (a name may hold commas).
    assert clause_text(clause, party_names(d)) == "guarantor: the United States; XX\n\nUkraine's army."


def test_who_proposed_a_bracket_option_reads_as_a_code():
    d = draft('  US "the United States"\n', "clause c 1 {\n  A force of [US: 600,000 | E3: 800,000].\n}\n")
    assert clause_text(d.body[0], party_names(d)) == "A force of [US: 600,000 / E3: 800,000]."


def test_us_against_e3_reads_names_not_codes():
    us, e3 = load(str(US)), load(str(E3))
    text = render_diff_text(diff(us, e3))
    assert "Ukraine's sovereignty [-will-]{+to+} be" in text
    assert "stationed in Poland" in text
    assert "UA's" not in text and " in PL" not in text


def test_a_party_renamed_in_the_parties_block_is_not_a_change_of_the_clause():
    old = draft('  UA "Ukraine"\n', "clause c 1 {\n  @UA shall rebuild.\n}\n", "old")
    new = draft('  UA "the Republic of Ukraine"\n', "clause c 1 {\n  @UA shall rebuild.\n}\n", "new")
    assert diff(old, new).changes[0].kinds == ("unchanged",)


def test_a_redline_shows_each_side_with_its_own_names():
    old = draft('  UA "Ukraine"\n', "clause c 1 {\n  @UA shall rebuild.\n}\n", "old")
    new = draft('  UA "the Republic of Ukraine"\n', "clause c 1 {\n  @UA may rebuild.\n}\n", "new")
    change = diff(old, new).changes[0]
    assert change.kinds == ("modified",)
    assert rebuild(change.words) == ("Ukraine shall rebuild.", "the Republic of Ukraine may rebuild.")
    first = change.words[0]
    assert (first.op, first.text, first.new_side) == ("equal", "Ukraine ", "the Republic of Ukraine ")


def test_json_text_fields_read_names():
    us, e3 = load(str(US)), load(str(E3))
    rows = {row["key"]: row for row in diff_document(diff(us, e3))["changes"]}
    assert rows["sovereignty"]["old"]["text"] == "Ukraine's sovereignty will be confirmed."
    assert "".join(w["text"] for w in rows["sovereignty"]["words"] if w["op"] != "insert").startswith("Ukraine's")


def test_comparison_cells_read_names():
    us, e3 = load(str(US)), load(str(E3))
    view = build_comparison_view(compare([us, e3]))
    texts = [cell.text for row in view.rows for cell in row.cells if row.key == "sovereignty"]
    assert texts and all(t.startswith("Ukraine's sovereignty") for t in texts)


@settings(max_examples=40, deadline=None)
@given(clauses(top=True), parties())
def test_pieces_give_the_stable_text_and_the_named_text(clause, declared):
    names = {p.code: p.name for p in declared}
    pieces = clause_pieces(clause)
    assert "".join(text for text, _ in pieces) == clause_text(clause)
    assert "".join(read_piece(piece, names) for piece in pieces) == clause_text(clause, names)


@settings(max_examples=20, deadline=None)
@given(st.lists(clauses(top=True), min_size=1, max_size=2), st.data(), parties(), parties())
def test_a_named_redline_rebuilds_both_named_texts(pool, data, old_parties, new_parties):
    def pick() -> tuple:
        chosen = data.draw(st.permutations(pool))
        return tuple(c for c in chosen if data.draw(st.booleans()))

    old = Draft(id="a", title="A", parties=old_parties, body=(*pick(), data.draw(clauses(top=True))))
    new = Draft(id="b", title="B", parties=new_parties, body=(*pick(), data.draw(clauses(top=True))))
    old_names, new_names = party_names(old), party_names(new)
    for change in diff(old, new).changes:
        if change.words:
            # Guarantee fields not known on one side are left out of the pair's redline.
            hidden = hidden_fields(change.old, change.new)
            assert rebuild(change.words) == (
                clause_text(change.old, old_names, leave_out=hidden),
                clause_text(change.new, new_names, leave_out=hidden),
            )
