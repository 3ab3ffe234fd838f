"""An amendment in the words of a drafter: "In point 6, for "600,000" substitute "800,000".".

Every output of ``clausekit amend`` (text, Markdown, JSON, HTML, Word) reads its sentences here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass

from clausekit.amend.pieces import PieceError, read_paragraph
from clausekit.language.amendments import PARTIES, Amendment, Position, Renumbering, Target
from clausekit.language.syntax import inner_quotes
from clausekit.model import plain_text


def where(target: Target) -> str:
    return str(target)


def position_words(position: Position | None) -> str:
    if position is None:
        return "at the end"
    if position.after is not None:
        return f"after {position.after}"
    if position.inside is not None:
        return f"at the start of {position.inside}"
    return "at the start"


def _shown(words: str | None, names: Mapping[str, str] | None = None) -> str:
    """Words as a reader sees them (parties by name, markup read) with ``names``, else as the
    clause language writes them."""
    shown = words or ""
    if names is not None and shown.strip():
        with contextlib.suppress(PieceError):  # half a bracket, say: shown as written
            shown = plain_text(read_paragraph(shown).spans, dict(names))
    return shown


def _q(words: str | None, names: Mapping[str, str] | None = None, nested: bool = True) -> str:
    """Quoted words (``_shown``). Quotation marks inside them are at the alternate level
    (``inner_quotes``), so that a quote in a quote reads as a drafter writes it."""
    shown = _shown(words, names)
    # Words that are only quotation marks are shown as they are: at the other level they would
    # read as other marks (a closing single quote as an apostrophe).
    nested = nested and any(character.isalnum() for character in shown)
    return "\u201c" + (inner_quotes(shown) if nested else shown) + "\u201d"


def _q_pair(old: str | None, new: str | None, names: Mapping[str, str] | None) -> tuple[str, str]:
    """The quoted words a substitution takes out and puts in, both at the alternate level or
    neither: not where one of them is only quotation marks, or where at that level both would
    read the same (for \u201c"\u201d substitute \u201c\u201c\u201d)."""
    before, after = _shown(old, names), _shown(new, names)
    words = all(any(character.isalnum() for character in side) for side in (before, after))
    nested = words and inner_quotes(before) != inner_quotes(after)
    return _q(old, names, nested), _q(new, names, nested)


@dataclass(frozen=True, slots=True)
class Sentence:
    """An amendment as a drafter writes it: the instruction, and the clause text it puts in
    (``block``: an inserted clause or a clause's new text, in the clause language)."""

    text: str
    block: str | None = None


def describe(amendment: Amendment, names: Mapping[str, str] | None = None) -> Sentence:
    """The instruction of one amendment, in treaty drafting style; ``names``: the parties' names
    to read quoted words with (the old draft's)."""
    action, target = amendment.action, amendment.target
    if action == "delete":
        return Sentence(f"Delete {target}.")
    if action == "insert":
        head = position_words(amendment.position)
        return Sentence(f"{head[0].upper()}{head[1:]}, insert a new {target}:", amendment.new)
    if action == "move":
        where = position_words(amendment.position).removeprefix("at ")
        return Sentence(f"Move {target} to {where}.")
    if action == "replace":
        return Sentence(f"For {target}, substitute:", amendment.new)
    if action == "renumber":
        return Sentence(f"Renumber {renumbering_words(amendment.renumbering)}.")
    place = "In the parties" if target.clause_id == PARTIES else f"In {target}"
    if amendment.piece is not None and (amendment.old is not None or action == "insert-piece"):
        place += f", {amendment.piece}" if amendment.old is not None else ""
    if amendment.old is not None:
        old, new = _q_pair(amendment.old, amendment.new, names) if action == "substitute" else (None, None)
        forms = {
            "substitute": f"for {old} substitute {new}",
            "insert-after": f"after {_q(amendment.old, names)} insert {_q(amendment.new, names)}",
            "insert-before": f"before {_q(amendment.old, names)} insert {_q(amendment.new, names)}",
            "leave-out": f"leave out {_q(amendment.old, names)}",
        }
        return Sentence(f"{place}, {forms[action]}.")
    piece = amendment.piece
    if action == "substitute":
        return Sentence(f"{place}, for the {piece} substitute {_q(amendment.new, names)}.")
    if action == "leave-out":
        return Sentence(f"{place}, leave out the {piece}.")
    at = f" ({position_words(amendment.position)})" if amendment.position is not None else ""
    return Sentence(f"{place}, insert the {piece} {_q(amendment.new, names)}{at}.")


def renumbering_words(items: tuple[Renumbering, ...]) -> str:
    """A renumbering in one line: runs of whole numbers read as ranges ("points 4 to 28 as 3 to 27")."""
    runs: list[list[Renumbering]] = []
    for item in items:
        if runs and _follows(runs[-1][-1], item):
            runs[-1].append(item)
        else:
            runs.append([item])
    parts = []
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 1:
            parts.append(f"{first.target} as {first.number or 'unnumbered'}")
        else:
            label = first.target.label + "s" if first.target.label == "point" else "Articles"
            parts.append(f"{label} {first.target.number} to {last.target.number} as {first.number} to {last.number}")
    return "; ".join(parts)


def _follows(previous: Renumbering, item: Renumbering) -> bool:
    numbers = (previous.target.number, item.target.number, previous.number, item.number)
    if not all(n is not None and n.isdigit() for n in numbers):
        return False
    a, b, c, d = (int(n) for n in numbers)  # type: ignore[arg-type]
    return b == a + 1 and d == c + 1 and previous.target.label == item.target.label


def heading(amendment: Amendment) -> str:
    """ "Amendment 3 (E3)": how an amendment is named above it."""
    by = f" ({amendment.proposer})" if amendment.proposer else ""
    return f"Amendment {amendment.number}{by}"
