"""The draft model: frozen dataclasses that everything else is a function of.

A draft is parsed once into these classes. Equality is value equality that ignores
where a node came from (``location``), the comments around it and the exact line
breaks of its prose (``source_lines``): two drafts that say the same thing in the
same structure are equal, however they were laid out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

# --- vocabularies ---------------------------------------------------------------

EXACTNESS_LEVELS = ("verbatim", "reconstructed", "translated", "paraphrase", "missing")
"""How exact a text is, from best to worst; ``missing`` means the text is not known."""

STATUSES = (
    "draft",
    "leaked",
    "reported",
    "tabled",
    "agreed",
    "signed",
    "in-force",
    "position",
)
"""What a draft is: a working draft, a leaked or reported text, a text tabled in a
negotiation, an agreed, signed or in-force text, or a compilation of stated positions."""

PROVISION_KINDS = ("article", "clause", "guarantee")

ProvisionKind: TypeAlias = Literal["article", "clause", "guarantee"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a node starts in its source file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Location("<generated>", 0, 0)


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``//`` comment line. Never rendered; the formatter writes it back."""

    text: str
    location: Location = field(default=NOWHERE, compare=False)


# --- inline prose -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Plain words. Runs of white space inside are a single space."""

    text: str


@dataclass(frozen=True, slots=True)
class PartyRef:
    """``@US``: a reference to a declared party."""

    code: str
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class TermRef:
    """``<Security Guarantee>``: a use of a defined term."""

    name: str
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """``#guarantee``: a cross-reference, rendered as the target's current number."""

    target: str
    location: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class BracketOption:
    """One alternative inside a negotiation bracket, attributed to a party or not."""

    party: str | None
    spans: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Bracket:
    """``[US: 600,000 | E3: 800,000 in peacetime]``: text not yet agreed."""

    options: tuple[BracketOption, ...]
    location: Location = field(default=NOWHERE, compare=False)


Inline: TypeAlias = Text | PartyRef | TermRef | ClauseRef | Bracket


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of prose: the inline spans, plus the lines as written (for ``fmt``)."""

    spans: tuple[Inline, ...]
    location: Location = field(default=NOWHERE, compare=False)
    # The prose exactly as the drafter wrote it, one entry per source line, without
    # indentation; ``fmt`` writes these back so that it never reflows prose. Empty
    # when ``fmt`` writes the same from the spans (``format.prose_line``): the parser
    # keeps a second copy of the words only where it would differ.
    source_lines: tuple[str, ...] = field(default=(), compare=False)
    comments: tuple[Comment, ...] = field(default=(), compare=False)


# --- declarations -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Party:
    """A party: a state, an organisation, or a group of parties (``members``)."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    # Aliases that may be matched in plain prose (a name such as "Moscow" is not
    # matched unless the draft says so: it may be a city, not a party).
    match: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    location: Location = field(default=NOWHERE, compare=False)
    comments: tuple[Comment, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Term:
    """A defined term and its definition."""

    name: str
    definition: tuple[Paragraph, ...]
    location: Location = field(default=NOWHERE, compare=False)
    comments: tuple[Comment, ...] = field(default=(), compare=False)
    trailing_comments: tuple[Comment, ...] = field(default=(), compare=False)


# --- provisions ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guarantee:
    """The structured fields of a guarantee provision.

    Prose-valued fields are paragraphs (they may refer to parties and terms);
    ``mirrors`` names existing treaty clauses as ``draft-id::clause-id``.
    """

    guarantors: tuple[str, ...] = ()
    beneficiaries: tuple[str, ...] = ()
    modality: str | None = None
    triggers: tuple[Paragraph, ...] = ()
    responses: tuple[Paragraph, ...] = ()
    duration: Paragraph | None = None
    renewal: Paragraph | None = None
    conditions: tuple[Paragraph, ...] = ()
    void_if: tuple[Paragraph, ...] = ()
    compensation: Paragraph | None = None
    mirrors: tuple[str, ...] = ()
    # Fields whose value the source does not give (a text cut off mid-sentence): the
    # diff reports nothing about them rather than "removed".
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Clause:
    """An article, clause or guarantee: the unit people negotiate.

    ``id`` is stable across drafts and never shown; ``number`` is what a reader sees
    ("5", "10(c)", "iv") and may change. ``source``/``exactness``/``date``/``proposer``
    are set only where they differ from the draft's own.
    """

    kind: ProvisionKind
    id: str
    number: str | None = None
    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[Clause | Term, ...] = ()
    guarantee: Guarantee | None = None
    source: str | None = None
    exactness: str | None = None
    date: str | None = None
    proposer: str | None = None
    location: Location = field(default=NOWHERE, compare=False)
    comments: tuple[Comment, ...] = field(default=(), compare=False)
    trailing_comments: tuple[Comment, ...] = field(default=(), compare=False)
    # Comments written between fields, keyed by the field they precede.
    field_comments: tuple[tuple[str, tuple[Comment, ...]], ...] = field(default=(), compare=False)
    # Plain field values written over several lines, as written (for ``fmt``).
    field_lines: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)

    @property
    def is_placeholder(self) -> bool:
        """The text of this clause is not known (a leaked text only partly published)."""
        return self.exactness == "missing"

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.children if isinstance(c, Clause))


@dataclass(frozen=True, slots=True)
class Draft:
    """One proposal, position paper or treaty text."""

    id: str
    title: str
    proposer: str | None = None
    date: str | None = None
    version: str | None = None
    status: str | None = None
    source: str | None = None
    exactness: str | None = None
    language: str = "en"
    parties: tuple[Party, ...] = ()
    body: tuple[Clause | Term, ...] = ()
    location: Location = field(default=NOWHERE, compare=False)
    path: str | None = field(default=None, compare=False)
    comments: tuple[Comment, ...] = field(default=(), compare=False)
    header_comments: tuple[tuple[str, tuple[Comment, ...]], ...] = field(default=(), compare=False)
    header_trailing_comments: tuple[Comment, ...] = field(default=(), compare=False)
    header_field_lines: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)
    parties_comments: tuple[Comment, ...] = field(default=(), compare=False)
    parties_trailing_comments: tuple[Comment, ...] = field(default=(), compare=False)
    trailing_comments: tuple[Comment, ...] = field(default=(), compare=False)

    # --- derived views (computed, never stored) ---

    def walk(self) -> tuple[Clause, ...]:
        """Every provision in document order, parents before their children."""
        out: list[Clause] = []

        def visit(items: tuple[Clause | Term, ...]) -> None:
            for item in items:
                if isinstance(item, Clause):
                    out.append(item)
                    visit(item.children)

        visit(self.body)
        return tuple(out)

    def terms(self) -> tuple[Term, ...]:
        """Every defined term, wherever it is defined."""
        out: list[Term] = []

        def visit(items: tuple[Clause | Term, ...]) -> None:
            for item in items:
                if isinstance(item, Term):
                    out.append(item)
                else:
                    visit(item.children)

        visit(self.body)
        return tuple(out)

    def clause(self, clause_id: str) -> Clause | None:
        for c in self.walk():
            if c.id == clause_id:
                return c
        return None

    def party(self, code: str) -> Party | None:
        for p in self.parties:
            if p.code == code:
                return p
        return None

    def label(self) -> str:
        """How a reader names this draft: proposer and title ("E3: E3 counter-proposal")."""
        return f"{self.proposer}: {self.title}" if self.proposer else self.title


# --- helpers over inline spans ---------------------------------------------------


def iter_inline(spans: tuple[Inline, ...]):
    """Yield every span, descending into bracket options."""
    for span in spans:
        yield span
        if isinstance(span, Bracket):
            for option in span.options:
                yield from iter_inline(option.spans)


def plain_text(spans: tuple[Inline, ...], party_names: dict[str, str] | None = None) -> str:
    """The words of some spans, as a reader would see them, with brackets shown inline.

    Party references become the party's name when ``party_names`` is given, else
    the code; cross-references become ``#id`` (renderers resolve numbers themselves).
    """
    parts: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            parts.append(span.text)
        elif isinstance(span, PartyRef):
            parts.append(party_names.get(span.code, span.code) if party_names else span.code)
        elif isinstance(span, TermRef):
            parts.append(span.name)
        elif isinstance(span, ClauseRef):
            parts.append("#" + span.target)
        else:
            options = []
            for option in span.options:
                words = plain_text(option.spans, party_names)
                options.append(f"{option.party}: {words}" if option.party else words)
            parts.append("[" + " / ".join(options) + "]")
    return "".join(parts)
