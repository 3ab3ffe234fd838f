"""The model of an amendment list: what ``clausekit amend`` makes, ``-f amend`` writes,
``clausekit check`` reads and ``clausekit apply`` applies (docs/amend.md).

An amendment addresses a clause by its id (stable across versions, so that renumbering a
draft does not break an amendment) and by the number a reader sees, which is only shown.
Inside a clause it addresses a *piece*: a paragraph, the title, or one value of a field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clausekit.model import NOWHERE, Location

ACTIONS = (
    "substitute",  # for "OLD" substitute "NEW" (words), or for the PIECE substitute "NEW"
    "insert-after",  # after "OLD" insert "NEW" (words)
    "insert-before",  # before "OLD" insert "NEW" (words)
    "leave-out",  # leave out "OLD" (words), or leave out the PIECE
    "insert-piece",  # insert the PIECE "NEW" (a paragraph, a field value, a title)
    "delete",  # delete a clause, with what it holds
    "insert",  # insert a clause (NEW is its clause-language block) at a position
    "move",  # move a clause, with what it holds, to a position
    "replace",  # replace a clause's own text and fields (NEW is a block), keeping what it holds
    "renumber",  # give clauses new numbers (``renumbering``)
)
"""What an amendment does, in the words of the ``.amend`` format."""

WORD_ACTIONS = frozenset({"substitute", "insert-after", "insert-before", "leave-out"})
"""The actions on words inside a piece (they quote ``old`` words)."""

PARTIES = "parties"

PIECE_KINDS = ("paragraph", "title", "party")
"""The pieces of a provision an amendment names besides its fields (``for the paragraph 2``)."""
"""The target ``clause_id`` of an amendment to the parties block."""


def label_for(kind: str) -> str:
    """How amendments name a provision of a kind: an article is an Article, the rest points."""
    return "Article" if kind == "article" else "point"


@dataclass(frozen=True, slots=True)
class Target:
    """A clause as readers see it (``point 6``) and by its id (``#force-cap``).

    ``label`` is "point" or "Article"; ``number`` the number a reader cites ("10(a)"), None
    for an unnumbered clause. ``clause_id`` is ``PARTIES`` for the parties block."""

    clause_id: str
    label: str = "point"
    number: str | None = None

    def __str__(self) -> str:
        if self.clause_id == PARTIES:
            return "the parties"
        if self.number is None:
            return f"the {self.label} {self.clause_id}"
        return f"{self.label} {self.number}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a clause: ``paragraph 2``, ``title``, ``trigger 1`` (the first value of a
    repeatable field), ``modality`` (a field holding one value), ``party US``."""

    name: str
    index: int | None = None
    code: str | None = None

    def __str__(self) -> str:
        if self.code is not None:
            return f"{self.name} {self.code}"
        return self.name if self.index is None else f"{self.name} {self.index}"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a clause is put: after a clause, first inside a clause, or first in the draft
    (``after`` and ``inside`` both None)."""

    after: Target | None = None
    inside: Target | None = None

    def __str__(self) -> str:
        if self.after is not None:
            return f"after {self.after}"
        if self.inside is not None:
            return f"at the start of {self.inside}"
        return "at the start"


@dataclass(frozen=True, slots=True)
class Renumbering:
    """One clause given a new number by a ``renumber`` amendment."""

    target: Target
    number: str | None


@dataclass(frozen=True, slots=True)
class Amendment:
    """One numbered amendment.

    ``old`` holds the quoted words of a word action; ``new`` the words put in, a piece's new
    value, or a clause's block (``insert``, ``replace``). ``location`` is where it is written
    in an ``.amend`` file (what ``apply`` reports)."""

    number: int
    action: str
    target: Target
    proposer: str | None = None
    piece: Piece | None = None
    old: str | None = None
    new: str | None = None
    position: Position | None = None
    renumbering: tuple[Renumbering, ...] = ()
    location: Location = field(default=NOWHERE, compare=False)
    # The line of an ``.amend`` file where the block of ``new`` starts (insert, replace).
    block_line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class AmendmentList:
    """The amendments that turn one draft (``old_id``) into another (``new_id``), in order.

    ``notes`` say what the list does not express and why (a text not known on one side)."""

    amendments: tuple[Amendment, ...]
    old_id: str | None = None
    new_id: str | None = None
    old_proposer: str | None = None
    new_proposer: str | None = None
    notes: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)
