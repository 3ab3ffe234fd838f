"""``AmendmentList`` -> ``.amend`` text (``clausekit amend -f amend``), which the parser reads back.

One amendment is two lines (its number and proposer, then what it does), or more when it puts
in a whole clause, whose clause-language block stands indented between ``\"\"\"`` lines.
"""

from __future__ import annotations

import textwrap

from clausekit.language.amendments import PARTIES, Amendment, AmendmentList, Position, Target
from clausekit.language.syntax import AMEND_NUMBER_FULL, quote

_WORD_FORMS = {
    "substitute": "for {old} substitute {new}",
    "insert-after": "after {old} insert {new}",
    "insert-before": "before {old} insert {new}",
    "leave-out": "leave out {old}",
}


def target_source(target: Target) -> str:
    """A clause as the format names it: ``point 10(a) #id``, ``the parties``, ``the party US``."""
    if target.clause_id == PARTIES:
        return "the parties"
    if target.label == "party":
        return f"the party {target.clause_id}"
    number = target.number if target.number and AMEND_NUMBER_FULL.match(target.number) else None
    label = target.label if target.label in ("point", "Article") else "point"
    return f"{label} {number} #{target.clause_id}" if number else f"{label} #{target.clause_id}"


def position_source(position: Position) -> str:
    if position.after is not None:
        return f"after {target_source(position.after)}"
    if position.inside is not None:
        return f"at the start of {target_source(position.inside)}"
    return "at the start"


def _block(text: str) -> str:
    if '"""' in text:
        raise ValueError('a clause block holds """')
    return '"""\n' + textwrap.indent(text.rstrip("\n"), "    ") + '\n    """'


def statement_source(amendment: Amendment) -> str:
    """What one amendment does, as the format writes it (after ``amendment N by CODE``)."""
    action = amendment.action
    if action == "delete":
        return f"delete {target_source(amendment.target)}"
    if action == "insert":
        return f"insert {position_source(amendment.position or Position())}:\n    {_block(amendment.new or '')}"
    if action == "move":
        return f"move {target_source(amendment.target)} {position_source(amendment.position or Position())}"
    if action == "replace":
        return f"replace {target_source(amendment.target)}:\n    {_block(amendment.new or '')}"
    if action == "renumber":
        items = [f"{target_source(r.target)} as {r.number or 'unnumbered'}" for r in amendment.renumbering]
        return "renumber " + ",\n    ".join(items)
    head = f"in {target_source(amendment.target)}"
    if amendment.old is not None:
        if amendment.piece is not None:
            head += f", {amendment.piece}"
        form = _WORD_FORMS[action].format(old=quote(amendment.old), new=quote(amendment.new or ""))
        return f"{head}: {form}"
    piece = amendment.piece
    if action == "substitute":
        return f"{head}: for the {piece} substitute {quote(amendment.new or '')}"
    if action == "leave-out":
        return f"{head}: leave out the {piece}"
    where = f" {position_source(amendment.position)}" if amendment.position is not None else ""
    return f"{head}: insert the {piece} {quote(amendment.new or '')}{where}"


def format_amendments(amendments: AmendmentList) -> str:
    """The ``.amend`` text of an amendment list (LF line ends, ending in a newline)."""
    lines: list[str] = []
    if amendments.old_id:
        head = f"amendments to {amendments.old_id}"
        if amendments.old_proposer:
            head += f" by {amendments.old_proposer}"
        if amendments.new_id:
            head += f" from {amendments.new_id}"
            if amendments.new_proposer:
                head += f" by {amendments.new_proposer}"
        lines.append(head)
        lines.extend(f"  note {quote(note)}" for note in amendments.notes)
        lines.append("")
    for amendment in amendments.amendments:
        by = f" by {amendment.proposer}" if amendment.proposer else ""
        lines.append(f"amendment {amendment.number}{by}")
        lines.append("  " + statement_source(amendment))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
