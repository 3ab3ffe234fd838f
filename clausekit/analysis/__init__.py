"""What prose means: modalities, quantities, durations, dates, qualifiers, conditions, parties.

The one place where the meaning of English treaty prose is read; the diff, the comparison,
the mirror command and lint all ask it. Everything here is a pure function of strings (or of
inline spans) and runs in time linear in the text. The room has three parts: the words it
reads by (``vocabulary``: the modality scale, qualifiers, condition markers, word lists), the
facts it reports (``facts``) and the reader that finds them (``reader``); this module is
the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from clausekit.analysis.facts import (
    Condition,
    Date,
    Duration,
    Modality,
    PartyMention,
    ProseFacts,
    Qualifier,
    Quantity,
    Saving,
)
from clausekit.analysis.reader import Reader
from clausekit.analysis.vocabulary import (
    CONDITION_MARKERS,
    DEFAULT_SCALE,
    HYPOTHETICAL_MODALS,
    QUALIFIERS,
    SAVING_PHRASES,
    SAVING_VERBS,
    ModalityLevel,
    ModalityScale,
    QualifierPhrase,
    UnrankedModality,
)
from clausekit.model import ClauseRef, Inline, Paragraph, Party, PartyRef, TermRef, Text, iter_inline

__all__ = [
    "CONDITION_MARKERS",
    "DEFAULT_SCALE",
    "HYPOTHETICAL_MODALS",
    "QUALIFIERS",
    "SAVING_PHRASES",
    "SAVING_VERBS",
    "Condition",
    "Date",
    "Duration",
    "Modality",
    "ModalityLevel",
    "ModalityScale",
    "PartyMention",
    "ProseFacts",
    "Qualifier",
    "QualifierPhrase",
    "Quantity",
    "Saving",
    "UnrankedModality",
    "analyse",
    "analyse_paragraphs",
    "analyse_spans",
    "describe_change",
    "is_english",
    "match_aliases",
    "prose_text",
]


def is_english(language: str | None) -> bool:
    """Whether prose in ``language`` (a code such as ``en``, ``en-GB``, ``uk``) can be analysed here."""
    if not language:
        return True
    return language.strip().lower().replace("_", "-").split("-")[0] in ("en", "eng", "english")


# --- the API ----------------------------------------------------------------------------------


def analyse(
    text: str,
    scale: ModalityScale | None = None,
    aliases: Mapping[str, str] | None = None,
) -> ProseFacts:
    """Read the facts of one English text.

    ``aliases`` maps names that may be matched in plain prose to party codes (a draft's
    ``match`` names, see ``match_aliases``); nothing else in plain words counts as a party.
    """
    reader = Reader(text, scale or DEFAULT_SCALE, aliases or {})
    # Dates first, then durations, then quantities: each number belongs to one fact only.
    dates = reader.dates()
    durations = reader.durations()
    quantities = reader.quantities()
    # Saving clauses and conditions before modalities: a saving clause's "shall not" and a
    # hypothetical's "should" are theirs, not modalities of the commitment.
    savings = reader.savings()
    conditions = reader.conditions()
    return ProseFacts(
        modalities=tuple(reader.modalities()),
        quantities=tuple(quantities),
        durations=tuple(durations),
        dates=tuple(dates),
        qualifiers=tuple(reader.qualifiers()),
        conditions=tuple(conditions),
        parties=tuple(reader.alias_mentions()),
        savings=tuple(savings),
    )


def prose_text(spans: tuple[Inline, ...]) -> str:
    """The words of some spans as analysed: party references as their codes, every bracket
    option kept (so both proposals count), brackets and option separators as clause ends."""
    parts: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            parts.append(span.text)
        elif isinstance(span, PartyRef):
            parts.append(span.code)
        elif isinstance(span, TermRef):
            parts.append(span.name)
        elif isinstance(span, ClauseRef):
            parts.append(span.target)
        else:
            parts.append("[" + " | ".join(prose_text(option.spans) for option in span.options) + "]")
    return "".join(parts)


def analyse_spans(
    spans: tuple[Inline, ...],
    scale: ModalityScale | None = None,
    aliases: Mapping[str, str] | None = None,
) -> ProseFacts:
    """``analyse`` for inline spans: party references count as parties; aliases are matched
    in plain text only (never in the code a reference is written as)."""
    facts = analyse(prose_text(spans), scale)
    mentions: list[PartyMention] = []
    for span in iter_inline(spans):
        if isinstance(span, PartyRef):
            mentions.append(PartyMention(span.code, "@" + span.code, "ref"))
        elif isinstance(span, Text) and aliases:
            mentions.extend(Reader(span.text, facts_scale(scale), aliases).alias_mentions())
    return replace(facts, parties=tuple(mentions))


def facts_scale(scale: ModalityScale | None) -> ModalityScale:
    return scale if scale is not None else DEFAULT_SCALE


def analyse_paragraphs(
    paragraphs: tuple[Paragraph, ...],
    scale: ModalityScale | None = None,
    aliases: Mapping[str, str] | None = None,
) -> ProseFacts:
    """The facts of several paragraphs, read as one text (paragraphs end like sentences)."""
    spans: list[Inline] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            spans.append(Text(" | "))
        spans.extend(paragraph.spans)
    return analyse_spans(tuple(spans), scale, aliases)


def match_aliases(parties: tuple[Party, ...]) -> dict[str, str]:
    """The names a draft lets the analysis match in plain prose, mapped to party codes."""
    return {alias: party.code for party in parties for alias in party.match}


def describe_change(before: float, after: float) -> str:
    """The relative change from ``before`` to ``after`` as "+33%" ("" when ``before`` is 0)."""
    if before == 0:
        return ""
    percent = (after - before) / abs(before) * 100
    return f"{percent:+.0f}%"
