"""``clausekit fmt``: print, check or rewrite drafts in canonical form."""

from __future__ import annotations

import difflib
import os
import stat
import sys

import click

from clausekit.cli.common import EXIT_ERROR, EXIT_FOUND, EXIT_OK, handle_errors
from clausekit.cli.outputs import write_atomic
from clausekit.errors import ClauseKitError, OutputError
from clausekit.language.format import checked_format, format_draft
from clausekit.language.parser import loads
from clausekit.language.source import read_stdin, read_text


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--write", "-w", is_flag=True, help="Rewrite each file in place (atomically, and only if it parses).")
@click.option("--check", "-c", "check_only", is_flag=True, help="Write nothing; exit 1 if a file is not canonical.")
@click.option("--diff", "show_diff", is_flag=True, help="With --check: show what would change as a unified diff.")
@click.option(
    "--fast", is_flag=True, help="Skip the self-check (the formatted text parses back to the same draft, comments too)."
)
@click.option("--force", is_flag=True, help="With --write: rewrite read-only files too.")
@handle_errors
def command(files: tuple[str, ...], write: bool, check_only: bool, show_diff: bool, fast: bool, force: bool) -> None:
    """Print FILES in canonical form (structure and indentation normalised; prose,
    its line breaks and every comment kept), or rewrite them with --write, or
    verify them with --check.

    Before anything is printed or written, the formatted text is checked as black checks
    its output: it must parse to the same draft (wording, structure and comments) and
    formatting it again must change nothing; if not, nothing is written for that file and
    it is reported as an internal error (--fast skips the check).

    Exit codes: 0 done (or all canonical); 1 with --check, a file is not canonical;
    2 a file could not be read or parsed, or failed the self-check (with --write, such a
    file is left untouched and the others are still formatted); with --write, a file is
    read-only (unless --force) or was changed while it was formatted (it is left as it is).
    """
    if write and check_only:
        raise click.UsageError("--write and --check exclude each other")
    if show_diff and not check_only:
        raise click.UsageError("--diff goes with --check")
    if write and "-" in files:
        raise click.UsageError("--write cannot rewrite standard input")
    if force and not write:
        raise click.UsageError("--force goes with --write")

    status = EXIT_OK
    not_canonical = False
    for name in files:
        formatted = _formatted(name, fast)
        if formatted is None:
            status = EXIT_ERROR
            continue
        label, original, text = formatted
        if check_only:
            not_canonical |= _report_if_not_canonical(label, original, text, show_diff)
        elif write:
            if text != original and not _rewrite(name, original, text, force):
                status = EXIT_ERROR
        else:
            click.echo(text, nl=False)
    sys.exit(EXIT_FOUND if status == EXIT_OK and not_canonical else status)


def _rewrite(name: str, original: str, text: str, force: bool) -> bool:
    """Replace a file by its canonical text; False (and the reason printed) when it is
    read-only and not forced, or changed since it was read: an edit saved meanwhile is kept."""

    def unchanged() -> None:
        if read_text(name) != original:
            raise OutputError(f"{name}: changed while it was being formatted; left as it is (run fmt again)")

    try:
        if not force and _read_only(name):
            raise OutputError(f"{name}: is read-only; not rewritten (--force rewrites it)")
        write_atomic(name, text, before_replace=unchanged)
    except ClauseKitError as error:
        click.echo(error.render(), err=True)
        return False
    click.echo(f"formatted {name}", err=True)
    return True


def _read_only(name: str) -> bool:
    """No one may write the file (its write bits are off, as ``chmod a-w`` leaves it), or we may not."""
    mode = os.stat(name).st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(name, os.W_OK)


def _formatted(name: str, fast: bool) -> tuple[str, str, str] | None:
    """(how the file is named, its text, its canonical text); None when it could not be read,
    parsed or formatted (the error is printed: the other files are still formatted)."""
    try:
        if name == "-":
            original, label = read_stdin(), "<stdin>"
        else:
            original, label = read_text(name), name
        draft = loads(original, filename=label)
        return label, original, format_draft(draft) if fast else checked_format(draft, label)
    except ClauseKitError as error:
        click.echo(error.render(), err=True)
        return None


def _report_if_not_canonical(label: str, original: str, formatted: str, show_diff: bool) -> bool:
    if formatted == original:
        return False
    click.echo(f"{label}: not in canonical form (run: clausekit fmt --write {label})", err=True)
    if show_diff:
        diff = difflib.unified_diff(
            original.replace("\r\n", "\n").splitlines(keepends=True),
            formatted.splitlines(keepends=True),
            f"{label} (as written)",
            f"{label} (canonical)",
        )
        click.echo("".join(diff), nl=False)
    return True
