"""A diff as one self-contained HTML page: summary on top, then each changed clause as
an inline redline or side by side; unchanged clauses folded away in ``<details>``.

The summary (counts, findings, notes) is the diff's shared view (``view.diff_view``),
so it says what the text and Markdown outputs say; the clauses are the rendered
paragraphs compared by ``diffview``, as in the Word redline.
"""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.diff.model import DraftDiff
from clausekit.errors import UsageError
from clausekit.render.diff.paragraphs import (
    ParagraphDiff,
    Rendered,
    clause_blocks,
    clause_diff,
    compare_blocks,
    compare_title_blocks,
    rendered,
)
from clausekit.render.diff.view import DiffView, RowView, diff_view

LAYOUTS = ("inline", "side-by-side")
TEMPLATE = "diff.html.j2"


@dataclass(frozen=True, slots=True)
class ChangedClause:
    row: RowView
    paragraphs: tuple[ParagraphDiff, ...]


@dataclass(frozen=True, slots=True)
class UnchangedClause:
    anchor: str
    label: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A run of unchanged clauses, shown folded."""

    clauses: tuple[UnchangedClause, ...]


@dataclass(frozen=True, slots=True)
class HtmlDiffView:
    summary: DiffView
    layout: str
    title_block: tuple[ParagraphDiff, ...]  # empty when the title blocks read the same
    sections: tuple[ChangedClause | Unchanged, ...]


def html_diff_view(diff: DraftDiff, layout: str = "inline") -> HtmlDiffView:
    if layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    summary = diff_view(diff)
    rows = {row.anchor: row for row in summary.rows}
    old, new = rendered(diff.old), rendered(diff.new)
    sections: list[ChangedClause | Unchanged] = []
    folded: list[UnchangedClause] = []
    for change in diff.changes:
        anchor = "c-" + change.key
        row = rows.get(anchor)
        if row is None:
            blocks = clause_blocks(new, change.new) or clause_blocks(old, change.old)
            folded.append(UnchangedClause(anchor, change.label, tuple(b.text for b in blocks)))
            continue
        if folded:
            sections.append(Unchanged(tuple(folded)))
            folded = []
        sections.append(ChangedClause(row, tuple(clause_diff(change, old, new))))
    if folded:
        sections.append(Unchanged(tuple(folded)))
    return HtmlDiffView(summary, layout, _title_block(old, new), tuple(sections))


def _title_block(old: Rendered, new: Rendered) -> tuple[ParagraphDiff, ...]:
    paragraphs = compare_title_blocks(old.title_block(), new.title_block()) + compare_blocks(
        old.before_provisions(), new.before_provisions()
    )
    return () if all(p.kind == "same" for p in paragraphs) else tuple(paragraphs)


def render_diff_html(diff: DraftDiff, layout: str = "inline", templates: str | None = None) -> str:
    """The page; ``layout`` is ``inline`` (one redline) or ``side-by-side`` (old | new)."""
    from clausekit.render import render_template

    return render_template(TEMPLATE, templates, view=html_diff_view(diff, layout))
