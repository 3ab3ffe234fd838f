"""Positions between clausekit and an editor: the one place that converts them.

clausekit counts lines from 1 and columns from 1 in code points (Python string indexes),
after dropping a byte order mark; LSP counts both from 0 and columns in the code units of
the encoding the client and server agreed on (UTF-16 unless the client offers another). A
letter outside the Basic Multilingual Plane is one code point but two UTF-16 units; Cyrillic
is one of each in UTF-16 but two bytes in UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index_at_units(line: str, count: int, encoding: str = UTF16) -> int:
    """The string index in ``line`` that ``count`` code units reach (clamped to the line;
    a position inside a character counts as the character's start)."""
    if encoding == UTF32:
        return max(0, min(count, len(line)))
    used = 0
    for index, ch in enumerate(line):
        width = units(ch, encoding)
        if used + width > count:
            return index
        used += width
    return len(line)


def split_lines(text: str) -> list[str]:
    """The lines of a document as LSP counts them (``\\r\\n``, ``\\r`` and ``\\n`` end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass(frozen=True, slots=True)
class Point:
    """An LSP position: 0-based line, 0-based column in code units."""

    line: int
    character: int


class Lines:
    """A document's lines, converting between clausekit's positions and the editor's."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding
        self.bom = text.startswith("\ufeff")
        self.lines = split_lines(text)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` as clausekit read it (no BOM); '' past the end."""
        if not 1 <= number <= len(self.lines):
            return ""
        text = self.lines[number - 1]
        return text[1:] if number == 1 and self.bom else text

    def point(self, line: int, index: int) -> Point:
        """The editor position of 1-based ``line`` and 0-based string ``index`` in clausekit's line."""
        if line < 1:
            return Point(0, 0)
        text = self.line(line)
        shift = units("\ufeff", self.encoding) if line == 1 and self.bom else 0
        return Point(line - 1, shift + units(text[: max(0, index)], self.encoding))

    def location_point(self, line: int, column: int) -> Point:
        """The editor position of clausekit's 1-based ``line`` and 1-based ``column``."""
        return self.point(line, column - 1)

    def index(self, point: Point) -> tuple[int, int]:
        """clausekit's 1-based line and 0-based string index of an editor position."""
        line = point.line + 1
        raw = self.lines[point.line] if 0 <= point.line < len(self.lines) else ""
        found = index_at_units(raw, point.character, self.encoding)
        if line == 1 and self.bom:
            found = max(0, found - 1)
        return line, found
