"""Source text -> ``Draft``. The only module that touches Lark.

The line lexer (``lexer.py``) feeds Lark's LALR parser, whose inline transformer
builds the frozen model directly, with no intermediate tree. Every error a drafter
can make becomes a ``ClauseSyntaxError`` with file, line and column, worded for a
person who drafts treaties, not for a person who writes parsers.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from clausekit.errors import ClauseSyntaxError, InputError
from clausekit.language.format import prose_line
from clausekit.language.inline import locator, parse_inline, spans_to_source
from clausekit.language.lexer import Close, FieldLine, LineLexer, Opener, PartyLine, ProseLines, describe_block
from clausekit.model import (
    EXACTNESS_LEVELS,
    STATUSES,
    Clause,
    Comment,
    Draft,
    Guarantee,
    Inline,
    Paragraph,
    Party,
    Term,
)
from clausekit.resources import resource

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger inputs are refused with a clear message rather than exhausting memory."""

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?\Z")
_PARTY_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\Z")
_MIRROR = re.compile(r"[a-z](?:[a-z0-9._-]*[a-z0-9])?::[a-z](?:[a-z0-9._-]*[a-z0-9])?\Z")

HEADER_FIELDS = ("proposer", "date", "version", "status", "source", "exactness", "language")
PROVISION_FIELDS = ("source", "exactness", "date", "proposer")
GUARANTEE_FIELDS = (
    "guarantor",
    "beneficiary",
    "modality",
    "trigger",
    "response",
    "duration",
    "renewal",
    "condition",
    "void-if",
    "compensation",
    "mirrors",
    "unknown",
)
# Fields that may be given more than once (their values add up).
REPEATABLE_FIELDS = frozenset(
    {"guarantor", "beneficiary", "trigger", "response", "condition", "void-if", "mirrors", "unknown"}
)
# Fields whose value is prose with inline markup; the others are plain text or codes.
PROSE_FIELDS = frozenset({"trigger", "response", "duration", "renewal", "condition", "void-if", "compensation"})

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


class _Build(Transformer):
    """Inline LALR callbacks: each grammar rule returns model objects.

    The current file's lexer is kept on ``self.lexer`` for error positions; a parse
    holds the one shared transformer, so parses are serialised by ``_PARSE_LOCK``
    (parses in threads would otherwise mix their lexers)."""

    lexer: LineLexer

    # --- helpers ---

    def _error(self, message: str, line: int, column: int) -> ClauseSyntaxError:
        return self.lexer.error(message, line, column)

    def _paragraph(self, prose: ProseLines, written: Callable[[tuple[Inline, ...]], str] = prose_line) -> Paragraph:
        joined, locate = locator(prose.starts, prose.lines, self.lexer.filename)

        def error(message: str, offset: int) -> ClauseSyntaxError:
            where = locate(offset)
            return self._error(message, where.line, where.column)

        spans = parse_inline(joined, locate, error)
        # Keep the lines as written only where fmt could not write them back from the
        # spans (several lines, or other spellings): most paragraphs are one canonical
        # line, and a second copy of every paragraph was a seventh of a parsed draft.
        lines = prose.lines
        kept = () if len(lines) == 1 and written(spans) == lines[0] else tuple(lines)
        return Paragraph(spans, prose.location, kept, prose.comments)

    def _prose_field(self, field: FieldLine) -> Paragraph:
        start = (field.value_location.line, field.value_location.column)
        starts = [start] + [(0, 0)] * (len(field.lines) - 1)
        # Continuation lines: find where each starts, for error positions.
        line_no = field.value_location.line
        for i in range(1, len(field.lines)):
            line_no += 1
            while line_no <= len(self.lexer.lines) and field.lines[i] != self.lexer.lines[line_no - 1].strip():
                line_no += 1
            raw = self.lexer.lines[line_no - 1] if line_no <= len(self.lexer.lines) else ""
            starts[i] = (line_no, len(raw) - len(raw.lstrip()) + 1)
        prose = ProseLines(list(field.lines), starts, field.value_location)
        paragraph = self._paragraph(prose, written=spans_to_source)
        return Paragraph(paragraph.spans, field.location, paragraph.source_lines, field.comments)

    def _codes(self, field: FieldLine) -> tuple[str, ...]:
        codes = tuple(code.strip() for code in field.value.split(","))
        for code in codes:
            if not _PARTY_CODE.match(code):
                raise self._error(
                    f"'{code}' is not a party code: '{field.key}' takes codes such as US, UA, E3, separated by commas",
                    field.value_location.line,
                    field.value_location.column + max(0, field.value.find(code)),
                )
        return codes

    def _read_fields(self, fields: list[FieldLine], allowed: tuple[str, ...], where: str) -> dict[str, object]:
        values: dict[str, object] = {}
        for field in fields:
            key = field.key
            loc = field.location
            if key not in allowed:
                if key in GUARANTEE_FIELDS:
                    hint = f"'{key}' belongs to a guarantee; start the block with 'guarantee' instead"
                else:
                    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else "expected one of: " + ", ".join(allowed)
                raise self._error(f"unknown field '{key}' in {where} ({hint})", loc.line, loc.column)
            if not field.value:
                raise self._error(f"the field '{key}' has no value", loc.line, loc.column)
            if key in values and key not in REPEATABLE_FIELDS:
                raise self._error(f"the field '{key}' is given twice in {where}", loc.line, loc.column)
            value: object
            vloc = field.value_location
            if key == "date":
                if not _DATE.match(field.value):
                    raise self._error(
                        f"'{field.value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", vloc.line, vloc.column
                    )
                value = field.value
            elif key == "status":
                if field.value not in STATUSES:
                    raise self._error(
                        f"unknown status '{field.value}': expected one of " + ", ".join(STATUSES),
                        vloc.line,
                        vloc.column,
                    )
                value = field.value
            elif key == "exactness":
                if field.value not in EXACTNESS_LEVELS:
                    raise self._error(
                        f"unknown exactness '{field.value}': expected one of " + ", ".join(EXACTNESS_LEVELS),
                        vloc.line,
                        vloc.column,
                    )
                value = field.value
            elif key == "proposer":
                (value,) = self._codes(field) if "," not in field.value else (None,)
                if value is None:
                    raise self._error(
                        "a proposer is one party code (a group such as E3 for several)", vloc.line, vloc.column
                    )
            elif key in ("guarantor", "beneficiary"):
                value = values.get(key, ()) + self._codes(field)  # type: ignore[operator]
            elif key == "mirrors":
                refs = tuple(ref.strip() for ref in field.value.split(","))
                for ref in refs:
                    if not _MIRROR.match(ref):
                        raise self._error(
                            f"'{ref}' is not a clause reference: 'mirrors' takes draft-id::clause-id "
                            "(for example north-atlantic-treaty-1949::art-5)",
                            vloc.line,
                            vloc.column + max(0, field.value.find(ref)),
                        )
                value = values.get(key, ()) + refs  # type: ignore[operator]
            elif key == "unknown":
                names = tuple(name.strip() for name in field.value.split(","))
                for name in names:
                    if name not in GUARANTEE_FIELDS or name in ("unknown", "mirrors"):
                        raise self._error(
                            f"'{name}' is not a guarantee field: 'unknown' lists the fields whose value the "
                            "source does not give (trigger, response, modality, duration, ...)",
                            vloc.line,
                            vloc.column + max(0, field.value.find(name)),
                        )
                value = values.get(key, ()) + names  # type: ignore[operator]
            elif key == "modality":
                value = " ".join(field.value.split())
            elif key in PROSE_FIELDS:
                paragraph = self._prose_field(field)
                value = (*values.get(key, ()), paragraph) if key in REPEATABLE_FIELDS else paragraph  # type: ignore[operator]
            else:
                value = " ".join(field.value.split())
            values[key] = value
        return values

    @staticmethod
    def _field_comments(fields: list[FieldLine]) -> tuple[tuple[str, tuple[Comment, ...]], ...]:
        return tuple((f.key, f.comments) for f in fields if f.comments)

    @staticmethod
    def _field_lines(fields: list[FieldLine]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Plain values written over several lines (prose values keep theirs in Paragraph)."""
        return tuple((f.key, tuple(f.lines)) for f in fields if len(f.lines) > 1 and f.key not in PROSE_FIELDS)

    # --- rules ---

    def header(self, children: list[Token]) -> tuple[Opener, dict[str, object], list[FieldLine], Close]:
        opener: Opener = children[0].value
        fields = [c.value for c in children[1:-1]]
        close: Close = children[-1].value
        values = self._read_fields(fields, HEADER_FIELDS, "the draft header")
        return opener, values, fields, close

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
        definition = tuple(self._paragraph(t.value) for t in children[1:-1])
        return Term(opener.title or "", definition, opener.location, opener.comments, close.comments)

    def _provision(self, children: list) -> Clause:
        opener: Opener = children[0].value
        close: Close = children[-1].value
        fields: list[FieldLine] = []
        paragraphs: list[Paragraph] = []
        nested: list[Clause | Term] = []
        for child in children[1:-1]:
            if isinstance(child, Token):
                if child.type == "FIELD":
                    fields.append(child.value)
                else:
                    paragraphs.append(self._paragraph(child.value))
            else:
                nested.append(child)
        kind = opener.keyword
        allowed = PROVISION_FIELDS + GUARANTEE_FIELDS if kind == "guarantee" else PROVISION_FIELDS
        values = self._read_fields(fields, allowed, describe_block(kind, opener.id))
        guarantee = None
        if kind == "guarantee":
            guarantee = Guarantee(
                guarantors=values.get("guarantor", ()),  # type: ignore[arg-type]
                beneficiaries=values.get("beneficiary", ()),  # type: ignore[arg-type]
                modality=values.get("modality"),  # type: ignore[arg-type]
                triggers=values.get("trigger", ()),  # type: ignore[arg-type]
                responses=values.get("response", ()),  # type: ignore[arg-type]
                duration=values.get("duration"),  # type: ignore[arg-type]
                renewal=values.get("renewal"),  # type: ignore[arg-type]
                conditions=values.get("condition", ()),  # type: ignore[arg-type]
                void_if=values.get("void-if", ()),  # type: ignore[arg-type]
                compensation=values.get("compensation"),  # type: ignore[arg-type]
                mirrors=values.get("mirrors", ()),  # type: ignore[arg-type]
                unknown=values.get("unknown", ()),  # type: ignore[arg-type]
            )
        return Clause(
            kind=kind,  # type: ignore[arg-type]
            id=opener.id or "",
            number=opener.number,
            title=opener.title,
            paragraphs=tuple(paragraphs),
            children=tuple(nested),
            guarantee=guarantee,
            source=values.get("source"),  # type: ignore[arg-type]
            exactness=values.get("exactness"),  # type: ignore[arg-type]
            date=values.get("date"),  # type: ignore[arg-type]
            proposer=values.get("proposer"),  # type: ignore[arg-type]
            location=opener.location,
            comments=opener.comments,
            trailing_comments=close.comments,
            field_comments=self._field_comments(fields),
            field_lines=self._field_lines(fields),
        )

    article = _provision
    provision = _provision

    def start(self, children: list) -> Draft:
        opener, values, fields, close = children[0]
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
            proposer=values.get("proposer"),  # type: ignore[arg-type]
            date=values.get("date"),  # type: ignore[arg-type]
            version=values.get("version"),  # type: ignore[arg-type]
            status=values.get("status"),  # type: ignore[arg-type]
            source=values.get("source"),  # type: ignore[arg-type]
            exactness=values.get("exactness"),  # type: ignore[arg-type]
            language=values.get("language", "en"),  # type: ignore[arg-type]
            parties=tuple(parties),
            body=tuple(body),
            location=opener.location,
            path=self.lexer.filename,
            comments=opener.comments,
            header_comments=self._field_comments(fields),
            header_trailing_comments=close.comments,
            header_field_lines=self._field_lines(fields),
            parties_comments=tuple(parties_comments),
            parties_trailing_comments=tuple(parties_trailing),
            trailing_comments=self.lexer.trailing_comments,
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


_PARSE_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _lark() -> tuple[Lark, _Build]:
    builder = _Build()
    parser = Lark(grammar_text(), parser="lalr", lexer=_LexerAdapter, transformer=builder)
    return parser, builder


def normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def loads(text: str, filename: str = "<string>") -> Draft:
    """Parse clause-language text into a ``Draft``.

    Raises ``ClauseSyntaxError`` (with file, line and column) when it does not parse.
    """
    text = normalise_newlines(text)
    parser, builder = _lark()
    lexer = LineLexer(text, filename)
    # One shared transformer: Lark binds its callbacks at construction, so one parse at
    # a time (two threads parsing at once got each other's positions and file names).
    try:
        with _PARSE_LOCK:
            builder.lexer = lexer
            try:
                return parser.parse(_Source(lexer))  # type: ignore[return-value]
            finally:
                # The lexer holds the file's lines: keeping it on the shared builder
                # kept the last draft's text alive a second time after the parse.
                del builder.lexer
    except UnexpectedToken as error:
        raise _explain(error, lexer) from None
    except UnexpectedInput as error:  # pragma: no cover - our lexer raises its own errors
        raise lexer.error(str(error), getattr(error, "line", 1), getattr(error, "column", 1)) from None
    except RecursionError:
        raise lexer.error("the draft nests too deeply to read", 1, 1) from None


def read_text(path: str | Path) -> str:
    """Read a draft file as text: UTF-8 (with or without BOM); clear errors otherwise."""
    name = str(path)
    try:
        # Read one byte past the limit rather than the whole file: a huge file (or an
        # endless one, such as /dev/zero) is refused without being held in memory.
        with open(path, "rb") as stream:
            too_big = os.fstat(stream.fileno()).st_size > MAX_FILE_BYTES
            data = b"" if too_big else stream.read(MAX_FILE_BYTES + 1)
            too_big = too_big or len(data) > MAX_FILE_BYTES
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a draft file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None
    if too_big:
        raise InputError(name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; clausekit refuses it")
    return decode(data, name)


def read_stdin() -> str:
    """Standard input read as a draft file is: UTF-8 or a clear error, within the size limit.

    (``sys.stdin`` decodes with ``surrogateescape``, which would let bytes that are not
    UTF-8 through as lone surrogates that no output can encode.)"""
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError("<stdin>", f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; clausekit refuses it")
    return decode(data, "<stdin>")


def decode(data: bytes, name: str) -> str:
    """The text of a draft file's bytes: UTF-8 (with or without BOM); clear errors otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "is UTF-16; save it as UTF-8 (clause files are UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(data):
            raise InputError(name, "is UTF-16 (without a byte order mark); save it as UTF-8 (clause files are UTF-8)")
        line, column = _position(data, nul)
        raise InputError(name, "contains a NUL byte: this looks like a binary file, not a draft", line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise InputError(
            name,
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset, the column in characters as in syntax errors."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 has a NUL in every other byte (ASCII) and almost none in between."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return False
    fewer, more = sorted((even.count(0), odd.count(0)))
    return fewer <= len(odd) // 10 and more >= len(odd) * 0.6


def load(path: str | Path) -> Draft:
    """Read and parse one draft file."""
    return loads(read_text(path), filename=str(path))
