"""Reading draft files: bytes to text, or a clear error.

A draft file is UTF-8, with or without a byte order mark, with any line ends. Anything else
(UTF-16, Latin-1, a binary file, a file larger than ``MAX_FILE_BYTES``) is refused with a
message that says what the file is and what to do, and, where it helps, the line and column.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from clausekit.errors import InputError

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger inputs are refused with a clear message rather than exhausting memory."""


def normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


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
