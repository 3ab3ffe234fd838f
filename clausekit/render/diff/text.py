"""A ``DraftDiff`` as terminal text or Markdown: view data here, layout in templates.

``diff_view`` decides the words every text output shows (row headings, the runs of the
redline, the findings with the clause they belong to); ``templates/diff.txt.j2`` and
``templates/diff.md.j2`` lay them out. Colour and Markdown marks are applied by small
callables handed to the template, so the same view serves both.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from clausekit.diff import clause_text, party_names
from clausekit.diff.findings import party_label
from clausekit.diff.model import CHANGE_KINDS, ClauseChange, DraftDiff, Finding
from clausekit.errors import visible_controls
from clausekit.model import Draft
from clausekit.render.templates import environment, markdown_escape, markdown_inline

TEXT_TEMPLATE = "diff.txt.j2"
MARKDOWN_TEMPLATE = "diff.md.j2"

# Kinds that describe where a row stands rather than a change of words: a row shows
# its text in full when it was added or removed, its redline when modified.
_PARAGRAPH_BREAK = re.compile(r"(\n\s*\n)")


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
    # Rows whose change is not known (a text is missing on one side), named in one line rather
    # than one finding each: each stands below with what is known of it.
    unknown: tuple[FindingView, ...] = ()
    kind_width: int = 28  # the widest kind listed, for the text layout's column


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


def diff_view(diff: DraftDiff) -> DiffView:
    findings: list[FindingView] = [
        FindingView(f, None, None) for f in diff.draft_findings if not f.kind.startswith("party.")
    ]
    unknown: list[FindingView] = []
    rows: list[RowView] = []
    names = (party_names(diff.old), party_names(diff.new))
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
                    _note(change, runs),
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
    )


# --- terminal text ----------------------------------------------------------------------

_TEXT_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
# ANSI select-graphic-rendition codes: red deletions, green insertions, bold headings, the rest dim.
_COLOURS = {"delete": "31", "insert": "32", "heading": "1"}
_DIM = "2"


def _text_painter(color: bool) -> Callable[[str, str], str]:
    def paint(text: str, role: str) -> str:
        if role == "equal" or not text:
            return text
        if color:
            return f"\x1b[{_COLOURS.get(role, _DIM)}m{text}\x1b[0m"
        if role in _TEXT_MARKS:
            start, end = _TEXT_MARKS[role]
            return start + text + end
        return text

    return paint


def _visible(value: object) -> object:
    """The view with control characters in every text shown as stand-ins (␛, ␇): drafted
    text must not act on the terminal; the colours the painter adds afterwards still do."""
    if isinstance(value, str):
        return visible_controls(value)
    if isinstance(value, tuple):
        return tuple(_visible(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _visible(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def render_diff_text(diff: DraftDiff, color: bool = False, stat: bool = False, template_dir: str | None = None) -> str:
    """The diff for a terminal: ``[-deleted-]{+inserted+}`` marks, or colours when ``color``."""
    template = environment(template_dir).get_template(TEXT_TEMPLATE)
    return template.render(view=_visible(diff_view(diff)), paint=_text_painter(color), stat=stat)


# --- Markdown ---------------------------------------------------------------------------

_MD_MARKS = {"delete": "~~", "insert": "**"}


def markdown_run(text: str, op: str) -> str:
    """One run of a redline as Markdown: ~~deleted~~ or **inserted**, escaped.

    A mark may not begin or end with white space, nor span a paragraph break, so each
    paragraph's words are wrapped separately and the spaces around them left outside.
    """
    if op not in _MD_MARKS:
        return markdown_escape(text)
    mark = _MD_MARKS[op]
    out: list[str] = []
    for piece in _PARAGRAPH_BREAK.split(text):
        if not piece.strip():
            out.append(piece)
            continue
        core = piece.strip()
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()) :]
        out.append(f"{lead}{mark}{markdown_inline(core)}{mark}{trail}")
    return "".join(out)


_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def markdown_redline(runs: tuple[Run, ...]) -> str:
    """A whole redline as Markdown. A deletion and the insertion that replaces it are kept
    apart by one space ("~~600,000~~ **800,000**") unless white space already parts them;
    a line break inside a paragraph (guarantee fields, one a line) stays a line break."""
    out: list[str] = []
    previous: Run | None = None
    for current in runs:
        if (
            previous is not None
            and previous.op == "delete"
            and current.op == "insert"
            and not previous.text[-1:].isspace()
            and not current.text[:1].isspace()
        ):
            out.append(" ")
        out.append(markdown_run(current.text, current.op))
        previous = current
    return _LINE_BREAK.sub("  \n", "".join(out))


def render_diff_markdown(diff: DraftDiff, stat: bool = False, template_dir: str | None = None) -> str:
    """The diff as Markdown for a pull-request comment: summary, findings, then the clauses."""
    template = environment(template_dir).get_template(MARKDOWN_TEMPLATE)
    return template.render(view=diff_view(diff), redline=markdown_redline, stat=stat)
