"""``clausekit profile FILE[::ID]...``: guarantee profiles, one clause or several side by side."""

from __future__ import annotations

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option
from clausekit.model import Clause, Draft
from clausekit.render.formats import PROFILE_FORMATS


@click.command("profile")
@click.argument("specs", nargs=-1, required=True, metavar="FILE[::ID]...")
@format_option(PROFILE_FORMATS, "text")
@output_option()
@handle_errors
def command(specs: tuple[str, ...], output_format: str, output: str | None) -> None:
    """Read guarantees along the dimensions of docs/profile.md (obligation, deeming, discretion,
    means, timing, trigger, scope, modality, reciprocity, un, ...), each value with where it was
    read and the words that say it.

    FILE profiles every guarantee of a draft; FILE::ID one clause (any provision); a bundled
    reference draft is named without a path (north-atlantic-treaty-1949::art-5, see 'clausekit
    library'); ID+ID reads clauses together (north-atlantic-treaty-1949::art-5+art-6). Several
    are shown side by side: a row per dimension, a column per clause.
    """
    from clausekit.analysis.profile import read_profile
    from clausekit.render.profile import render_profiles

    profiles = []
    for spec in specs:
        for draft, clause, together in resolve_profile_spec(spec):
            profiles.append(read_profile(draft, clause, together))
    emit(render_profiles(profiles, output_format), output, [s.partition("::")[0] for s in specs])


def resolve_profile_spec(spec: str) -> list[tuple[Draft, Clause, tuple[Clause, ...]]]:
    """(draft, clause, clauses read together) for ``FILE``, ``FILE::ID``, ``draft-id::ID`` or
    ``...::ID+ID``; a whole draft gives each of its guarantees."""
    from clausekit.errors import ClauseNotFoundError, UsageError
    from clausekit.library import load_draft, resolve_clause_spec, split_ref, suggest_ids

    parts = split_ref(spec)
    if parts is None:
        # The one resolver of every command: a file, else a bundled draft by id (with a hint).
        draft = load_draft(spec)
        guarantees = [c for c in draft.walk() if c.kind == "guarantee"]
        if not guarantees:
            raise UsageError(f"{spec}: the draft has no guarantee to profile (name a clause: {spec}::ID)")
        return [(draft, clause, ()) for clause in guarantees]
    left, ids = parts
    first, *rest = ids.split("+")
    draft, clause = resolve_clause_spec(f"{left}::{first}")
    together: list[Clause] = []
    for clause_id in rest:
        found = draft.clause(clause_id)
        if found is None:
            hint = suggest_ids(clause_id, [c.id for c in draft.walk()], "its clause ids", "it has no clauses")
            raise ClauseNotFoundError(f"{spec}: no clause '{clause_id}' in {left} ({hint})")
        together.append(found)
    return [(draft, clause, tuple(together))]
