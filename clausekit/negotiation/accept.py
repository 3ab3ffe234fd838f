"""Taking one delegation's side of every bracket: ``clausekit render --accept E3``.

A bracket with an option attributed to the party becomes that option's words; any
other bracket stays open, and the count of open brackets is reported so a reader is
never led to think a text is agreed when it is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clausekit.errors import UsageError
from clausekit.model import Bracket, Clause, Draft, Inline, Paragraph, Term, Text, map_guarantee_prose

_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)
class Accepted:
    """The draft with ``party``'s options taken; ``taken`` brackets closed, ``open`` left."""

    draft: Draft
    party: str
    taken: int
    open: int


def count_open(draft: Draft) -> int:
    """How many negotiation brackets a draft holds."""
    counter = _Taker(None)
    counter.draft(draft)
    return counter.open


def accept_brackets(draft: Draft, party: str) -> Accepted:
    """Take ``party``'s alternative in every bracket that has one."""
    if draft.party(party) is None:
        declared = ", ".join(p.code for p in draft.parties) or "none"
        raise UsageError(f"--accept {party}: the draft declares no party {party} (declared: {declared})")
    taker = _Taker(party)
    return Accepted(taker.draft(draft), party, taker.taken, taker.open)


class _Taker:
    def __init__(self, party: str | None) -> None:
        self.party = party
        self.taken = 0
        self.open = 0

    def spans(self, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for span in spans:
            chosen = self._choice(span) if isinstance(span, Bracket) else None
            if chosen is None:
                if isinstance(span, Bracket):
                    self.open += 1
                out.append(span)
                continue
            self.taken += 1
            out.extend(chosen)
        return _merge_text(out)

    def _choice(self, bracket: Bracket) -> tuple[Inline, ...] | None:
        for option in bracket.options:
            if self.party is not None and option.party == self.party:
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


def _merge_text(spans: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent texts become one, as the parser would have read them."""
    out: list[Inline] = []
    for span in spans:
        if isinstance(span, Text) and out and isinstance(out[-1], Text):
            # An empty option leaves two spaces where the bracket stood ("stationed  .").
            out[-1] = Text(_SPACES.sub(" ", out[-1].text + span.text))
        else:
            out.append(span)
    return tuple(out)
