"""A ``DraftDiff`` as JSON for scripts and CI, described by ``docs/diff.schema.json``.

The document carries ``"schema": "clausekit.diff/1"``. Adding fields keeps the major
version; renaming or removing one raises it (and the schema's ``$id``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from clausekit.diff import clause_text, party_names
from clausekit.diff.model import CHANGE_KINDS, ClauseChange, DraftDiff, Finding, WordOp
from clausekit.model import Clause, Draft, Provenance, provenance_lookup

SCHEMA = "clausekit.diff/1"


def _draft(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.id,
        "title": draft.title,
        "label": draft.label(),
        "proposer": draft.proposer,
        "date": draft.date,
        "status": draft.status,
        "exactness": draft.exactness,
        "language": draft.language,
        "path": draft.path,
    }


def _clause(
    clause: Clause, label: str | None, cited: str | None, names: Mapping[str, str], provenance: Provenance
) -> dict[str, Any]:
    location = clause.location
    return {
        "id": clause.id,
        "kind": clause.kind,
        "number": clause.number,
        "title": clause.title,
        "cited": cited,
        "label": label,
        "exactness": provenance.exactness,
        "provenance": {"source": provenance.source, "date": provenance.date, "proposer": provenance.proposer},
        "paragraph_exactness": [p.exactness for p in clause.paragraphs],
        "text": None if clause.is_placeholder else clause_text(clause, names),
        "location": {"file": location.file, "line": location.line, "column": location.column}
        if location.line
        else None,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "before": finding.before,
        "after": finding.after,
        "direction": finding.direction,
        "detail": finding.detail,
    }


def _word(op: WordOp) -> dict[str, Any]:
    out: dict[str, Any] = {"op": op.op, "text": op.text}
    if op.new_text is not None:
        out["new_text"] = op.new_text
    return out


Lookups = tuple[Callable[[Clause], Provenance], Callable[[Clause], Provenance]]


def _change(
    change: ClauseChange, names: tuple[Mapping[str, str], Mapping[str, str]], lookups: Lookups
) -> dict[str, Any]:
    old, new = change.old, change.new
    return {
        "key": change.key,
        "kinds": list(change.kinds),
        "match": change.match,
        "similarity": change.similarity,
        "old": _clause(old, change.old_label, change.old_cited, names[0], lookups[0](old)) if old is not None else None,
        "new": _clause(new, change.new_label, change.new_cited, names[1], lookups[1](new)) if new is not None else None,
        "words": [_word(op) for op in change.words],
        "findings": [_finding(f) for f in change.findings],
    }


def _head(diff: DraftDiff) -> dict[str, Any]:
    counts = diff.counts()
    finding_counts: dict[str, int] = {}
    for finding in diff.findings():
        finding_counts[finding.kind] = finding_counts.get(finding.kind, 0) + 1
    return {
        "schema": SCHEMA,
        "old": _draft(diff.old),
        "new": _draft(diff.new),
        "empty": diff.is_empty,
        "prose_analysed": diff.prose_analysed,
        "notes": list(diff.notes),
        "counts": {kind: counts[kind] for kind in CHANGE_KINDS},
        "finding_counts": dict(sorted(finding_counts.items())),
        "draft_findings": [_finding(f) for f in diff.draft_findings],
        "metadata": [{"field": name, "old": old, "new": new} for name, old, new in diff.metadata()],
    }


def diff_document(diff: DraftDiff) -> dict[str, Any]:
    """The JSON document as Python data (every row, unchanged ones included)."""
    names = (party_names(diff.old), party_names(diff.new))
    lookups = (provenance_lookup(diff.old), provenance_lookup(diff.new))
    return {**_head(diff), "changes": [_change(change, names, lookups) for change in diff.changes]}


def iter_diff_json(diff: DraftDiff) -> Iterator[str]:
    """The JSON text in chunks: the summary indented, then one row a line.

    A row a line keeps a large diff readable with grep and lets each row be encoded by
    the fast encoder and written as it comes, instead of building the whole text.
    """
    head = json.dumps(_head(diff), ensure_ascii=False, indent=2)
    yield head[: head.rindex("}")].rstrip() + ',\n  "changes": ['
    names = (party_names(diff.old), party_names(diff.new))
    lookups = (provenance_lookup(diff.old), provenance_lookup(diff.new))
    for index, change in enumerate(diff.changes):
        yield ("\n    " if index == 0 else ",\n    ") + json.dumps(_change(change, names, lookups), ensure_ascii=False)
    yield ("\n  ]" if diff.changes else "]") + "\n}\n"
