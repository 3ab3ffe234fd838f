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
from collections.abc import Callable, Iterator

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

from clausekit.language.syntax import (
    FIELD_KEY,
    ID,
    ID_RE,
    KEYWORDS,
    MARKUP,
    NUMBER,
    PARAGRAPH_FIELD_LINE,
    PARAGRAPH_MARK,
    PARTY_CODE,
    PARTY_CODE_RE,
    PARTY_OPTIONS,
    QUOTED_OPEN,
)
from clausekit.model import FIELDS

__all__ = ["ClauseLexer"]

Token = tuple[int, _TokenType, str]

_OPENER = re.compile(
    r"(?P<keyword>" + "|".join(KEYWORDS) + r")"
    r"(?P<rest>(?:[ \t].*?)?)"
    r"(?P<space>[ \t]*)(?P<brace>\{)[ \t]*\Z"
)
# An opener's id and number are any run the number pattern takes (an id that is not one is
# coloured as written, and check says why); a title may be unclosed while it is typed.
_OPENER_PARTS = re.compile(
    rf"(?P<s1>[ \t]*)(?P<id>{NUMBER})?"
    rf"(?:(?P<s2>[ \t]+)(?P<number>{NUMBER}))?"
    rf"(?:(?P<s3>[ \t]*)(?P<title>{QUOTED_OPEN}))?"
    r"(?P<tail>.*)\Z"
)
_FIELD = re.compile(rf"(?P<key>{FIELD_KEY})(?P<space>[ \t]*)(?P<colon>:)(?=[ \t]|\Z)")
# ``CODE:`` after a bracket or a bar, with the white space before it in a group of its own.
_ATTRIBUTION = re.compile(rf"([ \t]*)({PARTY_CODE}:)(?=[\s|\]]|\Z)")
_QUOTED = re.compile(QUOTED_OPEN)
_PARTY_WORD = re.compile("|".join(PARTY_OPTIONS))
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")

# Field values, by the kind the table of fields gives them: party codes, clause references,
# dates, fixed vocabularies and words, plain text (no markup is read in it), or prose.
_CODE_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.kind in ("code", "codes"))
_REF_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.kind in ("refs", "correspondences"))
_DATE_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.kind == "date")
_WORD_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.kind in ("choice", "words"))
_PLAIN_FIELDS = frozenset(name for name, spec in FIELDS.items() if spec.kind == "text")


class _Block:
    __slots__ = ("keyword", "prose_started")

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        self.prose_started = False


class _LineState:
    """What reading a line needs to know of the lines before it."""

    __slots__ = ("field_indent", "field_key", "in_bracket", "stack")

    def __init__(self) -> None:
        self.stack: list[_Block] = []
        self.field_indent: int | None = None  # the indentation of a field whose value may continue
        self.field_key = ""
        self.in_bracket = False


class ClauseLexer(Lexer):
    """Pygments lexer for the clausekit clause language (``*.clause``)."""

    name = "Clause"
    aliases = ["clause"]  # noqa: RUF012 - Pygments reads these class attributes as lists
    filenames = ["*.clause"]  # noqa: RUF012
    mimetypes = ["text/x-clause"]  # noqa: RUF012

    def get_tokens_unprocessed(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        state = _LineState()
        pos = 0
        # Lines end at "\n" only, as for the parser (str.splitlines would also split at U+2028 and others).
        for line in _LINES.findall(text):
            body = line.rstrip("\r\n")
            end = line[len(body) :]
            start = pos
            pos += len(line)
            if not body.strip():
                state.field_indent = None
                state.in_bracket = False
                yield start, Whitespace, line
                continue
            indent = len(body) - len(body.lstrip())
            if indent:
                yield start, Whitespace, body[:indent]
            yield from self._line(state, body[indent:], start + indent, indent)
            if end:
                yield start + len(body), Whitespace, end

    def _line(self, state: _LineState, content: str, at: int, indent: int) -> Iterator[Token]:
        """One line, by the same rules and in the same order as the parser's line lexer."""
        stack = state.stack
        top = stack[-1] if stack else None
        stripped = content.rstrip()
        if stripped.startswith("//"):
            yield at, Comment.Single, content
        elif state.field_indent is not None and indent > state.field_indent and stripped != "}":
            yield from self._field_value(state.field_key, content, at)
        elif stripped == "}":
            state.field_indent = None
            state.in_bracket = False
            if stack:
                stack.pop()
            yield at, Punctuation, content
        elif top is not None and top.keyword == "parties":
            yield from self._party(content, at)
        elif (opener := _OPENER.match(content)) is not None:
            state.field_indent = None
            state.in_bracket = False
            if top is not None:
                top.prose_started = True
            stack.append(_Block(opener.group("keyword")))
            yield from self._opener(opener, at)
        elif top is not None and top.keyword != "draft" and (mark := PARAGRAPH_FIELD_LINE.match(content)):
            # ``~ key: value``: the provenance of the paragraph that follows.
            state.field_indent = None
            top.prose_started = True
            yield at, Punctuation, PARAGRAPH_MARK
            if mark.start(1) > 1:
                yield at + 1, Whitespace, content[1 : mark.start(1)]
            yield at + mark.start(1), Name.Attribute, mark.group(1)
            colon = content.index(":", mark.end(1))
            if colon > mark.end(1):
                yield at + mark.end(1), Whitespace, content[mark.end(1) : colon]
            yield at + colon, Punctuation, ":"
            yield from self._field_value(mark.group(1), content[colon + 1 :], at + colon + 1)
        elif top is not None and not top.prose_started and top.keyword != "term" and (field := _FIELD.match(content)):
            state.field_indent, state.field_key = indent, field.group("key")
            yield at, Name.Attribute, field.group("key")
            yield at + field.end("key"), Whitespace, field.group("space")
            yield at + field.start("colon"), Punctuation, ":"
            yield from self._field_value(state.field_key, content[field.end() :], at + field.end())
        else:
            state.field_indent = None
            if top is not None:
                top.prose_started = True
            tokens, state.in_bracket = _highlight_inline(content, at, state.in_bracket)
            yield from tokens

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
            for part in re.finditer(rf"{PARTY_CODE}|[ \t]+|,|[^A-Z, \t]+", value):
                kind = Name.Constant if part.group(0)[0].isupper() else Punctuation if part.group(0) == "," else Text
                yield at + part.start(), Whitespace if not part.group(0).strip() else kind, part.group(0)
        elif key in _REF_FIELDS:
            for part in re.finditer(rf"{ID}::{ID}|[ \t]+|[^ \t]+", value):
                token = Name.Label if "::" in part.group(0) else Whitespace if not part.group(0).strip() else Text
                yield at + part.start(), token, part.group(0)
        elif key in _DATE_FIELDS:
            yield at, Literal.Date, value
        elif key in _WORD_FIELDS:
            yield at, Name.Builtin, value
        elif key in _PLAIN_FIELDS:
            yield at, Text, value
        else:
            tokens, _ = _highlight_inline(value, at, False)
            yield from tokens


# --- prose -------------------------------------------------------------------------------


def _highlight_inline(text: str, at: int, in_bracket: bool) -> tuple[list[Token], bool]:
    """Prose with its markup; returns whether a bracket is still open at the end of the line."""
    highlighter = _InlineHighlighter(text, at, in_bracket)
    return highlighter.read(), highlighter.in_bracket


class _InlineHighlighter:
    """Prose read as the parser reads it (``clausekit.language.inline``): text up to the next
    character that may be markup, then that character's rule (``_INLINE_RULES``)."""

    __slots__ = ("at", "in_bracket", "out", "pos", "text")

    def __init__(self, text: str, at: int, in_bracket: bool) -> None:
        self.text = text
        self.at = at
        self.in_bracket = in_bracket
        self.out: list[Token] = []
        self.pos = 0

    def read(self) -> list[Token]:
        text = self.text
        while self.pos < len(text):
            match = MARKUP.search(text, self.pos)
            if match is None:
                self.plain(len(text))
                break
            index = match.start()
            self.pos = _INLINE_RULES[text[index]](self, index)
        return self.out

    def plain(self, upto: int) -> None:
        if upto > self.pos:
            self.out.append((self.at + self.pos, Text, self.text[self.pos : upto]))

    def emit(self, index: int, token: _TokenType, end: int) -> int:
        """Plain text up to ``index``, then ``text[index:end]`` as ``token``; reading goes on at ``end``."""
        self.plain(index)
        self.out.append((self.at + index, token, self.text[index:end]))
        return end

    def not_markup(self, index: int) -> int:
        self.plain(index + 1)
        return index + 1

    def starts_word(self, index: int) -> bool:
        return index == 0 or not (self.text[index - 1].isalnum() or self.text[index - 1] == "_")

    def attribution(self, start: int) -> int:
        match = _ATTRIBUTION.match(self.text, start)
        if not match:
            return start
        if match.group(1):
            self.out.append((self.at + start, Whitespace, match.group(1)))
        self.out.append((self.at + match.start(2), Name.Decorator, match.group(2)))
        return match.end()

    # --- the rules, one per markup character ---

    def escape(self, index: int) -> int:
        return self.emit(index, String.Escape, index + 2)

    def open_bracket(self, index: int) -> int:
        # Brackets do not nest: a second '[' is an error, as the parser says.
        self.emit(index, Error if self.in_bracket else Operator, index + 1)
        self.in_bracket = True
        return self.attribution(index + 1)

    def bar(self, index: int) -> int:
        if not self.in_bracket:
            return self.not_markup(index)
        self.emit(index, Operator, index + 1)
        return self.attribution(index + 1)

    def close_bracket(self, index: int) -> int:
        end = self.emit(index, Operator if self.in_bracket else Error, index + 1)
        self.in_bracket = False
        return end

    def party(self, index: int) -> int:
        code = PARTY_CODE_RE.match(self.text, index + 1) if self.starts_word(index) else None
        return self.emit(index, Name.Constant, code.end()) if code else self.not_markup(index)

    def reference(self, index: int) -> int:
        ref = ID_RE.match(self.text, index + 1) if self.starts_word(index) else None
        return self.emit(index, Name.Label, ref.end()) if ref else self.not_markup(index)

    def term(self, index: int) -> int:
        text = self.text
        if index + 1 < len(text) and text[index + 1].isalpha() and (close := text.find(">", index)) > 0:
            return self.emit(index, Name.Entity, close + 1)
        return self.not_markup(index)


_INLINE_RULES: dict[str, Callable[[_InlineHighlighter, int], int]] = {
    "\\": _InlineHighlighter.escape,
    "[": _InlineHighlighter.open_bracket,
    "|": _InlineHighlighter.bar,
    "]": _InlineHighlighter.close_bracket,
    "@": _InlineHighlighter.party,
    "#": _InlineHighlighter.reference,
    "<": _InlineHighlighter.term,
}
