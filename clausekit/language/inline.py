"""Inline markup inside prose: party references, term uses, cross-references, brackets.

One left-to-right pass over a paragraph with a single regular expression that finds
the next character that may be markup; no backtracking, so the cost is linear in the
length of the text whatever the text is. The reverse direction (spans back to
source text, with escapes) lives here too, so the two cannot drift apart.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable

from clausekit.language.syntax import ATTRIBUTION, CONTINUES_CODE, CONTINUES_ID, ESCAPABLE, ID_RE, MARKUP, PARTY_CODE_RE
from clausekit.model import Bracket, BracketOption, ClauseRef, Inline, Location, PartyRef, TermRef, Text

_SPACES = re.compile(r"\s+")
# White space other than a single space (the common case needs no normalising).
_ODD_ASCII_SPACE = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f]")

ErrorFactory = Callable[[str, int], Exception]
"""Builds the exception for a message at an offset into the joined paragraph text."""


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class _SpanCollector:
    """Accumulates spans, merging adjacent text and normalising its white space."""

    __slots__ = ("spans", "text")

    def __init__(self) -> None:
        self.spans: list[Inline] = []
        self.text: list[str] = []

    def add_text(self, text: str) -> None:
        self.text.append(text)

    def add(self, span: Inline) -> None:
        self.flush()
        self.spans.append(span)

    def flush(self) -> None:
        if self.text:
            joined = "".join(self.text)
            if not (joined.isascii() and "  " not in joined and _ODD_ASCII_SPACE.search(joined) is None):
                joined = _SPACES.sub(" ", joined)
            self.text.clear()
            if joined:
                self.spans.append(Text(joined))

    def finish(self, strip: bool) -> tuple[Inline, ...]:
        self.flush()
        spans = self.spans
        if strip and spans:
            if isinstance(spans[0], Text):
                head = spans[0].text.lstrip()
                spans[0:1] = [Text(head)] if head else []
            if spans and isinstance(spans[-1], Text):
                tail = spans[-1].text.rstrip()
                spans[-1:] = [Text(tail)] if tail else []
        return tuple(spans)


def parse_inline(
    text: str,
    locate: Callable[[int], Location],
    error: ErrorFactory,
) -> tuple[Inline, ...]:
    """Read the inline markup of one paragraph (its lines already joined by spaces)."""
    outer = _SpanCollector()
    current = outer
    bracket_start = -1
    bracket_options: list[BracketOption] = []
    option_party: str | None = None
    pos = 0
    length = len(text)

    def start_option(at: int) -> int:
        nonlocal option_party
        match = ATTRIBUTION.match(text, at)
        if match:
            # Party codes recur in every clause: one shared string, not one a mention.
            option_party = sys.intern(match.group(1))
            return match.end()
        option_party = None
        return at

    while pos < length:
        match = MARKUP.search(text, pos)
        if match is None:
            current.add_text(text[pos:])
            break
        at = match.start()
        if at > pos:
            current.add_text(text[pos:at])
        ch = text[at]
        if ch == "\\":
            if at + 1 >= length:
                raise error("a backslash at the end of a paragraph escapes nothing (write \\\\ for a backslash)", at)
            current.add_text(text[at + 1])
            pos = at + 2
        elif ch == "[":
            if current is not outer:
                raise error("brackets do not nest: close the open '[' first, or write \\[ for a literal bracket", at)
            bracket_start = at
            bracket_options = []
            current = _SpanCollector()
            pos = start_option(at + 1)
        elif ch == "|":
            if current is outer:
                current.add_text("|")
                pos = at + 1
            else:
                bracket_options.append(BracketOption(option_party, current.finish(strip=True)))
                current = _SpanCollector()
                pos = start_option(at + 1)
        elif ch == "]":
            if current is outer:
                raise error("']' closes no bracket (write \\] for a literal bracket)", at)
            bracket_options.append(BracketOption(option_party, current.finish(strip=True)))
            outer.add(Bracket(tuple(bracket_options), locate(bracket_start)))
            current = outer
            pos = at + 1
        elif ch == "@":
            code = PARTY_CODE_RE.match(text, at + 1) if at == 0 or not _is_word_char(text[at - 1]) else None
            if code:
                current.add(PartyRef(sys.intern(code.group(0)), locate(at)))
                pos = code.end()
            else:
                current.add_text("@")
                pos = at + 1
        elif ch == "#":
            ref = ID_RE.match(text, at + 1) if at == 0 or not _is_word_char(text[at - 1]) else None
            if ref:
                current.add(ClauseRef(ref.group(0), locate(at)))
                pos = ref.end()
            else:
                current.add_text("#")
                pos = at + 1
        else:  # "<"
            if at + 1 < length and text[at + 1].isalpha():
                close = text.find(">", at + 1)
                reopen = text.find("<", at + 1)
                if close < 0 or (0 <= reopen < close):
                    raise error(
                        "'<' starts a defined term that is never closed with '>' (write \\< for a literal '<')",
                        at,
                    )
                name = _SPACES.sub(" ", text[at + 1 : close]).strip()
                current.add(TermRef(name, locate(at)))
                pos = close + 1
            else:
                current.add_text("<")
                pos = at + 1
    if current is not outer:
        raise error("this '[' is never closed with ']' (write \\[ for a literal bracket)", bracket_start)
    return outer.finish(strip=True)


def locator(starts: list[tuple[int, int]], lines: list[str], file: str) -> tuple[str, Callable[[int], Location]]:
    """Join a paragraph's lines and return a function from offsets to source positions."""
    offsets: list[int] = []
    total = 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    joined = " ".join(lines)

    def locate(offset: int) -> Location:
        index = bisect_right(offsets, offset) - 1
        line, column = starts[index]
        return Location(file, line, column + offset - offsets[index])

    return joined, locate


# --- back to source text ------------------------------------------------------------

# A generated prose line that starts like this could be misread as structure.
_NEEDS_LEADING_ESCAPE = re.compile(r"[a-z/}]")


def escape_text(text: str) -> str:
    """Escape every markup character so that the text reads back as exactly itself."""
    return ESCAPABLE.sub(r"\\\1", text)


def spans_to_source(spans: tuple[Inline, ...]) -> str:
    """Write spans as clause-language prose that parses back to the same spans."""
    out: list[str] = []
    previous: Inline | None = None
    for span in spans:
        if isinstance(span, Text):
            text = escape_text(span.text)
            # A reference swallows the characters that may continue it: keep them apart.
            if (isinstance(previous, PartyRef) and CONTINUES_CODE.match(span.text)) or (
                isinstance(previous, ClauseRef) and CONTINUES_ID.match(span.text)
            ):
                text = "\\" + text
            out.append(text)
        elif isinstance(span, PartyRef):
            out.append("@" + span.code)
        elif isinstance(span, TermRef):
            out.append("<" + span.name + ">")
        elif isinstance(span, ClauseRef):
            out.append("#" + span.target)
        else:
            options = []
            for option in span.options:
                words = spans_to_source(option.spans)
                if option.party is None and ATTRIBUTION.match(words):
                    words = "\\" + words  # not an attribution: "US: ..." as text
                options.append(f"{option.party}: {words}".rstrip() if option.party else words)
            out.append("[" + " | ".join(options) + "]")
        previous = span
    return "".join(out)


def prose_line(spans: tuple[Inline, ...]) -> str:
    """The one line ``fmt`` writes for a paragraph that keeps no ``source_lines``: the spans
    as source, escaped at the start where the line would otherwise read as structure."""
    line = spans_to_source(spans)
    if _NEEDS_LEADING_ESCAPE.match(line):
        line = "\\" + line
    return line
