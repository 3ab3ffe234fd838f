"""The known external answer: the E3 counter-proposal against the US 28-point plan.

Reuters published the E3 text as a mark-up of the US plan; a careful reader of the two
finds the changes asserted here. The whole text and Markdown reports are pinned in
tests/fixtures/golden/us-vs-e3.{txt,md}; regenerate them with CLAUSEKIT_REGENERATE=1 after a
deliberate change, and read the difference before committing it.
"""

from __future__ import annotations

import pytest

from conftest import DRAFTS, FIXTURES, REGENERATE, ROOT, run_clausekit

US = DRAFTS / "us-28-point-plan.clause"
E3 = DRAFTS / "e3-counterproposal.clause"
GOLDEN = FIXTURES / "golden"

pytestmark = pytest.mark.skipif(not (US.exists() and E3.exists()), reason="the example drafts are not in this checkout")


@pytest.fixture(scope="module")
def result():
    from clausekit.diff import diff
    from clausekit.language.parser import load

    return diff(load(US), load(E3))


def row(result, clause_id: str):
    return next(c for c in result.changes if clause_id in (c.old and c.old.id, c.new and c.new.id))


def kinds_of(change) -> list[str]:
    return [f.kind for f in change.findings]


def test_us_point_3_is_removed(result):
    assert row(result, "nato-expansion-expectation").kinds == ("removed",)


def test_force_cap_rises_by_a_third_in_peacetime_only(result):
    change = row(result, "force-cap")
    quantity = next(f for f in change.findings if f.kind == "quantity.changed")
    assert (quantity.before, quantity.after) == ("600,000", "800,000") and "+33%" in quantity.detail
    assert any(f.kind == "qualifier.added" and "in peacetime" in f.detail for f in change.findings)
    assert any(op.op == "insert" and "in peacetime" in op.text for op in change.words)


def test_nato_troops_point_gains_qualifiers(result):
    change = row(result, "nato-troops")
    added = [f.detail for f in change.findings if f.kind == "qualifier.added"]
    assert any("permanently" in d for d in added) and any("in peacetime" in d for d in added)


def test_european_jets_become_nato_jets(result):
    change = row(result, "fighter-jets")
    assert next(op.text for op in change.words if op.op == "delete") == "European"
    assert next(op.text for op in change.words if op.op == "insert") == "NATO"
    assert "party.added" in kinds_of(change)


def test_the_guarantee_now_mirrors_article_5(result):
    change = row(result, "us-guarantee")
    mirrors = next(f for f in change.findings if f.kind == "guarantee.mirrors.changed")
    assert mirrors.after == "north-atlantic-treaty-1949::art-5"


def test_points_whose_e3_text_is_missing_are_unknown(result):
    placeholders = [c for c in result.changes if c.new is not None and c.new.is_placeholder]
    assert len(placeholders) >= 10
    for change in placeholders:
        assert change.kinds == ("unknown",), change.key
    for clause_id in ("eu-membership", "elections", "ceasefire"):
        assert row(result, clause_id).kinds == ("unknown",)


@pytest.mark.parametrize(("suffix", "arguments"), [("txt", ["--color=never"]), ("md", ["-f", "markdown"])])
def test_whole_report_matches_the_golden_file(suffix, arguments):
    paths = ("drafts/us-28-point-plan.clause", "drafts/e3-counterproposal.clause")
    done = run_clausekit("diff", *paths, *arguments, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode()
    produced = done.stdout.decode("utf-8")
    golden = GOLDEN / f"us-vs-e3.{suffix}"
    if REGENERATE or not golden.exists():
        golden.write_text(produced, encoding="utf-8")
        if not REGENERATE:
            pytest.fail(f"{golden} did not exist; written now: read it, then commit it")
    assert produced == golden.read_text(encoding="utf-8")
