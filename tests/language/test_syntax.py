"""One definition of every lexical pattern: what a declaration accepts, a reference can name."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from clausekit.errors import ClauseSyntaxError
from clausekit.language import syntax
from clausekit.language.parser import loads
from clausekit.lint import check
from clausekit.model import BLOCK_FIELDS, FIELDS, Clause, Draft, Guarantee, PartyRef

# Codes as a careless drafter might type them: capitals, digits, hyphens, the odd lowercase.
_CODE_CHARS = st.sampled_from("ABCEUKRS0123-_a")


@given(st.text(_CODE_CHARS, min_size=1, max_size=6))
def test_every_declared_party_code_can_be_referred_to(code: str) -> None:
    source = f'draft d "T" {{\n}}\n\nparties {{\n  {code} "A party"\n}}\n\nclause c 1 {{\n  @{code} will act.\n}}\n'
    try:
        draft = loads(source, filename="t.clause")
    except ClauseSyntaxError:
        return  # not a code: refused where it is declared, with its position
    (party,) = draft.parties
    assert syntax.PARTY_CODE_FULL.match(party.code)
    spans = draft.body[0].paragraphs[0].spans  # type: ignore[union-attr]
    assert spans[0] == PartyRef(party.code)
    assert not [f for f in check([draft]) if f.code == "unknown-party"]


def test_a_code_that_ends_in_a_hyphen_is_refused_where_it_is_declared() -> None:
    # It once read as "E" followed by "-" wherever it was used: "unknown party 'E'".
    source = 'draft d "T" {\n}\n\nparties {\n  E- "E"\n}\n'
    try:
        loads(source, filename="t.clause")
    except ClauseSyntaxError as error:
        assert (error.line, error.column) == (5, 4)
        assert "'E-' is not a party code" in error.message
    else:
        raise AssertionError("E- was accepted as a party code")


@given(st.text(st.sampled_from("abz09-._A"), min_size=1, max_size=8))
def test_every_clause_id_an_opener_accepts_can_be_cross_referenced(ident: str) -> None:
    source = f'draft d "T" {{\n}}\n\nclause {ident} 1 {{\n  See #{ident}.\n}}\n'
    try:
        draft = loads(source, filename="t.clause")
    except ClauseSyntaxError:
        return
    assert not [f for f in check([draft]) if f.code == "unknown-reference"]


def test_the_patterns_are_the_ones_the_parser_uses() -> None:
    assert syntax.PARTY_CODE_FULL.match("EU-27") and not syntax.PARTY_CODE_FULL.match("E-")
    assert syntax.ID_FULL.match("us-guarantee") and not syntax.ID_FULL.match("us-")
    assert syntax.CLAUSE_REF_RE.match("north-atlantic-treaty-1949::art-5")
    assert syntax.REDLINE_TOKEN.findall("$100 ten-year 50%") == ["$100", " ", "ten-year", " ", "50%"]
    assert [m.group() for m in syntax.READER_TOKEN.finditer("ten-year")] == ["ten", "-", "year"]


# --- the one table of fields ---------------------------------------------------------------------


def test_every_field_names_an_attribute_of_the_model_that_holds_it() -> None:
    for block, specs in BLOCK_FIELDS.items():
        for spec in specs:
            holders = (Draft,) if block == "draft" else (Clause, Guarantee)
            assert any(spec.attribute in holder.__dataclass_fields__ for holder in holders), (block, spec.name)
            assert spec.meaning and re.fullmatch(syntax.FIELD_KEY, spec.name)


def test_every_field_is_documented_in_the_language_reference() -> None:
    from conftest import ROOT

    language = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    missing = [name for name in FIELDS if f"`{name}`" not in language and f"`{name}:" not in language]
    assert not missing, f"fields not in docs/language.md: {missing}"
