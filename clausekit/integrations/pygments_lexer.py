"""Syntax highlighting of ``.clause`` files for Pygments (``pygmentize -l clause``).

Registered through the ``pygments.lexers`` entry point, so any tool built on Pygments
(pygmentize, Sphinx, MkDocs, GitLab/Gitea previews that use it) highlights drafts once
clausekit is installed. Pygments itself stays optional (``pip install clausekit[highlight]``).

The clause language recognises structure by the shape of a whole line (docs/language.md),
so this lexer reads line by line with the same rules as ``clausekit.language.lexer``: an opener is
a keyword line ending in ``{``, a field is ``key: value`` before any prose in its block,
every line inside ``parties { }`` is a party. Its patterns are the parser's own
(``clausekit.language.syntax``); it does not import the lexer itself: a highlighter must not
pull in Lark, and Pygments loads every plugin lexer it lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from clausekit.language.syntax import FIELD_KEY, ID_RE, KEYWORDS, MARKUP, PARTY_CODE, PARTY_CODE_RE, PARTY_OPTIONS

__all__ = ["ClauseLexer"]

Token = tuple[int, _TokenType, str]

_OPENER = re.compile(
    r"(?P<keyword>" + "|".join(KEYWORDS) + r")"
    r"(?P<rest>(?:[ \t].*?)?)"
    r"(?P<space>[ \t]*)(?P<brace>\{)[ \t]*\Z"
)
_OPENER_PARTS = re.compile(
    r"(?P<s1>[ \t]*)(?P<id>[^\s\"{}]+)?"
    r"(?:(?P<s2>[ \t]+)(?P<number>[^\s\"{}]+))?"
    r"(?:(?P<s3>[ \t]*)(?P<title>\"(?:[^\"\\]|\\.)*\"?))?"
    r"(?P<tail>.*)\Z"
)
_FIELD = re.compile(rf"(?P<key>{FIELD_KEY})(?P<space>[ \t]*)(?P<colon>:)(?=[ \t]|\Z)")
# ``CODE:`` after a bracket or a bar, with the white space before it in a group of its own.
_ATTRIBUTION = re.compile(rf"([ \t]*)({PARTY_CODE}:)(?=[\s|\]]|\Z)")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"?")
_PARTY_WORD = re.compile("|".join(PARTY_OPTIONS))
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")

# Field values: party codes, clause references, fixed vocabularies, or prose.
_CODE_FIELDS = frozenset({"proposer", "guarantor", "beneficiary"})
_WORD_FIELDS = frozenset({"status", "exactness", "language", "modality"})
_PLAIN_FIELDS = frozenset({"source", "version"})  # no markup is read in these


class _Block:
    __slots__ = ("keyword", "prose_started")

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        self.prose_started = False


class ClauseLexer(Lexer):
    """Pygments lexer for the clausekit clause language (``*.clause``)."""

    name = "Clause"
    aliases = ["clause"]  # noqa: RUF012 - Pygments reads these class attributes as lists
    filenames = ["*.clause"]  # noqa: RUF012
    mimetypes = ["text/x-clause"]  # noqa: RUF012

    def get_tokens_unprocessed(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        stack: list[_Block] = []
        field_indent: int | None = None  # the indentation of a field whose value may continue
        field_key = ""
        in_bracket = False
        pos = 0
        # Lines end at "\n" only, as for the parser (str.splitlines would also split at U+2028 and others).
        for line in _LINES.findall(text):
            body = line.rstrip("\r\n")
            end = line[len(body) :]
            stripped = body.strip()
            indent = len(body) - len(body.lstrip())
            start = pos
            pos += len(line)
            if not stripped:
                field_indent = None
                in_bracket = False
                yield start, Whitespace, line
                continue
            if indent:
                yield start, Whitespace, body[:indent]
            at = start + indent
            content = body[indent:]
            top = stack[-1] if stack else None

            if stripped.startswith("//"):
                yield at, Comment.Single, content
            elif field_indent is not None and indent > field_indent and stripped != "}":
                yield from self._field_value(field_key, content, at)
            elif stripped == "}":
                field_indent = None
                in_bracket = False
                if stack:
                    stack.pop()
                yield at, Punctuation, content
            elif top is not None and top.keyword == "parties":
                yield from self._party(content, at)
            elif (opener := _OPENER.match(content)) is not None:
                field_indent = None
                in_bracket = False
                if top is not None:
                    top.prose_started = True
                stack.append(_Block(opener.group("keyword")))
                yield from self._opener(opener, at)
            elif (
                top is not None
                and not top.prose_started
                and top.keyword != "term"
                and (field := _FIELD.match(content)) is not None
            ):
                field_indent, field_key = indent, field.group("key")
                yield at, Name.Attribute, field.group("key")
                yield at + field.end("key"), Whitespace, field.group("space")
                yield at + field.start("colon"), Punctuation, ":"
                yield from self._field_value(field_key, content[field.end() :], at + field.end())
            else:
                field_indent = None
                if top is not None:
                    top.prose_started = True
                tokens, in_bracket = self._inline(content, at, in_bracket)
                yield from tokens
            if end:
                yield start + len(body), Whitespace, end

    # --- lines -------------------------------------------------------------------------

    def _opener(self, match: re.Match[str], at: int) -> Iterator[Token]:
        yield at, Keyword, match.group("keyword")
        rest = match.group("rest")
        rest_at = at + match.start("rest")
        if match.group("keyword") == "term":
            yield from self._term_name(rest, rest_at)
        else:
            parts = _OPENER_PARTS.match(rest)
            assert parts is not None  # the pattern matches any text
            for group, token in (
                ("s1", Whitespace),
                ("id", Name.Label),
                ("s2", Whitespace),
                ("number", Number),
                ("s3", Whitespace),
                ("title", String.Double),
                ("tail", Error),
            ):
                value = parts.group(group)
                if value:
                    if group == "title":
                        yield from self._quoted(value, rest_at + parts.start(group))
                    else:
                        yield rest_at + parts.start(group), token, value
        yield at + match.start("space"), Whitespace, match.group("space")
        yield at + match.start("brace"), Punctuation, "{"
        trailing = match.string[match.end("brace") :]
        if trailing:
            yield at + match.end("brace"), Whitespace, trailing

    def _term_name(self, rest: str, at: int) -> Iterator[Token]:
        offset = 0
        while offset < len(rest) and rest[offset] in " \t":
            offset += 1
        if offset:
            yield at, Whitespace, rest[:offset]
        quoted = _QUOTED.match(rest, offset)
        if quoted:
            yield from self._quoted(quoted.group(0), at + offset)
            offset = quoted.end()
        if offset < len(rest):
            yield at + offset, Error, rest[offset:]

    def _quoted(self, value: str, at: int) -> Iterator[Token]:
        """A double-quoted title or name, with its ``\\"`` escapes."""
        last = 0
        for escape in re.finditer(r"\\.", value):
            if escape.start() > last:
                yield at + last, String.Double, value[last : escape.start()]
            yield at + escape.start(), String.Escape, escape.group(0)
            last = escape.end()
        if last < len(value):
            yield at + last, String.Double, value[last:]

    def _party(self, content: str, at: int) -> Iterator[Token]:
        """``CODE "Name"  aka "A", "B"  match "A"  members X, Y``"""
        offset = 0
        code = PARTY_CODE_RE.match(content)
        if code:
            yield at, Name.Constant, code.group(0)
            offset = code.end()
        while offset < len(content):
            ch = content[offset]
            if ch in " \t":
                space = re.match(r"[ \t]+", content[offset:])
                assert space is not None
                yield at + offset, Whitespace, space.group(0)
                offset += space.end()
            elif ch == '"':
                quoted = _QUOTED.match(content, offset)
                assert quoted is not None
                yield from self._quoted(quoted.group(0), at + offset)
                offset = quoted.end()
            elif ch == ",":
                yield at + offset, Punctuation, ","
                offset += 1
            elif (word := _PARTY_WORD.match(content, offset)) is not None:
                yield at + offset, Keyword, word.group(0)
                offset = word.end()
            elif (member := PARTY_CODE_RE.match(content, offset)) is not None:
                yield at + offset, Name.Constant, member.group(0)
                offset = member.end()
            else:
                yield at + offset, Error, content[offset:]
                break

    def _field_value(self, key: str, value: str, at: int) -> Iterator[Token]:
        lead = len(value) - len(value.lstrip(" \t"))
        if lead:
            yield at, Whitespace, value[:lead]
            value, at = value[lead:], at + lead
        if not value:
            return
        if key in _CODE_FIELDS:
            for part in re.finditer(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*|[ \t]+|,|[^A-Z, \t]+", value):
                kind = Name.Constant if part.group(0)[0].isupper() else Punctuation if part.group(0) == "," else Text
                yield at + part.start(), Whitespace if not part.group(0).strip() else kind, part.group(0)
        elif key == "mirrors":
            for part in re.finditer(r"[a-z][a-z0-9._-]*::[a-z][a-z0-9._-]*|[ \t]+|[^ \t]+", value):
                token = Name.Label if "::" in part.group(0) else Whitespace if not part.group(0).strip() else Text
                yield at + part.start(), token, part.group(0)
        elif key == "date":
            yield at, Literal.Date, value
        elif key in _WORD_FIELDS:
            yield at, Name.Builtin, value
        elif key in _PLAIN_FIELDS:
            yield at, Text, value
        else:
            tokens, _ = self._inline(value, at, False)
            yield from tokens

    # --- prose ---------------------------------------------------------------------------

    def _inline(self, text: str, at: int, in_bracket: bool) -> tuple[list[Token], bool]:
        """Prose with its markup; returns whether a bracket is still open at the end of the line."""
        out: list[Token] = []
        pos = 0
        length = len(text)

        def plain(upto: int) -> None:
            if upto > pos:
                out.append((at + pos, Text, text[pos:upto]))

        def attribution(start: int) -> int:
            match = _ATTRIBUTION.match(text, start)
            if not match:
                return start
            if match.group(1):
                out.append((at + start, Whitespace, match.group(1)))
            out.append((at + match.start(2), Name.Decorator, match.group(2)))
            return match.end()

        while pos < length:
            match = MARKUP.search(text, pos)
            if match is None:
                plain(length)
                break
            index = match.start()
            ch = text[index]
            word_start = index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")
            if ch == "\\":
                plain(index)
                out.append((at + index, String.Escape, text[index : index + 2]))
                pos = index + 2
            elif ch == "[":
                plain(index)
                # Brackets do not nest: a second '[' is an error, as the parser says.
                out.append((at + index, Error if in_bracket else Operator, "["))
                in_bracket = True
                pos = attribution(index + 1)
            elif ch == "|" and in_bracket:
                plain(index)
                out.append((at + index, Operator, "|"))
                pos = attribution(index + 1)
            elif ch == "]":
                plain(index)
                out.append((at + index, Operator if in_bracket else Error, "]"))
                in_bracket = False
                pos = index + 1
            elif ch == "@" and word_start and (code := PARTY_CODE_RE.match(text, index + 1)) is not None:
                plain(index)
                out.append((at + index, Name.Constant, text[index : code.end()]))
                pos = code.end()
            elif ch == "#" and word_start and (ref := ID_RE.match(text, index + 1)) is not None:
                plain(index)
                out.append((at + index, Name.Label, text[index : ref.end()]))
                pos = ref.end()
            elif (
                ch == "<" and index + 1 < length and text[index + 1].isalpha() and (close := text.find(">", index)) > 0
            ):
                plain(index)
                out.append((at + index, Name.Entity, text[index : close + 1]))
                pos = close + 1
            else:
                plain(index + 1)
                pos = index + 1
        return out, in_bracket
