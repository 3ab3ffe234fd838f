"""``clausekit compare A B C ...``: position matrix or compilation text of several drafts."""

from __future__ import annotations

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option, template_files
from clausekit.errors import UsageError
from clausekit.render.formats import COMPARE_FORMATS


@click.command("compare")
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT...")
@click.option(
    "--base",
    "base",
    default=None,
    metavar="FILE",
    help="The draft the others are aligned against and compared with (default: the first).",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(["clause", "issue"]),
    default="clause",
    show_default=True,
    help="A row per clause (in the base's order), or a row per issue (corresponds:) with each draft's clauses on it.",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="TEXT",
    help="Head a column with TEXT; once a draft, in the columns' order (default: proposer and date, else title or id).",
)
@click.option(
    "--suggest",
    is_flag=True,
    help="List likely correspondences that no id or 'corresponds:' states, with score and evidence (never applied).",
)
@format_option(COMPARE_FORMATS, "markdown")
@output_option()
@click.option("--templates", default=None, metavar="DIR", help="A folder of templates that replace the packaged ones.")
@handle_errors
def command(
    drafts: tuple[str, ...],
    base: str | None,
    by: str,
    labels: tuple[str, ...],
    suggest: bool,
    output_format: str,
    output: str | None,
    templates: str | None,
):
    """Compare two or more drafts clause by clause: a column per draft, a row per aligned clause.

    A DRAFT is a file, a bundled reference draft by id (north-atlantic-treaty-1949), or one
    clause of either (FILE.clause::clause-id, draft-id::clause-id); clauses are compared with
    clauses only, and the clauses named share the first row.

    Formats: markdown, html, json, docx (the position matrix) and clause (a compilation text
    in the clause language: shared text clean, differences in brackets attributed to each
    draft by its proposer, e.g. [US: ... | E3: ... | RU: ...]).
    """
    from clausekit.library import input_paths

    if by == "issue" and output_format == "clause":
        raise UsageError(
            "--by issue makes a matrix (markdown, html, json, docx); "
            "a compilation text (-f clause) follows the base's clauses"
        )
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
    from clausekit.render.compare import render_comparison

    result = _compare(paths, index, labels)
    if suggest:
        from clausekit.compare.suggest import with_suggestions

        result = with_suggestions(result)
    if by == "issue":
        from clausekit.compare import group_by_issue

        result = group_by_issue(result)
    inputs = input_paths(paths)
    if templates:
        inputs.extend(template_files(templates))  # templates are inputs too
    emit(render_comparison(result, output_format, templates), output, inputs)


def _compare(paths: list[str], base: int, labels: tuple[str, ...]):
    """Whole drafts, or one clause of each (never a mix: a clause beside a draft aligns nothing)."""
    from clausekit.compare import compare, compare_clauses
    from clausekit.library import is_clause_spec, load_draft, resolve_clause_spec

    specs = [is_clause_spec(path) for path in paths]
    if all(specs):
        return compare_clauses([resolve_clause_spec(path) for path in paths], base=base, labels=labels)
    if any(specs):
        raise UsageError("compare whole drafts (A B C) or one clause of each (A::id B::id C::id), not a mix")
    return compare([load_draft(path) for path in paths], base=base, labels=labels)


def _same(a: str, b: str) -> bool:
    from clausekit.cli.outputs import same_file

    return a == b or same_file(a, b)
