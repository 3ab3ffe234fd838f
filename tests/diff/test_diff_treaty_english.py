"""Diffs of real guarantee clauses against Article 5 of the North Atlantic Treaty, as issue 13 ran
them: no saving clause read as a prohibition, no hypothetical as a recommendation, no adjective
as the adverb qualifier, and every modality change with a direction or the reason it has none."""

from __future__ import annotations

import pytest

from clausekit.analysis.profile import read_profile
from clausekit.diff import diff
from clausekit.diff.findings import FINDING_KINDS, clause_findings, mirror
from clausekit.diff.model import Finding
from clausekit.language.parser import loads
from clausekit.library import reference_draft
from clausekit.model import Clause, Draft
from tests.analysis.test_analysis_treaty_english import BUDAPEST_4, EU_42_7


def reference(ref: str) -> tuple[Draft, Clause]:
    draft_id, clause_id = ref.split("::")
    draft = reference_draft(draft_id)
    assert draft is not None
    clause = draft.clause(clause_id)
    assert clause is not None
    return draft, clause


def quoted(text: str, block: str = "") -> tuple[Draft, Clause]:
    """A clause the issue quotes (not bundled), with guarantee fields when ``block`` gives them."""
    body = f"guarantee g 1 {{\n{block}\n  {text}\n}}\n"
    draft = loads('draft quoted "Quoted" {\n  exactness: verbatim\n}\n' + body, "quoted.clause")
    return draft, draft.clause("g")


def against_article_5(new: tuple[Draft, Clause]) -> tuple[Finding, ...]:
    old_draft, old_clause = reference("north-atlantic-treaty-1949::art-5")
    new_draft, new_clause = new
    forward = clause_findings(old_clause, new_clause, old_draft, new_draft)
    backward = clause_findings(new_clause, old_clause, new_draft, old_draft)
    # Symmetric: the other way round gives the mirror image (``mirror`` keeps the detail).
    assert sorted(map(facts, map(mirror, forward))) == sorted(map(facts, backward))
    assert all(f.kind in FINDING_KINDS for f in forward)
    return forward


def facts(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.kind, finding.before or "", finding.after or "", finding.direction or "")


def by_kind(found: tuple[Finding, ...], prefix: str) -> list[Finding]:
    return [f for f in found if f.kind.startswith(prefix)]


def test_the_eu_saving_clause_is_not_a_prohibition():
    found = against_article_5(quoted(EU_42_7))
    assert by_kind(found, "negation.") == []
    (saving,) = by_kind(found, "saving.")
    assert (saving.kind, saving.direction) == ("saving.added", "added")
    assert saving.after and saving.after.startswith("This shall not prejudice the specific character")


def test_the_modified_brussels_treaty_saving_clauses_against_article_5():
    found = against_article_5(reference("modified-brussels-treaty-1954::art-vi"))
    assert by_kind(found, "negation.") == []
    assert [f.kind for f in by_kind(found, "saving.")] == ["saving.added", "saving.added"]


def test_if_ukraine_should_become_a_victim_is_no_weakened_modality():
    found = against_article_5(quoted(BUDAPEST_4))
    assert not any("should" in (f.before, f.after) for f in by_kind(found, "modality."))
    assert any(f.kind == "condition.added" and "if Ukraine should become" in (f.after or "") for f in found)


def test_immediate_action_is_a_change_of_form_not_a_removed_qualifier():
    found = against_article_5(quoted(BUDAPEST_4))
    changed = [f for f in found if f.kind == "qualifier.changed"]
    assert [(f.before, f.after, f.direction) for f in changed] == [("immediately", "immediate", "changed")]
    assert "qualifies 'action', not the commitment" in changed[0].detail
    assert ("qualifier.removed", "immediately") not in [(f.kind, f.before) for f in found]


@pytest.mark.parametrize(
    "new",
    [
        "us-japan-1960::art-v",
        "us-rok-1953::art-iii",
        "rio-treaty-1947::art-3-1",
        "anglo-polish-1939::art-1",
        "modified-brussels-treaty-1954::art-v",
        "warsaw-pact-1955::art-4",
        "china-dprk-1961::art-ii",
    ],
)
def test_every_modality_change_has_a_direction_or_says_why_not(new):
    found = against_article_5(reference(new))
    for finding in by_kind(found, "modality.") + by_kind(found, "guarantee.modality."):
        has_direction = finding.direction in ("weakened", "strengthened", "added", "removed")
        assert has_direction or "not comparable" in finding.detail or "the same level" in finding.detail, finding


def _modality_findings(found) -> list:
    return [f for f in found if "modality" in f.kind]


def test_will_to_would_is_one_modality_finding_the_profiles():
    # NATO Art. 5 "will assist" -> US-Japan Art. V "declares that it would act": one scale (declaration
    # below commitment) and one finding, the profile's; not also "not comparable" from the prose's
    # pairing of "will" with "would be dangerous", nor the modality field's change again.
    found = against_article_5(reference("us-japan-1960::art-v"))
    (finding,) = _modality_findings(found)
    assert (finding.kind, finding.direction) == ("profile.modality.weakened", "weakened")
    assert finding.before.startswith("will (commitment)") and finding.after.startswith("would (declaration)")


def test_will_to_seek_in_the_modality_field_is_weakened():
    found = against_article_5(quoted(BUDAPEST_4, "  modality: seek"))
    (finding,) = _modality_findings(found)
    # The field's level is the diff scale's ("seek", an expectation), in the profile as in the diff.
    assert (finding.kind, finding.after) == ("profile.modality.weakened", "seek (expectation)")


def test_will_seek_to_in_prose_is_an_expectation_in_the_profile_as_in_the_diff():
    # "will seek to provide assistance" (the verb "will" carries "seek to"): the diff's scale ranks
    # it an expectation; the profile read it as the commitment "will", and the two scales disagreed.
    old_draft = loads(_GUARANTEE.format(id="a", verb="will provide"), "a.clause")
    new_draft = loads(_GUARANTEE.format(id="b", verb="will seek to provide"), "b.clause")
    (change,) = [c for c in diff(old_draft, new_draft).changes if c.words]
    (finding,) = [f for f in change.findings if "modality" in f.kind]
    assert (finding.kind, finding.after.split(" (“")[0]) == ("profile.modality.weakened", "will seek to (expectation)")
    # "shall have towards it an obligation" stays the binding "shall" it starts with (TEU Art. 42(7)).
    teu = loads(_GUARANTEE.format(id="c", verb="shall have towards it an obligation to provide"), "c.clause")
    assert read_profile(teu, teu.clause("g"))["modality"].values == ("shall",)


_GUARANTEE = """\
draft {id} "{id}" {{
}}

parties {{
  US "the United States"
  UA "Ukraine"
}}

guarantee g 1 {{
  guarantor: US
  beneficiary: UA
  The United States {verb} assistance to Ukraine if Ukraine is attacked.
}}
"""


def test_a_modality_field_off_the_scale_says_so():
    found = against_article_5(quoted(BUDAPEST_4, "  modality: act"))
    # "act" is on no level of either scale: changed, with no level shown; the field is not told twice.
    (finding,) = [f for f in _modality_findings(found) if f.kind.startswith(("profile.", "guarantee."))]
    assert (finding.kind, finding.after) == ("profile.modality.changed", "act")


def test_a_conditional_in_prose_is_paired_as_not_comparable():
    # In an article: in a guarantee the profile reports the core commitment's modality instead.
    old_draft = loads('draft a "A" {\n}\narticle g 1 {\n  The Parties will assist.\n}\n', "a.clause")
    new_draft = loads('draft b "B" {\n}\narticle g 1 {\n  The Parties would assist.\n}\n', "b.clause")
    old, new = old_draft.clause("g"), new_draft.clause("g")
    (finding,) = clause_findings(old, new, old_draft, new_draft)
    assert (finding.kind, finding.before, finding.after, finding.direction) == (
        "modality.changed",
        "will",
        "would",
        "changed",
    )
    assert "not comparable" in finding.detail
