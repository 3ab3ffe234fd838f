"""What the prose analysis reads in a text: each kind of fact, with where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.language.syntax import WORD_RE


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
    """A known narrowing phrase: the canonical ``key`` of ``QUALIFIERS``, the words as written.

    ``form`` is ``adverb`` (it qualifies the commitment: "assist immediately") or ``adjective``
    (it qualifies a noun, ``qualifies``: "seek immediate ... action" qualifies "action")."""

    key: str
    text: str
    note: str
    start: int
    form: str = "adverb"
    qualifies: str | None = None

    @property
    def described(self) -> str:
        """The note, or for an adjective what it qualifies instead of the commitment."""
        if self.form == "adjective":
            return f"qualifies '{self.qualifies or 'a noun'}', not the commitment"
        return self.note


@dataclass(frozen=True, slots=True)
class Saving:
    """A saving clause: words that leave something else untouched ("shall not prejudice the
    specific character of ...", "without prejudice to ..."), to the end of their clause; what
    its "shall not" says is no prohibition."""

    text: str
    start: int

    @property
    def normalised(self) -> str:
        return " ".join(w.lower() for w in WORD_RE.findall(self.text))


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition: its opening ``marker`` ("if", "unless", ...) and its ``text`` (marker included)."""

    marker: str
    text: str
    start: int

    @property
    def normalised(self) -> str:
        return " ".join(w.lower() for w in WORD_RE.findall(self.text))


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
    savings: tuple[Saving, ...] = ()

    @property
    def party_codes(self) -> frozenset[str]:
        return frozenset(p.code for p in self.parties)
