"""Guarantee fields are redlined field by field (issue 13, point 4): no run of the redline
crosses from one field into another ("[-condition-]{+mirrors+}"), in the model and so in
every output made from it."""

from __future__ import annotations

import json

from hypothesis import given, settings

from clausekit.diff import clause_segments, clause_text, diff
from clausekit.diff.model import WordOp
from clausekit.diff.words import rebuild, segmented_redline
from clausekit.language.parser import loads
from clausekit.render.diff import render_diff
from strategies import clauses

HEADER = 'draft {id} "Draft {id}" {{\n  exactness: verbatim\n}}\n\nparties {{\n  US "the United States"\n}}\n\n'


def guarantee(draft_id: str, fields: str, prose: str = "The guarantee holds.") -> str:
    return HEADER.format(id=draft_id) + f"guarantee g 1 {{\n{fields}\n\n  {prose}\n}}\n"


OLD = guarantee(
    "old",
    "  guarantor: US\n  trigger: an armed attack\n  condition: in accordance with Article 51 of the Charter",
)
NEW = guarantee("new", "  guarantor: US\n  trigger: an armed attack\n  mirrors: north-atlantic-treaty-1949::art-5")


def words_of(old_source: str, new_source: str) -> tuple[WordOp, ...]:
    old, new = loads(old_source, "old.clause"), loads(new_source, "new.clause")
    (change,) = [c for c in diff(old, new).changes if c.words]
    return change.words


def test_a_field_replaced_by_another_is_deleted_and_inserted_whole():
    ops = words_of(OLD, NEW)
    assert [(op.op, op.text) for op in ops] == [
        ("equal", "guarantor: the United States\ntrigger: an armed attack"),
        ("delete", "\ncondition: in accordance with Article 51 of the Charter"),
        ("insert", "\nmirrors: north-atlantic-treaty-1949::art-5"),
        ("equal", "\n\nThe guarantee holds."),
    ]


def test_a_field_changed_on_both_sides_is_redlined_within_itself():
    new = OLD.replace("an armed attack", "an armed attack or an invasion")
    ops = words_of(OLD, new)
    assert ("insert", " or an invasion") in [(op.op, op.text) for op in ops]
    assert all("\n" not in op.text for op in ops if op.op != "equal")


def test_fields_and_prose_do_not_mix():
    # Without segments the redline matched "the" and "Charter" of the condition with the prose.
    old = guarantee("old", "  condition: the Charter of the United Nations", "The Parties respect the Charter.")
    new = guarantee("new", "  trigger: aggression", "The Parties respect the Charter.")
    ops = words_of(old, new)
    assert [(op.op, op.text) for op in ops] == [  # in the order of the fields: trigger, then condition
        ("insert", "trigger: aggression"),
        ("delete", "condition: the Charter of the United Nations"),
        ("equal", "\n\nThe Parties respect the Charter."),
    ]


def test_the_json_words_are_the_field_by_field_runs():
    old, new = loads(OLD, "old.clause"), loads(NEW, "new.clause")
    report = json.loads("".join(render_diff(diff(old, new), "json")))
    (row,) = [row for row in report["changes"] if row["words"]]
    deleted = [w["text"] for w in row["words"] if w["op"] == "delete"]
    assert deleted == ["\ncondition: in accordance with Article 51 of the Charter"]


@settings(max_examples=25, deadline=None)
@given(clauses(top=True))
def test_segments_join_to_the_clause_text(clause):
    out: list[str] = []
    for _, separator, text in clause_segments(clause):
        out.append((separator if out else "") + text)
    assert "".join(out) == clause_text(clause)


@settings(max_examples=25, deadline=None)
@given(clauses(top=True), clauses(top=True))
def test_a_segmented_redline_rebuilds_both_texts_and_never_mixes_places(old, new):
    old_segments, new_segments = clause_segments(old), clause_segments(new)
    ops = segmented_redline(old_segments, new_segments)
    assert rebuild(ops) == (clause_text(old), clause_text(new))
    only_old = {place for place, _, _ in old_segments} - {place for place, _, _ in new_segments}
    for place, _, text in old_segments:
        if place in only_old and text:
            # A field the new side does not have is deleted whole, inside one deleted run.
            assert any(op.op == "delete" and text in op.text for op in ops)


def test_a_repeated_field_line_removed_between_fields_reads_as_a_whole_line():
    old = guarantee("old", "  void-if: Ukraine invades Russia\n  void-if: a missile is fired\n  compensation: none")
    new = guarantee("new", "  void-if: Ukraine invades Russia\n  compensation: none")
    ops = words_of(old, new)
    assert [(op.op, op.text) for op in ops] == [
        ("equal", "void-if: Ukraine invades Russia\n"),
        ("delete", "void-if: a missile is fired\n"),
        ("equal", "compensation: none\n\nThe guarantee holds."),
    ]


def test_two_treaties_paragraphs_less_than_a_third_alike_are_shown_apart_the_rest_redlined():
    """NATO Art. 5 against US-Japan Art. V: their first paragraphs share a few words ("an armed
    attack against", "in") and a word redline of them reads as a text neither treaty says; their
    second paragraphs (the Security Council) are close, and keep their word redline."""
    from clausekit.library import load_draft

    nato, japan = load_draft("north-atlantic-treaty-1949"), load_draft("us-japan-1960")
    (change,) = [c for c in diff(nato, japan).changes if c.words and c.new is not None and c.new.id == "art-v"]
    ops = [(op.op, op.text) for op in change.words]
    deleted = [text for op, text in ops if op == "delete"]
    inserted = [text for op, text in ops if op == "insert"]
    first_nato, second_nato = (p for p in clause_text(nato.clause("art-5")).split("\n\n")[1:])
    first_japan = clause_text(japan.clause("art-v")).split("\n\n")[1]
    assert first_nato in deleted and first_japan in inserted  # whole, not interleaved
    assert second_nato not in deleted  # redlined word by word: "shall {+be +}immediately [-be -]reported"
    assert ("insert", "be ") in ops and ("delete", "be ") in ops
    # A field whose values share nothing but its name keeps the name and shows the values apart.
    response = next(i for i, (op, text) in enumerate(ops) if text.endswith("response: "))
    assert ops[response + 1][0] == "delete" and ops[response + 1][1].startswith("each of them will assist")
    assert ops[response + 2] == ("insert", "act to meet the common danger")
    from clausekit.diff import party_names

    texts = clause_text(nato.clause("art-5"), party_names(nato)), clause_text(japan.clause("art-v"), party_names(japan))
    assert rebuild(change.words) == texts


def test_apart_below_zero_keeps_the_word_redline_of_every_part(tmp_path):
    from click.testing import CliRunner

    from clausekit.cli import main

    args = ["diff", "north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "-f", "text", "--color", "never"]
    whole = CliRunner().invoke(main, args)
    words = CliRunner().invoke(main, [*args, "--apart-below", "0"])
    assert whole.exit_code == words.exit_code == 0, whole.output + words.output
    assert "response: [-each of them will assist the Party or Parties so attacked" in whole.output
    assert "response: [-each of them will assist-]{+act to meet+} the [-Party" in words.output
