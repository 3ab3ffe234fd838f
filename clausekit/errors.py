"""The project's exceptions, and how they print.

Every error that a user can cause carries a position and prints as
``file:line:col: message`` followed by the source line and a caret, the way
compilers do. Nothing that a user can cause should surface as a traceback.
"""

from __future__ import annotations

import re

# Characters that act on a terminal (escape sequences, bells, carriage returns) or reorder
# the text around them (bidirectional controls): a hostile draft quoted in an error must
# neither recolour the terminal nor hide where the error is, so they print as stand-ins.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _stand_in(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␇, ␍ ...
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


# C0 and C1 controls other than tab and line feed: invisible in a document, yet live on a
# terminal that prints it (an ESC sequence drafted into a text could recolour it).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """``text`` with control characters (not tab or line feed) shown as visible stand-ins;
    bidirectional marks are kept, since right-to-left prose needs them."""
    return _CONTROLS.sub(lambda match: _stand_in(match.group()), text)


def printable(text: str) -> str:
    """``text`` with control and bidirectional characters shown as visible stand-ins."""
    return _UNPRINTABLE.sub(lambda match: _stand_in(match.group()), text)


def printable_name(text: str) -> str:
    """A file name as one visible line: control, bidirectional, tab and line-feed characters
    as stand-ins (a name with a line feed must not start a header line of its own)."""
    return printable(text).replace("\t", "\u2409").replace("\n", "\u240a")


class ClauseKitError(Exception):
    """Base class: an error a user can cause and act upon."""

    def render(self) -> str:
        return printable(str(self))


class InputError(ClauseKitError):
    """An input could not be read at all (missing, a directory, binary, not UTF-8, too big)."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")


class ClauseSyntaxError(ClauseKitError):
    """A draft that does not parse. ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, file: str, line: int, column: int, source_line: str = ""):
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.source_line = source_line
        super().__init__(f"{file}:{line}:{column}: {message}")

    def render(self) -> str:
        """The first line, then the offending source line with a caret under the column."""
        head = printable(f"{self.file}:{self.line}:{self.column}: {self.message}")
        if not self.source_line:
            return head
        shown = self.source_line.rstrip("\r\n")
        # Keep the caret under the right character even when the line is very long.
        start = 0
        if len(shown) > 160:
            start = max(0, self.column - 80)
            shown = shown[start : start + 160]
        # Tabs are kept in the caret line so the caret lines up with the text (and with
        # the stand-ins of unprintable characters, which may be wider than one column).
        before = shown[: max(0, self.column - 1 - start)]
        prefix = "".join(ch if ch == "\t" else " " * len(printable(ch)) for ch in before)
        return f"{head}\n    {printable(shown)}\n    {prefix}^"


class ClauseKitWarning(UserWarning):
    """Something the user should know about an output that was still written (characters a
    Word file cannot hold, ...): the command line prints it as one line."""


class InternalError(ClauseKitError):
    """clausekit caught itself about to do something wrong (``fmt`` would have changed a
    draft's meaning): nothing was written. Please report it."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: internal error: {message}")


class ClauseNotFoundError(ClauseKitError):
    """A ``file::id`` or ``draft::id`` that names no clause."""


class UsageError(ClauseKitError):
    """The command was misused in a way click cannot see (an output equal to an input, ...)."""


class OutputError(ClauseKitError):
    """An output could not be written."""
