"""The reader: one tokenising pass over a text, then table look-ups over its tokens.

Every pass is linear in the text: phrases have bounded length, a fact takes its tokens
(``Reader.taken``) so each number belongs to one fact, and no regular expression can
backtrack more than a fixed number of characters. The words it looks for are in
``vocabulary.py``.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from clausekit.analysis.facts import Condition, Date, Duration, Modality, PartyMention, Qualifier, Quantity, Saving
from clausekit.analysis.vocabulary import (
    CLAUSE_END,
    CONDITION_END,
    CONDITION_MARKERS,
    CONDITION_STOP_WORDS,
    CONDITION_WORDS,
    CONTEXT_WORDS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DURATION_UNITS,
    INVERSION_SUBJECTS,
    MONTHS,
    NEGATIVE_SUBJECTS,
    NOT_UNITS,
    NOUN_GUARD,
    NOUN_PHRASE_END,
    NOUN_PHRASE_WORDS,
    NUMBER_WORDS,
    PERCENT_WORDS,
    QUALIFIERS,
    REFERENCE_WORDS,
    SAVING_FILLERS,
    SAVING_OPENERS,
    SAVING_PHRASES,
    SAVING_VERBS,
    SAVING_WORDS,
    SCALES,
    SUBJECT_STOP_WORDS,
    SUBJECT_WORDS,
    ModalityScale,
)
from clausekit.language.syntax import READER_TOKEN, WORD_RE

_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")


class Token(NamedTuple):
    kind: str  # "num", "word" or "punct"
    text: str
    start: int
    end: int
    low: str  # lowercase, typographic apostrophe as "'"


_Columns = tuple[list[str], list[str], list[int], list[int], list[str]]

_match_start, _match_end, _match_group = re.Match.start, re.Match.end, re.Match.group
_match_kind = operator.attrgetter("lastgroup")


def tokens(text: str) -> list[Token]:
    return _rows(_columns(text))


def _rows(columns: _Columns) -> list[Token]:
    # tuple.__new__ builds each Token without the named tuple's Python-level __new__.
    return list(map(tuple.__new__, itertools.repeat(Token), zip(*columns, strict=True)))


def _columns(text: str) -> _Columns:
    """The tokens of a text as columns: kinds, texts, starts, ends and lowercase forms.

    Each column is made by one call that runs in C over the matches (no Python code a token).
    Lower-casing the whole text once gives each token's lowercase as a slice, the same as
    lower-casing the token alone, when no character changes length (e.g. "İ") and there is no
    capital sigma (whose lowercase depends on the letters around it); otherwise token by token.
    """
    matches = list(READER_TOKEN.finditer(text))
    kinds: list[str] = list(map(_match_kind, matches))
    texts: list[str] = list(map(_match_group, matches))
    starts: list[int] = list(map(_match_start, matches))
    ends: list[int] = list(map(_match_end, matches))
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        lows = list(map(lowered.replace("’", "'").__getitem__, map(slice, starts, ends)))
    else:
        lows = [t.lower().replace("’", "'") for t in texts]
    for i in itertools.compress(itertools.count(), map(operator.eq, kinds, itertools.repeat("num"))):
        kinds[i] = _kind("num", texts[i])
    return kinds, texts, starts, ends, lows


def _kind(group: str | None, text: str) -> str:
    # "5.1.2" (a section) or "1.5.2025" (a date) is no quantity: a number has one decimal point.
    if group == "num" and text.count(".") > 1:
        return "word"
    return group or "punct"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


class Reader:
    """One analysis of one text: the tokens, and which of them a fact has already taken."""

    def __init__(self, text: str, scale: ModalityScale, aliases: Mapping[str, str]):
        self.text = text
        self.scale = scale
        self.aliases = aliases
        columns = _columns(text)
        self.tokens = _rows(columns)
        self.kinds, self.texts, _, _, self.all_lows = columns
        self.taken = [False] * len(self.tokens)
        # Indices of word and number tokens, for phrase matching that skips punctuation.
        not_punct = list(map(operator.ne, self.kinds, itertools.repeat("punct")))
        self.words = list(itertools.compress(itertools.count(), not_punct))
        self.lows = list(itertools.compress(self.all_lows, not_punct))
        self._clause_bounds: tuple[list[int], list[int]] | None = None
        self._conditions: list[Condition] | None = None
        self._in_conditions: list[bool] = []  # per token: whether it stands in a condition

    # -- helpers over token indices --

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def adjacent(self, i: int) -> bool:
        """Whether token ``i`` touches token ``i + 1`` (no space between)."""
        nxt = self.tok(i + 1)
        return nxt is not None and self.tokens[i].end == nxt.start

    def span(self, first: int, last: int) -> tuple[str, int]:
        """The text from token ``first`` to token ``last`` inclusive, and its offset."""
        start = self.tokens[first].start
        return self.text[start : self.tokens[last].end], start

    # -- dates --

    def dates(self) -> list[Date]:
        out: list[Date] = []
        # Only a number, an ordinal or a month starts a date: the others are not visited.
        after = 0  # the first token after the last date found: dates do not overlap
        for i, (kind, low) in enumerate(zip(self.kinds, self.all_lows, strict=True)):
            if i < after or not (kind == "num" or low in MONTHS or low[:1].isdigit()):
                continue
            found = self._date_at(i)
            if found is None:
                continue
            last, iso = found
            text, start = self.span(i, last)
            out.append(Date(text, iso, start))
            for k in range(i, last + 1):
                self.taken[k] = True
            after = last + 1
        return out

    def _month(self, i: int) -> int | None:
        t = self.tok(i)
        if t is None or t.kind != "word" or not t.text[0].isupper():
            return None
        return MONTHS.get(t.low.rstrip("."))

    def _day(self, i: int) -> int | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num" and t.text.isdigit() and len(t.text) <= 2:
            day = int(t.text)
        elif t.kind == "word" and (m := _ORDINAL.fullmatch(t.low)):
            day = int(m.group(1))
        else:
            return None
        return day if 1 <= day <= 31 else None

    def _year(self, i: int) -> int | None:
        t = self.tok(i)
        if t is None or t.kind != "num" or not t.text.isdigit() or len(t.text) != 4:
            return None
        year = int(t.text)
        return year if 1800 <= year <= 2200 else None

    def _date_at(self, i: int) -> tuple[int, str] | None:
        tokens = self.tokens
        t = tokens[i]
        year = self._year(i)
        # 2025-11-21 or 2025-11
        if year and self.adjacent(i) and self._is(i + 1, "-") and self.adjacent(i + 1):
            month = self._day(i + 2)
            if month and month <= 12:
                if self.adjacent(i + 2) and self._is(i + 3, "-") and self.adjacent(i + 3) and self._day(i + 4):
                    return i + 4, f"{year:04d}-{month:02d}-{self._day(i + 4):02d}"
                return i + 2, f"{year:04d}-{month:02d}"
        # 21 November 2025, 21 November
        day = self._day(i)
        if day and (month := self._month(i + 1)):
            if year2 := self._year(i + 2):
                return i + 2, f"{year2:04d}-{month:02d}-{day:02d}"
            return i + 1, f"--{month:02d}-{day:02d}"
        # November 21, 2025 / November 2025 / November 21
        month = self._month(i)
        if month:
            if year2 := self._year(i + 1):
                return i + 1, f"{year2:04d}-{month:02d}"
            if day2 := self._day(i + 1):
                k = i + 3 if self._is(i + 2, ",") else i + 2
                if year3 := self._year(k):
                    return k, f"{year3:04d}-{month:02d}-{day2:02d}"
                if t.low != "may":  # "May 5" is too often "may 5 ..."; require a year
                    return i + 1, f"--{month:02d}-{day2:02d}"
        # a bare year: "in 2025", "of 1949" (but "2000 troops" is a quantity)
        if year and not (i > 0 and tokens[i - 1].text in CURRENCY_SIGNS):
            nxt = self.tok(i + 1)
            if nxt is None or (nxt.kind == "punct" and nxt.text != "%") or nxt.low in NOT_UNITS:
                return i, f"{year:04d}"
        return None

    def _is(self, i: int, punct: str) -> bool:
        t = self.tok(i)
        return t is not None and t.text == punct

    # -- durations --

    def _number_words(self, i: int) -> tuple[int, float] | None:
        """A number written in words from token ``i`` ("ten", "twenty-five"): last token and value."""
        t = self.tok(i)
        if t is None or t.low not in NUMBER_WORDS:
            return None
        value, last = NUMBER_WORDS[t.low], i
        # "twenty-five", "twenty five"
        k = last + 2 if self.adjacent(last) and self._is(last + 1, "-") else last + 1
        nxt = self.tok(k)
        if value >= 20 and value % 10 == 0 and nxt is not None and 0 < NUMBER_WORDS.get(nxt.low, 0) < 10:
            value, last = value + NUMBER_WORDS[nxt.low], k
        return last, float(value)

    def durations(self) -> list[Duration]:
        out: list[Duration] = []
        tokens = self.tokens
        candidates = [i for i, low in enumerate(self.all_lows) if low in NUMBER_WORDS or self.kinds[i] == "num"]
        for i in candidates:
            t = tokens[i]
            if self.taken[i]:
                continue
            if t.kind == "num":
                last, value = i, _number(t.text)
            elif (words := self._number_words(i)) is not None:
                last, value = words
            else:
                continue
            k = last + 2 if self.adjacent(last) and self._is(last + 1, "-") else last + 1  # "10-year"
            unit = self.tok(k)
            if unit is None or unit.low not in DURATION_UNITS or any(self.taken[i : k + 1]):
                continue
            text, start = self.span(i, k)
            out.append(Duration(text, value * DURATION_UNITS[unit.low], start))
            for j in range(i, k + 1):
                self.taken[j] = True
        return out

    # -- quantities --

    def quantities(self) -> list[Quantity]:
        out: list[Quantity] = []
        tokens = self.tokens
        for i in itertools.compress(itertools.count(), map(operator.eq, self.kinds, itertools.repeat("num"))):
            t = tokens[i]
            if self.taken[i]:
                continue
            prev = self.tok(i - 1)
            prev_word = next((tokens[k].low for k in range(i - 1, max(i - 3, -1), -1) if tokens[k].kind != "punct"), "")
            if prev_word in REFERENCE_WORDS and not (prev and prev.text in CURRENCY_SIGNS):
                continue
            first, last, value = i, i, _number(t.text)
            category, unit = "number", None
            # 50:50, 50-50
            if self.adjacent(i) and (sep := self.tok(i + 1)) and sep.text in (":", "-") and self.adjacent(i + 1):
                other = self.tok(i + 2)
                if other is not None and other.kind == "num" and not self.taken[i + 2]:
                    b = _number(other.text)
                    if sep.text == ":" or (value + b == 100):
                        text, start = self.span(i, i + 2)
                        out.append(Quantity(text, value / (value + b) if value + b else 0.0, None, "ratio", start))
                        self.taken[i : i + 3] = [True] * 3
                        continue
            if prev is not None and prev.text in CURRENCY_SIGNS and prev.end == t.start:
                first, category, unit = i - 1, "money", prev.text
            nxt = self.tok(last + 1)
            if nxt is not None and nxt.low in SCALES:
                value *= SCALES[nxt.low]
                last += 1
                nxt = self.tok(last + 1)
            if nxt is not None and nxt.text == "%":
                last, category, unit = last + 1, "percent", "%"
            elif nxt is not None and nxt.low in PERCENT_WORDS:
                last, category, unit = last + 1, "percent", "percent"
            elif nxt is not None and nxt.low == "per" and (c := self.tok(last + 2)) is not None and c.low == "cent":
                last, category, unit = last + 2, "percent", "percent"
            elif nxt is not None and nxt.low in CURRENCY_WORDS:
                last, category, unit = last + 1, "money", nxt.low
            elif category == "number" and nxt is not None and nxt.kind == "word" and nxt.low not in NOT_UNITS:
                unit = nxt.low  # "600,000 personnel": the unit is read, not part of the quantity's text
            text, start = self.span(first, last)
            out.append(Quantity(text, value, unit, category, start))
            for k in range(first, last + 1):
                self.taken[k] = True
        return out

    # -- phrases (modalities, qualifiers, conditions, aliases) --

    def _phrase_at(self, p: int, table: PhraseTable, lows: list[str]):
        """The longest phrase of ``table`` starting at word ``p``: (number of words, payload) or None."""
        by_second = table.get(lows[p])
        if by_second is None:
            return None
        if p + 1 < len(lows):
            for words, payload in by_second.get(lows[p + 1], ()):
                n = len(words)
                if n == 2 or tuple(lows[p : p + n]) == words:
                    return n, payload
        single = by_second.get("")
        return (1, single[0][1]) if single else None

    def modalities(self) -> list[Modality]:
        table = phrase_table(self.scale)
        out: list[Modality] = []
        words = self.words
        after = 0  # the first word after the last phrase found: phrases do not overlap
        for p in self._starts(table):
            if p < after or self.taken[words[p]]:
                continue
            hit = self._phrase_at(p, table, self.lows)
            if hit is None:
                continue
            n, (phrase, level, negated, rank) = hit
            if n == 1 and p > 0 and self.lows[p - 1] in NOUN_GUARD and phrase in ("will", "must", "can"):
                continue
            first, last = words[p], words[p + n - 1]
            if phrase in self.scale.hypothetical and self._in_condition(first):
                continue  # "if Ukraine should become a victim": the condition's, not a recommendation
            out.append(
                Modality(
                    phrase,
                    level,
                    rank,
                    negated,
                    self._subject(first),
                    self._context(first, last),
                    self.tokens[first].start,
                )
            )
            after = p + n
        return out

    def _starts(self, table: Mapping[str, object]) -> list[int]:
        """The word positions where a phrase of ``table`` may start (its first word is there).

        The phrase loops visit only these: stepping word by word past the other positions finds
        nothing, so the result is the same, for one pass in C-speed set look-ups instead of a call
        a word."""
        return list(itertools.compress(itertools.count(), map(table.__contains__, self.lows)))

    def _in_condition(self, i: int) -> bool:
        """Whether token ``i`` stands inside a condition ("if ... should become ...")."""
        self.conditions()
        return self._in_conditions[i]

    def _subject(self, first: int) -> str:
        """The few words before token ``first``, back to a comma, clause end or conjunction."""
        start = self._subject_start(first)
        return self.span(start, first - 1)[0] if start < first else ""

    def _subject_start(self, first: int) -> int:
        """The first token of the few words before token ``first`` (``first`` when there are none)."""
        k, count = first - 1, 0
        while k >= 0 and count < SUBJECT_WORDS:
            t = self.tokens[k]
            if t.kind == "punct" and (t.text in CLAUSE_END or t.text in CONDITION_END):
                break
            if t.kind != "punct" and t.low in SUBJECT_STOP_WORDS:
                break
            count += t.kind != "punct"
            k -= 1
        return k + 1

    def _context(self, first: int, last: int) -> str:
        """The clause of text around tokens ``first``..``last``, at most a few words either side."""
        if self._clause_bounds is None:
            self._clause_bounds = _clause_bounds(self.texts)
        starts, ends = self._clause_bounds
        return self.span(max(starts[first], first - CONTEXT_WORDS), min(ends[last], last + CONTEXT_WORDS))[0]

    def qualifiers(self) -> list[Qualifier]:
        out: list[Qualifier] = []
        after = 0
        for p in self._starts(_QUALIFIER_TABLE):
            if p < after:
                continue
            hit = self._phrase_at(p, _QUALIFIER_TABLE, self.lows)
            if hit is None:
                continue
            n, (qualifier, form) = hit
            text, start = self.span(self.words[p], self.words[p + n - 1])
            noun = self._head_noun(self.words[p + n - 1]) if form == "adjective" else None
            out.append(Qualifier(qualifier.key, text, qualifier.note, start, form, noun))
            after = p + n
        return out

    def _head_noun(self, last: int) -> str | None:
        """The noun an adjective before token ``last + 1`` qualifies: the last word of the noun
        phrase that follows it ("immediate United Nations Security Council action to ..."
        qualifies "action"), or None when no noun follows ("shall be immediate.")."""
        noun, k, count = None, last + 1, 0
        while k < len(self.tokens) and count < NOUN_PHRASE_WORDS:
            t = self.tokens[k]
            if t.kind == "punct" and not t.text.isspace():
                break
            if t.kind != "punct":
                if t.low in NOUN_PHRASE_END:
                    break
                noun, count = t.text, count + 1
            k += 1
        return noun

    def conditions(self) -> list[Condition]:
        """The conditions of the text: opened by a marker ("if", "in the event that") or by an
        inverted hypothetical ("Should either Party be attacked, ..."); read once."""
        if self._conditions is not None:
            return self._conditions
        found: list[tuple[int, str]] = []  # (first token, marker)
        after = 0
        for p in self._starts(_CONDITION_TABLE):
            if p < after:
                continue
            hit = self._phrase_at(p, _CONDITION_TABLE, self.lows)
            if hit is None:
                continue
            n, marker = hit
            found.append((self.words[p], marker))
            after = p + n
        found += [(i, self.tokens[i].low) for i in self._inversions()]
        out: list[Condition] = []
        self._in_conditions = [False] * len(self.tokens)
        for first, marker in sorted(found):
            last = self._condition_end(first)  # at most CONDITION_WORDS away: linear in all
            self._in_conditions[first : last + 1] = [True] * (last + 1 - first)
            text, start = self.span(first, last)
            out.append(Condition(marker, text, start))
        self._conditions = out
        return out

    def _condition_end(self, first: int) -> int:
        """The last token of the condition that opens at token ``first``."""
        last, k, count = first, first + 1, 0
        while k < len(self.tokens) and count < CONDITION_WORDS:
            t = self.tokens[k]
            if t.kind == "punct" and (t.text in CLAUSE_END or t.text in CONDITION_END):
                break
            if t.low in CONDITION_STOP_WORDS:  # "then", or the next condition starts
                break
            last, k, count = k, k + 1, count + (t.kind != "punct")
        return last

    def _inversions(self) -> list[int]:
        """Tokens of a hypothetical modal that opens a condition by inversion: "Should" first in
        its clause ("(2) Should one of the Contracting Parties become engaged ..."), or after a
        comma before its subject (", should either Party be attacked")."""
        out: list[int] = []
        for p in itertools.compress(itertools.count(), map(self.scale.hypothetical.__contains__, self.lows)):
            i = self.words[p]
            prev = self.tok(i - 1)
            next_word = self.lows[p + 1] if p + 1 < len(self.lows) else ""
            opens_clause = self.tokens[i].text[0].isupper() and (prev is None or prev.kind == "punct")
            after_comma = prev is not None and prev.text == "," and next_word in INVERSION_SUBJECTS
            if opens_clause or after_comma:
                out.append(i)
        return out

    def savings(self) -> list[Saving]:
        """Saving clauses ("shall not prejudice ...", "without prejudice to ..."), each to the end
        of its clause; their modal words are taken, so that no modality reads them."""
        out: list[Saving] = []
        after = 0
        for p in self._starts(_SAVING_TABLE):
            if p < after:
                continue
            hit = self._phrase_at(p, _SAVING_TABLE, self.lows)
            if hit is None:
                continue
            n, (has_opener, needs_negative_subject) = hit
            first = self.words[p]
            # "This shall not prejudice ...": the saving clause reads from its subject.
            opens = self._subject_start(first) if has_opener else first
            if needs_negative_subject and not any(t.low in NEGATIVE_SUBJECTS for t in self.tokens[opens:first]):
                continue
            last, k, count = first, first + 1, 0
            while k < len(self.tokens) and count < SAVING_WORDS and self.tokens[k].text not in CLAUSE_END:
                last, count, k = k, count + (self.tokens[k].kind != "punct"), k + 1
            text, start = self.span(opens, last)
            out.append(Saving(text, start))
            for k in range(first, self.words[p + n - 1] + 1):
                self.taken[k] = True
            after = p + n
        return out

    def alias_mentions(self) -> list[PartyMention]:
        """Parties named by an alias the draft marks with ``match`` (case-sensitive, whole words)."""
        if not self.aliases:
            return []
        table = _index(
            (words, (alias, code)) for alias, code in self.aliases.items() if (words := tuple(WORD_RE.findall(alias)))
        )
        exact = [self.tokens[i].text for i in self.words]
        out: list[PartyMention] = []
        p = 0
        while p < len(exact):
            hit = self._phrase_at(p, table, exact)
            if hit is None:
                p += 1
                continue
            n, (alias, code) = hit
            out.append(PartyMention(code, alias, "alias"))
            p += n
        return out


def _clause_bounds(texts: list[str]) -> tuple[list[int], list[int]]:
    """For each token (given by its text), the first and last token of its clause (between
    CLAUSE_END marks; a mark is a clause of its own), filled a clause at a time."""
    n = len(texts)
    starts: list[int] = []
    ends: list[int] = []
    current = 0
    for mark in itertools.compress(itertools.count(), map(CLAUSE_END.__contains__, texts)):
        starts += [current] * (mark - current)
        ends += [mark - 1] * (mark - current)
        starts.append(mark)
        ends.append(mark)
        current = mark + 1
    starts += [current] * (n - current)
    ends += [n - 1] * (n - current)
    return starts, ends


# Phrases by their first word, then by their second ("" for a phrase of one word), longest
# first: a look-up tries only the phrases that share two words with the text, so a table with
# many phrases on one word ("shall ...") costs no more a word than a small one.
PhraseTable = dict[str, dict[str, list[tuple[tuple[str, ...], object]]]]


def _index(entries: Iterable[tuple[tuple[str, ...], object]]) -> PhraseTable:
    table: PhraseTable = {}
    for words, payload in entries:
        second = words[1] if len(words) > 1 else ""
        table.setdefault(words[0], {}).setdefault(second, []).append((words, payload))
    for by_second in table.values():
        for candidates in by_second.values():
            candidates.sort(key=lambda e: (-len(e[0]), e[0]))
    return table


def _build_table(entries: list[tuple[str, object]]) -> PhraseTable:
    """Phrases (lowercase word sequences) with their payloads, indexed for ``_phrase_at``."""
    return _index(
        (tuple(w.lower().replace("’", "'") for w in WORD_RE.findall(phrase)), payload) for phrase, payload in entries
    )


@lru_cache(maxsize=16)
def phrase_table(scale: ModalityScale) -> PhraseTable:
    return _build_table(
        [(phrase, (phrase, level, negated, scale.rank(level))) for phrase, level, negated in scale.phrases()]
    )


_QUALIFIER_TABLE = _build_table(
    [(variant, (q, "adverb")) for q in QUALIFIERS for variant in q.variants]
    + [(adjective, (q, "adjective")) for q in QUALIFIERS for adjective in q.adjectives]
)
_CONDITION_TABLE = _build_table([(marker, marker) for marker in CONDITION_MARKERS])


def _saving_entries() -> list[tuple[str, object]]:
    """Every saving phrase, with whether it has an opener (a modal or auxiliary: the clause then
    reads from its subject) and whether it saves only after a negative subject ("Nothing in
    this Treaty shall affect"): an opener with no "not" before a verb that does not itself
    say "without prejudice"."""
    entries: list[tuple[str, object]] = [(phrase, (False, False)) for phrase in SAVING_PHRASES]
    for opener in SAVING_OPENERS:
        for filler in SAVING_FILLERS:
            for verb in SAVING_VERBS:
                needs_negative = "not" not in opener.split() and "without" not in verb.split()
                entries.append((" ".join(w for w in (opener, filler, verb) if w), (True, needs_negative)))
    return entries


_SAVING_TABLE = _build_table(_saving_entries())
