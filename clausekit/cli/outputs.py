"""Writing outputs safely: atomically, and never over an input.

A half-written file is worse than none (a redline that silently stops halfway
through a treaty), so every output is written to a temporary file in the target's
folder and renamed over the target only when complete. A special file (a device such as
``/dev/null``, a FIFO, ``/dev/stdout`` into a pipe) is written directly: renaming over it
would replace the device with a plain file. A SIGTERM or SIGINT during the write removes
the temporary file before the process ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
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


def _chunks(data: bytes | str | Iterable[str]) -> Iterable[bytes]:
    if isinstance(data, str):
        return (data.encode("utf-8"),)
    if isinstance(data, bytes):
        return (data,)
    return (chunk.encode("utf-8") for chunk in data)


def is_special_file(path: str | Path) -> bool:
    """True for an existing file that is not a regular file or a folder (a device, a FIFO, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_special(path: str | Path, data: bytes | str | Iterable[str]) -> None:
    """A device or FIFO is written in place (there is nothing to rename over it)."""
    try:
        with open(path, "wb") as stream:
            for chunk in _chunks(data):
                stream.write(chunk)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None


class _Terminated(BaseException):
    """SIGTERM arrived while an output was being written."""


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _termination_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises ``_Terminated`` (so the temporary file is removed);
    only the main thread can set a signal handler, elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(
    path: str | Path, data: bytes | str | Iterable[str], before_replace: Callable[[], None] | None = None
) -> None:
    """Write ``data`` to ``path`` all at once: a crash leaves the old file intact.

    ``data`` may be an iterable of text chunks (a large JSON diff), written as they come
    so that the whole text never sits in memory twice. ``before_replace`` is called once the
    new text is complete, just before it replaces the file: it may raise (an ``OutputError``)
    to keep the file as it is (``fmt --write`` checks that no one changed the file meanwhile).
    A special file (a device, a FIFO) is written directly."""
    if is_special_file(path):
        _write_special(path, data)
        return
    # Through a symbolic link, write the file it points to: renaming over the link
    # itself would turn it into a plain file and leave the linked file as it was.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    with _termination_raises():
        try:
            _replace(target, _chunks(data), before_replace)
        except _Terminated:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)  # die of the signal, as the sender meant
            raise


def _replace(target: Path, chunks: Iterable[bytes], before_replace: Callable[[], None] | None) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    # SIGINT and SIGTERM wait while the temporary file is made and its name recorded: an
    # interrupt between the two would leave a file no one removes. They arrive, if they
    # came, inside the block that removes it.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        # Keep the mode of a file we replace; new files get the usual umask.
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise OutputError(f"{target}: the folder {folder} does not exist") from None
    except OSError as error:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
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
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None
        raise
