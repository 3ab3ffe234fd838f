"""A draft's names where they are written: every declaration and use of a party, term and
clause id, every bracket, and every block with the lines it spans.

Read from the source lines, not from the model, so that an editor still gets completion,
outline, go to definition and rename while the draft does not parse (mid-edit). The
patterns are the language's own (``clausekit.language.syntax``); the line shapes are
those the lexer reads (an opener ends with ``{``, fields come first in a block, a field
value continues on deeper-indented lines, ``//`` starts a comment line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

from clausekit.language.syntax import (
    ATTRIBUTION,
    FIELD_LINE,
    ID,
    ID_RE,
    KEYWORD_LINE,
    PARTY_CODE_RE,
    QUOTED,
    unescape,
)
from clausekit.model import BLOCK_FIELDS, FIELDS, FieldSpec

Kind: TypeAlias = Literal["party", "term", "clause", "mirror", "draft", "bracket"]

_MARKUP_IN_PROSE = re.compile(r"[\\\[\]|@#<]")
_MIRROR_REF = re.compile(rf"{ID}::{ID}")
_SPACES = re.compile(r"\s+")
_MEMBERS = re.compile(r"(?<!\w)members(?!\w)")


def term_key(name: str) -> str:
    """A term's name as uses and the definition are matched (white space runs as one space)."""
    return _SPACES.sub(" ", name).strip()


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A name written at a place: ``line`` is 1-based, ``start``/``end`` string indexes in it."""

    kind: Kind
    name: str
    line: int
    start: int
    end: int
    definition: bool = False

    def contains(self, line: int, index: int) -> bool:
        return self.line == line and self.start <= index <= self.end


@dataclass(slots=True)
class Block:
    """A block (``article art-5 5 "Title" {`` ... ``}``) and the lines it spans."""

    keyword: str
    name: str
    number: str | None
    title: str | None
    line: int
    end_line: int
    children: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Outline:
    occurrences: list[Occurrence] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # For each 1-based line: the innermost open block's keyword (None outside any) and whether
    # a field may still be written there (no prose or nested block has come yet).
    contexts: dict[int, tuple[str | None, bool]] = field(default_factory=dict)

    def at(self, line: int, index: int) -> Occurrence | None:
        """The name written at (or just before) a position; the innermost when they nest."""
        found = [o for o in self.occurrences if o.contains(line, index)]
        return min(found, key=lambda o: o.end - o.start) if found else None

    def definitions(self, kind: Kind) -> dict[str, Occurrence]:
        out: dict[str, Occurrence] = {}
        for occurrence in self.occurrences:
            if occurrence.kind == kind and occurrence.definition:
                out.setdefault(occurrence.name, occurrence)
        return out

    def uses(self, kind: Kind, name: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.kind == kind and o.name == name]


@dataclass(slots=True)
class _Open:
    block: Block
    fields_open: bool = True


class _Scanner:
    def __init__(self, lines: list[str], first: int = 1) -> None:
        self.lines = lines
        self.first = first
        self.out = Outline()
        self.stack: list[_Open] = []
        self.field: tuple[FieldSpec, int] | None = None  # the field a deeper line continues
        self.in_bracket = False

    def add(self, kind: Kind, name: str, line: int, start: int, end: int, definition: bool = False) -> None:
        self.out.occurrences.append(Occurrence(kind, name, line, start, end, definition))

    def run(self) -> Outline:
        for number, raw in enumerate(self.lines, self.first):
            self.line(number, raw)
        last = self.first + len(self.lines) - 1
        while self.stack:  # blocks never closed run to the end of the file
            self.stack.pop().block.end_line = last
        return self.out

    def line(self, number: int, raw: str) -> None:
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        top = self.stack[-1] if self.stack else None
        self.out.contexts[number] = (top.block.keyword if top else None, bool(top and top.fields_open))
        if not stripped:
            self.in_bracket = False  # a paragraph ends at a blank line, and a bracket with it
            return
        if stripped.startswith("//"):
            return
        if self.field is not None and indent > self.field[1] and stripped != "}":
            self.field_value(self.field[0], number, raw, indent)
            return
        self.field = None
        if stripped == "}":
            if self.stack:
                self.stack.pop().block.end_line = number
            return
        if stripped.endswith("{") and KEYWORD_LINE.match(stripped):
            self.opener(number, raw, indent, stripped)
        elif top is not None and top.block.keyword == "parties":
            self.party_line(number, raw, indent)
        elif top is not None and top.fields_open and self.field_line(number, raw, indent, top.block.keyword):
            return
        else:
            if top is not None:
                top.fields_open = False
            self.prose(number, raw, indent)

    def opener(self, number: int, raw: str, indent: int, stripped: str) -> None:
        keyword = KEYWORD_LINE.match(stripped).group(1)  # type: ignore[union-attr]
        if self.stack:
            self.stack[-1].fields_open = False
        rest_at = indent + len(keyword)
        rest = raw[rest_at:].rstrip()[:-1]
        lead = len(rest) - len(rest.lstrip())
        name, number_shown, title = "", None, None
        if keyword == "term":
            quoted = QUOTED.match(rest, lead)
            if quoted:
                name = term_key(unescape(quoted.group(1)))
                self.add("term", name, number, rest_at + quoted.start(1), rest_at + quoted.end(1), True)
        elif keyword != "parties":
            ident = re.compile(r"\S+").match(rest, lead)
            if ident:
                name = ident.group()
                kind: Kind = "draft" if keyword == "draft" else "clause"
                self.add(kind, name, number, rest_at + ident.start(), rest_at + ident.end(), True)
                tail = rest[ident.end() :].strip()
                quoted = QUOTED.search(tail)
                title = unescape(quoted.group(1)) if quoted else None
                head = tail[: quoted.start()].strip() if quoted else tail
                number_shown = head or None
        block = Block(keyword, name, number_shown, title, number, number)
        (self.stack[-1].block.children if self.stack else self.out.blocks).append(block)
        self.stack.append(_Open(block, fields_open=keyword != "term"))

    def party_line(self, number: int, raw: str, indent: int) -> None:
        code = PARTY_CODE_RE.match(raw, indent)
        if code:
            self.add("party", code.group(), number, code.start(), code.end(), True)
        # Names are quoted; blank them out so that a code inside a name is not read as one.
        blanked = QUOTED.sub(lambda m: " " * len(m.group()), raw)
        members = _MEMBERS.search(blanked)
        if members:
            tail_end = len(blanked)
            for option in re.finditer(r"(?<!\w)(aka|match)(?!\w)", blanked[members.end() :]):
                tail_end = members.end() + option.start()
                break
            for member in PARTY_CODE_RE.finditer(blanked, members.end(), tail_end):
                self.add("party", member.group(), number, member.start(), member.end())

    def field_line(self, number: int, raw: str, indent: int, block: str) -> bool:
        match = FIELD_LINE.match(raw, indent)
        if match is None:
            return False
        spec = FIELDS.get(match.group(1))
        if spec is None or spec not in BLOCK_FIELDS.get(block, ()):
            return True  # a field this block does not carry: check says so; no names to read in it
        self.field = (spec, indent)
        self.field_value(spec, number, raw, match.end())
        return True

    def field_value(self, spec: FieldSpec, number: int, raw: str, start: int) -> None:
        if spec.kind in ("code", "codes"):
            for code in PARTY_CODE_RE.finditer(raw, start):
                self.add("party", code.group(), number, code.start(), code.end())
        elif spec.kind == "refs":
            for ref in _MIRROR_REF.finditer(raw, start):
                self.add("mirror", ref.group(), number, ref.start(), ref.end())
        elif spec.kind == "prose":
            self.in_bracket = False
            self.prose(number, raw, start)
            self.in_bracket = False

    def prose(self, number: int, raw: str, start: int) -> None:
        at = start
        bracket_start = -1
        while True:
            match = _MARKUP_IN_PROSE.search(raw, at)
            if match is None:
                break
            at = match.start()
            ch = raw[at]
            word_start = at == start or not (raw[at - 1].isalnum() or raw[at - 1] == "_")
            if ch == "\\":
                at += 2
                continue
            if ch == "@" and word_start and (code := PARTY_CODE_RE.match(raw, at + 1)):
                self.add("party", code.group(), number, code.start(), code.end())
                at = code.end()
            elif ch == "#" and word_start and (ref := ID_RE.match(raw, at + 1)):
                self.add("clause", ref.group(), number, ref.start(), ref.end())
                at = ref.end()
            elif ch == "<" and at + 1 < len(raw) and raw[at + 1].isalpha() and (close := raw.find(">", at)) > 0:
                self.add("term", term_key(raw[at + 1 : close]), number, at + 1, close)
                at = close + 1
            elif ch in "[|" and (ch == "[" or self.in_bracket):
                if ch == "[":
                    self.in_bracket, bracket_start = True, at
                attribution = ATTRIBUTION.match(raw, at + 1)
                if attribution:
                    self.add("party", attribution.group(1), number, attribution.start(1), attribution.end(1))
                    at = attribution.end(1)
                else:
                    at += 1
            elif ch == "]" and self.in_bracket:
                opened = bracket_start if bracket_start >= 0 else start
                self.add("bracket", "", number, opened, at + 1)
                self.in_bracket, bracket_start = False, -1
                at += 1
            else:
                at += 1
        if bracket_start >= 0:  # a bracket running on to the next line
            self.add("bracket", "", number, bracket_start, len(raw))


def outline(text: str) -> Outline:
    """Every name and block written in a draft's source text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Scanner(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).run()


def _moved_block(block: Block, delta: int) -> Block:
    children = [_moved_block(child, delta) for child in block.children]
    return replace(block, line=block.line + delta, end_line=block.end_line + delta, children=children)


def rescan_block(shape: Outline, lines: list[str], index: int, delta: int = 0) -> Outline | None:
    """``shape`` with its top-level block ``index`` read again from ``lines`` (the document's
    lines, ``delta`` more than when ``shape`` was made, all added or removed inside that
    block), and what follows it moved by ``delta`` lines; None when those lines no longer make
    exactly that one block. A top-level block starts and ends in the scanner's initial state,
    so the lines around it read as they did."""
    block = shape.blocks[index]
    end = block.end_line + delta
    part = _Scanner(lines[block.line - 1 : end], block.line).run()
    if len(part.blocks) != 1 or part.blocks[0].end_line != end or part.blocks[0].line != block.line:
        return None
    occurrences = [o for o in shape.occurrences if o.line < block.line]
    occurrences += part.occurrences
    occurrences += [
        Occurrence(o.kind, o.name, o.line + delta, o.start, o.end, o.definition)
        for o in shape.occurrences
        if o.line > block.end_line
    ]
    contexts = {n: c for n, c in shape.contexts.items() if n < block.line}
    contexts.update(part.contexts)
    contexts.update((n + delta, c) for n, c in shape.contexts.items() if n > block.end_line)
    after = [_moved_block(b, delta) for b in shape.blocks[index + 1 :]] if delta else shape.blocks[index + 1 :]
    blocks = [*shape.blocks[:index], part.blocks[0], *after]
    return Outline(occurrences, blocks, contexts)
