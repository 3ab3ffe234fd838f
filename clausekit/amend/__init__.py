"""Amendments: the numbered instructions that turn one draft into another, and applying them.

``amend(old, new)`` reads the clause-level diff and says it as amendments (substitute, insert,
leave out words; delete, insert, move, renumber clauses); ``apply(draft, amendments)`` does them.
The ``.amend`` text format that people edit is the language room's (``language/amend_*``).
"""

from __future__ import annotations

from clausekit.amend.apply import Applied, Failure, amended_source, apply
from clausekit.amend.make import amend, amendments_from_diff

__all__ = ["Applied", "Failure", "amend", "amended_source", "amendments_from_diff", "apply"]
