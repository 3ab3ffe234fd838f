"""The guarantee profile against the corpus annotations (tests/fixtures/profiles/annotations.json)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import clausekit
from clausekit.analysis.profile import DIMENSIONS, read_profile
from clausekit.analysis.profile_vocabulary import DEFAULT_PROFILE_VOCABULARY, TIMING, ValuePhrases
from clausekit.library import find_mirror

FIXTURES = Path(__file__).parents[1] / "fixtures" / "profiles"
ANNOTATIONS = json.loads((FIXTURES / "annotations.json").read_text(encoding="utf-8"))

# Where this reader decides otherwise than the annotation, with its value (docs/profile.md, "Where the
# reader differs from the annotations", says why for each).
DISAGREEMENTS: dict[tuple[str, str], list[str]] = {
    ("sino-soviet-1950::art-1", "trigger"): ["other"],
    ("china-dprk-1961::art-ii", "trigger"): ["other"],
    ("g7-ukraine-declaration-2023::future-attack", "timing"): ["immediately", "forthwith"],
    ("china-ussr-1945::art-3", "obligation"): ["defend", "act"],
}


def _norm(text: str) -> str:
    text = " ".join(text.casefold().replace("’", "'").split())
    # The modal "undertakes to" is the annotation's "undertakes": the infinitive's "to" is not the verb.
    return text.removesuffix(" to")


def _profile(key: str):
    draft, clause = find_mirror(key)
    together = [find_mirror(ref)[1] for ref in ANNOTATIONS[key].get("_with", [])]
    return read_profile(draft, clause, together)


def _agrees(got, expected) -> bool:
    if isinstance(expected, str):
        return _norm(got.values[0]) == _norm(expected)
    return set(got.values) == set(expected)


CASES = [(key, name) for key, row in ANNOTATIONS.items() for name in row if not name.startswith("_")]


@pytest.mark.parametrize(("key", "name"), CASES, ids=[f"{k}-{n}" for k, n in CASES])
def test_every_annotated_dimension(key: str, name: str) -> None:
    got = _profile(key)[name]
    expected = DISAGREEMENTS.get((key, name), ANNOTATIONS[key][name])
    assert _agrees(got, expected), (got.values, got.evidence)


def test_at_least_95_percent_of_the_annotations_are_read_as_annotated() -> None:
    agreed = sum(_agrees(_profile(key)[name], ANNOTATIONS[key][name]) for key, name in CASES)
    assert len(CASES) == 190
    assert agreed / len(CASES) >= 0.95
    assert agreed == len(CASES) - len(DISAGREEMENTS)


def test_evidence_names_the_words_and_where_they_stand() -> None:
    profile = _profile("north-atlantic-treaty-1949::art-5")
    deeming = profile["deeming"]
    assert deeming.values == ("yes",) and deeming.source == "prose"
    assert "shall be considered an attack against them all" in deeming.evidence[0].text
    assert deeming.evidence[0].location.file.endswith("north-atlantic-treaty-1949.clause")
    assert deeming.evidence[0].location.line > 0
    # The scope comes from the trigger field, the modality from the modality field.
    assert profile["scope"].source == "field" and profile["scope"].evidence[0].origin == "trigger"
    assert profile["modality"].source == "field" and profile["modality"].level == "commitment"
    assert [d.name for d in profile.dimensions] == list(DIMENSIONS)


def test_the_report_to_the_council_is_not_the_timing_of_the_response() -> None:
    profile = _profile("us-japan-1960::art-v")
    assert profile["timing"].values == ("none-stated",) and profile["timing"].source == "not-stated"
    assert "report-to-security-council" in profile["un"].values


def test_fields_and_prose_that_disagree_are_said_so() -> None:
    source = """draft d "D" {
}
parties {
  A "A"
  B "B"
}
guarantee g 1 {
  guarantor: A
  beneficiary: B
  modality: shall
  response: A will consult with B
  A may provide assistance to B.
}
"""
    draft = clausekit.loads(source)
    profile = read_profile(draft, draft.clause("g"))
    assert profile["modality"].values == ("shall",)
    assert "'may'" in profile["modality"].disagreement
    assert profile["obligation"].disagreement == "the fields say consult; the prose says assist"


def test_the_tables_can_be_replaced() -> None:
    draft, clause = find_mirror("north-atlantic-treaty-1949::art-5")
    slow = (*tuple(row for row in TIMING if row.value != "forthwith"), ValuePhrases("within", (r"\bforthwith\b",)))
    vocabulary = replace(DEFAULT_PROFILE_VOCABULARY, timing=slow)
    assert read_profile(draft, clause, vocabulary=vocabulary)["timing"].values == ("within",)
    assert read_profile(draft, clause)["timing"].values == ("forthwith",)


def test_a_negated_means_is_no_means() -> None:
    draft = clausekit.loads('draft d "D" {\n}\narticle a 1 {\n  No State shall be required to use armed force.\n}\n')
    assert read_profile(draft, draft.clause("a"))["means"].values == ("unspecified",)


def _read(prose: str):
    draft = clausekit.loads(f'draft d "D" {{\n}}\narticle a 1 {{\n  {prose}\n}}\n')
    return read_profile(draft, draft.clause("a"))


@pytest.mark.parametrize(
    ("prose", "modal"),
    [
        # The measures are the subject of the modal: it describes them (the assistance is the core promise,
        # so without the rule its nearest modal would be "may").
        ("The Parties will consult. Such measures may be assistance in kind.", "will"),
        # The modal lists the means, whatever its subject.
        ("The Parties will consult. It may also include assistance in kind.", "will"),
        ("The Parties shall consult. These measures may include armed force and assistance.", "shall"),
        # A modal that carries the promise is still read.
        ("The Parties may assist the Party attacked.", "may"),
    ],
)
def test_a_modal_that_describes_the_means_is_not_the_commitments(prose: str, modal: str) -> None:
    assert _read(prose)["modality"].values == (modal,)


def test_the_us_framework_modality_marked_unknown_is_not_known() -> None:
    draft = clausekit.load(Path(__file__).parents[2] / "drafts" / "us-guarantee-framework.clause")
    modality = read_profile(draft, draft.clause("us-guarantee"))["modality"]
    # The drafter marks "unknown: modality": the one modal quoted ("shall be regarded as an attack
    # threatening the peace") characterises the attack, and the verb of the response is not quoted.
    # The field wins; the prose reading stays as evidence ("These measures may include ..." describes
    # the means, so the evidence is the "shall", not the "may").
    assert modality.source == "not-known" and modality.level is None
    assert "shall be regarded" in modality.evidence[0].text and "may" not in modality.evidence[0].text.split()
    assert "marked unknown" in modality.disagreement and "shall" in modality.disagreement


def test_a_trigger_marked_unknown_is_not_known_whatever_the_prose_reads() -> None:
    source = """draft d "D" {
}
guarantee g 1 {
  unknown: trigger
  The Parties will consult together whenever, in the opinion of either of them, the political independence or
  security of either of the Parties is threatened by external armed attack.
}
"""
    draft = clausekit.loads(source)
    profile = read_profile(draft, draft.clause("g"))
    assert profile["trigger"].source == "not-known" and profile["trigger"].evidence
    # A field marked unknown that is not the dimension's own (the response, for the obligation) leaves
    # the prose reading as it is: the words quoted say "consult".
    assert profile["obligation"].values == ("consult",) and profile["obligation"].source == "prose"


@pytest.mark.parametrize(
    "prose",
    [
        "The Parties shall seek urgent action by the Council to give help to the victim.",
        "The Parties will call upon the Assembly of the Organisation to provide aid to the victim.",
        "The Guarantors shall request the Council to extend assistance to the State attacked.",
    ],
)
def test_assistance_another_body_is_asked_for_is_not_promised(prose: str) -> None:
    profile = _read(prose)
    assert "assist" not in profile["obligation"].values
    assert "automatic" not in profile["discretion"].values


def test_assistance_the_guarantors_give_is_still_promised() -> None:
    assert _read("The Parties shall provide assistance to the victim.")["obligation"].values == ("assist",)


@pytest.mark.parametrize(
    "prose",
    [
        "The Parties shall consult, as parties to the Convention on the Prohibition of Nuclear Weapons.",
        "The Parties shall consult under the Treaty on Conventional Armed Forces in Europe.",
    ],
)
def test_the_name_of_an_instrument_is_no_means(prose: str) -> None:
    assert _read(prose)["means"].values == ("unspecified",)


def test_a_trigger_phrase_is_no_means() -> None:
    profile = _read("The Parties shall consult if an attack occurs in which nuclear weapons are used.")
    assert profile["means"].values == ("unspecified",) and "nuclear-use" in profile["trigger"].values
    assert _read("The Parties shall respond with nuclear weapons.")["means"].values == ("armed-force",)


@pytest.mark.parametrize(
    ("prose", "scope"),
    [
        ("If an armed attack in the defence zone occurs, the Parties shall assist.", "in the defence zone"),
        (
            "If an armed attack in the agreed operational area occurs, the Parties shall assist.",
            "in the agreed operational area",
        ),
        (
            "If a State suffers an armed attack on their own territory, the Parties shall assist.",
            "on their own territory",
        ),
    ],
)
def test_lowercase_areas_and_own_territory_are_scopes(prose: str, scope: str) -> None:
    assert _read(prose)["scope"].values == (scope,)


@pytest.mark.parametrize(
    ("prose", "reciprocity"),
    [
        # Translations and paraphrases name the parties without "contracting" (Warsaw Pact, Shusha).
        ("Each of the Parties shall come to the assistance of the state or states attacked.", "mutual"),
        ("If one of the two countries is attacked, the sides will hold joint consultations.", "mutual"),
        ("The two nations undertake to act together against any country that might attack either nation.", "mutual"),
        ("In case of armed attack on one or more of the Parties, the others shall assist.", "mutual"),
        ("The United States will come to the assistance of Ukraine if Ukraine is attacked.", "one-way"),
    ],
)
def test_the_parties_protecting_one_another_are_read_in_plain_words(prose: str, reciprocity: str) -> None:
    assert _read(prose)["reciprocity"].values == (reciprocity,)


@pytest.mark.parametrize(
    "prose",
    [
        "The two nations undertake all necessary measures to oppose any country that might attack either nation.",
        "The Parties shall take measures to repel an attack on either of them.",
    ],
)
def test_measures_to_oppose_an_attack_are_action(prose: str) -> None:
    assert _read(prose)["obligation"].values == ("act",)


def test_every_value_shown_has_its_words_in_the_text_table() -> None:
    from clausekit.render.profile.tables import profiles_text

    profile = _profile("north-atlantic-treaty-1949::art-5")
    assert profile["un"].values == ("article-51", "report-to-security-council", "ends-when-security-council-acts")
    un = profiles_text([profile]).split("  un: ", 1)[1].split("\n  duration", 1)[0]
    assert "Article 51" in un and "reported to the Security Council" in un and "Security Council has taken" in un
    assert "more: -f json gives all" in un  # what the table leaves out is said


def test_the_public_api() -> None:
    draft, clause = find_mirror("us-japan-1960::art-v")
    assert clausekit.profile(draft, clause)["obligation"].values == ("act",)
    assert [p.clause for p in clausekit.profiles(draft)] == ["art-v"]


US_ROK_ART_II = (
    "The Parties will consult together whenever, in the opinion of either of them, the political independence or"
    " security of either of the Parties is threatened by external armed attack. Separately and jointly, by"
    " self-help and mutual aid, the Parties will maintain and develop appropriate means to deter armed attack and"
    " will take suitable measures in consultation and agreement to implement this Treaty and to further its"
    " purposes."
)


def test_us_rok_article_ii_builds_capacity_and_promises_no_assistance() -> None:
    draft, clause = find_mirror("us-rok-1953::art-ii")
    profile = read_profile(draft, clause)
    # "mutual aid" is a word of "by self-help and mutual aid", a promise to prepare, not to assist.
    assert profile["obligation"].values == ("consult", "build-capacity")
    assert "automatic" not in profile["discretion"].values
    assert profile["discretion"].values == ("consult-first",)  # the response promised is to consult
    assert profile["modality"].values == ("will",)


@pytest.mark.parametrize(
    "prose",
    [
        US_ROK_ART_II.split(". ", 1)[1],
        # Some copies of US-ROK Art. II print "self help" (the source file says so).
        US_ROK_ART_II.split(". ", 1)[1].replace("self-help", "self help"),
    ],
)
def test_building_capacity_is_not_an_automatic_assistance(prose: str) -> None:
    profile = _read(prose)
    # "will take suitable measures in consultation and agreement" is the consultation read beside it.
    assert profile["obligation"].values == ("consult", "build-capacity")
    assert "automatic" not in profile["discretion"].values
