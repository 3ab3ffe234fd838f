"""Treaty English the prose analysis must not misread (issue 13, point 5), on real texts.

Each class of misreading is tested on clauses of the bundled reference drafts (verbatim treaty
texts, ``drafts/reference/``) and on the words the issue quotes from texts that are not bundled:
the EU's mutual assistance clause (TEU Article 42(7)) and the 1994 Budapest memorandum.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from clausekit.analysis import (
    DEFAULT_SCALE,
    HYPOTHETICAL_MODALS,
    ModalityLevel,
    ModalityScale,
    ProseFacts,
    UnrankedModality,
    analyse,
    analyse_paragraphs,
)
from clausekit.library import reference_draft

# Quoted in issue 13 (TEU Article 42(7), first subparagraph; Budapest memorandum, point 4).
EU_42_7 = (
    "If a Member State is the victim of armed aggression on its territory, the other Member States shall have towards "
    "it an obligation of aid and assistance by all the means in their power, in accordance with Article 51 of the "
    "United Nations Charter. This shall not prejudice the specific character of the security and defence policy of "
    "certain Member States."
)
BUDAPEST_4 = (
    "The United States of America, the United Kingdom of Great Britain and Northern Ireland and the Russian Federation "
    "reaffirm their commitment to seek immediate United Nations Security Council action to provide assistance to "
    "Ukraine, as a non-nuclear-weapon State Party to the Treaty on the Non-Proliferation of Nuclear Weapons, if "
    "Ukraine should become a victim of an act of aggression or an object of a threat of aggression in which nuclear "
    "weapons are used."
)


def clause_facts(draft_id: str, clause_id: str) -> ProseFacts:
    draft = reference_draft(draft_id)
    assert draft is not None, draft_id
    clause = draft.clause(clause_id)
    assert clause is not None, clause_id
    return analyse_paragraphs(clause.paragraphs)


def modal_phrases(facts: ProseFacts) -> list[tuple[str, str, bool]]:
    return [(m.phrase, m.level, m.negated) for m in facts.modalities]


# --- saving clauses are not prohibitions ------------------------------------------------------------


def test_a_saving_clause_of_the_eu_treaty_is_no_prohibition():
    facts = analyse(EU_42_7)
    assert modal_phrases(facts) == [("shall", "binding", False)]  # the obligation of aid, and no "shall not"
    assert [s.text for s in facts.savings] == [
        "This shall not prejudice the specific character of the security and defence policy of certain Member States"
    ]


def test_the_modified_brussels_treaty_saves_the_charter_twice():
    facts = clause_facts("modified-brussels-treaty-1954", "art-vi")
    texts = [s.text for s in facts.savings]
    assert texts[0].startswith("The present Treaty does not prejudice in any way the obligations")
    assert texts[1].startswith("It shall not be interpreted as affecting in any way the authority")
    assert all(not m.negated for m in facts.modalities)


@pytest.mark.parametrize(
    "text",
    [
        "This Article is without prejudice to the rights of the Parties.",
        "The provisions will apply, without prejudice, however, to the rights of the other State.",
        "Nothing in this Treaty shall affect the rights and obligations of the Parties.",
        "No provision of this Treaty shall be interpreted as affecting the Charter.",
        "This Agreement shall not in any way prejudice the position of either Party.",
    ],
)
def test_saving_clauses_in_their_usual_forms(text):
    facts = analyse(text)
    assert len(facts.savings) == 1
    assert all(not m.negated for m in facts.modalities)


def test_a_positive_shall_affect_saves_only_after_a_negative_subject():
    facts = analyse("These measures shall affect the whole area.")
    assert facts.savings == ()
    assert modal_phrases(facts) == [("shall", "binding", False)]


def test_a_real_prohibition_stays_one():
    facts = analyse("The Parties shall not station forces on the territory of Ukraine.")
    assert modal_phrases(facts) == [("shall not", "binding", True)]
    assert facts.savings == ()


# --- "if/should X become" is a hypothetical, not a recommendation ----------------------------------


def test_if_ukraine_should_become_a_victim_is_a_condition_not_a_recommendation():
    facts = analyse(BUDAPEST_4)
    assert "should" not in [m.phrase for m in facts.modalities]
    assert [c.text for c in facts.conditions][-1].startswith("if Ukraine should become a victim of an act")


def test_the_modified_brussels_treaty_if_any_party_should_be_the_object():
    facts = clause_facts("modified-brussels-treaty-1954", "art-v")
    assert modal_phrases(facts) == [("will", "commitment", False)]
    assert facts.conditions[0].text.startswith("If any of the High Contracting Parties should be the object")


def test_an_inverted_should_opens_a_condition_anglo_polish_1939():
    facts = clause_facts("anglo-polish-1939", "art-1")
    assert modal_phrases(facts) == [("will", "commitment", False)]
    assert facts.conditions[0].marker == "should"
    assert facts.conditions[0].text.startswith("Should one of the Contracting Parties become engaged in hostilities")


def test_should_after_a_comma_before_its_subject_is_an_inversion():
    facts = analyse("The Parties will consult, should either of them be attacked, and will assist.")
    assert [m.phrase for m in facts.modalities] == ["will", "will"]
    assert [c.text for c in facts.conditions] == ["should either of them be attacked"]


def test_a_recommendation_stays_one():
    facts = analyse("The Parties should consult each other. If attacked, the Parties should consult each other.")
    assert [m.phrase for m in facts.modalities] == ["should", "should"]


def test_the_hypothetical_modals_are_a_table_of_the_scale():
    assert "should" in HYPOTHETICAL_MODALS and DEFAULT_SCALE.hypothetical == HYPOTHETICAL_MODALS
    text = "If any Party shall be attacked, the others will assist it."
    assert [m.phrase for m in analyse(text).modalities] == ["shall", "will"]
    older = replace(DEFAULT_SCALE, hypothetical=frozenset({"should", "shall"}))
    assert [m.phrase for m in analyse(text, older).modalities] == ["will"]


# --- an adjective is not the adverb qualifier --------------------------------------------------------


def test_immediate_action_is_an_adjective_of_the_action():
    (qualifier,) = [q for q in analyse(BUDAPEST_4).qualifiers if q.key == "forthwith"]
    assert (qualifier.text, qualifier.form, qualifier.qualifies) == ("immediate", "adjective", "action")
    assert qualifier.described == "qualifies 'action', not the commitment"


@pytest.mark.parametrize(
    ("draft_id", "clause_id", "noun"),
    [("rio-treaty-1947", "art-3-2", "measures"), ("warsaw-pact-1955", "art-4", "assistance")],
)
def test_immediate_measures_and_immediate_assistance(draft_id, clause_id, noun):
    adjectives = [q for q in clause_facts(draft_id, clause_id).qualifiers if q.form == "adjective"]
    assert [(q.text, q.qualifies) for q in adjectives] == [("immediate", noun)]


def test_immediately_reported_is_the_adverb():
    (qualifier,) = [q for q in clause_facts("us-japan-1960", "art-v").qualifiers if q.key == "forthwith"]
    assert (qualifier.text, qualifier.form, qualifier.qualifies) == ("immediately", "adverb", None)


# --- every modal phrase of these treaties has a place, or a reason ------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "level"),
    [
        ("each Party declares that it would act to meet the common danger", "declares that it would", "declaration"),
        ("Each Party undertakes to assist in meeting the attack", "undertakes to", "binding"),
        ("The Contracting Parties undertake jointly to adopt all measures", "undertake", "binding"),
        ("the other Member States shall have towards it an obligation of aid", "shall", "binding"),
        ("the Parties shall have an obligation of assistance", "shall have an obligation of", "binding"),
        ("they reaffirm their commitment to seek immediate action", "commitment to seek", "expectation"),
        ("The guarantors will seek immediate Security Council action", "will seek", "expectation"),
        ("The guarantors undertake to seek Security Council action", "undertake to seek", "expectation"),
        ("an armed attack would be dangerous to its own peace", "would", "conditional"),
    ],
)
def test_treaty_modal_phrases_have_a_place(text, phrase, level):
    (modality,) = analyse(text).modalities
    assert (modality.phrase, modality.level) == (phrase, level)


def test_us_japan_article_v_reads_a_declaration_and_a_conditional():
    facts = clause_facts("us-japan-1960", "art-v")
    assert [(m.phrase, m.level, m.rank) for m in facts.modalities][:2] == [
        ("would", "conditional", 0),
        ("declares that it would", "declaration", 4),
    ]
    assert DEFAULT_SCALE.rank("commitment") > DEFAULT_SCALE.rank("declaration") > DEFAULT_SCALE.rank("recommendation")


def test_the_diff_scale_and_the_profile_scale_are_one_order_of_levels():
    # Every level of the diff's modality scale is a level of the profile's, in the same order, so a
    # change the two both rank has one direction (docs/diff.md, docs/profile.md).
    from clausekit.analysis.profile_vocabulary import MODAL_LEVELS

    names = [level.name for level in DEFAULT_SCALE.levels]
    assert names == [level for level in MODAL_LEVELS if level in names] and set(names) <= set(MODAL_LEVELS)


def test_the_conditional_has_no_rank_and_a_reason():
    assert DEFAULT_SCALE.rank("conditional") == 0
    assert DEFAULT_SCALE.reason("conditional")
    assert DEFAULT_SCALE.reason("binding") is None


def test_unranked_groups_can_be_replaced():
    scale = ModalityScale(
        (ModalityLevel("firm", ("will",)),),
        (UnrankedModality("hedged", ("might",), (), "a possibility only"),),
    )
    facts = analyse("It will act and it might help; it would not.", scale)
    assert [(m.phrase, m.level, m.rank) for m in facts.modalities] == [("will", "firm", 1), ("might", "hedged", 0)]
    assert scale.reason("hedged") == "a possibility only"


# --- still linear -------------------------------------------------------------------------------------

# A cap only a hang trips: a quadratic pass over these inputs would take hours.
HANG_CAP_SECONDS = 10.0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Should , should the " * 20_000, id="inversions-everywhere"),
        pytest.param("if should " * 30_000, id="hypotheticals-everywhere"),
        pytest.param("shall not in any way " * 20_000, id="half-saving-clauses"),
        pytest.param("immediate " * 50_000, id="adjectives-everywhere"),
    ],
)
def test_the_new_readings_stay_linear(text):
    start = time.perf_counter()
    analyse(text)
    assert time.perf_counter() - start < HANG_CAP_SECONDS
