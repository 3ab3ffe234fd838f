"""``clausekit brackets FILE...``: the open brackets of drafts, by article and by delegation."""

from __future__ import annotations

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option


@click.command("brackets")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option(("text", "json"), "text")
@output_option()
@handle_errors
def command(files: tuple[str, ...], output_format: str, output: str | None) -> None:
    """List the open brackets of each draft by article and by delegation, with locations
    (file:line:col) and counts."""
    from clausekit.language.parser import load
    from clausekit.negotiation.brackets import open_brackets
    from clausekit.render.negotiation.brackets import brackets_json, brackets_text

    reports = [open_brackets(load(path)) for path in files]
    emit(brackets_json(reports) if output_format == "json" else brackets_text(reports), output, files)
