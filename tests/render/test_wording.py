"""The wording generated from a guarantee's fields reads as English for every form the fields take."""

from __future__ import annotations

import pytest

from clausekit import loads, render
from clausekit.render.draft.wording import actions, condition_sentence, event, events, is_clause, voiding


@pytest.mark.parametrize(
    ("trigger", "wanted"),
    [
        ("an armed attack against Ukraine", "in the event of an armed attack against Ukraine"),
        ("a Member State is the victim of armed aggression", "if a Member State is the victim of armed aggression"),
        ("Russia attacks Ukraine again", "if Russia attacks Ukraine again"),
        (
            "an attack that is significant, deliberate and sustained",
            "in the event of an attack that is significant, deliberate and sustained",
        ),
        ("if Ukraine should become a victim of aggression", "if Ukraine should become a victim of aggression"),
        ("in the event of a renewed invasion", "in the event of a renewed invasion"),
    ],
)
def test_a_trigger_is_introduced_by_if_or_in_the_event_of_as_its_form_needs(trigger: str, wanted: str) -> None:
    assert event(trigger) == wanted


def test_several_triggers_are_alternatives() -> None:
    assert events(["an armed attack", "Russia resumes hostilities"]) == (
        "in the event of an armed attack, or if Russia resumes hostilities"
    )


def test_a_response_is_what_is_done_or_what_the_guarantors_respond_with() -> None:
    assert actions(["assist Ukraine"]) == "assist Ukraine"
    assert actions(["such measures as it deems necessary"]) == "respond with such measures as it deems necessary"
    assert actions(["take action", "military assistance", "consult"]) == (
        "take action, respond with military assistance and consult"
    )
    assert actions([]) == "respond with measures not specified"


@pytest.mark.parametrize(
    ("condition", "wanted"),
    [
        (
            "in accordance with its constitutional processes",
            "It applies in accordance with its constitutional processes.",
        ),
        ("subject to a ceasefire", "It is subject to a ceasefire."),
        ("Ukraine does not join NATO", "It is subject to the condition that Ukraine does not join NATO."),
        ("a mandate of the Security Council", "It is subject to a mandate of the Security Council."),
        ("provided that the ceasefire holds", "It applies provided that the ceasefire holds."),
    ],
)
def test_a_condition_is_a_sentence_of_its_own(condition: str, wanted: str) -> None:
    assert condition_sentence(condition) == wanted


def test_void_if_takes_a_clause_or_a_noun_phrase() -> None:
    assert voiding(["Ukraine invades Russia", "an unprovoked attack"]) == (
        "It becomes void if Ukraine invades Russia, or in the event of an unprovoked attack."
    )


def test_a_verb_inside_a_relative_clause_does_not_make_a_clause() -> None:
    assert not is_clause("an armed attack which is launched from the territory of a third State")
    assert is_clause("a State Party is subjected to an armed attack")


GUARANTEE = """\
draft t "T" {
  proposer: US
}

parties {
  US "the United States"
  UA "Ukraine"
}

guarantee g 1 {
  guarantor: US
  beneficiary: UA
  trigger: a Member State is the victim of armed aggression
  response: assist @UA
  condition: in accordance with its constitutional processes
}
"""


def test_the_generated_wording_of_a_guarantee_reads_as_a_sentence() -> None:
    text = render(loads(GUARANTEE, filename="t.clause"), "text")
    assert (
        "If a Member State is the victim of armed aggression, the United States will assist Ukraine. "
        "It applies in accordance with its constitutional processes."
    ) in text
    assert "In the event of a Member State is" not in text and "subject to the following" not in text
