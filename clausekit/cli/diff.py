"""``clausekit diff OLD NEW``: clause-by-clause semantic diff of two drafts (or two clauses).

Exit status as ``git diff``: 0 the diff was produced, whatever it found; with
``--exit-code``, 1 when the drafts differ; with ``--fail-on KIND,...``, 1 only when a
finding of those kinds exists; 2 an input could not be read or parsed, or misuse.
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

import click

from clausekit.cli.common import (
    EXIT_FOUND,
    EXIT_OK,
    color_option,
    comparison_options,
    emit,
    format_option,
    handle_errors,
    output_option,
)
from clausekit.errors import UsageError
from clausekit.render.formats import DIFF_FORMATS

if TYPE_CHECKING:
    from clausekit.diff.model import DraftDiff
    from clausekit.diff.options import DiffOptions


def parse_fail_on(value: str | None) -> tuple[str, ...]:
    """``--fail-on modality.*,clause.removed``: each pattern must name a known kind."""
    if value is None:
        return ()
    patterns = tuple(part.strip() for part in value.split(",") if part.strip())
    if not patterns:
        raise click.BadParameter("expected one or more finding kinds, comma separated", param_hint="--fail-on")
    from clausekit.diff.findings import ALL_FINDING_KINDS as known

    for pattern in patterns:
        if not any(fnmatchcase(kind, pattern) for kind in known):
            raise click.BadParameter(
                f"'{pattern}' names no finding kind (known: {', '.join(sorted(known))})", param_hint="--fail-on"
            )
    return patterns


def use_colour(choice: str, output: str | None) -> bool:
    """``always`` and ``never`` mean what they say; ``auto`` colours a terminal unless NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or (output not in (None, "-")):
        return False
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _load_pair(old: str, new: str, options: DiffOptions) -> tuple[DraftDiff, list[str]]:
    from clausekit.diff import diff, diff_clauses
    from clausekit.library import is_clause_spec, resolve_clause_spec, split_ref

    old_spec, new_spec = is_clause_spec(old), is_clause_spec(new)
    if old_spec != new_spec:
        raise UsageError(
            "compare two drafts (OLD.clause NEW.clause) or two clauses (A.clause::id B.clause::id), not one of each"
        )
    if old_spec:
        old_draft, old_clause = resolve_clause_spec(old)
        new_draft, new_clause = resolve_clause_spec(new)
        inputs = [part[0] for part in (split_ref(old), split_ref(new)) if part and os.path.exists(part[0])]
        return diff_clauses(old_clause, new_clause, old_draft, new_draft, options), inputs
    from clausekit.library import input_paths, load_draft

    return diff(load_draft(old), load_draft(new), options), input_paths([old, new])


@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option(DIFF_FORMATS, "text")
@output_option()
@click.option("--stat", is_flag=True, help="Counts only: clauses per change kind and findings per kind.")
@color_option("Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
@comparison_options
@click.option("--exit-code", is_flag=True, help="Exit 1 when the drafts differ, 0 when they do not (as git diff).")
@click.option(
    "--fail-on",
    metavar="KIND,...",
    default=None,
    help="Exit 1 only when a finding of these kinds exists; names or patterns such as 'modality.*,clause.removed'.",
)
@click.option(
    "--layout",
    type=click.Choice(["inline", "side-by-side"]),
    default="inline",
    show_default=True,
    help="HTML only: the redline inline, or old and new side by side.",
)
@click.option(
    "--apart-below",
    metavar="RATIO",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="A modified clause less similar than RATIO (default a third) is shown as its old text, then its new "
    "text, instead of a redline (text and Markdown); a guarantee's field or paragraph so unlike is deleted and "
    "inserted whole (every format); 0: always a word redline.",
)
@handle_errors
def command(
    old: str,
    new: str,
    output_format: str,
    output: str | None,
    stat: bool,
    color: str,
    ignore_case: bool,
    ignore_punctuation: bool,
    ignore_quotes: bool,
    exit_code: bool,
    fail_on: str | None,
    layout: str,
    apart_below: float | None,
) -> None:
    """Compare OLD and NEW clause by clause: added, removed, moved, renumbered and modified
    clauses, what each change means (modality, quantities, parties, qualifiers, ...) and
    the word-level redline.

    OLD and NEW are draft files or bundled drafts by id (north-atlantic-treaty-1949), or
    one clause of each: FILE.clause::clause-id or bundled-draft-id::clause-id (see
    'clausekit library').
    """
    from dataclasses import replace

    from clausekit.diff.options import DiffOptions
    from clausekit.render.diff import render_diff

    patterns = parse_fail_on(fail_on)

    options = DiffOptions(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation, ignore_quotes=ignore_quotes)
    if apart_below is not None:
        options = replace(options, apart_below=apart_below)
    result, inputs = _load_pair(old, new, options)
    colour = use_colour(color, output)
    data = render_diff(result, output_format, stat=stat, color=colour, layout=layout, apart_below=apart_below)
    emit(data, output, inputs, color=colour or None)

    if patterns:
        found = any(fnmatchcase(f.kind, p) for f in result.findings() for p in patterns)
        sys.exit(EXIT_FOUND if found else EXIT_OK)
    if exit_code:
        sys.exit(EXIT_OK if result.is_empty else EXIT_FOUND)
