"""clausekit import: numbered text, Markdown and Word files -> drafts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.errors import InputError, UsageError
from clausekit.importers.build import DEFAULT_EXACTNESS, import_docx, import_file, import_text
from clausekit.language.format import format_draft
from clausekit.language.parser import loads
from clausekit.model import Clause, Draft, Text
from conftest import ROOT


def shape(draft: Draft) -> list[tuple[int, str, str, str | None, str | None]]:
    """(depth, kind, id, number, title) of every provision, in order: the structure at a glance."""
    out: list[tuple[int, str, str, str | None, str | None]] = []

    def visit(items: tuple, depth: int) -> None:
        for item in items:
            if isinstance(item, Clause):
                out.append((depth, item.kind, item.id, item.number, item.title))
                visit(item.children, depth + 1)

    visit(draft.body, 0)
    return out


def words(clause: Clause) -> list[str]:
    return [span.text for p in clause.paragraphs for span in p.spans if isinstance(span, Text)]


def reads_back(draft: Draft) -> None:
    """The written draft parses back to the same model: nothing was lost or misread."""
    assert loads(format_draft(draft), filename="imported.clause") == draft


# --- numbered points ---------------------------------------------------------------------

POINTS = """\
US draft peace plan

1. Ukraine's sovereignty will be confirmed.
2. A comprehensive non-aggression agreement will be concluded.
   All ambiguities will be considered settled.

10. US guarantee that mirrors Article 5
    a. US to receive compensation for the guarantee
    b. If Ukraine invades Russia, it forfeits the guarantee
       PARA: a note that belongs to b.
    NOTE: a note indented like the letters belongs to point 10.
11. EU membership.
"""


def test_numbered_points_become_clauses_with_ids_from_their_numbers() -> None:
    draft = import_text(POINTS, "plan.txt")
    assert draft.title == "US draft peace plan"
    assert shape(draft) == [
        (0, "clause", "point-1", "1", None),
        (0, "clause", "point-2", "2", None),
        (0, "clause", "point-10", "10", None),
        (1, "clause", "point-10-a", "a", None),
        (1, "clause", "point-10-b", "b", None),
        (0, "clause", "point-11", "11", None),
    ]
    assert words(draft.clause("point-2")) == [
        "A comprehensive non-aggression agreement will be concluded. All ambiguities will be considered settled."
    ]
    assert words(draft.clause("point-10-b")) == [
        "If Ukraine invades Russia, it forfeits the guarantee PARA: a note that belongs to b."
    ]
    assert words(draft.clause("point-10"))[-1] == "NOTE: a note indented like the letters belongs to point 10."
    reads_back(draft)


def test_header_fields_say_where_the_draft_came_from() -> None:
    draft = import_text(POINTS, "sources/plan.txt", proposer="US")
    assert (draft.id, draft.status, draft.source, draft.exactness) == ("plan", "draft", "plan.txt", "reconstructed")
    assert DEFAULT_EXACTNESS == "reconstructed"
    assert draft.proposer == "US" and [p.code for p in draft.parties] == ["US"]
    text = format_draft(draft)
    assert "source: plan.txt" in text and "exactness: reconstructed" in text
    reads_back(draft)


def test_sub_points_written_with_their_parent_number() -> None:
    draft = import_text("10. The guarantee\n10. a. compensation\n10. b. forfeit\n11. c. orphan\n", "x.txt")
    assert shape(draft) == [
        (0, "clause", "point-10", "10", None),
        (1, "clause", "point-10-a", "a", None),
        (1, "clause", "point-10-b", "b", None),
        (0, "clause", "point-11", "11", None),
        (1, "clause", "point-11-c", "c", None),
    ]
    assert words(draft.clause("point-11")) == []


def test_letters_and_roman_numerals_are_told_apart() -> None:
    text = "1. one\n   h. eight\n   i. nine (a letter)\n2. two\n   i. first roman\n   ii. second roman\n   (a) paren\n"
    draft = import_text(text, "x.txt")
    assert shape(draft) == [
        (0, "clause", "point-1", "1", None),
        (1, "clause", "point-1-h", "h", None),
        (1, "clause", "point-1-i", "i", None),
        (0, "clause", "point-2", "2", None),
        (1, "clause", "point-2-i", "i", None),
        (1, "clause", "point-2-ii", "ii", None),
        (2, "clause", "point-2-ii-a", "(a)", None),
    ]


def test_indentation_nests_lists_of_the_same_style() -> None:
    text = "1. Scope\n   1. first sub\n   2. second sub\n2. Next\n 10. right-aligned\n"
    draft = import_text(text, "x.md")
    assert shape(draft) == [
        (0, "clause", "point-1", "1", None),
        (1, "clause", "point-1-1", "1", None),
        (1, "clause", "point-1-2", "2", None),
        (0, "clause", "point-2", "2", None),
        (0, "clause", "point-10", "10", None),
    ]


def test_bullets_are_paragraphs_of_their_own() -> None:
    draft = import_text("1. The parties:\n- consult;\n- act together;\n  and report.\n", "x.md")
    assert words(draft.clause("point-1")) == ["The parties:", "- consult;", "- act together; and report."]


def test_ids_are_unique_when_numbers_repeat() -> None:
    draft = import_text("1. first\n1. again\n1. and again\n", "x.txt")
    assert [c.id for c in draft.walk()] == ["point-1", "point-1-2", "point-1-3"]
    reads_back(draft)


def test_prose_that_only_looks_numbered_stays_prose() -> None:
    text = "1. The figure rose by\n1.5 million in 2025 and e.g. U.S. forces\n"
    draft = import_text(text, "x.txt")
    assert shape(draft) == [(0, "clause", "point-1", "1", None)]
    assert words(draft.clause("point-1")) == ["The figure rose by 1.5 million in 2025 and e.g. U.S. forces"]


def test_text_before_the_first_number_is_a_preamble() -> None:
    draft = import_text("The parties agree as follows, having regard to the past:\n\n1. First.\n", "x.txt")
    assert shape(draft)[0] == (0, "clause", "preamble", None, None)
    assert draft.title == "x"


# --- articles and headings -----------------------------------------------------------------

TREATY = """\
The North Atlantic Treaty
=========================

Article 4

The Parties will consult together whenever the security of any of the Parties is threatened.

ARTICLE V

The Parties agree that an armed attack shall be considered an attack against them all.

Article 6 — Territory

For the purpose of Article 5, an armed attack is deemed to include an armed attack

(i) on the territory of any of the Parties;

(ii) on the forces, vessels or aircraft of any of the Parties.

Article 7. This Treaty does not affect the rights and obligations of the Parties under the Charter.
"""


def test_an_editorial_note_after_an_article_heading_is_kept_as_prose() -> None:
    draft = import_text("ARTICLE V  [verbatim]\n\nEach Party recognizes.\n\nArticle 6 (not verified)\n", "x.txt")
    assert shape(draft) == [(0, "article", "art-v", "V", None), (0, "article", "art-6", "6", None)]
    assert words(draft.clause("art-v")) == ["[verbatim]", "Each Party recognizes."]
    assert words(draft.clause("art-6")) == ["(not verified)"]


def test_article_headings_become_articles() -> None:
    draft = import_text(TREATY, "nato.txt")
    assert draft.title == "The North Atlantic Treaty"
    assert shape(draft) == [
        (0, "article", "art-4", "4", None),
        (0, "article", "art-v", "V", None),
        (0, "article", "art-6", "6", "Territory"),
        (1, "clause", "art-6-i", "(i)", None),
        (1, "clause", "art-6-ii", "(ii)", None),
    ]
    # "Article 7. This Treaty ..." is a sentence, not a heading: prose of the item before it.
    assert words(draft.clause("art-6-ii"))[-1].startswith("Article 7. This Treaty does not affect")
    reads_back(draft)


MARKDOWN = """\
# Framework for Peace

Having regard to \\*everything\\* [sic] said at meeting #4 by a@b.org:

## Article 1 — Sovereignty

1. Sovereignty will be confirmed.
2. An agreement [...] will be concluded.

## Article 2: Guarantees

### 1. Scope

The guarantee covers [i.e. protects] the territory.

## Final provisions

This text enters into force on signature.
"""


def test_markdown_headings_and_numbers() -> None:
    draft = import_text(MARKDOWN, "framework.md")
    assert draft.title == "Framework for Peace"
    assert shape(draft) == [
        (0, "clause", "preamble", None, None),
        (0, "article", "art-1", "1", "Sovereignty"),
        (1, "clause", "art-1-1", "1", None),
        (1, "clause", "art-1-2", "2", None),
        (0, "article", "art-2", "2", "Guarantees"),
        (1, "clause", "art-2-1", "1", "Scope"),
        (0, "article", "final-provisions", None, "Final provisions"),
    ]
    # Markdown escapes are undone; everything else is the words of the file.
    assert words(draft.clause("preamble")) == ["Having regard to *everything* [sic] said at meeting #4 by a@b.org:"]
    reads_back(draft)


def test_editorial_brackets_stay_text_and_are_written_escaped() -> None:
    draft = import_text(MARKDOWN, "framework.md")
    spans = draft.clause("art-1-2").paragraphs[0].spans
    assert spans == (Text("An agreement [...] will be concluded."),)
    written = format_draft(draft)
    assert "An agreement \\[...\\] will be concluded." in written
    assert "covers \\[i.e. protects\\] the territory" in written


def test_lines_that_look_like_clause_structure_stay_prose() -> None:
    text = "1. First line\nclause sneaky 2 {\n}\n// not a comment\nnote: not a field\nparties {\n"
    draft = import_text(text, "x.txt")
    assert shape(draft) == [(0, "clause", "point-1", "1", None)]
    assert words(draft.clause("point-1")) == [
        "First line clause sneaky 2 { } // not a comment note: not a field parties {"
    ]
    reads_back(draft)


def test_rendered_header_rows_become_header_fields() -> None:
    text = """\
Draft framework
===============

Proposer: the United States of America (US)
Date: 2025-11-21
Status: reported
Source: Axios, 21 Nov 2025
Exactness: paraphrase
Parties: US: the United States of America; UA: Ukraine

*** Paraphrase of the reported content; not the words of the text. ***

1. The United States of America will protect Ukraine.
"""
    draft = import_text(text, "framework.txt")
    assert (draft.title, draft.proposer, draft.date) == ("Draft framework", "US", "2025-11-21")
    # A paraphrase imported stays a paraphrase: never more exact than the document says.
    assert draft.exactness == "paraphrase"
    assert [(p.code, p.name) for p in draft.parties] == [("US", "the United States of America"), ("UA", "Ukraine")]
    assert shape(draft) == [(0, "clause", "point-1", "1", None)]
    # What the draft cannot hold in its header is kept in a comment, not dropped.
    assert any("source as: Axios, 21 Nov 2025" in c.text for c in draft.comments)
    reads_back(draft)


def test_rows_that_do_not_fit_the_header_stay_prose() -> None:
    draft = import_text("Title here\n\nDate: 21 November 2025\nStatus: reported\n\n1. Point.\n", "x.txt")
    assert draft.date is None
    assert words(draft.clause("preamble")) == ["Date: 21 November 2025 Status: reported"]


SOURCE_FILE = """\
TITLE: Treaty on European Union (extract)
DATE: Lisbon, 13 December 2007 (signature)
SOURCES READ: [A] EUR-Lex, consolidated version
EXACTNESS: VERBATIM from [A].
----------------------------------------------------------------
Article 42(7)

If a Member State is the victim of armed aggression on its territory, the other Member States shall have towards
it an obligation of aid and assistance by all the means in their power.
"""


def test_a_source_files_own_header_becomes_the_title_and_comments_never_prose() -> None:
    draft = import_text(SOURCE_FILE, "teu.txt")
    assert draft.title == "Treaty on European Union (extract)"
    assert draft.date is None and draft.exactness == DEFAULT_EXACTNESS
    comments = [c.text for c in draft.comments]
    assert " SOURCES READ: [A] EUR-Lex, consolidated version" in comments
    assert " DATE: Lisbon, 13 December 2007 (signature)" in comments
    assert " EXACTNESS: VERBATIM from [A]." in comments
    assert shape(draft) == [(0, "article", "art-42-7", "42(7)", None)]
    assert words(draft.clause("art-42-7"))[0].startswith("If a Member State is the victim")
    reads_back(draft)


def test_a_capitalised_row_with_a_value_its_field_takes_fills_the_header() -> None:
    draft = import_text(SOURCE_FILE.replace("Lisbon, 13 December 2007 (signature)", "2007-12-13"), "teu.txt")
    assert draft.date == "2007-12-13"


def test_options_are_checked() -> None:
    with pytest.raises(UsageError):
        import_text(POINTS, "x.txt", proposer="us")
    with pytest.raises(UsageError):
        import_text(POINTS, "x.txt", draft_id="10-points")
    with pytest.raises(UsageError):
        import_text(POINTS, "x.txt", exactness="exact")
    with pytest.raises(InputError, match="no text to import"):
        import_text("\n  \n", "x.txt")
    draft = import_text(POINTS, "28 Points.txt", draft_id="us-28", title="US plan", exactness="verbatim")
    assert (draft.id, draft.title, draft.exactness) == ("us-28", "US plan", "verbatim")
    assert import_text(POINTS, "28 Points.txt").id == "draft-28-points"


# --- properties ---------------------------------------------------------------------------

_LINE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(
        [
            "",
            "1. point",
            "10. a. sub",
            "(i) roman",
            "a) letter",
            "Article 5",
            "ARTICLE IV — Title",
            "## Article 2: Heading",
            "# Title",
            "----",
            "====",
            "clause x 1 {",
            "}",
            "// comment",
            "key: value",
            "[US: 600 | E3: 800]",
            "\\[escaped\\] @US #ref <Term>",
            "  indented text",
            "*** notice ***",
            "Date: 2025-01-01",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=25), st.booleans())
def test_any_text_imports_to_a_draft_that_reads_back_the_same(lines: list[str], markdown: bool) -> None:
    try:
        draft = import_text("\n".join(lines), "generated.md" if markdown else "generated.txt")
    except InputError as error:  # only rules, underlines and blank lines
        assert "no text to import" in str(error)
        return
    reads_back(draft)
    ids = [c.id for c in draft.walk()]
    assert len(ids) == len(set(ids))


# --- Word ---------------------------------------------------------------------------------


def _tracked(paragraph, kind: str, text: str, revision: int) -> None:
    """Append a tracked insertion or deletion, the way Word writes them (DOCX-REDLINES.md)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(revision))
    wrapper.set(qn("w:author"), "E3 counter-proposal")
    run = OxmlElement("w:r")
    node = OxmlElement("w:t" if kind == "ins" else "w:delText")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def _delete_mark(paragraph, revision: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    run_properties = OxmlElement("w:rPr")
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), str(revision))
    mark.set(qn("w:author"), "E3 counter-proposal")
    run_properties.append(mark)
    properties.append(run_properties)


@pytest.fixture()
def redline_docx(tmp_path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Peace framework", style="Title")
    document.add_heading("Article 1 — Forces", level=1)
    cap = document.add_paragraph("6. Size of Ukraine military to be capped at ")
    _tracked(cap, "del", "600,000", 1)
    _tracked(cap, "ins", "800,000 in peacetime", 2)
    cap.add_run(".")
    jets = document.add_paragraph("9. ")
    _tracked(jets, "del", "European", 3)
    _tracked(jets, "ins", "NATO", 4)
    jets.add_run(" fighter jets will be stationed in Poland [sic].")
    merged = document.add_paragraph("10. US guarantee that ")
    _tracked(merged, "ins", "mirrors ", 5)
    _delete_mark(merged, 6)
    document.add_paragraph("Article 5.")
    gone = document.add_paragraph()
    _tracked(gone, "del", "11. A point the E3 deleted.", 7)
    _delete_mark(gone, 8)
    document.add_heading("Article 2 — Numbered by Word", level=1)
    document.add_paragraph("first automatic point", style="List Number")
    document.add_paragraph("second automatic point", style="List Number")
    path = tmp_path / "redline.docx"
    document.save(str(path))
    return path


def test_docx_import_reads_the_accepted_text_of_tracked_changes(redline_docx: Path) -> None:
    draft = import_docx(redline_docx)
    assert draft.title == "Peace framework" and draft.source == "redline.docx"
    assert shape(draft) == [
        (0, "article", "art-1", "1", "Forces"),
        (1, "clause", "art-1-6", "6", None),
        (1, "clause", "art-1-9", "9", None),
        (1, "clause", "art-1-10", "10", None),
        (0, "article", "art-2", "2", "Numbered by Word"),
        (1, "clause", "art-2-1", "1", None),
        (1, "clause", "art-2-2", "2", None),
    ]
    assert words(draft.clause("art-1-6")) == ["Size of Ukraine military to be capped at 800,000 in peacetime."]
    assert words(draft.clause("art-1-9")) == ["NATO fighter jets will be stationed in Poland [sic]."]
    # A deleted paragraph mark joins the paragraph to the next one, as accepting it does.
    assert words(draft.clause("art-1-10")) == ["US guarantee that mirrors Article 5."]
    assert words(draft.clause("art-2-2")) == ["second automatic point"]
    reads_back(draft)


@pytest.mark.clients
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (CI installs it)")
def test_docx_accepted_text_agrees_with_pandoc(redline_docx: Path) -> None:
    accepted = subprocess.run(
        ["pandoc", "--track-changes=accept", "-t", "plain", "--wrap=none", str(redline_docx)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    draft = import_docx(redline_docx)
    for clause in draft.walk():
        for paragraph in words(clause):
            assert paragraph in " ".join(accepted.split()), paragraph
    assert "600,000" not in accepted and "European" not in accepted


def test_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("1. not a zip")
    with pytest.raises(InputError, match="not a Word document"):
        import_docx(fake)
    with pytest.raises(InputError, match="cannot import this kind of file"):
        import_file(tmp_path / "draft.pdf")


# --- the command --------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clausekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_cli_import_writes_a_draft_that_checks(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(POINTS, encoding="utf-8")
    done = run("import", "plan.txt", "-o", "plan.clause", "--id", "us-plan", "--proposer", "US", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "plan.clause").read_text(encoding="utf-8")
    assert 'draft us-plan "US draft peace plan" {' in written
    assert "clause point-10-a a {" in written
    assert run("fmt", "--check", "plan.clause", cwd=tmp_path).returncode == 0
    printed = run("import", "plan.txt", "--id", "us-plan", "--proposer", "US", cwd=tmp_path)
    assert printed.stdout == written


def test_cli_import_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(POINTS, encoding="utf-8")
    over_input = run("import", "plan.txt", "-o", "plan.txt", cwd=tmp_path)
    missing = run("import", "missing.md", cwd=tmp_path)
    for done in (over_input, missing):
        assert done.returncode == 2
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert missing.stderr.startswith("missing.md: no such file")
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == POINTS


# --- importing what `clausekit render --format text` prints ----------------------------------
#
# The text rendering is what a reader sees: party references become names, cross-references
# the numbers they cite, a guarantee without prose its generated wording. So the import of a
# rendering is compared with the original *as the rendering shows it* (the renderer's own view
# of it), with the real diff as the judge.

SHIPPED = sorted([*(ROOT / "drafts").glob("*.clause"), *(ROOT / "drafts" / "reference").glob("*.clause")])


def as_shown(draft: Draft) -> Draft:
    """The draft with each provision's prose replaced by the paragraphs the renderer prints for it."""
    import dataclasses

    from clausekit.model import Paragraph, Term
    from clausekit.render.draft.view import build_view
    from clausekit.render.templates import environment

    shown: dict[str, list[str]] = {}
    printed = ""  # the id of the last provision printed
    for item in build_view(draft, environment(None)).items:
        # A defined term reads as prose of the provision printed before it.
        if item.kind != "term":
            printed = item.id
        shown.setdefault(printed, []).extend(p.text for p in item.paragraphs)

    def convert(items: tuple) -> tuple:
        return tuple(
            dataclasses.replace(
                item,
                kind="clause" if item.kind == "guarantee" else item.kind,
                guarantee=None,
                source=None,
                exactness=None,
                date=None,
                proposer=None,
                paragraphs=tuple(Paragraph((Text(" ".join(p.split())),)) for p in shown.get(item.id, []) if p.strip()),
                children=convert(item.children),
            )
            for item in items
            if not isinstance(item, Term)
        )

    return dataclasses.replace(draft, body=convert(draft.body))


def tokens(draft: Draft) -> list[str]:
    """Every number, title and word of the provisions, in reading order."""
    out: list[str] = []
    for clause in draft.walk():
        out.extend(part for part in (clause.number, clause.title) if part)
        for text in words(clause):
            out.extend(text.split())
    return out


def render_and_import(path: Path) -> tuple[Draft, Draft]:
    from clausekit.language.parser import load
    from clausekit.render import render

    original = load(path)
    text = render(original, "text")
    assert isinstance(text, str)
    return original, import_text(text, path.with_suffix(".txt").name)


def unambiguous_in_text(draft: Draft) -> bool:
    """Whether the text rendering shows every provision's place: each has a number or a title,
    and no numbered point follows an article heading at the top level (it would read as part
    of the article)."""
    top = [item for item in draft.body if isinstance(item, Clause)]
    kinds = {clause.kind == "article" for clause in top}
    return all(c.number or c.title for c in draft.walk()) and len(kinds) <= 1


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_importing_a_text_rendering_keeps_every_word_in_order(path: Path) -> None:
    original, imported = render_and_import(path)
    assert tokens(imported) == tokens(as_shown(original))
    assert imported.title == original.title and imported.date == original.date
    assert [p.code for p in imported.parties] == [p.code for p in original.parties]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_importing_a_text_rendering_gives_no_clause_level_change(path: Path) -> None:
    from clausekit.diff import diff

    original, imported = render_and_import(path)
    if not unambiguous_in_text(original):
        pytest.skip("the text rendering does not show where every provision starts (see unambiguous_in_text)")
    result = diff(as_shown(original), imported)
    assert [(c.key, c.kinds) for c in result.changes if c.changed] == []
    assert len(result.changes) == len(original.walk())


def test_the_round_trip_runs_on_shipped_drafts() -> None:
    # Guards the test above against skipping everything without anyone noticing.
    from clausekit.language.parser import load

    assert sum(unambiguous_in_text(load(p)) for p in SHIPPED) >= 2


EVERYTHING = """\
draft sample "Sample agreement" {
  proposer: E3
  date: 2025-11-23
  status: tabled
  source: written for this test
  exactness: verbatim
}

parties {
  E3 "the United Kingdom, France and Germany"  members UK, FR, DE
  UA "Ukraine"
  UK "the United Kingdom"
  FR "France"
  DE "Germany"
}

article forces 1 "Armed forces" {
  term "Peacetime" {
    any period in which no armed attack is under way.
  }

  clause cap 1 {
    The armed forces of @UA are capped at [UA: 800,000 | E3: 800,000 in <Peacetime>].

    The cap is reviewed every five years [sic: "years"].
  }

  clause review 2 "Review" {
    A review under #cap may raise the cap.

    clause review-a a {
      by agreement of @E3;
    }

    clause review-b b {
      after consultations with @UA.
    }
  }
}

article final 2 "Final provisions" {
  This agreement enters into force on signature by <Peacetime>-loving states.
}
"""


def test_a_text_rendering_of_every_construct_imports_without_change(tmp_path: Path) -> None:
    from clausekit.diff import diff

    path = tmp_path / "sample.clause"
    path.write_text(EVERYTHING, encoding="utf-8")
    original, imported = render_and_import(path)
    assert unambiguous_in_text(original)
    result = diff(as_shown(original), imported)
    assert [(c.key, c.kinds) for c in result.changes if c.changed] == []
    assert [c.number for c in imported.walk()] == ["1", "1", "2", "a", "b", "2"]
    assert imported.clause("art-1-2").title == "Review"
    reads_back(imported)
