"""Clauses less than about a third alike are shown apart in the text and Markdown diffs: the old
text, then the new, each labelled, instead of a redline that interleaves their words (issue 13,
point 4). Tried on NATO Article 5 against the Rio Treaty's Article 3(1), 17% similar."""

from __future__ import annotations

import json

from click.testing import CliRunner

from clausekit.cli.diff import command
from clausekit.diff import diff_clauses
from clausekit.library import reference_draft
from clausekit.model import Clause, Draft
from clausekit.render.diff import render_diff
from clausekit.render.diff.view import APART_BELOW, diff_view


def reference(ref: str) -> tuple[Draft, Clause]:
    draft_id, clause_id = ref.split("::")
    draft = reference_draft(draft_id)
    assert draft is not None
    clause = draft.clause(clause_id)
    assert clause is not None
    return draft, clause


def nato_against(ref: str):
    (old_draft, old), (new_draft, new) = reference("north-atlantic-treaty-1949::art-5"), reference(ref)
    return diff_clauses(old, new, old_draft, new_draft)


def nato_against_rio():
    return nato_against("rio-treaty-1947::art-3-1")


def test_two_treaty_articles_are_shown_apart_with_both_texts_whole():
    result = nato_against_rio()
    (row,) = diff_view(result).rows
    assert result.changes[0].similarity < APART_BELOW
    assert row.apart is not None
    old, new = row.apart
    assert "shall be considered an attack against them all" in old
    assert "undertakes to assist in meeting the attack" in new
    assert "[-" not in old + new


def test_the_text_output_labels_old_and_new_and_keeps_the_findings():
    out = render_diff(nato_against_rio(), "text")
    assert isinstance(out, str)
    assert "similar: the old text, then the new, instead of a redline)" in out
    # The findings above the clause quote its words too: look for each text under its label.
    old_at, new_at = out.index("    old ("), out.index("    new (")
    old_block, new_block = out[old_at:new_at], out[new_at:].split("\n    * ")[0]
    assert "they agree that, if such an armed attack occurs" in old_block
    assert "undertakes to assist in meeting the attack" in new_block
    assert "[-" not in out and "{+" not in out
    assert "* qualifier.removed: qualifier removed: 'as it deems necessary'" in out


def test_the_markdown_output_quotes_old_and_new():
    out = render_diff(nato_against_rio(), "markdown")
    assert isinstance(out, str)
    assert "**Old** (`" in out and "**New** (`" in out
    quoted = [line for line in out.splitlines() if line.startswith("> ")]
    assert any("undertakes to assist in meeting the attack" in line for line in quoted)
    assert "~~" not in out.split("#### Changed clauses")[1].split("- `")[0]


def test_colour_paints_old_red_and_new_green():
    out = render_diff(nato_against_rio(), "text", color=True)
    assert "\x1b[31mguarantor:" in out and "\x1b[32mguarantor:" in out


def test_a_threshold_of_zero_keeps_the_redline_and_json_is_unchanged():
    result = nato_against_rio()
    redline = render_diff(result, "text", apart_below=0)
    assert isinstance(redline, str)
    assert "[-" in redline and "instead of a redline" not in redline
    row = json.loads("".join(render_diff(result, "json")))["changes"][0]
    assert {w["op"] for w in row["words"]} == {"equal", "delete", "insert"}


def test_a_clause_more_alike_keeps_its_redline():
    result = nato_against("us-japan-1960::art-v")  # 40% similar
    assert diff_view(result).rows[0].apart is None
    below = result.changes[0].similarity
    assert diff_view(result, apart_below=below).rows[0].apart is None  # equal to the threshold: not below it
    assert diff_view(result, apart_below=min(1.0, below + 0.01)).rows[0].apart is not None


def test_the_command_line_option():
    runner = CliRunner()
    refs = ["north-atlantic-treaty-1949::art-5", "rio-treaty-1947::art-3-1", "--color=never"]
    apart = runner.invoke(command, refs)
    assert apart.exit_code == 0, apart.output
    assert "instead of a redline" in apart.output
    inline = runner.invoke(command, [*refs, "--apart-below", "0"])
    assert inline.exit_code == 0 and "[-" in inline.output
    misuse = runner.invoke(command, [*refs, "--apart-below", "2"])
    assert misuse.exit_code == 2
