"""What prose means: modalities, quantities, durations, dates, qualifiers, conditions, parties.

The one place where the meaning of English treaty prose is read; the diff, the comparison,
the mirror command and lint all ask it. Everything here is a pure function of strings (or of
inline spans) and runs in time linear in the text: a single tokenising pass, then table
look-ups over the tokens with phrases of bounded length. No regular expression here can
backtrack more than a fixed number of characters.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from clausekit.language.syntax import READER_TOKEN, WORD_RE
from clausekit.model import ClauseRef, Inline, Paragraph, Party, PartyRef, TermRef, Text, iter_inline

# --- the modality scale -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModalityLevel:
    """One step of the modality scale: its name, the phrases that express it, and their
    negated forms (prohibitions at the same strength)."""

    name: str
    phrases: tuple[str, ...]
    negated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModalityScale:
    """Modal phrases ranked from strongest (first level) to weakest (last level).

    Pass another scale to ``analyse`` (or through ``DiffOptions.scale``) to rank phrases
    differently; phrases are lowercase word sequences and are matched longest first, so
    "will seek to" is an expectation although "will" alone is a commitment.
    """

    levels: tuple[ModalityLevel, ...]

    def rank(self, level: str) -> int:
        """Higher is stronger; the weakest level has rank 1."""
        for index, candidate in enumerate(self.levels):
            if candidate.name == level:
                return len(self.levels) - index
        raise KeyError(level)

    def phrases(self) -> tuple[tuple[str, str, bool], ...]:
        """Every (phrase, level name, negated) of the scale."""
        out: list[tuple[str, str, bool]] = []
        for level in self.levels:
            out.extend((phrase, level.name, False) for phrase in level.phrases)
            out.extend((phrase, level.name, True) for phrase in level.negated)
        return tuple(out)


DEFAULT_SCALE = ModalityScale(
    (
        ModalityLevel(
            "binding",
            (
                "shall",
                "must",
                "undertakes to",
                "undertake to",
                "agrees to",
                "agree to",
                "commits to",
                "commit to",
                "is obliged to",
                "are obliged to",
                "is obligated to",
                "are obligated to",
                "is required to",
                "are required to",
            ),
            (
                "shall not",
                "shall never",
                "shan't",
                "must not",
                "must never",
                "mustn't",
                "undertakes not to",
                "undertake not to",
                "agrees not to",
                "agree not to",
                "commits not to",
                "commit not to",
                "is obliged not to",
                "are obliged not to",
                "is prohibited from",
                "are prohibited from",
            ),
        ),
        ModalityLevel("commitment", ("will",), ("will not", "will never", "won't")),
        ModalityLevel("recommendation", ("should",), ("should not", "should never", "shouldn't")),
        ModalityLevel(
            "expectation",
            (
                "is expected to",
                "are expected to",
                "there will be the expectation that",
                "intends to",
                "intend to",
                "will seek to",
                "will endeavour to",
                "will endeavor to",
                "will consider",
            ),
            (
                "is expected not to",
                "are expected not to",
                "intends not to",
                "intend not to",
                "does not intend to",
                "do not intend to",
            ),
        ),
        ModalityLevel(
            "permission", ("may", "can", "is entitled to", "are entitled to"), ("may not", "cannot", "can not", "can't")
        ),
    )
)
"""The default scale (docs/diff.md): binding > commitment > recommendation > expectation > permission."""


def is_english(language: str | None) -> bool:
    """Whether prose in ``language`` (a code such as ``en``, ``en-GB``, ``uk``) can be analysed here."""
    if not language:
        return True
    return language.strip().lower().replace("_", "-").split("-")[0] in ("en", "eng", "english")


# --- qualifiers: phrases that narrow a commitment ------------------------------------------


@dataclass(frozen=True, slots=True)
class QualifierPhrase:
    """One known qualifier: a canonical ``key`` (what findings name), the word sequences that
    express it, and why it matters."""

    key: str
    variants: tuple[str, ...]
    note: str


QUALIFIERS: tuple[QualifierPhrase, ...] = (
    QualifierPhrase(
        "in peacetime", ("in peacetime", "in time of peace", "in times of peace"), "holds in peacetime only"
    ),
    QualifierPhrase("permanently", ("permanently", "on a permanent basis"), "bars only a permanent presence"),
    QualifierPhrase("temporarily", ("temporarily", "on a temporary basis"), "limits the commitment in time"),
    QualifierPhrase(
        "as it deems necessary",
        (
            "as it deems necessary",
            "as they deem necessary",
            "as it considers necessary",
            "as they consider necessary",
            "as it determines necessary",
            "as they determine necessary",
            "determines necessary",
            "deems necessary",
            "deem necessary",
        ),
        "leaves the response to the guarantor's judgement",
    ),
    QualifierPhrase(
        "in accordance with its constitutional processes",
        (
            "in accordance with its constitutional processes",
            "in accordance with its constitutional provisions and processes",
            "in accordance with their constitutional processes",
            "in accordance with their respective constitutional processes",
            "in accordance with its constitutional procedures",
            "in accordance with their constitutional procedures",
            "in accordance with constitutional processes",
            "in accordance with constitutional procedures",
            "subject to its constitutional processes",
        ),
        "makes the response depend on each party's domestic procedures",
    ),
    QualifierPhrase(
        "without cause", ("without cause", "without provocation", "unprovoked"), "applies only when unprovoked"
    ),
    QualifierPhrase(
        "under its command",
        ("under its command", "under their command", "under nato command", "under the command of"),
        "covers only forces under that command",
    ),
    QualifierPhrase("in the future", ("in the future", "in future"), "places the commitment in the future"),
    QualifierPhrase("de facto", ("de facto",), "recognition in fact, not in law"),
    QualifierPhrase("de jure", ("de jure",), "recognition in law"),
    QualifierPhrase(
        "significant, deliberate and sustained",
        ("significant deliberate and sustained", "significant deliberate sustained"),
        "only an attack of that scale triggers the commitment",
    ),
    QualifierPhrase(
        "including the use of armed force",
        ("including the use of armed force", "including the use of force", "including military force"),
        "names armed force among the means of the response",
    ),
    QualifierPhrase("forthwith", ("forthwith", "immediately", "without delay"), "fixes when the commitment applies"),
    QualifierPhrase(
        "individually and in concert",
        ("individually and in concert with", "individually or collectively", "individually and collectively"),
        "says whether parties act alone or together",
    ),
    QualifierPhrase("in principle", ("in principle",), "commits in principle only"),
    QualifierPhrase(
        "to the extent possible",
        ("to the extent possible", "as far as possible", "where possible", "where appropriate", "as appropriate"),
        "commits only as far as feasible",
    ),
    QualifierPhrase("in good faith", ("in good faith",), "an obligation of conduct, not of result"),
    QualifierPhrase(
        "by mutual agreement",
        ("by mutual agreement", "mutually agreed", "by mutual consent", "as may be agreed upon"),
        "needs the other side's agreement",
    ),
    QualifierPhrase("in stages", ("in stages", "gradually", "on a case-by-case basis", "case by case"), "phased"),
    QualifierPhrase(
        "internationally recognized",
        ("internationally recognized", "internationally recognised"),
        "status recognised abroad",
    ),
)
"""Known qualifiers, matched as word sequences (case and punctuation ignored, longest first)."""


# --- conditions -------------------------------------------------------------------------------

CONDITION_MARKERS: tuple[str, ...] = (
    "if",
    "unless",
    "provided that",
    "providing that",
    "on condition that",
    "in the event of",
    "in the event that",
    "in case of",
    "whenever",
)
"""Words that open a condition; the condition runs to the next comma, semicolon, full stop or 'then'."""


# --- the facts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Modality:
    """A modal phrase: ``phrase`` as written (lowercase), its ``level`` on the scale and ``rank``
    (higher is stronger), whether it is ``negated`` (a prohibition), the few words before it
    (``subject``) and the clause of text around it (``context``); ``start`` is a character offset."""

    phrase: str
    level: str
    rank: int
    negated: bool
    subject: str
    context: str
    start: int

    @property
    def label(self) -> str:
        return f"{self.phrase} ({'prohibition, ' if self.negated else ''}{self.level})"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, as written (``text``), its ``value``, the word after it (``unit``) and its
    ``category``: ``money``, ``percent``, ``ratio`` or ``number``."""

    text: str
    value: float
    unit: str | None
    category: str
    start: int


@dataclass(frozen=True, slots=True)
class Duration:
    """A period such as "10 years" or "ten years"; ``days`` makes periods comparable."""

    text: str
    days: float
    start: int


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date as written and as ``iso`` (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD``)."""

    text: str
    iso: str
    start: int


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A known narrowing phrase: the canonical ``key`` of ``QUALIFIERS``, the words as written."""

    key: str
    text: str
    note: str
    start: int


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition: its opening ``marker`` ("if", "unless", ...) and its ``text`` (marker included)."""

    marker: str
    text: str
    start: int

    @property
    def normalised(self) -> str:
        return " ".join(w.lower() for w in _WORD.findall(self.text))


@dataclass(frozen=True, slots=True)
class PartyMention:
    """A party named in prose: by reference (``@US``, ``how="ref"``) or by a matchable alias (``how="alias"``)."""

    code: str
    text: str
    how: str


@dataclass(frozen=True, slots=True)
class ProseFacts:
    """Everything ``analyse`` read in a text, each kind in reading order."""

    modalities: tuple[Modality, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    durations: tuple[Duration, ...] = ()
    dates: tuple[Date, ...] = ()
    qualifiers: tuple[Qualifier, ...] = ()
    conditions: tuple[Condition, ...] = ()
    parties: tuple[PartyMention, ...] = ()

    @property
    def party_codes(self) -> frozenset[str]:
        return frozenset(p.code for p in self.parties)


# --- tokens -----------------------------------------------------------------------------------

# One token at a time: a number ("600,000", "1.5"), a word ("won't", "G8") or one punctuation
# character. No alternative can re-scan more than the token it fails on, so a pass is linear.
_TOKEN = READER_TOKEN
_WORD = WORD_RE
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")


class _Token(NamedTuple):
    kind: str  # "num", "word" or "punct"
    text: str
    start: int
    end: int
    low: str  # lowercase, typographic apostrophe as "'"


_Columns = tuple[list[str], list[str], list[int], list[int], list[str]]

_match_start, _match_end, _match_group = re.Match.start, re.Match.end, re.Match.group
_match_kind = operator.attrgetter("lastgroup")


def _tokens(text: str) -> list[_Token]:
    return _rows(_columns(text))


def _rows(columns: _Columns) -> list[_Token]:
    # tuple.__new__ builds each _Token without the named tuple's Python-level __new__.
    return list(map(tuple.__new__, itertools.repeat(_Token), zip(*columns, strict=True)))


def _columns(text: str) -> _Columns:
    """The tokens of a text as columns: kinds, texts, starts, ends and lowercase forms.

    Each column is made by one call that runs in C over the matches (no Python code a token).
    Lower-casing the whole text once gives each token's lowercase as a slice, the same as
    lower-casing the token alone, when no character changes length (e.g. "İ") and there is no
    capital sigma (whose lowercase depends on the letters around it); otherwise token by token.
    """
    matches = list(_TOKEN.finditer(text))
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


# Punctuation that ends the clause of text a phrase belongs to.
_CLAUSE_END = frozenset(".;!?[]|")
# What stops a condition (besides _CLAUSE_END), and the words before a modal that end its subject.
_CONDITION_END = frozenset(",:")
_SUBJECT_STOP_WORDS = frozenset({"and", "or", "but", "that", "which", "while", "whereas", "where", "when", "if"})
_CONDITION_STOP_WORDS = frozenset({"then", "if", "unless", "whenever"})
_CONTEXT_WORDS = 12
_SUBJECT_WORDS = 6
_CONDITION_WORDS = 40

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march",),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_DURATION_UNITS = {
    "hour": 1 / 24,
    "hours": 1 / 24,
    "day": 1.0,
    "days": 1.0,
    "week": 7.0,
    "weeks": 7.0,
    "month": 30.4375,
    "months": 30.4375,
    "year": 365.25,
    "years": 365.25,
    "decade": 3652.5,
    "decades": 3652.5,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_CURRENCY_SIGNS = frozenset("$€£¥")
_CURRENCY_WORDS = frozenset({"dollars", "dollar", "usd", "euros", "euro", "eur", "pounds", "gbp", "rubles", "roubles"})
_PERCENT_WORDS = frozenset({"percent", "pct"})
# A number after these words names something (Article 51, point 10), it is not a quantity.
_REFERENCE_WORDS = frozenset(
    {
        "article",
        "articles",
        "art",
        "paragraph",
        "paragraphs",
        "point",
        "points",
        "section",
        "chapter",
        "clause",
        "clauses",
        "annex",
        "resolution",
        "no",
        "number",
        "protocol",
        "page",
        "item",
        "tias",
        "ust",
        "phase",
        "stage",
        "round",
    }
)
_NOT_UNITS = frozenset(
    {
        "in",
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "an",
        "for",
        "by",
        "on",
        "at",
        "with",
        "from",
        "per",
        "as",
        "than",
        "is",
        "are",
        "was",
        "were",
        "be",
        "will",
        "shall",
        "may",
        "must",
        "should",
        "can",
        "which",
        "that",
        "who",
        "it",
        "its",
        "their",
        "if",
        "unless",
        "until",
        "after",
        "before",
        "during",
        "within",
    }
)
_ONES = (  # noqa: SIM905 - a word list reads better as words
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
_NUMBER_WORDS = {word: value for value, word in enumerate(_ONES)} | {word: 10 * (i + 2) for i, word in enumerate(_TENS)}
# Words before "will", "must" or "can" that make it a noun ("the will of the people").
_NOUN_GUARD = frozenset({"the", "a", "political", "good", "free", "ill", "its", "their", "his", "her", "of", "our"})


def _number(text: str) -> float:
    return float(text.replace(",", ""))


class _Reader:
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

    # -- helpers over token indices --

    def tok(self, i: int) -> _Token | None:
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
            if i < after or not (kind == "num" or low in _MONTHS or low[:1].isdigit()):
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
        return _MONTHS.get(t.low.rstrip("."))

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
        if year and not (i > 0 and tokens[i - 1].text in _CURRENCY_SIGNS):
            nxt = self.tok(i + 1)
            if nxt is None or (nxt.kind == "punct" and nxt.text != "%") or nxt.low in _NOT_UNITS:
                return i, f"{year:04d}"
        return None

    def _is(self, i: int, punct: str) -> bool:
        t = self.tok(i)
        return t is not None and t.text == punct

    # -- durations --

    def _number_words(self, i: int) -> tuple[int, float] | None:
        """A number written in words from token ``i`` ("ten", "twenty-five"): last token and value."""
        t = self.tok(i)
        if t is None or t.low not in _NUMBER_WORDS:
            return None
        value, last = _NUMBER_WORDS[t.low], i
        # "twenty-five", "twenty five"
        k = last + 2 if self.adjacent(last) and self._is(last + 1, "-") else last + 1
        nxt = self.tok(k)
        if value >= 20 and value % 10 == 0 and nxt is not None and 0 < _NUMBER_WORDS.get(nxt.low, 0) < 10:
            value, last = value + _NUMBER_WORDS[nxt.low], k
        return last, float(value)

    def durations(self) -> list[Duration]:
        out: list[Duration] = []
        tokens = self.tokens
        candidates = [i for i, low in enumerate(self.all_lows) if low in _NUMBER_WORDS or self.kinds[i] == "num"]
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
            if unit is None or unit.low not in _DURATION_UNITS or any(self.taken[i : k + 1]):
                continue
            text, start = self.span(i, k)
            out.append(Duration(text, value * _DURATION_UNITS[unit.low], start))
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
            if prev_word in _REFERENCE_WORDS and not (prev and prev.text in _CURRENCY_SIGNS):
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
            if prev is not None and prev.text in _CURRENCY_SIGNS and prev.end == t.start:
                first, category, unit = i - 1, "money", prev.text
            nxt = self.tok(last + 1)
            if nxt is not None and nxt.low in _SCALES:
                value *= _SCALES[nxt.low]
                last += 1
                nxt = self.tok(last + 1)
            if nxt is not None and nxt.text == "%":
                last, category, unit = last + 1, "percent", "%"
            elif nxt is not None and nxt.low in _PERCENT_WORDS:
                last, category, unit = last + 1, "percent", "percent"
            elif nxt is not None and nxt.low == "per" and (c := self.tok(last + 2)) is not None and c.low == "cent":
                last, category, unit = last + 2, "percent", "percent"
            elif nxt is not None and nxt.low in _CURRENCY_WORDS:
                last, category, unit = last + 1, "money", nxt.low
            elif category == "number" and nxt is not None and nxt.kind == "word" and nxt.low not in _NOT_UNITS:
                unit = nxt.low  # "600,000 personnel": the unit is read, not part of the quantity's text
            text, start = self.span(first, last)
            out.append(Quantity(text, value, unit, category, start))
            for k in range(first, last + 1):
                self.taken[k] = True
        return out

    # -- phrases (modalities, qualifiers, conditions, aliases) --

    def _phrase_at(self, p: int, table: Mapping[str, list[tuple[tuple[str, ...], object]]], lows: list[str]):
        """The longest phrase of ``table`` starting at word ``p``: (number of words, payload) or None."""
        candidates = table.get(lows[p])
        if candidates is None:
            return None
        for words, payload in candidates:
            n = len(words)
            if n == 1 or tuple(lows[p : p + n]) == words:
                return n, payload
        return None

    def modalities(self) -> list[Modality]:
        table = _phrase_table(self.scale)
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
            if n == 1 and p > 0 and self.lows[p - 1] in _NOUN_GUARD and phrase in ("will", "must", "can"):
                continue
            first, last = words[p], words[p + n - 1]
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

    def _subject(self, first: int) -> str:
        """The few words before token ``first``, back to a comma, clause end or conjunction."""
        k, count = first - 1, 0
        while k >= 0 and count < _SUBJECT_WORDS:
            t = self.tokens[k]
            if t.kind == "punct" and (t.text in _CLAUSE_END or t.text in _CONDITION_END):
                break
            if t.kind != "punct" and t.low in _SUBJECT_STOP_WORDS:
                break
            count += t.kind != "punct"
            k -= 1
        if k + 1 >= first:
            return ""
        return self.span(k + 1, first - 1)[0]

    def _context(self, first: int, last: int) -> str:
        """The clause of text around tokens ``first``..``last``, at most a few words either side."""
        if self._clause_bounds is None:
            self._clause_bounds = _clause_bounds(self.texts)
        starts, ends = self._clause_bounds
        return self.span(max(starts[first], first - _CONTEXT_WORDS), min(ends[last], last + _CONTEXT_WORDS))[0]

    def qualifiers(self) -> list[Qualifier]:
        out: list[Qualifier] = []
        after = 0
        for p in self._starts(_QUALIFIER_TABLE):
            if p < after:
                continue
            hit = self._phrase_at(p, _QUALIFIER_TABLE, self.lows)
            if hit is None:
                continue
            n, qualifier = hit
            text, start = self.span(self.words[p], self.words[p + n - 1])
            out.append(Qualifier(qualifier.key, text, qualifier.note, start))
            after = p + n
        return out

    def conditions(self) -> list[Condition]:
        out: list[Condition] = []
        after = 0
        for p in self._starts(_CONDITION_TABLE):
            if p < after:
                continue
            hit = self._phrase_at(p, _CONDITION_TABLE, self.lows)
            if hit is None:
                continue
            n, marker = hit
            first = self.words[p]
            last, k, count = first, first + 1, 0
            while k < len(self.tokens) and count < _CONDITION_WORDS:
                t = self.tokens[k]
                if t.kind == "punct" and (t.text in _CLAUSE_END or t.text in _CONDITION_END):
                    break
                if t.low in _CONDITION_STOP_WORDS:  # "then", or the next condition starts
                    break
                last, k, count = k, k + 1, count + (t.kind != "punct")
            text, start = self.span(first, last)
            out.append(Condition(marker, text, start))
            after = p + n
        return out

    def alias_mentions(self) -> list[PartyMention]:
        """Parties named by an alias the draft marks with ``match`` (case-sensitive, whole words)."""
        if not self.aliases:
            return []
        table: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for alias, code in self.aliases.items():
            words = tuple(_WORD.findall(alias))
            if words:
                table.setdefault(words[0], []).append((words, (alias, code)))
        for entries in table.values():
            entries.sort(key=lambda e: (-len(e[0]), e[0]))
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
    _CLAUSE_END marks; a mark is a clause of its own), filled a clause at a time."""
    n = len(texts)
    starts: list[int] = []
    ends: list[int] = []
    current = 0
    for mark in itertools.compress(itertools.count(), map(_CLAUSE_END.__contains__, texts)):
        starts += [current] * (mark - current)
        ends += [mark - 1] * (mark - current)
        starts.append(mark)
        ends.append(mark)
        current = mark + 1
    starts += [current] * (n - current)
    ends += [n - 1] * (n - current)
    return starts, ends


def _build_table(entries: list[tuple[str, object]]) -> dict[str, list[tuple[tuple[str, ...], object]]]:
    """Phrases keyed by their first word, longest first, so a look-up tries few candidates."""
    table: dict[str, list[tuple[tuple[str, ...], object]]] = {}
    for phrase, payload in entries:
        words = tuple(w.lower().replace("’", "'") for w in _WORD.findall(phrase))
        table.setdefault(words[0], []).append((words, payload))
    for candidates in table.values():
        candidates.sort(key=lambda e: (-len(e[0]), e[0]))
    return table


@lru_cache(maxsize=16)
def _phrase_table(scale: ModalityScale) -> dict[str, list[tuple[tuple[str, ...], object]]]:
    return _build_table(
        [(phrase, (phrase, level, negated, scale.rank(level))) for phrase, level, negated in scale.phrases()]
    )


_QUALIFIER_TABLE = _build_table([(variant, q) for q in QUALIFIERS for variant in q.variants])
_CONDITION_TABLE = _build_table([(marker, marker) for marker in CONDITION_MARKERS])


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
    reader = _Reader(text, scale or DEFAULT_SCALE, aliases or {})
    # Dates first, then durations, then quantities: each number belongs to one fact only.
    dates = reader.dates()
    durations = reader.durations()
    quantities = reader.quantities()
    return ProseFacts(
        modalities=tuple(reader.modalities()),
        quantities=tuple(quantities),
        durations=tuple(durations),
        dates=tuple(dates),
        qualifiers=tuple(reader.qualifiers()),
        conditions=tuple(reader.conditions()),
        parties=tuple(reader.alias_mentions()),
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
            mentions.extend(_Reader(span.text, facts_scale(scale), aliases).alias_mentions())
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
