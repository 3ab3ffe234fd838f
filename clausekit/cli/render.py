"""``clausekit render``: a draft as Markdown, HTML, plain text or Word."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from clausekit.cli.common import FORMAT_ALIASES, handle_errors, output_option

FORMATS = ("markdown", "html", "text", "docx")
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".docx": "docx",
}


def _format(output: str | None, given: str | None) -> str:
    """The format named, else the one the output's suffix says, else Markdown."""
    if given:
        return FORMAT_ALIASES.get(given.lower(), given.lower())
    if output and output != "-":
        return SUFFIXES.get(Path(output).suffix.lower(), "markdown")
    return "markdown"


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice([*FORMATS, *FORMAT_ALIASES], case_sensitive=False),
    default=None,
    help="Output format (default: from the -o suffix, else markdown).",
)
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
    output_format: str | None,
    output: str | None,
    templates: str | None,
    reference_doc: str | None,
    accept: str | None,
) -> None:
    """Render the draft FILE for reading: Markdown, HTML, text or Word (.docx).

    Text formats go to standard output unless -o names a file; docx needs -o (or
    a pipe). With --accept, the number of brackets left open is reported on
    standard error.
    """
    from clausekit.cli.common import emit
    from clausekit.language.parser import load, loads
    from clausekit.language.source import read_stdin
    from clausekit.negotiation.accept import accept_brackets
    from clausekit.render import render

    fmt = _format(output, output_format)
    draft = loads(read_stdin(), filename="<stdin>") if file == "-" else load(file)
    note = None
    if accept is not None:
        accepted = accept_brackets(draft, accept)
        draft = accepted.draft
        left = f"{accepted.open} bracket{'s' if accepted.open != 1 else ''} left open"
        note = f"accepted {accept}'s option in {accepted.taken} bracket{'s' if accepted.taken != 1 else ''}; {left}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(draft, fmt, templates=templates, reference_doc=reference_doc)
    for warning in caught:
        click.echo(f"clausekit: warning: {warning.message}", err=True)
    inputs = [file] if file != "-" else []
    if reference_doc:
        inputs.append(reference_doc)
    emit(data, output, inputs)
    if note:
        click.echo(f"clausekit: {note}", err=True)
