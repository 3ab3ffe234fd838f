"""``clausekit amend OLD NEW``: the numbered amendments that turn OLD into NEW.

Exit status: 0 the amendments were written (none when the drafts do not differ); 2 an input
could not be read or parsed, or the command was misused.
"""

from __future__ import annotations

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option
from clausekit.render.formats import AMEND_FORMATS


@click.command("amend")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option(AMEND_FORMATS, "text")
@output_option()
@handle_errors
def command(old: str, new: str, output_format: str, output: str | None) -> None:
    """The amendments that turn draft OLD into draft NEW, in treaty drafting style: substitute,
    insert or leave out words; delete, insert or move clauses; one line for a renumbering.

    '-f amend' writes the .amend format, which people edit and 'clausekit apply' applies
    (docs/amend.md).
    """
    from clausekit.amend import amend
    from clausekit.language.parser import load
    from clausekit.render.amend import render_amendments

    old_draft, new_draft = load(old), load(new)
    result = amend(old_draft, new_draft)
    emit(render_amendments(result, output_format, old_draft), output, [old, new])
