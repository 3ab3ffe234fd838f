"""From a clause-level diff to the amendments that turn the old draft into the new one.

The rows of the ``DraftDiff`` are read in the new draft's order. Each amendment is made
against the draft as the amendments before it left it, and applied to a working copy of the
old draft straight away (``apply.apply_one``): so every amendment made is one that applies,
its quoted words are found once in that copy, and positions name clauses that are there.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from clausekit.amend.apply import ApplyState, NotApplied, apply_one
from clausekit.amend.pieces import (
    PARAGRAPH,
    PARTY,
    TITLE,
    PieceError,
    field_spec,
    is_list_piece,
    party_text,
    piece_texts,
    read_field,
    read_paragraph,
    word_pieces,
)
from clausekit.amend.tree import Node, WorkingDraft
from clausekit.amend.words import word_edits
from clausekit.diff import DraftDiff, clause_text, collector_paused, diff
from clausekit.diff.model import ClauseChange, WordOp
from clausekit.errors import InputError
from clausekit.language.amendments import (
    PARTIES,
    Amendment,
    AmendmentList,
    Piece,
    Position,
    Renumbering,
    Target,
    label_for,
)
from clausekit.language.format import format_clause
from clausekit.language.inline import spans_to_source
from clausekit.model import GUARANTEE_FIELDS, Clause, Draft, iter_inline

PROSE_PIECES = frozenset({PARAGRAPH} | {spec.name for spec in GUARANTEE_FIELDS if spec.kind == "prose"})


def amend(old: Draft, new: Draft) -> AmendmentList:
    """The numbered amendments that turn ``old`` into ``new`` (``clausekit amend``).

    Amendments name clauses by id, so each draft must give each id once (``InputError``
    at the second one otherwise; ``clausekit check`` reports it too)."""
    for draft in (old, new):
        _unique_ids(draft)
    with collector_paused():
        # What the changes mean (the diff's findings) is not said by any amendment: not read.
        return amendments_from_diff(diff(old, new, findings=False))


def _unique_ids(draft: Draft) -> None:
    seen: set[str] = set()
    for clause in draft.walk():
        if clause.id in seen:
            where = clause.location
            message = f"the id {clause.id!r} is given twice, and amendments name clauses by id"
            raise InputError(draft.path or where.file, message, where.line or None, where.column or None)
        seen.add(clause.id)


def amendments_from_diff(result: DraftDiff) -> AmendmentList:
    """The amendments that turn ``result.old`` into ``result.new``, in the new draft's order."""
    maker = _Maker(result)
    maker.parties()
    for row in result.changes:
        maker.row(row)
    maker.finish()
    return AmendmentList(
        tuple(maker.out),
        result.old.id,
        result.new.id,
        result.old.proposer,
        result.new.proposer,
        tuple(maker.notes) + _unknown_note(maker.unknown) + _excerpt_note(maker.excerpts),
    )


def label(clause: Clause) -> str:
    """How amendments name a provision: an article is an Article, anything else a point."""
    return label_for(clause.kind)


@dataclass(frozen=True, slots=True)
class _Change:
    """An amendment to a clause's own text, before it has a number."""

    action: str
    piece: Piece | None
    old: str | None = None
    new: str | None = None


class _Maker:
    """Makes the amendments of one diff, applying each to a working copy of the old draft."""

    def __init__(self, result: DraftDiff):
        self.result = result
        self.state = ApplyState(WorkingDraft(result.old))
        self.out: list[Amendment] = []
        self.notes: list[str] = []
        # How readers cite each provision: the diff's rows carry it (as ``cited_numbers`` has it).
        self.old_cites = {row.old.id: row.old_cited for row in result.changes if row.old and row.old_cited}
        self.new_cites = {row.new.id: row.new_cited for row in result.changes if row.new and row.new_cited}
        # Each new provision (by identity): its parent, and its siblings with its place among them.
        self.new_parent: dict[int, Clause | None] = {}
        self.new_before: dict[int, tuple[list[Clause], int]] = {}
        self._index(result.new.body, None)
        # New provision (identity) -> the id it has in the working copy, once it is there.
        self.placed: dict[int, str] = {}
        self.paired: dict[int, Clause] = {}
        self.doomed = {row.old.id for row in result.changes if row.new is None and "removed" in row.kinds}  # type: ignore[union-attr]
        self.staying = {row.old.id for row in result.changes if row.new is None and "removed" not in row.kinds}  # type: ignore[union-attr]
        self.waiting = {row.old.id for row in result.changes if row.old is not None and row.new is not None}  # type: ignore[union-attr]
        self.deferred: list[ClauseChange] = []
        self.inserted: set[str] = set()
        self.unknown: list[str] = []  # rows whose text is not known on one side
        self.excerpts: list[str] = []  # rows whose text is known only in part on one side

    def _index(self, items: tuple, parent: Clause | None) -> None:  # type: ignore[type-arg]
        before: list[Clause] = []
        for item in items:
            if isinstance(item, Clause):
                self.new_parent[id(item)] = parent
                self.new_before[id(item)] = (before, len(before))
                before.append(item)
                self._index(item.children, item)

    # --- emitting ---

    def proposer(self, clause: Clause | None, old: str = "", new: str = "") -> str | None:
        """The new draft's proposer (or the clause's own), or the party whose bracketed
        alternative the new words put in."""
        introduced = _introduced(old, new)
        if introduced is not None:
            return introduced
        own = clause.proposer if clause is not None else None
        return own or self.result.new.proposer

    def emit(self, amendment: Amendment, quiet: bool = False) -> bool:
        amendment = replace(amendment, number=len(self.out) + 1)
        try:
            apply_one(self.state, amendment)
        except NotApplied as reason:
            if not quiet:
                self.notes.append(f"{amendment.target}: an amendment could not be made ({reason})")
            return False
        self.out.append(amendment)
        return True

    def target(self, node_or_clause: Node | Clause) -> Target:
        """A provision of the working copy as a reader of the old draft cites it (a provision
        an amendment put in, as the new draft does)."""
        clause = node_or_clause.clause if isinstance(node_or_clause, Node) else node_or_clause
        cites = self.new_cites if clause.id in self.inserted else self.old_cites
        return Target(clause.id, label(clause), cites.get(clause.id, clause.number))

    # --- the parties block ---

    def parties(self) -> None:
        old = {party.code: party for party in self.result.old.parties}
        new = {party.code: party for party in self.result.new.parties}
        where = Target(PARTIES, "parties")
        previous: str | None = None
        for code, party in new.items():
            line = party_text(party)
            if code not in old:
                after = Position(after=Target(previous, "party")) if previous else Position()
                piece = Piece(PARTY, code=code)
                self.emit(Amendment(0, "insert-piece", where, self.proposer(None), piece, None, line, after))
            elif party_text(old[code]) != line:
                self.emit(Amendment(0, "substitute", where, self.proposer(None), Piece(PARTY, code=code), None, line))
            previous = code
        for code in old:
            if code not in new:
                self.emit(Amendment(0, "leave-out", where, self.proposer(None), Piece(PARTY, code=code)))

    # --- the rows ---

    def row(self, row: ClauseChange) -> None:
        if row.new is None:
            if "removed" in row.kinds:
                self.delete(row)
            elif row.old is not None:
                self.unknown.append(_cited(row))
            return
        if row.old is None:
            # A new point whose text is not known is still a new point: it is put in as the new
            # draft has it (exactness: missing). One inside such a point is not known to be new.
            if "unknown" in row.kinds and not row.new.is_placeholder:
                self.unknown.append(_cited(row))
            elif id(row.new) not in self.placed:
                self.insert(row.new, row)
            return
        self.paired[id(row.new)] = row.old
        self.placed[id(row.new)] = row.old.id
        self.waiting.discard(row.old.id)
        if row.old.is_placeholder or row.new.is_placeholder:
            self.move_if_needed(row.old, row.new, "moved" in row.kinds)
            self.unknown.append(_cited(row))
            return
        if row.old.is_excerpt or row.new.is_excerpt:
            # What an excerpt lacks is not known to be gone, nor where in the full text its words
            # stand: an amendment drafted from it would strike what the full text may keep.
            self.move_if_needed(row.old, row.new, "moved" in row.kinds)
            self.excerpts.append(_cited(row))
            return
        # Only the top level holds an article: one that becomes a clause is first given its new
        # text, then moved in; a clause that becomes an article is moved out first. So each
        # amendment, and each prefix of them, leaves a draft that is a draft.
        text_first = row.old.kind == "article" != row.new.kind
        if text_first:
            self.own_text(row.old, row.new, row.words)
        self.move_if_needed(row.old, row.new, "moved" in row.kinds)
        if not text_first:
            self.own_text(row.old, row.new, row.words)

    def delete(self, row: ClauseChange) -> None:
        old = row.old
        assert old is not None
        node = self.state.work.nodes.get(old.id)
        if node is None:
            return
        held = [item.clause.id for item in self.state.work.subtree(node)[1:]]
        if any(clause_id not in self.doomed for clause_id in held):
            self.deferred.append(row)
            return
        self.emit(Amendment(0, "delete", self.target(node), self.proposer(None)))

    def position(self, clause: Clause) -> Position | None:
        """Where a new provision goes in the working copy: after the provision before it in the
        new draft, else first in its parent, else first in the draft."""
        place = self.place_of(clause)
        if place is None:
            return None
        after, inside = place
        if after is not None:
            return Position(after=self.work_target(after))
        return Position(inside=self.work_target(inside)) if inside is not None else Position()

    def place_of(self, clause: Clause) -> tuple[Clause | None, Clause | None] | None:
        """``position`` as the new provisions it names (after, inside), before any ``Target`` is
        made: most provisions are in place already, and need none."""
        siblings, place = self.new_before[id(clause)]
        for index in range(place - 1, -1, -1):
            before = siblings[index]
            if id(before) in self.placed:
                return before, None
        parent = self.new_parent[id(clause)]
        if parent is None:
            return None, None
        if id(parent) not in self.placed:
            return None
        return None, parent

    def work_target(self, new_clause: Clause) -> Target:
        node = self.state.work.nodes[self.placed[id(new_clause)]]
        return self.target(node)

    def insert(self, clause: Clause, row: ClauseChange) -> None:
        block = self._added_only(clause)
        position = self.position(clause)
        if position is None:  # its parent is one that is not put in
            self.unknown.append(_cited(row))
            return
        text = format_clause(block)
        self.state.blocks[text] = block  # the provision the block says: not read back
        target = Target(clause.id, label(clause), clause.number)
        if self.emit(Amendment(0, "insert", target, self.proposer(clause, "", text), new=text, position=position)):
            originals = {c.id: c for c in _walk(clause)}
            for item in _walk(block):
                self.inserted.add(item.id)
                self.placed[id(originals[item.id])] = item.id

    def _added_only(self, clause: Clause) -> Clause:
        """The new provision with the provisions it holds that are new too (the others are
        moved into it by amendments of their own)."""
        paired_ids = self._paired_new()
        children = tuple(
            self._added_only(child) if isinstance(child, Clause) else child
            for child in clause.children
            if not (isinstance(child, Clause) and id(child) in paired_ids)
        )
        return replace(clause, children=children)

    def _paired_new(self) -> set[int]:
        """The new provisions (by identity) that have a counterpart in the old draft."""
        if not hasattr(self, "_paired_cache"):
            self._paired_cache = {id(r.new) for r in self.result.changes if r.old is not None and r.new is not None}
        return self._paired_cache

    def move_if_needed(self, old: Clause, new: Clause, moved: bool) -> None:
        """Move a provision that is not where the new draft has it. A row the diff found moved
        is compared with every provision beside it; one it kept in place passes over those
        still to come, which will be moved round it (so the moves are the diff's)."""
        work = self.state.work
        node = work.nodes.get(old.id)
        if node is None:
            return
        place = self.place_of(new)
        if place is None:  # inside a point that is not put in: where it goes is not known
            return
        after, inside = (None if c is None else self.placed[id(c)] for c in place)
        doomed, staying, waiting = self.doomed, self.staying, self.waiting

        def skip(clause_id: str) -> bool:
            return clause_id in doomed or clause_id in staying or (not moved and clause_id in waiting)

        before = work.previous_clause(node, skip)
        parent = node.parent.clause.id if node.parent is not None else None
        if after is not None:
            anchor = work.nodes.get(after)
            wanted_parent = anchor.parent.clause.id if anchor is not None and anchor.parent is not None else None
            in_place = before is not None and before.clause.id == after and parent == wanted_parent
        else:
            in_place = before is None and parent == inside
        if not in_place:
            self.emit(Amendment(0, "move", self.target(node), self.proposer(new), position=self.position(new)))

    # --- a clause's own text ---

    def own_text(self, old: Clause, new: Clause, words: tuple[WordOp, ...] = ()) -> None:
        """The amendments of a clause's own text. They are checked by what they did to the
        working copy: if it is not the new clause's own text, they are taken back and the
        clause gets one ``replace`` (so the amendments made always give the new draft)."""
        node = self.state.work.nodes.get(old.id)
        if node is None or _same_own_text(node.clause, new):
            return
        before, made = node.clause, len(self.out)
        kept = {name: [list(r) for r in regions] for name, regions in self.state.pieces(old.id).items()}
        target = self.target(node)
        changes = own_changes(node.clause, new, words)
        done = all(self.emit(self.own_amendment(target, new, change), quiet=True) for change in changes)
        if done and _gives(node.clause, new):
            return
        node.clause = before
        del self.out[made:]
        self.state.regions[old.id] = kept
        self.emit(self.own_amendment(target, new, _replace_change(new)))

    def own_amendment(self, target: Target, new: Clause, change: _Change) -> Amendment:
        proposer = self.proposer(new, change.old or "", change.new or "")
        return Amendment(0, change.action, target, proposer, change.piece, change.old, change.new)

    def finish(self) -> None:
        for row in self.deferred:
            node = self.state.work.nodes.get(row.old.id)  # type: ignore[union-attr]
            if node is not None:
                self.emit(Amendment(0, "delete", self.target(node), self.proposer(None)))
        renumbering: list[Renumbering] = []
        for key, old in self.paired.items():
            node = self.state.work.nodes.get(old.id)
            new = self._new_by_identity(key)
            if node is not None and new is not None and node.number_now() != new.number:
                renumbering.append(Renumbering(self.target(node), new.number))
        if renumbering:
            everything = Target("", "point")
            self.emit(Amendment(0, "renumber", everything, self.proposer(None), renumbering=tuple(renumbering)))

    def _new_by_identity(self, key: int) -> Clause | None:
        if not hasattr(self, "_new_cache"):
            self._new_cache = {id(c): c for c in self.result.new.walk()}
        return self._new_cache.get(key)


def _cited(row: ClauseChange) -> str:
    return row.new_cited or row.old_cited or (row.new or row.old).id  # type: ignore[union-attr]


def _excerpt_note(cited: list[str]) -> tuple[str, ...]:
    """One note for the provisions that one draft gives only in part (``extent: excerpt``)."""
    if not cited:
        return ()
    return (f"Known only in part on one side (extent: excerpt), so not amended: {', '.join(cited)}",)


def _unknown_note(cited: list[str]) -> tuple[str, ...]:
    """One note for the provisions whose text one draft does not give: no amendment can say
    what is not known, so they have none (``clausekit diff`` lists them as not known)."""
    if not cited:
        return ()
    return (
        "Not known on one side (its text is missing, or it would stand in what an excerpt leaves out), "
        f"so not amended: {', '.join(cited)}",
    )


def _walk(clause: Clause):  # type: ignore[no-untyped-def]
    yield clause
    for child in clause.clauses:
        yield from _walk(child)


def _introduced(old: str, new: str) -> str | None:
    """The party whose bracketed alternative ``new`` puts in: an option attributed to a party
    that ``old`` has no option of, whose words ``old`` does not hold (in ``[US: 600,000 | E3:
    800,000]`` for ``600,000``, E3's)."""
    if "[" not in new:
        return None
    before = {party for party, _ in _bracket_options(old)}
    for party, words in _bracket_options(new):
        if party not in before and words not in old:
            return party
    return None


def _bracket_options(text: str) -> list[tuple[str, str]]:
    """Each attributed option of the brackets in a piece's text: its party and its words."""
    try:
        spans = read_paragraph(text).spans if text.strip() else ()
    except PieceError:
        return []
    out: list[tuple[str, str]] = []
    for span in iter_inline(spans):
        for option in getattr(span, "options", ()):
            if option.party:
                out.append((option.party, spans_to_source(option.spans).strip()))
    return out


# --- the changes of one clause's own text ------------------------------------------------------


def own_changes(old: Clause, new: Clause, words: tuple[WordOp, ...] = ()) -> list[_Change]:
    """The amendments that give ``old`` the own text of ``new`` (title, guarantee fields,
    paragraphs), checked by doing them; one ``replace`` when they would not give it."""
    if old.kind != new.kind:
        return [_replace_change(new)]
    # A field the new text does not give is not amended (its old value is not known to go); one
    # the old text did not give and the new one does is put in.
    hidden = frozenset(new.guarantee.unknown) if new.guarantee is not None else frozenset()
    changes: list[_Change] = []
    changes += _single(old, new, Piece(TITLE))
    for spec in GUARANTEE_FIELDS if old.kind == "guarantee" else ():
        if spec.name in hidden:
            continue
        if is_list_piece(old, spec.name):
            changes += _listed(old, new, spec.name)
        else:
            changes += _single(old, new, Piece(spec.name))
    # A clause that is one paragraph of prose: the diff's redline of it is the paragraph's.
    hint = words if old.guarantee is None and len(old.paragraphs) == len(new.paragraphs) == 1 else None
    changes += _listed(old, new, PARAGRAPH, hint)
    changes = [_without_piece(old, change) for change in changes]
    return changes


def _same_own_text(old: Clause, new: Clause) -> bool:
    """Nothing of a clause's own text to amend (the common case, checked before any work)."""
    return (
        old.kind == new.kind
        and old.title == new.title
        and old.paragraphs == new.paragraphs
        and old.guarantee == new.guarantee
    )


def _replace_change(new: Clause) -> _Change:
    return _Change("replace", None, None, format_clause(replace(new, children=())))


def _reader(clause: Clause, name: str):  # type: ignore[no-untyped-def]
    if name == PARAGRAPH:
        return read_paragraph
    spec = field_spec(clause, name)
    return lambda text: read_field(clause, spec, text)


def _single(old: Clause, new: Clause, piece: Piece) -> list[_Change]:
    before, after = piece_texts(old, piece), piece_texts(new, piece)
    if before == after:
        return []
    if not after:
        return [_Change("leave-out", piece)]
    if not before:
        return [_Change("insert-piece", piece, None, after[0])]
    if piece.name in PROSE_PIECES:
        edits = word_edits(before[0], after[0], _reader(old, piece.name))
        if edits is not None:
            return [_Change(edit.action, piece, edit.old, edit.new) for edit in edits]
    return [_Change("substitute", piece, None, after[0])]


def _listed(old: Clause, new: Clause, name: str, hint: tuple[WordOp, ...] | None = None) -> list[_Change]:
    """The changes of a list of pieces (paragraphs, triggers): word changes of the pieces kept,
    then the pieces left out and put in, from the last to the first, so that every index an
    amendment names is the index in the old text."""
    before = piece_texts(old, Piece(name, 1))
    after = piece_texts(new, Piece(name, 1))
    if before == after:
        return []
    words: list[_Change] = []
    structure: list[tuple[int, int, _Change]] = []  # (old index, order, change)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1)
        for k in range(common):
            piece = Piece(name, i1 + k + 1)
            edits = word_edits(before[i1 + k], after[j1 + k], _reader(old, name), hint)
            if edits is None:
                words.append(_Change("substitute", piece, None, after[j1 + k]))
            else:
                words += [_Change(edit.action, piece, edit.old, edit.new) for edit in edits]
        for k in range(i1 + common, i2):
            structure.append((k + 1, 0, _Change("leave-out", Piece(name, k + 1))))
        slot = i1 + common + 1
        for order, k in enumerate(range(j2 - 1, j1 + common - 1, -1), start=1):
            structure.append((slot, order, _Change("insert-piece", Piece(name, slot), None, after[k])))
    structure.sort(key=lambda item: (-item[0], item[1]))
    return words + [change for _, _, change in structure]


def _without_piece(clause: Clause, change: _Change) -> _Change:
    """A word change names its paragraph only where the words are in more than one piece."""
    if change.old is None or change.piece is None or change.piece.name not in PROSE_PIECES:
        return change
    pieces = word_pieces(clause)
    if len(pieces) == 1:
        return replace(change, piece=None)
    return change


def _gives(done: Clause, new: Clause) -> bool:
    """Whether an amended clause has the own text and title of ``new`` (a field the new text
    does not give is not compared: it is not amended)."""
    hidden = frozenset(new.guarantee.unknown) if new.guarantee is not None else frozenset()
    return done.title == new.title and clause_text(done, leave_out=hidden) == clause_text(new, leave_out=hidden)


__all__ = ["amend", "amendments_from_diff", "label", "own_changes"]
