"""What a change means: clause_findings and draft_findings on the real wording of the sources.

Drafts are written inline in the clause language (the sentences are copied from the US 28-point
plan, the E3 counter-proposal, the North Atlantic Treaty and the US-Japan Treaty).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.analysis import ModalityLevel, ModalityScale
from clausekit.diff.findings import (
    FINDING_KINDS,
    clause_findings,
    draft_findings,
    mirror,
    pair,
    prose_findings_applicable,
)
from clausekit.diff.model import Finding
from clausekit.diff.options import DiffOptions
from clausekit.language.parser import loads
from clausekit.model import (
    Bracket,
    BracketOption,
    Clause,
    ClauseRef,
    Draft,
    Guarantee,
    Paragraph,
    Party,
    PartyRef,
    Text,
)

PARTIES = """
parties {
  US "the United States of America"  match "United States"
  UA "Ukraine"
  RU "the Russian Federation"  match "Russia"
  NATO "the North Atlantic Treaty Organization"  match "NATO"
  EU "the European Union"  match "European"
  E3 "the United Kingdom, France and Germany"
}
"""


def draft(body: str, draft_id: str = "d", language: str = "en", parties: str = PARTIES) -> Draft:
    header = f'draft {draft_id} "Draft {draft_id}" {{\n  language: {language}\n}}\n'
    return loads(header + parties + "\n" + body, f"{draft_id}.clause")


def clause(text: str, clause_id: str = "c") -> str:
    return f"clause {clause_id} 1 {{\n  {text}\n}}\n"


def findings(old_text: str, new_text: str, **kwargs) -> tuple[Finding, ...]:
    old, new = draft(clause(old_text), "old"), draft(clause(new_text), "new")
    return clause_findings(old.clause("c"), new.clause("c"), old, new, **kwargs)


def kinds(found: tuple[Finding, ...]) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(f.kind, f.before, f.after, f.direction) for f in found]


# --- modality and negation ----------------------------------------------------------------------


def test_will_to_may_is_weakened_and_back_is_strengthened():
    assert kinds(findings("Ukraine will receive guarantees.", "Ukraine may receive guarantees.")) == [
        ("modality.weakened", "will", "may", "weakened")
    ]
    assert kinds(findings("Ukraine may receive guarantees.", "Ukraine will receive guarantees.")) == [
        ("modality.strengthened", "may", "will", "strengthened")
    ]


def test_shall_to_shall_not_changes_an_obligation_into_a_prohibition():
    (found,) = findings("Ukraine shall join the Treaty.", "Ukraine shall not join the Treaty.")
    assert (found.kind, found.before, found.after, found.direction) == (
        "negation.changed",
        "shall",
        "shall not",
        "changed",
    )
    assert "obligation 'shall' -> prohibition 'shall not'" in found.detail


def test_agrees_to_station_and_agrees_not_to_station():
    assert kinds(
        findings("NATO agrees to station troops in Ukraine.", "NATO agrees not to station troops in Ukraine.")
    )[0] == ("negation.changed", "agrees to", "agrees not to", "changed")


def test_equal_strength_phrases_are_no_finding():
    assert findings("Ukraine agrees to remain neutral.", "Ukraine undertakes to remain neutral.") == ()


def test_a_weakened_prohibition():
    assert kinds(findings("Russia shall not enter the zone.", "Russia should not enter the zone.")) == [
        ("modality.weakened", "shall not", "should not", "weakened")
    ]


def test_the_scale_comes_from_the_options():
    scale = ModalityScale((ModalityLevel("strong", ("may",)), ModalityLevel("weak", ("will",))))
    found = findings("Ukraine will act.", "Ukraine may act.", options=DiffOptions(scale=scale))
    assert kinds(found) == [("modality.strengthened", "will", "may", "strengthened")]


def test_a_modal_verb_with_no_counterpart_is_left_to_the_redline():
    # US point 1 and the E3's headline style: "will be confirmed" -> "to be reconfirmed".
    assert findings("Ukraine's sovereignty will be confirmed.", "Ukraine's sovereignty to be reconfirmed.") == ()


# --- quantities, periods, dates -----------------------------------------------------------------


def test_force_cap_us_point_6_against_e3_point_6():
    found = findings(
        "The size of the Ukrainian Armed Forces will be limited to 600,000 personnel.",
        "Size of Ukraine military to be capped at 800,000 in peacetime.",
    )
    assert kinds(found) == [
        ("quantity.changed", "600,000", "800,000", "increased"),
        ("qualifier.added", None, "in peacetime", "added"),
    ]
    assert found[0].detail == "600,000 -> 800,000 (+33%)"


def test_quantities_pair_by_kind_after_equal_ones_cancel():
    found = findings(
        "$100 billion will be invested and the U.S. will receive 50 percent of the profits; 85,000 troops.",
        "$100 billion will be invested and the U.S. will receive 40 percent of the profits; 85,000 troops.",
    )
    assert kinds(found) == [("quantity.changed", "50 percent", "40 percent", "decreased")]
    assert found[0].detail == "50 percent -> 40 percent (-20%)"


def test_a_quantity_added():
    assert kinds(findings("The U.S. will receive compensation.", "The U.S. will receive $10 billion.")) == [
        ("quantity.changed", None, "$10 billion", "added")
    ]


def test_periods_longer_and_shorter_whatever_the_spelling():
    assert findings("It lasts ten years.", "It lasts 10 years.") == ()
    assert kinds(findings("It lasts 10 years.", "It lasts 15 years.")) == [
        ("duration.changed", "10 years", "15 years", "longer")
    ]
    assert kinds(findings("Elections within 100 days.", "Elections within 60 days.")) == [
        ("duration.changed", "100 days", "60 days", "shorter")
    ]


def test_dates_earlier_and_later():
    assert kinds(findings("Signed on 4 April 1949.", "Signed on 19 January 1960.")) == [
        ("date.changed", "4 April 1949", "19 January 1960", "later")
    ]


# --- parties --------------------------------------------------------------------------------------


def test_european_jets_become_nato_jets_when_the_aliases_are_marked():
    found = findings(
        "European fighter jets will be stationed in Poland.", "NATO fighter jets will be stationed in Poland."
    )
    assert kinds(found) == [("party.removed", "EU", None, "removed"), ("party.added", None, "NATO", "added")]


def test_unmarked_words_are_not_parties():
    parties = 'parties {\n  EU "the European Union"\n  NATO "NATO"\n}\n'
    old = draft(clause("European fighter jets will be stationed in Poland."), "old", parties=parties)
    new = draft(clause("@NATO fighter jets will be stationed in Poland."), "new", parties=parties)
    assert kinds(clause_findings(old.clause("c"), new.clause("c"), old, new)) == [
        ("party.added", None, "NATO", "added")
    ]


def test_guarantors_from_structured_fields():
    old = draft("guarantee c 10 {\n  guarantor: US\n  beneficiary: UA\n}\n", "old")
    new = draft("guarantee c 10 {\n  guarantor: US, E3\n  beneficiary: UA\n}\n", "new")
    assert kinds(clause_findings(old.clause("c"), new.clause("c"), old, new)) == [
        ("party.added", None, "E3", "added"),
        ("guarantee.guarantor.changed", "US", "US, E3", "changed"),
    ]


# --- qualifiers and conditions ----------------------------------------------------------------------


def test_us_point_8_against_e3_point_8_adds_three_qualifiers():
    found = findings(
        "NATO agrees not to station troops in Ukraine.",
        "NATO agrees not to permanently station troops under its command in Ukraine in peacetime.",
    )
    assert kinds(found) == [
        ("qualifier.added", None, "permanently", "added"),
        ("qualifier.added", None, "under its command", "added"),
        ("qualifier.added", None, "in peacetime", "added"),
    ]


NATO_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North America shall be "
    "considered an attack against them all; and consequently they agree that, if such an armed attack occurs, each "
    "of them, in exercise of the right of individual or collective self-defence recognised by Article 51 of the "
    "Charter of the United Nations, will assist the Party or Parties so attacked by taking forthwith, individually "
    "and in concert with the other Parties, such action as it deems necessary, including the use of armed force, to "
    "restore and maintain the security of the North Atlantic area."
)
JAPAN_V = (
    "Each Party recognizes that an armed attack against either Party in the territories under the administration of "
    "Japan would be dangerous to its own peace and safety and declares that it would act to meet the common danger "
    "in accordance with its constitutional provisions and processes."
)


def test_nato_article_5_against_us_japan_article_v():
    found = kinds(findings(NATO_5, JAPAN_V))
    assert ("qualifier.removed", "as it deems necessary", None, "removed") in found
    assert ("qualifier.removed", "including the use of armed force", None, "removed") in found
    assert ("qualifier.added", None, "in accordance with its constitutional provisions and processes", "added") in found
    assert ("condition.removed", "if such an armed attack occurs", None, "removed") in found


def test_of_two_qualifiers_with_one_key_the_one_whose_words_went_is_removed():
    found = findings(
        "The Parties will act forthwith. Measures shall immediately be reported.",
        "The Parties will act. Measures shall be immediately reported.",
    )
    assert kinds(found) == [("qualifier.removed", "forthwith", None, "removed")]


def test_us_point_10b_against_e3_point_10b_keeps_its_condition():
    found = findings(
        "If Ukraine invades Russia, it will lose the guarantee.", "If Ukraine invades Russia, it forfeits the guarantee"
    )
    assert found == ()  # the condition is the same; "will lose" -> "forfeits" is for the redline


def test_a_condition_added():
    found = findings("The sanctions will be lifted.", "The sanctions will be lifted unless Russia invades Ukraine.")
    assert kinds(found) == [
        ("party.added", None, "RU", "added"),
        ("condition.added", None, "unless Russia invades Ukraine", "added"),
    ]


# --- brackets and references -----------------------------------------------------------------------


def test_a_bracket_opened_around_agreed_text_and_resolved():
    agreed = "The forces will be capped at 600,000."
    bracketed = "The forces will be capped at [US: 600,000 | E3: 800,000 in peacetime]."
    opened = findings(agreed, bracketed)
    assert ("bracket.opened", "600,000", "[US: 600,000 | E3: 800,000 in peacetime]", "added") in kinds(opened)
    resolved = findings(bracketed, "The forces will be capped at 800,000 in peacetime.")
    assert ("bracket.resolved", "[US: 600,000 | E3: 800,000 in peacetime]", "800,000 in peacetime", "removed") in kinds(
        resolved
    )


def test_an_alternative_added_to_a_bracket():
    found = findings("Capped at [US: 600,000].", "Capped at [US: 600,000 | E3: 800,000].")
    assert ("bracket.opened", None, "E3: 800,000", "added") in kinds(found)


def test_references_retargeted_and_broken():
    body_old = clause("As set out in #g.", "c") + clause("Guarantee.", "g") + clause("Other.", "h")
    body_new = clause("As set out in #h.", "c") + clause("Other.", "h")
    old, new = draft(body_old, "old"), draft(body_new, "new")
    assert kinds(clause_findings(old.clause("c"), new.clause("c"), old, new)) == [
        ("reference.retargeted", "g", "h", "changed")
    ]
    broken = draft(clause("As set out in #g.", "c") + clause("Other.", "h"), "new")
    assert kinds(clause_findings(old.clause("c"), broken.clause("c"), old, broken)) == [
        ("reference.broken", None, "g", "added")
    ]


# --- guarantee fields -------------------------------------------------------------------------------


def test_every_guarantee_field_is_compared():
    old = draft(
        "guarantee c 10 {\n  guarantor: US\n  beneficiary: UA\n  modality: shall\n"
        "  trigger: a significant, deliberate and sustained armed attack against @UA\n"
        "  response: such measures as the President determines necessary\n  duration: 10 years\n"
        "  renewal: by mutual agreement\n  condition: a ceasefire\n  void-if: @UA launches a missile at Moscow\n"
        "  compensation: none\n  mirrors: north-atlantic-treaty-1949::art-5\n}\n",
        "old",
    )
    new = draft(
        "guarantee c 10 {\n  guarantor: US, E3\n  beneficiary: UA, EU\n  modality: may\n"
        "  trigger: an armed attack against @UA\n  response: a decisive coordinated military response\n"
        "  duration: 25 years\n  renewal: automatic\n  condition: a peace agreement\n"
        "  compensation: $100 billion\n  mirrors: us-japan-1960::art-v\n}\n",
        "new",
    )
    found = clause_findings(old.clause("c"), new.clause("c"), old, new)
    guarantee = [(f.kind, f.direction) for f in found if f.kind.startswith("guarantee.")]
    assert guarantee == [
        ("guarantee.guarantor.changed", "changed"),
        ("guarantee.beneficiary.changed", "changed"),
        # modality shall -> may is the profile's finding (profile.modality.weakened), not told twice
        ("guarantee.trigger.changed", "changed"),
        ("guarantee.response.changed", "changed"),
        ("guarantee.duration.changed", "longer"),
        ("guarantee.renewal.changed", "changed"),
        ("guarantee.condition.changed", "changed"),
        ("guarantee.void-if.changed", "removed"),
        ("guarantee.compensation.changed", "changed"),
        ("guarantee.mirrors.changed", "changed"),
    ]
    assert "profile.modality.weakened" in [f.kind for f in found]
    trigger = next(f for f in found if f.kind == "guarantee.trigger.changed")
    assert (trigger.before, trigger.after) == (
        "a significant, deliberate and sustained armed attack against UA",
        "an armed attack against UA",
    )


# --- scope: placeholders, languages -----------------------------------------------------------------


def test_a_placeholder_has_no_findings():
    old = draft(clause("Ukraine will receive guarantees."), "old")
    new = draft("clause c 1 {\n  exactness: missing\n}\n", "new")
    assert clause_findings(old.clause("c"), new.clause("c"), old, new) == ()


def test_other_languages_get_structured_findings_only():
    old = draft(
        "guarantee c 10 {\n  guarantor: US\n  duration: 10 years\n\n  Ukraine will have 600,000.\n}\n", "old", "uk"
    )
    new = draft(
        "guarantee c 10 {\n  guarantor: US, E3\n  duration: 15 years\n\n  Ukraine may have 800,000.\n}\n", "new"
    )
    assert not prose_findings_applicable(old, new)
    assert kinds(clause_findings(old.clause("c"), new.clause("c"), old, new)) == [
        ("party.added", None, "E3", "added"),
        ("guarantee.guarantor.changed", "US", "US, E3", "changed"),
        ("guarantee.duration.changed", "10 years", "15 years", "changed"),
    ]


# --- the drafts as a whole ---------------------------------------------------------------------------


def test_draft_findings_parties_and_redefined_terms():
    old = draft(
        'term "Security Guarantee" {\n  the commitment of @US set out in #g.\n}\n'
        + clause("The <Security Guarantee> lasts ten years.", "g")
        + clause("Nothing here.", "h"),
        "old",
    )
    new = loads(
        'draft new "New" {\n}\nparties {\n  US "the United States"\n  UA "Ukraine"\n  E3 "E3"\n  FR "France"\n}\n'
        'term "Security Guarantee" {\n  the commitment of @US and @E3 set out in #g.\n}\n'
        'term "Ceasefire" {\n  the end of hostilities.\n}\n' + clause("The <Security Guarantee> lasts ten years.", "g"),
        "new.clause",
    )
    found = draft_findings(old, new)
    assert kinds(found) == [
        # parties in the order of their codes, whichever way they changed
        ("party.removed", "EU", None, "removed"),
        ("party.added", None, "FR", "added"),
        ("party.removed", "NATO", None, "removed"),
        ("party.removed", "RU", None, "removed"),
        ("term.redefined", None, "the end of hostilities.", "added"),
        (
            "term.redefined",
            "the commitment of US set out in #g.",
            "the commitment of US and E3 set out in #g.",
            "changed",
        ),
    ]
    assert found[-1].detail == "term 'Security Guarantee' redefined; used in g"
    assert draft_findings(old, old) == ()


# --- symmetry ------------------------------------------------------------------------------------------


def test_pair_cancels_equal_keys_then_pairs_in_order():
    assert pair([1, 2, 3], [3, 4], lambda x: x) == ([(1, 4)], [2], [])
    assert pair([3, 4], [1, 2, 3], lambda x: x) == ([(4, 1)], [], [2])


SENTENCES = [
    "Ukraine will receive robust guarantees",
    "Ukraine may receive guarantees",
    "NATO agrees not to station troops in Ukraine",
    "NATO agrees to permanently station troops under its command in Ukraine in peacetime",
    "the force will be capped at 600,000 personnel",
    "the force shall be capped at 800,000 in peacetime",
    "the guarantee lasts ten years",
    "the guarantee lasts 15 years",
    "signed on 4 April 1949",
    "if Ukraine invades Russia, it forfeits the guarantee",
    "unless Russia invades",
    "European fighter jets should be stationed in Poland",
    "There will be the expectation that Russia will not invade",
    "$100 billion and 50 percent, shared 50:50",
    "such action as it deems necessary",
    "in accordance with its constitutional processes",
]
PARTY_LIST = (
    Party("US", "the United States"),
    Party("UA", "Ukraine", match=("Ukraine",)),
    Party("RU", "Russia", match=("Russia",)),
    Party("EU", "the European Union", match=("European",)),
    Party("NATO", "NATO", match=("NATO",)),
    Party("E3", "E3"),
)
CODES = [p.code for p in PARTY_LIST]

spans = st.one_of(
    st.sampled_from(SENTENCES).map(lambda s: Text(s + ". ")),
    st.sampled_from(CODES).map(PartyRef),
    st.sampled_from(["c", "g", "gone"]).map(ClauseRef),
    st.lists(
        st.tuples(st.one_of(st.none(), st.sampled_from(CODES)), st.sampled_from(SENTENCES)), min_size=1, max_size=3
    ).map(lambda options: Bracket(tuple(BracketOption(p, (Text(t),)) for p, t in options))),
)
paragraphs = st.lists(st.lists(spans, min_size=1, max_size=5).map(lambda s: Paragraph(tuple(s))), max_size=3)
guarantees = st.one_of(
    st.none(),
    st.builds(
        Guarantee,
        guarantors=st.lists(st.sampled_from(CODES), max_size=2, unique=True).map(tuple),
        modality=st.sampled_from([None, "shall", "will", "may", "shall not"]),
        duration=st.one_of(
            st.none(), st.sampled_from(["10 years", "ten years", "25 years"]).map(lambda t: Paragraph((Text(t),)))
        ),
        triggers=st.lists(st.sampled_from(SENTENCES).map(lambda t: Paragraph((Text(t),))), max_size=2).map(tuple),
    ),
)
clauses = st.builds(
    Clause,
    kind=st.just("clause"),
    id=st.just("c"),
    paragraphs=paragraphs.map(tuple),
    guarantee=guarantees,
    proposer=st.sampled_from([None, "US", "E3"]),
)


def as_draft(draft_id: str, c: Clause, extra: bool) -> Draft:
    body = (c, Clause("clause", "g")) if extra else (c,)
    return Draft(draft_id, draft_id, parties=PARTY_LIST, body=body)


def essentials(found: tuple[Finding, ...]) -> list[tuple]:
    return [(f.kind, f.before, f.after, f.direction) for f in found]


@settings(max_examples=200, deadline=None)
@given(clauses, clauses, st.booleans(), st.booleans())
def test_findings_are_symmetric(a, b, a_has_g, b_has_g):
    draft_a, draft_b = as_draft("a", a, a_has_g), as_draft("b", b, b_has_g)
    forward = clause_findings(a, b, draft_a, draft_b)
    backward = clause_findings(b, a, draft_b, draft_a)
    assert essentials(tuple(mirror(f) for f in forward)) == essentials(backward)
    assert all(f.kind in FINDING_KINDS for f in forward)
    assert clause_findings(a, a, draft_a, draft_a) == ()
    assert forward == clause_findings(a, b, draft_a, draft_b)  # deterministic


def test_a_guarantee_field_the_source_does_not_give_is_not_a_change():
    old = draft("guarantee g 10 {\n  guarantor: US\n  beneficiary: UA\n  modality: will\n  response: sanctions\n}\n")
    new = draft(
        "guarantee g 10 {\n  guarantor: US\n  beneficiary: UA\n  unknown: response, modality\n}\n", draft_id="e"
    )
    found = clause_findings(old.body[0], new.body[0], old, new, DiffOptions())
    assert [f.kind for f in found if f.kind.startswith("guarantee.")] == []


# --- a value agreed between bracketed alternatives ------------------------------------------------

BRACKETED = "The guarantee lasts [US: 10 years | E3: 20 years] and is reviewed [US: yearly | E3: ]."


def test_a_value_agreed_between_alternatives_is_one_bracket_finding_both_ways():
    agreed = "The guarantee lasts 20 years and is reviewed."
    resolved = findings(BRACKETED, agreed)
    assert [f.kind for f in resolved] == ["bracket.resolved", "bracket.resolved"]
    details = sorted(f.detail for f in resolved)
    assert "resolved as '20 years'" in details[0] and details[1].endswith("[US: yearly | E3: ] dropped")
    opened = findings(agreed, BRACKETED)
    assert [f.kind for f in opened] == ["bracket.opened", "bracket.opened"]
    assert any("around agreed text '20 years'" in f.detail for f in opened)


def test_a_change_beside_a_resolved_bracket_is_still_found():
    found = findings(BRACKETED, "The guarantee lasts 20 years and may be reviewed within 30 days.")
    assert {f.kind for f in found} >= {"bracket.resolved", "duration.changed"}


def guarantee_with(duration: str) -> Draft:
    body = f"guarantee g 1 {{\n  guarantor: US\n  beneficiary: UA\n  duration: {duration}\n}}\n"
    return draft(body)


def test_a_bracket_in_a_guarantee_field_resolved_is_a_bracket_finding_not_a_field_change():
    old, new = guarantee_with("[US: 10 years | E3: 20 years]"), guarantee_with("20 years")
    found = clause_findings(old.clause("g"), new.clause("g"), old, new)
    assert [f.kind for f in found] == ["bracket.resolved"]
    other = guarantee_with("30 years")
    changed = clause_findings(old.clause("g"), other.clause("g"), old, other)
    assert "guarantee.duration.changed" in [f.kind for f in changed]


def test_profile_findings_and_fail_on_weakened():
    from clausekit.library import find_mirror
    from conftest import run_clausekit

    nato_draft, nato = find_mirror("north-atlantic-treaty-1949::art-5")
    japan_draft, japan = find_mirror("us-japan-1960::art-v")
    found = {f.kind: f for f in clause_findings(nato, japan, nato_draft, japan_draft)}
    assert {"profile.deeming.weakened", "profile.discretion.weakened", "profile.obligation.weakened"} <= set(found)
    assert found["profile.scope.changed"].after == "in the territories under the administration of Japan"
    assert "shall be considered an attack against them all" in found["profile.deeming.weakened"].detail
    back = {f.kind for f in clause_findings(japan, nato, japan_draft, nato_draft)}
    assert "profile.deeming.strengthened" in back and not any(k.endswith(".weakened") for k in back if "profile" in k)
    weakened = run_clausekit(
        "diff", "north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "--fail-on", "profile.*.weakened"
    )
    assert weakened.returncode == 1
    stronger = run_clausekit(
        "diff", "us-japan-1960::art-v", "north-atlantic-treaty-1949::art-5", "--fail-on", "profile.*.weakened"
    )
    assert stronger.returncode == 0, stronger.stderr


def _responding_within(period: str) -> Draft:
    # The wording reported of the Italian proposal (Bloomberg, via OKX news): "a Russian violation would
    # trigger a response within 24 hours".
    prose = f"A Russian violation would trigger a response within {period}."
    body = f"guarantee g 1 {{\n  guarantor: US\n  beneficiary: UA\n\n  {prose}\n}}\n"
    return draft(body)


def test_a_longer_period_within_weakens_the_timing():
    day, month = _responding_within("24 hours"), _responding_within("30 days")
    found = {f.kind: f for f in clause_findings(day.clause("g"), month.clause("g"), day, month)}
    assert found["profile.timing.weakened"].before == "within 24 hours"
    assert found["profile.timing.weakened"].after == "within 30 days"
    back = {f.kind for f in clause_findings(month.clause("g"), day.clause("g"), month, day)}
    assert "profile.timing.strengthened" in back
    # Days against months do not compare (a month is no fixed number of days): changed, no direction.
    months = _responding_within("two months")
    other = {f.kind for f in clause_findings(month.clause("g"), months.clause("g"), month, months)}
    assert "profile.timing.changed" in other
