"""The compilation text: shared words clean, differences in brackets attributed to each draft.

The property that makes it trustworthy: taking every alternative of one draft (the accept
module behind ``clausekit render --accept CODE``; ``compilation.take`` also drops the other
drafts' variants of a provision that brackets cannot hold) gives back that draft's text.
Proved over generated drafts with hypothesis, and over the shipped example drafts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.compare import compare
from clausekit.language.parser import load, loads
from clausekit.lint import check
from clausekit.model import (
    Bracket,
    BracketOption,
    Clause,
    ClauseRef,
    Draft,
    Guarantee,
    Inline,
    Paragraph,
    Party,
    PartyRef,
    Term,
    TermRef,
    Text,
)
from clausekit.negotiation.accept import accept_brackets
from clausekit.negotiation.compilation import compile_draft, compile_source, take
from conftest import DRAFTS, FIXTURES

SHIPPED = [DRAFTS / "us-28-point-plan.clause", DRAFTS / "e3-counterproposal.clause", DRAFTS / "russia-positions.clause"]
SMALL = [FIXTURES / "golden" / "compare" / f"{name}.clause" for name in ("us", "e3", "ru")]
_SPACES = re.compile(r"\s+")


# --- what "a draft's text" is --------------------------------------------------------------


def _normal(spans: tuple[Inline, ...], refs: dict[str, str]) -> tuple:
    """Spans as a reader reads them: adjacent texts joined, white space collapsed, ends trimmed,
    cross-references by the row they point at."""
    out: list = []
    for span in spans:
        if isinstance(span, ClauseRef):
            span = ClauseRef(refs.get(span.target, span.target))
        if isinstance(span, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + span.text)
        else:
            out.append(span)
    out = [Text(_SPACES.sub(" ", s.text)) if isinstance(s, Text) else s for s in out]
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(s for s in out if not (isinstance(s, Text) and not s.text))


def _field_paragraphs(guarantee: Guarantee | None) -> tuple[Paragraph, ...]:
    if guarantee is None:
        return ()
    singles = (guarantee.duration, guarantee.renewal, guarantee.compensation)
    return (
        *guarantee.triggers,
        *guarantee.responses,
        *guarantee.conditions,
        *guarantee.void_if,
        *(p for p in singles if p is not None),
    )


def text_of(draft: Draft, refs: dict[str, str] | None = None) -> Counter:
    """Every paragraph of prose and of guarantee fields, as a multiset. A paragraph that still
    holds a bracket is not known text for this draft (another delegation's alternatives only, or
    a text not available), and an empty one says nothing."""
    refs = refs or {}
    out: Counter = Counter()
    for clause in draft.walk():
        if clause.is_placeholder:
            continue
        for paragraph in clause.paragraphs + _field_paragraphs(clause.guarantee):
            spans = _normal(paragraph.spans, refs)
            if spans and not any(isinstance(s, Bracket) for s in spans):
                out[spans] += 1
    for term in draft.terms():
        for paragraph in term.definition:
            spans = _normal(paragraph.spans, refs)
            if spans and not any(isinstance(s, Bracket) for s in spans):
                out[("term", term.name, spans)] += 1
    return out


def assert_round_trip(drafts: list[Draft]) -> None:
    comparison = compare(drafts)
    source = compile_source(comparison)
    compiled = loads(source, filename="compilation.clause")  # the text itself, read back
    errors = [f for f in check([compiled]) if f.level == "error"]
    assert not errors, errors
    for col, column in enumerate(comparison.columns):
        draft = column.draft
        if draft.party(column.code) is not None:
            # Taking a code also takes that delegation's options in the draft's own brackets.
            draft = accept_brackets(draft, column.code).draft
        refs = {}
        for row in comparison.rows:
            cell = row.cells[col]
            if cell.clause is not None:
                refs.setdefault(cell.clause.id, row.key)
        assert text_of(take(compiled, column.code)) == text_of(draft, refs), column.code


# --- generated drafts ------------------------------------------------------------------------

WORDS = [
    "the",
    "parties",
    "shall",
    "will",
    "may",
    "ensure",
    "security",
    "600,000",
    "800,000",
    "forces",
    "in",
    "peacetime",
]
PARTIES = (Party("US", "the US"), Party("E3", "the E3"), Party("RU", "Russia"), Party("UA", "Ukraine"))


@st.composite
def sentences(draw) -> tuple[Inline, ...]:
    words = draw(st.lists(st.sampled_from([*WORDS, "@UA", "@US"]), min_size=1, max_size=9))
    spans: list[Inline] = []
    for index, word in enumerate(words):
        gap = " " if index else ""
        if word.startswith("@"):
            if gap:
                spans.append(Text(gap))
            spans.append(PartyRef(word[1:]))
        else:
            spans.append(Text(gap + word))
    spans.append(Text("."))
    merged: list[Inline] = []
    for span in spans:
        if isinstance(span, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


@st.composite
def clauses(draw, ident: str) -> Clause:
    if draw(st.integers(0, 9)) == 0:
        return Clause("clause", ident, exactness="missing")
    paragraphs = draw(st.lists(sentences(), min_size=1, max_size=2))
    return Clause("clause", ident, paragraphs=tuple(Paragraph(p) for p in paragraphs))


@st.composite
def drafts(draw, index: int, proposer: str) -> Draft:
    ids = draw(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=5, unique=True))
    body = tuple(draw(clauses(ident)) for ident in ids)
    return Draft(f"d{index}", f"Draft {index}", proposer=proposer, parties=PARTIES, body=body)


@st.composite
def draft_sets(draw) -> list[Draft]:
    proposers = draw(st.lists(st.sampled_from(["US", "E3", "RU"]), min_size=2, max_size=4))
    base = draw(drafts(0, proposers[0]))
    out = [base]
    for index, proposer in enumerate(proposers[1:], start=1):
        if draw(st.booleans()):
            # An edit of the base: most words shared, so brackets go word by word.
            edited = []
            for clause in base.body:
                if clause.paragraphs and draw(st.booleans()):
                    first = clause.paragraphs[0].spans + draw(sentences())
                    clause = Clause("clause", clause.id, paragraphs=(Paragraph(first), *clause.paragraphs[1:]))
                edited.append(clause)
            out.append(Draft(f"d{index}", f"Draft {index}", proposer=proposer, parties=PARTIES, body=tuple(edited)))
        else:
            out.append(draw(drafts(index, proposer)))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft_sets())
def test_taking_one_drafts_alternatives_gives_back_its_text(generated):
    assert_round_trip(generated)


# --- examples --------------------------------------------------------------------------------


def test_small_case_round_trips_and_brackets_words_where_clauses_mostly_agree():
    drafts = [load(str(p)) for p in SMALL]
    assert_round_trip(drafts)
    two = compile_source(compare(drafts[:2]))
    # US and E3 agree on most of the force cap: the bracket holds the number only.
    assert "The armed forces of @UA will be limited to [US: 600,000 | E3: 800,000]" in two


def test_whole_alternatives_where_clauses_do_not_agree_and_gaps_hold_empty_options():
    source = compile_source(compare([load(str(p)) for p in SMALL]))
    assert "[US: | E3: | RU: @UA shall adopt permanent neutrality.]" in source
    assert "[US: All parties to the conflict will receive full amnesty. | E3: | RU: All parties" in source


def test_text_not_available_is_no_option_and_no_agreement():
    compiled = compile_draft(compare([load(str(p)) for p in SMALL]))
    jets = compiled.clause("jets")
    bracket = jets.paragraphs[0].spans[0]
    assert isinstance(bracket, Bracket)
    assert [o.party for o in bracket.options] == ["US", "RU"]  # E3's text is not available
    assert "E3" in jets.comments[-1].text
    # Taking E3 leaves that bracket open: nothing is presented as E3's text there.
    assert isinstance(take(compiled, "E3").clause("jets").paragraphs[0].spans[0], Bracket)


def test_guarantee_fields_that_brackets_cannot_hold_become_variants():
    compiled = compile_draft(compare([load(str(p)) for p in SMALL]))
    row = compiled.clause("guarantee")
    assert [c.id for c in row.clauses] == ["guarantee--us", "guarantee--e3"]
    assert [c.proposer for c in row.clauses] == ["US", "E3"]
    assert [c.id for c in take(compiled, "E3").clause("guarantee").clauses] == ["guarantee--e3"]


def test_two_drafts_of_one_proposer_are_declared_apart():
    a = load(str(SMALL[0]))
    b = loads(SMALL[0].read_text(encoding="utf-8").replace("600,000", "700,000"), filename="b")
    source = compile_source(compare([a, b]))
    assert "[US: 600,000 | US-2: 700,000]" in source
    assert re.search(r'^  US-2 "the United States of America \(us-plan', source, re.MULTILINE)
    assert_round_trip([a, b])


@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_the_shipped_drafts_round_trip():
    assert_round_trip([load(str(p)) for p in SHIPPED])


def test_a_compiled_guarantee_says_how_exact_its_fields_are():
    """A guarantee compiled from drafts that mark their fields' exactness keeps the least exact of
    them (before, the compilation dropped it, and check warned on guarantee-2022 and us-guarantee)."""
    drafts = [
        load(str(DRAFTS / f"{name}.clause")) for name in ("us-28-point-plan", "e3-counterproposal", "russia-positions")
    ]
    compiled = compile_draft(compare(drafts))
    codes = [d.code for d in check([compiled])]
    assert "guarantee-fields-exactness" not in codes
    guarantees = {clause.id: clause for clause in compiled.walk() if clause.guarantee is not None}
    assert guarantees["guarantee-2022--ru"].fields_exactness == "paraphrase"


# --- regressions found by the fuzzer (tests/reliability/test_fuzz.py) --------------------------------------


def _definitions(draft: Draft) -> dict[str, tuple]:
    return {term.name: tuple(_normal(p.spans, {}) for p in term.definition) for term in draft.terms()}


def test_a_term_with_its_own_brackets_that_one_draft_lacks_reads_back():
    # The fuzzer's input: the draft's own bracket ended up inside the compilation's bracket.
    with_term = loads('draft a "A" {\n}\nterm "T" {\n  x [US: y | RU: z]\n}\n')
    without = loads('draft b "B" {\n}\n')
    compiled = loads(compile_source(compare([with_term, without])), filename="compilation.clause")
    # Each draft's definition is a variant term; the term is a bracket of references to them.
    assert _definitions(compiled) == {
        "T": ((Bracket((BracketOption("D1", (TermRef("T (D1)"),)), BracketOption("D2", ()))),),),
        "T (D1)": _definitions(with_term)["T"],
    }
    assert _definitions(take(compiled, "D1")) == _definitions(with_term)
    assert _definitions(take(compiled, "D2")) == {"T": ((),)}  # an empty option: D2 proposes nothing


def test_differing_terms_with_brackets_pass_check_and_give_back_each_drafts_definition():
    parties = 'parties {\n  US "the US"\n  RU "Russia"\n}\n'
    clause = "clause uses 1 {\n  The <Forces> are limited.\n}\n"
    us = loads(
        'draft us "US" {\n  proposer: US\n}\n'
        + parties
        + 'term "Forces" {\n  armed [US: forces | RU: units]\n}\n'
        + clause
    )
    ru = loads('draft ru "RU" {\n  proposer: RU\n}\n' + parties + 'term "Forces" {\n  troops\n}\n' + clause)
    comparison = compare([us, ru])
    compiled = loads(compile_source(comparison), filename="compilation.clause")
    assert not [f for f in check([compiled]) if f.level == "error"]  # no undefined or duplicate term
    assert set(_definitions(compiled)) == {"Forces", "Forces (US)", "Forces (RU)"}
    # Taking US also takes the US option of the US draft's own bracket (as --accept US does).
    assert _definitions(take(compiled, "US")) == _definitions(accept_brackets(us, "US").draft)
    assert _definitions(take(compiled, "RU")) == _definitions(ru)
    assert_round_trip([us, ru])


@pytest.mark.parametrize(
    "body",
    [
        "clause a0 {\n  clause a0 {\n  }\n}\n",
        "article a0 {\n  clause a00 {\n  }\n}\nclause a00 {\n  clause a0 {\n  }\n}\n",
    ],
    ids=["nested-in-itself", "crossed"],
)
def test_a_clause_inside_a_clause_of_the_same_id_compiles_and_renders(body: str):
    from clausekit.render.compare import FORMATS, render_comparison

    # The fuzzer's input: repeated ids are a check error, but the draft parses, so compare and
    # the compilation must take it: rows name their parent by key, and a0's parent is a0.
    draft = loads('draft a "A" {\n}\n' + body)
    comparison = compare([draft, draft])
    compiled = loads(compile_source(comparison), filename="compilation.clause")
    shape = [(c.id, [child.id for child in c.clauses]) for c in compiled.walk()]
    assert shape == [(c.id, [child.id for child in c.clauses]) for c in draft.walk()]
    for fmt in FORMATS:
        assert render_comparison(comparison, fmt), fmt


# --- the round trip with defined terms, their own brackets and all -------------------------------

TERM_NAMES = ["Forces", "Security Guarantee"]


@st.composite
def definitions(draw) -> tuple[Paragraph, ...]:
    spans = draw(sentences())
    if draw(st.booleans()):
        # The draft's own bracket: the case brackets cannot hold when the definitions differ.
        options = (BracketOption("US", draw(sentences())), BracketOption("RU", draw(sentences())))
        spans = (*spans, Text(" "), Bracket(options))
    return (Paragraph(spans),)


@st.composite
def drafts_with_terms(draw) -> list[Draft]:
    out = []
    for index, proposer in enumerate(draw(st.lists(st.sampled_from(["US", "E3", "RU"]), min_size=2, max_size=3))):
        names = draw(st.lists(st.sampled_from(TERM_NAMES), max_size=2, unique=True))
        terms = tuple(Term(name, draw(definitions())) for name in names)
        body = (*terms, draw(clauses("a")))
        out.append(Draft(f"d{index}", f"Draft {index}", proposer=proposer, parties=PARTIES, body=body))
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts_with_terms())
def test_taking_one_drafts_alternatives_gives_back_its_terms(generated):
    assert_round_trip(generated)
    comparison = compare(generated)
    compiled = loads(compile_source(comparison), filename="compilation.clause")
    for column in comparison.columns:
        # Every term exactly as the draft defines it, its own brackets included (taking a code
        # the draft declares takes its options there too); a term it lacks has no text.
        draft = column.draft
        if draft.party(column.code) is not None:
            draft = accept_brackets(draft, column.code).draft
        own = _definitions(draft)
        taken = _definitions(take(compiled, column.code))
        assert {name: d for name, d in taken.items() if name in own} == own, column.code
        assert all(d == ((),) for name, d in taken.items() if name not in own), taken


# --- provenance: a compilation never makes a text more exact, nor another party's -------------------


@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_every_compiled_provision_is_no_more_exact_than_any_text_it_holds():
    from clausekit.model import exactness_rank, provenance_lookup

    drafts = [load(str(p)) for p in SHIPPED]
    comparison = compare(drafts)
    compiled = compile_draft(comparison)
    of_compiled = provenance_lookup(compiled)
    lookups = [provenance_lookup(d) for d in drafts]
    checked = 0
    for row in comparison.rows:
        clause = compiled.clause(row.key)
        assert clause is not None
        for col, cell in enumerate(row.cells):
            if cell.has_text:
                held = lookups[col](cell.clause)
                assert exactness_rank(of_compiled(clause).exactness) >= exactness_rank(held.exactness), row.key
                checked += 1
    assert checked > 50
    # Ukraine's Istanbul proposal, inside Russia's positions, stays Ukraine's, and keeps its date.
    istanbul = of_compiled(compiled.clause("istanbul-guarantee-2022"))
    assert (istanbul.proposer, istanbul.date) == ("UA", "2022-03-29")
    treaty = of_compiled(compiled.clause("draft-treaty-2021"))
    assert (treaty.exactness, treaty.date) == ("translated", "2021-12-17")


def test_a_compiled_paragraph_keeps_its_own_exactness_and_a_variant_its_proposer():
    header = (
        'draft %s "T" {\n  proposer: %s\n  exactness: verbatim\n}\n\nparties {\n  US "US"\n  RU "RU"\n  UA "UA"\n}\n\n'
    )
    us = loads(header % ("a", "US") + "clause c 1 {\n  One.\n\n  ~ exactness: unverified\n  Two words.\n}\n", "a")
    ru = loads(
        header % ("b", "RU")
        + "clause c 1 {\n  One.\n\n  Two other words.\n}\n\n"
        + "guarantee g 2 {\n  proposer: UA\n  guarantor: US\n  beneficiary: UA\n}\n",
        "b",
    )
    compiled = compile_draft(compare([us, ru]))
    first, second = compiled.clause("c").paragraphs
    assert (first.exactness, second.exactness) == (None, "unverified")
    assert compiled.clause("g").proposer == "UA"
    source = compile_source(compare([us, ru]))
    assert "  ~ exactness: unverified\n  Two [US: words. | RU: other words.]" in source
    assert take(compiled, "RU").clause("g") is not None


# --- each alternative keeps its own provenance (issue 14) --------------------------------------------


@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_every_alternative_of_a_merged_row_says_its_own_proposer_date_source_and_exactness():
    from clausekit.model import alternative_provenance, provenance_lookup

    drafts = [load(str(p)) for p in SHIPPED]
    comparison = compare(drafts)
    compiled = loads(compile_source(comparison), "compilation.clause")
    lookups = [provenance_lookup(d) for d in drafts]
    merged = 0
    for row in comparison.rows:
        said = alternative_provenance(compiled.clause(row.key))
        if not said:
            continue  # a placeholder, or a row of variants, each of which has its own fields
        held = {
            comparison.columns[col].code: lookups[col](cell.clause)
            for col, cell in enumerate(row.cells)
            if cell.has_text
        }
        assert said == held, row.key
        merged += len(held) > 1
    assert merged > 10
    # Russia's December 2021 demand answers US point 3: its alternative keeps its own date.
    expectation = alternative_provenance(compiled.clause("nato-expansion-expectation"))
    assert (expectation["RU"].date, expectation["US"].date) == ("2021-12-17", "2025-11-20")
    assert (expectation["RU"].exactness, expectation["US"].exactness) == ("translated", "reconstructed")


@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_taking_one_draft_gives_back_its_provenance_and_never_a_more_exact_one():
    from clausekit.model import exactness_rank, provenance_lookup

    drafts = [load(str(p)) for p in SHIPPED]
    comparison = compare(drafts)
    compiled = loads(compile_source(comparison), "compilation.clause")
    was = provenance_lookup(compiled)
    for col, column in enumerate(comparison.columns):
        taken_draft = take(compiled, column.code)
        taken, own = provenance_lookup(taken_draft), provenance_lookup(drafts[col])
        for row in comparison.rows:
            clause, cell = taken_draft.clause(row.key), row.cells[col]
            if cell.has_text and compiled.clause(row.key).alternatives:
                assert taken(clause) == own(cell.clause), (column.code, row.key)
            else:
                # Another draft's text, or none: as exact as the compilation said, no more.
                before = exactness_rank(was(compiled.clause(row.key)).exactness)
                assert exactness_rank(taken(clause).exactness) >= before, (column.code, row.key)


def test_an_alternative_is_read_and_checked():
    from clausekit.errors import ClauseSyntaxError

    text = 'draft c "C" {\n}\n\nparties {\n  US "US"\n}\n\nclause a 1 {\n  alternative: %s\n\n  [US: One.]\n}\n'
    clause = loads(text % "US; date: 2025-11-20; exactness: paraphrase; source: a; b", "c").clause("a")
    assert clause.alternatives == ("US; date: 2025-11-20; exactness: paraphrase; source: a; b",)
    with pytest.raises(ClauseSyntaxError, match="unknown exactness 'exact'"):
        loads(text % "US; exactness: exact", "c")
    codes = [d.code for d in check([loads(text % "RU; proposer: UA", "c")])]
    assert codes.count("unknown-party") == 2


def test_a_guarantee_whose_draft_is_missing_compiles_to_a_field_exactness_that_reads_back():
    """Found by the fuzzer: a guarantee with text in a draft marked ``exactness: missing`` inherits
    'missing', which fields-exactness cannot say; its fields are then 'unverified'."""
    source = (
        'draft a0 "A" {\n  exactness: missing\n}\n\nparties {\n  US "the United States"\n}\n\n'
        "guarantee g {\n  exactness: verbatim\n  guarantor: US\n  beneficiary: US\n  Words.\n}\n"
    )
    other = source.replace('draft a0 "A"', 'draft b0 "B"').replace("Words.", "Other words.")
    drafts = [loads(source, "a.clause"), loads(other, "b.clause")]
    drafts = [replace(d, body=tuple(replace(c, exactness=None) for c in d.body)) for d in drafts]
    text = compile_source(compare(drafts))
    compiled = loads(text, "compilation.clause")
    assert all(c.fields_exactness in (None, "unverified") for c in compiled.walk() if c.guarantee is not None)
