"""What a change means: the semantic findings of one aligned clause pair, and of two drafts.

``clause_findings`` compares the facts ``clausekit.analysis`` reads in each side's prose
(modal verbs, numbers, periods, dates, qualifiers, conditions, parties) and the structured
parts of the clauses (guarantee fields, brackets, cross-references). ``draft_findings`` does
the same for what belongs to a draft as a whole (the parties block, defined terms).

Findings are symmetric: comparing new with old gives the mirror image (``mirror``) of comparing
old with new. Pairing never depends on which side comes first, and findings are sorted by a key
that is the same for a finding and its mirror.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from clausekit.analysis import (
    Condition,
    Date,
    Duration,
    Modality,
    ModalityScale,
    ProseFacts,
    Qualifier,
    Quantity,
    Saving,
    analyse,
    analyse_paragraphs,
    describe_change,
    is_english,
    match_aliases,
    prose_text,
)
from clausekit.analysis.profile_compare import DimensionComparison
from clausekit.diff.model import Finding
from clausekit.diff.options import DiffOptions
from clausekit.diff.profile_findings import PROFILE_KIND_MIRROR, PROFILE_KINDS, findings_of, profile_rows
from clausekit.model import (
    GUARANTEE_FIELDS,
    Bracket,
    Clause,
    ClauseRef,
    Draft,
    FieldSpec,
    Guarantee,
    Inline,
    Paragraph,
    TermRef,
    Text,
    guarantee_prose,
    iter_inline,
    iter_provenance,
    join_texts,
    plain_text,
)

T = TypeVar("T")

# The order findings are reported in, by the part of the kind before the first dot.
_CATEGORY_ORDER = (
    "negation",
    "modality",
    "quantity",
    "duration",
    "date",
    "party",
    "qualifier",
    "condition",
    "saving",
    "bracket",
    "reference",
    "guarantee",
    "term",
    "profile",
)

# The guarantee fields a diff compares: all but ``unknown`` (which says what is not compared).
COMPARED_FIELDS: tuple[FieldSpec, ...] = tuple(spec for spec in GUARANTEE_FIELDS if spec.kind != "fields")

FINDING_KINDS: tuple[str, ...] = (
    "modality.weakened",
    "modality.strengthened",
    "modality.changed",
    "negation.changed",
    "quantity.changed",
    "duration.changed",
    "date.changed",
    "party.added",
    "party.removed",
    "qualifier.added",
    "qualifier.removed",
    "qualifier.changed",
    "condition.added",
    "condition.removed",
    "saving.added",
    "saving.removed",
    "bracket.opened",
    "bracket.resolved",
    "reference.retargeted",
    "reference.broken",
    "term.redefined",
    "excerpt.not-known",
    *(f"guarantee.{spec.name}.changed" for spec in COMPARED_FIELDS),
    *PROFILE_KINDS,
)
"""Every kind ``clause_findings`` and ``draft_findings`` may report."""

STRUCTURAL_KINDS: tuple[str, ...] = tuple(
    f"clause.{kind}" for kind in ("added", "removed", "moved", "renumbered", "retitled", "modified", "unknown")
)
"""The kinds of a row's own findings (what happened to the clause), made by the diff itself."""

ALL_FINDING_KINDS: tuple[str, ...] = STRUCTURAL_KINDS + FINDING_KINDS
"""Every finding kind a diff can report: what ``--fail-on`` accepts."""

_DIRECTION_MIRROR = {
    "weakened": "strengthened",
    "strengthened": "weakened",
    "added": "removed",
    "removed": "added",
    "increased": "decreased",
    "decreased": "increased",
    "longer": "shorter",
    "shorter": "longer",
    "earlier": "later",
    "later": "earlier",
}
_KIND_MIRROR = {
    "modality.weakened": "modality.strengthened",
    "modality.strengthened": "modality.weakened",
    "party.added": "party.removed",
    "party.removed": "party.added",
    "qualifier.added": "qualifier.removed",
    "qualifier.removed": "qualifier.added",
    "condition.added": "condition.removed",
    "condition.removed": "condition.added",
    "saving.added": "saving.removed",
    "saving.removed": "saving.added",
    "bracket.opened": "bracket.resolved",
    "bracket.resolved": "bracket.opened",
    **PROFILE_KIND_MIRROR,
}
# Two forms of one word share their first letters ("immediately", "immediate").
_STEM = 5
# A finding's before/after text is short: a long definition is cut here.
_MAX_TEXT = 200


def mirror(finding: Finding) -> Finding:
    """The finding that comparing the two sides the other way round gives (``detail`` is kept)."""
    direction = finding.direction
    return Finding(
        _KIND_MIRROR.get(finding.kind, finding.kind),
        finding.after,
        finding.before,
        _DIRECTION_MIRROR.get(direction, direction) if direction else direction,
        finding.detail,
    )


def prose_findings_applicable(old_draft: Draft, new_draft: Draft) -> bool:
    """Prose findings (modality, quantities, qualifiers, ...) are computed for English drafts only."""
    return is_english(old_draft.language) and is_english(new_draft.language)


# --- pairing ------------------------------------------------------------------------------------


def difference(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], exact: Callable[[T], Hashable] | None = None
) -> tuple[list[T], list[T]]:
    """What is left of each side once equal keys cancel out (the first occurrences on each side).

    With ``exact``, items equal by ``exact`` cancel first, so that of "forthwith ... immediately"
    against "immediately" (one qualifier key), it is "forthwith" that is left over.
    """
    if exact is not None:
        old, new = difference(old, new, exact)
    counts: dict[Hashable, int] = {}
    for item in new:
        counts[key(item)] = counts.get(key(item), 0) + 1
    common: dict[Hashable, int] = {}
    for item in old:
        k = key(item)
        if counts.get(k, 0) > common.get(k, 0):
            common[k] = common.get(k, 0) + 1
    return _drop_first(old, key, common), _drop_first(new, key, common)


def pair(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], exact: Callable[[T], Hashable] | None = None
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair two lists of facts: equal keys cancel out (equal ``exact`` keys first), what is left is
    paired in order of occurrence; returns the differing pairs and the unpaired rest of each side.

    The rule treats both sides alike, so swapping them swaps the result.
    """
    rest_old, rest_new = difference(old, new, key, exact)
    n = min(len(rest_old), len(rest_new))
    return list(zip(rest_old[:n], rest_new[:n], strict=True)), rest_old[n:], rest_new[n:]


def same_key_pairs(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair the n-th item of a key on one side with the n-th of that key on the other; returns
    the pairs and the unpaired rest of each side (the rule treats both sides alike)."""
    waiting: dict[Hashable, list[T]] = {}
    for item in new:
        waiting.setdefault(key(item), []).append(item)
    pairs: list[tuple[T, T]] = []
    rest_old: list[T] = []
    for item in old:
        queue = waiting.get(key(item))
        if queue:
            pairs.append((item, queue.pop(0)))
        else:
            rest_old.append(item)
    paired = {id(b) for _, b in pairs}
    return pairs, rest_old, [item for item in new if id(item) not in paired]


def _drop_first(items: Sequence[T], key: Callable[[T], Hashable], counts: dict[Hashable, int]) -> list[T]:
    left = dict(counts)
    out: list[T] = []
    for item in items:
        k = key(item)
        if left.get(k, 0) > 0:
            left[k] -= 1
        else:
            out.append(item)
    return out


# --- collecting findings ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PlacedFinding:
    """A finding with where it stands (a text offset, the same seen from either side)."""

    position: int
    finding: Finding

    def sort_key(self) -> tuple:
        f = self.finding
        category = f.kind.split(".")[0]
        rank = _CATEGORY_ORDER.index(category) if category in _CATEGORY_ORDER else len(_CATEGORY_ORDER)
        texts = tuple(sorted((f.before or "", f.after or "")))
        # The same for a finding and its mirror, so both sort alike.
        family = min(f.kind, _KIND_MIRROR.get(f.kind, f.kind))
        return (rank, self.position, family, texts)


def _sorted(found: Iterable[_PlacedFinding]) -> tuple[Finding, ...]:
    return tuple(item.finding for item in sorted(found, key=_PlacedFinding.sort_key))


def _quote(text: str) -> str:
    return f"'{text}'"


def _short(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"


def not_comparable(a: str, b: str, scale: ModalityScale) -> str:
    """Why modal levels ``a`` and ``b`` have no direction ("" when both are on the scale)."""
    reasons = [reason for level in (a, b) if (reason := scale.reason(level))]
    return "; ".join(dict.fromkeys(reasons))


def _modality_findings(old: Sequence[Modality], new: Sequence[Modality], scale: ModalityScale) -> list[_PlacedFinding]:
    out: list[_PlacedFinding] = []
    pairs, _, _ = pair(old, new, lambda m: (m.level, m.negated), lambda m: m.phrase)
    # A modal phrase with no counterpart on the other side is left to the word redline: headline
    # style ("to be capped at") drops verbs without changing the commitment.
    for a, b in pairs:
        who = f"{b.subject or a.subject}: " if (b.subject or a.subject) else ""
        position = min(a.start, b.start)
        if a.rank == 0 or b.rank == 0:
            # A phrase on no level ("would"): the change has no direction, and says why not.
            reason = not_comparable(a.level, b.level, scale)
            detail = f"{who}{_quote(a.phrase)} ({a.level}) -> {_quote(b.phrase)} ({b.level}), not comparable: {reason}"
            out.append(_PlacedFinding(position, Finding("modality.changed", a.phrase, b.phrase, "changed", detail)))
        elif a.negated != b.negated:
            what = {False: "obligation", True: "prohibition"}
            detail = f"{who}{what[a.negated]} {_quote(a.phrase)} -> {what[b.negated]} {_quote(b.phrase)}"
            out.append(_PlacedFinding(position, Finding("negation.changed", a.phrase, b.phrase, "changed", detail)))
        elif a.rank != b.rank:
            weaker = b.rank < a.rank
            kind = "modality.weakened" if weaker else "modality.strengthened"
            detail = f"{who}{_quote(a.phrase)} ({a.level}) -> {_quote(b.phrase)} ({b.level})"
            if a.negated:
                detail += ", a prohibition"
            out.append(
                _PlacedFinding(
                    position, Finding(kind, a.phrase, b.phrase, "weakened" if weaker else "strengthened", detail)
                )
            )
    return out


def _unpaired(kind: str, what: str, old: Iterable, new: Iterable, text: Callable) -> list[_PlacedFinding]:
    """A fact present on one side only: ``kind`` with direction added or removed."""
    out = [
        _PlacedFinding(item.start, Finding(kind, text(item), None, "removed", f"{what} removed: {text(item)}"))
        for item in old
    ]
    out += [
        _PlacedFinding(item.start, Finding(kind, None, text(item), "added", f"{what} added: {text(item)}"))
        for item in new
    ]
    return out


def _quantity_findings(old: Sequence[Quantity], new: Sequence[Quantity]) -> list[_PlacedFinding]:
    out: list[_PlacedFinding] = []
    for category in ("money", "percent", "ratio", "number"):
        pairs, gone, came = pair(
            [q for q in old if q.category == category],
            [q for q in new if q.category == category],
            lambda q: q.value,
        )
        for a, b in pairs:
            if category == "ratio":
                direction, change = "changed", ""
            else:
                direction = "increased" if b.value > a.value else "decreased"
                change = describe_change(a.value, b.value)
            unit = f" {b.unit}" if category == "number" and b.unit and b.unit == a.unit else ""
            detail = f"{a.text} -> {b.text}{unit}" + (f" ({change})" if change else "")
            out.append(
                _PlacedFinding(min(a.start, b.start), Finding("quantity.changed", a.text, b.text, direction, detail))
            )
        out += _unpaired("quantity.changed", "quantity", gone, came, lambda q: q.text)
    return out


def _duration_findings(old: Sequence[Duration], new: Sequence[Duration]) -> list[_PlacedFinding]:
    pairs, gone, came = pair(old, new, lambda d: d.days)
    out: list[_PlacedFinding] = []
    for a, b in pairs:
        direction = "longer" if b.days > a.days else "shorter"
        detail = f"{a.text} -> {b.text} ({direction})"
        out.append(
            _PlacedFinding(min(a.start, b.start), Finding("duration.changed", a.text, b.text, direction, detail))
        )
    return out + _unpaired("duration.changed", "period", gone, came, lambda d: d.text)


def _date_findings(old: Sequence[Date], new: Sequence[Date]) -> list[_PlacedFinding]:
    pairs, gone, came = pair(old, new, lambda d: d.iso)
    out: list[_PlacedFinding] = []
    for a, b in pairs:
        comparable = len(a.iso) == len(b.iso) and not a.iso.startswith("-") and not b.iso.startswith("-")
        direction = ("later" if b.iso > a.iso else "earlier") if comparable else "changed"
        detail = f"{a.text} -> {b.text}" + (f" ({direction})" if comparable else "")
        out.append(_PlacedFinding(min(a.start, b.start), Finding("date.changed", a.text, b.text, direction, detail)))
    return out + _unpaired("date.changed", "date", gone, came, lambda d: d.text)


def _multiset_findings(
    family: str, what: str, old: Sequence, new: Sequence, key: Callable, text: Callable, note: Callable
) -> list[_PlacedFinding]:
    """Facts that are there or not (qualifiers, conditions): added or removed, never paired."""
    gone, came = difference(old, new, key, lambda item: (key(item), text(item).lower()))
    out: list[_PlacedFinding] = []
    for item in gone:
        detail = f"{what} removed: {_quote(text(item))}{note(item)}"
        out.append(_PlacedFinding(item.start, Finding(f"{family}.removed", text(item), None, "removed", detail)))
    for item in came:
        detail = f"{what} added: {_quote(text(item))}{note(item)}"
        out.append(_PlacedFinding(item.start, Finding(f"{family}.added", None, text(item), "added", detail)))
    return out


def _qualifier_findings(old: Sequence[Qualifier], new: Sequence[Qualifier]) -> list[_PlacedFinding]:
    """Qualifiers added or removed; one key in another form on the other side ("immediately"
    qualifying the commitment against "immediate" qualifying an action) is one change of form."""
    gone, came = difference(old, new, lambda q: (q.key, q.form), lambda q: (q.key, q.form, q.text.lower()))
    # The same word in another form first ("immediately" with "immediate"), then any of the key.
    pairs, gone, came = same_key_pairs(gone, came, lambda q: (q.key, q.text.lower()[:_STEM]))
    more, gone, came = same_key_pairs(gone, came, lambda q: q.key)
    pairs += more
    out: list[_PlacedFinding] = []
    for a, b in pairs:
        detail = f"qualifier {_quote(a.text)} ({a.form}: {a.described}) -> {_quote(b.text)} ({b.form}: {b.described})"
        out.append(
            _PlacedFinding(min(a.start, b.start), Finding("qualifier.changed", a.text, b.text, "changed", detail))
        )
    out += _multiset_findings("qualifier", "qualifier", gone, came, lambda q: q.key, lambda q: q.text, _qualifier_note)
    return out


def _qualifier_note(qualifier: Qualifier) -> str:
    form = "an adjective: " if qualifier.form == "adjective" else ""
    return f" ({form}{qualifier.described})"


def _saving_findings(old: Sequence[Saving], new: Sequence[Saving]) -> list[_PlacedFinding]:
    return _multiset_findings(
        "saving", "saving clause", old, new, lambda c: c.normalised, lambda c: c.text, lambda c: ""
    )


def _condition_findings(old: Sequence[Condition], new: Sequence[Condition]) -> list[_PlacedFinding]:
    return _multiset_findings(
        "condition", "condition", old, new, lambda c: c.normalised, lambda c: c.text, lambda c: ""
    )


# --- parties --------------------------------------------------------------------------------------


def _clause_parties(clause: Clause, facts: ProseFacts, guarantee_facts: ProseFacts) -> set[str]:
    codes = set(facts.party_codes) | set(guarantee_facts.party_codes)
    if clause.guarantee is not None:
        codes.update(clause.guarantee.guarantors)
        codes.update(clause.guarantee.beneficiaries)
    if clause.proposer:
        codes.add(clause.proposer)
    return codes


def party_label(code: str, *drafts: Draft) -> str:
    """A party as a reader knows it, by the name the first of ``drafts`` that declares it
    gives, with its code: "Ukraine (UA)"; the code alone when none declares it."""
    for draft in drafts:
        party = draft.party(code)
        if party is not None:
            return f"{party.name} ({code})"
    return code


def _party_findings(
    old: set[str], new: set[str], old_draft: Draft, new_draft: Draft, verbs: tuple[str, str]
) -> list[_PlacedFinding]:
    """Parties on one side only; ``verbs`` say it ("now names", "no longer names")."""
    added, removed = verbs
    out: list[_PlacedFinding] = []
    for code in sorted(old - new):
        detail = f"{removed} {party_label(code, old_draft, new_draft)}"
        out.append(_PlacedFinding(0, Finding("party.removed", code, None, "removed", detail)))
    for code in sorted(new - old):
        detail = f"{added} {party_label(code, new_draft, old_draft)}"
        out.append(_PlacedFinding(0, Finding("party.added", None, code, "added", detail)))
    return out


# --- brackets -------------------------------------------------------------------------------------


def _brackets(paragraphs: tuple[Paragraph, ...]) -> list[Bracket]:
    return [span for p in paragraphs for span in p.spans if isinstance(span, Bracket)]


def _option_texts(bracket: Bracket) -> tuple[str, ...]:
    return tuple(f"{o.party}: {prose_text(o.spans)}" if o.party else prose_text(o.spans) for o in bracket.options)


def _show(bracket: Bracket) -> str:
    return "[" + " | ".join(_option_texts(bracket)) + "]"


def _agreed_option(bracket: Bracket, other_prose: str) -> str | None:
    """The first non-empty option whose words stand in the other side's prose, outside brackets."""
    for option in bracket.options:
        words = prose_text(option.spans).strip()
        if words and words in other_prose:
            return words
    return None


def _bracket_findings(old: Clause, new: Clause) -> list[_PlacedFinding]:
    old_brackets, new_brackets = _brackets(_all_paragraphs(old)), _brackets(_all_paragraphs(new))
    if not old_brackets and not new_brackets:
        return []
    pairs, gone, came = pair(old_brackets, new_brackets, _option_texts)
    out: list[_PlacedFinding] = []
    for index, (a, b) in enumerate(pairs):
        a_opts, b_opts = _option_texts(a), _option_texts(b)
        for text in a_opts:
            if text not in b_opts:
                detail = f"alternative dropped from a bracket: {text}"
                out.append(_PlacedFinding(index, Finding("bracket.resolved", text, None, "removed", detail)))
        for text in b_opts:
            if text not in a_opts:
                detail = f"alternative added to a bracket: {text}"
                out.append(_PlacedFinding(index, Finding("bracket.opened", None, text, "added", detail)))
    old_agreed = _agreed_text(_all_paragraphs(old))
    new_agreed = _agreed_text(_all_paragraphs(new))
    for bracket in gone:
        agreed = _agreed_option(bracket, new_agreed)
        detail = f"bracket {_show(bracket)} " + (f"resolved as {_quote(agreed)}" if agreed else "dropped")
        out.append(_PlacedFinding(len(pairs), Finding("bracket.resolved", _show(bracket), agreed, "removed", detail)))
    for bracket in came:
        agreed = _agreed_option(bracket, old_agreed)
        detail = f"bracket {_show(bracket)} opened" + (f" around agreed text {_quote(agreed)}" if agreed else "")
        out.append(_PlacedFinding(len(pairs), Finding("bracket.opened", agreed, _show(bracket), "added", detail)))
    return out


def _agreed_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """The prose outside brackets: what is agreed."""
    return " ".join(prose_text(tuple(s for s in p.spans if not isinstance(s, Bracket))) for p in paragraphs)


# --- references -----------------------------------------------------------------------------------


def _refs(clause: Clause) -> list[tuple[str, int]]:
    """Cross-reference targets in reading order, with their index (their position)."""
    spans = [s for p in _all_paragraphs(clause) for s in iter_inline(p.spans) if isinstance(s, ClauseRef)]
    return [(s.target, index) for index, s in enumerate(spans)]


def _reference_findings(old: Clause, new: Clause, context: DiffContext) -> list[_PlacedFinding]:
    old_refs, new_refs = _refs(old), _refs(new)
    if not old_refs and not new_refs:
        return []
    out: list[_PlacedFinding] = []
    pairs, _, _ = pair(old_refs, new_refs, lambda r: r[0])
    for (a, i), (b, j) in pairs:
        detail = f"cross-reference #{a} now points at #{b}"
        out.append(_PlacedFinding(min(i, j), Finding("reference.retargeted", a, b, "changed", detail)))
    old_ids, new_ids = context.old.clause_ids, context.new.clause_ids
    broken_old = [r for r in old_refs if r[0] not in old_ids]
    broken_new = [r for r in new_refs if r[0] not in new_ids]
    _, fixed, broke = pair(broken_old, broken_new, lambda r: r[0])
    for target, index in fixed:
        detail = f"cross-reference #{target} no longer points at a missing clause"
        out.append(_PlacedFinding(index, Finding("reference.broken", target, None, "removed", detail)))
    for target, index in broke:
        detail = f"cross-reference #{target} points at no clause of the new draft"
        out.append(_PlacedFinding(index, Finding("reference.broken", None, target, "added", detail)))
    return out


# --- guarantee fields -----------------------------------------------------------------------------


def _all_paragraphs(clause: Clause) -> tuple[Paragraph, ...]:
    """The clause's prose and the prose of its guarantee fields."""
    return clause.paragraphs + guarantee_prose(clause.guarantee)


def _field_text(value: object, names: dict[str, str] | None = None) -> str | None:
    """A field value as a short text: codes comma separated, paragraphs as words, '; ' between.

    With ``names`` (code -> name), as a reader sees it: parties by name, '; ' between names."""
    if value is None or value == ():
        return None
    if isinstance(value, Paragraph):
        return plain_text(value.spans, names)
    if isinstance(value, tuple):
        if all(isinstance(v, Paragraph) for v in value):
            return "; ".join(plain_text(v.spans, names) for v in value)
        if names:
            return "; ".join(names.get(str(v), str(v)) for v in value)
        return ", ".join(str(v) for v in value)
    return str(value)


def _field_direction(name: str, before: str | None, after: str | None, scale: ModalityScale, prose: bool) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if prose and name == "modality":
        a, b = analyse(before, scale).modalities, analyse(after, scale).modalities
        comparable = a and b and a[0].rank > 0 and b[0].rank > 0  # "would" has no direction
        if comparable and a[0].negated == b[0].negated and a[0].rank != b[0].rank:
            return "weakened" if b[0].rank < a[0].rank else "strengthened"
    if prose and name in ("duration", "renewal"):
        a_days, b_days = analyse(before).durations, analyse(after).durations
        if len(a_days) == 1 and len(b_days) == 1 and a_days[0].days != b_days[0].days:
            return "longer" if b_days[0].days > a_days[0].days else "shorter"
    return "changed"


def _field_detail(
    name: str, old: object, new: object, names: tuple[dict[str, str], dict[str, str]], direction: str
) -> str:
    """One sentence for a changed field, parties by name: "void-if removed: ...", "mirrors added:
    ...", or "compensation: before -> after". A field of several values (triggers, responses,
    ...) that only lost or only gained some names just those."""
    before, after = _field_text(old, names[0]), _field_text(new, names[1])
    if before is None:
        return f"{name} added: {_short(after or '')}"
    if after is None:
        return f"{name} removed: {_short(before)}"
    if isinstance(old, tuple) and isinstance(new, tuple) and all(isinstance(v, Paragraph) for v in old + new):
        gone, came = difference(list(old), list(new), lambda p: p)
        if not came:
            return f"{name} removed: " + _short("; ".join(plain_text(p.spans, names[0]) for p in gone))
        if not gone:
            return f"{name} added: " + _short("; ".join(plain_text(p.spans, names[1]) for p in came))
    detail = f"{name}: {_short(before)} -> {_short(after)}"
    return detail if direction in ("added", "removed", "changed") else f"{detail} ({direction})"


def _fields_mark(before: str | None, after: str | None, levels: tuple[str, str]) -> str:
    """The mark after a field finding whose values are not known word for word, such as
    " (fields: paraphrase)": the side that gives the value, or both sides of a change."""
    sides = [(side, level) for side, level, value in zip(("old", "new"), levels, (before, after), strict=True) if value]
    if all(level == "verbatim" for _, level in sides):
        return ""
    if len({level for _, level in sides}) == 1:
        return f" (fields: {sides[0][1]})"
    return " (fields: " + ", ".join(f"{side} {level}" for side, level in sides) + ")"


def _modality_field_note(before: str, after: str, scale: ModalityScale) -> str:
    """Why a changed ``modality`` field has no direction: every modality change has one or says
    why not (a word on no level, on none of the scale, an obligation against a prohibition)."""
    a, b = analyse(before, scale).modalities, analyse(after, scale).modalities
    missing = [value for value, read in ((before, a), (after, b)) if not read]
    if missing:
        return "not comparable: " + " and ".join(_quote(v) for v in missing) + " on no level of the modality scale"
    if a[0].rank == 0 or b[0].rank == 0:
        return "not comparable: " + not_comparable(a[0].level, b[0].level, scale)
    if a[0].negated != b[0].negated:
        return "an obligation against a prohibition"
    if a[0].rank == b[0].rank:
        return f"the same level ({a[0].level})"
    return ""


def _guarantee_findings(
    old: Guarantee | None,
    new: Guarantee | None,
    scale: ModalityScale,
    prose: bool,
    names: tuple[dict[str, str], dict[str, str]] = ({}, {}),
    levels: tuple[str, str] = ("verbatim", "verbatim"),
) -> list[_PlacedFinding]:
    """Field by field; ``before``/``after`` read parties as codes, ``detail`` as the names
    each draft declares (``names``: old, new), and how exact the fields it rests on are where
    they are not verbatim (``levels``: each side's fields exactness)."""
    if old is None and new is None:
        return []
    old, new = old or Guarantee(), new or Guarantee()
    out: list[_PlacedFinding] = []
    not_known = set(old.unknown) | set(new.unknown)
    for index, spec in enumerate(COMPARED_FIELDS):
        name = spec.name
        a, b = getattr(old, spec.attribute), getattr(new, spec.attribute)
        if a == b or name in not_known:
            # A value the source does not give is not a change (docs/diff.md: never report
            # a missing text as removed).
            continue
        before, after = _field_text(a), _field_text(b)
        if before == after or _only_a_bracket_resolved(a, b):
            continue  # the same words, differently marked up (a reference where there was a name)
        direction = _field_direction(name, before, after, scale, prose)
        short_before, short_after = (_short(t) if t is not None else None for t in (before, after))
        detail = _field_detail(name, a, b, names, direction) + _fields_mark(before, after, levels)
        if prose and name == "modality" and direction == "changed" and before and after:
            detail += f" ({_modality_field_note(before, after, scale)})"
        out.append(
            _PlacedFinding(index, Finding(f"guarantee.{name}.changed", short_before, short_after, direction, detail))
        )
    return out


# --- reading each side once ----------------------------------------------------------------------

_NO_FACTS = ProseFacts()


def _facts(paragraphs: tuple[Paragraph, ...], scale: ModalityScale, aliases: dict[str, str]) -> ProseFacts:
    """The facts of some paragraphs; none for none (most clauses have no guarantee fields, and
    reading an empty text still costs a full pass of every reader)."""
    if not paragraphs:
        return _NO_FACTS
    return analyse_paragraphs(paragraphs, scale, aliases)


def _read_as_agreed(paragraphs: tuple[Paragraph, ...], other: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """``paragraphs`` with each bracket read as ``other`` agreed it: the alternative whose words
    ``other`` has outside brackets, else nothing."""
    other_prose = _agreed_text(other)

    def resolved(span: Inline) -> Inline:
        if not isinstance(span, Bracket):
            return span
        agreed = _agreed_option(span, other_prose)
        return Text(f" {agreed} " if agreed else " ")

    return tuple(replace(p, spans=join_texts(resolved(s) for s in p.spans)) for p in paragraphs)


def _has_brackets(paragraphs: tuple[Paragraph, ...]) -> bool:
    return any(isinstance(span, Bracket) for p in paragraphs for span in p.spans)


def _agreed_facts(
    paragraphs: tuple[Paragraph, ...],
    other: tuple[Paragraph, ...],
    facts: ProseFacts,
    scale: ModalityScale,
    aliases: dict[str, str],
) -> ProseFacts:
    """The facts of ``paragraphs`` read as ``other`` agreed their brackets (``facts`` itself
    where there is no bracket)."""
    if not _has_brackets(paragraphs):
        return facts
    return _facts(_read_as_agreed(paragraphs, other), scale, aliases)


def _only_a_bracket_resolved(old: object, new: object) -> bool:
    """Whether two values of a prose field differ only in a bracket one side agreed as the other
    reads: the bracket findings report that, and the field has not otherwise changed."""
    a, b = _field_paragraphs(old), _field_paragraphs(new)
    if a is None or b is None or not (_has_brackets(a) or _has_brackets(b)):
        return False
    return _words_of(_read_as_agreed(a, b)) == _words_of(_read_as_agreed(b, a))


def _words_of(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return " ".join(plain_text(p.spans) for p in paragraphs).split()


def _field_paragraphs(value: object) -> tuple[Paragraph, ...] | None:
    if isinstance(value, Paragraph):
        return (value,)
    if isinstance(value, tuple) and value and all(isinstance(v, Paragraph) for v in value):
        return value
    return None


# --- the API --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftTables:
    """What the findings look up in one draft for every clause pair: made once per diff."""

    aliases: dict[str, str]  # names matched in plain prose -> party code (``match``)
    names: dict[str, str]  # party code -> the name the draft declares
    clause_ids: frozenset[str]
    # Each provision's exactness as it applies (``model.provenance``), by identity.
    exactness: dict[int, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, draft: Draft) -> DraftTables:
        names = {party.code: party.name for party in draft.parties}
        exactness = {id(clause): found.exactness for clause, found in iter_provenance(draft)}
        return cls(match_aliases(draft.parties), names, frozenset(c.id for c in draft.walk()), exactness)

    def fields_exactness(self, clause: Clause) -> str:
        """How exact a guarantee's fields are: its ``fields-exactness``, else its text's."""
        return clause.fields_exactness or self.exactness.get(id(clause)) or clause.exactness or "verbatim"


@dataclass(frozen=True, slots=True)
class DiffContext:
    """The two drafts of a diff, its options, and what is looked up in each, made once."""

    old_draft: Draft
    new_draft: Draft
    options: DiffOptions
    prose: bool  # whether prose findings apply (English on both sides)
    old: DraftTables
    new: DraftTables
    # What the diff could not do in full (a redline past its budget), for ``DraftDiff.notes``.
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, old_draft: Draft, new_draft: Draft, options: DiffOptions | None = None) -> DiffContext:
        return cls(
            old_draft,
            new_draft,
            options or DiffOptions(),
            prose_findings_applicable(old_draft, new_draft),
            DraftTables.of(old_draft),
            DraftTables.of(new_draft),
        )


def _prose_findings(old: ProseFacts, new: ProseFacts, scale: ModalityScale) -> list[_PlacedFinding]:
    """What the prose of two sides says differently: modality, quantity, duration, date,
    qualifier, condition, saving clause, in that order."""
    return [
        *_modality_findings(old.modalities, new.modalities, scale),
        *_quantity_findings(old.quantities, new.quantities),
        *_duration_findings(old.durations, new.durations),
        *_date_findings(old.dates, new.dates),
        *_qualifier_findings(old.qualifiers, new.qualifiers),
        *_condition_findings(old.conditions, new.conditions),
        *_saving_findings(old.savings, new.savings),
    ]


def clause_findings(
    old: Clause,
    new: Clause,
    old_draft: Draft,
    new_draft: Draft,
    options: DiffOptions | None = None,
    context: DiffContext | None = None,
) -> tuple[Finding, ...]:
    """What the change from ``old`` to ``new`` means, in a fixed order (negation, modality,
    quantity, duration, date, party, qualifier, condition, bracket, reference, guarantee fields).

    A placeholder (text missing) on either side gives no findings: its change is unknown.
    Prose findings are computed for English drafts only (``prose_findings_applicable``);
    party references, brackets, cross-references and guarantee fields in any language.
    A diff of many clause pairs passes one ``context`` (``DiffContext.of(old_draft,
    new_draft, options)``), so that each draft's tables are made once.
    """
    if old.is_placeholder or new.is_placeholder:
        return ()
    context = context or DiffContext.of(old_draft, new_draft, options)
    scale = context.options.modality_scale
    prose = context.prose
    old_aliases = context.old.aliases if prose else {}
    new_aliases = context.new.aliases if prose else {}
    # A side whose words (and aliases) are the other's reads the same: read it once. A clause
    # whose guarantee fields alone changed keeps its prose, and most keep their fields.
    same_aliases = old_aliases == new_aliases
    old_facts = _facts(old.paragraphs, scale, old_aliases)
    same_prose = same_aliases and old.paragraphs == new.paragraphs
    new_facts = old_facts if same_prose else _facts(new.paragraphs, scale, new_aliases)
    # The words of a bracket's alternatives are positions, not agreed text: the prose findings
    # compare each side as if its brackets read as the other side agreed (the alternative whose
    # words the other side has outside brackets, else nothing), and a bracket's change is the
    # bracket findings' to report: "10 years" agreed from [US: 10 years | E3: 20 years] is no
    # change of duration.
    old_agreed = _agreed_facts(old.paragraphs, new.paragraphs, old_facts, scale, old_aliases)
    new_agreed = _agreed_facts(new.paragraphs, old.paragraphs, new_facts, scale, new_aliases)
    old_fields, new_fields = guarantee_prose(old.guarantee), guarantee_prose(new.guarantee)
    old_g = _facts(old_fields, scale, old_aliases)
    new_g = old_g if same_aliases and old_fields == new_fields else _facts(new_fields, scale, new_aliases)

    found: list[_PlacedFinding] = _prose_findings(old_agreed, new_agreed, scale) if prose else []
    found += _party_findings(
        _clause_parties(old, old_facts, old_g),
        _clause_parties(new, new_facts, new_g),
        old_draft,
        new_draft,
        ("now names", "no longer names"),
    )
    found += _bracket_findings(old, new)
    found += _reference_findings(old, new, context)
    levels = (context.old.fields_exactness(old), context.new.fields_exactness(new))
    found += _guarantee_findings(
        old.guarantee, new.guarantee, scale, prose, (context.old.names, context.new.names), levels
    )
    return _sorted(_with_profiles(found, old, new, (old_draft, new_draft), scale))


def _with_profiles(
    found: list[_PlacedFinding], old: Clause, new: Clause, drafts: tuple[Draft, Draft], scale: ModalityScale
) -> list[_PlacedFinding]:
    """The findings with the guarantee profiles' (which say the core modality's change once), and,
    for an excerpt on either side, what rests on what it lacks as not known."""
    rows = profile_rows(old, new, *drafts)
    found = _without_the_core_modality(found, rows, scale)
    found += [_PlacedFinding(i, f) for i, f in enumerate(findings_of(rows))]
    if old.is_excerpt or new.is_excerpt:
        found = [replace(p, finding=_in_excerpt(p.finding, old.is_excerpt, new.is_excerpt)) for p in found]
    return found


def _without_the_core_modality(
    found: list[_PlacedFinding], rows: Sequence[DimensionComparison], scale: ModalityScale
) -> list[_PlacedFinding]:
    """The findings less those the profile's modality finding says already. Where the profile reports
    that the modality of the core commitment changed, the ``modality`` field's change is that change,
    and so is a prose modality change from or to a modal on the core commitment's level on its side:
    the prose pairs modal words in reading order, which between two instruments pairs the core verb
    with another sentence's (NATO Art. 5 "will" with US-Japan Art. V "would be dangerous"). So NATO ->
    US-Japan is ``profile.modality.weakened`` once, not also ``modality.changed`` ("not comparable")
    and ``guarantee.modality.changed``."""
    row = next((r for r in rows if r.name == "modality"), None)
    if row is None:
        return found
    levels = (row.against.level, row.profile.level)

    def repeats(finding: Finding) -> bool:
        if finding.kind == "guarantee.modality.changed":
            return True
        if finding.kind not in ("modality.weakened", "modality.strengthened", "modality.changed"):
            return False
        return _level_of(finding.before, scale) == levels[0] or _level_of(finding.after, scale) == levels[1]

    return [placed for placed in found if not repeats(placed.finding)]


def _level_of(phrase: str | None, scale: ModalityScale) -> str | None:
    read = analyse(phrase, scale).modalities if phrase else ()
    return read[0].level if read else None


# What a finding says a side lacks, by its wording: "quantity removed: ...", "no longer names ...".
_LACKS = {"new": (" removed:", "no longer names"), "old": (" added:", "now names")}


def _in_excerpt(finding: Finding, old_excerpt: bool, new_excerpt: bool) -> Finding:
    """A finding that rests on what an excerpt lacks (a quantity, a party, a field value absent
    from it) becomes ``excerpt.not-known``: the full text may have it. What the excerpt says
    is still compared as usual."""
    for side, excerpt, direction in (("new", new_excerpt, "removed"), ("old", old_excerpt, "added")):
        if not excerpt:
            continue
        words = next((w for w in _LACKS[side] if w in finding.detail), None)
        if finding.direction == direction or words is not None:
            subject = (
                finding.detail.replace(words, ":" if words.endswith(":") else "names", 1) if words else finding.detail
            )
            detail = f"not known, not in the {side} draft's excerpt (it may be in the full text): {subject}"
            return Finding("excerpt.not-known", finding.before, finding.after, None, detail)
    return finding


def _term_users(draft: Draft, name: str) -> list[str]:
    """Ids of the clauses whose own prose or guarantee fields use the term ``name``."""
    return [
        clause.id
        for clause in draft.walk()
        if any(isinstance(s, TermRef) and s.name == name for p in _all_paragraphs(clause) for s in iter_inline(p.spans))
    ]


def _definition(paragraphs: tuple[Paragraph, ...]) -> str:
    return _short(" ".join(plain_text(p.spans) for p in paragraphs))


def draft_findings(old_draft: Draft, new_draft: Draft, options: DiffOptions | None = None) -> tuple[Finding, ...]:
    """What changed in the drafts as a whole: parties declared or dropped, terms (re)defined.

    A term defined on one side only is reported as ``term.redefined`` with direction added or
    removed; every ``term.redefined`` names the clauses that use the term.
    """
    found: list[_PlacedFinding] = []
    old_codes = {p.code for p in old_draft.parties}
    new_codes = {p.code for p in new_draft.parties}
    found += _party_findings(
        old_codes,
        new_codes,
        old_draft,
        new_draft,
        ("the parties block now declares", "the parties block no longer declares"),
    )
    old_terms = {t.name: t for t in old_draft.terms()}
    new_terms = {t.name: t for t in new_draft.terms()}
    for index, name in enumerate(sorted(old_terms.keys() | new_terms.keys())):
        a, b = old_terms.get(name), new_terms.get(name)
        if a is not None and b is not None and a.definition == b.definition:
            continue
        before = _definition(a.definition) if a else None
        after = _definition(b.definition) if b else None
        if before == after and a is not None and b is not None:
            continue
        users = _term_users(new_draft, name)
        users += [cid for cid in _term_users(old_draft, name) if cid not in users]
        direction = "added" if a is None else "removed" if b is None else "changed"
        verb = {"added": "newly defined", "removed": "no longer defined", "changed": "redefined"}[direction]
        detail = f"term {_quote(name)} {verb}; used in " + (", ".join(users) if users else "no clause")
        found.append(_PlacedFinding(index, Finding("term.redefined", before, after, direction, detail)))
    return _sorted(found)


__all__ = [
    "COMPARED_FIELDS",
    "FINDING_KINDS",
    "DiffContext",
    "DraftTables",
    "clause_findings",
    "difference",
    "draft_findings",
    "mirror",
    "pair",
    "prose_findings_applicable",
]
