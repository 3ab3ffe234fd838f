"""Draft -> canonical clause-language source (``clausekit fmt``).

Structure and indentation are normalised (two spaces a level, fields first in a fixed
order, one blank line between items); prose keeps its words and its line breaks
exactly as written (``Paragraph.source_lines``), so a reviewer's diff of a formatted
file shows only what the drafter changed. Every comment is written back before the
line it was attached to. ``parse(format_draft(d)) == d`` and formatting is idempotent.

Paragraphs without ``source_lines`` (built in code, as a compilation text or an import
is; or parsed from one line that reads exactly as fmt would write it) are written from
the spans, escaped so that they read back as the same spans.
"""

from __future__ import annotations

from collections.abc import Iterable

from clausekit.errors import ClauseSyntaxError, InternalError
from clausekit.language.inline import prose_line, spans_to_source
from clausekit.language.parser import loads
from clausekit.language.syntax import PARAGRAPH_MARK, quote
from clausekit.model import (
    BLOCK_FIELDS,
    GUARANTEE_FIELD_NAMES,
    PARAGRAPH_FIELDS,
    Clause,
    Comment,
    Draft,
    Paragraph,
    Party,
    Term,
    comment_places,
)

INDENT = "  "


class _SourceWriter:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, depth: int, text: str) -> None:
        self.lines.append(INDENT * depth + text if text else "")

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def comments(self, depth: int, comments: Iterable[Comment]) -> None:
        for comment in comments:
            self.line(depth, "//" + comment.text.rstrip())

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _prose_lines(paragraph: Paragraph) -> list[str]:
    if paragraph.source_lines:
        return list(paragraph.source_lines)
    return [prose_line(paragraph.spans)]


class _FieldComments:
    """Hands each field line the comments that stood before it in the source."""

    def __init__(self, pairs: tuple[tuple[str, tuple[Comment, ...]], ...]):
        self.pending = list(pairs)

    def take(self, key: str) -> tuple[Comment, ...]:
        for index, (name, comments) in enumerate(self.pending):
            if name == key:
                del self.pending[index]
                return comments
        return ()

    def rest(self) -> list[Comment]:
        return [comment for _, comments in self.pending for comment in comments]


def _write_field(
    out: _SourceWriter,
    depth: int,
    key: str,
    value: str | Paragraph,
    notes: _FieldComments,
    written_lines: dict[str, tuple[str, ...]] | None = None,
) -> None:
    out.comments(depth, notes.take(key))
    lines: tuple[str, ...] | None = None
    if isinstance(value, Paragraph):
        lines = value.source_lines or (spans_to_source(value.spans),)
    elif written_lines and key in written_lines and " ".join(" ".join(written_lines[key]).split()) == value:
        # Keep the drafter's line breaks in a long value (a source note, say).
        lines = written_lines[key]
    if lines:
        out.line(depth, f"{key}: {lines[0]}")
        for continuation in lines[1:]:
            out.line(depth + 1, continuation)
    else:
        out.line(depth, f"{key}: {value}")


def _write_paragraph(out: _SourceWriter, depth: int, paragraph: Paragraph) -> None:
    out.comments(depth, paragraph.comments)
    for spec in PARAGRAPH_FIELDS:
        for value in spec.values(paragraph):
            out.line(depth, f"{PARAGRAPH_MARK} {spec.name}: {value}")
    for line in _prose_lines(paragraph):
        out.line(depth, line)


def _write_term(out: _SourceWriter, depth: int, term: Term) -> None:
    out.comments(depth, term.comments)
    out.line(depth, f"term {quote(term.name)} {{")
    for index, paragraph in enumerate(term.definition):
        if index:
            out.blank()
        _write_paragraph(out, depth + 1, paragraph)
    out.comments(depth + 1, term.trailing_comments)
    out.line(depth, "}")


def _fields(holder: Draft | Clause, block: str) -> list[tuple[str, str | Paragraph]]:
    """A block's fields as ``fmt`` writes them, in the table's order: one line per prose
    value, one line for a list (``guarantor: US, UK``), one for any other value."""
    fields: list[tuple[str, str | Paragraph]] = []
    for spec in BLOCK_FIELDS[block]:
        # A guarantee's own fields are held by its Guarantee, the others by the block.
        target = getattr(holder, "guarantee", None) if spec.name in GUARANTEE_FIELD_NAMES else holder
        values = spec.values(target) if target is not None else ()
        if spec.is_list and values:
            fields.append((spec.name, ", ".join(values)))
        else:
            fields.extend((spec.name, value) for value in values)
    return fields


def _write_clause(out: _SourceWriter, depth: int, clause: Clause) -> None:
    out.comments(depth, clause.comments)
    opener = f"{clause.kind} {clause.id}"
    if clause.number is not None:
        opener += f" {clause.number}"
    if clause.title is not None:
        opener += f" {quote(clause.title)}"
    out.line(depth, opener + " {")
    notes = _FieldComments(clause.field_comments)
    fields = _fields(clause, clause.kind)
    written = dict(clause.field_lines)
    for key, value in fields:
        _write_field(out, depth + 1, key, value, notes, written)
    # Comments of fields that no longer exist stay with the block rather than vanish.
    out.comments(depth + 1, notes.rest())
    items: list[Paragraph | Clause | Term] = [*clause.paragraphs]
    # Paragraphs and nested blocks keep their relative order (by source position when
    # known); a model built in code lists paragraphs first.
    if clause.children:
        items = _interleave(clause.paragraphs, clause.children)
    if fields and items:
        out.blank()
    for index, item in enumerate(items):
        if index:
            out.blank()
        _write_item(out, depth + 1, item)
    out.comments(depth + 1, clause.trailing_comments)
    out.line(depth, "}")


def _interleave(
    paragraphs: tuple[Paragraph, ...], children: tuple[Clause | Term, ...]
) -> list[Paragraph | Clause | Term]:
    """Merge a block's paragraphs and nested blocks back into source order."""

    def position(item: Paragraph | Clause | Term) -> tuple[int, int]:
        return (item.location.line, item.location.column)

    located = all(item.location.line > 0 for item in (*paragraphs, *children))
    if not located:
        return [*paragraphs, *children]
    return sorted([*paragraphs, *children], key=position)


def _write_item(out: _SourceWriter, depth: int, item: Paragraph | Clause | Term) -> None:
    if isinstance(item, Paragraph):
        _write_paragraph(out, depth, item)
    elif isinstance(item, Term):
        _write_term(out, depth, item)
    else:
        _write_clause(out, depth, item)


def _party_line(party: Party) -> str:
    line = f"{party.code} {quote(party.name)}"
    if party.aliases:
        line += "  aka " + ", ".join(quote(a) for a in party.aliases)
    if party.match:
        line += "  match " + ", ".join(quote(a) for a in party.match)
    if party.members:
        line += "  members " + ", ".join(party.members)
    return line


party_line = _party_line
"""A party as its line of the parties block (``US "the United States"  aka ...``)."""


def format_clause(clause: Clause, depth: int = 0) -> str:
    """The source text of one provision block and what it holds (an amendment inserts it)."""
    out = _SourceWriter()
    _write_clause(out, depth, clause)
    return out.text()


def format_draft(draft: Draft) -> str:
    """The canonical source text of a draft (LF line ends, ending in a newline)."""
    out = _SourceWriter()
    out.comments(0, draft.comments)
    out.line(0, f"draft {draft.id} {quote(draft.title)} {{")
    notes = _FieldComments(draft.header_comments)
    written = dict(draft.header_field_lines)
    for key, value in _fields(draft, "draft"):
        _write_field(out, 1, key, value, notes, written)
    out.comments(1, notes.rest())
    out.comments(1, draft.header_trailing_comments)
    out.line(0, "}")
    if draft.parties or draft.parties_comments or draft.parties_trailing_comments:
        out.blank()
        out.comments(0, draft.parties_comments)
        out.line(0, "parties {")
        for party in draft.parties:
            out.comments(1, party.comments)
            out.line(1, _party_line(party))
        out.comments(1, draft.parties_trailing_comments)
        out.line(0, "}")
    for item in draft.body:
        out.blank()
        _write_item(out, 0, item)
    if draft.trailing_comments:
        out.blank()
        out.comments(0, draft.trailing_comments)
    return out.text()


def checked_format(draft: Draft, name: str) -> str:
    """``format_draft`` that checks itself as black does before a file is rewritten: the text
    must parse to a draft equal to this one, with the same comments, and formatting it again
    must change nothing. Raises ``InternalError`` otherwise (nothing should be written)."""
    formatted = format_draft(draft)
    try:
        again = loads(formatted, filename=name)
    except ClauseSyntaxError as error:
        raise InternalError(name, f"the formatted text does not parse ({error.message}); nothing was written") from None
    if again != draft:
        raise InternalError(name, "the formatted text would not say the same as the file; nothing was written")
    if list(comment_places(again)) != list(comment_places(draft)):
        raise InternalError(name, "formatting would lose, change or move a comment; nothing was written")
    if format_draft(again) != formatted:
        raise InternalError(name, "formatting the formatted text changes it again; nothing was written")
    return formatted
