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


# Modal phrases that, inside a condition ("if Ukraine should become a victim of ..."), or
# opening one ("Should either Party be attacked, ..."), make it a hypothetical: they say what
# may happen, they recommend nothing. Such a phrase belongs to the condition, not the modalities.
HYPOTHETICAL_MODALS: frozenset[str] = frozenset({"should"})


@dataclass(frozen=True, slots=True)
class UnrankedModality:
    """Modal phrases the analysis reads but does not place on the scale, and why: a change to
    or from one of them is reported as not comparable, with this ``reason``."""

    name: str
    phrases: tuple[str, ...]
    negated: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class ModalityScale:
    """Modal phrases ranked from strongest (first level) to weakest (last level).

    Pass another scale to ``analyse`` (or through ``DiffOptions.scale``) to rank phrases
    differently; phrases are lowercase word sequences and are matched longest first, so
    "will seek to" is an expectation although "will" alone is a commitment. ``unranked``
    holds the modal phrases that are on no level ("would"), each group with the reason a
    change to or from it has no direction; ``hypothetical`` the one-word modals that, in a
    condition or opening one, belong to the condition (``HYPOTHETICAL_MODALS``).
    """

    levels: tuple[ModalityLevel, ...]
    unranked: tuple[UnrankedModality, ...] = ()
    hypothetical: frozenset[str] = HYPOTHETICAL_MODALS

    def rank(self, level: str) -> int:
        """Higher is stronger; the weakest level has rank 1; an unranked group has rank 0."""
        for index, candidate in enumerate(self.levels):
            if candidate.name == level:
                return len(self.levels) - index
        if any(group.name == level for group in self.unranked):
            return 0
        raise KeyError(level)

    def reason(self, level: str) -> str | None:
        """Why phrases of ``level`` are not compared, or None for a level of the scale."""
        return next((group.reason for group in self.unranked if group.name == level), None)

    def phrases(self) -> tuple[tuple[str, str, bool], ...]:
        """Every (phrase, level name, negated) of the scale, unranked groups included."""
        out: list[tuple[str, str, bool]] = []
        for level in (*self.levels, *self.unranked):
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
                # "undertake jointly to adopt", "undertake all necessary measures": the verb
                # alone binds as "undertake to" does.
                "undertakes",
                "undertake",
                "shall undertake",
                "shall undertake to",
                # "shall have towards it an obligation of aid and assistance" reads "shall".
                "shall have an obligation of",
                "shall have an obligation to",
                "has an obligation of",
                "has an obligation to",
                "have an obligation of",
                "have an obligation to",
                "is under an obligation to",
                "are under an obligation to",
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
        ModalityLevel(
            "commitment",
            (
                "will",
                "declares that it will",
                "declare that they will",
                "declares that they will",
            ),
            ("will not", "will never", "won't"),
        ),
        # The Pacific formula ("declares that it would act to meet the common danger"): a party's
        # declaration, in a treaty, of how it would act. It commits less than "will" and more than
        # "should", where the guarantee profile's scale puts it (profile_vocabulary.MODAL_LEVELS): one
        # order of levels, so the diff and the profile never rank the same change two ways.
        ModalityLevel(
            "declaration",
            ("declares that it would", "declare that they would", "declares that they would"),
            ("declares that it would not", "declare that they would not"),
        ),
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
                # Seeking is an effort whose result rests with another (the Security Council):
                # a commitment to seek ranks with "will seek to", whatever verb carries it.
                "will seek",
                "shall seek",
                "shall seek to",
                "seek to",
                "seeks to",
                "seek",
                "seeks",
                "commitment to seek",
                "commitments to seek",
                "commit to seek",
                "commits to seek",
                "undertake to seek",
                "undertakes to seek",
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
    ),
    (
        UnrankedModality(
            "conditional",
            ("would", "could", "might"),
            ("would not", "could not", "might not", "wouldn't", "couldn't"),
            "the conditional says what would follow, not what a party commits to "
            "('declares that it would' ranks as a declaration)",
        ),
    ),
)
"""The default scale (docs/diff.md): binding > commitment > declaration > recommendation > expectation >
permission, and the conditional ("would", "could", "might"), which is on no level."""

# The words after ", should" that make it an inverted condition (", should either Party ...").
INVERSION_SUBJECTS: frozenset[str] = frozenset(
    {"it", "they", "either", "any", "one", "a", "an", "the", "such", "there", "he", "she", "we"}
)


# --- saving clauses: what a text leaves untouched ---------------------------------------------

# A saving clause ("This shall not prejudice the specific character of ...", "without
# prejudice to", "Nothing in this Treaty shall affect ...") keeps something else intact: its
# "shall not" prohibits nothing. A saving clause is an opener (a modal or an auxiliary, then
# perhaps "in any way") and a saving verb, or a phrase that saves on its own.
SAVING_OPENERS: tuple[str, ...] = (
    "shall not",
    "will not",
    "does not",
    "do not",
    "must not",
    "may not",
    "shall",
    "will",
    "is",
    "are",
)
SAVING_FILLERS: tuple[str, ...] = ("", "in any way", "in any manner", "in any respect")
SAVING_VERBS: tuple[str, ...] = (
    "prejudice",
    "affect",
    "impair",
    "derogate from",
    "be without prejudice to",
    "without prejudice to",
    "be interpreted as affecting",
    "be construed as affecting",
    "be interpreted as prejudicing",
    "be construed as prejudicing",
    "be interpreted as impairing",
    "be construed as impairing",
    "be deemed to affect",
)
SAVING_PHRASES: tuple[str, ...] = ("without prejudice to", "without prejudice")
# An opener that is not negated saves only after a negative subject ("Nothing in this Treaty
# shall affect ..."); "shall affect" alone is a commitment like any other.
NEGATIVE_SUBJECTS: frozenset[str] = frozenset({"nothing", "no", "none", "neither"})
SAVING_WORDS = 30


# --- qualifiers: phrases that narrow a commitment ------------------------------------------


@dataclass(frozen=True, slots=True)
class QualifierPhrase:
    """One known qualifier: a canonical ``key`` (what findings name), the word sequences that
    express it, and why it matters. ``adjectives`` are the forms that qualify a noun rather than
    the commitment ("immediate action" against "assist immediately"): read as the same key, in
    the form ``adjective``, with the noun they qualify."""

    key: str
    variants: tuple[str, ...]
    note: str
    adjectives: tuple[str, ...] = ()


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
    QualifierPhrase(
        "forthwith",
        ("forthwith", "immediately", "without delay"),
        "fixes when the commitment applies",
        ("immediate",),
    ),
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

# The words that end the noun phrase after an adjective qualifier: "immediate United Nations
# Security Council action to provide ..." qualifies "action", the last word before "to".
NOUN_PHRASE_WORDS = 6


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
FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from",
        "into", "upon", "as", "than", "that", "this", "these", "those", "which", "who", "whom", "whose", "it",
        "its", "they", "them", "their", "he", "she", "his", "her", "we", "our", "us", "you", "your", "each",
        "any", "all", "both", "either", "neither", "other", "such", "same", "own", "is", "are", "was", "were",
        "be", "been", "being", "has", "have", "had", "do", "does", "did", "not", "no", "if", "then", "so",
        "against", "between", "under", "over", "after", "before", "within", "without", "also", "there",
    }
)  # fmt: skip
"""English words that carry grammar, not subject matter: two clauses sharing them says nothing
(what ``compare --suggest`` leaves out of the words it names as evidence)."""
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
# What ends the noun phrase an adjective qualifier qualifies (besides punctuation).
NOUN_PHRASE_END = NOT_UNITS | frozenset({"once", "when", "where", "while", "so", "upon", "against", "into", "under"})
