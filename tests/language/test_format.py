"""Golden formatting: a carelessly written draft and its canonical form, side by side
in tests/fixtures/golden/fmt/ (NAME.clause -> NAME.expected.clause)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.language.format import format_draft
from clausekit.language.parser import load, loads
from conftest import FIXTURES, REGENERATE

CASES = sorted(p for p in (FIXTURES / "golden" / "fmt").glob("*.clause") if not p.name.endswith(".expected.clause"))


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


# --- fmt checks itself before it writes (as black does) -------------------------------------

MESSY = 'draft d "T" {\n    proposer: US\n}\n// kept\nclause c 1 {\n  @US will act.\n}\n'


def _break_formatter(monkeypatch: pytest.MonkeyPatch, change) -> None:
    from clausekit.cli import fmt as fmt_command
    from clausekit.language import format as fmt_module

    real = fmt_module.format_draft
    broken = lambda draft: change(real(draft))  # noqa: E731
    monkeypatch.setattr(fmt_module, "format_draft", broken)
    monkeypatch.setattr(fmt_command, "format_draft", broken)


def _second_time_different():
    """A formatter whose output differs each time it runs (an extra blank line)."""
    calls = []

    def change(text: str) -> str:
        calls.append(text)
        return text.replace("\n}\n", "\n}\n" + "\n" * (len(calls) - 1), 1)

    return change


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda text: text.replace("will", "may"), "would not say the same"),
        (lambda text: text.replace("// kept\n", ""), "lose, change or move a comment"),
        # the same comment, attached to another part of the draft
        (lambda text: text.replace("// kept\nclause c 1 {\n", "clause c 1 {\n  // kept\n"), "move a comment"),
        (lambda text: text.replace("clause c 1 {", "clause c 1 {{"), "does not parse"),
        (_second_time_different(), "changes it again"),
    ],
    ids=["wording", "comment", "comment-moved", "syntax", "not-idempotent"],
)
def test_fmt_write_writes_nothing_when_the_formatter_would_change_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change, says: str
) -> None:
    from click.testing import CliRunner

    from clausekit.cli import main

    path = tmp_path / "d.clause"
    path.write_text(MESSY, encoding="utf-8")
    _break_formatter(monkeypatch, change)
    result = CliRunner().invoke(main, ["fmt", "--write", str(path)])
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}: internal error: ") and says in first
    assert path.read_text(encoding="utf-8") == MESSY  # untouched


def test_fmt_fast_skips_the_self_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from clausekit.cli import main

    path = tmp_path / "d.clause"
    path.write_text(MESSY, encoding="utf-8")
    _break_formatter(monkeypatch, lambda text: text.replace("// kept\n", ""))
    result = CliRunner().invoke(main, ["fmt", "--write", "--fast", str(path)])
    assert result.exit_code == 0
    assert "// kept" not in path.read_text(encoding="utf-8")


def test_a_paragraph_built_in_code_keeps_its_provenance_through_fmt():
    from dataclasses import replace

    from clausekit.model import Text

    draft = loads('draft d "T" {\n}\n\nclause c 1 {\n  One.\n\n  Two.\n}\n')
    clause = draft.body[0]
    marked = replace(clause.paragraphs[1], spans=(Text("Two."),), source_lines=(), exactness="paraphrase", source="S")
    changed = replace(draft, body=(replace(clause, paragraphs=(clause.paragraphs[0], marked)),))
    written = format_draft(changed)
    assert "  ~ source: S\n  ~ exactness: paraphrase\n  Two.\n" in written
    assert loads(written) == changed
