"""Word drafts: read back with python-docx (structure), pandoc (words) and LibreOffice."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from clausekit.errors import ClauseKitWarning, InputError
from clausekit.language.parser import load, loads
from clausekit.render import render
from render_clients import GOLDEN, normalise, pandoc_plain, soffice_fodt

SMALL = GOLDEN / "small.clause"


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "small.docx"
    path.write_bytes(render(load(SMALL), "docx"))
    return path


@pytest.mark.clients
def test_words_equal_the_text_rendering(small_docx: Path) -> None:
    text = render(load(SMALL), "text")
    assert normalise(pandoc_plain(small_docx)) == normalise(text)


def test_styles_properties_and_page_furniture(small_docx: Path) -> None:
    document = docx.Document(str(small_docx))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    assert "Heading 1" in styles and "Heading 2" in styles
    assert "Body Text" in styles and "List Paragraph" in styles
    props = document.core_properties
    assert props.title == "Framework for a *small* settlement"
    assert props.author == "the United States of America"
    assert props.created.date().isoformat() == "2025-11-21"
    section = document.sections[0]
    assert "not an official text" in section.header.paragraphs[0].text
    footer = section.footer._element
    assert [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]


def test_cross_references_link_to_bookmarks(small_docx: Path) -> None:
    body = docx.Document(str(small_docx)).element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = {h.get(qn("w:anchor")): "".join(t.text for t in h.iter(qn("w:t"))) for h in body.iter(qn("w:hyperlink"))}
    assert links == {"c_guarantee": "1(1)", "c_points": "2(3)", "c_point_a": "2(3)(a)"}
    assert set(links) <= bookmarks


def test_reference_doc_lends_its_styles(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.name = "Garamond"
    reference.add_paragraph("this text is not carried over")
    reference.save(tmp_path / "ref.docx")
    out = docx.Document(io.BytesIO(render(load(SMALL), "docx", reference_doc=str(tmp_path / "ref.docx"))))
    assert out.styles["Heading 1"].font.name == "Garamond"
    assert all("not carried over" not in p.text for p in out.paragraphs)


def test_reference_doc_that_is_not_word_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "ref.docx").write_text("not a zip")
    with pytest.raises(InputError, match=r"not a Word \.docx file"):
        render(load(SMALL), "docx", reference_doc=str(tmp_path / "ref.docx"))


def test_control_characters_are_stripped_with_a_warning() -> None:
    draft = loads('draft d "T\x0bitle" {\n}\n\nclause a 1 {\n  Bell\x07 and\x01 more.\n}\n', "d.clause")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(draft, "docx")
    assert [str(w.message) for w in caught if w.category is ClauseKitWarning] == [
        "removed 3 control character(s) that a Word file cannot hold (U+0001, U+0007, U+000B)"
    ]
    assert "Bell and more." in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs][-1]


@pytest.mark.clients
def test_libreoffice_reads_the_draft(small_docx: Path) -> None:
    fodt = soffice_fodt(small_docx)
    assert "Security guarantee" in fodt and "800,000 in peacetime" in fodt
    assert "<text:changed-region " not in fodt


def test_long_titles_and_names_are_shortened_in_the_core_properties_only() -> None:
    from clausekit.compare import compare
    from clausekit.diff import diff
    from clausekit.render.compare import render_comparison
    from clausekit.render.diff import render_diff
    from clausekit.render.ooxml import CORE_PROPERTY_LIMIT

    title = "Framework for a lasting peace " * 12  # 360 characters
    name = "the Federal Republic of a very long name " * 8
    text = (
        f'draft long "{title.strip()}" {{\n  proposer: XX\n}}\n\nparties {{\n  XX "{name.strip()}"\n}}\n\n'
        "clause a 1 {\n  @XX will do what it can.\n}\n"
    )
    old = loads(text, "old.clause")
    new = loads(text.replace("what it can", "all it can"), "new.clause")
    outputs = {
        "render": render(old, "docx"),
        "diff": render_diff(diff(old, new), "docx"),
        "compare": render_comparison(compare([old, new]), "docx"),
    }
    for command, data in outputs.items():
        document = docx.Document(io.BytesIO(data))
        props = document.core_properties
        for value in (props.title, props.author):
            assert len(value) <= CORE_PROPERTY_LIMIT, command
        paragraphs = [p.text for p in document.paragraphs]
        if command != "compare":  # the matrix is titled by the drafts' codes
            assert props.title.endswith("\u2026"), command
            assert title.strip() in "\n".join(paragraphs), command  # the document keeps the full title
    assert docx.Document(io.BytesIO(outputs["render"])).core_properties.author.endswith("\u2026")


def test_a_verbatim_draft_with_a_part_that_is_not_carries_the_notice_on_every_page() -> None:
    source = (
        'draft d "T" {\n  exactness: verbatim\n}\n\n'
        "clause a 1 {\n  Checked.\n}\n\nclause b 2 {\n  One.\n\n  ~ exactness: unverified\n  Two.\n}\n"
    )
    document = docx.Document(io.BytesIO(render(loads(source, "d.clause"), "docx")))
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Not every part of this text is verbatim: 2, paragraph 2: unverified."
    # A draft verbatim in every part has no notice.
    clean = docx.Document(io.BytesIO(render(loads(source.replace("  ~ exactness: unverified\n", ""), "d"), "docx")))
    assert clean.sections[0].header.paragraphs[0].text == ""
