"""How the profile reader walks a text: sentences, compiled phrase tables, and their matches.

A sentence knows the guards that hold inside it (a purpose "to prevent", a deliberation "to
determine", a right reserved, a report to the Security Council, a request to another body) and
the names of instruments it cites, so a rule can ask whether a match stands after one. Every
pattern has bounded repetition: a text is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clausekit.analysis.profile_model import Evidence
from clausekit.analysis.profile_vocabulary import ProfileVocabulary, ValuePhrases
from clausekit.model import Location

# A sentence ends at . ; ! ? or : followed by space, where the next word starts with a capital (or a
# quotation mark, or a bracket of cut text); "U.S. extended" stays one sentence.
_SENTENCE_END = re.compile(r"(?<=[.;!?:])\s+(?=[\"'«“(\[A-ZÀ-ÖØ-ÞА-ЯЁ])|(?<=;)\s+|(?<=:)\s+")

Table = tuple[tuple[str, re.Pattern[str]], ...]


def _compile(patterns: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    # Patterns are lowercase and matched against a sentence's lowercase form (``Sentence.low``):
    # cheaper than IGNORECASE, which the regex engine pays for at every character.
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _table(rows: Sequence[ValuePhrases]) -> Table:
    return tuple((row.value, _compile(row.patterns)) for row in rows)


@dataclass(frozen=True, slots=True)
class Tables:
    """A vocabulary with every pattern compiled once."""

    vocabulary: ProfileVocabulary
    obligation: Table
    deeming: Table
    discretion: Table
    means: Table
    timing: Table
    trigger: Table
    un: Table
    modals: tuple[tuple[str, re.Pattern[str]], ...]
    mutual: re.Pattern[str]
    council: re.Pattern[str]
    purpose: re.Pattern[str]
    deliberation: re.Pattern[str]
    negation: re.Pattern[str]
    reserved: re.Pattern[str]
    means_nouns: re.Pattern[str]
    scope: re.Pattern[str]
    request: re.Pattern[str]
    description_subject: re.Pattern[str]
    description_verb: re.Pattern[str]
    instrument_name: re.Pattern[str]


def compile_tables(vocabulary: ProfileVocabulary) -> Tables:
    v = vocabulary
    return Tables(
        v,
        _table(v.obligation),
        _table(v.deeming),
        _table(v.discretion),
        _table(v.means),
        _table(v.timing),
        _table(v.trigger),
        _table(v.un),
        tuple((m.level, _compile((m.pattern,))) for m in v.modals),
        _compile(v.mutual),
        _compile(v.council_sentences),
        _compile(v.purpose_guards),
        _compile(v.deliberation_guards),
        _compile(v.negation_guards),
        _compile(v.reserved_guards),
        _compile(v.means_nouns),
        re.compile(v.scope_pattern),
        _compile(v.request_guards),
        _compile(v.description_subjects),
        _compile(v.description_verbs),
        re.compile("|".join(f"(?:{p})" for p in v.instrument_names)),
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a field or paragraph, and where its guards start (-1: none)."""

    text: str
    location: Location
    origin: str
    low: str
    council: bool
    purpose_at: int
    deliberation_at: int
    reserved_at: int
    requested_at: int
    names: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A value read at ``start``..``end`` of sentence number ``index``."""

    value: str
    index: int
    start: int
    end: int
    sentence: Sentence

    @property
    def words(self) -> str:
        """The words matched, as written."""
        return self.sentence.text[self.start : self.end]

    @property
    def evidence(self) -> Evidence:
        """The words matched with a few words either side (within the sentence), so a reader can
        check the reading without opening the file."""
        return Evidence(
            _context(self.sentence.text, self.start, self.end), self.sentence.location, self.sentence.origin
        )

    @property
    def from_field(self) -> bool:
        return self.sentence.origin != "prose"

    def after(self, guard_at: int) -> bool:
        return 0 <= guard_at <= self.start

    @property
    def in_name(self) -> bool:
        """Whether the words matched are part of an instrument's name (``INSTRUMENT_NAMES``)."""
        return any(start <= self.start and self.end <= end for start, end in self.sentence.names)


EVIDENCE_REACH = 40
"""Characters of context either side of the words matched, cut back to whole words."""


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - EVIDENCE_REACH)
    right = min(len(text), end + EVIDENCE_REACH)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else end
    shown = text[left:right].strip(" ,;")
    return ("… " if left > 0 else "") + shown + (" …" if right < len(text) else "")


def _lower(text: str) -> str:
    """The text in lowercase, one character for one (so offsets in it are offsets in the text)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _first(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.search(text)
    return found.start() if found else -1


def _end_of_first(pattern: re.Pattern[str], text: str) -> int:
    # The end, not the start: the words of the guard itself ("seek ... action") are read.
    found = pattern.search(text)
    return found.end() if found else -1


def sentences_of(text: str, location: Location, origin: str, tables: Tables) -> list[Sentence]:
    out: list[Sentence] = []
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if not part:
            continue
        low = _lower(part)
        out.append(
            Sentence(
                part,
                location,
                origin,
                low,
                tables.council.search(low) is not None,
                _first(tables.purpose, low),
                _first(tables.deliberation, low),
                _first(tables.reserved, low),
                _end_of_first(tables.request, low),
                tuple(m.span() for m in tables.instrument_name.finditer(part)),
            )
        )
    return out


def find_matches(sentences: Sequence[Sentence], table: Table, council: bool = False) -> list[Match]:
    """Every match of ``table``, in text order; sentences about the Security Council are skipped
    unless ``council`` (the ``un`` dimension reads them)."""
    out: list[Match] = []
    for index, sentence in enumerate(sentences):
        if sentence.council and not council:
            continue
        for value, pattern in table:
            out.extend(Match(value, index, m.start(), m.end(), sentence) for m in pattern.finditer(sentence.low))
    out.sort(key=lambda m: (m.index, m.start))
    return out


def negated(match: Match, tables: Tables, window: int) -> bool:
    """Whether a negation stands in the few characters before the match ("no State shall be required
    to use armed force")."""
    before = match.sentence.low[max(0, match.start - window) : match.start]
    return tables.negation.search(before) is not None
