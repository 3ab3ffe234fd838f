"""The rules of the profile: from the matches of the phrase tables to each dimension's value.

Each rule is short and general (docs/profile.md says them in words): a promise of assistance whose
means are military is a promise of defence; consulting is ``consult-first`` where it is the whole
promise or comes with "to determine"; a promise to assist or defend subject to no discretion is
``automatic``; the modality is the verb nearest before the strongest promise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from clausekit.analysis import DEFAULT_SCALE, analyse, is_english
from clausekit.analysis.facts import Condition
from clausekit.analysis.profile_model import Dimension, Evidence
from clausekit.analysis.profile_read import Match, Sentence, Tables, find_matches, negated
from clausekit.analysis.reader import Reader
from clausekit.model import Clause, Draft

_SCOPE_TRAILING = ("or", "and", "of", "the")


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _evidence(matches: Sequence[Match]) -> tuple[Evidence, ...]:
    """The first words of each value from each origin (fields first): enough to check, not a list
    of every repetition. Every value's first words come before any value's second, so that a
    reader shown only the first few items still sees words for each value."""
    seen: set[tuple[str, bool]] = set()
    out: list[Evidence] = []
    firsts = {value: None for value in (m.value for m in matches)}  # each value once, in reading order
    order = {value: index for index, value in enumerate(firsts)}
    repeated = {m.value for m in matches if m.from_field} & {m.value for m in matches if not m.from_field}

    def rank(match: Match) -> tuple[bool, bool, int]:
        # a value's second origin after every value's first; then fields first, then reading order
        second = match.value in repeated and not match.from_field
        return second, not match.from_field, order[match.value]

    for match in sorted(matches, key=rank):
        key = (match.value, match.from_field)
        if key not in seen:
            seen.add(key)
            out.append(match.evidence)
    return tuple(out)


def _disagreement(matches: Sequence[Match]) -> str | None:
    """Said where the fields give a value the prose does not (the prose may say more than a field)."""
    fields = _unique([m.value for m in matches if m.from_field])
    prose = _unique([m.value for m in matches if not m.from_field])
    if fields and prose and not set(fields) <= set(prose):
        return f"the fields say {', '.join(fields)}; the prose says {', '.join(prose)}"
    return None


def dimension(name: str, matches: Sequence[Match], default: Sequence[str] = (), order: Sequence[str] = ()) -> Dimension:
    """A dimension from its matches: the values in table order, read from the fields where any is."""
    if not matches:
        return Dimension(name, tuple(default), "not-stated")
    values = _unique([m.value for m in matches])
    if order:
        values = tuple(sorted(values, key=lambda v: order.index(v) if v in order else len(order)))
    source = "field" if any(m.from_field for m in matches) else "prose"
    return Dimension(name, values, source, _evidence(matches), _disagreement(matches))


def _order(table: Sequence[tuple[str, object]]) -> tuple[str, ...]:
    return _unique([value for value, _ in table])


# --- the dimensions ---------------------------------------------------------------------------


def read_dimensions(
    sentences: Sequence[Sentence], tables: Tables, clause: Clause, draft: Draft
) -> tuple[Dimension, ...]:
    window = tables.vocabulary.negation_window
    triggers = find_matches(sentences, tables.trigger)
    means_matches = [
        m
        for m in find_matches(sentences, tables.means)
        if not negated(m, tables, window) and not m.in_name and not _inside_any(m, triggers)
    ]
    means = dimension("means", means_matches, ("unspecified",), _order(tables.means))
    promises = _promises(sentences, tables, means.values)
    obligation = dimension("obligation", promises, ("none",), _order(tables.obligation))
    out = [
        obligation,
        dimension("deeming", find_matches(sentences, tables.deeming), ("no",)),
        _discretion(sentences, tables, promises),
        means,
        _timing(sentences, tables),
        _trigger(sentences, tables, window),
        _scope(sentences, tables),
        _modality(sentences, tables, promises, clause),
        _reciprocity(sentences, tables, clause),
        dimension("un", find_matches(sentences, tables.un, council=True), (), _order(tables.un)),
        *_text_dimensions(sentences, clause, draft),
    ]
    return tuple(_not_known(d, clause) for d in out)


# The value of a dimension that is not known (what one read from nothing gets).
_DEFAULTS = {"trigger": ("other",), "modality": ("none-stated",)}

# The guarantee fields each dimension is read from, where a field holds it.
_READ_FROM = {
    "obligation": "response",
    "discretion": "response",
    "means": "response",
    "timing": "response",
    "trigger": "trigger",
    "scope": "trigger",
    "modality": "modality",
    "duration": "duration",
    "conditions": "condition",
    "un": "condition",
    "void-if": "void-if",
}


# The dimensions that are a reading of one field's own value (the modality is the modality field's):
# where the guarantee marks that field ``unknown:``, the drafter has said the source does not settle
# it, and that wins over a reading of the prose, which may be of other words (a quoted fragment). The
# conditions are not here: they are the words of the text themselves, and the words there are known.
_FIELD_WINS = {"trigger": "trigger", "modality": "modality"}


def _not_known(dimension: Dimension, clause: Clause) -> Dimension:
    """A dimension whose field the source does not give (``unknown:``) is ``not-known`` where nothing
    was read (the words may be in the part of the text cut off), and where it is that field's own
    value and was read from the prose (the prose reading stays as evidence, with a note)."""
    unknown = clause.guarantee.unknown if clause.guarantee else ()
    field = _READ_FROM.get(dimension.name)
    if field not in unknown:
        return dimension
    if dimension.source == "not-stated":
        return Dimension(dimension.name, dimension.values, "not-known")
    if dimension.source == "prose" and _FIELD_WINS.get(dimension.name) == field:
        note = f"the {field} field is marked unknown; the prose reads {dimension.shown()}"
        return Dimension(dimension.name, _DEFAULTS[dimension.name], "not-known", dimension.evidence, note)
    return dimension


def _inside_any(match: Match, others: Sequence[Match]) -> bool:
    """Whether the words of ``match`` are words of one of ``others`` ("nuclear weapons are used" is
    the trigger, not a means)."""
    return any(o.index == match.index and o.start <= match.start and match.end <= o.end for o in others)


def _promises(sentences: Sequence[Sentence], tables: Tables, means: Sequence[str]) -> list[Match]:
    """The obligation matches that are promised: not negated, not what is to be deliberated, not
    what another body is asked to do, not a word of another value's phrase ("mutual aid" in "by
    self-help and mutual aid" is building capacity, not assistance); an assistance is a defence where
    a defence phrase is read, or the means make it one."""
    window = tables.vocabulary.negation_window
    matches = find_matches(sentences, tables.obligation)
    found = [
        m
        for m in matches
        if not negated(m, tables, window)
        and not m.after(m.sentence.deliberation_at)
        and not m.after(m.sentence.requested_at)
        and not _inside_any(m, [o for o in matches if o.value != m.value])
    ]
    military = all(value in means for value in tables.vocabulary.means_make_defence)
    if military:
        found = [_as(m, "defend") if m.value == "assist" else m for m in found]
    if any(m.value == "defend" for m in found):
        found = [m for m in found if m.value != "assist"]
    return found


def _as(match: Match, value: str) -> Match:
    return Match(value, match.index, match.start, match.end, match.sentence)


def _discretion(sentences: Sequence[Sentence], tables: Tables, promises: Sequence[Match]) -> Dimension:
    preparing = set(tables.vocabulary.preparation)
    binding = [m for m in promises if not m.after(m.sentence.reserved_at) and m.value not in preparing]
    kinds = {m.value for m in binding}
    matches = find_matches(sentences, tables.discretion)
    if binding and kinds <= {"consult"} and not any(m.value == "consult-first" for m in matches):
        # Consulting is the whole of the promise: it comes before anything else.
        matches.append(_as(binding[0], "consult-first"))
    on_means = [m for m in matches if m.value == "as-deemed-necessary" and _judges_means(m, tables)]
    blocking = {m.value for m in matches if m not in on_means} - {"reserved-right"}
    if kinds & {"defend", "assist"} and not blocking:
        matches.append(_as(next(m for m in binding if m.value in ("defend", "assist")), "automatic"))
    return dimension("discretion", matches, ("none-stated",), ("automatic", *_order(tables.discretion)))


def _judges_means(match: Match, tables: Tables) -> bool:
    before = match.sentence.low[max(0, match.start - 20) : match.start]
    return tables.means_nouns.search(before) is not None


_PERIOD = re.compile(r"\bwithin\s+((?:\d+|[a-z-]+)\s+[a-z]+)")


def _timing(sentences: Sequence[Sentence], tables: Tables) -> Dimension:
    """The timing; a ``within`` carries its period as written ("within 24 hours"), so that a change of
    the period is a change of the timing (a shorter period is stronger, ``compare_profiles``)."""
    matches = [_with_period(m) if m.value == "within" else m for m in find_matches(sentences, tables.timing)]
    return dimension("timing", matches, ("none-stated",), _order(tables.timing))


def _with_period(match: Match) -> Match:
    found = _PERIOD.match(match.sentence.low, match.start, match.end)
    return _as(match, f"within {' '.join(found.group(1).split())}") if found else match


def _trigger(sentences: Sequence[Sentence], tables: Tables, window: int) -> Dimension:
    matches = [
        m
        for m in find_matches(sentences, tables.trigger)
        if not m.after(m.sentence.purpose_at) and not negated(m, tables, window)
    ]
    return dimension("trigger", matches, ("other",), _order(tables.trigger))


def _scope(sentences: Sequence[Sentence], tables: Tables) -> Dimension:
    for sentence in sorted(sentences, key=lambda s: s.origin == "prose"):
        if sentence.council:
            continue
        found = tables.scope.search(sentence.text)
        if found:
            words = found.group(1).split()
            while words and words[-1] in _SCOPE_TRAILING:
                words.pop()
            area = " ".join(words)
            source = "field" if sentence.origin != "prose" else "prose"
            return Dimension("scope", (area,), source, (Evidence(area, sentence.location, sentence.origin),))
    return Dimension("scope", ("none-stated",), "not-stated")


def _modality(sentences: Sequence[Sentence], tables: Tables, promises: Sequence[Match], clause: Clause) -> Dimension:
    field = clause.guarantee.modality if clause.guarantee else None
    prose = _core_modal(sentences, tables, promises)
    if field:
        level = _level(field, tables)
        disagreement = None
        if prose and _norm(prose.words) != _norm(field):
            disagreement = f"the modality field says {field!r}; the prose says {prose.words!r}"
        evidence = (Evidence(field, clause.location, "modality"), *((prose.evidence,) if prose else ()))
        return Dimension("modality", (field,), "field", evidence, disagreement, level)
    if prose is None:
        return Dimension("modality", ("none-stated",), "not-stated")
    return Dimension("modality", (prose.words,), "prose", (prose.evidence,), None, prose.value)


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _level(phrase: str, tables: Tables) -> str | None:
    """The level of a ``modality:`` field: the diff's modality scale's where it ranks the phrase (so
    the diff and the profile rank a changed field alike: "seek" is an expectation in both), else the
    profile's own table ("would", "pledge to", "recognise and guarantee": levels the scale lacks)."""
    read = analyse(phrase, DEFAULT_SCALE).modalities
    if read and read[0].rank > 0 and not read[0].negated:
        return read[0].level
    for level, pattern in tables.modals:
        if pattern.match(phrase.strip()):
            return level
    return None


def _core_modal(sentences: Sequence[Sentence], tables: Tables, promises: Sequence[Match]) -> Match | None:
    """The modal verb of the core commitment: the one nearest before the first promise of the
    strongest obligation (not a right reserved); else the nearest before it anywhere; else after it.
    A modal that describes the means ("These measures may include ...") is not the commitment's."""
    order = _order(tables.obligation)
    kept = [m for m in promises if not m.after(m.sentence.reserved_at) and m.sentence.origin == "prose"]
    if not kept:
        return None
    core = min(kept, key=lambda m: (order.index(m.value), m.index, m.start))
    modals = [
        Match(level, index, found.start(), found.end(), sentence)
        for index, sentence in enumerate(sentences)
        if sentence.origin == "prose"
        for level, pattern in tables.modals
        for found in pattern.finditer(sentence.low)
        if not _describes_means(sentence.low, found.start(), found.end(), tables)
    ]
    before = [m for m in modals if (m.index, m.start) <= (core.index, core.start)]
    if before:
        return _at_one_word(before, max((m.index, m.start) for m in before))
    after = [m for m in modals if m.index == core.index]
    return min(after, key=lambda m: m.start) if after else None


def _at_one_word(modals: Sequence[Match], place: tuple[int, int]) -> Match:
    """Of the modals that start at ``place``: the verb itself ("shall" of "shall have towards it an
    obligation"), unless a longer phrase ranks otherwise ("will seek to" is not the "will" of it)."""
    there = sorted((m for m in modals if (m.index, m.start) == place), key=lambda m: m.end)
    return there[-1] if any(m.value != there[0].value for m in there) else there[0]


def _describes_means(low: str, start: int, end: int, tables: Tables) -> bool:
    """Whether the modal at ``start``..``end`` has the measures as its subject or lists means."""
    return (
        tables.description_subject.search(low, max(0, start - 30), start) is not None
        or tables.description_verb.match(low, end, end + 30) is not None
    )


def _reciprocity(sentences: Sequence[Sentence], tables: Tables, clause: Clause) -> Dimension:
    mutual_words = [
        Match("mutual", index, found.start(), found.end(), sentence)
        for index, sentence in enumerate(sentences)
        for found in [tables.mutual.search(sentence.low)]
        if found
    ]
    guarantee = clause.guarantee
    fields: str | None = None
    if guarantee is not None and guarantee.guarantors and guarantee.beneficiaries:
        fields = "mutual" if set(guarantee.guarantors) & set(guarantee.beneficiaries) else "one-way"
    evidence = tuple(m.evidence for m in mutual_words[:1])
    if fields is not None:
        shown = f"guarantor: {', '.join(guarantee.guarantors)}; beneficiary: {', '.join(guarantee.beneficiaries)}"
        field_evidence = Evidence(shown, clause.location, "guarantor")
        if fields == "one-way" and mutual_words:
            disagreement = (
                "the fields name guarantors that are not beneficiaries; the prose has the parties protect one another"
            )
            return Dimension("reciprocity", ("mutual",), "prose", (field_evidence, *evidence), disagreement)
        return Dimension("reciprocity", (fields,), "field", (field_evidence,))
    if mutual_words:
        return Dimension("reciprocity", ("mutual",), "prose", evidence)
    return Dimension("reciprocity", ("one-way",), "not-stated")


def _text_dimensions(sentences: Sequence[Sentence], clause: Clause, draft: Draft) -> list[Dimension]:
    """duration, conditions and void-if: the fields' words; the prose's conditions where no field is."""
    out: list[Dimension] = []
    for name, origin in (("duration", "duration"), ("conditions", "condition"), ("void-if", "void-if")):
        chosen = [s for s in sentences if s.origin == origin]
        if chosen:
            evidence = tuple(Evidence(s.text, s.location, origin) for s in chosen)
            out.append(Dimension(name, tuple(s.text for s in chosen), "field", evidence))
        elif name == "conditions" and is_english(draft.language):
            found = [(c.text, s) for s in sentences if s.origin == "prose" for c in _conditions(s.text)]
            evidence = tuple(Evidence(text, s.location, "prose") for text, s in found)
            values = _unique([text for text, _ in found])
            out.append(Dimension(name, values, "prose" if values else "not-stated", evidence))
        else:
            out.append(Dimension(name, (), "not-stated"))
    return out


def _conditions(text: str) -> list[Condition]:
    """The conditions the prose analysis reads ("if such an armed attack occurs"), and only those."""
    return Reader(text, DEFAULT_SCALE, {}).conditions()
