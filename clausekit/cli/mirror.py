"""``clausekit mirror FILE...``: where guarantees depart from the treaty clauses they mirror."""

from __future__ import annotations

import sys

import click

from clausekit.cli.common import EXIT_ERROR, emit, format_option, handle_errors, output_option


@click.command("mirror")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option(("text", "markdown", "json"), "text")
@output_option()
@handle_errors
def command(files: tuple[str, ...], output_format: str, output: str | None) -> None:
    """Compare every guarantee that declares 'mirrors:' with the clause it names (in the
    files given or the bundled reference drafts, see 'clausekit library'): triggers,
    responses, conditions, qualifiers, modality, duration. A FILE may also be a bundled
    draft's id.

    A 'mirrors:' that names no known clause is reported on standard error with the
    closest ids, and the exit status is 2.
    """
    from clausekit.library import input_paths, load_draft
    from clausekit.negotiation.mirror import mirror_reports
    from clausekit.render.negotiation.mirror import mirror_json, mirror_markdown, mirror_text

    drafts = [load_draft(path) for path in files]
    reports, unknown = mirror_reports(drafts)
    if output_format == "json":
        data = mirror_json(reports, unknown)
    elif output_format == "markdown":
        data = mirror_markdown(reports)
    else:
        data = mirror_text(reports, unknown)
    emit(data, output, input_paths(files))
    for problem in unknown:
        click.echo(problem.render(), err=True)
    if unknown:
        sys.exit(EXIT_ERROR)
