"""Word redlines with native tracked changes, proved by real clients: pandoc's Accept All
reads as the new draft and Reject All as the old one; LibreOffice sees every change."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from clausekit.diff import diff
from clausekit.language.parser import load, loads
from clausekit.model import Draft
from clausekit.render import render
from clausekit.render.diff.paragraphs import rendered
from clausekit.render.diff.redline import render_redline_docx
from conftest import ROOT
from render_clients import GOLDEN, normalise, pandoc_plain, soffice_fodt
from strategies import drafts

OLD, NEW = GOLDEN / "pair-old.clause", GOLDEN / "pair-new.clause"
SHIPPED = (ROOT / "drafts" / "us-28-point-plan.clause", ROOT / "drafts" / "e3-counterproposal.clause")
W_INS, W_DEL, W_RPR = qn("w:ins"), qn("w:del"), qn("w:rPr")


def body_of(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(qn("w:body"))


def read(data: bytes, accept: bool) -> list[str]:
    """The paragraphs after Accept All (or Reject All), read straight from the OOXML."""
    drop = W_DEL if accept else W_INS
    out = []
    for p in body_of(data).iter(qn("w:p")):
        mark = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        if mark is not None and mark.find(drop) is not None:
            continue
        words = []
        for node in p.iter(qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")):
            inside = {a.tag for a in node.iterancestors() if a.tag in (W_INS, W_DEL)}
            if drop in inside or (node.tag == qn("w:delText") and accept):
                continue
            words.append("\t" if node.tag == qn("w:tab") else "\n" if node.tag == qn("w:br") else node.text or "")
        out.append(" ".join("".join(words).split()))
    return out


def expected(draft: Draft) -> list[str]:
    return [" ".join(b.text.split()) for blocks in rendered(draft).blocks for b in blocks]


def redline_file(old: Draft, new: Draft, folder: Path) -> Path:
    path = folder / "redline.docx"
    path.write_bytes(render_redline_docx(diff(old, new)))
    return path


def assert_pandoc_reads_both_drafts(old: Draft, new: Draft, folder: Path) -> None:
    path = redline_file(old, new, folder)
    assert normalise(pandoc_plain(path, "accept")) == normalise(render(new, "text"))
    assert normalise(pandoc_plain(path, "reject")) == normalise(render(old, "text"))


@pytest.mark.clients
def test_accept_all_is_the_new_draft_and_reject_all_the_old(tmp_path: Path) -> None:
    assert_pandoc_reads_both_drafts(load(OLD), load(NEW), tmp_path)


@pytest.mark.clients
@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_the_shipped_pair_reads_both_ways_in_pandoc(tmp_path: Path) -> None:
    assert_pandoc_reads_both_drafts(*(load(p) for p in SHIPPED), tmp_path)


def test_revisions_are_well_formed_and_attributed() -> None:
    body = body_of(render_redline_docx(diff(load(OLD), load(NEW))))
    marks = [e for e in body.iter(W_INS, W_DEL)]
    ids = [e.get(qn("w:id")) for e in marks]
    assert len(ids) == len(set(ids)) and all(ids)
    assert {e.get(qn("w:author")) for e in marks} == {"E3: Peace plan, E3 mark-up"}
    assert {e.get(qn("w:date")) for e in marks} == {"2025-11-23T00:00:00Z"}
    # deleted words are w:delText, and only deleted words are
    assert all(t.getparent().getparent().tag == W_DEL for t in body.iter(qn("w:delText")))
    assert not [t for e in body.iter(W_DEL) for t in e.iter(qn("w:t"))]
    # whole paragraphs carry a paragraph mark: the moved clause (out, in), the removed and added ones, a new paragraph
    paragraph_marks = [e.tag for e in marks if e.getparent().tag == W_RPR]
    assert sorted(paragraph_marks) == sorted([W_DEL, W_DEL, W_INS, W_INS, W_INS])


def test_identical_drafts_give_no_revision() -> None:
    data = render_redline_docx(diff(load(NEW), load(NEW)))
    assert not list(body_of(data).iter(W_INS, W_DEL))
    assert read(data, accept=True) == expected(load(NEW))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=drafts(), new=drafts(), same=st.booleans())
def test_accept_and_reject_give_the_two_renderings_for_any_pair(old: Draft, new: Draft, same: bool) -> None:
    if same:
        new = old
    data = render_redline_docx(diff(old, new))
    assert read(data, accept=True) == expected(new)
    assert read(data, accept=False) == expected(old)


@pytest.mark.clients
def test_libreoffice_recognises_every_change(tmp_path: Path) -> None:
    path = redline_file(load(OLD), load(NEW), tmp_path)
    fodt = soffice_fodt(path)
    run_level = [e for e in body_of(path.read_bytes()).iter(W_INS, W_DEL) if e.getparent().tag != W_RPR]
    # LibreOffice folds a paragraph mark into the change next to it: one region per run-level change.
    # 21: the header's title, parties and date are each replaced whole (a deletion and an insertion).
    assert len(re.findall(r"<text:changed-region ", fodt)) == len(run_level) == 21
    assert "<dc:creator>E3: Peace plan, E3 mark-up</dc:creator>" in fodt


PARAPHRASED = """\
draft plan "A plan" {
  proposer: US
  date: 2025-11-20
  exactness: verbatim
}

clause army 1 {
  The armed forces are limited to 600,000 personnel.
}

clause elections 2 {
  Elections are held in 100 days.
}
"""


def comments_of(data: bytes) -> list[tuple[str, str]]:
    """(author, text) of each Word comment."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/comments.xml"))
    return [(c.get(qn("w:author")), "".join(c.itertext())) for c in root.iter(qn("w:comment"))]


def paraphrased_pair() -> tuple[Draft, Draft]:
    old = loads(PARAPHRASED, filename="old.clause")
    new_text = PARAPHRASED.replace("600,000 personnel.", "800,000 personnel.").replace(
        "clause army 1 {\n", "clause army 1 {\n  exactness: paraphrase\n\n"
    )
    return old, loads(new_text.replace("date: 2025-11-20", "date: 2025-11-25"), filename="new.clause")


def test_a_changed_row_that_is_not_verbatim_carries_a_comment_and_no_revision() -> None:
    old, new = paraphrased_pair()
    data = render_redline_docx(diff(old, new))
    # One row changed, and it is the new draft's paraphrase; the unchanged verbatim row says nothing.
    assert comments_of(data) == [("clausekit", "exactness: old verbatim, new paraphrase")]
    body = body_of(data)
    (start,) = body.iter(qn("w:commentRangeStart"))
    assert "".join(start.getparent().itertext()).startswith("1. The armed forces")
    # A comment is not a change: Accept All and Reject All still read as the two drafts.
    assert read(data, accept=True) == expected(new)
    assert read(data, accept=False) == expected(old)


def test_verbatim_drafts_get_no_comment() -> None:
    assert comments_of(render_redline_docx(diff(load(OLD), load(NEW)))) == []


@pytest.mark.clients
def test_pandoc_and_libreoffice_read_the_exactness_comment(tmp_path: Path) -> None:
    old, new = paraphrased_pair()
    path = tmp_path / "redline.docx"
    path.write_bytes(render_redline_docx(diff(old, new)))
    assert normalise(pandoc_plain(path, "accept")) == normalise(render(new, "text"))
    assert normalise(pandoc_plain(path, "reject")) == normalise(render(old, "text"))
    fodt = soffice_fodt(path)
    (annotation,) = re.findall(r"<office:annotation\b.*?</office:annotation>", fodt, re.S)
    assert "exactness: old verbatim, new paraphrase" in annotation and "clausekit" in annotation
