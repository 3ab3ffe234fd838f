"""A draft being amended: a mutable tree of its provisions, found by id in constant time.

The model is frozen; applying hundreds of amendments to a 5,000-clause draft by rebuilding it
after each would take quadratic time. So the amendments work on this tree, and ``freeze``
gives the amended ``Draft`` once at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from clausekit.language.amendments import Position
from clausekit.model import NOWHERE, Clause, Draft, Party, Term

KEPT = object()
"""A node's ``number`` when no ``renumber`` changed it."""


class Node:
    """One provision: its own text and fields (``clause``, whose children are not read) and
    what it holds now."""

    __slots__ = ("children", "clause", "number", "parent", "placed")

    def __init__(self, clause: Clause, parent: Node | None):
        self.clause = clause
        self.parent = parent
        self.children: list[Node | Term] = []
        # Put in or moved by an amendment: its place in the source file no longer says where
        # it stands among its parent's paragraphs, so the amended draft drops it (``fmt``
        # orders a block's paragraphs and clauses by source position only when all have one).
        self.placed = False
        # A new number a ``renumber`` gave it, put on the clause once, when the draft is frozen
        # (KEPT: its clause's own): renumbering every point rebuilds no clause twice.
        self.number: str | object | None = KEPT

    def renumber(self, number: str | None) -> None:
        self.number = number

    def number_now(self) -> str | None:
        """The number it has now."""
        return self.clause.number if self.number is KEPT else self.number  # type: ignore[return-value]


class PositionError(Exception):
    """A position that names a clause the draft does not hold."""


class WorkingDraft:
    """The draft as the amendments applied so far have made it."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.parties: list[Party] = list(draft.parties)
        self.nodes: dict[str, Node] = {}
        self.hints: dict[int, int] = {}  # a list of siblings (by identity) -> the index found last
        self.body: list[Node | Term] = self._grow(draft.body, None)

    def _grow(self, items: tuple[Clause | Term, ...], parent: Node | None) -> list[Node | Term]:
        out: list[Node | Term] = []
        for item in items:
            if isinstance(item, Term):
                out.append(item)
                continue
            node = Node(item, parent)
            self.nodes.setdefault(item.id, node)
            node.children = self._grow(item.children, node)
            out.append(node)
        return out

    def add(self, clause: Clause, position: Position) -> Node:
        """Put a new clause (with what it holds) at ``position``."""
        node = Node(clause, None)
        node.children = self._grow(clause.children, node)
        self.nodes[clause.id] = node
        self.place(node, position)
        return node

    def siblings(self, node: Node) -> list[Node | Term]:
        return node.parent.children if node.parent is not None else self.body

    def remove(self, node: Node, forget: bool = True) -> None:
        """Take a clause out (with what it holds); ``forget`` its ids unless it is to be placed again."""
        siblings = self.siblings(node)
        del siblings[self.index(siblings, node)]
        node.parent = None
        if forget:
            for gone in self.subtree(node):
                if self.nodes.get(gone.clause.id) is gone:
                    del self.nodes[gone.clause.id]

    def subtree(self, node: Node) -> list[Node]:
        out = [node]
        for child in node.children:
            if isinstance(child, Node):
                out.extend(self.subtree(child))
        return out

    def place(self, node: Node, position: Position) -> None:
        """Put a clause that is in no list at ``position``."""
        node.placed = True
        if position.after is not None:
            anchor = self.nodes.get(position.after.clause_id)
            if anchor is None:
                raise PositionError(f"{position.after} (#{position.after.clause_id}) is not in the draft")
            if anchor is node or anchor in self.subtree(node):
                raise PositionError("a clause cannot be put after itself or what it holds")
            _top_level_only(node, anchor.parent, f"after {position.after}")
            siblings = self.siblings(anchor)
            siblings.insert(self.index(siblings, anchor) + 1, node)
            node.parent = anchor.parent
            return
        parent = None
        if position.inside is not None:
            parent = self.nodes.get(position.inside.clause_id)
            if parent is None:
                raise PositionError(f"{position.inside} (#{position.inside.clause_id}) is not in the draft")
            if parent in self.subtree(node):
                raise PositionError("a clause cannot be put inside itself")
        _top_level_only(node, parent, f"inside {position.inside}")
        siblings = parent.children if parent is not None else self.body
        first = next((k for k, item in enumerate(siblings) if isinstance(item, Node)), len(siblings))
        siblings.insert(first, node)
        node.parent = parent

    def index(self, siblings: list[Node | Term], node: Node) -> int:
        """Where ``node`` stands among its siblings. Amendments are made in document order, so
        it is nearly always at or just after the place found last time in that list: looked
        for there first, so that a long list is not searched from its start for each clause."""
        key = id(siblings)
        guess = self.hints.get(key, 0)
        for at in (guess + 1, guess, guess + 2, guess - 1):
            if 0 <= at < len(siblings) and siblings[at] is node:
                break
        else:
            at = siblings.index(node)
        self.hints[key] = at
        return at

    def previous_clause(self, node: Node, skip: Callable[[str], bool] = lambda _: False) -> Node | None:
        """The clause before ``node`` among its siblings, passing over those ``skip`` says to."""
        siblings = self.siblings(node)
        for index in range(self.index(siblings, node) - 1, -1, -1):
            item = siblings[index]
            if isinstance(item, Node) and not skip(item.clause.id):
                return item
        return None

    def freeze(self) -> Draft:
        """The amended draft."""
        return replace(self.draft, parties=tuple(self.parties), body=self._frozen(self.body))

    def _frozen_node(self, node: Node) -> Clause:
        changes: dict[str, object] = {"children": self._frozen(node.children)}
        if node.number is not KEPT:
            changes["number"] = node.number
        if node.placed:
            changes["location"] = NOWHERE
        return replace(node.clause, **changes)  # type: ignore[arg-type]

    def _frozen(self, items: list[Node | Term]) -> tuple[Clause | Term, ...]:
        return tuple(self._frozen_node(item) if isinstance(item, Node) else item for item in items)


def _top_level_only(node: Node, parent: Node | None, where: str) -> None:
    """Refuse to put an article anywhere but the top level, which alone holds articles (and
    with them the term definitions they hold)."""
    if parent is not None and node.clause.kind == "article":
        raise PositionError(f"an article stands at the top level: it cannot be put {where}")
