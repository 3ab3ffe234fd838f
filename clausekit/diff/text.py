"""A clause's own text: the stable text the diff aligns and compares, and the text a reader sees.

The stable text reads party references as their codes, so that a draft calling a party by
another name changes no clause; the shown text reads them as the names each draft declares.
Both come from one walk over the clause (its *pieces*), and a redline computed on the stable
texts is read out as the shown ones (``named_ops``).
"""

from __future__ import annotations

from collections.abc import Mapping

from clausekit.diff.model import WordOp
from clausekit.model import (
    GUARANTEE_FIELDS,
    Bracket,
    Clause,
    ClauseRef,
    Draft,
    Guarantee,
    Inline,
    Paragraph,
    PartyRef,
    Text,
    plain_text,
)

__all__ = [
    "LIST_SEPARATOR",
    "clause_pieces",
    "clause_segments",
    "clause_text",
    "hidden_fields",
    "named_ops",
    "party_names",
    "read_piece",
]


def party_names(draft: Draft) -> dict[str, str]:
    """How a draft names its parties (code -> declared name): what a reader sees for ``@UA``."""
    return {party.code: party.name for party in draft.parties}


# A clause's text as pieces: (text as the diff compares it, the party code it stands for or
# None). Joined as they are they give the stable text (codes); with each party piece read as
# the party's name they give what a reader sees. One walk serves both, so the two can never
# disagree about where a party reference stands.
_Piece = tuple[str, str | None]


def _span_pieces(spans: tuple[Inline, ...], out: list[_Piece]) -> None:
    """``plain_text`` as pieces (the same words, in the same order)."""
    for span in spans:
        if isinstance(span, Text):
            out.append((span.text, None))
        elif isinstance(span, PartyRef):
            out.append((span.code, span.code))
        elif isinstance(span, ClauseRef):
            out.append(("#" + span.target, None))
        elif isinstance(span, Bracket):
            out.append(("[", None))
            for index, option in enumerate(span.options):
                if index:
                    out.append((" / ", None))
                if option.party:
                    # Who proposed an alternative reads as a code, as in the rendered draft.
                    out.append((option.party + ": ", None))
                _span_pieces(option.spans, out)
            out.append(("]", None))
        else:  # a term reads as its name
            out.append((span.name, None))


# Between the parties of a guarantor or beneficiary list: ", " between codes, "; " between
# names (a name may hold commas: "the United Kingdom, France and Germany").
LIST_SEPARATOR = "\x00;"


def _codes_pieces(label: str, codes: tuple[str, ...], out: list[_Piece]) -> None:
    out.append((label, None))
    for index, code in enumerate(codes):
        if index:
            out.append((", ", LIST_SEPARATOR))
        out.append((code, code))


def _paragraph_line(label: str, paragraph: Paragraph, out: list[_Piece]) -> None:
    out.append((label, None))
    _span_pieces(paragraph.spans, out)


def _guarantee_pieces(guarantee: Guarantee, leave_out: frozenset[str] = frozenset()) -> list[list[_Piece]]:
    """The guarantee fields as ``key: value`` lines, in the order the language lists them,
    but for the fields named in ``leave_out``."""
    return [line for _, line in _field_lines(guarantee, leave_out)]


def _field_lines(guarantee: Guarantee, leave_out: frozenset[str]) -> list[tuple[int, list[_Piece]]]:
    """``_guarantee_pieces`` with, for each line, the place of its field in ``GUARANTEE_FIELDS``."""
    lines: list[tuple[int, list[_Piece]]] = []

    def line(place: int) -> list[_Piece]:
        lines.append((place, []))
        return lines[-1][1]

    for place, spec in enumerate(GUARANTEE_FIELDS):
        values = spec.values(guarantee)
        if not values or spec.name in leave_out or spec.kind == "fields":
            continue
        label = spec.name + ": "
        if spec.kind == "codes":
            _codes_pieces(label, values, line(place))
        elif spec.kind == "prose":
            for paragraph in values:
                _paragraph_line(label, paragraph, line(place))
        else:
            line(place).append((label + ", ".join(values), None))
    return lines


def _join_blocks(blocks: list[list[_Piece]], separator: str) -> list[_Piece]:
    out: list[_Piece] = []
    for block in blocks:
        if out:
            out.append((separator, None))
        out.extend(block)
    return out


def clause_pieces(clause: Clause, leave_out: frozenset[str] = frozenset()) -> list[_Piece]:
    """A clause's own text as pieces (see ``clause_text``); party pieces carry their code."""
    blocks: list[list[_Piece]] = []
    if clause.guarantee is not None:
        fields = _guarantee_pieces(clause.guarantee, leave_out)
        if fields:
            blocks.append(_join_blocks(fields, "\n"))
    for paragraph in clause.paragraphs:
        pieces: list[_Piece] = []
        _span_pieces(paragraph.spans, pieces)
        blocks.append(pieces)
    return _join_blocks([b for b in blocks if any(text for text, _ in b)], "\n\n")


# Between a clause's fields (one a line) and between its paragraphs (and after the fields).
FIELD_SEPARATOR, PARAGRAPH_SEPARATOR = "\n", "\n\n"


def clause_segments(clause: Clause, leave_out: frozenset[str] = frozenset()) -> list[tuple[int, str, str]]:
    """A clause's own text (``clause_text`` with codes) cut where a redline may not cross: one
    segment a guarantee field (its lines together), then one for the prose. Each is (place,
    separator, text): ``place`` orders segments alike on both sides of a diff (a field's place
    in ``GUARANTEE_FIELDS``, the prose after all), ``separator`` comes before the segment when
    another precedes it. Joined so, the segments give ``clause_text(clause, leave_out=...)``."""
    segments: list[tuple[int, str, str]] = []
    if clause.guarantee is not None:
        by_field: dict[int, list[str]] = {}
        for place, line in _field_lines(clause.guarantee, leave_out):
            by_field.setdefault(place, []).append("".join(text for text, _ in line))
        segments += [(place, FIELD_SEPARATOR, FIELD_SEPARATOR.join(lines)) for place, lines in by_field.items()]
    prose = [text for p in clause.paragraphs if (text := _prose(p))]
    if prose:
        segments.append((len(GUARANTEE_FIELDS), PARAGRAPH_SEPARATOR, PARAGRAPH_SEPARATOR.join(prose)))
    return segments


def read_piece(piece: _Piece, names: Mapping[str, str] | None) -> str:
    """A piece as a reader sees it, given the names of its draft's parties (None: codes)."""
    text, code = piece
    if not names or code is None:
        return text
    return "; " if code == LIST_SEPARATOR else names.get(code, text)


def clause_text(clause: Clause, names: Mapping[str, str] | None = None, leave_out: frozenset[str] = frozenset()) -> str:
    """A clause's own text: its guarantee fields, then its prose (not its children's).

    Paragraphs are separated by a blank line; cross-references read as ``#id``, so
    renumbering the target does not change the text. Party references read as their codes
    (the stable text the diff aligns and compares), or, given ``names`` (``party_names`` of
    the clause's draft), as the names the draft declares: what a reader is shown.
    ``leave_out`` names guarantee fields to leave out (see ``hidden_fields``).
    """
    if not names:
        return _code_text(clause, leave_out)
    return "".join(read_piece(piece, names) for piece in clause_pieces(clause, leave_out))


def hidden_fields(old: Clause, new: Clause) -> frozenset[str]:
    """The guarantee fields a pair's redline leaves out: those whose value one side's source
    does not give (``unknown:``). A missing value is not a deletion, so it is not shown as one."""
    fields: set[str] = set()
    for clause in (old, new):
        if clause.guarantee is not None:
            fields.update(clause.guarantee.unknown)
    return frozenset(fields)


def _prose(paragraph: Paragraph | None) -> str:
    return plain_text(paragraph.spans) if paragraph is not None else ""


def _code_text(clause: Clause, leave_out: frozenset[str] = frozenset()) -> str:
    """``clause_text`` with codes, built without pieces: alignment asks it of every clause."""
    blocks: list[str] = []
    guarantee = clause.guarantee
    if guarantee is not None:
        fields = ["".join(text for text, _ in line) for line in _guarantee_pieces(guarantee, leave_out)]
        if fields:
            blocks.append("\n".join(fields))
    blocks.extend(_prose(p) for p in clause.paragraphs)
    return "\n\n".join(block for block in blocks if block)


def named_ops(
    ops: tuple[WordOp, ...],
    old: Clause,
    new: Clause,
    old_names: Mapping[str, str],
    new_names: Mapping[str, str],
    leave_out: frozenset[str] = frozenset(),
) -> tuple[WordOp, ...]:
    """A redline of the stable texts (codes) as a reader sees it: each party code read as the
    name its own draft declares. The runs still rebuild both texts, now the named ones.

    A party reference is one word of the redline, so no run cuts one in two; were one cut,
    its name would go with the run that holds its first letter."""
    old_pieces, new_pieces = clause_pieces(old, leave_out), clause_pieces(new, leave_out)
    if not any(code for _, code in old_pieces) and not any(code for _, code in new_pieces):
        return ops
    if not old_names and not new_names:
        return ops
    old_reader = _PieceReader(old_pieces, old_names)
    new_reader = _PieceReader(new_pieces, new_names)
    out: list[WordOp] = []
    for op in ops:
        if op.op == "delete":
            out.append(WordOp("delete", old_reader.take(len(op.text))))
        elif op.op == "insert":
            out.append(WordOp("insert", new_reader.take(len(op.text))))
        else:
            text, new_text = old_reader.take(len(op.text)), new_reader.take(len(op.new_side))
            out.append(WordOp("equal", text, None if new_text == text else new_text))
    return tuple(out)


class _PieceReader:
    """Reads a stable text's pieces in order, a run's length at a time, as named text."""

    def __init__(self, pieces: list[_Piece], names: Mapping[str, str]) -> None:
        self.pieces = pieces
        self.names = names
        self.index = 0  # the piece being read
        self.offset = 0  # how far into it

    def take(self, size: int) -> str:
        out: list[str] = []
        while size > 0 and self.index < len(self.pieces):
            text, code = self.pieces[self.index]
            step = min(size, len(text) - self.offset)
            if code is None:
                out.append(text[self.offset : self.offset + step])
            elif self.offset == 0:
                out.append(read_piece((text, code), self.names))
            size -= step
            self.offset += step
            if self.offset >= len(text):
                self.index, self.offset = self.index + 1, 0
        return "".join(out)
