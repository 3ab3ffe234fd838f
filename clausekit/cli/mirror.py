"""``clausekit mirror FILE...``: where guarantees depart from the treaty clauses they mirror."""

from __future__ import annotations

import sys

import click

from clausekit.cli.common import EXIT_ERROR, emit, format_option, handle_errors, output_option


@click.command("mirror")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--against",
    "against",
    multiple=True,
    metavar="REF::ID",
    help="Also compare every guarantee with this clause (FILE::ID or a bundled draft-id::ID); repeatable.",
)
@format_option(("text", "markdown", "json"), "text")
@output_option()
@handle_errors
def command(files: tuple[str, ...], against: tuple[str, ...], output_format: str, output: str | None) -> None:
    """Compare every guarantee that declares 'mirrors:' with the clause it names (in the
    files given or the bundled reference drafts, see 'clausekit library'): triggers,
    responses, conditions, qualifiers, modality, duration; then their guarantee profiles
    dimension by dimension (same, weaker, stronger, different, not stated; docs/profile.md)
    and a one-paragraph verdict. --against REF::ID compares every guarantee with that clause too.
    A FILE may also be a bundled draft's id.

    A 'mirrors:' that names no known clause is reported on standard error with the
    closest ids, and the exit status is 2.
    """
    from clausekit.library import input_paths, load_draft, resolve_clause_spec
    from clausekit.negotiation.mirror import mirror_reports
    from clausekit.render.negotiation.mirror import mirror_json, mirror_markdown, mirror_text

    drafts = [load_draft(path) for path in files]
    models = [resolve_clause_spec(ref) for ref in against]
    reports, unknown = mirror_reports(drafts, models)
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
