"""clausekit as git's external diff driver: ``git diff`` and ``git log -p`` clause by clause.

git runs the driver (``diff.clausekit.command``) once per changed path with 7 arguments,
``path old-file old-hex old-mode new-file new-hex new-mode``, 9 for a rename (``new-path``
and the rename information are added) and 1 for an unmerged path. A side that does not
exist (an added or deleted file) is ``/dev/null``: it reads as a draft with no provisions,
so every clause shows as added or removed.

Whatever happens, the driver shows something and succeeds: git before 2.46 stops the whole
``git diff`` with "external diff died" when a driver exits non-zero. A side that cannot be
read or does not parse is shown as an ordinary line diff, after a one-line warning that
says why.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from clausekit.errors import ClauseKitError, InputError, UsageError, printable, printable_name, visible_controls
from clausekit.model import Draft

if TYPE_CHECKING:
    from clausekit.diff.options import DiffOptions

DEV_NULL = "/dev/null"

# What git passes for a side's object name and mode: hex digits (or "." for /dev/null), and
# octal digits (or "."). They tell git's positional arguments from the options before them.
_HEX = re.compile(r"[0-9a-f]+|\.")
_MODE = re.compile(r"[0-7]+|\.")


def git_arguments_start(args: Sequence[str]) -> int | None:
    """Where git's own arguments begin in a driver's command line, or None when they cannot
    be told apart (one argument, or a count git never passes).

    git appends its 7 or 9 arguments to the configured command (which may carry options of
    its own), and a path may look like an option (``--help``, ``-x.clause``): the arguments
    are found by their shape, the object names and modes at their places, never by their
    spelling, so a path is never read as an option.
    """
    for count in (9, 7):
        if len(args) >= count:
            tail = args[len(args) - count :]
            if all(_HEX.fullmatch(tail[i]) for i in (2, 5)) and all(_MODE.fullmatch(tail[i]) for i in (3, 6)):
                return len(args) - count
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class GitDiffCall:
    """The arguments git passes to an external diff driver, by name."""

    path: str
    old_file: str | None = None
    old_hex: str | None = None
    old_mode: str | None = None
    new_file: str | None = None
    new_hex: str | None = None
    new_mode: str | None = None
    new_path: str | None = None  # a rename: where the file went
    rename_info: str | None = None

    @classmethod
    def from_args(cls, args: Sequence[str]) -> GitDiffCall:
        if len(args) not in (1, 7, 9):
            raise UsageError(
                f"git passes 1, 7 or 9 arguments to a diff driver, not {len(args)}: "
                "set it up with 'git config diff.clausekit.command \"clausekit git-diff\"' (docs/integrations.md)"
            )
        return cls(*args)

    @property
    def unmerged(self) -> bool:
        return self.old_file is None

    @property
    def shown_path(self) -> str:
        return self.new_path or self.path


def _load(file: str | None, label: str) -> Draft | None:
    """One side as a draft; None when it does not exist (``/dev/null``).

    Errors name the side as git does (``a/drafts/e3.clause:41:7``), not git's temporary file.
    """
    from clausekit.language.parser import loads
    from clausekit.language.source import read_text

    if file is None or file == DEV_NULL:
        return None
    try:
        text = read_text(file)
    except InputError as error:  # git's temporary file means nothing to the reader: name the side
        raise InputError(label, error.message, error.line, error.column) from None
    return loads(text, filename=label)


def _empty_like(draft: Draft) -> Draft:
    """A side that does not exist: the other side's header with no provisions."""
    return dataclasses.replace(draft, body=(), path=DEV_NULL)


def _header(call: GitDiffCall) -> list[str]:
    """git's header lines; a path's control characters show as stand-ins, so a file name
    cannot retitle the terminal or start a line of its own."""
    path, shown = printable_name(call.path), printable_name(call.shown_path)
    lines = [f"diff --clausekit a/{path} b/{shown}"]
    if call.new_path and call.new_path != call.path:
        lines += [f"rename from {path}", f"rename to {printable_name(call.new_path)}"]
    if call.old_file == DEV_NULL:
        lines.append(f"new file mode {call.new_mode}")
    elif call.new_file == DEV_NULL:
        lines.append(f"deleted file mode {call.old_mode}")
    elif call.old_mode != call.new_mode:
        lines += [f"old mode {call.old_mode}", f"new mode {call.new_mode}"]
    return lines


def _visible_lines(text: str | None) -> list[str]:
    """A side's lines as git cuts them (at line feeds only), each with its control characters
    shown as stand-ins: file content must not reach the terminal as escape sequences or fake
    header lines. A CR before the line feed stays, as git shows it."""
    lines = (text or "").split("\n")
    last = lines.pop()
    shown = [_visible_line(line) + "\n" for line in lines]
    return shown + ([_visible_line(last)] if last else [])


def _visible_line(line: str) -> str:
    if line.endswith("\r"):
        return visible_controls(line[:-1]) + "\r"
    return visible_controls(line)


def _line_diff(call: GitDiffCall, old: str | None, new: str | None) -> str:
    lines = difflib.unified_diff(
        _visible_lines(old),
        _visible_lines(new),
        DEV_NULL if call.old_file == DEV_NULL else f"a/{printable_name(call.path)}",
        DEV_NULL if call.new_file == DEV_NULL else f"b/{printable_name(call.shown_path)}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _raw(file: str | None) -> str | None:
    """A side as text whatever it holds, for the line diff."""
    if file is None or file == DEV_NULL:
        return None
    try:
        return Path(file).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def git_diff(call: GitDiffCall, color: bool = False, options: DiffOptions | None = None) -> str:
    """What the driver prints for one path: a header naming it, then the clause-level diff
    (or, when a side cannot be read as a draft, a warning and a line diff)."""
    if call.unmerged:
        return f"* Unmerged path {printable_name(call.path)}\n"
    header = "\n".join(_header(call)) + "\n"
    try:
        return header + _clause_diff(call, color, options)
    except ClauseKitError as error:
        reason = error.render().splitlines()[0]
    except RecursionError:
        reason = "the draft nests too deeply"
    except Exception as error:  # a failing driver stops all of git diff: show the lines instead
        reason = printable(f"internal error ({type(error).__name__}: {error}); please report it")
    lines = _line_diff(call, _raw(call.old_file), _raw(call.new_file))
    return header + f"clausekit: {reason}; showing a line diff\n" + lines


def _clause_diff(call: GitDiffCall, color: bool, options: DiffOptions | None) -> str:
    from clausekit.diff import diff
    from clausekit.render.diff.text import render_diff_text

    old = _load(call.old_file, f"a/{printable_name(call.path)}")
    new = _load(call.new_file, f"b/{printable_name(call.shown_path)}")
    if old is None or new is None:
        if old is None and new is None:
            return ""
        old, new = (old or _empty_like(new)), (new or _empty_like(old))  # type: ignore[arg-type]
    body = render_diff_text(diff(old, new, options), color=color)
    return body if body.endswith("\n") else body + "\n"
