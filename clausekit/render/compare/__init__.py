"""A ``Comparison`` in every format ``clausekit compare`` writes.

``markdown`` and ``html`` come from templates (``templates/compare.*.j2``), ``json`` is the
published ``clausekit.compare/1`` document (``docs/compare.schema.json``), ``docx`` is a
landscape table (``compare_docx``) and ``clause`` the compilation text
(``clausekit.negotiation.compilation``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from clausekit.compare import Cell, Column, Comparison, IssueRow, Row
from clausekit.diff import clause_text, party_names
from clausekit.errors import UsageError
from clausekit.model import Provenance, provenance_lookup
from clausekit.render.compare.view import build_comparison_view, facts_pairs
from clausekit.render.formats import COMPARE_FORMATS

FORMATS = COMPARE_FORMATS
TEMPLATES = {"markdown": "compare.md.j2", "html": "compare.html.j2"}
SCHEMA = "clausekit.compare/1"


def render_comparison(comparison: Comparison, fmt: str, templates: str | None = None) -> str | bytes:
    """The comparison as ``markdown``, ``html``, ``json``, ``clause`` (str) or ``docx`` (bytes)."""
    if fmt in TEMPLATES:
        from clausekit.render import render_template

        return render_template(TEMPLATES[fmt], templates, view=build_comparison_view(comparison))
    if fmt == "json":
        return render_comparison_json(comparison)
    if fmt == "docx":
        from clausekit.render.compare.docx import render_comparison_docx

        return render_comparison_docx(comparison)
    if fmt == "clause":
        from clausekit.negotiation.compilation import compile_source

        return compile_source(comparison)
    raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _column(column: Column, base: int) -> dict[str, Any]:
    draft = column.draft
    return {
        "index": column.index,
        "code": column.code,
        "heading": column.heading,
        "label": column.heading,
        "base": column.index == base,
        "draft": {
            "id": draft.id,
            "title": draft.title,
            "proposer": draft.proposer,
            "date": draft.date,
            "status": draft.status,
            "exactness": draft.exactness,
            "path": draft.path,
        },
    }


def _cell(cell: Cell, names: Mapping[str, str], provenance: Provenance | None = None) -> dict[str, Any]:
    """One cell; ``provenance`` is its clause's (``model.provenance``: its own or inherited)."""
    clause = cell.clause
    return {
        "status": cell.status,
        "clause": None
        if clause is None
        else {
            "id": clause.id,
            "kind": clause.kind,
            "number": clause.number,
            "cited": cell.cited,
            "title": clause.title,
            "label": cell.label,
            "location": {"file": clause.location.file, "line": clause.location.line, "column": clause.location.column},
        },
        "text": clause_text(clause, names) if cell.has_text else None,  # type: ignore[arg-type]
        "facts": None if cell.facts is None else dict(facts_pairs_full(cell)),
        "similarity": cell.similarity,
        "moved": cell.moved,
        "words": [{"op": w.op, "text": w.text if w.op != "equal" else w.new_side} for w in cell.words],
        "findings": [
            {"kind": f.kind, "before": f.before, "after": f.after, "direction": f.direction, "detail": f.detail}
            for f in cell.findings
        ],
        "note": cell.note,
        "provenance": None if provenance is None else asdict(provenance),
    }


def facts_pairs_full(cell: Cell) -> list[tuple[str, list[str]]]:
    facts = cell.facts
    assert facts is not None
    return [
        ("modalities", list(facts.modalities)),
        ("quantities", list(facts.quantities)),
        ("durations", list(facts.durations)),
        ("qualifiers", list(facts.qualifiers)),
        ("guarantors", list(facts.guarantors)),
    ]


def comparison_data(comparison: Comparison) -> dict[str, Any]:
    """The JSON document as Python data."""
    names = [party_names(c.draft) for c in comparison.columns]
    lookups = [provenance_lookup(c.draft) for c in comparison.columns]

    def cells(row: Row) -> list[dict[str, Any]]:
        return [
            _cell(cell, names[col], None if cell.clause is None else lookups[col](cell.clause))
            for col, cell in enumerate(row.cells)
        ]

    return {
        "schema": SCHEMA,
        "base": comparison.base,
        "columns": [_column(c, comparison.base) for c in comparison.columns],
        "counts": comparison.counts(),
        "notes": list(comparison.notes),
        "by": comparison.by,
        "suggestions": [
            {
                "column": s.column,
                "clause": s.clause.id,
                "base_clause": s.base_clause.id,
                "score": s.score,
                "evidence": list(s.evidence),
                "field_line": s.field_line,
            }
            for s in comparison.suggestions
        ],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "parent": row.parent,
                "in_base": row.in_base,
                "state": row.state,
                "issues": list(row.issues),
                "issue": row.issue,
                "cells": cells(row),
            }
            for row in comparison.rows
        ],
        "issue_rows": [_issue_row(issue_row, len(comparison.columns)) for issue_row in comparison.issue_rows],
    }


def _issue_row(issue_row: IssueRow, columns: int) -> dict[str, Any]:
    """One row of the matrix by issue: each draft's stance and the rows (by key) of its clauses on it."""
    return {
        "issue": issue_row.issue,
        "description": issue_row.description,
        "state": issue_row.state,
        "positions": [
            {
                "column": col,
                "stance": issue_row.stance(col),
                "rows": [row.key for row, _ in issue_row.positions(col)],
            }
            for col in range(columns)
        ],
    }


def render_comparison_json(comparison: Comparison) -> str:
    return json.dumps(comparison_data(comparison), ensure_ascii=False, indent=2) + "\n"


__all__ = ["FORMATS", "SCHEMA", "comparison_data", "facts_pairs", "render_comparison", "render_comparison_json"]
