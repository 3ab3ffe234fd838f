"""Taking one delegation's side of every bracket: ``clausekit render --accept E3``.

A bracket with an option attributed to the party becomes that option's words; any
other bracket stays open, and the count of open brackets is reported so a reader is
never led to think a text is agreed when it is not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from clausekit.errors import UsageError
from clausekit.model import (
    PROVISION_FIELDS,
    Bracket,
    Clause,
    Draft,
    Inline,
    Paragraph,
    Term,
    Text,
    alternative_provenance,
    draft_provenance,
    iter_paragraphs,
    join_texts,
    map_guarantee_prose,
    provenance_lookup,
)


@dataclass(frozen=True, slots=True)
class Accepted:
    """The draft with ``party``'s options taken; ``taken`` brackets closed, ``open`` left."""

    draft: Draft
    party: str
    taken: int
    open: int


def count_open(draft: Draft) -> int:
    """How many negotiation brackets a draft holds."""
    return sum(isinstance(span, Bracket) for paragraph, _ in iter_paragraphs(draft) for span in paragraph.spans)


def accept_brackets(draft: Draft, party: str) -> Accepted:
    """Take ``party``'s alternative in every bracket that has one."""
    if draft.party(party) is None:
        declared = ", ".join(p.code for p in draft.parties) or "none"
        raise UsageError(f"--accept {party}: the draft declares no party {party} (declared: {declared})")
    taker = _AlternativeTaker(party)
    return Accepted(_taken_provenance(taker.draft(draft), party), party, taker.taken, taker.open)


def _taken_provenance(draft: Draft, party: str) -> Draft:
    """A compilation's provisions once ``party``'s alternatives are taken: each that says the
    provenance of ``party``'s alternative (``alternative:``) takes it, and every other keeps
    the provenance it had, so that none becomes more exact, or another party's, by
    inheriting from a provision that now says ``party``'s."""
    if not any(clause.alternatives for clause in draft.walk()):
        return draft
    from clausekit.negotiation.compilation import drop_inherited

    had = provenance_lookup(draft)

    def item(node: Clause | Term) -> Clause | Term:
        if isinstance(node, Term):
            return node
        now = alternative_provenance(node).get(party) or had(node)
        fields = {spec.attribute: getattr(now, spec.attribute) for spec in PROVISION_FIELDS}
        return replace(node, alternatives=(), children=tuple(item(c) for c in node.children), **fields)

    body = drop_inherited(tuple(item(node) for node in draft.body), draft_provenance(draft))
    return replace(draft, body=body)


# Where an empty alternative is taken, the space before it has nothing left to separate:
# "review this Article [US: every five years | E3: ]." must read "review this Article."
_CLOSES_A_PHRASE = ".,;:!?)]}…»”’"


def _without_hanging_space(before: list[Inline], after: Inline | None) -> None:
    """Trim the space that ends ``before`` when what follows an emptied bracket needs none."""
    if not before or not isinstance(before[-1], Text):
        return
    follows = after.text[:1] if isinstance(after, Text) else "x"
    if follows == "" or follows in _CLOSES_A_PHRASE or follows.isspace():
        before[-1] = Text(before[-1].text.rstrip())


def _trimmed(spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """No space at either end of a paragraph (an emptied bracket may have opened or closed it)."""
    out = list(spans)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return join_texts(out)


class _AlternativeTaker:
    """Takes one party's alternative in every bracket, counting what it took and left."""

    def __init__(self, party: str) -> None:
        self.party = party
        self.taken = 0
        self.open = 0

    def spans(self, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for i, span in enumerate(spans):
            chosen = self._choice(span) if isinstance(span, Bracket) else None
            if chosen is None:
                if isinstance(span, Bracket):
                    self.open += 1
                out.append(span)
                continue
            self.taken += 1
            if join_texts(chosen):
                out.extend(chosen)
            else:
                _without_hanging_space(out, spans[i + 1] if i + 1 < len(spans) else None)
        return _trimmed(join_texts(out))

    def _choice(self, bracket: Bracket) -> tuple[Inline, ...] | None:
        for option in bracket.options:
            if option.party == self.party:
                return option.spans
        return None

    def paragraph(self, paragraph: Paragraph) -> Paragraph:
        spans = self.spans(paragraph.spans)
        # The lines as written no longer say what the paragraph says: drop them, so
        # that formatting the accepted draft writes the new spans.
        return paragraph if spans == paragraph.spans else replace(paragraph, spans=spans, source_lines=())

    def many(self, paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(self.paragraph(p) for p in paragraphs)

    def item(self, item: Clause | Term) -> Clause | Term:
        if isinstance(item, Term):
            return replace(item, definition=self.many(item.definition))
        return replace(
            item,
            paragraphs=self.many(item.paragraphs),
            children=tuple(self.item(c) for c in item.children),
            guarantee=None if item.guarantee is None else map_guarantee_prose(item.guarantee, self.paragraph),
        )

    def draft(self, draft: Draft) -> Draft:
        return replace(draft, body=tuple(self.item(i) for i in draft.body))
