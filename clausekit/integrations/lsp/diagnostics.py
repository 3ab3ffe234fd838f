"""A snapshot's findings as LSP diagnostics: ranges, severities, codes, related places."""

from __future__ import annotations

import re

from lsprotocol import types

from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Occurrence
from clausekit.integrations.lsp.ranges import covered, occurrence_range, word_range
from clausekit.lint import Diagnostic

SOURCE = "clausekit"

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def _first_definition(snapshot: Snapshot, finding: Diagnostic) -> Occurrence | None:
    """For a ``duplicate-*`` finding: the earlier declaration of the same name."""
    if not finding.code.startswith("duplicate-"):
        return None
    line = finding.location.line
    here = [o for o in snapshot.outline.occurrences if o.line == line and o.definition]
    if not here:
        return None
    mine = here[0]
    for other in snapshot.outline.occurrences:
        if other.definition and other.kind == mine.kind and other.name == mine.name and other.line < line:
            return other
    return None


def _related(snapshot: Snapshot, finding: Diagnostic, uri: str) -> list[types.DiagnosticRelatedInformation] | None:
    first = _first_definition(snapshot, finding)
    if first is None:
        return None
    where = types.Location(uri=uri, range=occurrence_range(snapshot.lines, first))
    return [types.DiagnosticRelatedInformation(location=where, message=f"'{first.name}' is first declared here")]


NAMED_IN_MESSAGE = re.compile(r"'([^']+)'")
"""The name a finding is about, as its message quotes it first (``unknown party 'ZZ' as ...``)."""


def _where_named(snapshot: Snapshot, finding: Diagnostic) -> Occurrence | None:
    """A party finding located at its block's opener (a code in ``guarantor:``, ``members``) is
    shown where the code is written: the first use of that code from the opener's line on."""
    named = NAMED_IN_MESSAGE.search(finding.message)
    if finding.code != "unknown-party" or named is None:
        return None
    line = finding.location.line
    for occurrence in snapshot.outline.occurrences:
        if occurrence.kind == "party" and occurrence.name == named.group(1) and occurrence.line >= line:
            return occurrence
    return None


def from_finding(snapshot: Snapshot, finding: Diagnostic, uri: str) -> types.Diagnostic:
    named = _where_named(snapshot, finding)
    if named is not None and named.line != finding.location.line:
        where = occurrence_range(snapshot.lines, named)
    else:
        where = covered(snapshot.lines, snapshot.outline, finding.location.line, finding.location.column)
    return types.Diagnostic(
        range=where,
        message=finding.message,
        severity=SEVERITY[finding.level],
        code=finding.code,
        source=SOURCE,
        related_information=_related(snapshot, finding, uri),
    )


def diagnostics(snapshot: Snapshot, uri: str) -> list[types.Diagnostic]:
    """Everything to show for a document: its syntax error first, then the check findings
    (made on this text, or kept from the last text that parsed where they still apply)."""
    out: list[types.Diagnostic] = []
    error = snapshot.error
    if error is not None:
        out.append(
            types.Diagnostic(
                range=word_range(snapshot.lines, max(1, error.line), max(1, error.column)),
                message=error.message,
                severity=types.DiagnosticSeverity.Error,
                code="syntax-error",
                source=SOURCE,
            )
        )
    out.extend(from_finding(snapshot, kept.finding, uri) for kept in snapshot.findings)
    return out
