"""The line lexer: turns a draft's lines into the tokens of ``grammar/clause.lark``.

Structure in the clause language is recognised by the shape of a whole line, never by
a word inside prose (see docs/language.md). So this lexer reads line by line and emits
one token per structural line or per paragraph of prose. Prose is handed on in whole
paragraphs, which keeps the parser fast: Lark sees a handful of tokens per clause.

Each line goes through ``LINE_RULES`` in order, as markdown-it chains its rules: the first
rule that takes the line decides what it is (a blank line, a comment, the continuation of a
field's value, a closing brace, a party, a block opener, a field, prose). The lexer tracks
which blocks are open only as far as it must to read a line: inside ``parties { }`` every
line is a party; at the start of a block, ``key: value`` is a field. Which block may nest in
which is the grammar's business.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lark import Token

from clausekit.errors import ClauseSyntaxError
from clausekit.language.syntax import (
    FIELD_LINE,
    ID_FULL,
    KEYWORD_LINE,
    KEYWORDS,
    LEADING_WORD,
    OPENER_REST,
    PARAGRAPH_FIELD_LINE,
    PARTY_CODE_RE,
    PARTY_OPTION,
    PARTY_OPTIONS,
    QUOTED,
    UNESCAPED_QUOTE,
    unescape,
)
from clausekit.model import Comment, Location

MAX_NESTING = 100
"""Blocks nested deeper than this are refused: no real treaty nests so deep, and a
hostile file must not exhaust the stack of anything downstream."""


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
    """A ``key: value`` line, with the lines its value continues on."""

    key: str
    value: str
    location: Location
    value_location: Location
    # The value as written, line by line (continuation lines included), and where each
    # of those lines starts (line, column).
    lines: list[str] = field(default_factory=list)
    starts: list[tuple[int, int]] = field(default_factory=list)
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
    # The ``~ key: value`` lines written just above it (its own provenance).
    fields: list[FieldLine] = field(default_factory=list)

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return "prose"


@dataclass(slots=True)
class Close:
    location: Location
    comments: tuple[Comment, ...] = ()

    def __str__(self) -> str:  # Lark's Token is a str built from this
        return "}"


@dataclass(slots=True)
class OpenBlock:
    keyword: str
    name: str
    location: Location
    prose_started: bool = False


Tokens = tuple[Token, ...]
"""What a line rule emits (often nothing: the line adds to a paragraph or a field)."""


@dataclass(slots=True)
class Line:
    """One non-blank line being read."""

    number: int
    stripped: str
    indent: int

    @property
    def column(self) -> int:
        return self.indent + 1


def describe_block(keyword: str, name: str | None) -> str:
    if keyword == "parties":
        return "the parties block"
    if keyword == "draft":
        return "the draft header"
    return f"{keyword} '{name}'" if name else keyword


def _is_opener(stripped: str) -> bool:
    return stripped.endswith("{") and KEYWORD_LINE.match(stripped) is not None


class LineLexer:
    """Produces tokens for one source text. Comments are collected on the side and
    handed to the token that follows them."""

    def __init__(self, text: str, filename: str):
        self.filename = filename
        self.lines = text.split("\n")
        self.stack: list[OpenBlock] = []
        self.pending_comments: list[Comment] = []
        self.trailing_comments: tuple[Comment, ...] = ()
        self.paragraph: ProseLines | None = None
        self.field: FieldLine | None = None  # the field whose value may continue
        self.field_indent = 0
        # ``~ key: value`` lines read, waiting for the paragraph they describe.
        self.paragraph_fields: list[FieldLine] = []

    # --- errors and places ---

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

    def flush(self) -> tuple[Token, ...]:
        """The paragraph being read, as a token, if there is one."""
        paragraph = self.paragraph
        if paragraph is None:
            return ()
        self.paragraph = None
        paragraph.comments = self.take_comments()
        return (Token("PARAGRAPH", paragraph, line=paragraph.location.line, column=paragraph.location.column),)

    def flush_ended(self) -> tuple[Token, ...]:
        """The paragraph being read, as ``flush`` gives it, when a line that is not blank ends
        it: the comments written after its last line stay for what follows."""
        if self.paragraph is None:
            return ()
        last = self.paragraph.starts[-1][0]
        later = [c for c in self.pending_comments if c.location.line > last]
        self.pending_comments = [c for c in self.pending_comments if c.location.line <= last]
        tokens = self.flush()
        self.pending_comments.extend(later)
        return tokens

    # --- the main loop ---

    def tokens(self) -> Iterator[Token]:
        rules = LINE_RULES
        for number, raw in enumerate(self.lines, start=1):
            stripped = raw.strip()
            if not stripped:
                yield from self.flush()
                self.field = None
                continue
            line = Line(number, stripped, len(raw) - len(raw.lstrip()))
            for rule in rules:
                emitted = rule(self, line)
                if emitted is not None:
                    if emitted:
                        yield from emitted
                    break
        yield from self.flush()
        self.refuse_pending_paragraph_fields()
        if self.stack:
            block = self.stack[-1]
            raise self.error(
                f"{describe_block(block.keyword, block.name)} is never closed: a '}}' is missing "
                f"(the file ends at line {len(self.lines) - (self.lines[-1] == '')})",
                block.location.line,
                block.location.column,
            )
        self.trailing_comments = self.take_comments()

    # --- the line rules, in the order they are tried (LINE_RULES) ---

    def comment(self, line: Line) -> Tokens | None:
        if not line.stripped.startswith("//"):
            return None
        self.pending_comments.append(Comment(line.stripped[2:], self.where(line.number, line.column)))
        return ()

    def continuation(self, line: Line) -> Tokens | None:
        """A field value continues on lines indented deeper than its key, unless the line is
        itself a field, a block or a closing brace (indentation is free, so a carelessly
        indented next field must not be swallowed)."""
        current = self.field
        if current is None:
            return None
        self.field = None
        stripped = line.stripped
        if line.indent <= self.field_indent or stripped == "}" or FIELD_LINE.match(stripped) or _is_opener(stripped):
            return None
        current.lines.append(stripped)
        current.starts.append((line.number, line.column))
        current.value = f"{current.value} {stripped}" if current.value else stripped
        self.field = current
        return ()

    def refuse_pending_paragraph_fields(self) -> None:
        """A ``~ key: value`` line must be followed by the paragraph it describes."""
        if self.paragraph_fields:
            first = self.paragraph_fields[0]
            self.paragraph_fields = []
            raise self.error(
                f"'~ {first.key}:' describes the paragraph that follows it, but no paragraph follows: "
                "write the paragraph on the next line, or remove the line",
                first.location.line,
                first.location.column,
            )

    def close(self, line: Line) -> Tokens | None:
        if line.stripped != "}":
            return None
        tokens = self.flush()
        self.refuse_pending_paragraph_fields()
        if not self.stack:
            raise self.error("unexpected '}': no block is open here", line.number, line.column)
        self.stack.pop()
        close = Close(self.where(line.number, line.column), self.take_comments())
        return (*tokens, Token("CLOSE", close, line=line.number, column=line.column))

    def party(self, line: Line) -> Tokens | None:
        if not self.stack or self.stack[-1].keyword != "parties":
            return None
        party = self.read_party(line.stripped, line.number, line.column)
        return (Token("PARTY", party, line=line.number, column=line.column),)

    def opener(self, line: Line) -> Tokens | None:
        stripped = line.stripped
        if not ("a" <= stripped[0] <= "z" and stripped.endswith("{")):
            return None
        match = KEYWORD_LINE.match(stripped)
        if not match:
            return None
        tokens = self.flush()
        self.refuse_pending_paragraph_fields()
        opener = self.read_opener(match.group(1), stripped, line.number, line.column)
        if self.stack:
            self.stack[-1].prose_started = True
        if len(self.stack) >= MAX_NESTING:
            raise self.error(
                f"blocks are nested more than {MAX_NESTING} deep; clausekit refuses deeper nesting",
                line.number,
                line.column,
            )
        self.stack.append(OpenBlock(opener.keyword, opener.id or opener.title or "", opener.location))
        return (*tokens, Token(opener.keyword.upper() + "_OPEN", opener, line=line.number, column=line.column))

    def outside(self, line: Line) -> Tokens | None:
        """A line outside any block: name what it looks like (a misspelt block keyword, or a
        block opener cut short by a truncated file) rather than "text" in general."""
        if self.stack:
            return None
        stripped, number, column = line.stripped, line.number, line.column
        word = LEADING_WORD.match(stripped)
        if word and stripped.endswith("{") and word.group(0) not in KEYWORDS:
            guess = difflib.get_close_matches(word.group(0).lower(), KEYWORDS, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else "a block is one of: " + ", ".join(KEYWORDS)
            raise self.error(f"unknown block '{word.group(0)}' ({hint})", number, column)
        if word and word.group(0) in KEYWORDS and not stripped.endswith("{"):
            raise self.error(
                f"a '{word.group(0)}' line ends with '{{': is the line cut short?", number, column + len(stripped)
            )
        raise self.error(
            "text outside any block: a draft is a 'draft' header followed by "
            "'parties', 'term', 'article', 'clause' or 'guarantee' blocks",
            number,
            column,
        )

    def paragraph_field(self, line: Line) -> Tokens | None:
        """``~ key: value``: the provenance of the paragraph that follows; it ends the
        paragraph being read, if any, since it describes a new one."""
        match = PARAGRAPH_FIELD_LINE.match(line.stripped)
        if match is None or self.stack[-1].keyword == "draft":
            return None
        tokens = self.flush_ended()
        value = line.stripped[match.end() :].strip()
        value_column = line.indent + match.end() + 1
        self.paragraph_fields.append(
            FieldLine(
                match.group(1),
                value,
                self.where(line.number, line.column),
                self.where(line.number, value_column),
                [value] if value else [],
                [(line.number, value_column)] if value else [],
            )
        )
        self.stack[-1].prose_started = True
        return tokens

    def field_line(self, line: Line) -> Tokens | None:
        top = self.stack[-1]
        stripped = line.stripped
        if top.prose_started or top.keyword == "term" or not "a" <= stripped[0] <= "z":
            return None
        match = FIELD_LINE.match(stripped)
        if not match:
            return None
        value = stripped[match.end() :].strip()
        value_column = line.indent + match.end() + 1
        self.field = FieldLine(
            match.group(1),
            value,
            self.where(line.number, line.column),
            self.where(line.number, value_column),
            [value] if value else [],
            [(line.number, value_column)] if value else [],
            self.take_comments(),
        )
        self.field_indent = line.indent
        return (Token("FIELD", self.field, line=line.number, column=line.column),)

    def header_prose(self, line: Line) -> Tokens | None:
        if self.stack[-1].keyword != "draft":
            return None
        raise self.error(
            "the draft header holds only fields ('key: value'); is a '}' missing after the header?",
            line.number,
            line.column,
        )

    def prose(self, line: Line) -> Tokens:
        self.stack[-1].prose_started = True
        if self.paragraph is None:
            self.paragraph = ProseLines([], [], self.where(line.number, line.column), fields=self.paragraph_fields)
            self.paragraph_fields = []
        self.paragraph.lines.append(line.stripped)
        self.paragraph.starts.append((line.number, line.column))
        return ()

    # --- reading single lines ---

    def term_name(self, written: str, line: int, column: int) -> str:
        """A term's name as prose names it: ``<Name>`` starts with a letter, ends at the first
        ``>`` and reads runs of spaces as one, so a name that prose could not name is refused."""
        name = " ".join(unescape(written).split())
        bad = next((i for i, ch in enumerate(written) if ch in "<>"), None)
        if bad is not None or not name[:1].isalpha():
            where = column + (bad if bad is not None else len(written) - len(written.lstrip()))
            message = "a term's name must start with a letter and hold no '<' or '>' (prose uses it as <Name>)"
            raise self.error(message, line, where)
        return name

    def opener_error(self, keyword: str, rest: str, line: int, rest_column: int) -> ClauseSyntaxError:
        """What is wrong with the words after a block's keyword, which do not read as ID NUMBER "Title"."""
        quotes = [m.end() - 1 for m in UNESCAPED_QUOTE.finditer(rest)]
        if len(quotes) > 2:
            return self.error(
                "a title ends at its second '\"'; a quotation mark inside a title is written \\\" "
                '(title "The \\"Best\\" Deal")',
                line,
                rest_column + quotes[1],
            )
        if len(quotes) % 2:
            return self.error("a title's closing '\"' is missing", line, rest_column + quotes[0])
        return self.error(
            f"expected '{keyword} ID [NUMBER] [\"Title\"] {{' (a number has no spaces; a title is in double quotes)",
            line,
            rest_column,
        )

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
            quoted = QUOTED.fullmatch(rest)
            if not quoted or not quoted.group(1).strip():
                raise self.error('expected the term in double quotes: term "Defined Term" {', line, rest_column)
            name = self.term_name(quoted.group(1), line, rest_column + 1)
            return Opener(keyword, None, None, name, location, comments)
        if not rest:
            raise self.error(
                f"expected an id after '{keyword}' (for example: {keyword} point-5 5 {{)", line, rest_column
            )
        match = OPENER_REST.match(rest)
        if not match:
            raise self.opener_error(keyword, rest, line, rest_column)
        block_id = match.group("id")
        if not ID_FULL.match(block_id):
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
        return Opener(keyword, block_id, number, unescape(title) if title is not None else None, location, comments)

    def read_party(self, stripped: str, line: int, column: int) -> PartyLine:
        """``CODE "Name" [aka "A", "B"] [match "A"] [members X, Y]``"""
        reader = _PartyReader(stripped, lambda message, at: self.error(message, line, column + at))
        code = reader.code()
        name = reader.name(code)
        lists = reader.options(code)
        return PartyLine(
            code, name, lists["aka"], lists["match"], lists["members"], self.where(line, column), self.take_comments()
        )


LineRule = Callable[[LineLexer, Line], "Tokens | None"]

LINE_RULES: tuple[LineRule, ...] = (
    LineLexer.comment,
    LineLexer.continuation,
    LineLexer.close,
    LineLexer.party,
    LineLexer.opener,
    LineLexer.outside,
    LineLexer.paragraph_field,
    LineLexer.field_line,
    LineLexer.header_prose,
    LineLexer.prose,
)
"""What a non-blank line may be, tried in this order; the first rule that returns tokens
(possibly none) takes the line."""


class _PartyReader:
    """Reads one party declaration from left to right. Patterns are matched at a position,
    never on a slice: a 1 MB party line must not be copied per item."""

    def __init__(self, text: str, fail: Callable[[str, int], ClauseSyntaxError]) -> None:
        self.text = text
        self.pos = 0
        self.fail = fail

    def skip_space(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t":
            self.pos += 1

    def code(self) -> str:
        match = PARTY_CODE_RE.match(self.text)
        if not match:
            raise self.fail(
                "expected a party code (uppercase letters and digits, such as US, UA, E3), "
                "then its name in double quotes; or '}' to close the parties block",
                0,
            )
        self.pos = match.end()
        self.refuse_run_on(0, match.end())
        return match.group(0)

    def refuse_run_on(self, start: int, end: int) -> None:
        """A code must not run on into a hyphen: "E-" or "EU-" would read, inline, as the code
        before the hyphen, so a declaration of it could never be referred to."""
        text = self.text
        if end < len(text) and text[end] == "-":
            word_end = end
            while word_end < len(text) and text[word_end] not in ' \t,"':
                word_end += 1
            raise self.fail(
                f"'{text[start:word_end]}' is not a party code: a code is uppercase letters and digits, "
                "with single hyphens between them (such as US, E3, EU-27)",
                end,
            )

    def name(self, code: str) -> str:
        self.skip_space()
        match = QUOTED.match(self.text, self.pos)
        if not match or not match.group(1).strip():
            if self.pos < len(self.text) and self.text[self.pos] == '"':
                raise self.fail("the party's name has no closing '\"'", self.pos)
            raise self.fail(f"expected the full name of {code} in double quotes after the code", self.pos)
        self.pos = match.end()
        return unescape(match.group(1)).strip()

    def options(self, code: str) -> dict[str, tuple[str, ...]]:
        lists: dict[str, tuple[str, ...]] = dict.fromkeys(PARTY_OPTIONS, ())
        while True:
            self.skip_space()
            if self.pos >= len(self.text):
                return lists
            match = PARTY_OPTION.match(self.text, self.pos)
            word = match.group(0) if match else ""
            if word not in lists:
                raise self.fail(
                    "expected 'aka', 'match' or 'members' (or the end of the line) after the party's name", self.pos
                )
            if lists[word]:
                raise self.fail(f"'{word}' is given twice for {code}", self.pos)
            self.pos += len(word)
            lists[word] = tuple(self.items(word))

    def items(self, word: str) -> list[str]:
        """The comma-separated list after ``aka``, ``match`` or ``members``."""
        items: list[str] = []
        while True:
            self.skip_space()
            if word == "members":
                member = PARTY_CODE_RE.match(self.text, self.pos)
                if not member:
                    raise self.fail("expected a member's party code (such as UK)", self.pos)
                self.pos = member.end()
                self.refuse_run_on(member.start(), member.end())
                items.append(member.group(0))
            else:
                quoted = QUOTED.match(self.text, self.pos)
                if not quoted:
                    raise self.fail(f"expected a name in double quotes after '{word}'", self.pos)
                items.append(unescape(quoted.group(1)).strip())
                self.pos = quoted.end()
            self.skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
                continue
            return items
