"""The line lexer: turns a draft's lines into the tokens of ``grammar/clause.lark``.

Structure in the clause language is recognised by the shape of a whole line, never by
a word inside prose (see docs/language.md). So this lexer reads line by line and emits
one token per structural line or per paragraph of prose. Prose is handed on in whole
paragraphs, which keeps the parser fast: Lark sees a handful of tokens per clause.

The lexer tracks which blocks are open only as far as it must to read a line: inside
``parties { }`` every line is a party; at the start of a block, ``key: value`` is a
field. Which block may nest in which is the grammar's business.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lark import Token

from clausekit.errors import ClauseSyntaxError
from clausekit.model import Comment, Location

KEYWORDS = ("draft", "parties", "term", "article", "clause", "guarantee")

MAX_NESTING = 100
"""Blocks nested deeper than this are refused: no real treaty nests so deep, and a
hostile file must not exhaust the stack of anything downstream."""

_KEYWORD_LINE = re.compile(r"(draft|parties|term|article|clause|guarantee)(?=[\s{])")
_FIELD_LINE = re.compile(r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)[ \t]*:(?:[ \t]+|$)")
_LEADING_WORD = re.compile(r"[A-Za-z]+(?=[\s{]|\Z)")
_ID = re.compile(r"[a-z](?:[a-z0-9._-]*[a-z0-9])?\Z")
_OPENER_REST = re.compile(
    r"(?P<id>[^\s\"{}]+)"
    r"(?:[ \t]+(?P<number>[^\s\"{}]+))?"
    r"(?:[ \t]+\"(?P<title>(?:[^\"\\]|\\.)*)\")?"
    r"[ \t]*\Z"
)
# Matched at a position (never on a slice: a 1 MB party line must not be copied per item).
_PARTY_CODE = re.compile(r"[A-Z][A-Z0-9-]*")
_PARTY_OPTION = re.compile(r"[a-z]+")
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"")
_UNESCAPE = re.compile(r"\\(.)")


@dataclass(slots=True)
class Opener:
    """A block-opening line, read into its parts."""

    keyword: str
    id: str | None
    number: str | None
    title: str | None
    location: Location
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return self.keyword


@dataclass(slots=True)
class FieldLine:
    key: str
    value: str
    location: Location
    value_location: Location
    # The value as written, line by line (continuation lines included).
    lines: list[str] = field(default_factory=list)
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return self.key


@dataclass(slots=True)
class PartyLine:
    code: str
    name: str
    aliases: tuple[str, ...]
    match: tuple[str, ...]
    members: tuple[str, ...]
    location: Location
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return self.code


@dataclass(slots=True)
class ProseLines:
    """A paragraph: its lines as written (indentation removed) and where each starts."""

    lines: list[str]
    starts: list[tuple[int, int]]  # (line, column) of each line's first character
    location: Location
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return "prose"


@dataclass(slots=True)
class Close:
    location: Location
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return "}"


@dataclass(slots=True)
class _Block:
    keyword: str
    name: str
    location: Location
    prose_started: bool = False


def unescape_quoted(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def describe_block(keyword: str, name: str | None) -> str:
    if keyword == "parties":
        return "the parties block"
    if keyword == "draft":
        return "the draft header"
    return f"{keyword} '{name}'" if name else keyword


class LineLexer:
    """Produces tokens for one source text. Comments are collected on the side and
    handed to the token that follows them."""

    def __init__(self, text: str, filename: str):
        self.filename = filename
        self.lines = text.split("\n")
        self.stack: list[_Block] = []
        self.pending_comments: list[Comment] = []
        self.trailing_comments: tuple[Comment, ...] = ()

    # --- errors ---

    def error(self, message: str, line: int, column: int) -> ClauseSyntaxError:
        source_line = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return ClauseSyntaxError(message, self.filename, line, column, source_line)

    def where(self, line: int, column: int) -> Location:
        return Location(self.filename, line, column)

    def take_comments(self) -> tuple[Comment, ...]:
        if not self.pending_comments:
            return ()
        taken = tuple(self.pending_comments)
        self.pending_comments.clear()
        return taken

    # --- the main loop ---

    def tokens(self) -> Iterator[Token]:
        paragraph: ProseLines | None = None
        field_line: FieldLine | None = None
        field_indent = 0
        lines = self.lines
        stack = self.stack

        def flush() -> Token | None:
            nonlocal paragraph
            if paragraph is None:
                return None
            paragraph.comments = self.take_comments()
            token = Token("PARAGRAPH", paragraph, line=paragraph.location.line, column=paragraph.location.column)
            paragraph = None
            return token

        for number, raw in enumerate(lines, start=1):
            stripped = raw.strip()
            if not stripped:
                if paragraph is not None:
                    yield flush()  # type: ignore[misc]
                field_line = None
                continue
            indent = len(raw) - len(raw.lstrip())
            column = indent + 1

            if stripped.startswith("//"):
                self.pending_comments.append(Comment(stripped[2:], self.where(number, column)))
                continue

            top = stack[-1] if stack else None

            # A field value continues on lines indented deeper than its key, unless the
            # line is itself a field, a block or a closing brace (indentation is free,
            # so a carelessly indented next field must not be swallowed).
            if (
                field_line is not None
                and indent > field_indent
                and stripped != "}"
                and not _FIELD_LINE.match(stripped)
                and not (stripped.endswith("{") and _KEYWORD_LINE.match(stripped))
            ):
                field_line.lines.append(stripped)
                field_line.value = f"{field_line.value} {stripped}" if field_line.value else stripped
                continue
            field_line = None

            if stripped == "}":
                if paragraph is not None:
                    yield flush()  # type: ignore[misc]
                if top is None:
                    raise self.error("unexpected '}': no block is open here", number, column)
                stack.pop()
                yield Token(
                    "CLOSE", Close(self.where(number, column), self.take_comments()), line=number, column=column
                )
                continue

            if top is not None and top.keyword == "parties":
                yield Token("PARTY", self.read_party(stripped, number, column), line=number, column=column)
                continue

            first = stripped[0]
            if "a" <= first <= "z" and stripped.endswith("{"):
                match = _KEYWORD_LINE.match(stripped)
                if match:
                    if paragraph is not None:
                        yield flush()  # type: ignore[misc]
                    opener = self.read_opener(match.group(1), stripped, number, column)
                    if top is not None:
                        top.prose_started = True
                    if len(stack) >= MAX_NESTING:
                        raise self.error(
                            f"blocks are nested more than {MAX_NESTING} deep; clausekit refuses deeper nesting",
                            number,
                            column,
                        )
                    stack.append(_Block(opener.keyword, opener.id or opener.title or "", opener.location))
                    yield Token(opener.keyword.upper() + "_OPEN", opener, line=number, column=column)
                    continue

            if top is None:
                # Name what the line looks like: a misspelt block keyword, or a block
                # opener cut short (a truncated file), rather than "text" in general.
                word = _LEADING_WORD.match(stripped)
                if word and stripped.endswith("{") and word.group(0) not in KEYWORDS:
                    guess = difflib.get_close_matches(word.group(0).lower(), KEYWORDS, n=1, cutoff=0.6)
                    hint = f"did you mean '{guess[0]}'?" if guess else "a block is one of: " + ", ".join(KEYWORDS)
                    raise self.error(f"unknown block '{word.group(0)}' ({hint})", number, column)
                if word and word.group(0) in KEYWORDS and not stripped.endswith("{"):
                    raise self.error(
                        f"a '{word.group(0)}' line ends with '{{': is the line cut short?",
                        number,
                        column + len(stripped),
                    )
                raise self.error(
                    "text outside any block: a draft is a 'draft' header followed by "
                    "'parties', 'term', 'article', 'clause' or 'guarantee' blocks",
                    number,
                    column,
                )

            if not top.prose_started and top.keyword != "term" and "a" <= first <= "z":
                match = _FIELD_LINE.match(stripped)
                if match:
                    if paragraph is not None:  # pragma: no cover - fields precede prose
                        yield flush()  # type: ignore[misc]
                    key = match.group(1)
                    value = stripped[match.end() :].strip()
                    field_line = FieldLine(
                        key,
                        value,
                        self.where(number, column),
                        self.where(number, indent + match.end() + 1),
                        [value] if value else [],
                        self.take_comments(),
                    )
                    field_indent = indent
                    yield Token("FIELD", field_line, line=number, column=column)
                    continue

            if top.keyword == "draft":
                raise self.error(
                    "the draft header holds only fields ('key: value'); is a '}' missing after the header?",
                    number,
                    column,
                )

            top.prose_started = True
            if paragraph is None:
                paragraph = ProseLines([], [], self.where(number, column))
            paragraph.lines.append(stripped)
            paragraph.starts.append((number, column))

        if paragraph is not None:
            yield flush()  # type: ignore[misc]
        if stack:
            block = stack[-1]
            raise self.error(
                f"{describe_block(block.keyword, block.name)} is never closed: a '}}' is missing "
                f"(the file ends at line {len(lines) - (lines[-1] == '')})",
                block.location.line,
                block.location.column,
            )
        self.trailing_comments = self.take_comments()

    # --- reading single lines ---

    def term_name(self, written: str, line: int, column: int) -> str:
        """A term's name as prose names it: ``<Name>`` starts with a letter, ends at the first
        ``>`` and reads runs of spaces as one, so a name that prose could not name is refused."""
        name = " ".join(unescape_quoted(written).split())
        bad = next((i for i, ch in enumerate(written) if ch in "<>"), None)
        if bad is not None or not name[:1].isalpha():
            where = column + (bad if bad is not None else len(written) - len(written.lstrip()))
            message = "a term's name must start with a letter and hold no '<' or '>' (prose uses it as <Name>)"
            raise self.error(message, line, where)
        return name

    def read_opener(self, keyword: str, stripped: str, line: int, column: int) -> Opener:
        after_keyword = stripped[len(keyword) : -1]
        rest = after_keyword.strip()
        skipped = len(after_keyword) - len(after_keyword.lstrip())
        rest_column = column + len(keyword) + skipped if rest else column + len(stripped) - 1
        location = self.where(line, column)
        comments = self.take_comments()
        if keyword == "parties":
            if rest:
                raise self.error("'parties {' takes nothing between the keyword and '{'", line, rest_column)
            return Opener(keyword, None, None, None, location, comments)
        if keyword == "term":
            quoted = _QUOTED.fullmatch(rest)
            if not quoted or not quoted.group(1).strip():
                raise self.error('expected the term in double quotes: term "Defined Term" {', line, rest_column)
            name = self.term_name(quoted.group(1), line, rest_column + 1)
            return Opener(keyword, None, None, name, location, comments)
        if not rest:
            raise self.error(
                f"expected an id after '{keyword}' (for example: {keyword} point-5 5 {{)", line, rest_column
            )
        match = _OPENER_REST.match(rest)
        if not match:
            if rest.count('"') % 2:
                raise self.error("a title's closing '\"' is missing", line, column + stripped.index('"'))
            raise self.error(
                f"expected '{keyword} ID [NUMBER] [\"Title\"] {{' "
                "(a number has no spaces; a title is in double quotes)",
                line,
                rest_column,
            )
        block_id = match.group("id")
        if not _ID.match(block_id):
            raise self.error(
                f"'{block_id}' is not a valid id: an id starts with a lowercase letter and "
                "uses lowercase letters, digits, '-', '_' or '.'",
                line,
                rest_column,
            )
        number = match.group("number")
        title = match.group("title")
        if keyword == "draft":
            if number is not None:
                raise self.error(
                    'a draft has a title, not a number: draft ID "Title" {',
                    line,
                    column + stripped.index(number, len(keyword) + len(block_id)),
                )
            if title is None or not title.strip():
                raise self.error(
                    'expected the draft\'s title in double quotes: draft ID "Title" {',
                    line,
                    rest_column + len(block_id),
                )
        return Opener(
            keyword, block_id, number, unescape_quoted(title) if title is not None else None, location, comments
        )

    def read_party(self, stripped: str, line: int, column: int) -> PartyLine:
        """``CODE "Name" [aka "A", "B"] [match "A"] [members X, Y]``"""
        pos = 0
        text = stripped

        def fail(message: str, at: int) -> ClauseSyntaxError:
            return self.error(message, line, column + at)

        code_match = _PARTY_CODE.match(text)
        if not code_match:
            raise fail(
                "expected a party code (uppercase letters and digits, such as US, UA, E3), "
                "then its name in double quotes; or '}' to close the parties block",
                0,
            )
        code = code_match.group(0)
        pos = code_match.end()

        def skip_space() -> None:
            nonlocal pos
            while pos < len(text) and text[pos] in " \t":
                pos += 1

        skip_space()
        name_match = _QUOTED.match(text, pos)
        if not name_match or not name_match.group(1).strip():
            if pos < len(text) and text[pos] == '"':
                raise fail("the party's name has no closing '\"'", pos)
            raise fail(f"expected the full name of {code} in double quotes after the code", pos)
        name = unescape_quoted(name_match.group(1)).strip()
        pos = name_match.end()
        lists: dict[str, tuple[str, ...]] = {"aka": (), "match": (), "members": ()}
        while True:
            skip_space()
            if pos >= len(text):
                break
            word_match = _PARTY_OPTION.match(text, pos)
            word = word_match.group(0) if word_match else ""
            if word not in lists:
                raise fail("expected 'aka', 'match' or 'members' (or the end of the line) after the party's name", pos)
            if lists[word]:
                raise fail(f"'{word}' is given twice for {code}", pos)
            pos += len(word)
            items: list[str] = []
            while True:
                skip_space()
                if word == "members":
                    member = _PARTY_CODE.match(text, pos)
                    if not member:
                        raise fail("expected a member's party code (such as UK)", pos)
                    items.append(member.group(0))
                    pos = member.end()
                else:
                    quoted = _QUOTED.match(text, pos)
                    if not quoted:
                        raise fail(f"expected a name in double quotes after '{word}'", pos)
                    items.append(unescape_quoted(quoted.group(1)).strip())
                    pos = quoted.end()
                skip_space()
                if pos < len(text) and text[pos] == ",":
                    pos += 1
                    continue
                break
            lists[word] = tuple(items)
        return PartyLine(
            code,
            name,
            lists["aka"],
            lists["match"],
            lists["members"],
            self.where(line, column),
            self.take_comments(),
        )
