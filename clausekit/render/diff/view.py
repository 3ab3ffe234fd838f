"""What every diff output says, before any layout: the rows that changed, their runs of text,
the findings with the clause they belong to, counts and notes. The text, Markdown and HTML
outputs all lay out one ``DiffView``, so they say the same words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from clausekit.diff import clause_text, party_names
from clausekit.diff.findings import party_label
from clausekit.diff.model import CHANGE_KINDS, ClauseChange, DraftDiff, Finding
from clausekit.diff.options import APART_BELOW as WORDS_APART_BELOW
from clausekit.model import Clause, Draft, Provenance, provenance_lookup


@dataclass(frozen=True, slots=True)
class Run:
    """One stretch of shown text: ``equal``, ``delete`` or ``insert``."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class FindingView:
    finding: Finding
    anchor: str | None  # the row it belongs to (None: about the drafts as a whole)
    where: str | None  # "Clause 5"

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def detail(self) -> str:
        return self.finding.detail

    @property
    def rest(self) -> str:
        """The sentence without the clause's name it may begin with (shown beside a link to it)."""
        detail = self.finding.detail
        if self.where and detail.startswith(self.where + " "):
            return detail[len(self.where) + 1 :]
        return detail

    @property
    def text(self) -> str:
        """The sentence, naming its clause unless it already does (structural findings)."""
        if self.where is None or self.kind in _STRUCTURAL:
            return self.finding.detail
        return f"{self.where}: {self.finding.detail}"


@dataclass(frozen=True, slots=True)
class RowView:
    key: str
    anchor: str
    label: str
    kinds: tuple[str, ...]
    status: str  # "modified, renumbered (was 6)"
    runs: tuple[Run, ...]
    findings: tuple[FindingView, ...]  # the row's findings other than its change kinds
    note: str | None
    # Old and new text to show one after the other instead of the redline: two texts less alike
    # than ``apart_below`` interleave into word soup (None: show the redline).
    apart: tuple[str, str] | None = None
    similarity: float = 1.0


@dataclass(frozen=True, slots=True)
class DiffView:
    old_label: str
    new_label: str
    old_path: str
    new_path: str
    total: int
    counts: tuple[tuple[str, int], ...]  # non-zero kinds, in CHANGE_KINDS order
    finding_counts: tuple[tuple[str, int], ...]
    findings: tuple[FindingView, ...]  # the summary list: neither declarations nor unknown rows
    rows: tuple[RowView, ...]  # changed rows only
    notes: tuple[str, ...]
    empty: bool
    # Parties the parties blocks declare on one side only, as one sentence (None: no such party).
    # True, but a declaration is not a change of any clause, so it is not listed among them.
    declared: str | None = None
    # Rows whose change is not known (a text is missing, or known only in part, on one side), named in one line rather
    # than one finding each: each stands below with what is known of it.
    unknown: tuple[FindingView, ...] = ()
    kind_width: int = 28  # the widest kind listed, for the text layout's column
    # The header fields that differ, as ("Date", old, new): shown as "old -> new" lines.
    metadata: tuple[tuple[str, str, str], ...] = ()


def change_anchor(change: ClauseChange) -> str:
    """The anchor of a row in HTML and Markdown (the same as a rendered clause's)."""
    return "c-" + change.key


def _draft_name(draft: Draft) -> str:
    return draft.path or draft.id


def _status(change: ClauseChange) -> str:
    parts = list(change.kinds)
    if "renumbered" in change.kinds and change.old is not None:
        parts[parts.index("renumbered")] = f"renumbered (was {change.old_cited or 'unnumbered'})"
    return ", ".join(parts)


def _runs(change: ClauseChange, names: tuple[Mapping[str, str], Mapping[str, str]]) -> tuple[Run, ...]:
    """The text shown for a row, parties by the names each draft declares (``names``: old, new).
    A modified row's redline already reads so (``ClauseChange.words``)."""
    if change.words:
        return tuple(Run(op.op, op.text if op.op == "delete" else op.new_side) for op in change.words)
    old_names, new_names = names
    if "unknown" in change.kinds:
        # Whatever text is known is shown as it stands: it is neither deleted nor inserted.
        if change.new is not None and not change.new.is_placeholder:
            text = clause_text(change.new, new_names)
        elif change.old is not None and not change.old.is_placeholder:
            text = clause_text(change.old, old_names)
        else:
            text = ""
        return (Run("equal", text),) if text else ()
    if change.new is None and change.old is not None:
        text = clause_text(change.old, old_names)
        return (Run("delete", text),) if text else ()
    if change.old is None and change.new is not None:
        text = clause_text(change.new, new_names)
        return (Run("insert", text),) if text else ()
    return ()


def _fields_note(change: ClauseChange) -> str | None:
    """Which guarantee fields the redline leaves out, their value not being known on a side."""
    parts = []
    for side, clause in (("old", change.old), ("new", change.new)):
        if clause is not None and clause.guarantee is not None and clause.guarantee.unknown:
            fields = ", ".join(clause.guarantee.unknown)
            parts.append(f"{fields}: not known in the {side} draft")
    return "; ".join(parts) + ", so not compared" if parts else None


def _note(change: ClauseChange, runs: tuple[Run, ...]) -> str | None:
    if "unknown" not in change.kinds:
        return _fields_note(change) if change.old is not None and change.new is not None else None
    known = [name for name, c in (("old", change.old), ("new", change.new)) if c is not None and not c.is_placeholder]
    if not runs or not known:
        return "no text known on either side"
    return f"the text below is the {known[0]} draft's; the other is not known"


def _exactness_of(clause: Clause, own: Provenance) -> str:
    """A clause's exactness for a diff reader: its level, and any paragraph of its own level."""
    level = own.exactness or "verbatim"
    paragraphs = [
        f"paragraph {number}: {p.exactness}"
        for number, p in enumerate(clause.paragraphs, start=1)
        if p.exactness and p.exactness != level
    ]
    return level + (f" ({', '.join(paragraphs)})" if paragraphs else "")


def exactness_note(change: ClauseChange, lookups: tuple[Callable[[Clause], Provenance], ...]) -> str | None:
    """How exact the texts of a changed row are, when either is not verbatim: a diff must not
    present a paraphrase or an unverified text as the words of a treaty."""
    sides = [
        (side, _exactness_of(clause, lookup(clause)))
        for side, clause, lookup in (("old", change.old, lookups[0]), ("new", change.new, lookups[1]))
        if clause is not None and not clause.is_placeholder
    ]
    if all(level == "verbatim" for _, level in sides):
        return None
    if len(sides) == 2 and sides[0][1] == sides[1][1]:
        return f"exactness: {sides[0][1]} (both texts)"
    return "exactness: " + ", ".join(f"{side} {level}" for side, level in sides)


_STRUCTURAL = frozenset(f"clause.{kind}" for kind in CHANGE_KINDS)


def _declared(diff: DraftDiff) -> str | None:
    """The parties declared on one side only, as one sentence."""
    added = [f.after for f in diff.draft_findings if f.kind == "party.added" and f.after]
    removed = [f.before for f in diff.draft_findings if f.kind == "party.removed" and f.before]
    if not added and not removed:
        return None
    parts = []
    if added:
        parts.append("Parties declared in the new draft only: " + "; ".join(party_label(c, diff.new) for c in added))
    if removed:
        parts.append("in the old draft only: " + "; ".join(party_label(c, diff.old) for c in removed))
    return ". ".join(part[0].upper() + part[1:] for part in parts) + "."


# Below this similarity a modified clause is shown as its old and its new text, apart (the
# diff's own rule for the parts of a guarantee, so the two never disagree).
APART_BELOW = WORDS_APART_BELOW


def _apart(change: ClauseChange, runs: tuple[Run, ...], below: float) -> tuple[str, str] | None:
    """The old and the new text of a modified row less alike than ``below``, as the runs read."""
    if not change.words or "modified" not in change.kinds or change.similarity >= below:
        return None
    old = "".join(run.text for run in runs if run.op != "insert")
    new = "".join(run.text for run in runs if run.op != "delete")
    return old, new


def diff_view(diff: DraftDiff, apart_below: float = APART_BELOW) -> DiffView:
    """The view of a diff; modified rows less alike than ``apart_below`` show their two texts
    apart (``RowView.apart``) rather than a redline (0: always a redline)."""
    findings: list[FindingView] = [
        FindingView(f, None, None) for f in diff.draft_findings if not f.kind.startswith("party.")
    ]
    unknown: list[FindingView] = []
    rows: list[RowView] = []
    names = (party_names(diff.old), party_names(diff.new))
    lookups = (provenance_lookup(diff.old), provenance_lookup(diff.new))
    for change in diff.changes:
        anchor = change_anchor(change)
        label = change.label
        row_findings = tuple(FindingView(f, anchor, label) for f in change.findings)
        for item in row_findings:
            (unknown if item.kind == "clause.unknown" else findings).append(item)
        if change.changed:
            runs = _runs(change, names)
            rows.append(
                RowView(
                    change.key,
                    anchor,
                    label,
                    change.kinds,
                    _status(change),
                    runs,
                    tuple(f for f in row_findings if f.kind not in _STRUCTURAL),
                    "; ".join(n for n in (exactness_note(change, lookups), _note(change, runs)) if n) or None,
                    _apart(change, runs, apart_below),
                    change.similarity,
                )
            )
    counts = diff.counts()
    finding_counts: dict[str, int] = {}
    for f in diff.findings():
        finding_counts[f.kind] = finding_counts.get(f.kind, 0) + 1
    notes = list(diff.notes)
    if not diff.prose_analysed:
        notes.append(
            "prose findings (modality, quantities, qualifiers, ...) were not computed: they are for English prose"
        )
    return DiffView(
        diff.old.label(),
        diff.new.label(),
        _draft_name(diff.old),
        _draft_name(diff.new),
        len(diff.changes),
        tuple((kind, counts[kind]) for kind in CHANGE_KINDS if counts[kind]),
        tuple(sorted(finding_counts.items())),
        tuple(findings),
        tuple(rows),
        tuple(notes),
        diff.is_empty,
        _declared(diff),
        tuple(unknown),
        max((len(f.kind) for f in findings), default=0),
        tuple((name.capitalize(), old, new) for name, old, new in diff.metadata()),
    )
