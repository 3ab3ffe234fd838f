"""What hovering over a guarantee's opener line or its fields shows: its guarantee profile, each
dimension with its value and where it was read (docs/profile.md), so a drafter sees how strong
the promise reads while writing it."""

from __future__ import annotations

from clausekit.analysis.profile import read_profile
from clausekit.analysis.profile_model import Dimension
from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Block
from clausekit.language.syntax import FIELD_LINE
from clausekit.model import Clause, Draft


def _innermost(blocks: list[Block], line: int) -> Block | None:
    for block in blocks:
        if block.line <= line <= block.end_line:
            return _innermost(block.children, line) or block
    return None


def guarantee_at(snapshot: Snapshot, line: int) -> Clause | None:
    """The guarantee whose opener is ``line``, or whose field is written there (1-based)."""
    draft = snapshot.draft
    block = _innermost(snapshot.outline.blocks, line)
    if draft is None or block is None or block.keyword != "guarantee":
        return None
    on_field = snapshot.outline.contexts.get(line) == ("guarantee", True) and bool(
        FIELD_LINE.match(snapshot.lines.line(line).lstrip())
    )
    if line != block.line and not on_field:
        return None
    clause = draft.clause(block.name)
    return clause if clause is not None and clause.guarantee is not None else None


def _where(dimension: Dimension) -> str:
    """Where a value was read: the field or prose and its line, or that nothing states it."""
    if not dimension.evidence:
        return dimension.source.replace("-", " ")
    first = dimension.evidence[0]
    if first.origin == "prose":
        return f"prose, line {first.location.line}: “{first.text}”"
    # A field's words are the guarantee's own (its field lines are under the cursor): no line.
    return f"`{first.origin}:` field: “{first.text}”"


def profile_text(draft: Draft, clause: Clause) -> str:
    """Markdown: one line per dimension (``dimension: value``), with where it was read."""
    profile = read_profile(draft, clause)
    rows = [f"- **{d.name}**: {d.shown()} — {_where(d)}" for d in profile.dimensions]
    rows += [f"  - {d.name}: {d.disagreement}" for d in profile.dimensions if d.disagreement]
    return f"**Guarantee profile** of `{clause.id}` (docs/profile.md)\n\n" + "\n".join(rows)
