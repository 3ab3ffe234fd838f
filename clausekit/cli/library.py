"""``clausekit library``: the bundled reference drafts that ``mirrors`` may name, and their clause ids."""

from __future__ import annotations

import json

import click

from clausekit.cli.common import emit, format_option, handle_errors, output_option
from clausekit.model import Clause, Draft, Term, provenance_lookup


def _clause_rows(draft: Draft) -> list[tuple[int, Clause]]:
    """Every provision with its depth (0 for top level), in document order."""
    rows: list[tuple[int, Clause]] = []

    def visit(items: tuple[Clause | Term, ...], depth: int) -> None:
        for item in items:
            if isinstance(item, Clause):
                rows.append((depth, item))
                visit(item.children, depth + 1)

    visit(draft.body, 0)
    return rows


def library_view(drafts: tuple[Draft, ...]) -> list[dict[str, object]]:
    """The data ``clausekit library`` shows: plain dicts, also its JSON output. A clause's
    ``exactness`` is the one that applies to it, its own or inherited (``model.provenance``)."""
    return [_library_entry(draft) for draft in drafts]


def _library_entry(draft: Draft) -> dict[str, object]:
    provenance = provenance_lookup(draft)
    return {
        "id": draft.id,
        "title": draft.title,
        "status": draft.status,
        "date": draft.date,
        "exactness": draft.exactness,
        "source": draft.source,
        "clauses": [
            {
                "id": clause.id,
                "kind": clause.kind,
                "number": clause.number,
                "title": clause.title,
                "depth": depth,
                "exactness": provenance(clause).exactness,
            }
            for depth, clause in _clause_rows(draft)
        ],
    }


def library_text(drafts: tuple[Draft, ...]) -> str:
    """One block per draft: its id and title, its provenance, then its clause ids indented by depth."""
    if not drafts:
        return "no reference drafts are bundled\n"
    blocks: list[str] = []
    for draft in drafts:
        lines = [f"{draft.id}  {draft.title}"]
        for key in ("status", "date", "exactness", "source"):
            value = getattr(draft, key)
            if value:
                lines.append(f"  {key}: {value}")
        rows = _clause_rows(draft)
        width = max((2 * depth + len(clause.id) for depth, clause in rows), default=0)
        for depth, clause in rows:
            name = "  " * depth + clause.id
            label = " ".join(part for part in (clause.kind, clause.number) if part)
            title = f"  {clause.title}" if clause.title else ""
            missing = "  (text missing)" if clause.is_placeholder else ""
            lines.append(f"    {name:<{width}}  {label}{title}{missing}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


@click.command("library")
@click.argument("draft_ids", nargs=-1)
@format_option(["text", "json"], "text")
@output_option()
@handle_errors
def command(draft_ids: tuple[str, ...], output_format: str, output: str | None) -> None:
    """List the bundled reference drafts and their clause ids.

    A guarantee's 'mirrors: DRAFT-ID::CLAUSE-ID' may name any clause listed here; so may
    'clausekit diff DRAFT-ID::CLAUSE-ID ...'. Name DRAFT_IDS to show only those drafts.
    """
    from clausekit.errors import ClauseNotFoundError
    from clausekit.library import library, suggest_ids

    drafts = library()
    if draft_ids:
        known = {d.id: d for d in drafts}
        for wanted in draft_ids:
            if wanted not in known:
                hint = suggest_ids(wanted, list(known), "bundled drafts", "no reference drafts are bundled")
                raise ClauseNotFoundError(f"{wanted}: no bundled reference draft has this id ({hint})")
        drafts = tuple(known[wanted] for wanted in dict.fromkeys(draft_ids))
    if output_format == "json":
        emit(json.dumps(library_view(drafts), indent=2, ensure_ascii=False) + "\n", output)
    else:
        emit(library_text(drafts), output)
