"""The open brackets of a draft: where each stands, whose alternatives it holds.

``open_brackets(draft)`` lists every negotiation bracket (in prose, guarantee fields and term
definitions) with its position, the article and provision it stands in, and the parties that
hold an alternative in it; ``BracketReport.by_party`` and ``by_article`` count them the way
a negotiator asks: how much is still open, and for whom.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from clausekit.diff.model import clause_label
from clausekit.model import (
    Bracket,
    Clause,
    Draft,
    Location,
    Paragraph,
    Term,
    cited_numbers,
    guarantee_prose,
    iter_inline,
    plain_text,
)

OUTSIDE = "(outside provisions)"  # the "article" of a bracket in a term defined at the top


@dataclass(frozen=True, slots=True)
class OpenBracket:
    """One bracket: where it is, in which article and provision, with which alternatives."""

    location: Location
    article: str | None  # label of the top-level provision it stands in (None in a term at the top)
    where: str  # label of the provision (or term) it stands in
    options: tuple[tuple[str | None, str], ...]  # (party or None, words)
    parties: tuple[str, ...]  # who holds an option in it (``Bracket.parties``)

    @property
    def text(self) -> str:
        return "[" + " | ".join(f"{p}: {w}".rstrip() if p else w for p, w in self.options) + "]"


@dataclass(frozen=True, slots=True)
class BracketReport:
    draft: Draft
    brackets: tuple[OpenBracket, ...]

    def by_party(self) -> dict[str, int]:
        """In how many brackets each party holds an alternative."""
        return dict(sorted(Counter(p for b in self.brackets for p in b.parties).items()))

    def by_article(self) -> dict[str, dict[str, int]]:
        """Per article (or top-level provision): brackets per party, with ``total``."""
        out: dict[str, dict[str, int]] = {}
        for bracket in self.brackets:
            counts = out.setdefault(bracket.article or OUTSIDE, {"total": 0})
            counts["total"] += 1
            for party in bracket.parties:
                counts[party] = counts.get(party, 0) + 1
        return out


def open_brackets(draft: Draft) -> BracketReport:
    cites = cited_numbers(draft.top_clauses())
    found: list[OpenBracket] = []

    def collect(paragraphs: Iterable[Paragraph], article: str | None, where: str) -> None:
        for paragraph in paragraphs:
            for span in iter_inline(paragraph.spans):
                if isinstance(span, Bracket):
                    options = tuple((o.party, plain_text(o.spans)) for o in span.options)
                    found.append(OpenBracket(span.location, article, where, options, span.parties))

    def visit(item: Clause | Term, article: str | None) -> None:
        if isinstance(item, Term):
            collect(item.definition, article, f'term "{item.name}"')
            return
        label = clause_label(item, cites.get(item.id))
        article = article or label
        collect(guarantee_prose(item.guarantee), article, label)
        collect(item.paragraphs, article, label)
        for child in item.children:
            visit(child, article)

    for item in draft.body:
        visit(item, None)
    found.sort(key=lambda b: (b.location.line, b.location.column))
    return BracketReport(draft, tuple(found))
