"""``clausekit git-diff``: git's external diff driver (``diff.clausekit.command``).

Set up once per repository (docs/integrations.md)::

    echo '*.clause diff=clausekit' >> .gitattributes
    git config diff.clausekit.command "clausekit git-diff"

It always exits 0 once it has shown the diff: git before 2.46 aborts the whole
``git diff`` ("external diff died") when a driver fails.
"""

from __future__ import annotations

import os
import sys

import click

from clausekit.cli.common import EXIT_OK, color_option, comparison_options, handle_errors


def _colour(choice: str) -> bool:
    """``auto``: colour when git shows the output in its pager or on a terminal, unless NO_COLOR."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("GIT_PAGER_IN_USE")) or sys.stdout.isatty()


class _GitDriverCommand(click.Command):
    """Options come first (from the configured command); git's arguments, found by their
    shape, are positional whatever they look like (a path may be called ``--help``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from clausekit.integrations.gitdiff import git_arguments_start

        start = git_arguments_start(args)
        if start is not None and "--" not in args[:start]:
            args = [*args[:start], "--", *args[start:]]
        return super().parse_args(ctx, args)


@click.command(cls=_GitDriverCommand, context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@color_option("Colour the diff (auto: in git's pager or on a terminal, unless NO_COLOR is set).")
@comparison_options
@handle_errors
def command(
    args: tuple[str, ...], color: str, ignore_case: bool, ignore_punctuation: bool, ignore_quotes: bool
) -> None:
    """Show the clause-level diff of one path for git: ARGS are what git passes
    (PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH RENAME-INFO]).

    A side that does not exist (/dev/null) reads as an empty draft; a side that does
    not parse is shown as a line diff after a one-line warning.
    """
    from clausekit.diff.options import DiffOptions
    from clausekit.integrations.gitdiff import GitDiffCall, git_diff

    call = GitDiffCall.from_args(args)
    options = DiffOptions(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation, ignore_quotes=ignore_quotes)
    click.echo(git_diff(call, color=_colour(color), options=options), nl=False, color=True)
    sys.stdout.flush()
    sys.exit(EXIT_OK)
