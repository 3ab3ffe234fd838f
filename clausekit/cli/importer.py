"""``clausekit import``: a numbered text, Markdown, Word or Akoma Ntoso file -> a ``.clause`` draft."""

from __future__ import annotations

import click

from clausekit.cli.common import emit, handle_errors, output_option


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@output_option()
@click.option("--id", "draft_id", metavar="ID", help="The draft's id (default: from the file name).")
@click.option("--title", metavar="TITLE", help="The draft's title (default: the document's title, or the file name).")
@click.option("--proposer", metavar="CODE", help="The proposing party's code, such as US or E3.")
@click.option(
    "--exactness",
    type=click.Choice(["verbatim", "reconstructed", "translated", "paraphrase", "unverified"]),
    default=None,
    help="How exact the imported text is (default: reconstructed, or what the document says if less exact).",
)
@handle_errors
def command(
    file: str,
    output: str | None,
    draft_id: str | None,
    title: str | None,
    proposer: str | None,
    exactness: str | None,
) -> None:
    """Turn FILE (.txt, .md, .docx or Akoma Ntoso .xml) into a draft in the clause language.

    Numbers ("1.", "10. a.", "(i)") and headings ("Article 5", "# ...") become
    provisions with ids such as point-10, point-10-a and art-5; everything else is
    prose, word for word. Square brackets in the file are taken as editorial and
    written escaped, never as negotiation brackets. A Word file is read with its
    tracked changes accepted. An Akoma Ntoso file is read by its articles,
    paragraphs, points, num, heading, def/term and ref; clausekit's own export
    (render -f akn) reads back to the draft it came from. The draft is printed,
    or written to -o OUT.clause.
    """
    from clausekit.importers.build import import_file
    from clausekit.language.format import format_draft

    draft = import_file(file, draft_id=draft_id, title=title, proposer=proposer, exactness=exactness)
    emit(format_draft(draft), output, inputs=[file])
