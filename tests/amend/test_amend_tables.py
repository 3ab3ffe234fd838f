"""The two-column tables (``-f html``, ``-f docx``) and the command line of amend and apply."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest

from clausekit.amend import amend
from clausekit.language.parser import load
from clausekit.render.amend import render_amendments
from conftest import DRAFTS, run_clausekit
from render_clients import chromium, soffice_fodt

US, E3 = DRAFTS / "us-28-point-plan.clause", DRAFTS / "e3-counterproposal.clause"


def _docx_tables() -> list:
    old, new = load(US), load(E3)
    document = docx.Document(io.BytesIO(render_amendments(amend(old, new), "docx", old)))  # type: ignore[arg-type]
    return document.tables


def test_each_amendment_is_a_two_column_word_table_with_the_change_marked():
    tables = _docx_tables()
    assert len(tables) == len(amend(load(US), load(E3)).amendments)
    heads = {tuple(c.text for c in t.rows[0].cells) for t in tables}
    assert ("Text proposed by US", "Amendment by E3") in heads
    # point 9: "European" in the left column and "NATO" in the right, both in bold italic
    jets = next(t for t in tables if "fighter jets" in t.rows[1].cells[0].text and "NATO" in t.rows[1].cells[1].text)
    marked = [r.text for r in jets.rows[1].cells[0].paragraphs[0].runs if r.bold and r.italic]
    assert marked == ["European"]
    marked = [r.text for r in jets.rows[1].cells[1].paragraphs[0].runs if r.bold and r.italic]
    assert marked == ["NATO"]
    # a deleted point: its text on the left, "deleted" on the right
    deleted = [t for t in tables if t.rows[1].cells[1].text == "deleted"]
    assert any("amnesty" in t.rows[1].cells[0].text for t in deleted)


def test_the_html_table_marks_changes_in_both_columns():
    old, new = load(US), load(E3)
    page = render_amendments(amend(old, new), "html", old)
    assert isinstance(page, str)
    assert page.count("<table>") == len(amend(old, new).amendments)
    assert "<th>Text proposed by US</th><th>Amendment by E3</th>" in page
    assert "<b><i>European</i></b>" in page and "<b><i>NATO</i></b>" in page
    assert '<td class="deleted">deleted</td>' in page


def test_amend_and_apply_on_the_command_line(tmp_path):
    listing = tmp_path / "us-e3.amend"
    assert run_clausekit("amend", str(US), str(E3), "-o", str(listing)).returncode == 0
    assert run_clausekit("check", str(listing)).returncode == 0
    amended = tmp_path / "amended.clause"
    done = run_clausekit("apply", str(US), str(listing), "-o", str(amended))
    assert done.returncode == 0, done.stderr
    assert run_clausekit("diff", str(amended), str(E3), "--fail-on", "clause.added").returncode == 0
    # What still differs is what E3 gives only in part (extent: excerpt), which is not amended.
    listed = run_clausekit("diff", str(amended), str(E3), "-f", "json")
    rows = json.loads(listed.stdout)["changes"]
    modified = {row["new"]["number"] for row in rows if "modified" in row["kinds"]}
    assert modified == {"10", "14", "21"}
    # never over an input
    assert run_clausekit("apply", str(US), str(listing), "-o", str(US)).returncode == 2


def test_an_amendment_that_cannot_apply_is_reported_and_the_rest_apply(tmp_path):
    listing = tmp_path / "us-e3.amend"
    run_clausekit("amend", str(US), str(E3), "-o", str(listing))
    text = listing.read_text(encoding="utf-8")
    text = text.replace('for "European" substitute "NATO"', 'for "Europeen" substitute "NATO"')
    listing.write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if '"Europeen"' in ln) - 1
    number = re.search(r"amendment (\d+)", text.splitlines()[line - 1]).group(1)  # type: ignore[union-attr]
    done = run_clausekit("apply", str(US), str(listing), "-o", str(tmp_path / "out.clause"))
    assert done.returncode == 1
    assert (
        done.stderr.decode().strip()
        == f'{listing}:{line}: amendment {number}: "Europeen" is not in point 9: not applied'
    )
    assert "NATO" in (tmp_path / "out.clause").read_text(encoding="utf-8")  # the others applied


def test_applying_to_a_renumbered_later_version_finds_clauses_by_id(tmp_path):
    listing = tmp_path / "us-e3.amend"
    run_clausekit("amend", str(US), str(E3), "-o", str(listing))
    later = tmp_path / "us-later.clause"
    later.write_text(
        re.sub(r"^clause ([a-z0-9-]+) (\d+) ", r"clause \1 \2bis ", US.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    done = run_clausekit("apply", str(later), str(listing), "--only", "6-20", "-o", str(tmp_path / "out.clause"))
    assert done.returncode == 0, done.stderr


def test_a_bad_amend_file_is_located():
    bad = DRAFTS.parent / "tests" / "fixtures" / "bad" / "amend-missing-words.amend"
    done = run_clausekit("check", str(bad))
    assert done.returncode == 2
    first, _source, caret = done.stderr.decode().splitlines()[:3]
    # line breaks mean nothing in the format: the error is where the next amendment starts
    assert first == f"{bad}:4:1: expected a quoted text (\"...\"), found 'amendment'"
    assert caret.strip() == "^"


@pytest.mark.clients
def test_libreoffice_reads_real_word_tables(tmp_path):
    target = tmp_path / "amendments.docx"
    assert run_clausekit("amend", str(US), str(E3), "-o", str(target)).returncode == 0
    flat = soffice_fodt(target)
    assert flat.count("<table:table ") == len(amend(load(US), load(E3)).amendments)
    assert "Text proposed by US" in flat and "Amendment by E3" in flat


@pytest.mark.clients
def test_chromium_shows_the_two_columns(tmp_path):
    page = tmp_path / "amendments.html"
    assert run_clausekit("amend", str(US), str(E3), "-o", str(page)).returncode == 0
    dom = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile").stdout
    assert dom.count("<table>") == len(amend(load(US), load(E3)).amendments)
    assert "Amendment by E3" in dom


def test_a_reason_that_quotes_control_characters_cannot_act_on_a_terminal(tmp_path):
    listing = tmp_path / "escape.amend"
    listing.write_text('amendment 1\n  in point 1 #sovereignty: for "\x1b[31mred" substitute "x"\n', encoding="utf-8")
    done = run_clausekit("apply", str(US), str(listing), "-o", str(tmp_path / "out.clause"))
    assert done.returncode == 1
    assert b"\x1b" not in done.stderr and "\u241b[31mred" in done.stderr.decode()
