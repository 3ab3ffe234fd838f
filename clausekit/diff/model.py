"""The diff's own model: what changed between two drafts, clause by clause.

Every output of ``clausekit diff`` (text, Markdown, JSON, HTML, DOCX) is a view of one
``DraftDiff``; none recomputes what another computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.model import Clause, Draft

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

# Word-level operations of a redline.
WORD_OPS = ("equal", "insert", "delete")


@dataclass(frozen=True, slots=True)
class WordOp:
    """One run of a word-level redline: ``equal``, ``insert`` or ``delete`` text.

    ``text`` holds the words with their original spacing, so that joining the
    ``equal`` and ``delete`` runs gives the old text and ``equal`` and ``insert``
    the new one.
    """

    op: str
    text: str


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
    ``match`` says how the pair was aligned: ``id``, ``text``, ``similar`` or None
    (added/removed). ``similarity`` is difflib's ratio of the two texts (1.0 equal).
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

    @property
    def key(self) -> str:
        """A stable anchor for this row (used for links in HTML and Markdown)."""
        return (self.new or self.old).id  # type: ignore[union-attr]

    @property
    def changed(self) -> bool:
        return self.kinds != ("unchanged",)


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

    @property
    def is_empty(self) -> bool:
        return not self.draft_findings and all(not c.changed for c in self.changes)

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
