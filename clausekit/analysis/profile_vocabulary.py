"""The phrase tables of the guarantee profile (``profile.py``), and the strength scale that ranks
its values (``compare_profiles``).

Kept apart from the reader, like ``vocabulary.py``, so that a table can be read, extended or
replaced without reading how the text is walked: ``profile(..., vocabulary=...)`` takes another
``ProfileVocabulary`` (``dataclasses.replace(DEFAULT_PROFILE_VOCABULARY, ...)``), and
``compare_profiles(..., scale=...)`` another ``StrengthScale``.

A pattern is a lowercase regular-expression fragment, matched case-insensitively inside one
sentence, with no unbounded repetition (``[^.;]{0,60}`` rather than ``.*``), so a reading stays
linear in the text. English first; a few Russian and French entries read the authentic texts of
the corpus (CSTO 1992, the Shusha declaration). docs/profile.md explains every value.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- one value and the phrases that say it ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValuePhrases:
    """A value of a dimension and the patterns that express it."""

    value: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ModalPhrase:
    """A verb that carries a commitment, with its level on the modality scale (``DEFAULT_SCALE``
    names, or ``declaration`` / ``performative`` / ``political``, see docs/profile.md)."""

    pattern: str
    level: str


# --- the tables -------------------------------------------------------------------------------

OBLIGATION = (
    ValuePhrases(
        "defend",
        (
            r"military (?:and other )?(?:aid|assistance|support|help)",
            r"(?:help|aid|assistance|support),? including military",
            r"включая военную",
            r"\bbe met with an? [^.;]{0,60}?\bresponse\b",
        ),
    ),
    ValuePhrases("assist", (r"\bassist(?:s|ance)?\b", r"\baid\b", r"\bhelp\b", r"\bsupport\b", r"помощ", r"\baide\b")),
    ValuePhrases(
        "act",
        (
            r"\b(?:would|will|shall) act\b",
            r"\bact to meet\b",
            r"\bact (?:jointly|together|in concert)\b",
            r"\btake action\b",
            r"\b(?:carry out|adopt|take|undertake) (?:jointly )?all (?:the )?(?:necessary )?measures\b",
            r"\b(?:undertake|take|adopt) (?:jointly )?(?:the )?(?:necessary )?measures"
            r" to (?:oppose|resist|repel|counter)\b",
            r"\bguarantees? the\b",
        ),
    ),
    ValuePhrases("seek-action", (r"\bseek\b[^.;]{0,60}?\baction\b",)),
    ValuePhrases("consult", (r"\bconsult(?:s|ed|ing|ation|ations)?\b", r"\bconvene\b", r"консультац")),
    ValuePhrases("refrain", (r"\brefrain from\b", r"\bto prohibit\b", r"\bundertakes? not to\b")),
    ValuePhrases(
        "build-capacity",
        (
            r"\bmaintain and develop\b[^.;]{0,80}?\b(?:capacit(?:y|ies)|means|capabilit(?:y|ies))\b",
            r"\bself[- ]?help and mutual aid\b",
        ),
    ),
)
"""What the guarantor promises to do. ``assist`` is read as ``defend`` where the aid is military, or
extends to all means including armed force (``MEANS_MAKE_DEFENCE``). ``build-capacity`` is a promise to
prepare, not to respond: "by self-help and mutual aid, the Parties will maintain and develop appropriate
means to deter armed attack" (US-ROK Art. II); an obligation word inside the phrase of another value
(the "aid" of "mutual aid") is a word of that phrase."""

PREPARATION = ("build-capacity",)
"""Obligation values that promise to prepare, not to respond: beside them, a promise to consult is still
the whole of the response (``consult-first``)."""

MEANS_MAKE_DEFENCE = ("all-means", "armed-force")
"""Means that, together, make a promise of assistance a promise of military defence."""

DEEMING = (
    ValuePhrases(
        "yes",
        (
            r"\b(?:considered|deemed|regarded)\b(?:[^.;]{0,60}?\bas)?\s+(?:an?\s+)?(?:armed\s+)?"
            r"(?:attack|aggression)\b[^.;]{0,120}?\ball\b",
            r"\battack on one\b[^.;]{0,60}\battack on all\b",
            r"рассматриваться как агрессия против всех",
        ),
    ),
)
"""An attack on one is deemed an attack on all (or on the guarantor)."""

DISCRETION = (
    ValuePhrases(
        "as-deemed-necessary",
        (
            r"\b(?:it|they) (?:may )?(?:deems?|considers?|determines?) (?:to be )?(?:necessary|appropriate)\b",
            r"\bas (?:it|they) (?:may )?(?:deems?|considers?) (?:necessary|appropriate)\b",
            r"\bmay determine the\b",
            r"\b(?:determined|decided|judged) by the\b",
            r"\bjudged (?:necessary|appropriate)\b",
        ),
    ),
    ValuePhrases(
        "constitutional-processes",
        (
            r"\bconstitutional (?:provisions|processes|procedures|requirements)\b",
            r"\bconsistent with all applicable laws\b",
        ),
    ),
    ValuePhrases(
        "consult-first",
        (
            r"\bconsult\w*\b[^.;]{0,80}?\bto (?:determine|decide)\b",
            r"\bconvene\b[^.;]{0,80}?\bto (?:determine|decide)\b",
            r"\bdetermined by (?:urgent )?(?:discussions|consultations)\b",
            r"\bafter (?:immediate |prior )?consultations?\b",
            r"\bafter consulting\b",
            r"déterminées par des discussions",
        ),
    ),
    ValuePhrases("reserved-right", (r"\breserves? the right\b", r"\bretains? the freedom\b")),
)
"""How far the response is left to the guarantor. ``automatic`` is not a phrase: it is read where a
promise to assist or defend is subject to none of these (or only to a judgement of the means,
``MEANS_NOUNS``); ``consult-first`` is also read where consulting is the whole promise."""

MEANS_NOUNS = (r"\bmeans\b", r"\bсредств")
"""A discretion phrase right after one of these judges the means, not whether to act."""

MEANS = (
    ValuePhrases(
        "armed-force",
        (
            r"\buse of armed\b",
            r"\buse of force\b",
            r"\barmed force\b(?!s)",
            r"\bmilitary force\b",
            r"\bincluding nuclear\b",
            r"\bnuclear (?:weapons|capabilities|forces)\b",
        ),
    ),
    ValuePhrases(
        "all-means",
        (
            r"\ball (?:the )?means\b",
            r"\ball the\b[^.;]{0,60}?\bin (?:its|their) power\b",
            r"\bmeans at (?:its|their) disposal\b",
            r"\ball (?:the )?(?:necessary )?measures (?:with)?in (?:its|their) power\b",
            r"\ball measures to\b",
            r"\bfull range of\b",
            r"в их распоряжении",
        ),
    ),
    ValuePhrases(
        "military-assistance",
        (
            r"\bmilitary (?:and other )?(?:aid|assistance|support|help|equipment)\b",
            r"\bincluding military\b",
            r"\bsecurity assistance\b",
            r"\blogistical (?:support|assistance)\b",
            r"\bintelligence (?:and logistical )?(?:support|assistance|sharing)\b",
            r"включая военную",
            r"\bcoordinated activit(?:y|ies)\b[^.;]{0,80}?\barmed forces\b",
            r"activités coordonnées[^.;]{0,80}?forces armées",
        ),
    ),
    ValuePhrases(
        "non-military",
        (
            r"\beconomic (?:and \w+ )?(?:assistance|aid|costs|measures|sanctions|actions?)\b",
            r"\bsanctions\b",
            r"\bshare information\b",
            r"\bmessaging\b",
            r"\bdiplomatic (?:support|measures|actions?)\b",
            r"\bhumanitarian (?:aid|assistance)\b",
        ),
    ),
    ValuePhrases(
        "unspecified",
        (
            r"\bnecessary (?:aid|help|assistance)\b(?!,? including)",
            r"(?:l'|l’)aide nécessaire(?!,? y compris)",
        ),
    ),
)
"""What the response may use; ``unspecified`` is also what a promise that names no means gets."""

TIMING = (
    ValuePhrases("immediately", (r"\bimmediate(?:ly)?\b", r"\bat once\b", r"незамедлительн", r"\bimmédiatement\b")),
    ValuePhrases(
        "forthwith",
        (
            r"\bforthwith\b",
            r"\bwithout delay\b",
            r"\bswift(?:ly)?\b",
            r"\bexpeditious(?:ly)?\b",
            r"\burgent(?:ly|es)?\b",
        ),
    ),
    ValuePhrases("within", (r"\bwithin (?:\d+|[a-z-]+) (?:hours?|days?|weeks?|months?)\b",)),
)
"""When the response is due. A ``within`` is read with its period as written: "within 24 hours"."""

TRIGGER = (
    ValuePhrases("nuclear-use", (r"\bnuclear (?:attack|use)\b", r"\bnuclear weapons are used\b")),
    ValuePhrases(
        "armed-attack",
        (
            r"\barmed attack\b",
            r"(?<!nuclear )\battack(?:ed)? (?:by|on|against)\b",
            r"\battaque armée\b",
            r"вооруж[её]нн\w* нападени",
        ),
    ),
    ValuePhrases("aggression", (r"\baggression\b", r"агресс", r"\bagression\b")),
    ValuePhrases("invasion", (r"\binvasion\b", r"\binvade[sd]?\b")),
    ValuePhrases("threat", (r"\bthreat(?:s|en|ens|ened)?\b", r"\bmenaces?\b", r"угроз")),
    ValuePhrases("other", (r"\bbreach of\b", r"\bprovocations?\b", r"\bchallenges\b")),
)
"""What sets the guarantee off. ``other`` is also what a promise that names no trigger gets."""

UN = (
    ValuePhrases("article-51", (r"\barticle 51\b", r"стать\w* 51")),
    ValuePhrases(
        "report-to-security-council",
        (
            r"\breported to the security council\b",
            r"\breport(?:ed)? to the (?:un |united nations )?security council\b",
            r"известят совет безопасности",
        ),
    ),
    ValuePhrases(
        "ends-when-security-council-acts",
        (
            r"\bterminated (?:when|as soon as) the security council\b",
            r"\buntil the security council has taken\b",
            r"\bplaced upon the\W+united nations\W+organi[sz]ation\b",
        ),
    ),
    ValuePhrases(
        "security-council-action",
        (r"\bauthority and responsibility of the security council\b", r"\bsecurity council action\b"),
    ),
)
"""The clause's framing in the United Nations Charter (several values may hold)."""

COUNCIL_SENTENCES = (
    r"\breported to the (?:un |united nations )?security council\b",
    r"\bsecurity council has taken\b",
    r"\bauthority and responsibility of the security council\b",
    r"известят совет безопасности",
)
"""A sentence with one of these is about the Security Council (a report to it, its own action): it is
read for ``un`` only, so "shall immediately be reported" is not the timing of the response."""

_SIDES = r"(?:part(?:y|ies)|sides?|nations?|countr(?:y|ies)|states?)"
MUTUAL = (
    rf"\beach (?:one )?of the (?:said )?(?:high )?(?:contracting )?{_SIDES}\b",
    rf"\beither (?:of the )?(?:high )?(?:contracting )?(?:two )?{_SIDES}\b",
    rf"\bany of the (?:high )?(?:contracting )?{_SIDES}\b",
    rf"\bone or (?:more|both) of the (?:high )?(?:contracting )?{_SIDES}\b",
    rf"\b(?:the two|both) (?:high )?(?:contracting )?{_SIDES}\b",
    r"\beach party\b",
    r"\beach other\b",
    r"\bone another\b",
    r"\bmember states?\b",
    r"государств\w* - участник",
)
"""Phrases in which the parties protect one another (reciprocity ``mutual``)."""

MODALS = (
    ModalPhrase(r"\bshall\b", "binding"),
    ModalPhrase(r"\bmust\b", "binding"),
    ModalPhrase(r"\bundertakes?\b", "binding"),
    ModalPhrase(r"\bagrees? to\b", "binding"),
    ModalPhrase(r"\bcommits?\b", "binding"),
    ModalPhrase(r"\bare obliged to\b|\bis obliged to\b", "binding"),
    ModalPhrase(r"\bshall have (?:towards \w+ )?an obligation\b", "binding"),
    ModalPhrase(r"\b(?:recogni[sz]es? and )?guarantees?\b", "performative"),
    ModalPhrase(r"\bwill\b", "commitment"),
    ModalPhrase(r"\bpledges? to\b", "political"),
    ModalPhrase(r"\breaffirms? (?:their|its) commitment to\b", "political"),
    ModalPhrase(r"\bwould\b", "declaration"),
    ModalPhrase(r"\bshould\b", "recommendation"),
    ModalPhrase(r"\bintends? to\b|\bintend\b", "expectation"),
    # To seek is to try, whatever verb carries it: "will seek to" ranks as the diff's scale ranks it.
    ModalPhrase(r"\b(?:will|shall) seek(?: to)?\b|\bseeks? to\b", "expectation"),
    ModalPhrase(r"\breserves? the right to\b", "permission"),
    ModalPhrase(r"\bmay\b", "permission"),
    ModalPhrase(r"\bпредоставят\b|\bокажут\b", "commitment"),
    ModalPhrase(r"s['’]apporteront|\btiendront\b|\bprendront\b", "commitment"),
)
"""Verbs that carry the core commitment, with their level. The modality is the verb nearest before
the first promise of the strongest obligation (a future indicative, in Russian and French); of two
phrases that start at one word and rank differently ("will", "will seek to"), the longer."""

MODAL_LEVELS = (
    "binding",
    "commitment",
    "performative",
    "political",
    "declaration",
    "recommendation",
    "expectation",
    "permission",
)
"""The levels of ``MODALS``, strongest first: the scale's binding and commitment, then a performative
("guarantee"), a political pledge, a declaration of what one would do, then the scale's rest."""

PURPOSE_GUARDS = (r"\bprevent(?:ion)?\b", r"\bdeter\b", r"\brender impossible\b")
"""A trigger word after one of these, in the same sentence, names what the measures are to prevent,
not what sets them off."""

DELIBERATION_GUARDS = (r"\bto (?:determine|decide|examine)\b",)
"""An obligation word after one of these, in the same sentence, is what is to be deliberated, not
what is promised ("convene ... to determine next steps ... including ... assistance")."""

REQUEST_GUARDS = (
    r"\bseek\b[^.;]{0,60}?\baction\b[^.;]{0,40}?\bto\b",
    r"\b(?:call|calls) (?:up)?on\b[^.;]{0,60}?\bto\b",
    r"\b(?:ask|asks|request|requests|invite|invites) the\b[^.;]{0,60}?\bto\b",
)
"""An obligation word after one of these, in the same sentence, is what another body is asked to
do, not the guarantors' own promise ("seek immediate Security Council action to provide
assistance" is ``seek-action`` only)."""

DESCRIPTION_SUBJECTS = (r"\b(?:measures|means|steps|actions?|responses?)\s+(?:that\s+|which\s+)?$",)
"""A modal right after one of these has the measures as its subject ("These measures may include
..."): it describes the means, and does not set the commitment's modality."""

DESCRIPTION_VERBS = (r"\s+(?:also\s+)?(?:include|comprise|consist of|encompass|involve)\b",)
"""A modal right before one of these (matched where the modal ends) lists means ("... may include
armed force ..."): it describes the means, and does not set the commitment's modality."""

INSTRUMENT_NAMES = (
    r"\b(?:Treaty|Convention|Charter|Agreement|Protocol|Memorandum|Pact)\s+(?:on|of|for|concerning)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*(?:\s+(?:of|on|and|the|in)\s+|\s+)?){1,8}",
)
"""The name of an instrument ("the Treaty on the Non-Proliferation of Nuclear Weapons"): a means
phrase inside it is a word of the name, not a means. Matched with case (the name's capitals)."""

NEGATION_GUARDS = (r"\b(?:no|not|never|nor|without)\b",)
"""A word before a phrase (within ``NEGATION_WINDOW`` characters) that negates it ("no State shall be
required to use armed force")."""

NEGATION_WINDOW = 40

RESERVED_GUARDS = (r"\breserves? the right\b", r"\bretains? the freedom\b")
"""An obligation after one of these is a right kept, not a promise made."""

SCOPE_PATTERN = (
    r"\b(?:attack|aggression)\b[^.;]{0,80}?\b(in (?:the )?(?:territor(?:y|ies) [^,.;]{0,80}?(?=\s+(?:would|shall|will|"
    r"is|are|and|or)\b|[,.;]|$)|[A-Z][\w-]*(?:\s+(?:or|and|of|the|[A-Z][\w-]*))*(?:\s+(?:area|region|zone))?)"
    r"|in the (?:[a-z-]+ ){1,2}?(?:area|region|zone)\b|on (?:its|their) (?:own )?territor(?:y|ies)\b)"
)
"""The area as written: "in" after the attack, then capitalised names ("in Europe or North America")
or "the territories ..." up to the verb; a defined area in lower case ("in the treaty area"); the
victim's own territory ("on its territory"). Matched with case (the names' capitals)."""


@dataclass(frozen=True, slots=True)
class ProfileVocabulary:
    """Every table the profile reader reads by; replace one to read differently."""

    obligation: tuple[ValuePhrases, ...] = OBLIGATION
    deeming: tuple[ValuePhrases, ...] = DEEMING
    discretion: tuple[ValuePhrases, ...] = DISCRETION
    means: tuple[ValuePhrases, ...] = MEANS
    timing: tuple[ValuePhrases, ...] = TIMING
    trigger: tuple[ValuePhrases, ...] = TRIGGER
    un: tuple[ValuePhrases, ...] = UN
    modals: tuple[ModalPhrase, ...] = MODALS
    modal_levels: tuple[str, ...] = MODAL_LEVELS
    mutual: tuple[str, ...] = MUTUAL
    council_sentences: tuple[str, ...] = COUNCIL_SENTENCES
    purpose_guards: tuple[str, ...] = PURPOSE_GUARDS
    deliberation_guards: tuple[str, ...] = DELIBERATION_GUARDS
    negation_guards: tuple[str, ...] = NEGATION_GUARDS
    request_guards: tuple[str, ...] = REQUEST_GUARDS
    description_subjects: tuple[str, ...] = DESCRIPTION_SUBJECTS
    description_verbs: tuple[str, ...] = DESCRIPTION_VERBS
    instrument_names: tuple[str, ...] = INSTRUMENT_NAMES
    reserved_guards: tuple[str, ...] = RESERVED_GUARDS
    means_nouns: tuple[str, ...] = MEANS_NOUNS
    means_make_defence: tuple[str, ...] = MEANS_MAKE_DEFENCE
    preparation: tuple[str, ...] = PREPARATION
    scope_pattern: str = SCOPE_PATTERN
    negation_window: int = NEGATION_WINDOW


DEFAULT_PROFILE_VOCABULARY = ProfileVocabulary()


# --- the strength scale ----------------------------------------------------------------------


PERIODS = (
    ("hour", "hours", 1),
    ("day", "hours", 24),
    ("week", "hours", 168),
    ("month", "months", 1),
    ("year", "months", 12),
)
"""The units of a timing ``within`` period that compare: (unit, measure, size in the measure)."""


@dataclass(frozen=True, slots=True)
class StrengthScale:
    """For each ranked dimension, its values from strongest to weakest. A dimension not named here
    (trigger, scope, reciprocity, un, ...) is compared as same or different only; a value not in
    its ranking makes the comparison ``different``."""

    rankings: tuple[tuple[str, tuple[str, ...]], ...]
    # Dimensions where the weakest value decides: one more discretion makes a promise weaker.
    weakest_decides: tuple[str, ...] = ("discretion",)
    # The periods of a timing "within ..." (its unit, singular), each with the measure it compares
    # in and its size: two periods in the same measure compare, the shorter stronger; a month is
    # no fixed number of days, so months compare with months only.
    periods: tuple[tuple[str, str, float], ...] = PERIODS

    def ranking(self, dimension: str) -> tuple[str, ...] | None:
        for name, values in self.rankings:
            if name == dimension:
                return values
        return None


DEFAULT_STRENGTH = StrengthScale(
    (
        ("obligation", ("defend", "assist", "act", "seek-action", "consult", "build-capacity", "none")),
        ("deeming", ("yes", "no")),
        (
            "discretion",
            (
                "automatic",
                "as-deemed-necessary",
                "constitutional-processes",
                "consult-first",
                "reserved-right",
                "none-stated",
            ),
        ),
        ("means", ("armed-force", "all-means", "military-assistance", "unspecified", "non-military")),
        ("timing", ("immediately", "forthwith", "within", "none-stated")),
        ("modality", MODAL_LEVELS),
    )
)
"""The default strength scale (docs/profile.md): a promise of defence is stronger than one of
assistance, automatic stronger than as deemed necessary, ..."""
