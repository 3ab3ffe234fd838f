"""``clausekit render``: a draft as Markdown, HTML, plain text or Word."""

from __future__ import annotations

import click

from clausekit.cli.common import format_option, handle_errors, output_option
from clausekit.render.formats import DRAFT_FORMATS


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@format_option(DRAFT_FORMATS, "markdown")
@output_option()
@click.option(
    "--templates",
    "templates",
    type=click.Path(file_okay=False),
    default=None,
    help="A folder of templates that replace the packaged ones of the same name (draft.md.j2, ...).",
)
@click.option(
    "--reference-doc",
    "reference_doc",
    type=click.Path(dir_okay=False),
    default=None,
    help="docx: take the styles (and page set-up) of this Word file.",
)
@click.option(
    "--accept",
    "accept",
    metavar="PARTY",
    default=None,
    help="Take PARTY's alternative in every bracket that has one; the others stay open.",
)
@handle_errors
def command(
    file: str,
    output_format: str,
    output: str | None,
    templates: str | None,
    reference_doc: str | None,
    accept: str | None,
) -> None:
    """Render the draft FILE for reading: Markdown, HTML, text, Word (.docx) or Akoma Ntoso XML (akn).
    FILE may also name a bundled reference draft by its id (see 'clausekit library').

    Text formats and akn go to standard output unless -o names a file; docx needs -o (or
    a pipe). With --accept, the number of brackets left open is reported on
    standard error.
    """
    from clausekit.cli.common import emit, template_files
    from clausekit.language.parser import loads
    from clausekit.language.source import read_stdin
    from clausekit.library import input_paths, load_draft
    from clausekit.negotiation.accept import accept_brackets
    from clausekit.render import render

    draft = loads(read_stdin(), filename="<stdin>") if file == "-" else load_draft(file)
    note = None
    if accept is not None:
        accepted = accept_brackets(draft, accept)
        draft = accepted.draft
        left = f"{accepted.open} bracket{'s' if accepted.open != 1 else ''} left open"
        note = f"accepted {accept}'s option in {accepted.taken} bracket{'s' if accepted.taken != 1 else ''}; {left}"
    data = render(draft, output_format, templates=templates, reference_doc=reference_doc)
    inputs = input_paths([file]) if file != "-" else []
    if reference_doc:
        inputs.append(reference_doc)
    if templates:
        inputs.extend(template_files(templates))
    emit(data, output, inputs)
    if note:
        click.echo(f"clausekit: {note}", err=True)
