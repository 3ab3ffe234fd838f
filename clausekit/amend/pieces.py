"""The pieces of a clause an amendment addresses, as text, and how a new text is read back.

A piece is a paragraph (``paragraph 2``), the title, one value of a repeatable field
(``trigger 1``) or the value of any other field (``modality``, ``guarantor: US, UK`` as
``US, UK``), or a party line of the parties block (``party US``). Amendments edit a piece's
text as the clause language writes it (``@UA``, ``[US: a | E3: b]``) and the edited text is
read back by the language's own readers, so that a word edit can never leave a draft that
does not parse.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from clausekit.errors import ClauseSyntaxError
from clausekit.language.amendments import Piece
from clausekit.language.format import party_line
from clausekit.language.inline import parse_inline, spans_to_source
from clausekit.language.parser import loads
from clausekit.model import (
    BLOCK_FIELDS,
    FIELDS,
    GUARANTEE_FIELD_NAMES,
    NOWHERE,
    Clause,
    FieldSpec,
    Guarantee,
    Paragraph,
    Party,
)

PARAGRAPH = "paragraph"
TITLE = "title"
PARTY = "party"


class PieceError(Exception):
    """A piece that a clause does not have, or a text that does not read as its value."""


def paragraph_source(paragraph: Paragraph) -> str:
    """A paragraph as one line of clause-language prose (what word amendments edit)."""
    return spans_to_source(paragraph.spans)


@lru_cache(maxsize=64)
def read_paragraph(text: str) -> Paragraph:
    """A paragraph from one line of clause-language prose; ``PieceError`` if it does not read.

    Kept for the last texts read (a paragraph is frozen): ``amend`` reads each amended text
    when it chooses a word amendment and again when it applies it to its working copy."""

    def error(message: str, offset: int) -> Exception:
        return PieceError(f"{message} (at character {offset + 1})")

    spans = parse_inline(text, lambda offset: NOWHERE, error)
    if not spans:
        raise PieceError("an empty paragraph")
    return Paragraph(spans)


def field_spec(clause: Clause, name: str) -> FieldSpec:
    """The field ``name`` of a clause's block, or ``PieceError``."""
    spec = FIELDS.get(name)
    if spec is None or spec not in BLOCK_FIELDS[clause.kind]:
        raise PieceError(f"a {clause.kind} has no field {name!r}")
    return spec


def _holder(clause: Clause, spec: FieldSpec) -> object:
    if spec.name in GUARANTEE_FIELD_NAMES:
        return clause.guarantee or Guarantee()
    return clause


def _value_text(spec: FieldSpec, value: object) -> str:
    if isinstance(value, Paragraph):
        return paragraph_source(value)
    return str(value)


def piece_texts(clause: Clause, piece: Piece) -> list[str]:
    """Every value the piece's list holds (the paragraphs, a repeatable field's values), or the
    one value of a single piece (an empty list when it has none)."""
    if piece.name == PARAGRAPH:
        return [paragraph_source(p) for p in clause.paragraphs]
    if piece.name == TITLE:
        return [] if clause.title is None else [clause.title]
    spec = field_spec(clause, piece.name)
    values = spec.values(_holder(clause, spec))
    if spec.is_list:
        return [", ".join(values)] if values else []
    return [_value_text(spec, value) for value in values]


def is_list_piece(clause: Clause, name: str) -> bool:
    """Whether a piece is addressed by its index (paragraphs, repeatable prose fields)."""
    if name == PARAGRAPH:
        return True
    if name == TITLE:
        return False
    spec = field_spec(clause, name)
    return spec.repeatable and not spec.is_list


def piece_text(clause: Clause, piece: Piece) -> str:
    """The text of one piece; ``PieceError`` when the clause has no such piece."""
    texts = piece_texts(clause, piece)
    index = _index(clause, piece, len(texts))
    if index >= len(texts):
        raise PieceError(f"there is no {_named(piece)}")
    return texts[index]


def _named(piece: Piece) -> str:
    return str(piece)


def _index(clause: Clause, piece: Piece, length: int) -> int:
    if not is_list_piece(clause, piece.name):
        return 0
    if piece.index is None or piece.index < 1:
        raise PieceError(f"{piece.name} needs its number (paragraph 1, trigger 2, ...)")
    return piece.index - 1


def word_pieces(clause: Clause) -> list[Piece]:
    """The pieces whose words amendments edit without naming them: the clause's prose
    fields, then its paragraphs (when a quote is found in one of them only)."""
    out: list[Piece] = []
    for spec in BLOCK_FIELDS[clause.kind]:
        if spec.kind != "prose":
            continue
        count = len(spec.values(_holder(clause, spec)))
        if spec.repeatable:
            out.extend(Piece(spec.name, k) for k in range(1, count + 1))
        elif count:
            out.append(Piece(spec.name))
    out.extend(Piece(PARAGRAPH, k) for k in range(1, len(clause.paragraphs) + 1))
    return out


def set_piece(clause: Clause, piece: Piece, text: str | None, insert: bool = False) -> Clause:
    """The clause with a piece given ``text`` (None leaves it out); with ``insert``, a new
    value put in at the piece's index (for a single piece: one the clause did not have)."""
    if piece.name == TITLE:
        if insert and clause.title is not None:
            raise PieceError("the title is there already")
        return replace(clause, title=text)
    if piece.name == PARAGRAPH:
        paragraphs = _changed_list(clause, piece, list(clause.paragraphs), text, insert, read_paragraph)
        return replace(clause, paragraphs=tuple(paragraphs))
    spec = field_spec(clause, piece.name)
    holder = _holder(clause, spec)
    if spec.is_list or not spec.repeatable:
        if insert and spec.values(holder):
            raise PieceError(f"the {spec.name} is there already")
        value = None if text is None else read_field(clause, spec, text)
        if spec.repeatable and value is None:
            value = ()
        return _with_value(clause, spec, holder, value)
    values = list(getattr(holder, spec.attribute))
    changed = _changed_list(clause, piece, values, text, insert, lambda t: read_field(clause, spec, t))
    return _with_value(clause, spec, holder, tuple(changed))


def _changed_list(clause, piece, values: list, text, insert, read) -> list:  # type: ignore[no-untyped-def]
    index = _index(clause, piece, len(values))
    limit = len(values) + 1 if insert else len(values)
    if index >= limit:
        raise PieceError(f"there is no {_named(piece)}")
    if insert:
        values.insert(index, read(text))
    elif text is None:
        del values[index]
    else:
        values[index] = read(text)
    return values


def _with_value(clause: Clause, spec: FieldSpec, holder: object, value: object) -> Clause:
    if spec.default is not None and value is None:
        value = spec.default
    if spec.name in GUARANTEE_FIELD_NAMES:
        return replace(clause, guarantee=replace(holder, **{spec.attribute: value}))  # type: ignore[arg-type]
    return replace(clause, **{spec.attribute: value})


def read_field(clause: Clause, spec: FieldSpec, text: str) -> object:
    """A field's value read from its text by the clause language's own parser."""
    if "\n" in text or "\r" in text:
        raise PieceError(f"the {spec.name} is one line")
    source = f'draft amended "amended" {{\n}}\n\n{clause.kind} amended {{\n  {spec.name}: {text}\n}}\n'
    try:
        block = loads(source, "<amendment>").top_clauses()[0]
    except ClauseSyntaxError as error:
        raise PieceError(error.message) from None
    holder = block.guarantee or Guarantee() if spec.name in GUARANTEE_FIELD_NAMES else block
    value = getattr(holder, spec.attribute)
    return value[0] if spec.repeatable and not spec.is_list else value


def party_text(party: Party) -> str:
    """A party as its line of the parties block."""
    return party_line(party)


def read_party(text: str) -> Party:
    """A party from its line of the parties block; ``PieceError`` if it does not read."""
    if "\n" in text or "\r" in text:
        raise PieceError("a party is one line")
    source = f'draft amended "amended" {{\n}}\n\nparties {{\n  {text}\n}}\n'
    try:
        parties = loads(source, "<amendment>").parties
    except ClauseSyntaxError as error:
        raise PieceError(error.message) from None
    if len(parties) != 1:
        raise PieceError("a party line declares one party")
    return parties[0]
