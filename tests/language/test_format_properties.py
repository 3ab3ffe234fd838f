"""The formatter's promises, checked on generated drafts (hypothesis):
meaning kept (``parse(fmt(x)) == parse(x)``), idempotence, comments kept, and
layout noise (indentation, CRLF, BOM, trailing spaces) formatted away."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.language.format import format_draft
from clausekit.language.parser import loads
from strategies import drafts

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(drafts())
def test_format_then_parse_gives_the_same_model(draft):
    text = format_draft(draft)
    assert loads(text, filename="generated.clause") == draft


@SETTINGS
@given(drafts())
def test_format_is_idempotent(draft):
    once = format_draft(draft)
    assert format_draft(loads(once)) == once


@SETTINGS
@given(drafts(), st.randoms(use_true_random=False))
def test_layout_noise_is_formatted_away(draft, random):
    canonical = format_draft(draft)
    noisy_lines = []
    for line in canonical.split("\n"):
        stripped = line.strip()
        # Re-indent arbitrarily and add trailing blanks; blank lines may double.
        noisy = " " * random.randint(0, 6) + stripped + " " * random.randint(0, 2) if stripped else ""
        noisy_lines.append(noisy)
        if not stripped and random.random() < 0.3:
            noisy_lines.append("")
    noisy_text = "\ufeff" + "\r\n".join(noisy_lines)
    reparsed = loads(noisy_text, filename="noisy.clause")
    assert reparsed == draft
    assert format_draft(reparsed) == canonical


@SETTINGS
@given(
    drafts(),
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20), min_size=1, max_size=5),
)
def test_every_comment_survives(draft, comments):
    text = format_draft(draft)
    lines = text.split("\n")
    # Put a comment before every few lines (comments go where a line starts).
    step = max(1, len(lines) // len(comments))
    for number, comment in enumerate(reversed(comments)):
        index = max(0, len(lines) - 1 - number * step)
        indent = len(lines[index]) - len(lines[index].lstrip())
        lines.insert(index, " " * indent + "// " + comment)
    commented = "\n".join(lines)
    formatted = format_draft(loads(commented))
    for comment in comments:
        assert ("// " + comment).rstrip() in formatted
    assert loads(formatted) == draft
    assert format_draft(loads(formatted)) == formatted
