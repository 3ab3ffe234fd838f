"""N-way comparison of drafts: ``compare(drafts, base=0) -> Comparison``.

Negotiators compare several rival drafts at once (the EU's "four-column document", a UN
compilation text). Each draft is aligned against one *base* draft with the diff
(``clausekit.diff.diff``: the aligner, the word redline and the findings), so the work is
k pairwise alignments of n log n each, not a progressive multiple alignment. A clause of
some draft that the base lacks becomes a row of its own, placed after the row of the
nearest clause before it that the draft shares with the base (before its first shared
clause when there is none before it, after the base's last row when it shares none);
clauses that several drafts add under the same id share one row (ids are stable by design).

Every renderer (position matrix as Markdown, HTML, Word, JSON; the compilation text) is a
view of the one ``Comparison`` built here. A placeholder (``exactness: missing``) is a cell
whose text is not available: never a gap, never agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clausekit.analysis import analyse_paragraphs, is_english, match_aliases
from clausekit.callable_modules import make_module_callable as _make_callable
from clausekit.diff import diff, diff_clauses
from clausekit.diff.model import ClauseChange, DraftDiff, Finding, WordOp, clause_label
from clausekit.diff.options import DiffOptions
from clausekit.errors import UsageError
from clausekit.language.syntax import PARTY_CODE_FULL
from clausekit.model import Clause, Draft, cited_numbers, guarantee_prose

if TYPE_CHECKING:
    from clausekit.compare.issues import IssueRow
    from clausekit.compare.suggest import Suggestion

__all__ = [
    "CELL_STATUSES",
    "GROUPINGS",
    "Cell",
    "Column",
    "Comparison",
    "Facts",
    "IssueRow",
    "Row",
    "attribution_codes",
    "compare",
    "compare_clauses",
    "default_labels",
    "group_by_issue",
]

CELL_STATUSES = ("base", "same", "modified", "added", "text", "gap", "missing", "unknown")
"""What a cell holds:

- ``base``: the base draft's clause (the reference of its row);
- ``same``: the same words as the base's clause; ``modified``: different words (see the redline);
- ``added``: a clause the base draft does not have;
- ``text``: a clause whose base counterpart is a placeholder, so it cannot be compared;
- ``gap``: the draft has no such clause;
- ``missing``: the draft has the clause, but its text is not available (``exactness: missing``);
- ``unknown``: the draft has no such clause as far as is known, but it sits inside a point
  whose text is missing in that draft, or known only in part (``extent: excerpt``), so it may
  be there.
"""


@dataclass(frozen=True, slots=True)
class Column:
    """One draft of the comparison, headed by its proposer and date.

    ``code`` attributes the draft's alternatives in the compilation text: the proposer's
    party code, or ``US-2``, ``US-3`` for the second and third drafts of one proposer
    (the first keeps ``US``), or ``D1``, ``D2`` ... (the column number) for a draft
    without a proposer.
    """

    index: int
    draft: Draft
    code: str
    # What the column is headed by: ``--label``, else ``default_labels``.
    label: str = ""

    @property
    def proposer(self) -> str | None:
        return self.draft.proposer

    @property
    def date(self) -> str | None:
        return self.draft.date

    @property
    def heading(self) -> str:
        """ "US, 2025-11-20" (what a column is headed by: its label)."""
        return self.label or default_labels([self.draft])[0]


@dataclass(frozen=True, slots=True)
class Facts:
    """The key facts of a clause as ``clausekit.analysis`` reads them (English prose only)."""

    modalities: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    durations: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    guarantors: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.modalities or self.quantities or self.durations or self.qualifiers or self.guarantors)


@dataclass(frozen=True, slots=True)
class Cell:
    """One draft's position on one row.

    ``words`` is the word redline from the base's clause to this one and ``findings`` what
    the change means (both empty unless ``status`` is ``modified``; findings also say when a
    clause moved or was renumbered). ``similarity`` is the diff's ratio to the base clause.
    """

    status: str
    clause: Clause | None = None
    cited: str | None = None
    facts: Facts | None = None
    similarity: float | None = None
    words: tuple[WordOp, ...] = ()
    findings: tuple[Finding, ...] = ()
    moved: bool = False
    note: str | None = None

    @property
    def has_text(self) -> bool:
        return self.clause is not None and not self.clause.is_placeholder

    @property
    def label(self) -> str | None:
        return clause_label(self.clause, self.cited) if self.clause is not None else None


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned clause across the drafts: a cell per column.

    ``key`` is a stable id for the row (the base clause's id, or the id of the clause that a
    draft added); ``parent`` the key of the row of the clause it sits in (None at the top).
    ``in_base`` says whether the base draft has the clause.
    """

    key: str
    cells: tuple[Cell, ...]
    in_base: bool
    parent: str | None = None
    # The issue the row is grouped under (``group_by_issue``); None when not grouped, or
    # for the rows that concern no issue.
    issue: str | None = None

    @property
    def issues(self) -> tuple[str, ...]:
        """The issue keys its clauses concern (``corresponds:``), the base's first, each once."""
        ordered = sorted(self.cells, key=lambda cell: cell.status != "base")
        return tuple(dict.fromkeys(key for cell in ordered if cell.clause is not None for key in cell.clause.issues))

    @property
    def label(self) -> str:
        """How a reader names the row: as the base draft does, else as the first draft that has it."""
        present = [cell for cell in self.cells if cell.clause is not None]
        lead = next((cell for cell in present if cell.status == "base"), present[0] if present else None)
        return (lead.label if lead is not None else None) or self.key

    @property
    def state(self) -> str:
        """``agreed`` (every draft has the same words), ``unknown`` (some text is not
        available, and what is known agrees) or ``differs``."""
        statuses = {cell.status for cell in self.cells}
        if statuses <= {"base", "same"}:
            return "agreed"
        # Texts compared with a base whose text is missing agree only if they are the same words.
        unplaced = {(c.clause.paragraphs, c.clause.guarantee) for c in self.cells if c.status == "text" and c.clause}
        if statuses <= {"base", "same", "missing", "unknown", "text"} and len(unplaced) <= 1:
            return "unknown"
        return "differs"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several drafts side by side: a column per draft, a row per aligned clause."""

    columns: tuple[Column, ...]
    base: int
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    by: str = "clause"  # or "issue" (``group_by_issue``)
    # Likely pairs no id or correspondence states (``clausekit.compare.suggest``), never applied.
    suggestions: tuple[Suggestion, ...] = ()
    # A row per issue (``group_by_issue``; empty unless ``by`` is "issue").
    issue_rows: tuple[IssueRow, ...] = ()

    @property
    def drafts(self) -> tuple[Draft, ...]:
        return tuple(column.draft for column in self.columns)

    def counts(self) -> dict[str, int]:
        """Rows by state: agreed, differs, unknown."""
        counts = {"agreed": 0, "differs": 0, "unknown": 0}
        for row in self.rows:
            counts[row.state] += 1
        return counts

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


GROUPINGS = ("clause", "issue")
"""How the rows of a comparison may be ordered: as the base draft's clauses, or by issue."""


LONG_TITLE = 32
"""A title longer than this heads a column by the draft's id instead (a column is narrow)."""


def default_labels(drafts: Sequence[Draft]) -> tuple[str, ...]:
    """How each draft's column is headed when no ``--label`` names it: its proposer and date
    ("US, 2025-11-20"); a draft with no proposer by its title and date when every such draft's
    title is short (``LONG_TITLE``), else by its id and date, so that columns are named alike
    (never one by title and its neighbour by id); a label two drafts would share gets "(2)",
    "(3)" after the first. Never a column number."""
    unnamed = [draft for draft in drafts if not draft.proposer]
    by_title = all(draft.title and len(draft.title) <= LONG_TITLE for draft in unnamed)
    out: list[str] = []
    for draft in drafts:
        name = draft.proposer or (draft.title if by_title else draft.id)
        label = f"{name}, {draft.date}" if draft.date else name
        n, unique = 1, label
        while unique in out:
            n += 1
            unique = f"{label} ({n})"
        out.append(unique)
    return tuple(out)


def attribution_codes(drafts: Sequence[Draft]) -> tuple[str, ...]:
    """The code each draft's alternatives are attributed to (see ``Column``)."""
    taken: set[str] = set()
    for draft in drafts:
        taken.update(party.code for party in draft.parties)
    out: list[str] = []
    seen: dict[str, int] = {}
    for index, draft in enumerate(drafts, start=1):
        proposer = draft.proposer if draft.proposer and PARTY_CODE_FULL.match(draft.proposer) else None
        if proposer is None:
            code = f"D{index}"
            while code in taken or code in out:
                code += "X"
        else:
            seen[proposer] = seen.get(proposer, 0) + 1
            code = proposer
            if seen[proposer] > 1:
                n = seen[proposer]
                code = f"{proposer}-{n}"
                while code in out or (code in taken and code not in (draft.proposer,)):
                    n += 1
                    code = f"{proposer}-{n}"
        out.append(code)
    return tuple(out)


def clause_facts(clause: Clause, draft: Draft, cache: dict | None = None) -> Facts | None:
    """The key facts of a clause (its prose and its guarantee fields); None for a placeholder.

    ``cache`` (any dict, kept by the caller) remembers facts by the clause's words: most
    clauses of rival drafts are word for word the base's, and are read once.
    """
    if clause.is_placeholder:
        return None
    guarantors = clause.guarantee.guarantors if clause.guarantee is not None else ()
    if not is_english(draft.language):
        return Facts(guarantors=guarantors)
    paragraphs = clause.paragraphs + guarantee_prose(clause.guarantee)
    if not paragraphs:
        return Facts(guarantors=guarantors)
    aliases = match_aliases(draft.parties)
    key = None
    if cache is not None:
        key = (paragraphs, clause.guarantee, tuple(sorted(aliases.items())))
        found = cache.get(key)
        if found is not None:
            return found
    facts = analyse_paragraphs(paragraphs, aliases=aliases)
    modality = clause.guarantee.modality if clause.guarantee is not None and clause.guarantee.modality else None
    out = Facts(
        modalities=tuple(dict.fromkeys(([modality] if modality else []) + [m.phrase for m in facts.modalities])),
        quantities=tuple(dict.fromkeys(q.text for q in facts.quantities)),
        durations=tuple(dict.fromkeys(d.text for d in facts.durations)),
        qualifiers=tuple(dict.fromkeys(q.text for q in facts.qualifiers)),
        guarantors=guarantors,
    )
    if cache is not None:
        cache[key] = out
    return out


def _parent_ids(draft: Draft) -> dict[int, Clause | None]:
    """Each provision (by identity) -> the provision it sits in (None at the top)."""
    out: dict[int, Clause | None] = {}

    def visit(clause: Clause, parent: Clause | None) -> None:
        out[id(clause)] = parent
        for child in clause.clauses:
            visit(child, clause)

    for clause in draft.top_clauses():
        visit(clause, None)
    return out


class _ExtraRow:
    """A row for clauses the base draft lacks, filled in as the drafts are read."""

    __slots__ = ("anchor", "cells", "key", "parent")

    def __init__(self, key: str, anchor: int, width: int, parent: str | None) -> None:
        self.key = key
        self.anchor = anchor
        self.parent = parent
        self.cells: list[Cell | None] = [None] * width


def compare_clauses(
    picks: Sequence[tuple[Draft, Clause]],
    base: int = 0,
    options: DiffOptions | None = None,
    labels: Sequence[str] = (),
) -> Comparison:
    """Compare one clause of each draft (``NATO::art-5 JAPAN::art-v ...``): the clauses chosen
    share the first row whatever their ids, the provisions nested in them align below it."""
    drafts = tuple(replace(draft, body=(clause,)) for draft, clause in picks)
    return compare(drafts, base, options, single=True, labels=labels)


def compare(
    drafts: Sequence[Draft],
    base: int = 0,
    options: DiffOptions | None = None,
    single: bool = False,
    labels: Sequence[str] = (),
) -> Comparison:
    """Compare several drafts clause by clause against ``drafts[base]``.

    ``single``: each draft holds one provision (``compare_clauses``), and those are one row.
    ``labels`` head the first columns (the others get ``default_labels``)."""
    drafts = tuple(drafts)
    if len(drafts) < 2:
        raise UsageError("compare needs at least two drafts")
    if not 0 <= base < len(drafts):
        raise UsageError(f"base {base} is not one of the {len(drafts)} drafts")
    options = options or DiffOptions()
    if len(labels) > len(drafts):
        raise UsageError(f"{len(labels)} labels for {len(drafts)} drafts: give at most one a draft")
    codes = attribution_codes(drafts)
    headings = tuple(labels) + default_labels(drafts)[len(labels) :]
    columns = tuple(
        Column(index, draft, code, heading)
        for index, (draft, code, heading) in enumerate(zip(drafts, codes, headings, strict=True))
    )
    grid = _Grid(drafts, base)
    notes: list[str] = []
    for col, draft in enumerate(drafts):
        if col != base:
            result = _diff_one(drafts[base], draft, options) if single else diff(drafts[base], draft, options)
            notes.extend(f"{headings[col]}: {note}" for note in result.notes)
            grid.add(col, draft, result)
    if not single:
        follow_correspondences(grid, options)
    return Comparison(columns, base, grid.rows(), tuple(dict.fromkeys(notes)))


def _diff_one(base: Draft, other: Draft, options: DiffOptions) -> DraftDiff:
    """The diff of two drafts of one provision each, paired whatever their ids."""
    (old,) = base.top_clauses()
    (new,) = other.top_clauses()
    return diff_clauses(old, new, base, other, options)


class _Grid:
    """The matrix while it is filled in: a row per clause of the base draft, and rows for the
    clauses other drafts add, each anchored after the base row it follows."""

    def __init__(self, drafts: tuple[Draft, ...], base: int) -> None:
        self.width = len(drafts)
        base_draft = drafts[base]
        self.base_draft = base_draft
        self.base_clauses = base_draft.walk()
        self.base_index = {id(clause): i for i, clause in enumerate(self.base_clauses)}
        self.cache: dict = {}  # facts by wording (``clause_facts``)
        cites = cited_numbers(base_draft.top_clauses())
        self.cells: list[list[Cell | None]] = [[None] * self.width for _ in self.base_clauses]
        for i, clause in enumerate(self.base_clauses):
            facts = clause_facts(clause, base_draft, self.cache)
            status = "missing" if clause.is_placeholder else "base"
            self.cells[i][base] = Cell(status, clause, cites.get(clause.id), facts, 1.0 if facts else None)
        self.used_keys = {clause.id for clause in self.base_clauses}
        self.extras: dict[str, _ExtraRow] = {}
        self.extras_after: dict[int, list[_ExtraRow]] = {}
        self.drafts = drafts

    def add(self, col: int, draft: Draft, result: DraftDiff) -> None:
        """One draft's column, from its diff against the base."""
        parents = _parent_ids(draft)
        # Which row each of this draft's clauses landed in (its parent's row is where it nests).
        row_of: dict[int, str] = {}
        # Clauses before the draft's first shared clause stand just before that clause's
        # row, and a draft that shares none (a position paper beside a treaty text) follows
        # the base's rows: the base's own order opens the matrix.
        shared = [self.base_index[id(c.old)] for c in result.changes if c.old is not None and c.new is not None]
        anchor = min(shared) - 1 if shared else len(self.base_clauses) - 1
        for change in result.changes:
            if change.old is None:
                assert change.new is not None
                self.add_extra(col, draft, change, anchor, row_of, parents)
                continue
            o = self.base_index[id(change.old)]
            if change.new is None:
                self.cells[o][col] = _absent_cell(change)
                continue
            self.cells[o][col] = _paired_cell(change, draft, self.cache)
            row_of[id(change.new)] = self.base_clauses[o].id
            anchor = o

    def add_extra(
        self,
        col: int,
        draft: Draft,
        change: ClauseChange,
        anchor: int,
        row_of: dict[int, str],
        parents: dict[int, Clause | None],
    ) -> None:
        """A clause the base lacks: into the row other drafts opened for its id, or a new one."""
        clause = change.new
        assert clause is not None
        parent = parents.get(id(clause))
        parent_key = row_of.get(id(parent)) if parent is not None else None
        row = self.extras.get(clause.id)
        if row is None or row.cells[col] is not None:
            key = clause.id
            n = 1
            while key in self.used_keys:
                n += 1
                key = f"{clause.id}-{n}"
            self.used_keys.add(key)
            row = self.extras[key] = _ExtraRow(key, anchor, self.width, parent_key)
            self.extras_after.setdefault(anchor, []).append(row)
        row_of[id(clause)] = row.key
        status = "missing" if clause.is_placeholder else "added"
        row.cells[col] = Cell(status, clause, change.new_cited, clause_facts(clause, draft, self.cache))

    def rows(self) -> tuple[Row, ...]:
        """The rows in reading order: the base's, each followed by the extra rows anchored after it."""
        rows: list[Row] = []
        state_of: dict[str, tuple[Cell, ...]] = {}

        def add_extras(anchor: int) -> None:
            for extra in self.extras_after.get(anchor, ()):
                cells = tuple(
                    cell if cell is not None else _filler(extra.parent, col, state_of)
                    for col, cell in enumerate(extra.cells)
                )
                state_of[extra.key] = cells
                rows.append(Row(extra.key, cells, False, extra.parent))

        base_parent = _parent_ids(self.base_draft)
        add_extras(-1)
        for i, clause in enumerate(self.base_clauses):
            parent = base_parent.get(id(clause))
            cells = tuple(cell if cell is not None else Cell("gap") for cell in self.cells[i])
            state_of[clause.id] = cells
            rows.append(Row(clause.id, cells, True, parent.id if parent is not None else None))
            add_extras(i)
        return tuple(rows)


# --- correspondences stated to any draft of the comparison, not only to the base -------------


def follow_correspondences(grid: _Grid, options: DiffOptions) -> None:
    """A clause the base lacks, that its draft (or another draft) states corresponds to a clause
    of a third draft (``corresponds: draft-id::clause-id``), joins the row that clause stands in
    when its column's cell there is free: the US point that Russia's demand answers is in the
    base's row, so the demand is too, even though Russia named the US point and the base is the
    E3 text. Such a cell says what placed it; a few passes follow chains (A -> B -> base). A
    draft id held by two columns (two versions of one draft) names neither."""
    links = _stated_links(grid.drafts)
    for _ in range(len(grid.drafts) if links else 0):
        if not _follow_once(grid, links, options):
            return


Link = tuple[int, str]
"""A clause of the comparison: its column and its id."""


def _stated_links(drafts: Sequence[Draft]) -> dict[Link, list[tuple[Link, bool]]]:
    """Each clause's stated counterparts in other columns, whichever side states them (True: this
    clause states it)."""
    columns_of: dict[str, list[int]] = {}
    for col, draft in enumerate(drafts):
        columns_of.setdefault(draft.id, []).append(col)
    links: dict[Link, list[tuple[Link, bool]]] = {}
    for col, draft in enumerate(drafts):
        for clause in draft.walk():
            for ref in clause.counterparts:
                draft_id, _, clause_id = ref.rpartition("::")
                cols = columns_of.get(draft_id, [])
                if len(cols) == 1 and cols[0] != col:
                    links.setdefault((col, clause.id), []).append(((cols[0], clause_id), True))
                    links.setdefault((cols[0], clause_id), []).append(((col, clause.id), False))
    return links


def _follow_once(grid: _Grid, links: dict[Link, list[tuple[Link, bool]]], options: DiffOptions) -> bool:
    placed = _placed(grid)
    moved = False
    for extra in list(grid.extras.values()):
        for col, cell in enumerate(extra.cells):
            if cell is None or cell.status != "added" or cell.clause is None:
                continue
            for other, stated_here in links.get((col, cell.clause.id), ()):
                target = placed.get(other)
                # The clause that states a correspondence joins the row of the one it names;
                # a clause named by another joins it only in a base row (rows of the base stay).
                if target is None or target is extra or not (stated_here or isinstance(target, int)):
                    continue
                if _free(grid, target, col):
                    ref = f"{grid.drafts[other[0]].id}::{other[1]}"
                    _move(grid, extra, col, target, ref, options)
                    placed[(col, cell.clause.id)] = target
                    moved = True
                    break
    return moved


def _placed(grid: _Grid) -> dict[Link, int | _ExtraRow]:
    """Where each clause of each column stands: a base row (its index) or an extra row."""
    out: dict[Link, int | _ExtraRow] = {}
    for i, cells in enumerate(grid.cells):
        for col, cell in enumerate(cells):
            if cell is not None and cell.clause is not None:
                out[(col, cell.clause.id)] = i
    for extra in grid.extras.values():
        for col, cell in enumerate(extra.cells):
            if cell is not None and cell.clause is not None:
                out[(col, cell.clause.id)] = extra
    return out


def _free(grid: _Grid, target: int | _ExtraRow, col: int) -> bool:
    cell = grid.cells[target][col] if isinstance(target, int) else target.cells[col]
    return cell is None or (cell.status == "gap" and cell.clause is None)


def _move(grid: _Grid, extra: _ExtraRow, col: int, target: int | _ExtraRow, ref: str, options: DiffOptions) -> None:
    """Move the cell of column ``col`` from ``extra`` into ``target``, paired with the base's
    clause when ``target`` is a base row (its redline and findings against it)."""
    cell = extra.cells[col]
    assert cell is not None and cell.clause is not None
    note = f"in this row by its stated correspondence to {ref}"
    if isinstance(target, int):
        result = diff_clauses(grid.base_clauses[target], cell.clause, grid.base_draft, grid.drafts[col], options)
        (change,) = [c for c in result.changes if c.old is grid.base_clauses[target] and c.new is cell.clause]
        paired = _paired_cell(change, grid.drafts[col], grid.cache)
        grid.cells[target][col] = replace(paired, note="; ".join(n for n in (paired.note, note) if n))
    else:
        target.cells[col] = replace(cell, note="; ".join(n for n in (cell.note, note) if n))
    extra.cells[col] = None
    if all(c is None for c in extra.cells):
        del grid.extras[extra.key]
        grid.extras_after[extra.anchor].remove(extra)


def _filler(parent: str | None, col: int, state_of: dict[str, tuple[Cell, ...]]) -> Cell:
    """The cell of a draft that lacks a clause the base also lacks: a gap, unless the point
    it would sit in has no known text in that draft."""
    if parent is not None and parent in state_of and state_of[parent][col].status in ("missing", "unknown"):
        return Cell("unknown", note="the text of the point it belongs to is not available in this draft")
    holder = state_of[parent][col].clause if parent is not None and parent in state_of else None
    if holder is not None and holder.is_excerpt:
        return Cell("unknown", note="the text of the point it belongs to is an excerpt: it may be in the full text")
    return Cell("gap")


def _paired_cell(change: ClauseChange, draft: Draft, cache: dict) -> Cell:
    clause = change.new
    assert clause is not None and change.old is not None
    moved = "moved" in change.kinds
    facts = clause_facts(clause, draft, cache)
    if clause.is_placeholder:
        return Cell("missing", clause, change.new_cited, None, None, (), (), moved)
    if change.old.is_placeholder:
        note = "the base draft's text of this clause is not available"
        return Cell("text", clause, change.new_cited, facts, None, (), (), moved, note)
    status = "modified" if "modified" in change.kinds else "same"
    # The structural finding "modified" says no more than the status; keep what it means.
    findings = tuple(f for f in change.findings if f.kind != "clause.modified")
    return Cell(status, clause, change.new_cited, facts, change.similarity, change.words, findings, moved)


def _absent_cell(change: ClauseChange) -> Cell:
    if "unknown" in change.kinds:
        detail = change.findings[0].detail if change.findings else None
        return Cell("unknown", note=detail)
    return Cell("gap")


# The matrix by issue is a view of this one's cells (its own module, for its own rules).
from clausekit.compare.issues import IssueRow, group_by_issue  # noqa: E402

# ``clausekit.compare(...)`` calls compare() (see clausekit/callable_modules.py).
_make_callable(__name__, "compare")
