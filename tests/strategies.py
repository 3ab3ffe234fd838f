"""hypothesis strategies that generate drafts as models, normalised as the parser
would produce them (so that ``parse(format(model)) == model`` is a fair test).

Prose text deliberately includes every markup character, Cyrillic, quotes and
punctuation, so that escaping is exercised on every run.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from clausekit.model import (
    EXACTNESS_LEVELS,
    ISSUES,
    STATUSES,
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

CODES = ["US", "UA", "RU", "UK", "FR", "DE", "E3", "EU", "NATO", "P5", "US-EU"]
WORDS = [
    "shall",
    "will",
    "may",
    "not",
    "the",
    "Ukraine",
    "guarantee",
    "600,000",
    "in",
    "peacetime",
    "Україна",
    "Россия",
    "armed",
    "attack",
    "«quoted»",
    "“curly”",
    "'single'",
    "(i.e.",
    "bodies)",
    "[",
    "]",
    "|",
    "@",
    "#",
    "<",
    ">",
    "\\",
    "//",
    "{",
    "}",
    "a@b.com",
    "http://x.org/a#b",
    "US:",
    "-",
    "clause",
    "article",
    "note:",
    "10(c)",
    "50:50",
    "$100",
    "e\u0301",
]

ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True)
numbers = st.one_of(st.none(), st.from_regex(r"[0-9a-z]{1,3}(\([a-z]\))?", fullmatch=True))
titles = st.one_of(st.none(), st.lists(st.sampled_from([*WORDS, '"', "Title"]), min_size=1, max_size=4).map(" ".join))
term_names = st.sampled_from(["Security Guarantee", "Parties", "Line of Contact", "Україна Term"])


def _normalise(spans: list[Inline], strip: bool) -> tuple[Inline, ...]:
    """Merge adjacent text, collapse spaces, strip the ends: what the parser produces.

    References are kept apart by a space: ``@US@US`` is not two references (an ``@``
    after a letter is text, as in an e-mail address), so no draft can say that.
    """
    spaced: list[Inline] = []
    for span in spans:
        if spaced and not isinstance(span, Text) and not isinstance(spaced[-1], Text):
            spaced.append(Text(" "))
        spaced.append(span)
    out: list[Inline] = []
    for span in spaced:
        if isinstance(span, Text):
            text = " ".join(span.text.split(" "))
            while "  " in text:
                text = text.replace("  ", " ")
            if out and isinstance(out[-1], Text):
                text = " ".join((out.pop().text + text).split(" "))
                while "  " in text:
                    text = text.replace("  ", " ")
            if text:
                out.append(Text(text))
        else:
            out.append(span)
    if strip and out:
        if isinstance(out[0], Text):
            head = out[0].text.lstrip(" ")
            out[0:1] = [Text(head)] if head else []
        if out and isinstance(out[-1], Text):
            tail = out[-1].text.rstrip(" ")
            out[-1:] = [Text(tail)] if tail else []
    return tuple(out)


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(lambda w: Text(" ".join(w) + " "))
simple_spans = st.one_of(
    texts,
    texts,
    st.sampled_from(CODES).map(PartyRef),
    term_names.map(TermRef),
    ids.map(ClauseRef),
)


@st.composite
def brackets(draw) -> Bracket:
    options = []
    for _ in range(draw(st.integers(1, 3))):
        party = draw(st.one_of(st.none(), st.sampled_from(CODES)))
        spans = _normalise(draw(st.lists(simple_spans, max_size=3)), strip=True)
        options.append(BracketOption(party, spans))
    return Bracket(tuple(options))


@st.composite
def paragraphs(draw) -> Paragraph:
    spans = draw(st.lists(st.one_of(simple_spans, simple_spans, brackets()), min_size=1, max_size=6))
    normalised = _normalise(spans, strip=True)
    if not normalised:
        normalised = (Text("Text."),)
    return Paragraph(normalised)


plain_values = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)


@st.composite
def prose_paragraphs(draw) -> Paragraph:
    """A paragraph of a provision's prose, sometimes with its own provenance (``~ source:``,
    ``~ exactness:`` lines above it)."""
    paragraph = draw(paragraphs())
    return replace(
        paragraph,
        source=draw(st.one_of(st.none(), st.none(), plain_values)),
        exactness=draw(st.one_of(st.none(), st.none(), st.sampled_from(EXACTNESS_LEVELS[:-1]))),
    )


# What ``corresponds:`` names: issue keys and clauses of bundled drafts (which check knows).
correspondences = st.lists(
    st.one_of(
        st.sampled_from(sorted(ISSUES)),
        st.sampled_from(["north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "us-rok-1953::art-iii"]),
    ),
    max_size=3,
    unique=True,
).map(tuple)
dates = st.one_of(st.none(), st.sampled_from(["2025", "2025-11", "2025-11-20", "1949-04-04"]))
exactness = st.one_of(st.none(), st.sampled_from(EXACTNESS_LEVELS))
codes = st.lists(st.sampled_from(CODES), min_size=1, max_size=3).map(tuple)


@st.composite
def guarantees(draw) -> Guarantee:
    maybe = st.one_of(st.none(), paragraphs())
    return Guarantee(
        guarantors=draw(st.one_of(st.just(()), codes)),
        beneficiaries=draw(st.one_of(st.just(()), codes)),
        modality=draw(st.one_of(st.none(), st.sampled_from(["shall", "will", "may", "undertakes to"]))),
        triggers=tuple(draw(st.lists(paragraphs(), max_size=2))),
        responses=tuple(draw(st.lists(paragraphs(), max_size=2))),
        duration=draw(maybe),
        renewal=draw(maybe),
        conditions=tuple(draw(st.lists(paragraphs(), max_size=2))),
        void_if=tuple(draw(st.lists(paragraphs(), max_size=2))),
        compensation=draw(maybe),
        unknown=tuple(draw(st.lists(st.sampled_from(["trigger", "response", "modality"]), max_size=2, unique=True))),
        mirrors=tuple(
            draw(st.lists(st.sampled_from(["north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v"]), max_size=2))
        ),
    )


def clauses(depth: int = 0, top: bool = False):
    kinds = ["clause", "guarantee"] + (["article"] if top else [])

    @st.composite
    def build(draw) -> Clause:
        kind = draw(st.sampled_from(kinds))
        children: list[Clause | Term] = []
        if depth < 2:
            children = draw(st.lists(clauses(depth + 1), max_size=2))
            if kind == "article" and draw(st.booleans()):
                children.append(draw(terms()))
        return Clause(
            kind=kind,
            id=draw(ids),
            number=draw(numbers),
            title=draw(titles),
            paragraphs=tuple(draw(st.lists(prose_paragraphs(), max_size=2))),
            children=tuple(children),
            guarantee=draw(guarantees()) if kind == "guarantee" else None,
            corresponds=draw(correspondences),
            fields_exactness=draw(st.one_of(st.none(), st.sampled_from(EXACTNESS_LEVELS[:-1])))
            if kind == "guarantee"
            else None,
            source=draw(st.one_of(st.none(), plain_values)),
            exactness=draw(exactness),
            date=draw(dates),
            proposer=draw(st.one_of(st.none(), st.sampled_from(CODES))),
        )

    return build()


@st.composite
def terms(draw) -> Term:
    return Term(draw(term_names), tuple(draw(st.lists(paragraphs(), max_size=2))))


@st.composite
def parties(draw) -> tuple[Party, ...]:
    chosen = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=4))
    out = []
    for code in chosen:
        out.append(
            Party(
                code,
                draw(plain_values.filter(lambda v: v.strip())).replace("\\", "/"),
                aliases=tuple(draw(st.lists(st.sampled_from(["Russia", "the U.S.", 'Say "hi"']), max_size=2))),
                match=tuple(draw(st.lists(st.sampled_from(["Russia", "Moscow"]), max_size=1))),
                members=tuple(draw(st.lists(st.sampled_from(CODES), max_size=3))),
            )
        )
    return tuple(out)


@st.composite
def drafts(draw) -> Draft:
    body = draw(st.lists(st.one_of(clauses(top=True), terms()), max_size=4))
    return Draft(
        id=draw(ids),
        title=draw(plain_values),
        proposer=draw(st.one_of(st.none(), st.sampled_from(CODES))),
        date=draw(dates),
        version=draw(st.one_of(st.none(), plain_values)),
        status=draw(st.one_of(st.none(), st.sampled_from(STATUSES))),
        source=draw(st.one_of(st.none(), plain_values)),
        exactness=draw(exactness),
        language=draw(st.sampled_from(["en", "uk", "ru"])),
        parties=draw(parties()),
        body=tuple(body),
    )
