"""Golden formatting: a carelessly written draft and its canonical form, side by side
in tests/golden/fmt/ (NAME.clause -> NAME.expected.clause)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.language.format import format_draft
from clausekit.language.parser import load, loads
from conftest import REGENERATE, TESTS

CASES = sorted(p for p in (TESTS / "golden" / "fmt").glob("*.clause") if not p.name.endswith(".expected.clause"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_canonical_form(path: Path):
    expected_path = path.with_name(path.stem + ".expected.clause")
    formatted = format_draft(load(path))
    if REGENERATE:
        expected_path.write_text(formatted, encoding="utf-8")
    assert formatted == expected_path.read_text(encoding="utf-8")
    # Meaning kept, and formatting twice changes nothing.
    assert loads(formatted) == load(path)
    assert format_draft(loads(formatted)) == formatted


def test_there_is_a_case():
    assert CASES


def test_a_draft_changed_in_code_is_written_from_its_spans():
    from clausekit.negotiation.accept import accept_brackets

    draft = loads(
        'draft d "T" {\n}\n\nparties {\n  US "U"\n  E3 "E"\n}\n\n'
        "clause c 1 {\n  Capped at [US: 600,000 | E3: 800,000 in peacetime].\n}\n"
    )
    accepted = accept_brackets(draft, "E3").draft
    text = format_draft(accepted)
    assert "  Capped at 800,000 in peacetime.\n" in text
    assert loads(text) == accepted
