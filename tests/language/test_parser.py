"""What the parser makes of each construct of the language (docs/language.md)."""

from __future__ import annotations

import pytest

from clausekit.errors import ClauseSyntaxError, InputError
from clausekit.language.parser import load, loads
from clausekit.model import Bracket, BracketOption, ClauseRef, PartyRef, TermRef, Text

HEADER = 'draft d "Title" {\n  proposer: US\n}\n\n'


def body(text: str):
    return loads(HEADER + text, filename="t.clause")


def spans_of(prose: str):
    draft = body("clause c 1 {\n  " + prose + "\n}\n")
    return draft.body[0].paragraphs[0].spans


def test_header_fields():
    draft = loads(
        'draft us-plan "US 28-point plan" {\n  proposer: US\n  date: 2025-11-20\n  version: 2\n'
        "  status: leaked\n  source: Axios, 20 Nov 2025: full text [A]\n  exactness: reconstructed\n"
        "  language: en\n}\n"
    )
    assert (draft.id, draft.title, draft.proposer, draft.date, draft.version) == (
        "us-plan",
        "US 28-point plan",
        "US",
        "2025-11-20",
        "2",
    )
    assert draft.status == "leaked" and draft.exactness == "reconstructed"
    # Source is plain text: brackets and colons in it are not markup.
    assert draft.source == "Axios, 20 Nov 2025: full text [A]"


def test_parties_with_aliases_match_and_members():
    draft = body(
        'parties {\n  RU "the Russian Federation"  aka "Russia", "Moscow"  match "Russia"\n'
        '  E3 "the United Kingdom, France and Germany"  members UK, FR, DE\n}\n'
    )
    russia, e3 = draft.parties
    assert russia.aliases == ("Russia", "Moscow") and russia.match == ("Russia",)
    assert e3.members == ("UK", "FR", "DE")


def test_ids_numbers_titles_and_nesting():
    draft = body(
        'article guarantees 10 "US guarantee" {\n  clause compensation a {\n    Paid.\n  }\n'
        '  clause sub 10(c) "With \\"quotes\\"" {\n    clause deeper iv {\n      Deep.\n    }\n  }\n}\n'
    )
    article = draft.body[0]
    assert (article.kind, article.id, article.number, article.title) == ("article", "guarantees", "10", "US guarantee")
    first, second = article.children
    assert (first.id, first.number, first.title) == ("compensation", "a", None)
    assert (second.number, second.title) == ("10(c)", 'With "quotes"')
    assert second.children[0].number == "iv"
    assert [c.id for c in draft.walk()] == ["guarantees", "compensation", "sub", "deeper"]


def test_prose_paragraphs_and_line_breaks():
    draft = body("clause c 1 {\n  First line\n  continues here.\n\n  Second paragraph.\n}\n")
    first, second = draft.body[0].paragraphs
    assert first.spans == (Text("First line continues here."),)
    assert first.source_lines == ("First line", "continues here.")
    assert second.spans == (Text("Second paragraph."),)
    # One line that fmt writes back from the spans as it stands keeps no second copy.
    assert second.source_lines == ()


def test_prose_written_other_than_fmt_would_keep_its_lines():
    draft = body(
        "clause c 1 {\n  \\and escaped at the start.\n\n  An e\\xtra escape fmt leaves out.\n\n"
        "  [ US :  spaced | RU: out ]\n}\n\nguarantee g 2 {\n  trigger: an armed attack\n}\n"
    )
    escaped, unneeded, spaced = draft.body[0].paragraphs
    assert escaped.source_lines == ()  # fmt escapes a line that starts with a lower-case word
    assert unneeded.source_lines == ("An e\\xtra escape fmt leaves out.",)
    assert spaced.source_lines == ("[ US :  spaced | RU: out ]",)
    # A field writes no leading escape: its value keeps no lines either.
    assert draft.body[1].guarantee.triggers[0].source_lines == ()  # type: ignore[union-attr]


def test_a_term_is_named_as_its_uses_name_it():
    # A use reads runs of spaces as one space; so does the definition, or the two would differ.
    draft = body('term "Line  of\tContact" {\n  The line.\n}\n\nclause c 1 {\n  Along the <Line of  Contact>.\n}\n')
    assert draft.body[0].name == "Line of Contact"
    assert draft.body[1].paragraphs[0].spans[1] == TermRef("Line of Contact")


def test_sentence_starting_with_a_keyword_is_prose():
    spans = spans_of("Clause 5 shall apply; article 6 too. Guarantee { terms } here.")
    assert spans == (Text("Clause 5 shall apply; article 6 too. Guarantee { terms } here."),)


def test_inline_references():
    spans = spans_of("@UA and @E3 accept the <Security Guarantee> in #point-10.")
    assert spans == (
        PartyRef("UA"),
        Text(" and "),
        PartyRef("E3"),
        Text(" accept the "),
        TermRef("Security Guarantee"),
        Text(" in "),
        ClauseRef("point-10"),
        Text("."),
    )
    # Every reference knows where it was written.
    assert spans[0].location.line == 6 and spans[0].location.column == 3
    assert spans[6].location.column == 50


def test_ordinary_text_needs_no_escaping():
    prose = (
        "Mail info@nato.int or see https://example.org/page#anchor // not a comment; "
        "x < 5 > 3; a | b; \"q\" 'q' (p): ok"
    )
    assert spans_of(prose) == (Text(prose),)


def test_escapes():
    assert spans_of(r"Their remains \[i.e. bodies\] and \@US \#x \<T\> \\") == (
        Text(r"Their remains [i.e. bodies] and @US #x <T> \\"[:-1]),
    )


def test_brackets_with_attributed_alternatives():
    (before, bracket, after) = spans_of("capped at [US: 600,000 | E3: 800,000 in peacetime: as agreed].")
    assert before == Text("capped at ") and after == Text(".")
    assert bracket.options == (
        BracketOption("US", (Text("600,000"),)),
        BracketOption("E3", (Text("800,000 in peacetime: as agreed"),)),
    )


def test_bracket_forms():
    (only,) = spans_of("[E3: permanently]")
    assert only == Bracket((BracketOption("E3", (Text("permanently"),)),))
    (unattributed,) = spans_of("[text not agreed]")
    assert unattributed.options == (BracketOption(None, (Text("text not agreed"),)),)
    (empty,) = spans_of("[US: | E3: @NATO troops]")
    assert empty.options == (BracketOption("US", ()), BracketOption("E3", (PartyRef("NATO"), Text(" troops"))))


def test_guarantee_fields():
    draft = body(
        "guarantee g 1 {\n  guarantor: US, E3\n  guarantor: PL\n  beneficiary: UA\n  modality: shall\n"
        "  trigger: a significant, deliberate and sustained armed attack\n    across the armistice line\n"
        "  response: armed force\n  response: sanctions on @RU\n  duration: 10 years\n"
        "  renewal: by mutual agreement\n  condition: ratified by @US\n  void-if: @UA invades @RU\n"
        "  compensation: paid to @US\n  mirrors: north-atlantic-treaty-1949::art-5, us-japan-1960::art-v\n}\n"
    )
    guarantee = draft.body[0].guarantee
    assert guarantee.guarantors == ("US", "E3", "PL") and guarantee.beneficiaries == ("UA",)
    assert guarantee.modality == "shall"
    assert guarantee.triggers[0].spans == (
        Text("a significant, deliberate and sustained armed attack across the armistice line"),
    )
    assert [r.spans for r in guarantee.responses][1] == (Text("sanctions on "), PartyRef("RU"))
    assert guarantee.mirrors == ("north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v")
    assert guarantee.void_if[0].spans == (PartyRef("UA"), Text(" invades "), PartyRef("RU"))


def test_placeholder_and_clause_provenance():
    draft = body("clause c 15 {\n  exactness: missing\n  source: not published\n  date: 2025-11\n  proposer: UA\n}\n")
    clause = draft.body[0]
    assert clause.is_placeholder and clause.paragraphs == ()
    assert (clause.source, clause.date, clause.proposer) == ("not published", "2025-11", "UA")


def test_fields_only_at_the_start_of_a_block():
    draft = body("clause c 1 {\n  Text first.\n  source: this is prose now\n}\n")
    assert draft.body[0].source is None
    assert draft.body[0].paragraphs[0].spans == (Text("Text first. source: this is prose now"),)


def test_terms_and_comments():
    draft = body('// about the term\nterm "Security Guarantee" {\n  // inside\n  the commitment.\n}\n')
    term = draft.body[0]
    assert term.name == "Security Guarantee" and term.definition[0].spans == (Text("the commitment."),)
    assert term.comments[0].text == " about the term"
    assert term.definition[0].comments[0].text == " inside"


def test_unicode_crlf_and_bom():
    text = (
        '\ufeffdraft ua "Проєкт угоди" {\r\n  language: uk\r\n}\r\n\r\nclause c 1 {\r\n'
        "  Україна та Російська Федерація.\r\n}\r\n"
    )
    draft = loads(text)
    assert draft.title == "Проєкт угоди" and draft.language == "uk"
    assert draft.body[0].paragraphs[0].spans == (Text("Україна та Російська Федерація."),)


def test_equality_ignores_layout_and_comments():
    a = body("clause c 1 {\n  Same   words\n  here.\n}\n")
    b = loads('// note\ndraft d "Title" {\n    proposer: US\n}\n\n\n   clause c 1 {\nSame words here.\n      }\n')
    assert a == b and hash(a) == hash(b)


def test_errors_carry_positions():
    with pytest.raises(ClauseSyntaxError) as caught:
        body("clause c 1 {\n  ok\n  [US: open\n}\n")
    assert (caught.value.line, caught.value.column) == (7, 3)


def test_load_reports_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.clause")
    (tmp_path / "latin1.clause").write_bytes(HEADER.encode() + "clause c 1 {\n  Caf\xe9\n}\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.clause:6:6: is not valid UTF-8 \(byte 0xe9\)"):
        load(tmp_path / "latin1.clause")
    (tmp_path / "utf16.clause").write_bytes(HEADER.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        load(tmp_path / "utf16.clause")
    (tmp_path / "binary.clause").write_bytes(b"draft\x00\x01")
    with pytest.raises(InputError, match="NUL byte"):
        load(tmp_path / "binary.clause")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_guarantee_fields_not_known():
    draft = body("guarantee g 10 {\n  guarantor: US\n  unknown: response, modality\n}\n")
    assert draft.body[0].guarantee.unknown == ("response", "modality")
    with pytest.raises(ClauseSyntaxError, match="'colour' is not a guarantee field"):
        body("guarantee g 10 {\n  unknown: colour\n}\n")


def test_a_paragraph_carries_its_own_provenance_without_becoming_a_provision():
    draft = body(
        "clause c 1 {\n  exactness: verbatim\n  First.\n\n"
        "  ~ source: a forum copy\n  ~ exactness: unverified\n  Second,\n  on two lines.\n}\n"
    )
    (clause,) = draft.body
    first, second = clause.paragraphs
    assert (first.exactness, first.source) == (None, None)
    assert (second.exactness, second.source) == ("unverified", "a forum copy")
    assert second.spans == (Text("Second, on two lines."),)
    assert clause.children == () and clause.exactness == "verbatim"


def test_a_paragraph_field_line_inside_a_paragraph_starts_the_paragraph_it_describes():
    (clause,) = body("clause c 1 {\n  One.\n  ~ exactness: paraphrase\n  Two.\n}\n").body
    assert [(p.spans, p.exactness) for p in clause.paragraphs] == [
        ((Text("One."),), None),
        ((Text("Two."),), "paraphrase"),
    ]


def test_an_escaped_tilde_line_is_prose():
    assert spans_of("\\~ exactness: unverified") == (Text("~ exactness: unverified"),)


def test_a_paragraph_is_never_missing():
    with pytest.raises(ClauseSyntaxError, match="a paragraph with text is not 'missing'"):
        body("clause c 1 {\n  ~ exactness: missing\n  Words.\n}\n")
