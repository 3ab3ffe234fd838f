"""Writing outputs safely: atomically, and never over an input.

A half-written file is worse than none (a redline that silently stops halfway
through a treaty), so every output is written to a temporary file in the target's
folder and renamed over the target only when complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from clausekit.errors import OutputError, UsageError


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name one file (through symbolic links, hard links, ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_input_as_output(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """An output never replaces an input: raise ``UsageError`` if it would."""
    for source in inputs:
        if same_file(output, source):
            raise UsageError(f"{output}: refusing to write the output over the input {source}")


def write_atomic(path: str | Path, data: bytes | str | Iterable[str]) -> None:
    """Write ``data`` to ``path`` all at once: a crash leaves the old file intact.

    ``data`` may be an iterable of text chunks (a large JSON diff), written as they come
    so that the whole text never sits in memory twice."""
    # Through a symbolic link, write the file it points to: renaming over the link
    # itself would turn it into a plain file and leave the linked file as it was.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    if isinstance(data, str):
        chunks: Iterable[bytes] = (data.encode("utf-8"),)
    elif isinstance(data, bytes):
        chunks = (data,)
    else:
        chunks = (chunk.encode("utf-8") for chunk in data)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        # Keep the mode of a file we replace; new files get the usual umask.
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise OutputError(f"{target}: the folder {folder} does not exist") from None
    except OSError as error:
        raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None
        raise
