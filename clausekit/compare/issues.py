"""A matrix by issue: one row per negotiating issue, each draft's clauses on it, or no position.

Negotiators read proposals that were not written from one template as a "four-column
document": an issue per row, each party's text on it in its column. The matrix by clause
(``clausekit.compare.compare``) already aligns the drafts, reading ``corresponds:`` before
text; this module regroups its cells by the issues their clauses concern, so that a draft
whose position on an issue takes three clauses shows them in one cell, and a draft with no
clause on it says so.

Which clauses concern an issue:

- a clause concerns the issues its ``corresponds:`` names, or, when it names none, those of the
  provision it sits in (the sub-points of a point are on the point's issue);
- a clause that concerns no issue this way, but shares a row with clauses that do (the
  alignment made it their counterpart), concerns theirs;
- rows where no clause concerns any issue stay rows by clause, after the issues ("other
  provisions"), so that no clause of any draft is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clausekit.model import ISSUES, Clause, Draft

if TYPE_CHECKING:
    from clausekit.compare import Cell, Comparison, Row

STANCES = ("position", "unknown", "none")
"""What a draft says on an issue: ``position`` (it has a clause on it), ``unknown`` (its only
clauses there have no known text: ``exactness: missing``, or sub-points of such a point) or
``none`` (no clause on the issue: "no position")."""


@dataclass(frozen=True, slots=True)
class IssueRow:
    """One issue across the drafts: the rows of the matrix by clause that hold a clause on it.

    ``members[i][col]`` says whether the cell of ``rows[i]`` in column ``col`` is on the issue.
    """

    issue: str
    rows: tuple[Row, ...]
    members: tuple[tuple[bool, ...], ...]

    @property
    def description(self) -> str:
        return ISSUES[self.issue]

    def positions(self, column: int) -> tuple[tuple[Row, Cell], ...]:
        """The draft's cells on the issue, in the matrix's order (with the row each stands in)."""
        return tuple(
            (row, row.cells[column]) for row, member in zip(self.rows, self.members, strict=True) if member[column]
        )

    def stance(self, column: int) -> str:
        """One of ``STANCES``."""
        cells = [cell for _, cell in self.positions(column)]
        if any(cell.has_text for cell in cells):
            return "position"
        return "unknown" if cells else "none"

    @property
    def state(self) -> str:
        """``agreed`` when every row on the issue is agreed, ``unknown`` when what is known agrees
        (as ``Row.state``), else ``differs``."""
        states = {row.state for row in self.rows}
        if states <= {"agreed"}:
            return "agreed"
        return "unknown" if states <= {"agreed", "unknown"} else "differs"


def clause_issues(draft: Draft) -> dict[int, tuple[str, ...]]:
    """Each provision of the draft (by identity) -> the issues it concerns: its own
    ``corresponds:`` issues, else those of the provision it sits in."""
    out: dict[int, tuple[str, ...]] = {}

    def visit(clause: Clause, enclosing: tuple[str, ...]) -> None:
        issues = clause.issues or enclosing
        out[id(clause)] = issues
        for child in clause.clauses:
            visit(child, issues)

    for clause in draft.top_clauses():
        visit(clause, ())
    return out


def _cell_issues(comparison: Comparison) -> list[list[tuple[str, ...]]]:
    """For each row and column, the issues of the cell's clause (``clause_issues``); a cell with
    no clause, or whose clause concerns none, takes those of the row's other cells."""
    per_draft = [clause_issues(draft) for draft in comparison.drafts]
    out = []
    for row in comparison.rows:
        own = [per_draft[col].get(id(cell.clause), ()) for col, cell in enumerate(row.cells)]
        shared = tuple(dict.fromkeys(issue for issues in own for issue in issues))
        cells = zip(row.cells, own, strict=True)
        out.append([issues or (shared if _may_stand_for(cell) else ()) for cell, issues in cells])
    return out


def _may_stand_for(cell: Cell) -> bool:
    """Whether a cell without issues of its own stands on its row's issues: a clause (aligned
    with those on the issue), or a clause whose text may be there (``unknown``); a gap does not."""
    return cell.clause is not None or cell.status == "unknown"


def issue_rows(comparison: Comparison) -> tuple[IssueRow, ...]:
    """A row per issue that some clause of the comparison concerns, in the order of ``ISSUES``."""
    cell_issues = _cell_issues(comparison)
    found: dict[str, list[tuple[Row, tuple[bool, ...]]]] = {}
    for row, per_cell in zip(comparison.rows, cell_issues, strict=True):
        for key in dict.fromkeys(issue for issues in per_cell for issue in issues):
            found.setdefault(key, []).append((row, tuple(key in issues for issues in per_cell)))
    rows = tuple(
        IssueRow(key, tuple(row for row, _ in found[key]), tuple(member for _, member in found[key]))
        for key in ISSUES
        if key in found
    )
    return rows


def group_by_issue(comparison: Comparison) -> Comparison:
    """The comparison by issue (``Comparison.issue_rows``; ``by`` is ``"issue"``). Its clause rows
    are also regrouped, each under the first issue it concerns, in the order of ``ISSUES``
    (each group in the base's order), the rows that concern no issue last (``issue`` None): the
    matrix by issue shows these as "other provisions", and the JSON lists them so."""
    grouped = issue_rows(comparison)
    first: dict[str, str] = {}
    for issue_row in grouped:
        for row in issue_row.rows:
            first.setdefault(row.key, issue_row.issue)
    order = {key: i for i, key in enumerate(ISSUES)}
    ranked = sorted(
        enumerate(comparison.rows),
        key=lambda item: (order[first[item[1].key]] if item[1].key in first else len(order), item[0]),
    )
    rows = tuple(replace(row, issue=first.get(row.key)) for _, row in ranked)
    return replace(comparison, rows=rows, by="issue", issue_rows=grouped)
