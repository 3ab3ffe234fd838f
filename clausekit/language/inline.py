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
    return _InlineReader(text, locate, error).read()


class _InlineReader:
    """One left-to-right pass over a paragraph: text is collected until the next character that
    may be markup, and that character's rule (``_RULES``) reads what it starts."""

    __slots__ = ("bracket_options", "bracket_start", "current", "error", "locate", "option_party", "outer", "text")

    def __init__(self, text: str, locate: Callable[[int], Location], error: ErrorFactory) -> None:
        self.text = text
        self.locate = locate
        self.error = error
        self.outer = self.current = _SpanCollector()
        self.bracket_start = -1
        self.bracket_options: list[BracketOption] = []
        self.option_party: str | None = None

    def read(self) -> tuple[Inline, ...]:
        text = self.text
        pos, length = 0, len(text)
        while pos < length:
            match = MARKUP.search(text, pos)
            if match is None:
                self.current.add_text(text[pos:])
                break
            at = match.start()
            if at > pos:
                self.current.add_text(text[pos:at])
            pos = _RULES[text[at]](self, at)
        if self.current is not self.outer:
            raise self.error("this '[' is never closed with ']' (write \\[ for a literal bracket)", self.bracket_start)
        return self.outer.finish(strip=True)

    def start_option(self, at: int) -> int:
        """A bracket's next option starts at ``at``, attributed when it opens with ``CODE:``."""
        self.current = _SpanCollector()
        match = ATTRIBUTION.match(self.text, at)
        if match:
            # Party codes recur in every clause: one shared string, not one a mention.
            self.option_party = sys.intern(match.group(1))
            return match.end()
        self.option_party = None
        return at

    def end_option(self) -> None:
        self.bracket_options.append(BracketOption(self.option_party, self.current.finish(strip=True)))

    def starts_word(self, at: int) -> bool:
        return at == 0 or not _is_word_char(self.text[at - 1])

    # --- the rules, one per markup character -------------------------------------------------

    def escape(self, at: int) -> int:
        if at + 1 >= len(self.text):
            raise self.error("a backslash at the end of a paragraph escapes nothing (write \\\\ for a backslash)", at)
        self.current.add_text(self.text[at + 1])
        return at + 2

    def open_bracket(self, at: int) -> int:
        if self.current is not self.outer:
            raise self.error("brackets do not nest: close the open '[' first, or write \\[ for a literal bracket", at)
        self.bracket_start = at
        self.bracket_options = []
        return self.start_option(at + 1)

    def bar(self, at: int) -> int:
        if self.current is self.outer:  # outside brackets a bar is text
            self.current.add_text("|")
            return at + 1
        self.end_option()
        return self.start_option(at + 1)

    def close_bracket(self, at: int) -> int:
        if self.current is self.outer:
            raise self.error("']' closes no bracket (write \\] for a literal bracket)", at)
        self.end_option()
        self.outer.add(Bracket(tuple(self.bracket_options), self.locate(self.bracket_start)))
        self.current = self.outer
        return at + 1

    def party(self, at: int) -> int:
        code = PARTY_CODE_RE.match(self.text, at + 1) if self.starts_word(at) else None
        if not code:
            self.current.add_text("@")
            return at + 1
        self.current.add(PartyRef(sys.intern(code.group(0)), self.locate(at)))
        return code.end()

    def reference(self, at: int) -> int:
        ref = ID_RE.match(self.text, at + 1) if self.starts_word(at) else None
        if not ref:
            self.current.add_text("#")
            return at + 1
        self.current.add(ClauseRef(ref.group(0), self.locate(at)))
        return ref.end()

    def term(self, at: int) -> int:
        text = self.text
        if not (at + 1 < len(text) and text[at + 1].isalpha()):
            self.current.add_text("<")
            return at + 1
        close = text.find(">", at + 1)
        reopen = text.find("<", at + 1)
        if close < 0 or (0 <= reopen < close):
            raise self.error(
                "'<' starts a defined term that is never closed with '>' (write \\< for a literal '<')", at
            )
        name = _SPACES.sub(" ", text[at + 1 : close]).strip()
        self.current.add(TermRef(name, self.locate(at)))
        return close + 1


_RULES: dict[str, Callable[[_InlineReader, int], int]] = {
    "\\": _InlineReader.escape,
    "[": _InlineReader.open_bracket,
    "|": _InlineReader.bar,
    "]": _InlineReader.close_bracket,
    "@": _InlineReader.party,
    "#": _InlineReader.reference,
    "<": _InlineReader.term,
}
"""What each character ``MARKUP`` finds starts; each rule returns where reading goes on."""


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
_NEEDS_LEADING_ESCAPE = re.compile(r"[a-z/}~]")


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
