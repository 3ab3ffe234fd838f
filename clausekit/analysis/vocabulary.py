"""The words prose analysis reads by: the modality scale, qualifiers, condition markers, and the
small word lists of dates, periods, quantities and clause boundaries.

Kept apart from the reader (``reader.py``) so that a table can be read, extended or replaced
(``ModalityScale``) without reading how tokens are walked. Phrases are lowercase word
sequences, matched longest first.
"""

from __future__ import annotations

from dataclasses import dataclass

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


# --- what bounds a phrase, a subject, a condition -----------------------------------------

# Punctuation that ends the clause of text a phrase belongs to.
CLAUSE_END = frozenset(".;!?[]|")
# What stops a condition (besides CLAUSE_END), and the words before a modal that end its subject.
CONDITION_END = frozenset(",:")
SUBJECT_STOP_WORDS = frozenset({"and", "or", "but", "that", "which", "while", "whereas", "where", "when", "if"})
CONDITION_STOP_WORDS = frozenset({"then", "if", "unless", "whenever"})
CONTEXT_WORDS = 12
SUBJECT_WORDS = 6
CONDITION_WORDS = 40

MONTHS = {
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

DURATION_UNITS = {
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
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
CURRENCY_SIGNS = frozenset("$€£¥")
CURRENCY_WORDS = frozenset({"dollars", "dollar", "usd", "euros", "euro", "eur", "pounds", "gbp", "rubles", "roubles"})
PERCENT_WORDS = frozenset({"percent", "pct"})
# A number after these words names something (Article 51, point 10), it is not a quantity.
REFERENCE_WORDS = frozenset(
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
NOT_UNITS = frozenset(
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
ONES = (  # noqa: SIM905 - a word list reads better as words
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
NUMBER_WORDS = {word: value for value, word in enumerate(ONES)} | {word: 10 * (i + 2) for i, word in enumerate(TENS)}
# Words before "will", "must" or "can" that make it a noun ("the will of the people").
NOUN_GUARD = frozenset({"the", "a", "political", "good", "free", "ill", "its", "their", "his", "her", "of", "our"})
