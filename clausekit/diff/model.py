"""The diff's own model: what changed between two drafts, clause by clause.

Every output of ``clausekit diff`` (text, Markdown, JSON, HTML, DOCX) is a view of one
``DraftDiff``; none recomputes what another computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.model import HEADER_FIELDS, Clause, Draft

# Change kinds per aligned clause pair (several may hold at once: moved and modified).
CHANGE_KINDS = (
    "unchanged",
    "modified",
    "added",
    "removed",
    "moved",
    "renumbered",
    "retitled",
    "unknown",
)


def clause_label(clause: Clause, cited: str | None = None) -> str:
    """How a reader names a clause: 'Clause 10(a)', 'Article 1 "Security guarantee"', or
    its kind and id when it has no number."""
    number = cited or clause.number or clause.id
    head = f"{clause.kind.capitalize()} {number}"
    return f'{head} "{clause.title}"' if clause.title else head


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of a word-level redline: ``equal``, ``insert`` or ``delete`` text.

    ``text`` holds the words with their original spacing, so that joining the
    ``equal`` and ``delete`` runs gives the old text and ``equal`` and ``insert``
    the new one. An ``equal`` run may be spelt differently in the new text when the
    difference was ignored (``--ignore-case``, ``--ignore-quotes``, ...): then
    ``new_text`` holds the new spelling (use ``new_side``), so that accepting a
    redline still gives exactly the new text.
    """

    op: str
    text: str
    new_text: str | None = None

    @property
    def new_side(self) -> str:
        """This run as the new text spells it (for ``equal`` and ``insert`` runs)."""
        return self.text if self.new_text is None else self.new_text


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a change means.

    ``kind`` is a stable dotted name used in JSON, ``--fail-on`` and the docs
    (``modality.weakened``, ``quantity.changed``, ``guarantee.trigger.changed``, ...).
    ``before``/``after`` are short texts (a word, a number, a field value);
    ``direction`` is one of weakened, strengthened, added, removed, increased,
    decreased, longer, shorter, earlier, later, changed, or None.
    ``detail`` is one human sentence ("600,000 -> 800,000 (+33%)").
    """

    kind: str
    before: str | None
    after: str | None
    direction: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class ClauseChange:
    """One aligned row: a clause of the old draft, of the new draft, or both.

    ``kinds`` lists every change kind that holds, in the order of ``CHANGE_KINDS``.
    ``match`` says how the pair was aligned: ``id``, ``text``, ``similar``,
    ``structure`` (their sub-clauses matched), ``forced`` (two clauses named on the
    command line) or None (added/removed). ``similarity`` is difflib's ratio of the two texts (1.0 equal).
    ``words`` is the redline of the clause's own prose (empty when unchanged or
    unaligned); ``findings`` what the change means.
    """

    old: Clause | None
    new: Clause | None
    kinds: tuple[str, ...]
    match: str | None
    similarity: float
    words: tuple[WordOp, ...]
    findings: tuple[Finding, ...]
    # The clause's number as a reader cites it in its draft ("10(a)" for sub-point a
    # of point 10), when it has one.
    old_cited: str | None = None
    new_cited: str | None = None

    @property
    def label(self) -> str:
        """How a reader names this row's clause: 'Clause 10(a)', 'Article 1 "Title"'."""
        if self.new is not None:
            return clause_label(self.new, self.new_cited)
        return clause_label(self.old, self.old_cited)  # type: ignore[arg-type]

    @property
    def old_label(self) -> str | None:
        return clause_label(self.old, self.old_cited) if self.old is not None else None

    @property
    def new_label(self) -> str | None:
        return clause_label(self.new, self.new_cited) if self.new is not None else None

    @property
    def key(self) -> str:
        """A stable anchor for this row (used for links in HTML and Markdown)."""
        return (self.new or self.old).id  # type: ignore[union-attr]

    @property
    def changed(self) -> bool:
        return self.kinds != ("unchanged",)

    @property
    def differs(self) -> bool:
        """Whether this row is a known difference. A placeholder compared with the very same
        placeholder is reported ``unknown`` (its text is not known), but it is no difference
        between the drafts: a draft compared with itself has none."""
        if self.kinds == ("unknown",) and self.old is not None and self.old == self.new:
            return False
        return self.changed


METADATA_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    *((spec.name, spec.attribute) for spec in HEADER_FIELDS if spec.name != "language"),
    ("parties", "parties"),
)
"""The header fields a diff compares as fields (``DraftDiff.metadata``), in the order shown."""


def _metadata_value(draft: Draft, attribute: str) -> str:
    if attribute == "parties":
        return "; ".join(f"{party.code}: {party.name}" for party in draft.parties)
    return getattr(draft, attribute) or ""


@dataclass(frozen=True, slots=True)
class DraftDiff:
    """Two drafts and their clause-by-clause differences, in the new draft's order
    (removed clauses stand where they stood in the old draft)."""

    old: Draft
    new: Draft
    changes: tuple[ClauseChange, ...]
    # Findings about the drafts as a whole: parties, terms, header fields.
    draft_findings: tuple[Finding, ...]
    # Whether prose findings (modality, quantities, ...) were computed: they are
    # for English prose only.
    prose_analysed: bool = True
    # What the diff could not do in full and why (a budget was reached, ...): every
    # output shows these, so that a fallback is never silent.
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """No known difference (what ``--exit-code`` tests): ``diff(a, a)`` is empty."""
        return not self.draft_findings and not any(c.differs for c in self.changes)

    def metadata(self) -> tuple[tuple[str, str, str], ...]:
        """The header fields that differ, each as (field, old, new): what every format shows
        as "Date: 1949-04-04 -> 1960-01-19" lines rather than a word redline (the values are
        facts about each document, not edits of one text). "(none)" stands for a value not given."""
        out = []
        for name, attribute in METADATA_FIELDS:
            old, new = _metadata_value(self.old, attribute), _metadata_value(self.new, attribute)
            if old != new:
                out.append((name, old or "(none)", new or "(none)"))
        return tuple(out)

    def findings(self) -> tuple[Finding, ...]:
        """Every finding, the drafts' own first."""
        out = list(self.draft_findings)
        for change in self.changes:
            out.extend(change.findings)
        return tuple(out)

    def counts(self) -> dict[str, int]:
        """How many clauses hold each change kind."""
        counts = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            for kind in change.kinds:
                counts[kind] += 1
        return counts
