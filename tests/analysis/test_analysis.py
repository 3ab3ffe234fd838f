"""What prose means: clausekit.analysis on the real wording of the example sources.

The sentences are copied from the sources (US 28-point plan, E3 counter-proposal, North
Atlantic Treaty Art. 5, US-Japan Treaty Art. V) so that the tests do not read ../shared.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.analysis import (
    CONDITION_MARKERS,
    DEFAULT_SCALE,
    QUALIFIERS,
    ModalityLevel,
    ModalityScale,
    analyse,
    analyse_spans,
    describe_change,
    is_english,
    match_aliases,
)
from clausekit.model import Bracket, BracketOption, Party, PartyRef, Text

US_3 = "There will be the expectation that Russia will not invade its neighbours and NATO will not expand further."
US_6 = "The size of the Ukrainian Armed Forces will be limited to 600,000 personnel."
E3_6 = "Size of Ukraine military to be capped at 800,000 in peacetime."
US_8 = "NATO agrees not to station troops in Ukraine."
E3_8 = "NATO agrees not to permanently station troops under its command in Ukraine in peacetime."
US_14 = (
    "$100 billion in frozen Russian assets will be invested in U.S.-led efforts to rebuild and invest in Ukraine; "
    "The U.S. will receive 50 percent of the profits from this venture."
)
US_19 = (
    "The Zaporizhzhia Nuclear Power Plant will be launched under IAEA supervision, and the electricity generated "
    "will be shared equally between Russia and Ukraine - 50:50."
)
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


def phrases(text: str) -> list[tuple[str, str, bool]]:
    return [(m.phrase, m.level, m.negated) for m in analyse(text).modalities]


# --- modality -----------------------------------------------------------------------------------


def test_us_point_3_is_an_expectation_of_two_prohibitions():
    facts = analyse(US_3)
    assert [(m.phrase, m.level, m.negated, m.subject) for m in facts.modalities] == [
        ("there will be the expectation that", "expectation", False, ""),
        ("will not", "commitment", True, "Russia"),
        ("will not", "commitment", True, "NATO"),
    ]
    # The context is the clause around the phrase, not the whole text.
    assert "invade its neighbours" in facts.modalities[1].context


@pytest.mark.parametrize(
    ("text", "phrase", "level", "negated"),
    [
        ("Ukraine shall remain neutral.", "shall", "binding", False),
        ("Russia must withdraw.", "must", "binding", False),
        ("Ukraine undertakes to remain non-nuclear.", "undertakes to", "binding", False),
        ("Ukraine agrees to enshrine it.", "agrees to", "binding", False),
        ("Both countries commit to implementing programs.", "commit to", "binding", False),
        ("Russia is obliged to withdraw.", "is obliged to", "binding", False),
        ("NATO agrees not to station troops in Ukraine.", "agrees not to", "binding", True),
        ("Ukraine shall not join NATO.", "shall not", "binding", True),
        ("Ukraine will receive guarantees.", "will", "commitment", False),
        ("Russian forces will not enter this zone.", "will not", "commitment", True),
        ("Russia won't enter.", "won't", "commitment", True),
        ("The parties should consult.", "should", "recommendation", False),
        ("Russia is expected to withdraw.", "is expected to", "expectation", False),
        ("The US intends to help.", "intends to", "expectation", False),
        ("The US will seek to help.", "will seek to", "expectation", False),
        ("The US will endeavour to help.", "will endeavour to", "expectation", False),
        ("The US will consider sanctions.", "will consider", "expectation", False),
        ("NATO troops may be present.", "may", "permission", False),
        ("Ukraine can apply for EU membership.", "can", "permission", False),
        ("Ukraine cannot apply.", "cannot", "permission", True),
        ("Shall the parties agree?", "shall", "binding", False),
    ],
)
def test_modal_phrases_and_their_place_on_the_scale(text, phrase, level, negated):
    assert phrases(text) == [(phrase, level, negated)]


def test_scale_ranks_binding_above_commitment_above_recommendation_above_expectation_above_permission():
    ranks = [
        DEFAULT_SCALE.rank(name) for name in ("binding", "commitment", "recommendation", "expectation", "permission")
    ]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == 5


def test_every_phrase_of_the_default_scale_is_recognised_as_its_level():
    for phrase, level, negated in DEFAULT_SCALE.phrases():
        found = analyse(f"The Party {phrase} act.").modalities
        assert [(m.phrase, m.level, m.negated) for m in found] == [(phrase, level, negated)], phrase


def test_a_noun_is_not_a_modal_verb():
    assert phrases("the will of the people and their political will") == []


def test_the_month_of_may_is_a_date_not_a_permission():
    facts = analyse("Elections in May 2026 may be held.")
    assert [d.iso for d in facts.dates] == ["2026-05"]
    assert [m.phrase for m in facts.modalities] == ["may"]


def test_the_scale_can_be_overridden():
    scale = ModalityScale(
        (
            ModalityLevel("firm", ("will", "would"), ("will not",)),
            ModalityLevel("soft", ("may",)),
        )
    )
    facts = analyse("It would act and it may help.", scale)
    assert [(m.phrase, m.level, m.rank) for m in facts.modalities] == [("would", "firm", 2), ("may", "soft", 1)]
    # On the default scale "would" is on no level: read, with rank 0 and the reason why.
    (would,) = analyse("It would act.").modalities
    assert (would.level, would.rank) == ("conditional", 0)
    assert "not what a party commits to" in (DEFAULT_SCALE.reason("conditional") or "")


# --- numbers, periods, dates --------------------------------------------------------------------


def test_quantities_of_the_force_cap_clauses():
    (us,) = analyse(US_6).quantities
    assert (us.text, us.value, us.unit, us.category) == ("600,000", 600_000, "personnel", "number")
    (e3,) = analyse(E3_6).quantities
    assert (e3.text, e3.value, e3.unit) == ("800,000", 800_000, None)


def test_money_percent_ratio_and_troops():
    facts = analyse(US_14 + " " + US_19 + " A 50-50 split. 85,000 troops will stay.")
    assert [(q.text, q.value, q.category) for q in facts.quantities] == [
        ("$100 billion", 100e9, "money"),
        ("50 percent", 50, "percent"),
        ("50:50", 0.5, "ratio"),
        ("50-50", 0.5, "ratio"),
        ("85,000", 85_000, "number"),
    ]
    assert facts.quantities[-1].unit == "troops"


def test_a_number_that_names_something_is_not_a_quantity():
    facts = analyse("recognised by Article 51 of the Charter; see point 10 and the G8.")
    assert facts.quantities == ()


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("for 10 years", 3652.5),
        ("for ten years", 3652.5),
        ("for 15 years", 15 * 365.25),
        ("within 100 days", 100),
        ("a 10-year guarantee", 3652.5),
        ("twenty-five years", 25 * 365.25),
        ("six months", 6 * 30.4375),
    ],
)
def test_durations(text, days):
    (duration,) = analyse(text).durations
    assert duration.days == pytest.approx(days)
    assert analyse(text).quantities == ()  # a period's number is not also a quantity


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("signed at Tokyo on February 28, 1952, as amended", "1952-02-28"),
        ("Washington, 4 April 1949", "1949-04-04"),
        ("dated 2025-11-21", "2025-11-21"),
        ("in November 2025", "2025-11"),
        ("in force since 1949.", "1949"),
        ("on 23rd November", "--11-23"),
    ],
)
def test_dates(text, iso):
    assert [d.iso for d in analyse(text).dates] == [iso]


def test_relative_change():
    assert describe_change(600_000, 800_000) == "+33%"
    assert describe_change(800_000, 600_000) == "-25%"
    assert describe_change(0, 5) == ""


# --- qualifiers and conditions ------------------------------------------------------------------


def test_qualifiers_of_the_e3_troops_clause():
    assert [q.key for q in analyse(US_8).qualifiers] == []
    assert [q.key for q in analyse(E3_8).qualifiers] == ["permanently", "under its command", "in peacetime"]


def test_qualifiers_of_nato_article_5_and_us_japan_article_v():
    assert [q.key for q in analyse(NATO_5).qualifiers] == [
        "forthwith",
        "individually and in concert",
        "as it deems necessary",
        "including the use of armed force",
    ]
    (japan,) = analyse(JAPAN_V).qualifiers
    assert japan.key == "in accordance with its constitutional processes"
    assert japan.text == "in accordance with its constitutional provisions and processes"


def test_qualifier_with_punctuation_inside():
    (q,) = analyse("a significant, deliberate and sustained armed attack").qualifiers
    assert (q.key, q.text) == ("significant, deliberate and sustained", "significant, deliberate and sustained")


def test_every_qualifier_variant_is_found_as_its_key():
    keys = [q.key for q in QUALIFIERS]
    assert len(keys) == len(set(keys))
    for qualifier in QUALIFIERS:
        for variant in qualifier.variants:
            found = analyse(f"They act {variant} here.").qualifiers
            assert [q.key for q in found] == [qualifier.key], variant


def test_conditions_run_to_the_comma():
    facts = analyse(
        "If Ukraine invades Russia, it will lose the guarantee. In the event of Russia's invasion of Ukraine, the "
        "United States will respond, unless the Council decides otherwise; provided that the parties agree."
    )
    assert [(c.marker, c.text) for c in facts.conditions] == [
        ("if", "If Ukraine invades Russia"),
        ("in the event of", "In the event of Russia's invasion of Ukraine"),
        ("unless", "unless the Council decides otherwise"),
        ("provided that", "provided that the parties agree"),
    ]
    assert facts.conditions[0].normalised == "if ukraine invades russia"
    assert "whenever" in CONDITION_MARKERS


def test_nato_article_5_has_a_condition():
    assert [c.text for c in analyse(NATO_5).conditions] == ["if such an armed attack occurs"]


# --- parties ------------------------------------------------------------------------------------

PARTIES = (
    Party("NATO", "the North Atlantic Treaty Organization", match=("NATO",)),
    Party("EU", "the European Union", aliases=("the EU",), match=("European",)),
    Party("RU", "the Russian Federation", aliases=("Moscow",), match=("Russia", "Russian Federation")),
)


def test_only_aliases_marked_for_matching_are_parties():
    aliases = match_aliases(PARTIES)
    assert aliases == {"NATO": "NATO", "European": "EU", "Russia": "RU", "Russian Federation": "RU"}
    facts = analyse(
        "European fighter jets; a missile at Moscow; the Russian Federation and Russian forces.", None, aliases
    )
    assert [(p.code, p.text, p.how) for p in facts.parties] == [
        ("EU", "European", "alias"),
        ("RU", "Russian Federation", "alias"),
    ]
    assert analyse("European fighter jets").parties == ()  # no alias given, no party


def test_party_references_count_and_aliases_are_matched_in_plain_text_only():
    spans = (
        PartyRef("NATO"),
        Text(" fighter jets, not European ones, "),
        Bracket((BracketOption("EU", (Text("European"),)), BracketOption(None, (PartyRef("RU"),)))),
    )
    facts = analyse_spans(spans, None, {"European": "EU", "RU": "XX"})
    assert [(p.code, p.how) for p in facts.parties] == [
        ("NATO", "ref"),
        ("EU", "alias"),
        ("EU", "alias"),
        ("RU", "ref"),
    ]
    assert facts.party_codes == {"NATO", "EU", "RU"}


def test_is_english():
    assert is_english("en") and is_english("en-GB") and is_english("EN_us") and is_english(None)
    assert not is_english("uk") and not is_english("ru") and not is_english("fr")


# --- robustness: any text, linear time ----------------------------------------------------------

# A cap that only a hang trips (these inputs take a second or two on a loaded machine; a quadratic
# pass over them would take hours).
HANG_CAP_SECONDS = 10.0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("shall " * 175_000, id="1MB-of-shall"),
        pytest.param("(" * 100_000 + "x" + ")" * 100_000, id="100k-nested-parentheses"),
        pytest.param("if " * 100_000, id="conditions-everywhere"),
        pytest.param("1," * 200_000 + "a", id="one-endless-number"),
        pytest.param("in the event of in accordance with " * 20_000, id="half-phrases"),
    ],
)
def test_analysis_stays_linear_on_pathological_text(text):
    start = time.perf_counter()
    analyse(text)
    assert time.perf_counter() - start < HANG_CAP_SECONDS


VOCABULARY = [
    "shall", "not", "will", "may", "the", "expectation", "there", "be", "that", "10", "years", "ten", "600,000",
    "$", "100", "billion", "50", "percent", "50:50", "in", "peacetime", "if", "unless", ",", ".", ";", "May",
    "2025", "-", "11", "November", "Article", "51", "permanently", "de", "facto", "(", ")", "’", "won't", "Україна",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40), st.sampled_from([" ", "", "  "]))
def test_every_fact_points_at_its_own_words(words, sep):
    text = sep.join(words)
    facts = analyse(text)
    for fact in (*facts.quantities, *facts.durations, *facts.dates, *facts.qualifiers, *facts.conditions):
        assert text[fact.start :].startswith(fact.text)
    for modality in facts.modalities:
        assert text[modality.start :].lower().replace("’", "'").startswith(modality.phrase.split()[0])
