"""``clausekit check FILE...``: lint drafts, checked together (``mirrors`` may name each other).

Exit status: 0 no error-level finding; 1 an error-level finding (or, with ``--strict``, a
warning); 2 a file could not be read or parsed (the others are still checked) or the
command was misused.
"""

from __future__ import annotations

import json
import os
import sys

import click

from clausekit.cli.common import EXIT_ERROR, EXIT_FOUND, EXIT_OK, emit, format_option, handle_errors, output_option
from clausekit.errors import ClauseKitError, ClauseSyntaxError, InputError


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _unreadable_entry(error: ClauseKitError, path: str) -> dict[str, object]:
    """A file that could not be read or parsed, in the shape of a JSON finding."""
    if isinstance(error, ClauseSyntaxError):
        file, line, column, message, code = error.file, error.line, error.column, error.message, "syntax-error"
    elif isinstance(error, InputError):
        file, line, column, message, code = error.path, error.line or 0, error.column or 0, error.message, "input-error"
    else:
        file, line, column, message, code = path, 0, 0, str(error), "input-error"
    return {"file": file, "line": line, "column": column, "level": "error", "code": code, "message": message}


def _failed_summary(unreadable: list[dict[str, object]]) -> str:
    """'; 1 could not be parsed; 1 could not be read': what kept files from being checked."""
    parsed = sum(1 for entry in unreadable if entry["code"] == "syntax-error")
    counts = ((parsed, "could not be parsed"), (len(unreadable) - parsed, "could not be read"))
    return "".join(f"; {count} {what}" for count, what in counts if count)


def _read_all(files: tuple[str, ...], echo_errors: bool) -> tuple[list, list[dict[str, object]], set[str]]:
    """Every file read once: the drafts, the entries of those that could not be read or parsed
    (each printed on standard error with ``echo_errors``), and the files seen."""
    from clausekit.language.amend_parser import load_amendments
    from clausekit.library import load_draft

    drafts = []
    unreadable: list[dict[str, object]] = []
    seen: set[str] = set()
    for path in files:
        # The same file named twice would report everything twice.
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            if path.endswith(".amend"):
                load_amendments(path)  # its syntax and its clause blocks; nothing to lint
            else:
                drafts.append(load_draft(path))  # a file, else a bundled draft by id
        except ClauseKitError as error:
            unreadable.append(_unreadable_entry(error, path))
            if echo_errors:
                click.echo(error.render(), err=True)
    return drafts, unreadable, seen


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=False))
@format_option(["text", "json"], "text")
@output_option()
@click.option("--quiet", "-q", is_flag=True, help="Show error-level findings only, and no summary line.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@handle_errors
def command(files: tuple[str, ...], output_format: str, output: str | None, quiet: bool, strict: bool) -> None:
    """Lint drafts: ids, parties, terms, cross-references, guarantees, mirrors, numbers, brackets.
    An amendment list (FILE.amend) is read and its clause blocks parsed (docs/amend.md).

    All FILES are read first and checked together, so a guarantee's 'mirrors' may name a
    clause of another file given here (else the bundled reference drafts: see
    'clausekit library'). A FILE that is not a file but a bundled draft's id
    (north-atlantic-treaty-1949) checks that draft. Each finding prints as 'file:line:col: level: message [code]';
    docs/checks.md explains every code.
    """
    from clausekit.lint import check, summary

    drafts, unreadable, seen = _read_all(files, echo_errors=output_format == "text")
    findings = check(drafts)
    counts = summary(findings)
    shown = [f for f in findings if f.level == "error"] if quiet else list(findings)

    if output_format == "json":
        document = {
            "findings": unreadable + [f.as_dict() for f in shown],
            "summary": {
                "files": len(seen),
                "checked": len(drafts),
                "unreadable": len(unreadable),
                "errors": counts["error"],
                "warnings": counts["warning"],
                "info": counts["info"],
            },
        }
        emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output, files)
    else:
        lines = [str(f) for f in shown]
        if not quiet:
            tally = ", ".join(
                [_plural(counts["error"], "error"), _plural(counts["warning"], "warning"), f"{counts['info']} info"]
            )
            failed = _failed_summary(unreadable)
            lines.append(f"{tally} in {_plural(len(seen), 'file')}{failed}")
        if lines or output not in (None, "-"):
            emit("\n".join(lines) + "\n" if lines else "", output, files)

    if unreadable:
        sys.exit(EXIT_ERROR)
    failing = counts["error"] + (counts["warning"] if strict else 0)
    sys.exit(EXIT_FOUND if failing else EXIT_OK)
