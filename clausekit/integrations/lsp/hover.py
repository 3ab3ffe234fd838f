"""What hovering over a name shows: a party's name and members, a term's definition, a
referenced clause's number, title and text, a bracket's alternatives by delegation."""

from __future__ import annotations

from collections.abc import Sequence

from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Occurrence
from clausekit.model import UNATTRIBUTED, Bracket, Clause, Draft, iter_inline, iter_paragraphs, plain_text

MAX_TEXT = 1200
"""A clause's text is shown up to this many characters (a hover is a glance, not a page)."""


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _party(draft: Draft, code: str) -> str | None:
    party = draft.party(code)
    if party is None:
        return None
    out = [f"**{party.code}**: {party.name}"]
    if party.aliases:
        out.append("also: " + ", ".join(party.aliases))
    if party.members:
        names = [f"{m} ({draft.party(m).name})" if draft.party(m) else m for m in party.members]  # type: ignore[union-attr]
        out.append("members: " + ", ".join(names))
    return "\n\n".join(out)


def _term(draft: Draft, name: str) -> str | None:
    for term in draft.terms():
        if " ".join(term.name.split()) == name:
            definition = "\n\n".join(plain_text(p.spans) for p in term.definition) or "(no definition)"
            return f'**"{term.name}"**\n\n{_shorten(definition)}'
    return None


def clause_text(draft: Draft, clause: Clause) -> str:
    names = {p.code: p.name for p in draft.parties}
    head = " ".join(x for x in (clause.kind.capitalize(), clause.number) if x)
    title = f" — {clause.title}" if clause.title else ""
    body = "\n\n".join(plain_text(p.spans, names) for p in clause.paragraphs)
    if not body and clause.is_placeholder:
        body = "(text not known: exactness missing)"
    return _shorten(f"**{head}{title}** (`{clause.id}`, {draft.id})\n\n{body}".rstrip())


def _bracket(draft: Draft, line: int, column: int) -> str | None:
    for paragraph, _owner in iter_paragraphs(draft):
        for span in iter_inline(paragraph.spans):
            if isinstance(span, Bracket) and (span.location.line, span.location.column) == (line, column):
                rows = [f"- **{o.party or UNATTRIBUTED}**: {plain_text(o.spans) or '(nothing)'}" for o in span.options]
                return "Alternatives not yet agreed:\n\n" + "\n".join(rows)
    return None


def _mirror(ref: str, drafts: Sequence[Draft]) -> str | None:
    from clausekit.library import find_mirror

    found = find_mirror(ref, drafts)
    if found is None:
        return None
    draft, clause = found
    return f"{draft.title}\n\n{clause_text(draft, clause)}"


def hover_text(snapshot: Snapshot, occurrence: Occurrence, drafts: Sequence[Draft]) -> str | None:
    """Markdown for what is under the cursor, None when there is nothing to say."""
    draft = snapshot.draft
    if occurrence.kind == "mirror":
        return _mirror(occurrence.name, drafts)
    if draft is None:
        return None
    if occurrence.kind == "party":
        return _party(draft, occurrence.name)
    if occurrence.kind == "term":
        return _term(draft, occurrence.name)
    if occurrence.kind == "clause":
        clause = draft.clause(occurrence.name)
        return clause_text(draft, clause) if clause else None
    if occurrence.kind == "bracket":
        return _bracket(draft, occurrence.line, occurrence.start + 1)
    return None
