"""``clausekit apply DRAFT AMENDMENTS``: the draft with the amendments of an ``.amend`` file applied.

Exit status: 0 every amendment asked for was applied; 1 one or more could not be (each is
reported as ``FILE:line: amendment N: ...: not applied``; the others are applied and the draft
written); 2 an input could not be read or parsed, or the command was misused.
"""

from __future__ import annotations

import sys

import click

from clausekit.cli.common import EXIT_FOUND, EXIT_OK, emit, handle_errors, output_option
from clausekit.errors import UsageError, printable


def parse_only(value: str | None, known: set[int]) -> set[int] | None:
    """``--only 3,5-7``: the amendment numbers named, each one of the file's."""
    if value is None:
        return None
    chosen: set[int] = set()
    for part in (p.strip() for p in value.split(",")):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise UsageError(f"--only: {part!r} is not a number or a range such as 5-7")
        first, last = int(low), int(high) if dash else int(low)
        if last < first:
            raise UsageError(f"--only: {part!r} runs backwards")
        missing = [n for n in (first, last) if n not in known]
        if missing:  # checked before the range is made: "1-99999999999" must not fill the memory
            raise UsageError(f"--only: the file has no amendment {missing[0]}")
        # the file's numbers in the range (a range runs over numbers the file does not give)
        chosen.update(n for n in known if first <= n <= last)
    return chosen


@click.command("apply")
@click.argument("draft", metavar="DRAFT")
@click.argument("amendments", metavar="AMENDMENTS")
@click.option("--only", metavar="N,M-K", default=None, help="Apply only these amendments: numbers and ranges, 3,5-7.")
@output_option()
@handle_errors
def command(draft: str, amendments: str, only: str | None, output: str | None) -> None:
    """Apply the amendments of an .amend file to DRAFT, in order, and write the amended draft.

    Clauses are found by id, so the amendments apply to a later version of the draft whose
    points were renumbered. An amendment that cannot be applied is reported and left out;
    the others are applied.
    """
    from clausekit.amend import amended_source, apply
    from clausekit.language.amend_parser import load_amendments
    from clausekit.language.parser import load

    base = load(draft)
    listed = load_amendments(amendments)
    chosen = parse_only(only, {a.number for a in listed.amendments})
    result = apply(base, listed, chosen)
    text = amended_source(result.draft, output or "<stdout>")
    emit(text, output, [draft, amendments])
    for failure in result.failures:
        # The reason quotes the file's words: control characters in them must not act on a terminal.
        click.echo(printable(failure.message(amendments)), err=True)
    sys.exit(EXIT_FOUND if result.failures else EXIT_OK)
