"""The draft model: frozen dataclasses that everything else is a function of.

A draft is parsed once into these classes. Equality is value equality that ignores
where a node came from (``location``), the comments around it and the exact line
breaks of its prose (``source_lines``): two drafts that say the same thing in the
same structure are equal, however they were laid out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Literal, TypeAlias

# --- vocabularies ---------------------------------------------------------------

EXACTNESS_LEVELS = ("verbatim", "reconstructed", "translated", "paraphrase", "unverified", "missing")
"""How exact a text is, from best to worst. ``unverified`` is text that was not checked against
any copy of the document (a source marks it UNVERIFIED): it may be right, but nothing vouches for
any word of it, so it ranks below a paraphrase, whose content at least was checked. ``missing``
means the text is not known."""

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

ISSUES: dict[str, str] = {
    "ceasefire": "ending the fighting: a ceasefire, its monitoring, its violations",
    "sovereignty": "the sovereignty and independence of a state, confirmed or recognised",
    "non-aggression": "undertakings not to attack, invade or threaten",
    "nato-membership": "membership of NATO, its enlargement, and neutrality instead of it",
    "foreign-troops": "foreign forces, bases or infrastructure on a state's territory",
    "force-size": "limits on the size or equipment of armed forces",
    "security-guarantee": "guarantees of a state's security by others (mutual defence among them), and their triggers",
    "nuclear": "nuclear weapons and non-nuclear status",
    "territory": "territory: lines of control, recognition, withdrawals, demilitarised zones",
    "eu-membership": "membership of the European Union",
    "sanctions": "sanctions: their lifting, phasing or return",
    "frozen-assets": "frozen or immobilised state assets and how they are used",
    "reconstruction": "rebuilding and the economy: recovery funds, investment, trade",
    "humanitarian": "prisoners, detained civilians, children, families and the victims of the war",
    "elections": "elections and their timing",
    "accountability": "amnesty, responsibility for acts committed in the war, reparations",
    "minorities": "languages, religion, minorities, education and tolerance",
    "energy": "power plants (Zaporizhzhia), grain and other resources",
    "implementation": "who oversees the settlement, how it enters into force, dialogue bodies",
    "consultation": "consultation between the parties when one is threatened",
}
"""The negotiating issues that drafts share, by key: what ``corresponds:`` may name besides a
clause of another draft, so that ``clausekit compare --by issue`` can set the drafts' positions
on one issue side by side however each draft is built. One vocabulary for every draft (a key
means the same in each); a new issue is a new entry here, documented in docs/language.md."""

ProvisionKind: TypeAlias = Literal["article", "clause", "guarantee"]


# --- the fields: every field of the language, declared once --------------------------------

FieldKind: TypeAlias = Literal[
    "text", "choice", "date", "code", "codes", "words", "prose", "refs", "fields", "correspondences", "alternative"
]
"""What a field's value is: ``text`` (plain words, kept as written), ``choice`` (one word of a
vocabulary), ``date`` (YYYY, YYYY-MM or YYYY-MM-DD), ``code`` (one party code), ``codes``
(party codes, comma separated), ``words`` (a phrase, such as a modal verb), ``prose`` (a
paragraph with inline markup), ``refs`` (``draft-id::clause-id`` references), ``fields``
(names of other fields), ``correspondences`` (``draft-id::clause-id`` references and keys
of ``ISSUES``, mixed) and ``alternative`` (a party code and the provenance of its text,
``alternative_text``)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field: how it is written, what its value is, and the model attribute that holds it.

    A repeatable field may be given more than once and its values add up (a tuple in the
    model); any other field holds one value or None. Which blocks carry a field, and in what
    order ``fmt`` writes them, is ``BLOCK_FIELDS``."""

    name: str
    attribute: str
    kind: FieldKind
    meaning: str
    repeatable: bool = False
    choices: tuple[str, ...] = ()
    default: str | None = None

    @property
    def is_list(self) -> bool:
        """Whether the value is a list written on one line (``guarantor: US, UK``)."""
        return self.kind in ("codes", "refs", "fields", "correspondences")

    def values(self, holder: object) -> tuple[Any, ...]:
        """The field's values on a model object, as a tuple (empty when not given)."""
        value = getattr(holder, self.attribute)
        if self.repeatable:
            return value
        return () if value is None or value == self.default else (value,)


PROPOSER = FieldSpec(
    "proposer", "proposer", "code", "who proposes the text: one party code (a group such as E3 for several)"
)
DATE = FieldSpec("date", "date", "date", "when the text is dated: YYYY-MM-DD, YYYY-MM or YYYY")
VERSION = FieldSpec("version", "version", "text", "the draft's version, as its authors name it")
STATUS = FieldSpec(
    "status", "status", "choice", "what the draft is (a working draft, a leaked text, ...)", choices=STATUSES
)
SOURCE = FieldSpec("source", "source", "text", "where the text comes from")
EXACTNESS = FieldSpec(
    "exactness", "exactness", "choice", "how exact the text is against its source", choices=EXACTNESS_LEVELS
)
LANGUAGE = FieldSpec(
    "language", "language", "words", "the language of the prose (a code such as en, uk, ru)", default="en"
)
GUARANTOR = FieldSpec("guarantor", "guarantors", "codes", "the parties that give the guarantee", repeatable=True)
BENEFICIARY = FieldSpec("beneficiary", "beneficiaries", "codes", "the parties the guarantee protects", repeatable=True)
MODALITY = FieldSpec("modality", "modality", "words", "the modal verb of the commitment (shall, will, may, ...)")
TRIGGER = FieldSpec("trigger", "triggers", "prose", "what sets the guarantee off", repeatable=True)
RESPONSE = FieldSpec("response", "responses", "prose", "what the guarantors then do", repeatable=True)
DURATION = FieldSpec("duration", "duration", "prose", "how long the guarantee lasts")
RENEWAL = FieldSpec("renewal", "renewal", "prose", "how it may be renewed")
CONDITION = FieldSpec("condition", "conditions", "prose", "a condition the guarantee is subject to", repeatable=True)
VOID_IF = FieldSpec("void-if", "void_if", "prose", "what makes the guarantee void", repeatable=True)
COMPENSATION = FieldSpec("compensation", "compensation", "prose", "what the beneficiary gives or receives in return")
MIRRORS = FieldSpec(
    "mirrors",
    "mirrors",
    "refs",
    "existing treaty clauses the guarantee is modelled on (draft-id::clause-id)",
    repeatable=True,
)
CORRESPONDS = FieldSpec(
    "corresponds",
    "corresponds",
    "correspondences",
    "what the provision answers or corresponds to in other drafts: clauses (draft-id::clause-id) "
    "and negotiating issues (keys of ISSUES, such as nato-membership)",
    repeatable=True,
)
FIELDS_EXACTNESS = FieldSpec(
    "fields-exactness",
    "fields_exactness",
    "choice",
    "how exact the guarantee's structured fields are against the source (a duration known only from a paraphrase)",
    choices=EXACTNESS_LEVELS[:-1],
)
EXTENTS = ("whole", "excerpt")
"""How much of a provision's text is known: all of it (the default), or an ``excerpt``: the
source quotes part of it, so what the excerpt lacks may be in the full text."""
EXTENT = FieldSpec(
    "extent",
    "extent",
    "choice",
    "how much of the text is known: whole, or excerpt (the source quotes part of it)",
    choices=EXTENTS,
)
ALTERNATIVE = FieldSpec(
    "alternative",
    "alternatives",
    "alternative",
    "the provenance of one delegation's alternative in a compilation: "
    "CODE; proposer: ...; date: ...; exactness: ...; source: ...",
    repeatable=True,
)
UNKNOWN = FieldSpec(
    "unknown", "unknown", "fields", "fields whose value the source does not give (a text cut off)", repeatable=True
)

PARAGRAPH_FIELDS: tuple[FieldSpec, ...] = (SOURCE, EXACTNESS)
"""The fields one paragraph may carry, written ``~ key: value`` on the lines just above it
(``syntax.PARAGRAPH_FIELD_LINE``), in this order: a paragraph's own provenance, which does not
make it a provision of its own (the diff aligns it as before)."""

HEADER_FIELDS: tuple[FieldSpec, ...] = (PROPOSER, DATE, VERSION, STATUS, SOURCE, EXACTNESS, LANGUAGE)
PROVISION_FIELDS: tuple[FieldSpec, ...] = (SOURCE, EXACTNESS, DATE, PROPOSER)
GUARANTEE_FIELDS: tuple[FieldSpec, ...] = (
    GUARANTOR,
    BENEFICIARY,
    MODALITY,
    TRIGGER,
    RESPONSE,
    DURATION,
    RENEWAL,
    CONDITION,
    VOID_IF,
    COMPENSATION,
    MIRRORS,
    UNKNOWN,
)
CORRESPONDENCE_FIELDS: tuple[FieldSpec, ...] = (CORRESPONDS,)
EXTENT_FIELDS: tuple[FieldSpec, ...] = (EXTENT,)
ALTERNATIVE_FIELDS: tuple[FieldSpec, ...] = (ALTERNATIVE,)
BLOCK_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "draft": HEADER_FIELDS,
    "article": PROVISION_FIELDS + EXTENT_FIELDS + CORRESPONDENCE_FIELDS + ALTERNATIVE_FIELDS,
    "clause": PROVISION_FIELDS + EXTENT_FIELDS + CORRESPONDENCE_FIELDS + ALTERNATIVE_FIELDS,
    "guarantee": PROVISION_FIELDS
    + EXTENT_FIELDS
    + CORRESPONDENCE_FIELDS
    + ALTERNATIVE_FIELDS
    + GUARANTEE_FIELDS
    + (FIELDS_EXACTNESS,),
}
"""The fields each block carries, in the order ``fmt`` writes them (a term carries none)."""

FIELDS: dict[str, FieldSpec] = {spec.name: spec for specs in BLOCK_FIELDS.values() for spec in specs}
"""Every field by the name it is written with."""

GUARANTEE_FIELD_NAMES: frozenset[str] = frozenset(spec.name for spec in GUARANTEE_FIELDS)

GUARANTEE_PROSE_FIELDS: tuple[FieldSpec, ...] = tuple(spec for spec in GUARANTEE_FIELDS if spec.kind == "prose")
"""The guarantee fields whose values are prose, in canonical order."""

UNKNOWABLE_FIELDS: tuple[FieldSpec, ...] = tuple(
    spec for spec in GUARANTEE_FIELDS if spec.kind not in ("refs", "fields")
)
"""The guarantee fields ``unknown:`` may name: those a source states (not ``mirrors``, a drafter's choice)."""


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


UNATTRIBUTED = "unattributed"
"""Who holds a bracket's option that names no party, in counts and reports."""


@dataclass(frozen=True, slots=True)
class Bracket:
    """``[US: 600,000 | E3: 800,000 in peacetime]``: text not yet agreed."""

    options: tuple[BracketOption, ...]
    location: Location = field(default=NOWHERE, compare=False)

    @property
    def parties(self) -> tuple[str, ...]:
        """Who holds an alternative in it, each once, in order (``UNATTRIBUTED`` for an option
        no party is named for): what every count of open brackets per delegation counts."""
        return tuple(dict.fromkeys(option.party or UNATTRIBUTED for option in self.options))


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
    # The paragraph's own provenance (``PARAGRAPH_FIELDS``); None: its provision's applies.
    source: str | None = None
    exactness: str | None = None


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
    # What the provision answers in other drafts (``draft-id::clause-id``) and the issues it
    # concerns (``ISSUES`` keys), as written; ``counterparts`` and ``issues`` split them.
    corresponds: tuple[str, ...] = ()
    # A guarantee's ``fields-exactness``: how exact its structured fields are (None: as its text).
    fields_exactness: str | None = None
    # ``excerpt``: the source quotes only part of the text (None, ``whole``: all of it is known).
    # Not inherited: a provision quoted in part may hold sub-points known whole.
    extent: str | None = None
    # In a compilation, the provenance of each delegation's alternative (``alternative_text``):
    # the provision's own fields can only say the least exact of them.
    alternatives: tuple[str, ...] = ()
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
    def is_excerpt(self) -> bool:
        """Only part of this clause's text is known: what it lacks may be in the full text."""
        return self.extent == "excerpt"

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.children if isinstance(c, Clause))

    @property
    def counterparts(self) -> tuple[str, ...]:
        """The clauses of other drafts this one answers (``draft-id::clause-id``)."""
        return tuple(value for value in self.corresponds if "::" in value)

    @property
    def issues(self) -> tuple[str, ...]:
        """The negotiating issues it concerns (keys of ``ISSUES``)."""
        return tuple(value for value in self.corresponds if "::" not in value)


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

    def top_clauses(self) -> tuple[Clause, ...]:
        """The provisions at the top level (articles and the clauses outside articles)."""
        return tuple(item for item in self.body if isinstance(item, Clause))

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


# --- provenance: what a provision inherits ------------------------------------------


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a provision's text comes from and how exact it is, as it applies to the provision:
    its own ``PROVISION_FIELDS`` where it gives them, else those of the nearest enclosing
    provision that does, else the draft's (``provenance``)."""

    source: str | None = None
    exactness: str | None = None
    date: str | None = None
    proposer: str | None = None

    def within(self, clause: Clause) -> Provenance:
        """The provenance of ``clause`` when ``self`` is that of what encloses it. ``missing``
        describes a placeholder's own absent text, so what it holds inherits the exactness
        the placeholder itself inherited."""
        own = {spec.attribute: getattr(clause, spec.attribute) for spec in PROVISION_FIELDS}
        inherited = {key: value if value is not None else getattr(self, key) for key, value in own.items()}
        return Provenance(**inherited)

    def passed_on(self, clause: Clause, enclosing: Provenance) -> Provenance:
        """What a provision with this provenance passes on to the provisions it holds."""
        if clause.exactness == "missing":
            return replace(self, exactness=enclosing.exactness)
        return self


def draft_provenance(draft: Draft) -> Provenance:
    """The provenance a draft gives every provision that does not say otherwise."""
    return Provenance(draft.source, draft.exactness, draft.date, draft.proposer)


def iter_provenance(draft: Draft) -> Iterator[tuple[Clause, Provenance]]:
    """Every provision with its provenance, in ``Draft.walk()`` order: the one rule every
    renderer, the diff, check, compare and the compilation apply."""

    def visit(items: tuple[Clause | Term, ...], enclosing: Provenance) -> Iterator[tuple[Clause, Provenance]]:
        for item in items:
            if isinstance(item, Clause):
                own = enclosing.within(item)
                yield item, own
                yield from visit(item.children, own.passed_on(item, enclosing))

    return visit(draft.body, draft_provenance(draft))


def iter_enclosing(draft: Draft) -> Iterator[tuple[Clause, Provenance]]:
    """Every provision with the provenance it inherits (that of what encloses it, as passed
    on), in ``Draft.walk()`` order: where its own differs, it says so."""

    def visit(items: tuple[Clause | Term, ...], enclosing: Provenance) -> Iterator[tuple[Clause, Provenance]]:
        for item in items:
            if isinstance(item, Clause):
                yield item, enclosing
                yield from visit(item.children, enclosing.within(item).passed_on(item, enclosing))

    return visit(draft.body, draft_provenance(draft))


def provenance_lookup(draft: Draft) -> Callable[[Clause], Provenance]:
    """A function giving the provenance of any provision of ``draft``, computed once for all.
    Provisions are found by identity, so a duplicated id still gets its own; a clause not in
    the draft gets its own fields over the draft's."""
    found = {id(item): value for item, value in iter_provenance(draft)}
    fallback = draft_provenance(draft)
    return lambda clause: found.get(id(clause)) or fallback.within(clause)


def provenance(draft: Draft, clause: Clause) -> Provenance:
    """The provenance of one provision of ``draft`` (``provenance_lookup`` for many)."""
    return provenance_lookup(draft)(clause)


# The parts of an ``alternative:`` value after its code, in the order they are written;
# ``source`` is last because its free text may hold semicolons.
_ALTERNATIVE_PARTS = ("proposer", "date", "exactness", "source")
_ALTERNATIVE_PART = re.compile(r";\s*(proposer|date|exactness):\s*")


def alternative_text(code: str, provenance: Provenance) -> str:
    """An ``alternative:`` value: the party code, then each provenance field that is known
    (``CODE; proposer: UA; date: 2022-03-29; exactness: paraphrase; source: ...``)."""
    parts = [code]
    for name in _ALTERNATIVE_PARTS:
        value = getattr(provenance, name)
        if value is not None:
            parts.append(f"{name}: {' '.join(value.split())}")
    return "; ".join(parts)


def read_alternative(text: str) -> tuple[str, Provenance]:
    """An ``alternative:`` value read back: its code and its provenance. Raises ValueError,
    with what is wrong, for a value that ``alternative_text`` would not write."""
    head, _, source = text.partition("; source:")
    pieces = _ALTERNATIVE_PART.split(head)
    code, values = pieces[0].strip(), dict(zip(pieces[1::2], (v.strip() for v in pieces[2::2]), strict=False))
    for name, value in (("code", code), ("proposer", values.get("proposer", "X"))):
        if not re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*", value):
            raise ValueError(f"'{value}' is not a party code: an alternative's {name} is one party code")
    if values.get("exactness", "verbatim") not in EXACTNESS_LEVELS:
        raise ValueError(f"unknown exactness '{values['exactness']}': expected one of " + ", ".join(EXACTNESS_LEVELS))
    if "date" in values and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", values["date"]):
        raise ValueError(f"'{values['date']}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    if any(not value for value in values.values()):
        raise ValueError("write the alternative as CODE; proposer: ...; date: ...; exactness: ...; source: ...")
    return code, Provenance(source.strip() or None, values.get("exactness"), values.get("date"), values.get("proposer"))


def alternative_provenance(clause: Clause) -> dict[str, Provenance]:
    """The provenance of each delegation's alternative a compiled provision holds, by code."""
    return dict(read_alternative(text) for text in clause.alternatives)


def exactness_rank(exactness: str | None) -> int:
    """A level's place in ``EXACTNESS_LEVELS`` (0 is the best); not stated counts as verbatim."""
    return EXACTNESS_LEVELS.index(exactness) if exactness in EXACTNESS_LEVELS else 0


# --- helpers over inline spans ---------------------------------------------------


_WHITE_SPACE = re.compile(r"\s+")


def iter_inline(spans: tuple[Inline, ...]):
    """Yield every span, descending into bracket options."""
    for span in spans:
        yield span
        if isinstance(span, Bracket):
            for option in span.options:
                yield from iter_inline(option.spans)


def join_texts(spans: Iterable[Inline]) -> tuple[Inline, ...]:
    """Spans as the parser would have read them: neighbouring texts as one text, with each
    run of white space in it as one space, and no empty text (spans put together in code:
    an accepted bracket, a compiled difference)."""
    out: list[Inline] = []
    for span in spans:
        if not isinstance(span, Text):
            out.append(span)
        elif out and isinstance(out[-1], Text):
            out[-1] = Text(_WHITE_SPACE.sub(" ", out[-1].text + span.text))
        elif span.text:
            out.append(Text(_WHITE_SPACE.sub(" ", span.text)))
    return tuple(out)


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


def guarantee_prose(guarantee: Guarantee | None) -> tuple[Paragraph, ...]:
    """Every paragraph of a guarantee's prose fields, in canonical field order."""
    if guarantee is None:
        return ()
    return tuple(p for spec in GUARANTEE_PROSE_FIELDS for p in spec.values(guarantee))


def map_guarantee_prose(guarantee: Guarantee, change: Callable[[Paragraph], Paragraph]) -> Guarantee:
    """The guarantee with ``change`` applied to every paragraph of its prose fields."""
    values: dict[str, Any] = {}
    for spec in GUARANTEE_PROSE_FIELDS:
        value = getattr(guarantee, spec.attribute)
        if spec.repeatable:
            values[spec.attribute] = tuple(change(p) for p in value)
        elif value is not None:
            values[spec.attribute] = change(value)
    return replace(guarantee, **values)


def cite_number(number: str | None, parents: str) -> str:
    """How a reader cites a provision numbered ``number`` inside ``parents`` (their citation):
    "10(a)" for point a of point 10, "1(2)" for paragraph 2 of Article 1, unless the number
    already carries its parents' ("10(c)"); an unnumbered provision is cited as its parents."""
    if number is None:
        return parents
    return number if not parents or "(" in number else f"{parents}({number})"


def cited_numbers(clauses: tuple[Clause, ...], prefix: str = "") -> dict[str, str]:
    """Each numbered provision's citation (``cite_number``), by id; unnumbered ones are left out."""
    out: dict[str, str] = {}
    for clause in clauses:
        cited = cite_number(clause.number, prefix)
        if clause.number is not None:
            out[clause.id] = cited
        out.update(cited_numbers(clause.clauses, cited))
    return out


def iter_paragraphs(draft: Draft) -> Iterator[tuple[Paragraph, Clause | Term]]:
    """Every paragraph of a draft with its owner, in document order: term definitions, a
    provision's guarantee fields, then its prose, then what it holds."""

    def visit(items: tuple[Clause | Term, ...]) -> Iterator[tuple[Paragraph, Clause | Term]]:
        for item in items:
            if isinstance(item, Term):
                yield from ((p, item) for p in item.definition)
                continue
            yield from ((p, item) for p in guarantee_prose(item.guarantee))
            yield from ((p, item) for p in item.paragraphs)
            yield from visit(item.children)

    return visit(draft.body)


def comment_places(node: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every comment a model holds with where it is attached (the fields and positions that lead
    to it), so that ``fmt`` can check that none moved to another provision, not only that none
    was lost."""
    if isinstance(node, Comment):
        yield path, node.text.rstrip()
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from comment_places(item, (*path, index))
    elif is_dataclass(node) and not isinstance(node, type):
        for spec in fields(node):
            value = getattr(node, spec.name)
            if isinstance(value, (tuple, Comment)) or is_dataclass(value):
                yield from comment_places(value, (*path, spec.name))
