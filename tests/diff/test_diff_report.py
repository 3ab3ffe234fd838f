"""How the diff report reads: declarations apart from the findings, unknown rows in one line,
and a guarantee field whose value is not known never shown as deleted."""

from __future__ import annotations

import pytest

from clausekit.diff import diff
from clausekit.language.parser import load, loads
from clausekit.render.diff.json import diff_document
from clausekit.render.diff.text import render_diff_markdown, render_diff_text
from clausekit.render.diff.view import diff_view
from conftest import DRAFTS


@pytest.fixture(scope="module")
def us_e3():
    return diff(load(str(DRAFTS / "us-28-point-plan.clause")), load(str(DRAFTS / "e3-counterproposal.clause")))


def findings_block(text: str) -> str:
    return text.split("Findings (", 1)[1].split("\n\n", 1)[0]


def test_parties_declared_are_one_line_not_findings(us_e3):
    text = render_diff_text(us_e3)
    assert "Parties declared in the new draft only: Germany (DE); " in text
    assert "In the old draft only: the European Union (EU)." in text
    assert "parties block" not in findings_block(text)
    # The data keeps them: JSON and --fail-on see the same findings as before.
    kinds = [f["kind"] for f in diff_document(us_e3)["draft_findings"]]
    assert kinds.count("party.added") == 4 and kinds.count("party.removed") == 1


def test_unknown_rows_are_named_in_one_line(us_e3):
    view = diff_view(us_e3)
    assert not any(f.kind == "clause.unknown" for f in view.findings)
    assert len(view.unknown) == 27
    text = render_diff_text(us_e3)
    assert "Not known (27), a text is missing or known only in part on one side: Clause 10(c), Clause 10(d), " in text
    markdown = render_diff_markdown(us_e3)
    assert "[Clause 10(c)](#c-russian-invasion-response)" in markdown


def test_markdown_findings_do_not_repeat_the_clause_name(us_e3):
    markdown = render_diff_markdown(us_e3)
    assert "- [Clause 3](#c-nato-expansion-expectation) `clause.removed` removed\n" in markdown


def test_a_field_not_known_on_one_side_is_left_out_of_the_redline():
    def draft(fields: str, draft_id: str):
        text = f'draft {draft_id} "D" {{\n}}\n\nguarantee g 1 {{\n  guarantor: US\n{fields}\n  The guarantee.\n}}\n'
        return loads(text, filename=f"{draft_id}.clause")

    old = draft("  response: sanctions\n  void-if: an attack\n", "old")
    new = draft("  unknown: response\n", "new")
    result = diff(old, new)
    change = result.changes[0]
    assert "modified" in change.kinds
    shown = "".join(op.text for op in change.words)
    assert "response" not in shown and "void-if: an attack" in shown
    text = render_diff_text(result)
    assert "(response: not known in the new draft, so not compared)" in text
    assert [f.kind for f in change.findings if f.kind.startswith("guarantee.")] == ["guarantee.void-if.changed"]


def _pair(old_body: str, new_body: str, exactness: str = "verbatim"):
    header = 'draft %s "T" {\n  exactness: ' + exactness + "\n}\n\n"
    return diff(loads(header % "a" + old_body, "a.clause"), loads(header % "b" + new_body, "b.clause"))


def test_a_changed_clause_that_is_not_verbatim_says_how_exact_each_side_is_in_every_report() -> None:
    changed = _pair(
        "clause p 1 {\n  exactness: paraphrase\n  The old words.\n\n  clause q a {\n    Sub one.\n  }\n}\n",
        "clause p 1 {\n  The new words.\n\n  clause q a {\n    Sub two.\n\n"
        "    ~ exactness: unverified\n    More.\n  }\n}\n",
    )
    text = render_diff_text(changed)
    assert "(exactness: old paraphrase, new verbatim)" in text
    # The sub-point inherits its point's exactness on the old side, and names its own paragraph on the new.
    assert "(exactness: old paraphrase, new verbatim (paragraph 2: unverified))" in text
    assert "*Exactness: old paraphrase, new verbatim.*" in render_diff_markdown(changed)
    document = diff_document(changed)
    row = next(c for c in document["changes"] if c["key"] == "q")
    assert (row["old"]["exactness"], row["new"]["exactness"]) == ("paraphrase", "verbatim")
    assert row["new"]["paragraph_exactness"] == [None, "unverified"]


def test_a_change_between_verbatim_texts_carries_no_exactness_mark() -> None:
    changed = _pair("clause p 1 {\n  The old words.\n}\n", "clause p 1 {\n  The new words.\n}\n")
    assert "exactness" not in render_diff_text(changed)
    both = _pair("clause p 1 {\n  Old.\n}\n", "clause p 1 {\n  New.\n}\n", exactness="reconstructed")
    assert "(exactness: reconstructed (both texts))" in render_diff_text(both)


def test_a_guarantee_field_known_only_from_a_paraphrase_is_marked_in_its_finding() -> None:
    guarantee = "guarantee g 1 {\n  fields-exactness: paraphrase\n  guarantor: US\n  beneficiary: UA\n%s}\n"
    parties = 'parties {\n  US "US"\n  UA "UA"\n}\n\n'
    changed = _pair(parties + guarantee % "", parties + guarantee % "  duration: 10 years\n", "reconstructed")
    (finding,) = [f for f in changed.findings() if f.kind == "guarantee.duration.changed"]
    assert finding.detail == "duration added: 10 years (fields: paraphrase)"
    # Fields of a verbatim text carry no mark; unmarked fields take their provision's exactness.
    plain = _pair(parties + guarantee % "", parties + guarantee % "  duration: 10 years\n")
    assert "fields: " in next(f.detail for f in plain.findings() if f.kind == "guarantee.duration.changed")
    unmarked = guarantee.replace("  fields-exactness: paraphrase\n", "")
    exact = _pair(parties + unmarked % "", parties + unmarked % "  duration: 10 years\n")
    assert next(f.detail for f in exact.findings() if f.kind == "guarantee.duration.changed") == (
        "duration added: 10 years"
    )
