"""Applying amendments to a draft, in order, each to the draft as those before it left it.

A clause is found by its id, so an amendment list applies to a later version of the draft
whose points were renumbered. An amendment that cannot be applied (its words are not in the
clause or occur more than once, the clause is gone, it would change words an amendment before
it put in) is left out with the reason, and the others still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from clausekit.amend.pieces import (
    PARTY,
    PieceError,
    is_list_piece,
    party_text,
    piece_text,
    read_party,
    set_piece,
    word_pieces,
)
from clausekit.amend.tree import Node, PositionError, WorkingDraft
from clausekit.errors import ClauseSyntaxError
from clausekit.language.amend_parser import read_block
from clausekit.language.amendments import PARTIES, WORD_ACTIONS, Amendment, AmendmentList, Piece, Position
from clausekit.language.format import checked_format, format_draft
from clausekit.language.parser import loads
from clausekit.model import Clause, Draft, Term

# No space is put between inserted words and a mark that follows or opens them.
_CLOSING = tuple(",.;:!?)]}”’")
_OPENING = tuple("([{“‘\"'")


class NotApplied(Exception):
    """Why an amendment cannot be applied (one phrase, shown as ``amendment N: ...: not applied``)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An amendment left out, and why."""

    amendment: Amendment
    reason: str

    def message(self, filename: str | None) -> str:
        line = self.amendment.location.line
        where = f"{filename or self.amendment.location.file}:{line}: " if line else ""
        return f"{where}amendment {self.amendment.number}: {self.reason}: not applied"


@dataclass(frozen=True, slots=True)
class Applied:
    """The amended draft, the numbers of the amendments applied and those that were not."""

    draft: Draft
    applied: tuple[int, ...]
    failures: tuple[Failure, ...]


@dataclass
class ApplyState:
    """What the amendments applied so far did: the words they put in (by clause and piece, as
    ``[start, end, amendment]`` in the piece's current text) and the clauses they deleted."""

    work: WorkingDraft
    regions: dict[str, dict[str, list[list[int]]]] = field(default_factory=dict)

    def pieces(self, clause_id: str) -> dict[str, list[list[int]]]:
        """The regions kept for a clause, by piece (made when first asked for)."""
        return self.regions.setdefault(clause_id, {})

    deleted: dict[str, int] = field(default_factory=dict)
    # Clause blocks whose provision is known already (the text -> the provision): ``amend``,
    # which writes a block from the new draft's provision, does not read it back to apply it.
    blocks: dict[str, Clause] = field(default_factory=dict)
    # Where each insert and move of the whole list puts its clause (the clause id -> the
    # amendment's number and position), and which were applied: a clause to go after one that
    # an amendment left out would have put in goes where that one would have gone.
    placements: dict[str, tuple[int, Position]] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)


def apply(draft: Draft, amendments: AmendmentList, only: set[int] | None = None) -> Applied:
    """Apply the amendments (those numbered in ``only``, when given) to ``draft`` in order."""
    state = ApplyState(WorkingDraft(draft))
    state.placements = {
        a.target.clause_id: (a.number, a.position)
        for a in amendments.amendments
        if a.action in ("insert", "move") and a.position is not None
    }
    applied: list[int] = []
    failures: list[Failure] = []
    for amendment in amendments.amendments:
        if only is not None and amendment.number not in only:
            continue
        try:
            apply_one(state, amendment)
        except NotApplied as reason:
            failures.append(Failure(amendment, str(reason)))
        else:
            applied.append(amendment.number)
            state.done.add(amendment.number)
    return Applied(state.work.freeze(), tuple(applied), tuple(failures))


def amended_source(draft: Draft, name: str) -> str:
    """The amended draft's source text, in canonical form. Written once and read back first: a
    comment kept for a field an amendment left out finds its place in the block on reading, and
    the text is then checked as ``fmt --write`` checks it (``checked_format``)."""
    return checked_format(loads(format_draft(draft), name), name)


def apply_one(state: ApplyState, amendment: Amendment) -> None:
    """Apply one amendment to the working draft, or raise ``NotApplied`` leaving it as it was."""
    if amendment.target.clause_id == PARTIES and amendment.action not in ("insert", "move", "renumber"):
        _amend_parties(state, amendment)
        return
    handler = _CLAUSE_ACTIONS.get(amendment.action)
    if handler is not None:
        handler(state, amendment)
        return
    node = _node(state, amendment.target.clause_id, str(amendment.target))
    try:
        if amendment.action in WORD_ACTIONS and amendment.old is not None:
            _amend_words(state, node, amendment)
        else:
            _amend_piece(state, node, amendment)
    except PieceError as error:
        raise NotApplied(f"{amendment.target}: {error}") from None


def _node(state: ApplyState, clause_id: str, shown: str) -> Node:
    node = state.work.nodes.get(clause_id)
    if node is not None:
        return node
    if clause_id in state.deleted:
        raise NotApplied(f"{shown} (#{clause_id}) was deleted by amendment {state.deleted[clause_id]}")
    raise NotApplied(f"{shown} (#{clause_id}) is not in the draft")


# --- words ------------------------------------------------------------------------------------


def occurrences(text: str, words: str) -> list[int]:
    """Where ``words`` start in ``text``, overlapping occurrences included."""
    found: list[int] = []
    start = text.find(words)
    while start >= 0 and words:
        found.append(start)
        start = text.find(words, start + 1)
    return found


def found_once(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` exactly once: one pass that stops at the second."""
    first = text.find(words) if words else -1
    return first >= 0 and text.find(words, first + 1) < 0


def edit_words(text: str, action: str, old: str, new: str | None, start: int) -> tuple[str, tuple[int, int], int, int]:
    """``text`` with one word action done on the ``old`` words found at ``start``: the new text,
    the span of the old text it consumed, and where its own words now stand (start, end)."""
    end = start + len(old)
    if action == "substitute":
        return text[:start] + (new or "") + text[end:], (start, end), start, start + len(new or "")
    if action == "leave-out":
        before, after = text[:start], text[end:]
        if before.endswith(" ") and (not after or after.startswith(" ") or after.startswith(_CLOSING)):
            before = before[:-1]
        elif not before and after.startswith(" "):
            after = after[1:]
        return before + after, (start, end), len(before), len(before)
    words = new or ""
    if action == "insert-after":
        gap = "" if words.startswith(_CLOSING) or words[:1].isspace() else " "
        return text[:end] + gap + words + text[end:], (end, end), end, end + len(gap + words)
    gap = "" if words.endswith(_OPENING) or words[-1:].isspace() else " "
    return text[:start] + words + gap + text[start:], (start, start), start, start + len(words + gap)


def _overlapping(regions: list[list[int]], span: tuple[int, int]) -> int | None:
    start, end = span
    for low, high, number in regions:
        if (start < high and low < end) or (start == end and low < start < high):
            return number
    return None


def _amend_words(state: ApplyState, node: Node, amendment: Amendment) -> None:
    old = amendment.old or ""
    pieces = [amendment.piece] if amendment.piece is not None else word_pieces(node.clause)
    where = f"{amendment.target}, {amendment.piece}" if amendment.piece is not None else str(amendment.target)
    texts = [(piece, piece_text(node.clause, piece)) for piece in pieces]  # each written out once
    found = [(piece, text, start) for piece, text in texts for start in occurrences(text, old)]
    if not found:
        raise NotApplied(f"{_shown(old)} is not in {where}")
    if len(found) > 1:
        raise NotApplied(f"{_shown(old)} occurs {len(found)} times in {where}")
    piece, text, start = found[0]
    changed, consumed, low, high = edit_words(text, amendment.action, old, amendment.new, start)
    regions = state.pieces(node.clause.id).setdefault(str(piece), [])
    earlier = _overlapping(regions, consumed)
    if earlier is not None:
        raise NotApplied(f"{_shown(old)} overlaps amendment {earlier}, applied before it")
    node.clause = set_piece(node.clause, piece, changed)
    shift = len(changed) - len(text)
    for region in regions:
        if region[0] >= consumed[1]:
            region[0] += shift
            region[1] += shift
    regions.append([low, high, amendment.number])


def _shown(words: str) -> str:
    shown = words if len(words) <= 60 else words[:57] + "..."
    return '"' + shown.replace("\n", " ") + '"'


# --- whole pieces -------------------------------------------------------------------------------


def _amend_piece(state: ApplyState, node: Node, amendment: Amendment) -> None:
    piece = amendment.piece
    if piece is None:
        raise NotApplied(f"{amendment.target}: the amendment names no words and no piece")
    kept = state.pieces(node.clause.id)
    key = str(piece)
    if amendment.action in ("substitute", "leave-out") and kept.get(key):
        earlier = kept[key][0][2]
        raise NotApplied(f"{amendment.target}, {piece}: overlaps amendment {earlier}, applied before it")
    if amendment.action == "substitute":
        piece_text(node.clause, piece)  # it must be there
        node.clause = set_piece(node.clause, piece, amendment.new)
        kept.pop(key, None)
    elif amendment.action == "leave-out":
        piece_text(node.clause, piece)
        node.clause = set_piece(node.clause, piece, None)
        _shift_regions(state, node, piece, -1)
    elif amendment.action == "insert-piece":
        if amendment.new is None:
            raise NotApplied(f"{amendment.target}: nothing to insert")
        node.clause = set_piece(node.clause, piece, amendment.new, insert=True)
        _shift_regions(state, node, piece, +1)
    else:
        raise NotApplied(f"{amendment.target}: {amendment.action} needs quoted words")


def _shift_regions(state: ApplyState, node: Node, piece: Piece, step: int) -> None:
    """A piece put in or left out renumbers the pieces after it: so do the regions kept for them."""
    if not is_list_piece(node.clause, piece.name) or piece.index is None:
        return
    kept = state.pieces(node.clause.id)
    moved: dict[str, list[list[int]]] = {}
    for name, regions in list(kept.items()):
        word, _, number = name.partition(" ")
        if word == piece.name and number.isdigit() and int(number) >= piece.index:
            del kept[name]
            if step > 0 or int(number) > piece.index:
                moved[f"{word} {int(number) + step}"] = regions
    kept.update(moved)


def _amend_parties(state: ApplyState, amendment: Amendment) -> None:
    piece = amendment.piece
    if piece is None or piece.name != PARTY or piece.code is None:
        raise NotApplied("an amendment to the parties names a party (party CODE)")
    parties = state.work.parties
    at = next((k for k, party in enumerate(parties) if party.code == piece.code), None)
    try:
        if amendment.action == "insert-piece":
            if at is not None:
                raise NotApplied(f"the party {piece.code} is declared already")
            party = read_party(amendment.new or "")
            parties.insert(_party_slot(state, amendment), replace(party, code=piece.code))
            return
        if at is None:
            raise NotApplied(f"the party {piece.code} is not declared")
        if amendment.action == "leave-out":
            del parties[at]
        elif amendment.action == "substitute" and amendment.old is None:
            parties[at] = replace(read_party(amendment.new or ""), code=piece.code)
        elif amendment.action in WORD_ACTIONS:
            text = party_text(parties[at])
            found = occurrences(text, amendment.old or "")
            if len(found) != 1:
                raise NotApplied(f"{_shown(amendment.old or '')} is not once in the party {piece.code}")
            changed = edit_words(text, amendment.action, amendment.old or "", amendment.new, found[0])[0]
            parties[at] = replace(read_party(changed), code=piece.code)
        else:
            raise NotApplied(f"{amendment.action} does not apply to a party")
    except PieceError as error:
        raise NotApplied(f"the party {piece.code}: {error}") from None


def _party_slot(state: ApplyState, amendment: Amendment) -> int:
    """Where a new party goes: after the party its ``position`` names, else at the end."""
    position = amendment.position
    if position is not None and position.after is not None:
        codes = [party.code for party in state.work.parties]
        if position.after.clause_id in codes:
            return codes.index(position.after.clause_id) + 1
    if position is not None and position.after is None:
        return 0
    return len(state.work.parties)


# --- whole clauses -------------------------------------------------------------------------------


def _delete(state: ApplyState, amendment: Amendment) -> None:
    node = _node(state, amendment.target.clause_id, str(amendment.target))
    for gone in state.work.subtree(node):
        state.deleted.setdefault(gone.clause.id, amendment.number)
    state.work.remove(node)


def _block(state: ApplyState, amendment: Amendment) -> Clause:
    known = state.blocks.pop(amendment.new or "", None)
    if known is not None:
        return known
    try:
        return read_block(amendment.new or "", amendment.location.file, amendment.block_line or 1)
    except ClauseSyntaxError as error:
        raise NotApplied(f"its clause does not read ({error.message})") from None


def _insert(state: ApplyState, amendment: Amendment) -> None:
    clause = _block(state, amendment)
    taken = [c.id for c in _walk(clause) if c.id in state.work.nodes]
    if taken:
        raise NotApplied(f"the draft has a clause #{taken[0]} already")
    if amendment.position is None:
        raise NotApplied("it says nowhere where to insert")
    try:
        state.work.add(clause, _standing(state, amendment.position))
    except PositionError as error:
        for item in _walk(clause):
            state.work.nodes.pop(item.id, None)
        raise NotApplied(str(error)) from None


def _standing(state: ApplyState, position: Position) -> Position:
    """``position``, or, when it is after a clause that an insert or move of the list not applied
    would have put there (it is not in the draft), the place that one would have gone: a subset of
    the amendments then keeps the clauses it puts in in the new draft's order, and the rest, applied
    later, put theirs back between them. A clause placed inside one that is missing is not moved."""
    seen: set[str] = set()
    while position.after is not None and position.after.clause_id not in state.work.nodes:
        clause_id = position.after.clause_id
        number, before = state.placements.get(clause_id, (0, None))
        if before is None or number in state.done or clause_id in seen:
            break
        seen.add(clause_id)
        position = before
    return position


def _walk(clause):  # type: ignore[no-untyped-def]
    yield clause
    for child in clause.clauses:
        yield from _walk(child)


def _move(state: ApplyState, amendment: Amendment) -> None:
    node = _node(state, amendment.target.clause_id, str(amendment.target))
    if amendment.position is None:
        raise NotApplied("it says nowhere where to move it")
    siblings = state.work.siblings(node)
    index, parent = state.work.index(siblings, node), node.parent
    state.work.remove(node, forget=False)
    try:
        state.work.place(node, _standing(state, amendment.position))
    except PositionError as error:
        siblings.insert(index, node)
        node.parent = parent
        raise NotApplied(str(error)) from None


def _replace(state: ApplyState, amendment: Amendment) -> None:
    node = _node(state, amendment.target.clause_id, str(amendment.target))
    clause = _block(state, amendment)
    if clause.clauses:
        raise NotApplied("a clause's new text holds no clauses (they are amended on their own)")
    if clause.kind == "article" and node.parent is not None:
        raise NotApplied(f"an article stands at the top level, and #{node.clause.id} is inside another provision")
    terms = [item for item in node.children if isinstance(item, Term)] if clause.kind != "article" else []
    node.clause = replace(clause, id=node.clause.id, children=())
    node.renumber(clause.number)  # the number its new text gives, over a renumbering before it
    state.regions.pop(node.clause.id, None)
    if terms:
        _keep_terms_beside(state, node, terms)


def _keep_terms_beside(state: ApplyState, node: Node, terms: list[Term]) -> None:
    """An article that becomes a clause or a guarantee cannot hold a term definition, and
    amendments do not redefine terms: they stay in the draft, just after the provision, or after
    the outermost clause around it where that is what holds it (only an article or the top level
    may hold a term)."""
    node.children = [item for item in node.children if not isinstance(item, Term)]
    anchor = node
    while anchor.parent is not None and anchor.parent.clause.kind != "article":
        anchor = anchor.parent
    siblings = state.work.siblings(anchor)
    at = siblings.index(anchor) + 1
    siblings[at:at] = terms


def _renumber(state: ApplyState, amendment: Amendment) -> None:
    nodes = []
    for item in amendment.renumbering:
        nodes.append(_node(state, item.target.clause_id, str(item.target)))
    for node, item in zip(nodes, amendment.renumbering, strict=True):
        node.renumber(item.number)


_CLAUSE_ACTIONS = {
    "delete": _delete,
    "insert": _insert,
    "move": _move,
    "replace": _replace,
    "renumber": _renumber,
}
