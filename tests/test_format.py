"""Golden formatting: a carelessly written draft and its canonical form, side by side
in tests/golden/fmt/ (NAME.clause -> NAME.expected.clause)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.format import format_draft
from clausekit.parser import load, loads
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
