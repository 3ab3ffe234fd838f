"""A comparison laid out for people: what the Markdown, HTML and Word matrices show.

One view of one ``Comparison``: each renderer (templates for Markdown and HTML, python-docx
for Word, plain data for JSON) takes these rows, so they all say the same words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from clausekit.compare import Cell, Comparison, Facts, IssueRow, Row
from clausekit.compare.suggest import Suggestion
from clausekit.diff import clause_text, party_names
from clausekit.diff.model import WordOp, clause_label
from clausekit.model import ISSUES, Clause, Draft, Provenance, draft_provenance, provenance_lookup
from clausekit.render.diff.view import APART_BELOW

# What a reader sees for a cell with no comparable text (never blank: a gap is information).
STATUS_TEXT = {
    "base": "base text",
    "same": "same as base",
    "modified": "modified",
    "added": "not in base",
    "text": "base text not available",
    "gap": "no such clause",
    "missing": "text not available",
    "unknown": "not known",
}
NO_POSITION = "no position"
"""A gap in a matrix by issue where the draft has nothing at all on the row's issue."""
NO_ISSUE = "other provisions"
"""The heading of the rows that concern no issue, in a matrix by issue."""
STATE_TEXT = {"agreed": "agreed", "differs": "differs", "unknown": "agreed where known"}


@dataclass(frozen=True, slots=True)
class ColumnView:
    code: str
    heading: str
    title: str
    draft_id: str
    status: str | None
    exactness: str | None
    is_base: bool


@dataclass(frozen=True, slots=True)
class CellView:
    status: str
    status_text: str
    label: str | None
    text: str  # the clause's own words (guarantee fields first), "" for a gap or missing text
    runs: tuple[WordOp, ...]  # the word redline from the base clause (modified cells only)
    facts: tuple[tuple[str, str], ...]  # (name, values) for the facts found
    findings: tuple[str, ...]  # details of what the change means
    note: str | None
    moved: bool
    summary: str  # one line for the matrix: status and key facts
    # In a matrix by issue: the draft's clauses on the row's issue, each a cell of its own
    # (its label always shown); empty for a cell of one clause.
    parts: tuple[CellView, ...] = ()


@dataclass(frozen=True, slots=True)
class RowView:
    key: str
    anchor: str
    label: str
    state: str
    state_text: str
    depth: int
    in_base: bool
    cells: tuple[CellView, ...]
    # In a matrix by issue: the heading of the group this row opens (None inside a group), and
    # the issue key of a row that stands for an issue (each cell then lists its clauses as parts).
    group: str | None = None
    issue: str | None = None


@dataclass(frozen=True, slots=True)
class SuggestionView:
    """A suggested correspondence as a reader sees it (``compare --suggest``)."""

    column: str  # the heading of the draft whose clause it is
    clause: str  # "Clause 4 (nato-non-enlargement-2021)"
    base_clause: str  # the base's clause it may answer
    score: str  # "72%"
    evidence: tuple[str, ...]
    field_line: str  # what to write in the clause to accept it


@dataclass(frozen=True, slots=True)
class ComparisonView:
    title: str
    columns: tuple[ColumnView, ...]
    base_code: str  # the base's attribution code (the compilation's)
    rows: tuple[RowView, ...]
    counts: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    by: str = "clause"
    base_label: str = ""  # what the base's column is headed by
    suggestions: tuple[SuggestionView, ...] = ()


def facts_pairs(facts: Facts | None) -> tuple[tuple[str, str], ...]:
    if facts is None:
        return ()
    out = []
    for name, values in (
        ("modality", facts.modalities),
        ("quantities", facts.quantities),
        ("durations", facts.durations),
        ("qualifiers", facts.qualifiers),
        ("guarantors", facts.guarantors),
    ):
        if values:
            out.append((name, ", ".join(values)))
    return tuple(out)


def _summary(cell: Cell, facts: tuple[tuple[str, str], ...]) -> str:
    parts = [STATUS_TEXT[cell.status]]
    if cell.moved:
        parts[0] += ", moved"
    if cell.status == "modified" and cell.similarity is not None:
        parts[0] += f" ({cell.similarity:.0%} similar)"
    parts.extend(f"{name}: {values}" for name, values in facts)
    return "; ".join(parts)


def provenance_note(own: Provenance, draft: Draft) -> str | None:
    """What a reader of a cell must be told of its clause's provenance where it differs from
    its draft's (the column's): who proposes it, how exact it is, when it is dated."""
    header = draft_provenance(draft)
    parts: list[str] = []
    if own.proposer and own.proposer != header.proposer:
        party = draft.party(own.proposer)
        parts.append(f"proposed by {party.name if party else own.proposer} ({own.proposer})")
    if (own.exactness or "verbatim") != (header.exactness or "verbatim") and own.exactness != "missing":
        parts.append(own.exactness or "verbatim")
    if own.date and own.date != header.date:
        parts.append(f"dated {own.date}")
    return "; ".join(parts) or None


def _shown_whole(cell: Cell) -> bool:
    """Whether a modified cell is shown as its own words rather than a redline from the base's:
    below the diff's ``APART_BELOW`` (a third alike), as between different treaties, a redline
    interleaves two texts into one that neither says."""
    return cell.status == "modified" and cell.similarity is not None and cell.similarity < APART_BELOW


def cell_view(
    cell: Cell, row_label: str | None = None, names: Mapping[str, str] | None = None, provenance: str | None = None
) -> CellView:
    """One cell; its own label is shown only where it differs from the row's (renumbered).
    ``names``: how the cell's draft names its parties (``party_names``), for its text;
    ``provenance``: its clause's provenance where it differs from its draft's (``provenance_note``)."""
    facts = facts_pairs(cell.facts)
    text = clause_text(cell.clause, names) if cell.has_text else ""  # type: ignore[arg-type]
    shown = [f for f in cell.findings if f.kind not in ("clause.renumbered",)]
    apart = _shown_whole(cell)
    return CellView(
        status=cell.status,
        status_text=STATUS_TEXT[cell.status] + (f", {cell.similarity:.0%} similar" if apart else ""),
        label=None if cell.label == row_label else cell.label,
        text=text,
        runs=cell.words if cell.status == "modified" and not apart else (),
        facts=facts,
        findings=tuple(f.detail for f in shown),
        note="; ".join(n for n in (provenance, cell.note) if n) or None,
        moved=cell.moved,
        summary=_summary(cell, facts) + (f"; {provenance}" if provenance else ""),
    )


def _depths(rows: tuple[Row, ...]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for row in rows:
        depth[row.key] = depth.get(row.parent, -1) + 1 if row.parent is not None else 0
    return depth


def _first_code(row: Row, comparison: Comparison) -> str:
    """The draft a row not in the base comes from (the first that has the clause), by its column's heading."""
    for cell, column in zip(row.cells, comparison.columns, strict=True):
        if cell.clause is not None:
            return column.heading
    return "?"


def issue_heading(issue: str | None) -> str:
    """ "nato-membership: membership of NATO, ..." (what a group of a matrix by issue is headed by)."""
    return f"{issue}: {ISSUES[issue]}" if issue is not None else NO_ISSUE


STANCE_TEXT = {"unknown": "text not available", "none": NO_POSITION}
"""What a cell of a matrix by issue says above the draft's clauses on the issue (``IssueRow.stance``)."""


def _position(issue_row: IssueRow, col: int, clause_views: Mapping[str, RowView]) -> CellView:
    """One draft's position on one issue: its clauses on it, each as its own cell would show it
    in the matrix by clause, or "no position"."""
    stance = issue_row.stance(col)
    parts = []
    for row, cell in issue_row.positions(col):
        part = clause_views[row.key].cells[col]
        parts.append(replace(part, label=part.label or cell.label or clause_views[row.key].label))
    summary = "; ".join(f"{part.label}: {part.summary}" for part in parts) or NO_POSITION
    status = "gap" if stance == "none" else "missing" if stance == "unknown" else "position"
    text = STANCE_TEXT[stance] if stance != "position" else f"{len(parts)} clause{'s' if len(parts) != 1 else ''}"
    return CellView(status, text, None, "", (), (), (), None, False, summary, tuple(parts))


def _by_issue(comparison: Comparison, rows: tuple[RowView, ...]) -> tuple[RowView, ...]:
    """A matrix by issue: a row per issue (each draft's clauses on it, or "no position"), then the
    rows by clause that concern no issue, under one heading."""
    views = {row.key: view for row, view in zip(comparison.rows, rows, strict=True)}
    out = [
        RowView(
            issue_row.issue,
            "issue-" + issue_row.issue,
            issue_heading(issue_row.issue),
            issue_row.state,
            STATE_TEXT[issue_row.state],
            0,
            True,
            tuple(_position(issue_row, col, views) for col in range(len(comparison.columns))),
            issue=issue_row.issue,
        )
        for issue_row in comparison.issue_rows
    ]
    other = [views[row.key] for row in comparison.rows if row.issue is None]
    out.extend(replace(view, depth=0, group=NO_ISSUE if i == 0 else None) for i, view in enumerate(other))
    return tuple(out)


def build_comparison_view(comparison: Comparison) -> ComparisonView:
    columns = tuple(
        ColumnView(
            c.code,
            c.heading,
            c.draft.title,
            c.draft.id,
            c.draft.status,
            c.draft.exactness,
            c.index == comparison.base,
        )
        for c in comparison.columns
    )
    depths = _depths(comparison.rows)
    names = [party_names(c.draft) for c in comparison.columns]
    lookups = [provenance_lookup(c.draft) for c in comparison.columns]

    def note(cell: Cell, col: int) -> str | None:
        if cell.clause is None:
            return None
        said = provenance_note(lookups[col](cell.clause), comparison.columns[col].draft)
        # An excerpt's words are all a reader sees of it: the cell says they are not the whole text.
        excerpt = "excerpt (the source quotes part of the text)" if cell.clause.is_excerpt else None
        return "; ".join(part for part in (said, excerpt) if part) or None

    rows = tuple(
        RowView(
            row.key,
            "row-" + row.key,
            row.label if row.in_base else f"{row.label} ({_first_code(row, comparison)})",
            row.state,
            STATE_TEXT[row.state],
            depths.get(row.key, 0),
            row.in_base,
            tuple(cell_view(cell, row.label, names[col], note(cell, col)) for col, cell in enumerate(row.cells)),
        )
        for row in comparison.rows
    )
    if comparison.by == "issue":
        rows = _by_issue(comparison, rows)
    counts = Counter(row.state for row in rows)
    title = ("Comparison by issue: " if comparison.by == "issue" else "Comparison: ") + " / ".join(
        c.heading for c in columns
    )
    return ComparisonView(
        title,
        columns,
        columns[comparison.base].code,
        rows,
        tuple((state, counts[state]) for state in ("agreed", "differs", "unknown")),
        comparison.notes,
        comparison.by,
        columns[comparison.base].heading,
        tuple(_suggestion_view(s, comparison) for s in comparison.suggestions),
    )


def _suggestion_view(suggestion: Suggestion, comparison: Comparison) -> SuggestionView:
    def named(clause: Clause) -> str:
        label = clause_label(clause, None)
        return label if clause.id in label else f"{label} ({clause.id})"

    return SuggestionView(
        comparison.columns[suggestion.column].heading,
        named(suggestion.clause),
        named(suggestion.base_clause),
        f"{suggestion.score:.0%}",
        suggestion.evidence,
        suggestion.field_line,
    )
