"""Profiles against profiles: the strength scale and the verdict."""

from __future__ import annotations

from dataclasses import replace

import clausekit
from clausekit.analysis.profile_compare import compare_profiles, verdict
from clausekit.analysis.profile_vocabulary import DEFAULT_STRENGTH, StrengthScale
from clausekit.library import find_mirror


def _profile(ref: str):
    return clausekit.profile(*find_mirror(ref))


def _verdicts(comparison) -> dict[str, str]:
    return {row.name: row.verdict for row in comparison.dimensions}


def test_us_japan_against_article_5_is_weaker_where_a_lawyer_says_so() -> None:
    verdicts = _verdicts(
        compare_profiles(_profile("us-japan-1960::art-v"), _profile("north-atlantic-treaty-1949::art-5"))
    )
    assert verdicts["obligation"] == "weaker"  # act, not assist
    assert verdicts["deeming"] == "weaker"  # no deeming
    assert verdicts["discretion"] == "weaker"  # constitutional processes, not as deemed necessary
    assert verdicts["means"] == "weaker"  # armed force not named
    assert verdicts["timing"] == "weaker"  # no "forthwith"
    assert verdicts["modality"] == "weaker"  # would (a declaration) against will
    assert verdicts["trigger"] == "same" and verdicts["reciprocity"] == "same"
    assert verdicts["scope"] == "different" and verdicts["un"] == "same"


def test_the_comparison_is_antisymmetric() -> None:
    japan, nato = _profile("us-japan-1960::art-v"), _profile("north-atlantic-treaty-1949::art-5")
    there = _verdicts(compare_profiles(japan, nato))
    back = _verdicts(compare_profiles(nato, japan))
    flip = {"weaker": "stronger", "stronger": "weaker"}
    assert back == {name: flip.get(v, v) for name, v in there.items()}


def test_more_discretion_is_weaker() -> None:
    g7 = _profile("g7-ukraine-declaration-2023::future-attack")  # consult-first, constitutional processes
    anglo_polish = _profile("anglo-polish-1939::art-1")  # automatic
    assert _verdicts(compare_profiles(g7, anglo_polish))["discretion"] == "weaker"


def test_the_scale_can_be_replaced() -> None:
    japan, nato = _profile("us-japan-1960::art-v"), _profile("north-atlantic-treaty-1949::art-5")
    reversed_obligation = tuple(
        (name, tuple(reversed(values)) if name == "obligation" else values)
        for name, values in DEFAULT_STRENGTH.rankings
    )
    scale = replace(DEFAULT_STRENGTH, rankings=reversed_obligation)
    assert _verdicts(compare_profiles(japan, nato, scale))["obligation"] == "stronger"
    unranked = StrengthScale(())
    assert _verdicts(compare_profiles(japan, nato, unranked))["obligation"] == "different"


def test_a_source_that_does_not_give_a_value_is_not_known() -> None:
    draft = clausekit.load("drafts/e3-counterproposal.clause")
    e3 = clausekit.profile(draft, draft.clause("us-guarantee"))
    verdicts = _verdicts(compare_profiles(e3, _profile("north-atlantic-treaty-1949::art-5")))
    assert verdicts["obligation"] == verdicts["modality"] == "not known"


def test_the_verdict_names_the_closest_treaty_and_the_evidence_of_each_difference() -> None:
    source = clausekit.loads(
        """draft d "D" {
}
guarantee g 1 {
  Each Party recognizes that an armed attack against either Party in the territories under its administration
  would be dangerous to its own peace and safety and declares that it would act to meet the common danger in
  accordance with its constitutional processes.
}
"""
    )
    mine = clausekit.profile(source, source.clause("g"))
    nato, japan = _profile("north-atlantic-treaty-1949::art-5"), _profile("us-japan-1960::art-v")
    text = verdict([compare_profiles(mine, nato), compare_profiles(mine, japan)])
    assert text.startswith("D, Art. 1 is closer to Treaty of Mutual Cooperation and Security between Japan")
    assert "than to The North Atlantic Treaty, Art. 5" in text
    assert "deeming no against yes" in text
    assert "discretion constitutional-processes against as-deemed-necessary" in text


def _timing_of(prose: str):
    draft = clausekit.loads(f'draft d "D" {{\n}}\nguarantee g 1 {{\n  {prose}\n}}\n')
    return clausekit.profile(draft, draft.clause("g"))


def test_a_within_carries_its_period_and_the_shorter_is_stronger() -> None:
    # "consultations within three days" (the Istanbul communique as Ukraine's delegation described it,
    # drafts/russia-positions.clause) against "a response within 24 hours" (the Italian proposal as reported).
    three_days = _timing_of("In case of aggression, consultations within three days.")
    a_day = _timing_of("A Russian violation would trigger a response within 24 hours.")
    assert three_days["timing"].values == ("within three days",)
    assert _verdicts(compare_profiles(a_day, three_days))["timing"] == "stronger"
    assert _verdicts(compare_profiles(three_days, a_day))["timing"] == "weaker"
    # A stronger value on both sides decides before any period: "immediately" is above every "within".
    soon = _timing_of("A Russian violation would trigger an immediate response within 24 hours.")
    assert _verdicts(compare_profiles(soon, three_days))["timing"] == "stronger"
