"""How a guarantee departs from the treaty clause it says it mirrors (``mirrors:``).

A guarantee modelled on Article 5 of the North Atlantic Treaty is read against Article 5:
its trigger, response, conditions, modality, duration and the qualifiers that narrow a
commitment ("as it deems necessary", "in accordance with its constitutional processes").
Nothing here reads prose itself: the facts come from ``clausekit.analysis`` (through
``clausekit.compare.clause_facts``) and the departures from the diff's clause findings
(``clausekit.diff.findings.clause_findings``, the model as the old side).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.analysis import analyse_paragraphs, is_english, match_aliases
from clausekit.analysis.profile import Profile, read_profile
from clausekit.analysis.profile_compare import ProfileComparison, compare_profiles, verdict
from clausekit.compare import clause_facts
from clausekit.diff.findings import clause_findings
from clausekit.diff.model import Finding, clause_label
from clausekit.library import find_mirror, library, split_ref, suggest_ids
from clausekit.model import (
    GUARANTEE_PROSE_FIELDS,
    Clause,
    Draft,
    Location,
    Paragraph,
    cited_numbers,
    guarantee_prose,
    plain_text,
)

__all__ = ["BENCHMARKS", "Aspect", "MirrorReport", "UnknownMirror", "mirror_reports"]

BENCHMARKS = ("north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "us-rok-1953::art-iii")
"""The treaty clauses every verdict also weighs a guarantee against ("closer to US-Japan Art. V than to
NATO Art. 5"): the two families the question behind the drafts names."""

# Findings that the full-text comparison below replaces (the diff's look at prose only).
_REPLACED = ("qualifier.", "condition.", "clause.", "guarantee.mirrors.")
# Guarantee fields that hold prose (``Guarantee.unknown`` names fields this way).
_PROSE_FIELDS = frozenset(spec.name for spec in GUARANTEE_PROSE_FIELDS)


@dataclass(frozen=True, slots=True)
class Aspect:
    """One aspect of a guarantee side by side with its model: ``same`` when they agree."""

    name: str
    model: tuple[str, ...]
    guarantee: tuple[str, ...]
    # The guarantee's source does not give this field (``unknown:``): no departure is claimed.
    not_known: bool = False

    @property
    def same(self) -> bool | None:
        """Whether guarantee and model agree; None when the guarantee's value is not known."""
        if self.not_known:
            return None
        return Counter(_norm(v) for v in self.model) == Counter(_norm(v) for v in self.guarantee)


@dataclass(frozen=True, slots=True)
class MirrorReport:
    """A guarantee, the clause it mirrors, and where it departs from it."""

    draft: Draft
    clause: Clause
    label: str
    ref: str
    model_draft: Draft
    model: Clause
    model_label: str
    aspects: tuple[Aspect, ...]
    departures: tuple[Finding, ...]
    # The guarantee's profile against the model's, dimension by dimension, and the paragraph
    # that says it (with the benchmark treaties it stands closest to).
    profile: ProfileComparison | None = None
    verdict: str = ""
    # Named with --against rather than by the guarantee's own mirrors: field.
    against: bool = False

    @property
    def location(self) -> Location:
        return self.clause.location


@dataclass(frozen=True, slots=True)
class UnknownMirror:
    """A ``mirrors:`` reference that names no clause of the given or bundled drafts."""

    draft: Draft
    clause: Clause
    ref: str
    message: str

    @property
    def location(self) -> Location:
        return self.clause.location

    def render(self) -> str:
        return f"{self.location}: {self.message}"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _texts(paragraphs: Sequence[Paragraph]) -> tuple[str, ...]:
    return tuple(plain_text(p.spans) for p in paragraphs)


def _one(paragraph: Paragraph | None) -> tuple[str, ...]:
    return () if paragraph is None else (plain_text(paragraph.spans),)


def _aspects(model: Clause, model_draft: Draft, clause: Clause, draft: Draft) -> tuple[Aspect, ...]:
    a, b = model.guarantee, clause.guarantee
    fa, fb = clause_facts(model, model_draft), clause_facts(clause, draft)
    out = [
        Aspect("modality", (a.modality,) if a and a.modality else (), (b.modality,) if b and b.modality else ()),
        Aspect("trigger", _texts(a.triggers) if a else (), _texts(b.triggers) if b else ()),
        Aspect("response", _texts(a.responses) if a else (), _texts(b.responses) if b else ()),
        Aspect("condition", _texts(a.conditions) if a else (), _texts(b.conditions) if b else ()),
        Aspect("duration", _one(a.duration) if a else (), _one(b.duration) if b else ()),
        Aspect("void-if", _texts(a.void_if) if a else (), _texts(b.void_if) if b else ()),
        Aspect("qualifiers", fa.qualifiers if fa else (), fb.qualifiers if fb else ()),
        Aspect("durations in the text", fa.durations if fa else (), fb.durations if fb else ()),
        Aspect("guarantors", a.guarantors if a else (), b.guarantors if b else ()),
        Aspect("beneficiaries", a.beneficiaries if a else (), b.beneficiaries if b else ()),
    ]
    not_known = set(b.unknown) if b else set()
    if not_known & _PROSE_FIELDS:
        # A field whose words are not known may hold any qualifier: none is known to be missing.
        not_known.add("qualifiers")
    out = [replace(a, not_known=True) if a.name in not_known else a for a in out]
    return tuple(aspect for aspect in out if aspect.model or aspect.guarantee or aspect.not_known)


def _full_text_findings(model: Clause, model_draft: Draft, clause: Clause, draft: Draft) -> list[Finding]:
    """Qualifiers and conditions over the whole of each clause (prose and guarantee fields):
    a qualifier the model has in its prose may stand in a ``response:`` field of the guarantee."""
    if not (is_english(model_draft.language) and is_english(draft.language)):
        return []
    old = analyse_paragraphs(
        model.paragraphs + guarantee_prose(model.guarantee), aliases=match_aliases(model_draft.parties)
    )
    new = analyse_paragraphs(
        clause.paragraphs + guarantee_prose(clause.guarantee), aliases=match_aliases(draft.parties)
    )
    out: list[Finding] = []
    # Words the guarantee's source does not give may hold any qualifier or condition: only
    # what the guarantee adds is known then.
    partial = bool(set(clause.guarantee.unknown) & _PROSE_FIELDS) if clause.guarantee else False
    # Presence, not counts: a model may say "as it deems necessary" in its prose and again in a field.
    before = {q.key: q.text for q in old.qualifiers}
    after = {q.key: q.text for q in new.qualifiers}
    for key, text in before.items():
        if key not in after and not partial:
            detail = f'qualifier "{text}" of the model is not in the guarantee'
            out.append(Finding("qualifier.removed", text, None, "removed", detail))
    for key, text in after.items():
        if key not in before:
            out.append(Finding("qualifier.added", None, text, "added", f'qualifier "{text}" is not in the model'))
    old_conditions = {c.normalised: c.text for c in old.conditions}
    new_conditions = {c.normalised: c.text for c in new.conditions}
    for key, text in old_conditions.items():
        if key not in new_conditions and not partial:
            out.append(
                Finding(
                    "condition.removed", text, None, "removed", f'condition of the model not in the guarantee: "{text}"'
                )
            )
    for key, text in new_conditions.items():
        if key not in old_conditions:
            out.append(Finding("condition.added", None, text, "added", f'condition not in the model: "{text}"'))
    return out


def _unknown(draft: Draft, clause: Clause, ref: str, drafts: Sequence[Draft]) -> UnknownMirror:
    parts = split_ref(ref)
    known = [*drafts, *library()]
    if parts is None:
        return UnknownMirror(draft, clause, ref, f"mirrors: '{ref}' is not of the form draft-id::clause-id")
    draft_id, clause_id = parts
    candidates = [d for d in known if d.id == draft_id]
    if candidates:
        ids = list(dict.fromkeys(c.id for d in candidates for c in d.walk()))
        hint = suggest_ids(clause_id, ids, "its clause ids", "it has no clauses")
        message = f"mirrors: '{ref}' names no clause: the draft '{draft_id}' has no clause '{clause_id}' ({hint})"
    else:
        ids = list(dict.fromkeys(d.id for d in known))
        hint = suggest_ids(draft_id, ids, "known drafts", "no drafts are given or bundled")
        message = f"mirrors: '{ref}' names no known draft '{draft_id}' ({hint}; see 'clausekit library')"
    return UnknownMirror(draft, clause, ref, message)


def mirror_reports(
    drafts: Sequence[Draft], against: Sequence[tuple[Draft, Clause]] = ()
) -> tuple[tuple[MirrorReport, ...], tuple[UnknownMirror, ...]]:
    """Every guarantee of ``drafts`` that declares ``mirrors:``, against each clause it names
    (searched in ``drafts`` first, then the bundled reference library); with ``against``, every
    guarantee also against each of those clauses."""
    reports: list[MirrorReport] = []
    unknown: list[UnknownMirror] = []
    benchmarks = [found for found in (find_mirror(ref, drafts) for ref in BENCHMARKS) if found is not None]
    for draft in drafts:
        for clause in draft.walk():
            if clause.guarantee is None:
                continue
            models: list[tuple[str, Draft, Clause, bool]] = []
            for ref in clause.guarantee.mirrors:
                found = find_mirror(ref, drafts)
                if found is None:
                    unknown.append(_unknown(draft, clause, ref, drafts))
                else:
                    models.append((ref, *found, False))
            models.extend((f"{d.id}::{c.id}", d, c, True) for d, c in against)
            if not models:
                continue
            profile = read_profile(draft, clause)
            others = [read_profile(d, c) for d, c in benchmarks] + [read_profile(d, c) for _, d, c, _ in models]
            for ref, model_draft, model, named in models:
                reports.append(_report(draft, clause, ref, model_draft, model, drafts, profile, others, named))
    return tuple(reports), tuple(unknown)


def _report(
    draft: Draft,
    clause: Clause,
    ref: str,
    model_draft: Draft,
    model: Clause,
    drafts: Sequence[Draft],
    profile: Profile,
    others: Sequence[Profile],
    named: bool,
) -> MirrorReport:
    cites = cited_numbers(draft.top_clauses())
    model_cites = cited_numbers(model_draft.top_clauses())
    findings = [f for f in clause_findings(model, clause, model_draft, draft) if not f.kind.startswith(_REPLACED)]
    findings = _full_text_findings(model, model_draft, clause, draft) + findings
    model_profile = read_profile(model_draft, model)
    main = compare_profiles(profile, model_profile)
    rest = [
        compare_profiles(profile, other)
        for other in others
        # neither the clause mirrored again nor the guarantee itself (a benchmark mirrors another)
        if (other.draft, other.clause) not in ((model_draft.id, model.id), (draft.id, clause.id))
    ]
    return MirrorReport(
        draft,
        clause,
        clause_label(clause, cites.get(clause.id)),
        ref,
        model_draft,
        model,
        f"{model_draft.title}, {clause_label(model, model_cites.get(model.id))}",
        _aspects(model, model_draft, clause, draft),
        tuple(findings),
        main,
        verdict([main, *rest]),
        named,
    )
