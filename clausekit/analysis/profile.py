"""The guarantee profile: a typed reading of a guarantee along named dimensions.

A profile says, for each dimension (``DIMENSIONS``), its value or values, where they were read
from (a guarantee field, the prose, or not stated) and the evidence: the words and where they
stand. The words it reads by are the tables of ``profile_vocabulary.py``; this module walks the
text: the fields and paragraphs of a clause (and of the clauses read together with it), cut into
sentences, each table matched inside one sentence. docs/profile.md explains every dimension.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from clausekit.analysis.profile_dimensions import read_dimensions
from clausekit.analysis.profile_model import DIMENSIONS, Dimension, Evidence, Profile
from clausekit.analysis.profile_read import Sentence, Tables, compile_tables, sentences_of
from clausekit.analysis.profile_vocabulary import DEFAULT_PROFILE_VOCABULARY, ProfileVocabulary
from clausekit.model import Clause, Draft, Location, Paragraph, plain_text

__all__ = ["DIMENSIONS", "Dimension", "Evidence", "Profile", "draft_profiles", "read_profile"]

# --- the text to read -------------------------------------------------------------------------


def _party_names(draft: Draft) -> dict[str, str]:
    return {party.code: party.name for party in draft.parties}


def _paragraph_text(paragraph: Paragraph, names: dict[str, str]) -> str:
    return plain_text(paragraph.spans, names)


def _segments(draft: Draft, clauses: Sequence[Clause]) -> list[tuple[str, Location, str]]:
    """(text, location, origin) of every guarantee field and paragraph of ``clauses``."""
    names = _party_names(draft)
    out: list[tuple[str, Location, str]] = []
    for clause in clauses:
        guarantee = clause.guarantee
        if guarantee is not None:
            for origin, paragraphs in (
                ("trigger", guarantee.triggers),
                ("response", guarantee.responses),
                ("condition", guarantee.conditions),
                ("duration", (guarantee.duration,) if guarantee.duration else ()),
                ("void-if", guarantee.void_if),
            ):
                out.extend((_paragraph_text(p, names), p.location, origin) for p in paragraphs)
        out.extend((_paragraph_text(p, names), p.location, "prose") for p in clause.paragraphs)
    return out


def _in_document_order(draft: Draft, clause: Clause, together: Iterable[Clause]) -> list[Clause]:
    together = tuple(together)
    if not together:
        return [clause]  # no walk of the draft: profiling each guarantee of a draft stays linear
    wanted = {id(c) for c in (clause, *together)}
    ordered = [c for c in draft.walk() if id(c) in wanted]
    return ordered if clause in ordered else [clause, *ordered]


@lru_cache(maxsize=8)
def _tables(vocabulary: ProfileVocabulary) -> Tables:
    return compile_tables(vocabulary)


# --- the reading ------------------------------------------------------------------------------


def read_profile(
    draft: Draft,
    clause: Clause,
    together: Sequence[Clause] = (),
    vocabulary: ProfileVocabulary | None = None,
    label: str | None = None,
) -> Profile:
    """The profile of ``clause`` of ``draft``, read from its guarantee fields and its prose, and from
    the clauses ``together`` with it (NATO Art. 6 with Art. 5: a scope read into another article)."""
    tables = _tables(vocabulary or DEFAULT_PROFILE_VOCABULARY)
    clauses = _in_document_order(draft, clause, together)
    sentences: list[Sentence] = []
    for text, location, origin in _segments(draft, clauses):
        sentences.extend(sentences_of(text, location, origin, tables))
    dimensions = read_dimensions(sentences, tables, clause, draft)
    shown = label or _label(draft, clause, together)
    return Profile(draft.id, clause.id, shown, dimensions, clause.location)


def _label(draft: Draft, clause: Clause, together: Sequence[Clause]) -> str:
    def name(c: Clause) -> str:
        kind = "Art." if c.kind == "article" or (c.number and not c.title) else ""
        return f"{kind} {c.number}".strip() if c.number else c.title or c.id

    shown = name(clause) + "".join(f" + {name(c)}" for c in together)
    return f"{draft.title}, {shown}"


def draft_profiles(draft: Draft, vocabulary: ProfileVocabulary | None = None) -> tuple[Profile, ...]:
    """The profile of every guarantee of ``draft``, in document order."""
    return tuple(read_profile(draft, c, vocabulary=vocabulary) for c in draft.walk() if c.kind == "guarantee")
