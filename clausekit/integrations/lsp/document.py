"""One open document, analysed: parsed, checked and outlined, with what survives a bad edit.

Nothing here speaks LSP: a ``Snapshot`` is what the server's features read. When an edit
leaves the draft unparsable, the last good model is kept for hover and completion, and the
check findings made on it are kept for the lines that still read as they did.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.errors import ClauseSyntaxError
from clausekit.integrations.lsp.incremental import reread
from clausekit.integrations.lsp.outline import Outline, outline
from clausekit.integrations.lsp.positions import UTF16, Lines
from clausekit.language.parser import loads
from clausekit.lint import Diagnostic, check_draft
from clausekit.model import Draft


@dataclass(frozen=True, slots=True)
class KeptFinding:
    """A check finding and the text of its line when it was made."""

    finding: Diagnostic
    line_text: str


@dataclass(slots=True)
class Snapshot:
    """A document's text at one version and what clausekit makes of it."""

    name: str
    text: str
    lines: Lines
    outline: Outline
    draft: Draft | None = None  # the last draft that parsed (perhaps of an earlier text)
    error: ClauseSyntaxError | None = None
    findings: tuple[KeptFinding, ...] = ()
    carried: bool = False  # the findings were made on an earlier text (this one does not parse)
    stale_draft: bool = False

    @property
    def current_draft(self) -> Draft | None:
        """The draft of this very text, None when it does not parse."""
        return None if self.stale_draft else self.draft


def _still_apply(previous: Snapshot, lines: Lines, error: ClauseSyntaxError) -> tuple[KeptFinding, ...]:
    """The earlier findings whose line is still there unchanged (perhaps moved by lines added
    or removed above it), at its new line; none on the line the syntax error is on."""
    matcher = difflib.SequenceMatcher(None, previous.lines.lines, lines.lines)
    moved = {a + k + 1: b + k + 1 for a, b, size in matcher.get_matching_blocks() for k in range(size)}
    kept: list[KeptFinding] = []
    for old in previous.findings:
        line = moved.get(old.finding.location.line)
        if line is None or line == error.line:
            continue
        location = replace(old.finding.location, line=line)
        kept.append(KeptFinding(replace(old.finding, location=location), old.line_text))
    return tuple(kept)


def analyse(
    name: str,
    text: str,
    others: Sequence[Draft] = (),
    previous: Snapshot | None = None,
    encoding: str = UTF16,
) -> Snapshot:
    """Parse and check ``text`` (named ``name`` in findings); ``others`` are drafts that
    ``mirrors`` may name; ``previous`` is the snapshot of the document's earlier text."""
    lines = Lines(text, encoding)
    quick = _reread(name, lines, previous)
    if quick is not None:
        draft, shape = quick
        return _checked(name, text, lines, shape, draft, others)
    shape = outline(text)
    try:
        draft = loads(text, filename=name)
    except ClauseSyntaxError as error:
        kept = _still_apply(previous, lines, error) if previous else ()
        old = previous.draft if previous else None
        return Snapshot(name, text, lines, shape, old, error, kept, carried=True, stale_draft=True)
    except RecursionError:
        error = ClauseSyntaxError("the draft nests too deeply to read", name, 1, 1)
        return Snapshot(name, text, lines, shape, None, error, stale_draft=True)
    return _checked(name, text, lines, shape, draft, others)


def _reread(name: str, lines: Lines, previous: Snapshot | None) -> tuple[Draft, Outline] | None:
    """The edited block read again alone, when the previous text parsed (``incremental``)."""
    if previous is None or previous.current_draft is None or previous.lines.bom != lines.bom:
        return None
    return reread(previous.current_draft, previous.outline, previous.lines.lines, lines.lines, name)


def _checked(name: str, text: str, lines: Lines, shape: Outline, draft: Draft, others: Sequence[Draft]) -> Snapshot:
    findings = check_draft(draft, (draft, *[d for d in others if d.location.file != name]))
    kept = tuple(KeptFinding(f, lines.line(f.location.line)) for f in findings if f.location.file == name)
    return Snapshot(name, text, lines, shape, draft, None, kept)
