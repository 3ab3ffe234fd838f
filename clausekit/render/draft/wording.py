"""Sentences from a guarantee's fields: which form a field's words take, and the words around them.

A field holds either a noun phrase ("an armed attack against Ukraine") or a clause ("a Member State
is the victim of armed aggression"), and a response either what is done ("such action as it deems
necessary") or the doing ("assist Ukraine"). The generated wording (``draft.guarantee.j2``) fits its
words to each form, so that "In the event of a Member State is the victim of ..." is never written:
a clause is introduced by "if", a noun phrase by "in the event of". The tables below decide the form;
docs/language.md lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

# A word that makes the words before a relative pronoun a clause with a finite verb ("Russia
# attacks", "a State is the victim"): auxiliaries, modals and the verbs triggers use.
FINITE_VERBS = frozenset(
    {
        *("is", "are", "was", "were", "becomes", "become", "remains", "has", "have", "does", "do"),
        *("shall", "should", "will", "would", "may", "might", "can", "could", "must"),
        *("attacks", "invades", "violates", "breaches", "launches", "resumes", "uses", "occurs", "suffers"),
        *("commits", "threatens", "crosses", "fires", "deploys", "fails", "ceases", "withdraws", "joins"),
    }
)
# Words that start a relative clause: a verb after them belongs to the noun before ("an attack that is ...").
RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where", "when", "as"})
# Words a field may already start with, which the generated sentence supplies itself.
TRIGGER_LEADS = ("in the event of ", "in case of ", "if ", "when ", "should ")
# The bare verbs a response may start with ("assist Ukraine", "take such action ..."): the response
# is then what the guarantors will do, not what they respond with.
RESPONSE_VERBS = frozenset(
    {
        *("act", "assist", "aid", "help", "support", "defend", "protect", "repel", "restore", "respond"),
        *("take", "provide", "supply", "deliver", "furnish", "give", "render", "extend", "send", "deploy"),
        *("consult", "seek", "meet", "come", "use", "impose", "maintain", "ensure", "guarantee"),
        *("consider", "determine", "inform", "notify", "report", "convene", "undertake", "continue"),
    }
)
# How a condition may already start: a preposition or a conjunction that reads after "It applies".
CONDITION_LEADS = (
    *("in accordance with ", "subject to ", "provided that ", "on condition that ", "as long as "),
    *("if ", "unless ", "only if ", "once ", "after ", "upon ", "on ", "under ", "within ", "with "),
)


def _words(phrase: str) -> list[str]:
    return [word.strip(",;:()").casefold() for word in phrase.split()]


def is_clause(phrase: str) -> bool:
    """Whether a phrase has a finite verb of its own, before any relative clause."""
    for word in _words(phrase):
        if word in RELATIVE_WORDS:
            return False
        if word in FINITE_VERBS:
            return True
    return False


def _without_lead(phrase: str, leads: Iterable[str]) -> tuple[str, str]:
    """(the lead the phrase starts with, or "", the rest)."""
    lowered = phrase.casefold()
    for lead in leads:
        if lowered.startswith(lead):
            return lead.strip(), phrase[len(lead) :]
    return "", phrase


def event(trigger: str) -> str:
    """ "if a State is attacked" or "in the event of an armed attack": a trigger as a condition."""
    _lead, rest = _without_lead(str(trigger), TRIGGER_LEADS)
    return f"if {rest}" if is_clause(rest) else f"in the event of {rest}"


def events(triggers: Iterable[str]) -> str:
    """Several triggers as alternatives: "in the event of X, or if Y"."""
    phrases = [event(trigger) for trigger in triggers]
    return ", or ".join(phrases)


def is_action(response: str) -> bool:
    """Whether a response says what is done ("assist Ukraine") rather than what with ("measures ...")."""
    words = _words(str(response))
    return bool(words) and words[0] in RESPONSE_VERBS


def actions(responses: Iterable[str]) -> str:
    """What follows the modal verb: "assist Ukraine and respond with the measures necessary"."""
    phrases = [str(r) if is_action(r) else f"respond with {r}" for r in responses]
    if not phrases:
        return "respond with measures not specified"
    return ", ".join(phrases[:-1]) + (" and " if len(phrases) > 1 else "") + phrases[-1]


def condition_sentence(condition: str) -> str:
    """One condition as a sentence of its own."""
    lead, rest = _without_lead(str(condition), CONDITION_LEADS)
    if lead == "subject to":
        return f"It is subject to {rest}."
    if lead:
        return f"It applies {condition}."
    if is_clause(condition):
        return f"It is subject to the condition that {condition}."
    return f"It is subject to {condition}."


def voiding(void_if: Iterable[str]) -> str:
    """ "It becomes void if Ukraine invades Russia" or "... in the event of an invasion"."""
    phrases = [f"if {v}" if is_clause(str(v)) else f"in the event of {v}" for v in void_if]
    return "It becomes void " + ", or ".join(phrases) + "."


FILTERS = {
    "events": events,
    "actions": actions,
    "condition_sentence": condition_sentence,
    "voiding": voiding,
}
"""The template filters ``draft.guarantee.j2`` uses."""
