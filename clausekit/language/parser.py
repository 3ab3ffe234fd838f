"""Source text -> ``Draft``. The only module that touches Lark's parser.

The line lexer (``lexer.py``) feeds Lark's LALR parser, whose inline transformer
builds the frozen model directly, with no intermediate tree. Every error a drafter
can make becomes a ``ClauseSyntaxError`` with file, line and column, worded for a
person who drafts treaties, not for a person who writes parsers.

Fields are read through the one table of fields (``clausekit.model.BLOCK_FIELDS``): a
field's kind says how its value is read and checked. The transformer keeps nothing
between parses (the tokens carry their positions), so parses in threads cannot mix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from clausekit.errors import ClauseSyntaxError
from clausekit.language.inline import locator, parse_inline, prose_line, spans_to_source
from clausekit.language.lexer import Close, FieldLine, LineLexer, Opener, PartyLine, ProseLines, describe_block
from clausekit.language.source import normalise_newlines, read_text
from clausekit.language.syntax import CLAUSE_REF_RE, DATE_RE, PARTY_CODE_FULL
from clausekit.model import (
    BLOCK_FIELDS,
    GUARANTEE_FIELD_NAMES,
    GUARANTEE_FIELDS,
    ISSUES,
    PARAGRAPH_FIELDS,
    UNKNOWABLE_FIELDS,
    Clause,
    Comment,
    Draft,
    FieldSpec,
    Guarantee,
    Inline,
    Location,
    Paragraph,
    Party,
    Term,
    read_alternative,
)
from clausekit.resources import resource

_TOKEN_WORDS = {
    "DRAFT_OPEN": "a draft header ('draft ... {')",
    "PARTIES_OPEN": "a parties block ('parties {')",
    "TERM_OPEN": "a term definition ('term \"...\" {')",
    "ARTICLE_OPEN": "an article ('article ... {')",
    "CLAUSE_OPEN": "a clause ('clause ... {')",
    "GUARANTEE_OPEN": "a guarantee ('guarantee ... {')",
    "CLOSE": "'}'",
    "FIELD": "a field ('key: value')",
    "PARTY": "a party",
    "PARAGRAPH": "prose",
    "$END": "the end of the file",
}


@lru_cache(maxsize=1)
def grammar_text() -> str:
    return resource("grammar").joinpath("clause.lark").read_text(encoding="utf-8")


def _located(message: str, where: Location) -> ClauseSyntaxError:
    """An error at a place; ``loads`` adds the source line for the caret."""
    return ClauseSyntaxError(message, where.file, where.line, where.column)


class _Source:
    """What Lark is handed to parse: the lexer's token stream for one file."""

    def __init__(self, lexer: LineLexer):
        self.lexer = lexer


class _LexerAdapter(Lexer):
    """Lark's custom-lexer protocol, delegating to our line lexer."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: _Source):
        return data.lexer.tokens()


# --- field values -----------------------------------------------------------------------------


def _paragraph(prose: ProseLines, written: Callable[[tuple[Inline, ...]], str] = prose_line) -> Paragraph:
    file = prose.location.file
    joined, locate = locator(prose.starts, prose.lines, file)

    def error(message: str, offset: int) -> ClauseSyntaxError:
        return _located(message, locate(offset))

    spans = parse_inline(joined, locate, error)
    # Keep the lines as written only where fmt could not write them back from the spans
    # (several lines, or other spellings): most paragraphs are one canonical line.
    lines = prose.lines
    kept = () if len(lines) == 1 and written(spans) == lines[0] else tuple(lines)
    own = read_field_specs(prose.fields, PARAGRAPH_FIELDS, "a paragraph ('~ key: value')") if prose.fields else {}
    if own.get("exactness") == "missing":
        line = next(f for f in prose.fields if f.key == "exactness")
        raise _at_value(line, "a paragraph with text is not 'missing': give the exactness its text has", "missing")
    return Paragraph(spans, prose.location, kept, prose.comments, **own)


def _codes(line: FieldLine) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in line.value.split(","))
    for code in codes:
        if not PARTY_CODE_FULL.match(code):
            raise _at_value(
                line,
                f"'{code}' is not a party code: '{line.key}' takes codes such as US, UA, E3, separated by commas",
                code,
            )
    return codes


def _at_value(line: FieldLine, message: str, part: str = "") -> ClauseSyntaxError:
    """An error at ``part`` of a field's value (at the value's start when not found)."""
    where = line.value_location
    offset = max(0, line.value.find(part)) if part else 0
    return _located(message, replace(where, column=where.column + offset))


def _read_text(spec: FieldSpec, line: FieldLine) -> str:
    return " ".join(line.value.split())


def _read_words(spec: FieldSpec, line: FieldLine) -> str:
    # A negotiation bracket is read in prose only; in a one-phrase field it would pass as
    # the phrase itself ("[US: will | E3: shall]" as a modal verb).
    if "[" in line.value:
        raise _at_value(
            line,
            f"'{spec.name}' holds one phrase, and brackets are read only in prose fields ({_PROSE_FIELD_NAMES}): "
            "write the alternatives in the guarantee's prose, or one value in each delegation's draft",
            "[",
        )
    return _read_text(spec, line)


def _read_choice(spec: FieldSpec, line: FieldLine) -> str:
    if line.value not in spec.choices:
        raise _at_value(line, f"unknown {spec.name} '{line.value}': expected one of " + ", ".join(spec.choices))
    return line.value


def _read_date(spec: FieldSpec, line: FieldLine) -> str:
    if not DATE_RE.match(line.value):
        raise _at_value(line, f"'{line.value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    return line.value


def _read_code(spec: FieldSpec, line: FieldLine) -> str:
    if "," in line.value:
        raise _at_value(line, f"a {spec.name} is one party code (a group such as E3 for several)")
    (code,) = _codes(line)
    return code


def _read_codes(spec: FieldSpec, line: FieldLine) -> tuple[str, ...]:
    return _codes(line)


def _read_refs(spec: FieldSpec, line: FieldLine) -> tuple[str, ...]:
    refs = tuple(ref.strip() for ref in line.value.split(","))
    for ref in refs:
        if not CLAUSE_REF_RE.match(ref):
            raise _at_value(
                line,
                f"'{ref}' is not a clause reference: '{spec.name}' takes draft-id::clause-id "
                "(for example north-atlantic-treaty-1949::art-5)",
                ref,
            )
    return refs


_PROSE_FIELD_NAMES = ", ".join(spec.name for spec in GUARANTEE_FIELDS if spec.kind == "prose")


def _read_correspondences(spec: FieldSpec, line: FieldLine) -> tuple[str, ...]:
    values = tuple(value.strip() for value in line.value.split(","))
    for value in values:
        if "::" in value:
            if not CLAUSE_REF_RE.match(value):
                raise _at_value(line, f"'{value}' is not a clause reference: write draft-id::clause-id", value or ",")
        elif value not in ISSUES:
            close = difflib.get_close_matches(value, list(ISSUES), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "the issues are: " + ", ".join(ISSUES)
            message = f"unknown issue '{value}' ({hint}); '{spec.name}' takes issue keys and draft-id::clause-id"
            raise _at_value(line, message, value)
    return values


_UNKNOWABLE = frozenset(spec.name for spec in UNKNOWABLE_FIELDS)


def _read_fields_named(spec: FieldSpec, line: FieldLine) -> tuple[str, ...]:
    names = tuple(name.strip() for name in line.value.split(","))
    for name in names:
        if name not in _UNKNOWABLE:
            raise _at_value(
                line,
                f"'{name}' is not a guarantee field: '{spec.name}' lists the fields whose value the "
                "source does not give (trigger, response, modality, duration, ...)",
                name,
            )
    return names


def _read_prose(spec: FieldSpec, line: FieldLine) -> Paragraph:
    prose = ProseLines(list(line.lines), list(line.starts), line.value_location)
    paragraph = _paragraph(prose, written=spans_to_source)
    return Paragraph(paragraph.spans, line.location, paragraph.source_lines, line.comments)


def _read_alternative(spec: FieldSpec, line: FieldLine) -> str:
    value = " ".join(line.value.split())
    try:
        read_alternative(value)
    except ValueError as error:
        raise _at_value(line, f"{spec.name}: {error}") from None
    return value


_READERS: dict[str, Callable[[FieldSpec, FieldLine], Any]] = {
    "text": _read_text,
    "words": _read_words,
    "choice": _read_choice,
    "date": _read_date,
    "code": _read_code,
    "codes": _read_codes,
    "refs": _read_refs,
    "correspondences": _read_correspondences,
    "fields": _read_fields_named,
    "prose": _read_prose,
    "alternative": _read_alternative,
}
"""How each kind of field value is read and checked (``FieldSpec.kind``)."""


def read_fields(lines: list[FieldLine], block: str, where: str) -> dict[str, Any]:
    """The values of a block's field lines, by model attribute; repeated fields add up."""
    return read_field_specs(lines, BLOCK_FIELDS[block], where)


def read_field_specs(lines: list[FieldLine], specs: tuple[FieldSpec, ...], where: str) -> dict[str, Any]:
    """The values of field lines that may be any of ``specs``, by model attribute."""
    allowed = {spec.name: spec for spec in specs}
    values: dict[str, Any] = {}
    for line in lines:
        spec = allowed.get(line.key)
        if spec is None:
            if line.key in GUARANTEE_FIELD_NAMES:
                hint = f"'{line.key}' belongs to a guarantee; start the block with 'guarantee' instead"
            else:
                close = difflib.get_close_matches(line.key, list(allowed), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(allowed)
            raise _located(f"unknown field '{line.key}' in {where} ({hint})", line.location)
        if not line.value:
            raise _located(f"the field '{line.key}' has no value", line.location)
        if spec.attribute in values and not spec.repeatable:
            raise _located(f"the field '{line.key}' is given twice in {where}", line.location)
        value = _READERS[spec.kind](spec, line)
        if spec.repeatable:
            values[spec.attribute] = values.get(spec.attribute, ()) + (value if spec.is_list else (value,))
        else:
            values[spec.attribute] = value
    return values


def _field_comments(lines: list[FieldLine]) -> tuple[tuple[str, tuple[Comment, ...]], ...]:
    return tuple((f.key, f.comments) for f in lines if f.comments)


def _field_lines(lines: list[FieldLine], block: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Plain values written over several lines (prose values keep theirs in Paragraph)."""
    kinds = {spec.name: spec.kind for spec in BLOCK_FIELDS[block]}
    return tuple((f.key, tuple(f.lines)) for f in lines if len(f.lines) > 1 and kinds.get(f.key) != "prose")


# --- the grammar's rules ------------------------------------------------------------------------


class _ModelBuilder(Transformer):
    """Inline LALR callbacks: each grammar rule returns model objects. Stateless: Lark calls
    the one shared instance for every parse."""

    def header(self, children: list[Token]) -> tuple[Opener, dict[str, Any], list[FieldLine], Close]:
        opener: Opener = children[0].value
        lines = [c.value for c in children[1:-1]]
        close: Close = children[-1].value
        return opener, read_fields(lines, "draft", "the draft header"), lines, close

    def parties(self, children: list[Token]) -> tuple[str, Opener, tuple[Party, ...], Close]:
        opener: Opener = children[0].value
        close: Close = children[-1].value
        parties = []
        for token in children[1:-1]:
            line: PartyLine = token.value
            parties.append(
                Party(line.code, line.name, line.aliases, line.match, line.members, line.location, line.comments)
            )
        return "parties", opener, tuple(parties), close

    def term(self, children: list[Token]) -> Term:
        opener: Opener = children[0].value
        close: Close = children[-1].value
        definition = tuple(_paragraph(t.value) for t in children[1:-1])
        return Term(opener.title or "", definition, opener.location, opener.comments, close.comments)

    def _provision(self, children: list) -> Clause:
        opener: Opener = children[0].value
        close: Close = children[-1].value
        lines: list[FieldLine] = []
        paragraphs: list[Paragraph] = []
        nested: list[Clause | Term] = []
        for child in children[1:-1]:
            if isinstance(child, Token):
                if child.type == "FIELD":
                    lines.append(child.value)
                else:
                    paragraphs.append(_paragraph(child.value))
            else:
                nested.append(child)
        kind = opener.keyword
        values = read_fields(lines, kind, describe_block(kind, opener.id))
        guarantee = None
        if kind == "guarantee":
            own = [spec.attribute for spec in GUARANTEE_FIELDS if spec.attribute in values]
            guarantee = Guarantee(**{attribute: values.pop(attribute) for attribute in own})
        return Clause(
            kind=kind,  # type: ignore[arg-type]
            id=opener.id or "",
            number=opener.number,
            title=opener.title,
            paragraphs=tuple(paragraphs),
            children=tuple(nested),
            guarantee=guarantee,
            location=opener.location,
            comments=opener.comments,
            trailing_comments=close.comments,
            field_comments=_field_comments(lines),
            field_lines=_field_lines(lines, kind),
            **values,
        )

    article = _provision
    provision = _provision

    def start(self, children: list) -> Draft:
        opener, values, lines, close = children[0]
        parties: list[Party] = []
        parties_comments: list[Comment] = []
        parties_trailing: list[Comment] = []
        body: list[Clause | Term] = []
        for child in children[1:]:
            if isinstance(child, tuple):
                _, parties_opener, declared, parties_close = child
                parties.extend(declared)
                parties_comments.extend(parties_opener.comments)
                parties_trailing.extend(parties_close.comments)
            else:
                body.append(child)
        return Draft(
            id=opener.id or "",
            title=opener.title or "",
            parties=tuple(parties),
            body=tuple(body),
            location=opener.location,
            path=opener.location.file,
            comments=opener.comments,
            header_comments=_field_comments(lines),
            header_trailing_comments=close.comments,
            header_field_lines=_field_lines(lines, "draft"),
            parties_comments=tuple(parties_comments),
            parties_trailing_comments=tuple(parties_trailing),
            **values,
        )


def _explain(error: UnexpectedToken, lexer: LineLexer) -> ClauseSyntaxError:
    """Turn Lark's 'unexpected token' into a sentence about the draft."""
    token = error.token
    kind = token.type
    line = getattr(token, "line", None) or len(lexer.lines)
    column = getattr(token, "column", None) or 1
    # The lexer has already pushed an opener it emitted; the block around it is below.
    stack = lexer.stack[:-1] if kind.endswith("_OPEN") and kind != "DRAFT_OPEN" else lexer.stack
    around = describe_block(stack[-1].keyword, stack[-1].name) if stack else None
    expected = {e for e in error.expected if e in _TOKEN_WORDS}

    if kind == "$END":
        message = 'the file has no draft: a draft starts with a header such as: draft my-draft "Title" {'
    elif "DRAFT_OPEN" in expected:
        message = 'a draft must start with its header: draft ID "Title" { ... }'
    elif kind == "DRAFT_OPEN":
        message = "a file holds one draft: a second 'draft' header is not allowed"
    elif kind == "ARTICLE_OPEN" and around:
        message = (
            f"an article cannot stand inside {around}: articles are top-level (is a '}}' missing before this line?)"
        )
    elif kind == "PARTIES_OPEN" and around:
        message = f"'parties' cannot stand inside {around}: declare parties at the top level"
    elif kind == "TERM_OPEN" and around:
        message = f"a term cannot be defined inside {around}: define it at the top level or in an article"
    elif kind in ("CLAUSE_OPEN", "GUARANTEE_OPEN", "PARAGRAPH") and around and "term" in around:
        message = f"{around} holds only its definition (prose): is a '}}' missing before this line?"
    else:
        wanted = " or ".join(sorted(_TOKEN_WORDS[e] for e in expected)) or "something else"
        message = f"unexpected {_TOKEN_WORDS.get(kind, kind)}; expected {wanted}"
    return lexer.error(message, line, column)


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(grammar_text(), parser="lalr", lexer=_LexerAdapter, transformer=_ModelBuilder())


def loads(text: str, filename: str = "<string>") -> Draft:
    """Parse clause-language text into a ``Draft``.

    Raises ``ClauseSyntaxError`` (with file, line and column) when it does not parse.
    """
    lexer = LineLexer(normalise_newlines(text), filename)
    try:
        draft: Draft = _lark().parse(_Source(lexer))  # type: ignore[assignment]
    except UnexpectedToken as error:
        raise _explain(error, lexer) from None
    except ClauseSyntaxError as error:
        if error.source_line:
            raise
        raise lexer.error(error.message, error.line, error.column) from None
    except UnexpectedInput as error:  # pragma: no cover - our lexer raises its own errors
        raise lexer.error(str(error), getattr(error, "line", 1), getattr(error, "column", 1)) from None
    except RecursionError:
        raise lexer.error("the draft nests too deeply to read", 1, 1) from None
    # Comments after the last block are known only once the lexer has read to the end.
    return replace(draft, trailing_comments=lexer.trailing_comments) if lexer.trailing_comments else draft


def load(path: str | Path) -> Draft:
    """Read and parse one draft file."""
    return loads(read_text(path), filename=str(path))
