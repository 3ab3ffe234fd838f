"""The European Parliament's two-column layout: for each amendment, the text as proposed beside
the text as amended, the changed words marked in both ("Text proposed by US | Amendment by E3").

The columns are found by doing the amendments one by one on a working copy of the old draft
(``apply.apply_one``) and reading the piece or clause each one touches before and after it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from clausekit.amend.apply import ApplyState, NotApplied, apply_one
from clausekit.amend.pieces import PieceError, piece_text, read_paragraph, word_pieces
from clausekit.amend.tree import WorkingDraft
from clausekit.diff import clause_text, party_names
from clausekit.diff.words import redline
from clausekit.language.amendments import PARTIES, WORD_ACTIONS, Amendment, AmendmentList
from clausekit.model import Draft, plain_text
from clausekit.render.amend.view import describe, heading

DELETED = "deleted"
"""What the amendment column says of a text the amendment takes out (the EP's word)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words in a column; ``marked`` ones are the words the amendment changes."""

    text: str
    marked: bool = False


@dataclass(frozen=True, slots=True)
class TableRow:
    """One amendment as two columns: ``before`` and ``after`` are paragraphs of segments; an
    empty side is an empty cell, and ``after_note`` stands in for a text taken out."""

    heading: str
    new_heading: str
    where: str
    instruction: str
    before: tuple[tuple[Segment, ...], ...]
    after: tuple[tuple[Segment, ...], ...]
    after_note: str | None = None


@dataclass(frozen=True, slots=True)
class TableView:
    title: str
    old_heading: str
    new_heading: str
    rows: tuple[TableRow, ...]
    notes: tuple[str, ...]


def _readable(text: str, names: dict[str, str]) -> str:
    """A piece's text as a reader sees it: parties by name, markup read."""
    try:
        return plain_text(read_paragraph(text).spans, names)
    except PieceError:
        return text


def _marked(before: str, after: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both texts, the words that differ between them marked."""
    left: list[Segment] = []
    right: list[Segment] = []
    for op in redline(before, after):
        if op.op == "equal":
            left.append(Segment(op.text))
            right.append(Segment(op.new_side))
        elif op.op == "delete":
            left.append(Segment(op.text, True))
        else:
            right.append(Segment(op.text, True))
    return tuple(left), tuple(right)


def _paragraphs(text: str, marked: bool = False) -> tuple[tuple[Segment, ...], ...]:
    return tuple((Segment(part, marked),) for part in text.split("\n") if part.strip())


def _split(segments: tuple[Segment, ...]) -> tuple[tuple[Segment, ...], ...]:
    """Segments cut into paragraphs at their line breaks."""
    out: list[list[Segment]] = [[]]
    for segment in segments:
        parts = segment.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                out.append([])
            if part:
                out[-1].append(Segment(part, segment.marked))
    return tuple(tuple(p) for p in out if p)


class _Columns:
    """Replays the amendments on the old draft and reads each one's two columns."""

    def __init__(self, old: Draft):
        self.state = ApplyState(WorkingDraft(old))
        self.names = party_names(old)

    def clause_text(self, clause_id: str) -> str:
        node = self.state.work.nodes.get(clause_id)
        return clause_text(node.clause, self.names) if node is not None else ""

    def piece(self, amendment: Amendment):  # type: ignore[no-untyped-def]
        """The piece an amendment's words are in: the one it names, else the one holding them."""
        node = self.state.work.nodes.get(amendment.target.clause_id)
        if node is None:
            return None
        if amendment.piece is not None:
            return amendment.piece
        found = [p for p in word_pieces(node.clause) if (amendment.old or "") in _safe(node.clause, p)]
        return found[0] if found else None

    def piece_words(self, clause_id: str, piece) -> str:  # type: ignore[no-untyped-def]
        node = self.state.work.nodes.get(clause_id)
        if node is None or piece is None:
            return ""
        return _readable(_safe(node.clause, piece), self.names)

    def party(self, code: str) -> str:
        party = next((p for p in self.state.work.parties if p.code == code), None)
        return f"{party.code}: {party.name}" if party is not None else ""

    def row(self, amendment: Amendment, new_by: str) -> TableRow:
        before, after, note = self.columns(amendment)
        by = f"Amendment by {amendment.proposer or new_by}"
        where = "The parties" if amendment.target.clause_id == PARTIES else str(amendment.target).capitalize()
        if amendment.action == "renumber":
            where = "The numbering"
        return TableRow(heading(amendment), by, where, describe(amendment, self.names).text, before, after, note)

    def columns(self, amendment: Amendment):  # type: ignore[no-untyped-def]
        action, target = amendment.action, amendment.target
        if target.clause_id == PARTIES and amendment.piece is not None:
            return self._changed(amendment, lambda: self.party(amendment.piece.code or ""))  # type: ignore[union-attr]
        if action == "delete":
            before = self.clause_text(target.clause_id)
            self._apply(amendment)
            return _paragraphs(before, True), (), DELETED
        if action == "insert":
            self._apply(amendment)
            return (), _paragraphs(self.clause_text(target.clause_id), True), None
        if action in ("move", "renumber"):
            self._apply(amendment)
            return (), ((Segment(describe(amendment, self.names).text, True),),), None
        if action == "replace":
            return self._changed(amendment, lambda: self.clause_text(target.clause_id))
        if action in WORD_ACTIONS and amendment.old is not None:
            piece = self.piece(amendment)
            return self._changed(amendment, lambda: self.piece_words(target.clause_id, piece))
        return self._changed(amendment, lambda: self.clause_text(target.clause_id))

    def _changed(self, amendment: Amendment, read):  # type: ignore[no-untyped-def]
        before = read()
        self._apply(amendment)
        after = read()
        if not after:
            return _paragraphs(before, True), (), DELETED
        if not before:
            return (), _paragraphs(after, True), None
        left, right = _marked(before, after)
        return _split(left), _split(right), None

    def _apply(self, amendment: Amendment) -> None:
        # A list edited by hand may hold one that does not apply: its row still shows what it asks.
        with contextlib.suppress(NotApplied):
            apply_one(self.state, amendment)


def _safe(clause, piece) -> str:  # type: ignore[no-untyped-def]
    try:
        return piece_text(clause, piece)
    except PieceError:
        return ""


def table_view(amendments: AmendmentList, old: Draft) -> TableView:
    """The two-column table of an amendment list against the old draft it amends."""
    columns = _Columns(old)
    old_by = amendments.old_proposer or amendments.old_id or "the draft"
    new_by = amendments.new_proposer or amendments.new_id or "the amendments"
    rows = tuple(columns.row(amendment, new_by) for amendment in amendments.amendments)
    title = f"Amendments to {old.title}"
    return TableView(title, f"Text proposed by {old_by}", f"Amendment by {new_by}", rows, amendments.notes)
