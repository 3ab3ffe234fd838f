"""``clausekit compare A B C ...``: position matrix or compilation text of several drafts."""

from __future__ import annotations

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option, template_files
from clausekit.errors import UsageError
from clausekit.render.formats import COMPARE_FORMATS


@click.command("compare")
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT.clause...")
@click.option(
    "--base",
    "base",
    default=None,
    metavar="FILE",
    help="The draft the others are aligned against and compared with (default: the first).",
)
@format_option(COMPARE_FORMATS, "markdown")
@output_option()
@click.option("--templates", default=None, metavar="DIR", help="A folder of templates that replace the packaged ones.")
@handle_errors
def command(drafts: tuple[str, ...], base: str | None, output_format: str, output: str | None, templates: str | None):
    """Compare two or more drafts clause by clause: a column per draft, a row per aligned clause.

    Formats: markdown, html, json, docx (the position matrix) and clause (a compilation text
    in the clause language: shared text clean, differences in brackets attributed to each
    draft by its proposer, e.g. [US: ... | E3: ... | RU: ...]).
    """
    from clausekit.compare import compare
    from clausekit.language.parser import load
    from clausekit.render.compare import render_comparison

    paths = list(drafts)
    index = 0
    if base is not None:
        found = [i for i, path in enumerate(paths) if _same(base, path)]
        if found:
            index = found[0]
        else:
            paths.insert(0, base)
    if len(paths) < 2:
        raise UsageError("compare needs at least two drafts")
    loaded = [load(path) for path in paths]
    result = compare(loaded, base=index)
    inputs = [*paths, *template_files(templates)] if templates else paths  # templates are inputs too
    emit(render_comparison(result, output_format, templates), output, inputs)


def _same(a: str, b: str) -> bool:
    from clausekit.cli.outputs import same_file

    return a == b or same_file(a, b)
