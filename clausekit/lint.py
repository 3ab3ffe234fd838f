"""Lint rules over drafts: what a drafter wants to hear before a text leaves the room.

Each rule is a small function with a stable code (documented in docs/checks.md) that
looks at one draft, through a ``DraftIndex`` built once per draft, and yields
``Diagnostic``s. ``check`` runs every rule over several drafts at once, because a
``mirrors`` reference may name a clause of another draft given alongside (before the
bundled reference library is consulted).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from clausekit.language.inline import prose_line
from clausekit.language.syntax import FIELD_LINE, PARAGRAPH_MARK
from clausekit.model import (
    FIELDS,
    GUARANTEE_FIELDS,
    PARAGRAPH_FIELDS,
    UNATTRIBUTED,
    Bracket,
    Clause,
    ClauseRef,
    Draft,
    Inline,
    Location,
    Paragraph,
    Party,
    PartyRef,
    Term,
    TermRef,
    Text,
    alternative_provenance,
    guarantee_prose,
    iter_inline,
    iter_provenance,
    plain_text,
)

Level: TypeAlias = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One thing a rule found, at a place in a draft."""

    level: Level
    code: str
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (
            self.location.file,
            self.location.line,
            self.location.column,
            LEVELS.index(self.level),
            self.code,
            self.message,
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


# --- what the rules look at -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProseUse:
    """A paragraph of prose and what it belongs to (a term's definition, a clause or its fields)."""

    paragraph: Paragraph
    owner: Clause | Term


@dataclass(slots=True)
class DraftIndex:
    """One draft, walked once: every rule reads from here instead of walking again."""

    draft: Draft
    others: Sequence[Draft]
    provisions: tuple[Clause, ...] = ()
    terms: tuple[Term, ...] = ()
    prose: tuple[ProseUse, ...] = ()
    # Every inline span of every paragraph, with the paragraph's owner.
    spans: tuple[tuple[Inline, Clause | Term], ...] = ()
    clause_ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(cls, draft: Draft, others: Sequence[Draft]) -> DraftIndex:
        provisions = draft.walk()
        terms = draft.terms()
        prose: list[ProseUse] = [ProseUse(p, term) for term in terms for p in term.definition]
        for clause in provisions:
            prose.extend(ProseUse(p, clause) for p in _clause_paragraphs(clause))
        spans = tuple((span, use.owner) for use in prose for span in iter_inline(use.paragraph.spans))
        return cls(
            draft=draft,
            others=others,
            provisions=provisions,
            terms=terms,
            prose=tuple(prose),
            spans=spans,
            clause_ids=frozenset(c.id for c in provisions),
        )

    def declared_codes(self) -> set[str]:
        return {party.code for party in self.draft.parties}


def _clause_paragraphs(clause: Clause) -> tuple[Paragraph, ...]:
    """A clause's own prose, then the prose of its guarantee fields."""
    return clause.paragraphs + guarantee_prose(clause.guarantee)


def _normal(name: str) -> str:
    return " ".join(name.split())


def _describe(clause: Clause) -> str:
    return f"{clause.kind} '{clause.id}'"


def _did_you_mean(wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- the rules ----------------------------------------------------------------------

RuleFunction: TypeAlias = Callable[[DraftIndex], Iterable[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    level: Level
    summary: str
    function: RuleFunction

    def finding(self, message: str, location: Location) -> Diagnostic:
        return Diagnostic(self.level, self.code, message, location)


RULES: list[Rule] = []


def rule(code: str, level: Level, summary: str) -> Callable[[Callable[[Rule, DraftIndex], Iterable[Diagnostic]]], Rule]:
    """Register a rule; the function receives its ``Rule`` (to make findings) and the index."""

    def register(function: Callable[[Rule, DraftIndex], Iterable[Diagnostic]]) -> Rule:
        made = Rule(code, level, summary, lambda index: function(made, index))
        RULES.append(made)
        return made

    return register


@rule("duplicate-id", "error", "two provisions of one draft share an id")
def _duplicate_id(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    first: dict[str, Clause] = {}
    for clause in index.provisions:
        earlier = first.setdefault(clause.id, clause)
        if earlier is not clause:
            yield self.finding(
                f"the id '{clause.id}' is already used by the {earlier.kind} at line {earlier.location.line}; "
                "ids must be unique within a draft",
                clause.location,
            )


@rule("duplicate-party", "error", "a party code is declared twice")
def _duplicate_party(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    first: dict[str, Party] = {}
    for party in index.draft.parties:
        earlier = first.setdefault(party.code, party)
        if earlier is not party:
            yield self.finding(
                f"the party '{party.code}' is already declared at line {earlier.location.line}", party.location
            )


@rule("duplicate-term", "error", "a term is defined twice")
def _duplicate_term(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    first: dict[str, Term] = {}
    for term in index.terms:
        earlier = first.setdefault(_normal(term.name), term)
        if earlier is not term:
            yield self.finding(
                f'the term "{term.name}" is already defined at line {earlier.location.line}', term.location
            )


@rule("unknown-party", "error", "a party code that the draft does not declare")
def _unknown_party(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    draft = index.draft
    declared = index.declared_codes()

    def unknown(code: str, where: str, location: Location) -> Diagnostic:
        if declared:
            hint = _did_you_mean(code, declared) or " (declared: " + ", ".join(sorted(declared)) + ")"
        else:
            hint = " (the draft declares no parties: add a 'parties { ... }' block)"
        return self.finding(f"unknown party '{code}' {where}{hint}", location)

    if draft.proposer and draft.proposer not in declared:
        yield unknown(draft.proposer, "as the draft's proposer", draft.location)
    for party in draft.parties:
        for member in party.members:
            if member not in declared:
                yield unknown(member, f"among the members of '{party.code}'", party.location)
    for clause in index.provisions:
        if clause.proposer and clause.proposer not in declared:
            yield unknown(clause.proposer, f"as the proposer of {_describe(clause)}", clause.location)
        for code, held in alternative_provenance(clause).items():
            for role, value in (("an alternative", code), ("the proposer of an alternative", held.proposer)):
                if value and value not in declared:
                    yield unknown(value, f"as {role} of {_describe(clause)}", clause.location)
        if clause.guarantee is not None:
            for role, codes in (
                ("guarantor", clause.guarantee.guarantors),
                ("beneficiary", clause.guarantee.beneficiaries),
            ):
                for code in codes:
                    if code not in declared:
                        yield unknown(code, f"as a {role} of {_describe(clause)}", clause.location)
    for i, (span, _owner) in enumerate(index.spans):
        if isinstance(span, PartyRef) and span.code not in declared:
            following = index.spans[i + 1] if i + 1 < len(index.spans) else None
            named = _party_named(draft, span.code + _run_on(following))
            if named is None:
                yield unknown(span.code, "referred to", span.location)
            else:
                yield self.finding(
                    f"unknown party '{span.code}' referred to (did you mean '@{named.code}', {named.name}? "
                    "a reference is '@' and the party's code)",
                    span.location,
                )
        elif isinstance(span, Bracket) and not editorial_mark(span, declared):
            for option in span.options:
                if option.party is not None and option.party not in declared:
                    yield unknown(option.party, "in a bracket attribution", span.location)


def _run_on(following: tuple[Inline, Clause | Term] | None) -> str:
    """The text that runs on from a reference: "@Ukraine" reads as @U followed by "kraine"."""
    return following[0].text if following is not None and isinstance(following[0], Text) else ""


def _party_named(draft: Draft, written: str) -> Party | None:
    """The declared party whose name or alias is written after '@' (its name, not its code)."""
    said = written.casefold()
    for party in draft.parties:
        for name in (party.name, *party.aliases, *party.match):
            wanted = _without_article(name).casefold()
            if said.startswith(wanted) and not said[len(wanted) : len(wanted) + 1].isalnum():
                return party
    return None


def _without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@rule("undefined-term", "error", "a term is used but never defined")
def _undefined_term(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    defined = {_normal(term.name) for term in index.terms}
    for span, _owner in index.spans:
        if isinstance(span, TermRef) and _normal(span.name) not in defined:
            hint = _did_you_mean(_normal(span.name), defined)
            yield self.finding(f"the term <{span.name}> is used but never defined{hint}", span.location)


@rule("unused-term", "warning", "a term is defined but never used")
def _unused_term(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    used: set[str] = set()
    for span, owner in index.spans:
        # A term that only its own definition mentions is not used by the draft.
        if isinstance(span, TermRef) and not (isinstance(owner, Term) and _normal(owner.name) == _normal(span.name)):
            used.add(_normal(span.name))
    for term in index.terms:
        if _normal(term.name) not in used:
            yield self.finding(
                f'the term "{term.name}" is defined but never used (write <{term.name}> where it is meant)',
                term.location,
            )


@rule("unknown-reference", "error", "a cross-reference names no clause of the draft")
def _unknown_reference(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for span, _owner in index.spans:
        if isinstance(span, ClauseRef) and span.target not in index.clause_ids:
            hint = _did_you_mean(span.target, index.clause_ids)
            yield self.finding(f"the cross-reference #{span.target} names no clause of this draft{hint}", span.location)


def _guarantees(index: DraftIndex) -> Iterator[Clause]:
    # A placeholder guarantee's fields are not known either: asking for them would be noise.
    return (c for c in index.provisions if c.guarantee is not None and not c.is_placeholder)


@rule("guarantee-without-guarantor", "error", "a guarantee names no guarantor")
def _no_guarantor(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for clause in _guarantees(index):
        if clause.guarantee is not None and not clause.guarantee.guarantors:
            yield self.finding(
                f"the guarantee '{clause.id}' names no guarantor (add 'guarantor: CODE')", clause.location
            )


@rule("guarantee-without-beneficiary", "error", "a guarantee names no beneficiary")
def _no_beneficiary(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for clause in _guarantees(index):
        if clause.guarantee is not None and not clause.guarantee.beneficiaries:
            yield self.finding(
                f"the guarantee '{clause.id}' names no beneficiary (add 'beneficiary: CODE')", clause.location
            )


@rule("unknown-mirror", "error", "'mirrors' names a clause that no given or bundled draft has")
def _unknown_mirror(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    from clausekit.library import find_mirror

    for clause in index.provisions:
        if clause.guarantee is None:
            continue
        for ref in clause.guarantee.mirrors:
            if find_mirror(ref, index.others) is None:
                why = _why_unknown(ref, index.others)
                yield self.finding(f"'mirrors: {ref}' names no known clause: {why}", clause.location)


@rule("unknown-correspondence", "error", "'corresponds' names a clause that no given or bundled draft has")
def _unknown_correspondence(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    from clausekit.library import find_mirror

    for clause in index.provisions:
        for ref in clause.counterparts:
            if find_mirror(ref, index.others) is None:
                why = _why_unknown(ref, index.others)
                yield self.finding(f"'corresponds: {ref}' names no known clause: {why}", clause.location)


def _why_unknown(ref: str, others: Sequence[Draft]) -> str:
    """Why ``draft-id::clause-id`` names nothing: no such draft, or no such clause in it (the closest ids)."""
    from clausekit.library import library, split_ref

    parts = split_ref(ref)
    draft_id, clause_id = parts if parts else (ref, "")
    candidates = [d for d in (*others, *library()) if d.id == draft_id]
    if candidates:
        ids = {c.id for d in candidates for c in d.walk()}
        return f"the draft '{draft_id}' has no clause '{clause_id}'{_did_you_mean(clause_id, ids)}"
    ids = {d.id for d in (*others, *library())}
    return f"no draft '{draft_id}' was given or is bundled{_did_you_mean(draft_id, ids)}; see 'clausekit library'"


def _referred_parties(index: DraftIndex) -> set[str]:
    """Party codes that the draft refers to in any way other than declaring them."""
    draft = index.draft
    referred: set[str] = set()
    if draft.proposer:
        referred.add(draft.proposer)
    for clause in index.provisions:
        if clause.proposer:
            referred.add(clause.proposer)
        for code, held in alternative_provenance(clause).items():
            referred.update(value for value in (code, held.proposer) if value)
        if clause.guarantee is not None:
            referred.update(clause.guarantee.guarantors, clause.guarantee.beneficiaries)
    for span, _owner in index.spans:
        if isinstance(span, PartyRef):
            referred.add(span.code)
        elif isinstance(span, Bracket):
            referred.update(option.party for option in span.options if option.party)
    # A party whose 'match' names occur in plain prose is referred to: that is what
    # 'match' declares ("Russia" in the text means RU).
    unmatched = [p for p in draft.parties if p.code not in referred and p.match]
    if unmatched:
        plain = "\n".join(span.text for span, _owner in index.spans if isinstance(span, Text))
        for party in unmatched:
            names = "|".join(re.escape(name) for name in party.match)
            if re.search(rf"(?<!\w)(?:{names})(?!\w)", plain):
                referred.add(party.code)
    # The members of a group that is referred to are referred to with it.
    members = {p.code: p.members for p in draft.parties}
    pending = list(referred)
    while pending:
        for member in members.get(pending.pop(), ()):
            if member not in referred:
                referred.add(member)
                pending.append(member)
    return referred


@rule("unused-party", "warning", "a party is declared but never referred to")
def _unused_party(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    referred = _referred_parties(index)
    reported: set[str] = set()
    for party in index.draft.parties:
        if party.code not in referred and party.code not in reported:
            reported.add(party.code)
            yield self.finding(f"the party '{party.code}' is declared but never referred to", party.location)


@rule("duplicate-number", "error", "two sibling provisions show the same number")
def _duplicate_number(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    def siblings(parent: str, items: tuple[Clause | Term, ...]) -> Iterator[Diagnostic]:
        first: dict[str, Clause] = {}
        for item in items:
            if not isinstance(item, Clause):
                continue
            if item.number is not None:
                earlier = first.setdefault(item.number, item)
                if earlier is not item:
                    yield self.finding(
                        f"the number '{item.number}' of {_describe(item)} is already shown by "
                        f"{_describe(earlier)} (line {earlier.location.line}) {parent}",
                        item.location,
                    )
            yield from siblings(f"in {_describe(item)}", item.children)

    yield from siblings("at the top level", index.draft.body)


@rule("placeholder-with-prose", "warning", "a placeholder ('exactness: missing') has prose")
def _placeholder_with_prose(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for clause in index.provisions:
        if clause.is_placeholder and clause.paragraphs:
            yield self.finding(
                f"{_describe(clause)} is marked 'exactness: missing' but has text: remove the text, "
                "or set the exactness it has (verbatim, reconstructed, translated, paraphrase, unverified)",
                clause.paragraphs[0].location,
            )


@rule("excerpt-without-text", "error", "a provision marked 'extent: excerpt' has no text of its own")
def _excerpt_without_text(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    # An excerpt says "these words, and maybe more": without words (a placeholder, or a provision
    # that only holds sub-points) it would hide every sub-point's absence behind nothing known.
    for clause in index.provisions:
        if clause.is_excerpt and (clause.is_placeholder or not _clause_paragraphs(clause)):
            yield self.finding(
                f"{_describe(clause)} is marked 'extent: excerpt' but has no text of its own: an excerpt is "
                "the words a source quotes; a text not known at all is 'exactness: missing'",
                clause.location,
            )


_PARAGRAPH_FIELD_NAMES = frozenset(spec.name for spec in PARAGRAPH_FIELDS)


def _field_shaped_lines(paragraph: Paragraph) -> Iterator[tuple[int, str, str]]:
    """The lines of a paragraph, as written, that start like a field of the language:
    (which line of the paragraph, the key, the line)."""
    for offset, line in enumerate(paragraph.source_lines or (prose_line(paragraph.spans),)):
        match = FIELD_LINE.match(line)
        if match and match.group(1) in FIELDS:
            yield offset, match.group(1), line


def _field_in_prose_fix(key: str, line: str, owner: Clause) -> str:
    where = _describe(owner)
    if key in _PARAGRAPH_FIELD_NAMES:
        return (
            f"move it to the top of {where}, before its prose, to set the provision's {key}, or write "
            f"'{PARAGRAPH_MARK} {line}' on the line above the paragraph to set that paragraph's"
        )
    return f"move it to the top of {where}, before its prose (fields come first in their block)"


@rule("field-in-prose", "warning", "a line shaped like a field stands in prose, where it is read as text")
def _field_in_prose(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for clause in index.provisions:
        for paragraph in clause.paragraphs:
            yield from _field_in_paragraph(self, paragraph, clause)


def _field_in_paragraph(self: Rule, paragraph: Paragraph, owner: Clause) -> Iterator[Diagnostic]:
    for offset, key, line in _field_shaped_lines(paragraph):
        where = paragraph.location
        location = Location(where.file, where.line + offset, where.column) if where.line else where
        yield self.finding(
            f"'{line}' is in prose, so it is read as text of the treaty, not as the field '{key}': "
            + _field_in_prose_fix(key, line, owner)
            + "; if it is text, escape it ('\\"
            + line
            + "')",
            location,
        )


def _has_guarantee_fields(clause: Clause) -> bool:
    """Whether a guarantee states anything in its fields (``unknown:`` states nothing)."""
    g = clause.guarantee
    return g is not None and any(spec.values(g) for spec in GUARANTEE_FIELDS if spec.kind != "fields")


@rule(
    "guarantee-fields-exactness",
    "warning",
    "a guarantee that is not verbatim does not say how exact its structured fields are",
)
def _guarantee_fields_exactness(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    exactness = {id(clause): found.exactness for clause, found in iter_provenance(index.draft)}
    for clause in index.provisions:
        level = exactness.get(id(clause)) or "verbatim"
        if level in ("verbatim", "missing") or clause.fields_exactness or not _has_guarantee_fields(clause):
            continue
        yield self.finding(
            f"{_describe(clause)} is {level}, but its fields do not say how exact they are: add "
            f"'fields-exactness: {level}' (or the level they have, such as 'paraphrase' for a duration known "
            "only from a report), and list in 'unknown:' the fields the source does not give",
            clause.location,
        )


@rule("empty-provision", "warning", "a provision has no text, no sub-clauses and is not a placeholder")
def _empty_provision(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for clause in index.provisions:
        # A guarantee with fields but no prose is rendered from its fields: not empty.
        if clause.is_placeholder or clause.paragraphs or clause.children or _has_guarantee_fields(clause):
            continue
        yield self.finding(
            f"{_describe(clause)} has no text: write it, or add 'exactness: missing' if the text is not known",
            clause.location,
        )


@rule("empty-term", "warning", "a term has no definition")
def _empty_term(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for term in index.terms:
        if not term.definition:
            yield self.finding(f'the term "{term.name}" has no definition', term.location)


@rule("duplicate-attribution", "warning", "one bracket gives a party two alternatives")
def _duplicate_attribution(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    for span, _owner in index.spans:
        if isinstance(span, Bracket):
            counts = Counter(option.party for option in span.options if option.party)
            for party, count in counts.items():
                if count > 1:
                    yield self.finding(
                        f"the bracket attributes {count} alternatives to '{party}': one party, one option",
                        span.location,
                    )


# Marks an editor puts in square brackets when copying a text, which the clause language
# would read as negotiation brackets: alone in a bracket ("[...]", "[sic]"), or as the
# label of one ("[UNVERIFIED: ...]") that no declared party has as its code.
EDITORIAL_MARKS = frozenset(
    {"...", "…", ". . .", "sic", "sic!", "?", "illegible", "emphasis added", "emphasis in original", "omitted"}
)
EDITORIAL_LABELS = frozenset(
    {"UNVERIFIED", "PARTIAL", "PARAPHRASE", "NOTE", "TRANSLATION", "TRANSLATOR", "EDITOR", "UNCLEAR", "ILLEGIBLE"}
)


def editorial_mark(bracket: Bracket, declared: set[str]) -> bool:
    """Whether a bracket is an editorial mark copied from a source, not text under negotiation."""
    if len(bracket.options) != 1:
        return False
    option = bracket.options[0]
    if option.party is not None:
        return option.party in EDITORIAL_LABELS and option.party not in declared
    return " ".join(plain_text(option.spans).split()).casefold() in EDITORIAL_MARKS


def _as_written(bracket: Bracket) -> str:
    option = bracket.options[0]
    words = " ".join(plain_text(option.spans).split())
    words = words if len(words) <= 24 else words[:21] + "..."
    return f"[{option.party}: {words}]" if option.party else f"[{words}]"


@rule("editorial-mark", "warning", "an editor's mark in square brackets that reads as a negotiation bracket")
def _editorial_mark(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    declared = index.declared_codes()
    for span, _owner in index.spans:
        if isinstance(span, Bracket) and editorial_mark(span, declared):
            written = _as_written(span)
            escaped = "\\" + written[:-1] + "\\]"
            yield self.finding(
                f"'{written}' reads as a negotiation bracket; if it is an editorial mark copied from the source, "
                f"escape its brackets: {escaped}",
                span.location,
            )


@rule("open-brackets", "info", "how many brackets are still open, per delegation")
def _open_brackets(self: Rule, index: DraftIndex) -> Iterator[Diagnostic]:
    brackets = [span for span, _owner in index.spans if isinstance(span, Bracket)]
    if not brackets:
        return
    # Count each party once per bracket: "US 2" means the US holds options in two brackets.
    per_party = Counter(party for bracket in brackets for party in bracket.parties)
    detail = ", ".join(f"{party} {count}" for party, count in sorted(per_party.items(), key=_party_order))
    noun = "bracket" if len(brackets) == 1 else "brackets"
    yield self.finding(f"{len(brackets)} open {noun} ({detail})", index.draft.location)


def _party_order(item: tuple[str, int]) -> tuple[int, int, str]:
    party, count = item
    return (party == UNATTRIBUTED, -count, party)


# --- running them -----------------------------------------------------------------------


def rule_codes() -> tuple[str, ...]:
    return tuple(r.code for r in RULES)


def check_draft(draft: Draft, others: Sequence[Draft] = ()) -> tuple[Diagnostic, ...]:
    """Every finding for one draft; ``others`` are drafts that ``mirrors`` may name."""
    index = DraftIndex.build(draft, others if others else (draft,))
    findings = [finding for r in RULES for finding in r.function(index)]
    return tuple(sorted(findings, key=Diagnostic.sort_key))


def check(drafts: Sequence[Draft]) -> tuple[Diagnostic, ...]:
    """Every finding for several drafts, checked together, sorted by file, line and column."""
    drafts = tuple(drafts)
    findings = [finding for draft in drafts for finding in check_draft(draft, drafts)]
    return tuple(sorted(findings, key=Diagnostic.sort_key))


def summary(findings: Iterable[Diagnostic]) -> dict[str, int]:
    """How many findings of each level: {"error": n, "warning": n, "info": n}."""
    counts = Counter(f.level for f in findings)
    return {level: counts.get(level, 0) for level in LEVELS}
